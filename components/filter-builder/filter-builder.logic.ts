/**
 * The DOM-free decisions of `<filter-builder>` about fields and values: the field catalogue the
 * seller sees, operators in their words, which editor a value gets, how typed text becomes a
 * filter value, and the words of validation issues.
 */
import {
  FIELDS,
  normalisePhone,
  operatorWord,
  validateFilter,
  type FieldDefinition,
  type Issue,
  type Operator,
} from '../../src/core.ts';
import type { Translation } from '../shared/localize.ts';
import { parseDateInput } from './filter-builder.dates.ts';
import type { RuleNode } from './filter-builder.tree.ts';

export type FilterBuilderStrings = Translation['filterBuilder'];

// ---- the catalogue ----

/** A field a host offers: a built-in field id, relabelled or not. */
export interface FieldOption {
  id: string;
  label?: string;
}

/** The help page's fields first, then the others in the engine's order. */
const DEFAULT_ORDER = ['email', 'phone', 'createdOn'];

/**
 * The fields a seller can pick: the host's list (built-in ids, in its order, with its labels),
 * else every built-in field, labelled from the translation table.
 */
export function catalogue(
  fields: readonly FieldOption[] | undefined,
  labels: Translation['fieldLabels'],
): FieldDefinition[] {
  // The same list for the same inputs, so rows that depend on it can skip re-rendering.
  if (lastCatalogue && lastCatalogue.fields === fields && lastCatalogue.labels === labels) {
    return lastCatalogue.list;
  }
  const list = buildCatalogue(fields, labels);
  lastCatalogue = { fields, labels, list };
  return list;
}

let lastCatalogue:
  | { fields: readonly FieldOption[] | undefined; labels: object; list: FieldDefinition[] }
  | undefined;

function buildCatalogue(
  fields: readonly FieldOption[] | undefined,
  labels: Translation['fieldLabels'],
): FieldDefinition[] {
  const label = (id: string, fallback: string) =>
    (labels as Record<string, string | undefined>)[id] ?? fallback;
  if (fields?.length) {
    return fields.flatMap((option) => {
      const builtIn = FIELDS.find((f) => f.id === option.id);
      return builtIn
        ? [{ ...builtIn, label: option.label ?? label(builtIn.id, builtIn.label) }]
        : [];
    });
  }
  const ordered = [
    ...DEFAULT_ORDER.map((id) => FIELDS.find((f) => f.id === id)!),
    ...FIELDS.filter((f) => !DEFAULT_ORDER.includes(f.id)),
  ];
  return ordered.map((f) => ({ ...f, label: label(f.id, f.label) }));
}

/** An operator in the seller's words, the field type's own wording first. */
export function operatorLabel(
  type: string,
  operator: string,
  words: Translation['operators'],
): string {
  return operatorWord(words, type, operator);
}

// ---- value editors ----

export type EditorKind =
  | 'none'
  | 'text'
  | 'phone'
  | 'list'
  | 'phone-list'
  | 'date'
  | 'date-range'
  | 'relative'
  | 'number'
  | 'number-range'
  | 'money'
  | 'money-range'
  | 'boolean'
  | 'segments';

export function editorFor(field: FieldDefinition | undefined, operator: string): EditorKind {
  if (!field || operator === 'isEmpty' || operator === 'isNotEmpty') return 'none';
  const list = operator === 'in' || operator === 'notIn';
  switch (field.type) {
    case 'string':
      return list ? 'list' : 'text';
    case 'phone':
      return list ? 'phone-list' : 'phone';
    case 'date':
      return operator === 'between'
        ? 'date-range'
        : operator === 'inLast' || operator === 'notInLast'
          ? 'relative'
          : 'date';
    case 'number':
      return operator === 'between' ? 'number-range' : 'number';
    case 'money':
      return operator === 'between' ? 'money-range' : 'money';
    case 'boolean':
      return 'boolean';
    case 'tags':
      return 'list';
    case 'segment':
      return 'segments';
  }
  return 'text';
}

/** The value a fresh condition starts with: one that needs no typing where that makes sense. */
export function defaultValue(field: FieldDefinition, operator: string): unknown {
  const kind = editorFor(field, operator);
  if (kind === 'boolean') return true;
  if (kind === 'relative') return { amount: 30, unit: 'days' };
  if (kind === 'list' || kind === 'phone-list' || kind === 'segments') return [];
  if (kind.endsWith('-range')) return [null, null];
  return undefined;
}

/**
 * Whether `value` is still valid for `field` with `operator`, judged by the engine itself, so a
 * field change keeps what fits and clears what does not.
 */
export function valueFits(
  catalogue: readonly FieldDefinition[],
  field: string,
  operator: string,
  value: unknown,
): boolean {
  if (value === undefined) return false;
  try {
    const issues = validateFilter(
      { combinator: 'and', rules: [{ field, operator, value }] },
      catalogue,
    );
    return !issues.some((issue) => issue.path.startsWith('rules.0.value'));
  } catch {
    // A phone that only libphonenumber-js (not loaded yet) could read: start the value afresh.
    return false;
  }
}

