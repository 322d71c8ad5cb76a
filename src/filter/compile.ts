/**
 * Turns a filter into a predicate over customers, for the browser (LocalAdapter, live counts)
 * and for hosts in Node. Everything that can be done once is done by resolveFilter at compile
 * time (folded text, E.164 phones, date bounds); per customer there are only property reads and
 * comparisons, so counting 100,000 customers costs about what a hand-written Array.filter does.
 */
import type { Customer } from '../model.ts';
import { SegmentError } from '../errors.ts';
import {
  resolveFilter,
  type ResolveContext,
  type ResolvedGroup,
  type ResolvedNode,
  type TagsCondition,
  type TextCondition,
  type TextInCondition,
} from './resolve.ts';
import { datePredicate } from './date-predicate.ts';
import {
  foldText,
  foldedEndsWith,
  foldedEquals,
  foldedIncludes,
  foldedOneOf,
  foldedStartsWith,
} from './text.ts';

export type CustomerPredicate = (customer: Customer) => boolean;

/**
 * A predicate that says whether a customer matches `filter` in the context `ctx` (time zone,
 * 'now', default country, segment lookup). Throws SegmentError 'invalid' (with `issues`) when
 * the filter or the context is not valid, so a bad filter never silently matches nobody.
 * "Today" (for inLast / notInLast) is fixed when the filter is compiled: compile again to move on.
 */
export function compileFilter(filter: unknown, ctx: ResolveContext = {}): CustomerPredicate {
  return compileResolved(resolveFilter(filter, ctx));
}

/**
 * The predicate of an already resolved filter. A customer's value of the wrong type (a number
 * as email, a string as ordersCount) is read as missing, never coerced; a record that cannot be
 * read at all (not an object, a throwing getter) is a SegmentError 'invalid', never a TypeError.
 */
export function compileResolved(group: ResolvedGroup): CustomerPredicate {
  const test = compileRow(group);
  // Conditions read properties by name, so a Customer is used as a plain record.
  return (customer) => {
    try {
      return test(customer as unknown as Row);
    } catch (cause) {
      throw new SegmentError('invalid', 'A customer record could not be read.', { cause });
    }
  };
}

// ---------------------------------------------------------------------------------------------

/** Lists up to this long are compared item by item rather than through a Set. */
const SHORT_LIST = 8;

type Row = Record<string, unknown>;
type RowPredicate = (row: Row) => boolean;
type Reader = (row: Row) => unknown;

/**
 * Reads of the built-in properties by name. Customer records come in many shapes (optional
 * fields), and V8 reads `row.email` measurably faster than `row[key]` from such records.
 */
const READERS: Readonly<Record<string, Reader>> = {
  id: (row) => row.id,
  email: (row) => row.email,
  phone: (row) => row.phone,
  name: (row) => row.name,
  city: (row) => row.city,
  state: (row) => row.state,
  createdAt: (row) => row.createdAt,
  firstOrderAt: (row) => row.firstOrderAt,
  lastOrderAt: (row) => row.lastOrderAt,
  ordersCount: (row) => row.ordersCount,
  totalSpent: (row) => row.totalSpent,
  spendRank: (row) => row.spendRank,
  tags: (row) => row.tags,
  acceptsMarketing: (row) => row.acceptsMarketing,
};

const reader = (property: string): Reader =>
  Object.hasOwn(READERS, property) ? READERS[property]! : (row) => row[property];

function compileRow(node: ResolvedNode): RowPredicate {
  switch (node.kind) {
    case 'group':
      return groupPredicate(node);
    case 'text':
      return textPredicate(node);
    case 'textIn':
      return textInPredicate(node);
    case 'empty': {
      const { negate } = node;
      const read = reader(node.property);
      if (node.valueType === 'tags') {
        return (row) => {
          const tags = read(row);
          return (!Array.isArray(tags) || tags.length === 0) !== negate;
        };
      }
      return (row) => {
        const value = read(row);
        return (value == null || value === '') !== negate;
      };
    }
    case 'number':
      return numberPredicate(reader(node.property), node.op, node.value);
    case 'numberBetween': {
      const { low, high } = node;
      const read = reader(node.property);
      return (row) => {
        const value = read(row) as number | null | undefined;
        return typeof value === 'number' && value >= low && value <= high;
      };
    }
    case 'date':
      return datePredicate(node, reader(node.property));
    case 'boolean': {
      const { value } = node;
      const read = reader(node.property);
      return (row) => read(row) === value;
    }
    case 'tags':
      return tagsPredicate(node);
    case 'member': {
      const { memberIds } = node;
      return (row) => memberIds.has(row.id as string);
    }
  }
}

