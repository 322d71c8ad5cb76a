/**
 * The value of one condition, checked against its field's type and operator: the part of
 * validateFilter that knows what each operator takes ("Value shapes" in
 * resolve.ts).
 */
import { isSupportedCountry, normalisePhone } from '../phone.ts';
import type { FieldDefinition, Operator } from './fields.ts';
import { ENGLISH_FILTER_WORDS, operatorWord } from './words.ts';
import { MAX_YEAR, MIN_YEAR, isYearInRange, parseCalendarDate } from './dates.ts';
import { phoneDigits, phonePrefix } from './phone-values.ts';
import { MAX_LIST_VALUES, MAX_TEXT_LENGTH } from './limits.ts';

/** Every code validateFilter (and resolveFilter's context check) reports. Stable: hosts branch on them. */
export type FilterIssueCode =
  | 'not-a-group'
  | 'unknown-combinator'
  | 'empty-group'
  | 'too-deep'
  | 'too-many-rules'
  | 'not-a-rule'
  | 'unknown-field'
  | 'unknown-operator'
  | 'operator-not-allowed'
  | 'missing-value'
  | 'unexpected-value'
  | 'wrong-value-type'
  | 'invalid-date'
  | 'invalid-range'
  | 'empty-list'
  | 'invalid-phone'
  | 'invalid-amount'
  | 'invalid-unit'
  | 'unknown-segment'
  | 'segment-cycle'
  | 'invalid-segment'
  | 'invalid-time-zone'
  | 'invalid-now'
  | 'invalid-country'
  | 'invalid-fields'
  | 'unreadable'
  | 'too-many-values'
  | 'text-too-long'
  | 'filter-too-large'
  | 'invalid-character';

/** The largest `amount` of an inLast / notInLast value. */
export const MAX_RELATIVE_AMOUNT = 10_000;

/** A problem as code and message; undefined when there is none. */
export type Check = [code: FilterIssueCode, message: string] | undefined;

/** A problem with a value, and which part of it (a list index, 'amount') when not all of it. */
export type ValueCheck = [code: FilterIssueCode, message: string, at?: number | string] | undefined;

/** Checks a (non-segment) rule's value against its field's type and operator. */
export function checkValue(
  field: FieldDefinition,
  op: Operator,
  value: unknown,
  country: string,
): ValueCheck {
  const { label, type } = field;
  const opLabel = operatorWord(ENGLISH_FILTER_WORDS.operators, type, op);
  if (op === 'isEmpty' || op === 'isNotEmpty') {
    return value == null
      ? undefined
      : ['unexpected-value', `"${label} ${opLabel}" takes no value.`];
  }
  if (value == null) return ['missing-value', `Enter a value for ${label}.`];
  switch (type) {
    case 'string':
      if (op === 'in' || op === 'notIn') return listIssue(value, label, () => undefined);
      return textIssue(value, label);
    case 'phone': {
      const isPhone = (v: string): Check =>
        safeNormalise(v, country)
          ? undefined
          : ['invalid-phone', `${label}: "${show(v)}" is not a valid phone number.`];
      if (op === 'in' || op === 'notIn') return listIssue(value, label, isPhone);
      const text = textIssue(value, label);
      if (text) return text;
      const v = value as string;
      if (op === 'startsWith' && !phonePrefix(v, country)) {
        return ['invalid-phone', `${label}: "${show(v)}" is not the start of a phone number.`];
      }
      if (op === 'contains' && !phoneDigits(v)) {
        return ['invalid-phone', `${label}: "${show(v)}" should be digits of a phone number.`];
      }
      return op === 'equals' || op === 'notEquals' ? isPhone(v) : undefined;
    }
    case 'date':
      if (op === 'inLast' || op === 'notInLast') return relativeIssue(value, label);
      if (op === 'between') {
        return pairIssue(
          value,
          label,
          'two dates',
          (v) => dateIssue(v, label),
          (a: string, b: string) => a > b,
        );
      }
      return dateIssue(value, label);
    case 'number':
    case 'money': {
      const one = (v: unknown) => numberIssue(v, label, type === 'money');
      if (op === 'between')
        return pairIssue(value, label, 'two numbers', one, (a: number, b: number) => a > b);
      return one(value);
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : ['wrong-value-type', `Choose yes or no for ${label}.`];
    case 'tags':
      return listIssue(value, label, () => undefined);
  }
  return undefined;
}

function textIssue(value: unknown, label: string): Check {
  if (typeof value !== 'string') return ['wrong-value-type', `Enter text for ${label}.`];
  if (!value) return ['missing-value', `Enter a value for ${label}.`];
  if (value.length > MAX_TEXT_LENGTH) {
    return [
      'text-too-long',
      `${label}: a value can be at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters long.`,
    ];
  }
  // PostgreSQL cannot hold a NUL in text (the query would fail), and half of a surrogate pair
  // is no character at all: UTF-8 cannot encode it, so each side would read it differently.
  return hasBadCharacter(value)
    ? ['invalid-character', `${label}: the value holds a character that cannot be stored.`]
    : undefined;
}

/** Whether `text` holds a NUL or a lone surrogate (half of a UTF-16 pair). */
export function hasBadCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}