/**
 * Points a condition at `field` with `operator`, keeping its value when it still fits and
 * otherwise starting the value afresh (shown without complaint until the seller edits it).
 */
export function retarget(
  rule: RuleNode,
  field: FieldDefinition,
  operator: string,
  catalogue: readonly FieldDefinition[],
): void {
  const keep = valueFits(catalogue, field.id, operator, rule.value);
  rule.field = field.id;
  rule.operator = operator;
  if (!keep) {
    rule.value = defaultValue(field, operator);
    rule.touched = false;
  }
  rule.raw = {};
}

/** Digits after the decimal point of `currency` (2 for INR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * Typed text to a filter value. What cannot be read is kept as typed, so that validateFilter
 * explains it beside the input (a number input holding "12abc" says "Enter a number").
 */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/** Major units typed ("1,250.50") to integer minor units (125050 paise). */
export function parseMoney(text: string, digits: number): number | string | undefined {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? Math.round(n * 10 ** digits) : text.trim();
}

/** Minor units to the major units shown in the input (125050 → "1250.5"). */
export function moneyText(value: unknown, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? String(value / 10 ** digits)
    : typeof value === 'string'
      ? value
      : '';
}

/** A phone as E.164 when it can be read in `country`, else as typed (validation says why). */
export function parsePhone(text: string, country: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    return normalisePhone(text, country) ?? text.trim();
  } catch {
    // libphonenumber-js has not loaded yet: kept as typed, which the filter accepts as well.
    return text.trim();
  }
}

/** The translated message of an issue, by its code (numbers get their own wording). */
export function issueText(
  issue: Issue,
  fieldType: string | undefined,
  strings: Translation['filterIssues'],
): string {
  const table = strings as Record<string, string | undefined>;
  if (issue.code === 'wrong-value-type' && (fieldType === 'number' || fieldType === 'money')) {
    return strings['wrong-number'];
  }
  return table[issue.code] ?? strings.unknown;
}

/**
 * Applies what the seller typed or chose in input `key` of a rule's editor to its value; false
 * when the value does not change (a chip still being typed).
 */
export function applyInput(
  rule: RuleNode,
  kind: EditorKind,
  key: string,
  text: string,
  options: { digits: number; country: string; lang: string },
): boolean {
  const slot = key === 'b' ? 1 : 0;
  const pair = (item: unknown) => {
    const value = Array.isArray(rule.value) ? [...rule.value] : [null, null];
    value[slot] = item ?? null;
    return value;
  };
  if (key !== 'unit') rule.raw[key] = text;
  switch (kind) {
    case 'text':
      rule.value = text === '' ? undefined : text;
      return true;
    case 'phone':
      rule.value = parsePhone(text, options.country);
      return true;
    case 'date':
      rule.value = parseDateInput(text, options.lang);
      return true;
    case 'date-range':
      rule.value = pair(parseDateInput(text, options.lang) ?? null);
      return true;
    case 'number':
      rule.value = parseNumber(text);
      return true;
    case 'number-range':
      rule.value = pair(parseNumber(text));
      return true;
    case 'money':
      rule.value = parseMoney(text, options.digits);
      return true;
    case 'money-range':
      rule.value = pair(parseMoney(text, options.digits));
      return true;
    case 'relative': {
      const current = (rule.value ?? {}) as Record<string, unknown>;
      rule.value =
        key === 'unit'
          ? { ...current, unit: text }
          : { ...current, amount: parseNumber(text), unit: current.unit ?? 'days' };
      return true;
    }
    case 'boolean':
      rule.value = text === 'true';
      return true;
    default:
      // A chip being typed changes nothing until it is added.
      return false;
  }
}

/**
 * A list with the chips of `text` added: comma-separated items (a segment id as it is), phones
 * as E.164, each once.
 */
export function withChips(
  value: unknown,
  kind: EditorKind,
  text: string,
  country: string,
): string[] {
  const list = Array.isArray(value) ? value.map(String) : [];
  const items = kind === 'segments' ? [text] : text.split(',');
  for (const item of items) {
    const trimmed = item.trim();
    if (!trimmed) continue;
    const chip = kind === 'phone-list' ? parsePhone(trimmed, country)! : trimmed;
    if (!list.includes(chip)) list.push(chip);
  }
  return list;
}

const symbols = new Map<string, string>();
export function currencySymbol(lang: string, currency: string): string {
  const key = `${lang}|${currency}`;
  let symbol = symbols.get(key);
  if (symbol === undefined) {
    try {
      symbol =
        new Intl.NumberFormat(lang, {
          style: 'currency',
          currency,
          currencyDisplay: 'narrowSymbol',
        })
          .formatToParts(0)
          .find((part) => part.type === 'currency')?.value ?? currency;
    } catch {
      symbol = currency;
    }
    symbols.set(key, symbol);
  }
  return symbol;
}

export type { Operator };
