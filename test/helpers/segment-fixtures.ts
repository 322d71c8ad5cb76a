/**
 * Stores and adapters for the page-level element tests: a seeded LocalAdapter (real counts, the
 * predefined segments) and a small in-memory adapter whose answers a test controls (failures,
 * unknown counts, thousands of segments).
 */
import {
  SEGMENTS_CHANGED,
  SegmentError,
  type Segment,
  type SegmentAdapter,
  type SegmentScope,
} from '../../src/core.ts';
import { generateStore } from '../../src/testing/index.ts';
import { pageSize } from '../../src/segments/rules.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { openStore } from './local-stores.ts';

/** A LocalAdapter on 300 generated customers and their orders, with two global segments. */
export async function seededStore(): Promise<LocalAdapter> {
  const adapter = openStore({
    timeZone: 'Asia/Kolkata',
    defaultCountry: 'IN',
    globalSegments: [
      {
        id: 'global-opt-in',
        name: 'Accepts marketing (all stores)',
        filter: {
          combinator: 'and',
          rules: [{ field: 'acceptsMarketing', operator: 'equals', value: true }],
        },
      },
    ],
  });
  const { customers, orders } = generateStore({ seed: 7, customers: 300, orders: 700 });
  await adapter.importCustomers(customers);
  await adapter.importOrders(orders);
  return adapter;
}

export function segment(id: string, name: string, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    name,
    type: 'filter',
    scope: 'store',
    filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] },
    memberCount: null,
    readOnly: false,
    version: 1,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

/**
 * An adapter over a plain array. `failNext` makes the next calls of a method reject with a
 * SegmentError of the given code; `calls` counts calls per method and keeps list queries.
 */
export class MemoryAdapter extends EventTarget {
  readonly calls: Record<string, number> = {};
  readonly searches: (string | undefined)[] = [];
  private readonly failures = new Map<string, SegmentError['code'][]>();

  constructor(public segments: Segment[]) {
    super();
  }

  failNext(method: string, ...codes: SegmentError['code'][]): void {
    this.failures.set(method, codes);
  }

  private enter(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    const code = this.failures.get(method)?.shift();
    if (code) throw new SegmentError(code, `${method} failed`);
  }

  changed(): void {
    this.dispatchEvent(new Event(SEGMENTS_CHANGED));
  }

  async listSegments(q: { scope: SegmentScope; search?: string; cursor?: string; limit?: number }) {
    this.enter('listSegments');
    this.searches.push(q.search);
    const all = this.segments.filter(
      (s) =>
        s.scope === q.scope && (!q.search || s.name.toLowerCase().includes(q.search.toLowerCase())),
    );
    const start = Number(q.cursor ?? 0);
    // Like every adapter: more than 200 a page is refused as invalid.
    const limit = pageSize(q.limit, 'segments');
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return { items: structuredClone(items), total: all.length, next };
  }

  async getSegment(id: string) {
    this.enter('getSegment');
    const found = this.segments.find((s) => s.id === id);
    if (!found) throw new SegmentError('not-found', id);
    return structuredClone(found);
  }

  async deleteSegment(id: string) {
    this.enter('deleteSegment');
    this.segments = this.segments.filter((s) => s.id !== id);
    this.changed();
  }

  async duplicateSegment(id: string) {
    this.enter('duplicateSegment');
    const source = await this.getSegment(id);
    const copy = { ...source, id: `${id}-copy`, name: `${source.name} (copy)`, readOnly: false };
    this.segments.push(copy);
    this.changed();
    return copy;
  }

  asAdapter(): SegmentAdapter {
    return this as unknown as SegmentAdapter;
  }
}

/**
 * `inner` with some methods replaced (e.g. an addMembers that fails, an update that races);
 * everything else, and `segments-changed`, passes through.
 */
export function withOverrides(
  inner: SegmentAdapter,
  overrides: Partial<Record<keyof SegmentAdapter, (...args: never[]) => unknown>>,
): SegmentAdapter {
  // A proxy rather than a list of method names, so a method added to the adapter later passes
  // through too instead of being missing from the double.
  return new Proxy(inner, {
    get(target, key) {
      const own = (overrides as Record<PropertyKey, unknown>)[key];
      if (own) return own;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** 25 buyers (buyer0…buyer24@example.in, phones 9876543200…24) and one broken row, as a seller's file. */
export const buyersFile = (): File =>
  new File(
    [
      'name,phone,email\n' +
        Array.from(
          { length: 25 },
          (_, i) => `Buyer ${i},98765${String(43200 + i)},buyer${i}@example.in`,
        ).join('\n') +
        '\nBroken,123,not-an-email\n',
    ],
    'buyers.csv',
    { type: 'text/csv' },
  );
