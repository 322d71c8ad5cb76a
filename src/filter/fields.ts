/**
 * The field catalogue: which customer attributes a filter can test, their value
 * type, and which operators each type allows. Labels are the words a seller sees.
 */

export type FieldType =
  'string' | 'phone' | 'date' | 'number' | 'money' | 'tags' | 'boolean' | 'segment';

export type Operator =
  | 'equals'
  | 'notEquals'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith'
  | 'in'
  | 'notIn'
  | 'isEmpty'
  | 'isNotEmpty'
  | 'on'
  | 'before'
  | 'after'
  | 'between'
  | 'inLast'
  | 'notInLast'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'hasAny'
  | 'hasAll'
  | 'hasNone';

export interface FieldDefinition {
  id: string;
  label: string;
  type: FieldType;
  operators: readonly Operator[];
}

export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {
  string: [
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
  ],
  phone: ['equals', 'notEquals', 'startsWith', 'contains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  date: ['on', 'before', 'after', 'between', 'inLast', 'notInLast', 'isEmpty', 'isNotEmpty'],
  number: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'between'],
  money: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'between'],
  boolean: ['equals'],
  tags: ['hasAny', 'hasAll', 'hasNone', 'isEmpty', 'isNotEmpty'],
  segment: ['in', 'notIn'],
};

/**
 * Operators that are true when the value is missing.
 * `isEmpty` is handled on its own: it is true for missing, '' and [].
 */
export const NEGATIVE_OPERATORS: ReadonlySet<Operator> = new Set([
  'notEquals',
  'notContains',
  'notIn',
  'hasNone',
  'notInLast',
]);

const field = (id: string, label: string, type: FieldType): FieldDefinition => ({
  id,
  label,
  type,
  operators: OPERATORS_BY_TYPE[type],
});

/**
 * The built-in fields a filter can test, in the order a builder offers them.
 *
 * String comparisons (string fields, tags) are case-insensitive for every cased letter: both
 * sides are folded code point by code point with Unicode simple case folding plus İ → i
 * (text.ts), so 'MÜLLER' contains 'müller' and 'ΟΔΟΣ' equals 'οδος', while 'STRASSE' does not
 * equal 'straße' and accents are never stripped. compileFilter and filterToSql fold with the
 * same table, whatever the database's locale. Phones are compared as E.164 numbers.
 */
export const FIELDS: readonly FieldDefinition[] = [
  field('email', 'Email', 'string'),
  field('phone', 'Phone', 'phone'),
  field('name', 'Name', 'string'),
  field('city', 'City', 'string'),
  field('state', 'State', 'string'),
  field('createdOn', 'Created on', 'date'),
  field('firstOrderOn', 'First order on', 'date'),
  field('lastOrderOn', 'Last order on', 'date'),
  field('ordersCount', 'Number of orders', 'number'),
  field('totalSpent', 'Total spent', 'money'),
  field('spendRank', 'Spend rank', 'number'),
  field('tags', 'Tags', 'tags'),
  field('acceptsMarketing', 'Accepts marketing', 'boolean'),
  field('segment', 'Segment', 'segment'),
];

export const fieldById = (fields: readonly FieldDefinition[], id: string) =>
  fields.find((f) => f.id === id);
