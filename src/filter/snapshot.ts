/**
 * A filter copied into plain data before anything looks at it. A filter can come from anywhere
 * — a REST body, a stored record, a host's object with getters or a Proxy — and each read of
 * such an object may throw or answer differently the next time. The engine therefore reads
 * every property exactly once, here, inside one try, and validates and compiles the copy: a
 * throwing getter becomes an issue, and what was validated is exactly what is compiled.
 *
 * The copy is bounded so that enormous or cyclic input costs little: lists are cut one past
 * their limit (so validation still says "too many"), groups one level past the deepest allowed,
 * and the walk stops one node past the most a valid filter can have.
 */
import { MAX_DEPTH, MAX_LIST_VALUES, MAX_NODES } from './limits.ts';
import type { FieldDefinition, FieldType, Operator } from './fields.ts';

/** A copy of a filter, or why it could not be read. */
export type Snapshot = { ok: true; value: unknown } | { ok: false; cause: unknown };

/** Copies `filter` into plain data (see above). Never throws. */
export function snapshotFilter(filter: unknown): Snapshot {
  try {
    return { ok: true, value: new Copier().node(filter, 1) };
  } catch (cause) {
    return { ok: false, cause };
  }
}

/**
 * A host's field catalogue as plain data: null when it is not a list; entries that are not
 * field definitions (no string id, no operator list) are left out, so no rule can use them.
 * Never throws.
 */
export function snapshotFields(fields: unknown): FieldDefinition[] | null {
  try {
    if (!Array.isArray(fields)) return null;
    const copied: FieldDefinition[] = [];
    const length = Math.min(fields.length, MAX_FIELDS);
    for (let i = 0; i < length; i++) {
      const field: unknown = fields[i];
      if (typeof field !== 'object' || field === null) continue;
      const { id, label, type, operators } = field as Record<string, unknown>;
      if (typeof id !== 'string' || typeof type !== 'string' || !Array.isArray(operators)) continue;
      const ops = Array.from(operators).filter((op): op is Operator => typeof op === 'string');
      copied.push({
        id,
        label: typeof label === 'string' ? label : id,
        type: type as FieldType,
        operators: ops,
      });
    }
    return copied;
  } catch {
    return null;
  }
}

/** Catalogues longer than this are cut: no host offers sellers thousands of fields. */
const MAX_FIELDS = 1_000;

class Copier {
  private nodes = 0;

  node(node: unknown, depth: number): unknown {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return copyValue(node);
    const record = node as Record<string, unknown>;
    if (!('rules' in record)) return this.rule(record);
    const rules = record.rules;
    const group: Record<string, unknown> = {
      combinator: record.combinator,
      not: record.not,
      rules: Array.isArray(rules) ? [] : copyValue(rules),
    };
    if (!Array.isArray(rules)) return group;
    // Past the deepest level allowed, validation reports the group itself: its rules are not
    // needed (and a cyclic filter would otherwise be copied over and over).
    if (depth > MAX_DEPTH) return { ...group, rules: [] };
    const copied: unknown[] = [];
    const length = rules.length;
    for (let i = 0; i < length && this.nodes <= MAX_NODES; i++) {
      this.nodes++;
      copied.push(this.node(rules[i], depth + 1));
    }
    group.rules = copied;
    return group;
  }

  private rule(record: Record<string, unknown>): unknown {
    return {
      field: record.field,
      operator: record.operator,
      value: copyValue(record.value),
    };
  }
}

/** A rule's value: primitives as they are, lists cut past their limit, objects' known keys. */
function copyValue(value: unknown, nesting = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const length = Math.min(value.length, MAX_LIST_VALUES + 1);
    const copied: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item: unknown = value[i];
      copied.push(nesting === 0 ? copyValue(item, 1) : typeof item === 'object' ? {} : item);
    }
    return copied;
  }
  if (nesting > 0) return {};
  const record = value as Record<string, unknown>;
  return { amount: record.amount, unit: record.unit };
}
