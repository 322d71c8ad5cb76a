/**
 * The DOM-free decisions of `<filter-builder>`: the editable tree behind the rows (ids that stay
 * put while rows move), the field catalogue the seller sees, which editor a value gets, how typed
 * text becomes a filter value, and which control each validation issue belongs to.
 */
import {
  FIELDS,
  isFilterGroup,
  normalisePhone,
  validateFilter,
  type Combinator,
  type FieldDefinition,
  type FilterGroup,
  type FilterRule,
  type Issue,
  type Operator,
} from '../../src/core.ts';
import type { Translation } from '../shared/localize.ts';

export type FilterBuilderStrings = Translation['filterBuilder'];

export interface RuleNode {
  kind: 'rule';
  id: number;
  field: string;
  operator: string;
  value: unknown;
  /** What the seller typed, per input ('a', 'b', 'amount', 'chip'), while it differs from `value`. */
  raw: Record<string, string>;
  /** Edited or left by the seller: its value issues are shown from then on. */
  touched: boolean;
}

export interface GroupNode {
  kind: 'group';
  id: number;
  combinator: Combinator;
  not: boolean;
  children: TreeNode[];
}

export type TreeNode = RuleNode | GroupNode;

let nextId = 1;

/** The tree for a filter; anything that is not a group gives an empty one. */
export function fromFilter(filter: unknown): GroupNode {
  const group = (g: FilterGroup): GroupNode => ({
    kind: 'group',
    id: nextId++,
    combinator: g.combinator === 'or' ? 'or' : 'and',
    not: g.not === true,
    children: (Array.isArray(g.rules) ? g.rules : []).filter(isObject).map(node),
  });
  const node = (n: FilterRule | FilterGroup): TreeNode =>
    isFilterGroup(n)
      ? group(n)
      : {
          kind: 'rule',
          id: nextId++,
          field: String(n.field ?? ''),
          operator: String(n.operator ?? ''),
          value: n.value,
          raw: {},
          touched: true,
        };
  return isObject(filter) && 'rules' in filter
    ? group(filter as unknown as FilterGroup)
    : emptyGroup();
}

/** The `FilterGroup` JSON of a tree; `not` only when set, `value` only when there is one. */
export function toFilter(group: GroupNode): FilterGroup {
  const out: FilterGroup = { combinator: group.combinator, rules: [] };
  if (group.not) out.not = true;
  for (const child of group.children) {
    if (child.kind === 'group') out.rules.push(toFilter(child));
    else {
      const rule: FilterRule = { field: child.field, operator: child.operator };
      if (child.value !== undefined) rule.value = child.value;
      out.rules.push(rule);
    }
  }
  return out;
}

export const emptyGroup = (): GroupNode => ({
  kind: 'group',
  id: nextId++,
  combinator: 'and',
  not: false,
  children: [],
});

/** A new condition on the first field of the catalogue, with that field's first operator. */
export function newRule(catalogue: readonly FieldDefinition[]): RuleNode {
  const field = catalogue[0];
  const operator = field?.operators[0] ?? '';
  return {
    kind: 'rule',
    id: nextId++,
    field: field?.id ?? '',
    operator,
    value: field ? defaultValue(field, operator) : undefined,
    raw: {},
    touched: false,
  };
}

/** The group holding the node `id`, and its position there. */
export function locate(
  root: GroupNode,
  id: number,
): { parent: GroupNode; index: number } | undefined {
  for (let index = 0; index < root.children.length; index++) {
    const child = root.children[index];
    if (child.id === id) return { parent: root, index };
    if (child.kind === 'group') {
      const found = locate(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The number of conditions in the tree, over all groups. */
export const countRules = (group: GroupNode): number =>
  group.children.reduce((n, c) => n + (c.kind === 'rule' ? 1 : countRules(c)), 0);

/** The nesting level of group `id` (the root is 1). */
export function depthOf(root: GroupNode, id: number, depth = 1): number {
  if (root.id === id) return depth;
  for (const child of root.children) {
    if (child.kind === 'group') {
      const found = depthOf(child, id, depth + 1);
      if (found) return found;
    }
  }
  return 0;
}

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
  const table = words as Record<string, string | undefined>;
  return table[`${type}:${operator}`] ?? table[operator] ?? operator;
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
  const issues = validateFilter(
    { combinator: 'and', rules: [{ field, operator, value }] },
    catalogue,
  );
  return !issues.some((issue) => issue.path.startsWith('rules.0.value'));
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
export const parsePhone = (text: string, country: string): string | undefined =>
  text.trim() === '' ? undefined : (normalisePhone(text, country) ?? text.trim());

// ---- issues ----

/** The issues of one node, by the part of it they concern. */
export interface NodeIssues {
  group?: Issue;
  field?: Issue;
  operator?: Issue;
  /** `at`: the part of the value (0 or 1 of a range, a list index, 'amount'). */
  value?: Issue & { at?: string };
}

/**
 * Which node and control each of validateFilter's issues belongs to, walking its `path`
 * ("rules.2.rules.0.value.1") down the tree. The first issue per control wins.
 */
export function issuesByNode(root: GroupNode, issues: readonly Issue[]): Map<number, NodeIssues> {
  const byNode = new Map<number, NodeIssues>();
  for (const issue of issues) {
    const parts = issue.path.split('.');
    let node: TreeNode = root;
    let i = 0;
    while (node.kind === 'group' && parts[i] === 'rules' && parts[i + 1] !== undefined) {
      const child: TreeNode | undefined = node.children[Number(parts[i + 1])];
      if (!child) break;
      node = child;
      i += 2;
    }
    const entry = byNode.get(node.id) ?? {};
    const part = parts[i];
    if (node.kind === 'group') entry.group ??= issue;
    else if (part === 'field') entry.field ??= issue;
    else if (part === 'operator') entry.operator ??= issue;
    else entry.value ??= { ...issue, at: parts[i + 1] };
    byNode.set(node.id, entry);
  }
  return byNode;
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type { Operator };
