import type { FilterGroup } from '../../model.ts';
import { resolveFilter, type ResolvedGroup, type SegmentLookup } from '../../filter/resolve.ts';
import { CustomerColumns } from './columns.ts';
import type { CustomerData } from './customer-store.ts';

/**
 * Evaluates filters over the in-memory customers and remembers the answers for saved segments.
 * A remembered answer is keyed by what it depends on — the segment (and, when it names other
 * segments, every segment's) version, the customer data version and today's date in the store's
 * time zone — so it can never outlive a change.
 */
export class Evaluator {
  private readonly counts = new Map<string, number>();
  private readonly matches = new Map<string, Int32Array>();
  private readonly columns = new WeakMap<CustomerData, CustomerColumns>();
  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(
    private readonly timeZone: string,
    private readonly defaultCountry: string,
    /** The adapter's clock: what "today" is in date rules (the LocalAdapter's `now` option). */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone });
  }

  /** How many customers match; `key` (when given) names a saved segment's answer. */
  count(filter: FilterGroup, data: CustomerData, lookup: SegmentLookup, key?: string): number {
    const cacheKey = key && this.cacheKey(key, data);
    const known = cacheKey ? this.counts.get(cacheKey) : undefined;
    if (known !== undefined) return known;
    const count = this.columnsOf(data).matching(this.resolve(filter, lookup)).length;
    if (cacheKey) this.remember(this.counts, cacheKey, count, 10_000);
    return count;
  }

  /** Indices of the matching customers, in `order` (customer indices) or storage order. */
  match(
    filter: FilterGroup,
    data: CustomerData,
    lookup: SegmentLookup,
    key: string | undefined,
    order?: Int32Array,
  ): Int32Array {
    const cacheKey = key && this.cacheKey(key, data);
    const known = cacheKey ? this.matches.get(cacheKey) : undefined;
    if (known) return known;
    const matching = this.columnsOf(data).matching(this.resolve(filter, lookup));
    const result = order ? inOrder(matching, order, data.size) : matching.slice();
    if (cacheKey) {
      // Member lists are large; only the few most recently paged segments are kept.
      this.remember(this.matches, cacheKey, result, 8);
      this.remember(this.counts, cacheKey, result.length, 10_000);
    }
    return result;
  }

  private columnsOf(data: CustomerData): CustomerColumns {
    let columns = this.columns.get(data);
    if (!columns)
      this.columns.set(data, (columns = new CustomerColumns(data.customers, { background: true })));
    return columns;
  }

  private resolve(filter: FilterGroup, segments: SegmentLookup): ResolvedGroup {
    return resolveFilter(filter, {
      now: this.now(),
      timeZone: this.timeZone,
      defaultCountry: this.defaultCountry,
      segments,
    });
  }

  private cacheKey(key: string, data: CustomerData): string {
    return `${key}|d${data.version}|${this.dayFormat.format(this.now())}`;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
    if (map.size >= max) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }
}

/** The indices of `matching` (ascending), in the order `order` lists customers. */
function inOrder(matching: Int32Array, order: Int32Array, size: number): Int32Array {
  const wanted = new Uint8Array(size);
  for (let k = 0; k < matching.length; k++) wanted[matching[k]!] = 1;
  const result = new Int32Array(Math.min(matching.length, order.length));
  let n = 0;
  for (let k = 0; k < order.length; k++) if (wanted[order[k]!]) result[n++] = order[k]!;
  return result.subarray(0, n).slice();
}
