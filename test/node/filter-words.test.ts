import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENGLISH_FILTER_WORDS,
  FIELDS,
  describeFilter,
  type FilterGroup,
  type FilterWords,
} from '../../src/core.ts';
import { en } from '../../components/shared/translations/en.ts';
import { hi } from '../../components/shared/translations/hi.ts';

/** Every operator of the filter JSON, written out here rather than read from the code. */
const OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
  'on',
  'before',
  'after',
  'between',
  'inLast',
  'notInLast',
  'gt',
  'gte',
  'lt',
  'lte',
  'hasAny',
  'hasAll',
  'hasNone',
];

const TABLES = { en, hi };

test('every operator has its own words in every language', () => {
  for (const [lang, table] of Object.entries(TABLES)) {
    const words = table.operators as Record<string, string | undefined>;
    for (const operator of OPERATORS) {
      const word = words[operator];
      assert.ok(word && word.trim() === word && !/[{}]/.test(word), `${lang} ${operator}: ${word}`);
    }
    // Hindi words are Hindi, not English left behind.
    if (lang === 'hi') {
      for (const operator of OPERATORS) assert.match(words[operator]!, /[\u0900-\u097F]/);
    }
  }
});

test('every operator a built-in field offers is worded for that field in every language', () => {
  for (const [lang, table] of Object.entries(TABLES)) {
    const words = table.operators as Record<string, string | undefined>;
    for (const field of FIELDS) {
      for (const operator of field.operators) {
        const word = words[`${field.type}:${operator}`] ?? words[operator];
        assert.ok(word, `${lang}: ${field.id} ${operator}`);
      }
    }
  }
});

test('English has one table: the translation table’s filter words are describeFilter’s', () => {
  assert.equal(en.operators, ENGLISH_FILTER_WORDS.operators);
  assert.equal(en.filterSummary, ENGLISH_FILTER_WORDS.filterSummary);
  // The words that used to disagree between the sentence and the operator menu.
  assert.equal(
    describeFilter({
      combinator: 'and',
      rules: [
        { field: 'createdOn', operator: 'on', value: '2024-01-02' },
        { field: 'segment', operator: 'in', value: ['first-time-customers'] },
      ],
    }),
    'Created on is on 2 Jan 2024 and Segment is in First Time Customers',
  );
});

test('each operator of each field reads in the sentence with the word its menu offers', () => {
  const words = en.operators as Record<string, string>;
  for (const field of FIELDS) {
    for (const operator of field.operators) {
      const menu = words[`${field.type}:${operator}`] ?? words[operator];
      const sentence = describeFilter({
        combinator: 'and',
        rules: [{ field: field.id, operator, value: undefined }],
      });
      assert.equal(sentence, `${field.label} ${menu}`, `${field.id} ${operator}`);
    }
  }
});

test('given another table, the sentence has no English word of its own', () => {
  // A made-up language: each word of the English table in guillemets.
  const mark = (text: string) =>
    text
      .split(/(\{\w+\})/)
      .map((part, i) =>
        i % 2 ? part : part.replace(/[A-Za-z][A-Za-z ]*[A-Za-z]|[A-Za-z]/g, '«$&»'),
      )
      .join('');
  const markAll = (value: unknown): unknown =>
    typeof value === 'string'
      ? mark(value)
      : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, markAll(v)]));
  const words = markAll(ENGLISH_FILTER_WORDS) as FilterWords;
  const fields = FIELDS.map((field) => ({ ...field, label: field.id }));
  const filter: FilterGroup = {
    combinator: 'or',
    rules: [
      { field: 'tags', operator: 'hasAll', value: ['x', 'y', 'z'] },
      { field: 'city', operator: 'in', value: ['p', 'q'] },
      { field: 'lastOrderOn', operator: 'inLast', value: { amount: 1, unit: 'weeks' } },
      { field: 'createdOn', operator: 'notInLast', value: { amount: 3, unit: 'days' } },
      { field: 'ordersCount', operator: 'between', value: [2, 5] },
      { combinator: 'and', not: true, rules: [{ field: 'state', operator: 'isEmpty' }] },
      { field: 'acceptsMarketing', operator: 'equals', value: true },
      { combinator: 'and', rules: [] },
    ],
  };
  assert.equal(
    describeFilter(filter, { words, fields }),
    'tags «has all of» x, y «and» z «or» city «is one of» p «or» q «or» ' +
      'lastOrderOn «is in the last» 1 «week» «or» createdOn «is not in the last» 3 «days» «or» ' +
      'ordersCount «is between» 2 «and» 5 «or» «not» (state «is empty») «or» ' +
      'acceptsMarketing «is» «yes» «or» «All customers»',
  );
});

test('a filter reads in Hindi from the Hindi table, plural forms included', () => {
  const fields = FIELDS.map((field) => ({ ...field, label: hi.fieldLabels[field.id as 'city'] }));
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'city', operator: 'in', value: ['पुणे', 'Mumbai'] },
      { field: 'lastOrderOn', operator: 'inLast', value: { amount: 1, unit: 'weeks' } },
      { field: 'createdOn', operator: 'notInLast', value: { amount: 2, unit: 'months' } },
      { field: 'acceptsMarketing', operator: 'equals', value: false },
    ],
  };
  const sentence = describeFilter(filter, { words: hi, fields, lang: 'hi' });
  const w = hi.operators;
  assert.equal(
    sentence,
    `${hi.fieldLabels.city} ${w.in}: पुणे या Mumbai और ` +
      `${hi.fieldLabels.lastOrderOn} ${w.inLast}: 1 हफ़्ता और ` +
      `${hi.fieldLabels.createdOn} ${w.notInLast}: 2 महीने और ` +
      `${hi.fieldLabels.acceptsMarketing} ${w.equals}: नहीं`,
  );
  assert.doesNotMatch(sentence, /\b(and|or|is|weeks?|months?|no)\b/);
});

test('a broken table or filter still gives a sentence, in the table’s words', () => {
  const words: FilterWords = {
    ...ENGLISH_FILTER_WORDS,
    filterSummary: { ...ENGLISH_FILTER_WORDS.filterSummary, unreadable: 'Unreadable filter' },
  };
  const throwing = {
    combinator: 'and',
    get rules(): never {
      throw new Error('hostile');
    },
  } as unknown as FilterGroup;
  assert.equal(describeFilter(throwing, { words }), 'Unreadable filter');
  assert.equal(describeFilter(throwing), 'A filter that cannot be described');
  // An invalid language tag costs nothing but its plural rules.
  assert.equal(
    describeFilter(
      {
        combinator: 'and',
        rules: [{ field: 'lastOrderOn', operator: 'inLast', value: { amount: 1, unit: 'days' } }],
      },
      { lang: 'not a language!' },
    ),
    'Last order on is in the last 1 day',
  );
});
