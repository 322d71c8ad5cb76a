import type { FilterGroup, FilterRule } from '../model.ts';
import { isFilterGroup } from '../model.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import {
  FIELDS,
  OPERATOR_LABELS,
  fieldById,
  type FieldDefinition,
  type Operator,
} from './fields.ts';

export interface DescribeOptions {
  /** The name a seller knows a segment by; predefined segments are named without it. */
  segmentName?: (id: string) => string | undefined;
  fields?: readonly FieldDefinition[];
}

/**
 * A plain English sentence for a filter, for list rows, confirmations and campaign summaries:
 * "Email ends with @gmail.com and Created on after 1 Jan 2024".
 *
 * It never throws: a filter that fails validation (an unknown field, a value of the wrong shape)
 * is still described as well as its parts allow, because the sentence is what helps a seller
 * see what is wrong with it.
 */
export function describeFilter(filter: FilterGroup, options: DescribeOptions = {}): string {
  try {
    const text = describeGroup(filter, options, true);
    return text || 'All customers';
  } catch {
    return 'A filter that cannot be described';
  }
}

// ---- helpers ----

function describeGroup(group: FilterGroup, options: DescribeOptions, top: boolean): string {
  const rules = Array.isArray(group?.rules) ? group.rules : [];
  const joiner = group?.combinator === 'or' ? ' or ' : ' and ';
  const parts = rules
    .map((node) => describeNode(node, options))
    .filter((part): part is string => part !== '');
  if (parts.length === 0) {
    const empty = group?.combinator === 'or' ? 'no customers' : 'all customers';
    return group?.not ? `not (${empty})` : top ? capitalise(empty) : empty;
  }
  const body = parts.join(joiner);
  if (group.not) return `not (${body})`;
  return top || parts.length === 1 ? body : `(${body})`;
}

function describeNode(node: FilterRule | FilterGroup, options: DescribeOptions): string {
  if (node === null || typeof node !== 'object') return '';
  if (isFilterGroup(node)) return describeGroup(node, options, false);
  return describeRule(node, options);
}

function describeRule(rule: FilterRule, options: DescribeOptions): string {
  const field = fieldById(options.fields ?? FIELDS, String(rule.field));
  const label = field?.label ?? String(rule.field ?? 'Unknown field');
  const operator = String(rule.operator) as Operator;
  const operatorLabel = OPERATOR_LABELS[operator] ?? String(rule.operator ?? '');
  if (operator === 'isEmpty' || operator === 'isNotEmpty') return `${label} ${operatorLabel}`;
  const value = describeValue(rule.value, field, operator, options);
  // "Created on" + "on" would read "Created on on 2 Jan 2024".
  const words = operator === 'on' && label.endsWith(' on') ? [label] : [label, operatorLabel];
  return value === '' ? words.join(' ') : [...words, value].join(' ');
}

function describeValue(
  value: unknown,
  field: FieldDefinition | undefined,
  operator: Operator,
  options: DescribeOptions,
): string {
  if (operator === 'inLast' || operator === 'notInLast') return describePeriod(value);
  if (operator === 'between' && Array.isArray(value)) {
    return `${describeOne(value[0], field, options)} and ${describeOne(value[1], field, options)}`;
  }
  if (Array.isArray(value)) {
    const joiner = operator === 'hasAll' ? 'and' : 'or';
    return list(
      value.map((item) => describeOne(item, field, options)),
      joiner,
    );
  }
  return describeOne(value, field, options);
}

function describeOne(value: unknown, field: FieldDefinition | undefined, options: DescribeOptions) {
  if (value === undefined || value === null) return '';
  switch (field?.type) {
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? rupees(value) : plain(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? value.toLocaleString('en-IN')
        : plain(value);
    case 'date':
      return typeof value === 'string' ? calendarDay(value) : plain(value);
    case 'boolean':
      return value === true ? 'yes' : value === false ? 'no' : plain(value);
    case 'segment':
      return typeof value === 'string' ? segmentName(value, options) : plain(value);
    default:
      return plain(value);
  }
}

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });

/** Money is held in paise; sellers read rupees. */
const rupees = (minorUnits: number) => RUPEES.format(minorUnits / 100);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Filter dates are calendar days, so they are formatted from their digits, never through a Date. */
function calendarDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

function describePeriod(value: unknown): string {
  if (value === null || typeof value !== 'object') return plain(value);
  const { amount, unit } = value as { amount?: unknown; unit?: unknown };
  const noun = typeof unit === 'string' ? unit.replace(/s$/, '') : 'period';
  return amount === 1 ? `1 ${noun}` : `${plain(amount)} ${noun}s`;
}

function segmentName(id: string, options: DescribeOptions): string {
  return (
    options.segmentName?.(id) ??
    PREDEFINED_SEGMENTS.find((segment) => segment.id === id)?.name ??
    id
  );
}

function list(items: string[], joiner: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
