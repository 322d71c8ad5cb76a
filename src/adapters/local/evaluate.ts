import type { FilterGroup } from '../../model.ts';
import { compileFilter } from '../../filter/compile.ts';
import type { SegmentLookup } from '../../filter/resolve.ts';
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
  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(
    private readonly timeZone: string,
    private readonly defaultCountry: string,
  ) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone });
  }

  /** How many customers match; `key` (when given) names a saved segment's answer. */
  count(filter: FilterGroup, data: CustomerData, lookup: SegmentLookup, key?: string): number {
    const cacheKey = key && this.cacheKey(key, data);
    const known = cacheKey ? this.counts.get(cacheKey) : undefined;
    if (known !== undefined) return known;
    const predicate = this.compile(filter, lookup);
    let count = 0;
    for (const customer of data.customers) if (predicate(customer)) count++;
    if (cacheKey) this.remember(this.counts, cacheKey, count, 10_000);
    return count;
  }

  /** Indices of the matching customers, in `order` (customer indices) or storage order. */
  match(
    filter: FilterGroup,
    data: CustomerData,
    lookup: SegmentLookup,
    key: string,
    order?: Int32Array,
  ): Int32Array {
    const cacheKey = this.cacheKey(key, data);
    const known = this.matches.get(cacheKey);
    if (known) return known;
    const predicate = this.compile(filter, lookup);
    const found: number[] = [];
    const { customers } = data;
    if (order) {
      for (const i of order) if (predicate(customers[i])) found.push(i);
    } else {
      for (let i = 0; i < customers.length; i++) if (predicate(customers[i])) found.push(i);
    }
    const result = Int32Array.from(found);
    // Member lists are large; only the few most recently paged segments are kept.
    this.remember(this.matches, cacheKey, result, 8);
    this.remember(this.counts, cacheKey, result.length, 10_000);
    return result;
  }

  private compile(filter: FilterGroup, segments: SegmentLookup) {
    return compileFilter(filter, {
      now: new Date(),
      timeZone: this.timeZone,
      defaultCountry: this.defaultCountry,
      segments,
    });
  }

  private cacheKey(key: string, data: CustomerData): string {
    return `${key}|d${data.version}|${this.dayFormat.format(new Date())}`;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
    if (map.size >= max) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }
}