export function listIssue(value: unknown, label: string, item: (v: string) => Check): ValueCheck {
  if (!Array.isArray(value)) return ['wrong-value-type', `Choose one or more values for ${label}.`];
  if (value.length === 0) return ['empty-list', `Choose at least one value for ${label}.`];
  if (value.length > MAX_LIST_VALUES) {
    return [
      'too-many-values',
      `${label}: choose at most ${MAX_LIST_VALUES.toLocaleString('en-US')} values.`,
    ];
  }
  for (let i = 0; i < value.length; i++) {
    const found = textIssue(value[i], label) ?? item(value[i] as string);
    if (found) return [found[0], found[1], i];
  }
  return undefined;
}

function dateIssue(value: unknown, label: string): Check {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return ['invalid-date', `${label}: enter a date as YYYY-MM-DD.`];
  }
  if (parseCalendarDate(value) === undefined) {
    return ['invalid-date', `${label}: ${value} is not a real date.`];
  }
  return isYearInRange(value)
    ? undefined
    : ['invalid-date', `${label}: choose a date between the years ${MIN_YEAR} and ${MAX_YEAR}.`];
}

function numberIssue(value: unknown, label: string, money: boolean): Check {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return ['wrong-value-type', `Enter a number for ${label}.`];
  }
  if (money && !Number.isSafeInteger(value)) {
    return [
      'wrong-value-type',
      `${label} is in the currency's smallest unit (like paise): enter a whole number.`,
    ];
  }
  return undefined;
}

/** A `between` value: [low, high], each valid, low not after high. */
function pairIssue<T>(
  value: unknown,
  label: string,
  what: string,
  item: (v: unknown) => Check,
  outOfOrder: (low: T, high: T) => boolean,
): ValueCheck {
  if (!Array.isArray(value) || value.length !== 2) {
    return ['wrong-value-type', `${label}: enter ${what}, from and to.`];
  }
  for (let i = 0; i < 2; i++) {
    const found = item(value[i]);
    if (found) return [found[0], found[1], i];
  }
  return outOfOrder(value[0] as T, value[1] as T)
    ? ['invalid-range', `${label}: the first value must not be after the second.`]
    : undefined;
}

function relativeIssue(value: unknown, label: string): ValueCheck {
  if (!isObject(value)) {
    return ['wrong-value-type', `${label}: enter a number of days, weeks or months.`];
  }
  const { amount, unit } = value;
  if (
    typeof amount !== 'number' ||
    !Number.isInteger(amount) ||
    amount < 1 ||
    amount > MAX_RELATIVE_AMOUNT
  ) {
    return [
      'invalid-amount',
      `${label}: enter a whole number from 1 to ${MAX_RELATIVE_AMOUNT.toLocaleString('en-US')}.`,
      'amount',
    ];
  }
  if (unit !== 'days' && unit !== 'weeks' && unit !== 'months') {
    return ['invalid-unit', `${label}: choose days, weeks or months.`, 'unit'];
  }
  return undefined;
}

/** normalisePhone for any country string: an unknown country reads no number. */
const safeNormalise = (value: string, country: string): string | undefined =>
  isSupportedCountry(country) ? normalisePhone(value, country) : undefined;

/** Text to quote inside a message: short, so a pasted essay does not become the message. */
export function show(value: unknown): string {
  // String() would throw on a null-prototype object or a symbol; only text and numbers are shown.
  const text =
    typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