function groupPredicate(group: ResolvedGroup): RowPredicate {
  // Every condition is pure and two-valued, so the order within a group does not change the
  // answer: testing cheap conditions first lets them rule customers out before costly ones run.
  const ordered = group.children
    .map((child, index) => ({ child, index, cost: cost(child) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index);
  const parts = ordered.map(({ child }) => compileRow(child));
  const combined = group.combinator === 'and' ? all(parts) : any(parts);
  return group.not ? (row) => !combined(row) : combined;
}

/**
 * The conjunction of predicates. Small groups get one call site per part, each always calling
 * the same function, so V8 can inline them; a loop over an array would call through one
 * polymorphic site for every part.
 */
function all(parts: RowPredicate[]): RowPredicate {
  const [a, b, c, d, e] = parts;
  switch (parts.length) {
    case 1:
      return a!;
    case 2:
      return (row) => a!(row) && b!(row);
    case 3:
      return (row) => a!(row) && b!(row) && c!(row);
    case 4:
      return (row) => a!(row) && b!(row) && c!(row) && d!(row);
    case 5:
      return (row) => a!(row) && b!(row) && c!(row) && d!(row) && e!(row);
    default: {
      const rest = all(parts.slice(4));
      return (row) => a!(row) && b!(row) && c!(row) && d!(row) && rest(row);
    }
  }
}

/** The disjunction of predicates, shaped like `all`. */
function any(parts: RowPredicate[]): RowPredicate {
  const [a, b, c, d, e] = parts;
  switch (parts.length) {
    case 1:
      return a!;
    case 2:
      return (row) => a!(row) || b!(row);
    case 3:
      return (row) => a!(row) || b!(row) || c!(row);
    case 4:
      return (row) => a!(row) || b!(row) || c!(row) || d!(row);
    case 5:
      return (row) => a!(row) || b!(row) || c!(row) || d!(row) || e!(row);
    default: {
      const rest = any(parts.slice(4));
      return (row) => a!(row) || b!(row) || c!(row) || d!(row) || rest(row);
    }
  }
}

/** A rough relative price of testing one customer, to order a group's conditions. */
function cost(node: ResolvedNode): number {
  switch (node.kind) {
    case 'group':
      return node.children.reduce((sum, child) => sum + cost(child), 0);
    case 'text':
      return node.fold ? 3 : node.op === 'equals' || node.op === 'notEquals' ? 1 : 2;
    case 'textIn':
      return node.fold ? 3 : 2;
    case 'tags':
    case 'date':
      return 4;
    default:
      return 1;
  }
}

function textPredicate(condition: TextCondition): RowPredicate {
  const { value: operand } = condition;
  const read = reader(condition.property);
  // One closure per operator, reading the property itself: a second call per customer (an
  // inner "test" function) costs a measurable share of a 100,000-customer scan.
  if (condition.fold) {
    switch (condition.op) {
      case 'equals':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value === 'string' && foldedEquals(value, operand);
        };
      case 'notEquals':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value !== 'string' || !foldedEquals(value, operand);
        };
      case 'contains':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value === 'string' && foldedIncludes(value, operand);
        };
      case 'notContains':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value !== 'string' || !foldedIncludes(value, operand);
        };
      case 'startsWith':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value === 'string' && foldedStartsWith(value, operand);
        };
      case 'endsWith':
        return (row) => {
          const value = read(row) as string | null | undefined;
          return typeof value === 'string' && foldedEndsWith(value, operand);
        };
    }
  }
  switch (condition.op) {
    case 'equals':
      return (row) => read(row) === operand;
    case 'notEquals':
      return (row) => read(row) !== operand;
    case 'contains':
      return (row) => {
        const value = read(row) as string | null | undefined;
        return typeof value === 'string' && value.includes(operand);
      };
    case 'notContains':
      return (row) => {
        const value = read(row) as string | null | undefined;
        return typeof value !== 'string' || !value.includes(operand);
      };
    case 'startsWith':
      return (row) => {
        const value = read(row) as string | null | undefined;
        return typeof value === 'string' && value.startsWith(operand);
      };
    case 'endsWith':
      return (row) => {
        const value = read(row) as string | null | undefined;
        return typeof value === 'string' && value.endsWith(operand);
      };
  }
}

function textInPredicate(condition: TextInCondition): RowPredicate {
  const { fold, negate, values } = condition;
  const read = reader(condition.property);
  // A short list is scanned in place: folding a customer's value first would copy it whenever
  // it has a capital letter ("Pune"), which costs more than a few comparisons.
  if (fold && values.length <= SHORT_LIST) {
    return (row) => {
      const value = read(row) as string | null | undefined;
      return typeof value !== 'string' ? negate : foldedOneOf(value, values) !== negate;
    };
  }
  const set = new Set(values);
  return (row) => {
    const value = read(row) as string | null | undefined;
    if (typeof value !== 'string') return negate;
    return set.has(fold ? foldText(value) : value) !== negate;
  };
}

function numberPredicate(read: Reader, op: string, operand: number): RowPredicate {
  switch (op) {
    case 'equals':
      return (row) => read(row) === operand;
    case 'notEquals':
      return (row) => read(row) !== operand;
    case 'gt':
      return (row) => {
        const value = read(row) as number | null | undefined;
        return typeof value === 'number' && value > operand;
      };
    case 'gte':
      return (row) => {
        const value = read(row) as number | null | undefined;
        return typeof value === 'number' && value >= operand;
      };
    case 'lt':
      return (row) => {
        const value = read(row) as number | null | undefined;
        return typeof value === 'number' && value < operand;
      };
    default:
      return (row) => {
        const value = read(row) as number | null | undefined;
        return typeof value === 'number' && value <= operand;
      };
  }
}

function tagsPredicate(condition: TagsCondition): RowPredicate {
  const { op, values } = condition;
  const read = reader(condition.property);
  const short = values.length <= SHORT_LIST;
  const set = new Set(values);
  const wanted = short
    ? (tag: string) => foldedOneOf(tag, values)
    : (tag: string) => set.has(foldText(tag));
  const hasAny = (row: Row) => {
    const tags = read(row);
    if (!Array.isArray(tags)) return false;
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i];
      if (typeof tag === 'string' && wanted(tag)) return true;
    }
    return false;
  };
  if (op === 'hasAny') return hasAny;
  if (op === 'hasNone') return (row) => !hasAny(row);
  return (row) => {
    const tags = read(row);
    if (!Array.isArray(tags) || tags.length < values.length) return false;
    const held = new Set<string>();
    for (const tag of tags) if (typeof tag === 'string') held.add(foldText(tag));
    for (const value of values) if (!held.has(value)) return false;
    return true;
  };
}
