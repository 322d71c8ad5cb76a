/**
 * The editable tree behind `<filter-builder>`'s rows: nodes with ids that stay put while rows
 * move (so Lit keeps each row's DOM and focus), converted to and from `FilterGroup` JSON, and
 * the structural edits (add, remove, move) and issue placement that work on it.
 */
import {
  isFilterGroup,
  type Combinator,
  type FieldDefinition,
  type FilterGroup,
  type FilterRule,
  type Issue,
} from '../../src/core.ts';
import { defaultValue } from './filter-builder.logic.ts';

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
  /** Grows on every edit of this condition, so only changed rows render again. */
  version: number;
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
          version: 0,
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
    version: 0,
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

/**
 * Moves node `id` one place up (-1) or down (1) among its siblings; undefined when it cannot
 * move (already first or last).
 */
export function moveNode(
  root: GroupNode,
  id: number,
  by: -1 | 1,
): { parent: GroupNode; to: number } | undefined {
  const found = locate(root, id);
  if (!found) return undefined;
  const { parent, index } = found;
  const to = index + by;
  if (to < 0 || to >= parent.children.length) return undefined;
  const [node] = parent.children.splice(index, 1);
  parent.children.splice(to, 0, node);
  return { parent, to };
}

/** Removes node `id`; returns its group and the sibling that takes its place, if any. */
export function removeNode(
  root: GroupNode,
  id: number,
): { parent: GroupNode; next: TreeNode | undefined } | undefined {
  const found = locate(root, id);
  if (!found) return undefined;
  const { parent, index } = found;
  parent.children.splice(index, 1);
  return { parent, next: parent.children[index] ?? parent.children[index - 1] };
}

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

/**
 * The issues to show: all of them after a submit attempt; before, an untouched condition does
 * not complain about its empty value, nor an empty group, and the root's "empty" issue is left
 * to the element's own message.
 */
export function visibleIssues(
  root: GroupNode,
  issues: readonly Issue[],
  showAll: boolean,
): Map<number, NodeIssues> {
  const shown = issuesByNode(root, issues);
  if (!showAll) {
    for (const [id, entry] of shown) {
      const found = locate(root, id);
      const node = found?.parent.children[found.index];
      if (node?.kind === 'rule' && !node.touched) delete entry.value;
      if (node?.kind === 'group' && node.children.length === 0) delete entry.group;
    }
  }
  const top = shown.get(root.id);
  if (top?.group?.code === 'empty-group') delete top.group;
  return shown;
}

/** The tree's filter, rebuilt only when the tree changed. */
const filters = new WeakMap<GroupNode, { revision: number; filter: FilterGroup }>();
export function toFilterCached(tree: GroupNode, revision: number): FilterGroup {
  const cached = filters.get(tree);
  if (cached && cached.revision === revision) return cached.filter;
  const filter = toFilter(tree);
  filters.set(tree, { revision, filter });
  return filter;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
