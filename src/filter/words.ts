/**
 * The words a filter is read in: each operator's words and the grammar of the sentence that
 * `describeFilter` builds. The English table here is the only English wording of filters: the
 * elements' English translation table takes its `operators` and `filterSummary` sections from
 * it, and `describeFilter` uses it when it is given no other table, so the filter builder's
 * operator menu and every sentence about a filter say the same words.
 */
import type { FieldType, Operator } from './fields.ts';

/** Plural forms keyed by `Intl.PluralRules` categories; `{count}` is the formatted number. */
export type PluralWords = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & {
  readonly other: string;
};

/**
 * Each operator's words; a `type:operator` key words one field type's operator its own way
 * ("segment:in" is "is in" where a list of values reads "is one of").
 */
export type OperatorWords = Readonly<Record<Operator, string>> &
  Readonly<Partial<Record<`${FieldType}:${Operator}`, string>>>;

/** The sentence around the operators. Placeholders are `{name}`. */
export interface FilterSentenceWords {
  /** A condition with a value: `{field}`, `{operator}`, `{value}`. */
  readonly rule: string;
  /** A condition without one (is empty, is not empty). */
  readonly ruleNoValue: string;
  /** Between the conditions of an AND group. */
  readonly and: string;
  /** Between the conditions of an OR group. */
  readonly or: string;
  /** A group with NOT: `{body}`. */
  readonly not: string;
  /** An AND group without conditions. */
  readonly all: string;
  /** An OR group without conditions. */
  readonly none: string;
  /** Between the values of a list, but the last two. */
  readonly listJoin: string;
  /** Before a list's last value where any one of them matches. */
  readonly listLastOr: string;
  /** Before a list's last value where all of them must match (has all of). */
  readonly listLastAnd: string;
  /** Two ends of a range: `{from}`, `{to}`. */
  readonly range: string;
  readonly days: PluralWords;
  readonly weeks: PluralWords;
  readonly months: PluralWords;
  /** A yes/no field's values. */
  readonly yes: string;
  readonly no: string;
  /** What is said of a filter too broken to read. */
  readonly unreadable: string;
}

/** A language's words for filters, the shape of the translation tables' two filter sections. */
export interface FilterWords {
  readonly operators: OperatorWords;
  readonly filterSummary: FilterSentenceWords;
}

/** The English words, the default of `describeFilter` and the English translation table's. */
export const ENGLISH_FILTER_WORDS: FilterWords = {
  operators: {
    equals: 'is',
    notEquals: 'is not',
    contains: 'contains',
    notContains: 'does not contain',
    startsWith: 'starts with',
    endsWith: 'ends with',
    in: 'is one of',
    notIn: 'is not one of',
    isEmpty: 'is empty',
    isNotEmpty: 'is not empty',
    on: 'is on',
    before: 'is before',
    after: 'is after',
    between: 'is between',
    inLast: 'is in the last',
    notInLast: 'is not in the last',
    gt: 'more than',
    gte: 'at least',
    lt: 'less than',
    lte: 'at most',
    hasAny: 'has any of',
    hasAll: 'has all of',
    hasNone: 'has none of',
    'segment:in': 'is in',
    'segment:notIn': 'is not in',
  },
  filterSummary: {
    rule: '{field} {operator} {value}',
    ruleNoValue: '{field} {operator}',
    and: ' and ',
    or: ' or ',
    not: 'not ({body})',
    all: 'All customers',
    none: 'No customers',
    listJoin: ', ',
    listLastOr: ' or ',
    listLastAnd: ' and ',
    range: '{from} and {to}',
    days: { one: '{count} day', other: '{count} days' },
    weeks: { one: '{count} week', other: '{count} weeks' },
    months: { one: '{count} month', other: '{count} months' },
    yes: 'yes',
    no: 'no',
    unreadable: 'A filter that cannot be described',
  },
};

/** An operator in a table's words: the field type's own wording first, else the operator's. */
export function operatorWord(words: OperatorWords, type: string, operator: string): string {
  const table = words as Readonly<Record<string, string | undefined>>;
  return table[`${type}:${operator}`] ?? table[operator] ?? operator;
}
