import type { Customer } from '../../model.ts';
import { compileResolved } from '../../filter/compile.ts';
import { columnInstant } from '../../filter/date-predicate.ts';
import type {
  DateCondition,
  NumberBetweenCondition,
  NumberCondition,
  ResolvedGroup,
  ResolvedNode,
} from '../../filter/resolve.ts';
import { TagColumn, TextColumn, type Selector } from './text-columns.ts';

/**
 * Column copies of the customers' numbers, dates, text and tags, each built the first time a
 * filter needs it and kept for the data version. Testing a record costs property reads through
 * many object shapes (customers differ in which optional fields they have) and strings spread
 * over the heap; testing a column is a walk through one array. So the conditions of a top-level
 * `and` that a column can answer run first, cheapest first, each over the customers still in;
 * only the survivors meet the remaining conditions, through the compiled predicate.
 */
export class CustomerColumns {
  private readonly built = new Map<string, Column | null>();
  private readonly queued = new Map<string, () => Column | null>();
  private scheduled = false;

  constructor(
    private readonly customers: readonly Customer[],
    private readonly options: ColumnOptions = {},
  ) {}

  /** Indices (ascending) of the customers that match `group`. */
  matching(group: ResolvedGroup): Int32Array {
    const columnar: { selector: Selector; cost: number }[] = [];
    const rest: ResolvedNode[] = [];
    if (group.combinator === 'and' && !group.not) {
      for (const child of group.children) {
        const selector = this.selector(child);
        if (selector) columnar.push({ selector, cost: child.kind === 'text' ? 1 : 0 });
        else rest.push(child);
      }
    } else {
      rest.push(group);
    }
    columnar.sort((a, b) => a.cost - b.cost);
    let selected: Int32Array | null = null;
    for (const { selector } of columnar) selected = selector(selected, this.customers.length);
    if (!rest.length) return selected ?? everyIndex(this.customers.length);
    const predicate = compileResolved({
      kind: 'group',
      combinator: 'and',
      not: false,
      children: rest,
    });
    const { customers } = this;
    if (!selected) {
      const found = new Int32Array(customers.length);
      let n = 0;
      for (let i = 0; i < customers.length; i++) if (predicate(customers[i]!)) found[n++] = i;
      return found.subarray(0, n);
    }
    let n = 0;
    for (let k = 0; k < selected.length; k++) {
      const i = selected[k]!;
      if (predicate(customers[i]!)) selected[n++] = i;
    }
    return selected.subarray(0, n);
  }

  /** The condition's column test, or undefined when the record must answer it (for now). */
  private selector(node: ResolvedNode): Selector | undefined {
    const { customers } = this;
    switch (node.kind) {
      case 'number':
      case 'numberBetween': {
        const column = this.column(`n:${node.property}`, () =>
          numberColumn(customers, node.property),
        );
        return column ? rangeSelector(node, column as Float64Array) : undefined;
      }
      case 'date': {
        const column = this.column(`d:${node.property}`, () =>
          dateColumn(customers, node.property),
        );
        return column ? rangeSelector(node, column as Float64Array) : undefined;
      }
      case 'text': {
        const column = this.column(`t:${node.property}:${node.fold}`, () =>
          TextColumn.build(customers, node.property, node.fold),
        );
        return column ? (column as TextColumn).selector(node) : undefined;
      }
      case 'tags': {
        const column = this.column(`g:${node.property}`, () =>
          TagColumn.build(customers, node.property),
        );
        return column ? (column as TagColumn).selector(node) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A built column (null: none can be), or undefined while it waits to be built. */
  private column(key: string, build: () => Column | null): Column | null | undefined {
    if (this.built.has(key)) return this.built.get(key);
    if (!this.options.background) {
      const column = build();
      this.built.set(key, column);
      return column;
    }
    this.queued.set(key, build);
    this.schedule(BUILD_DELAY_MS);
    return undefined;
  }

  /** Builds the queued columns one per task, so the page stays responsive meanwhile. */
  private schedule(delay: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const [key, build] = this.queued.entries().next().value!;
      this.queued.delete(key);
      if (!this.built.has(key)) this.built.set(key, build());
      if (this.queued.size) this.schedule(0);
    }, delay);
  }
}

export interface ColumnOptions {
  /**
   * Build a missing column in a later task instead of during the count that first needs it:
   * that count reads the records as it would without columns, so the first answer after loading
   * the store is not held up by tens of milliseconds of copying per column.
   */
  background?: boolean;
}

// ---- helpers ----

/**
 * How long queued columns wait before the first is built. The count that queued them is not
 * over when its filter has been evaluated (its last steps can wait on IndexedDB, and timers run
 * meanwhile), and building there would hold up the very answer the deferral is for; a seller
 * takes longer than this to change a filter.
 */
const BUILD_DELAY_MS = 250;

type Column = Float64Array | TextColumn | TagColumn;

/** A number property as float64, NaN where a customer has none (NaN fails every comparison). */
function numberColumn(customers: readonly Customer[], property: keyof Customer): Float64Array {
  const column = new Float64Array(customers.length);
  for (let i = 0; i < column.length; i++) {
    const value = customers[i]![property];
    column[i] = typeof value === 'number' ? value : NaN;
  }
  return column;
}

/** A date property as epoch ms; null when some customer's date only the record can answer. */
function dateColumn(customers: readonly Customer[], property: keyof Customer): Float64Array | null {
  const column = new Float64Array(customers.length);
  for (let i = 0; i < column.length; i++) {
    const ms = columnInstant(customers[i]![property]);
    if (ms === undefined) return null;
    column[i] = ms;
  }
  return column;
}

/**
 * A number or date condition as a closed or open range on the column (notEquals and notInLast
 * negated). NaN (missing) is outside every range, which is the engine's rule: missing is false,
 * except for notEquals and notInLast.
 */
function rangeSelector(
  node: NumberCondition | NumberBetweenCondition | DateCondition,
  column: Float64Array,
): Selector {
  let low = -Infinity;
  let high = Infinity;
  let lowOpen = false;
  let highOpen = false;
  let negate = false;
  switch (node.kind) {
    case 'numberBetween':
      low = node.low;
      high = node.high;
      break;
    case 'date':
      low = node.from ?? -Infinity;
      high = node.to ?? Infinity;
      highOpen = true;
      negate = node.negate;
      break;
    default:
      switch (node.op) {
        case 'equals':
          low = high = node.value;
          break;
        case 'notEquals':
          low = high = node.value;
          negate = true;
          break;
        case 'gt':
          low = node.value;
          lowOpen = true;
          break;
        case 'gte':
          low = node.value;
          break;
        case 'lt':
          high = node.value;
          highOpen = true;
          break;
        case 'lte':
          high = node.value;
          break;
      }
  }
  return (selected, size) => {
    const count = selected ? selected.length : size;
    const out = selected ?? new Int32Array(count);
    let n = 0;
    for (let k = 0; k < count; k++) {
      const i = selected ? selected[k]! : k;
      const v = column[i]!;
      const inside = (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high);
      if (inside !== negate) out[n++] = i;
    }
    return out.subarray(0, n);
  };
}

function everyIndex(size: number): Int32Array {
  const all = new Int32Array(size);
  for (let i = 0; i < size; i++) all[i] = i;
  return all;
}
