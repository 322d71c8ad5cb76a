/**
 * The documented size limits (README "Limits"): a filter at every limit is valid and runs on
 * SQLite and PostgreSQL (their bound-parameter counts are the reason for the limits); one past
 * any limit is refused by validateFilter with its code, and by compileFilter / filterToSql as
 * SegmentError('invalid'). Also: NUL and lone surrogates are refused, and a filter is read and
 * validated once per compile.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_LIST_VALUES,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
  compileFilter,
  filterToSql,
  isSegmentError,
  validateFilter,
  type Customer,
  type FilterGroup,
  type FilterRule,
  type SegmentLookup,
} from '../../src/core.ts';
import { everyDatabase } from './helpers/sql-databases.ts';

const all = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const any = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'or', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule => ({
  field,
  operator,
  value,
});
const codes = (filter: unknown, lookup?: SegmentLookup) =>
  validateFilter(filter, undefined, { segments: lookup }).map((i) => `${i.path} ${i.code}`);

/** `n` distinct texts of exactly `length` characters. */
const texts = (n: number, length: number, prefix = 'v') =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`.padEnd(length, 'x'));

describe('documented limits', () => {
  test('the numbers the README documents', () => {
    assert.deepEqual(
      [
        MAX_DEPTH,
        MAX_RULES,
        MAX_EXPANDED_RULES,
        MAX_LIST_VALUES,
        MAX_TOTAL_VALUES,
        MAX_TEXT_LENGTH,
        MAX_TOTAL_TEXT,
      ],
      [5, 100, 1_000, 1_000, 10_000, 1_000, 100_000],
    );
  });

  test('a list of 1,000 values is valid; 1,001 is refused with too-many-values', () => {
    assert.deepEqual(codes(all(rule('city', 'in', texts(1_000, 5)))), []);
    assert.deepEqual(codes(all(rule('city', 'in', texts(1_001, 5)))), [
      'rules.0.value too-many-values',
    ]);
    for (const op of ['notIn']) {
      assert.deepEqual(codes(all(rule('name', op, texts(1_001, 5)))), [
        'rules.0.value too-many-values',
      ]);
    }
    for (const op of ['hasAny', 'hasAll', 'hasNone']) {
      assert.deepEqual(codes(all(rule('tags', op, texts(1_000, 5)))), []);
      assert.deepEqual(codes(all(rule('tags', op, texts(1_001, 5)))), [
        'rules.0.value too-many-values',
      ]);
    }
    const ids = Array.from({ length: 1_001 }, () => 'returning-customers');
    assert.deepEqual(codes(all(rule('segment', 'in', ids))), ['rules.0.value too-many-values']);
  });

  test('10,000 list values in all are valid; 10,001 are refused', () => {
    const lists = (last: number) =>
      all(
        ...Array.from({ length: 10 }, (_, i) =>
          rule('tags', 'hasAny', texts(i === 9 ? last : 1_000, 5, `t${i}-`)),
        ),
      );
    assert.deepEqual(codes(lists(1_000)), []);
    const over = all(...lists(1_000).rules, rule('city', 'in', ['pune']));
    assert.deepEqual(codes(over), ['rules too-many-values']);
  });

  test('a value of 1,000 characters is valid; 1,001 is refused with text-too-long', () => {
    assert.deepEqual(codes(all(rule('name', 'contains', 'a'.repeat(1_000)))), []);
    assert.deepEqual(codes(all(rule('name', 'contains', 'a'.repeat(1_001)))), [
      'rules.0.value text-too-long',
    ]);
    assert.deepEqual(codes(all(rule('tags', 'hasAny', ['ok', 'a'.repeat(1_001)]))), [
      'rules.0.value.1 text-too-long',
    ]);
  });

  test('100,000 characters of values are valid; one more is refused with filter-too-large', () => {
    const full = all(rule('city', 'in', texts(100, 1_000)));
    assert.deepEqual(codes(full), []);
    assert.deepEqual(codes(all(...full.rules, rule('name', 'equals', 'x'))), [
      'rules filter-too-large',
    ]);
  });

  test('100 conditions and 5 levels are valid; 101 and 6 are refused', () => {
    const hundred = Array.from({ length: 100 }, () => rule('ordersCount', 'gte', 1));
    assert.deepEqual(codes(all(...hundred)), []);
    assert.deepEqual(codes(all(...hundred, rule('ordersCount', 'gte', 1))), [
      'rules too-many-rules',
    ]);
    let deep: FilterGroup = all(rule('ordersCount', 'gte', 1));
    for (let level = 1; level < 5; level++) deep = all(deep);
    assert.deepEqual(codes(deep), []);
    assert.deepEqual(codes(all(deep)), ['rules.0.rules.0.rules.0.rules.0.rules.0 too-deep']);
  });

  test('limits count the segments a filter includes', () => {
    const segment: FilterGroup = all(rule('tags', 'hasAny', texts(1_000, 10)));
    const lookup: SegmentLookup = (id) => (id.startsWith('s') ? { filter: segment } : undefined);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    // Nine segments of 1,000 values each, plus their nine ids: 9,009 values, 90,018 characters.
    assert.deepEqual(codes(all(rule('segment', 'in', ids(9))), lookup), []);
    // Ten: 10,010 values and 100,020 characters.
    assert.deepEqual(codes(all(rule('segment', 'in', ids(10))), lookup), [
      'rules too-many-values',
      'rules filter-too-large',
    ]);
  });

  test('compileFilter and filterToSql refuse what validateFilter refuses, with the same code', () => {
    const over = all(rule('city', 'in', texts(1_001, 5)));
    const refused = (run: () => unknown) =>
      assert.throws(
        run,
        (e: unknown) => isSegmentError(e, 'invalid') && e.issues[0]?.code === 'too-many-values',
      );
    refused(() => compileFilter(over));
    refused(() => filterToSql(over, { dialect: 'postgres' }));
    refused(() => filterToSql(over, { dialect: 'sqlite' }));
  });
});

describe('values a database cannot take', () => {
  const bad = ['a\u0000b', '\u0000', 'x\ud800', '\udc00y', 'a\udc00\ud800b', '\ud83d'];

  test('NUL and lone surrogates are refused with invalid-character, wherever text goes', () => {
    for (const value of bad) {
      const where = JSON.stringify(value);
      assert.deepEqual(
        codes(all(rule('name', 'contains', value))),
        ['rules.0.value invalid-character'],
        where,
      );
      assert.deepEqual(
        codes(all(rule('city', 'in', ['pune', value]))),
        ['rules.0.value.1 invalid-character'],
        where,
      );
      assert.deepEqual(
        codes(all(rule('tags', 'hasAll', [value]))),
        ['rules.0.value.0 invalid-character'],
        where,
      );
      assert.deepEqual(
        codes(all(rule('segment', 'in', [value]))),
        ['rules.0.value.0 invalid-character'],
        where,
      );
    }
  });

  test('a whole surrogate pair (an emoji, a Deseret letter) is ordinary text', () => {
    assert.deepEqual(codes(all(rule('name', 'contains', '😀'))), []);
    assert.deepEqual(codes(all(rule('tags', 'hasAny', ['\u{10400}x']))), []);
  });
});

describe('the largest valid filter runs on every database', () => {
  const customers: Customer[] = [
    {
      id: 'a',
      name: 'V9X5'.padEnd(100, 'x'),
      tags: ['t3-7xxxxx', 'T0-0XXXXX', 'Ünal', 'ΟΔΟΣ', 'İx', '\u212A1', 'ſ2', 'ß', 'Ж', 'x'],
      createdAt: '2024-01-01T00:00:00Z',
      ordersCount: 1,
      totalSpent: 10,
    },
    {
      id: 'b',
      name: 'Ünal',
      tags: ['t9-998xxx'],
      createdAt: '2024-01-02T00:00:00Z',
      ordersCount: 0,
      totalSpent: 0,
    },
    { id: 'c', createdAt: '2024-01-03T00:00:00Z', ordersCount: 2, totalSpent: 99 },
  ];

  const databases = everyDatabase(customers);

  async function sameEverywhere(filter: FilterGroup, lookup?: SegmentLookup) {
    const expected = customers.filter(compileFilter(filter, { segments: lookup })).map((c) => c.id);
    for (const db of databases) {
      const { sql, params } = filterToSql(filter, { dialect: db.dialect, segments: lookup });
      assert.deepEqual(await db.ids(sql, params), expected, db.name);
    }
    return expected;
  }

  test('most bound parameters: 1,000 conditions through segments holding 9,900 tag values', async () => {
    // Each segment: 10 hasAll lists of 99 tags (one parameter each) and 90 startsWith
    // conditions (two parameters each on SQLite). Ten segments: 1,000 conditions, 9,900 values.
    const segment = (s: number): FilterGroup =>
      any(
        ...Array.from({ length: 10 }, (_, i) => rule('tags', 'hasAll', texts(99, 9, `t${s}-${i}`))),
        ...Array.from({ length: 90 }, (_, i) => rule('name', 'startsWith', `v${s}x${i}`)),
      );
    const lookup: SegmentLookup = (id) => ({ filter: segment(Number(id.slice(1))) });
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const filter = any(...ids.map((id) => rule('segment', 'in', [id])));
    assert.deepEqual(validateFilter(filter, undefined, { segments: lookup }), []);
    const sqlite = filterToSql(filter, { dialect: 'sqlite', segments: lookup });
    assert.ok(sqlite.params.length > 10_000, `${sqlite.params.length} parameters`);
    assert.deepEqual(await sameEverywhere(filter, lookup), ['a']);
  });

  test('the longest list of the longest values: 100 values of 1,000 characters, folded', async () => {
    const values = [...texts(99, 1_000, 'Ü'), 'v7'.padEnd(100, 'X').padEnd(1_000, 'é')];
    values[0] = 'ÜNAL';
    const filter = any(rule('name', 'in', values), rule('tags', 'hasAny', ['T3-7XXXXX']));
    assert.deepEqual(validateFilter(filter), []);
    assert.deepEqual(await sameEverywhere(filter), ['a', 'b']);
  });

  test('hasAll over more than 8 values folds like the rest (one subquery per condition)', async () => {
    const wanted = ['T3-7XXXXX', 't0-0xxxxx', 'üNAL', 'οδος', 'ix', 'k1', 'S2', 'ẞ', 'ж', 'X'];
    assert.deepEqual(await sameEverywhere(all(rule('tags', 'hasAll', wanted))), ['a']);
    assert.deepEqual(await sameEverywhere(all(rule('tags', 'hasAll', [...wanted, 'y']))), []);
    assert.deepEqual(await sameEverywhere(any(rule('tags', 'hasAll', ['ss', ...wanted]))), []);
  });

  test('1,000 values in one list, in, notIn and tags', async () => {
    const values = texts(1_000, 9, 't9-');
    values[998] = 'T9-998XXX';
    for (const [filter, expected] of [
      [all(rule('tags', 'hasAny', values)), ['b']],
      [all(rule('tags', 'hasNone', values)), ['a', 'c']],
      [all(rule('name', 'notIn', values)), ['a', 'b', 'c']],
    ] as const) {
      assert.deepEqual(await sameEverywhere(filter), expected);
    }
  });
});

describe('a filter is read and validated once per compile', () => {
  /** A rule whose every property read is counted. */
  function countedRule(counts: Map<string, number>, base: FilterRule): FilterRule {
    return new Proxy(base, {
      get(target, key, receiver) {
        if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
  }

  for (const [name, run] of [
    [
      'compileFilter',
      (f: FilterGroup, lookup: SegmentLookup) => compileFilter(f, { segments: lookup }),
    ],
    [
      'filterToSql',
      (f: FilterGroup, lookup: SegmentLookup) =>
        filterToSql(f, { dialect: 'postgres', segments: lookup }),
    ],
    [
      'validateFilter',
      (f: FilterGroup, lookup: SegmentLookup) => validateFilter(f, undefined, { segments: lookup }),
    ],
  ] as const) {
    test(`${name} reads each property once and looks each segment up once`, () => {
      const counts = new Map<string, number>();
      const lookups: string[] = [];
      const lookup: SegmentLookup = (id) => {
        lookups.push(id);
        return { filter: all(countedRule(counts, rule('city', 'equals', 'Pune'))) };
      };
      const filter = all(
        countedRule(counts, rule('name', 'contains', 'rao')),
        rule('segment', 'in', ['pune', 'pune']),
        rule('segment', 'notIn', ['pune']),
      );
      run(filter, lookup);
      assert.deepEqual(lookups, ['pune']);
      assert.deepEqual(Object.fromEntries(counts), { field: 2, operator: 2, value: 2 });
    });
  }
});
