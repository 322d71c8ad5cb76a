/**
 * Runs in headless Chromium for bench/cached-adapter.bench.ts: what a CachedAdapter adds to a warm
 * call, beside the same call made to its inner LocalAdapter, in the same page and run. Each case
 * is one adapter call; both sides must give the same answer.
 *
 * The store is seeded once and each case gets the `BenchStore`; a case for `<segment-list>`'s
 * first paint over a cache (inner adapter delayed 1 s) belongs in CASES beside these, built on
 * the same store, once that element exists.
 */
import { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { cacheDatabaseName } from '../../src/adapters/cached/cache-database.ts';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.ts';
import type { SegmentAdapter } from '../../src/adapter.ts';
import type { FilterGroup } from '../../src/model.ts';
import { generateStore } from '../../src/testing/generate-store.ts';

export interface CachedBenchSizes {
  customers: number;
  segments: number;
}

/** One case's figures, all medians in ms. */
export interface CachedCaseResult {
  name: string;
  /** The inner adapter alone, warm. */
  innerMs: number;
  /** Through the cache, answered from it (staleMs not reached: no background refresh). */
  cachedMs: number;
  /** Through the cache with staleMs 0: answered from it while a refresh starts behind. */
  refreshingMs: number;
  /** Through an open cache that does not hold the answer yet: inner call + storing it. */
  missMs: number;
  /** Both sides' answers, compared as JSON. */
  same: boolean;
}

export interface CachedBenchResult {
  customers: number;
  segments: number;
  cases: CachedCaseResult[];
}

/** What each case works on: the seeded inner adapter and a few ids it holds. */
export interface BenchStore {
  inner: LocalAdapter;
  segmentId: string;
}

interface BenchCase {
  name: string;
  call(adapter: SegmentAdapter, store: BenchStore): Promise<unknown>;
}

const FILTER: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'ordersCount', operator: 'gte', value: 2 },
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
  ],
};

export const CASES: BenchCase[] = [
  {
    name: 'listSegments, first page of 50',
    call: (a) => a.listSegments({ scope: 'store', limit: 50 }),
  },
  {
    name: 'listSegments, a search',
    call: (a) => a.listSegments({ scope: 'store', search: 'diwali', limit: 50 }),
  },
  { name: 'getSegment', call: (a, s) => a.getSegment(s.segmentId) },
  {
    name: 'countMembers of Top 100 High-Value Spenders',
    call: (a) => a.countMembers({ segmentId: 'top-100-spenders' }),
  },
  { name: 'countMembers of a 2-rule filter', call: (a) => a.countMembers({ filter: FILTER }) },
  {
    name: 'listMembers, first page of 50 returning customers',
    call: (a) => a.listMembers('returning-customers', { limit: 50 }),
  },
];

declare global {
  interface Window {
    runCachedAdapterBench(sizes: CachedBenchSizes): Promise<CachedBenchResult>;
  }
}

window.runCachedAdapterBench = async (sizes) => {
  const run = crypto.randomUUID();
  const storeId = `bench-cached-${run}`;
  const inner = new LocalAdapter({ storeId });
  const { customers, orders } = generateStore({
    seed: 42,
    customers: sizes.customers,
    orders: sizes.customers * 3,
  });
  await inner.importCustomers(customers);
  await inner.importOrders(orders);
  let segmentId = '';
  for (let i = 0; i < sizes.segments; i++) {
    const created = await inner.createSegment({
      name: `${WORDS[i % WORDS.length]} campaign ${i}`,
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [{ field: 'ordersCount', operator: 'gte', value: i % 7 }],
      },
    });
    if (i === Math.floor(sizes.segments / 2)) segmentId = created.id;
  }
  const store: BenchStore = { inner, segmentId };

  const cases: CachedCaseResult[] = [];
  for (const c of CASES) {
    const call = (adapter: SegmentAdapter) => () => c.call(adapter, store);
    const innerMs = await medianOf(call(inner));
    const fresh = new CachedAdapter(inner, { storeId, userKey: `fresh-${run}` });
    const refreshing = new CachedAdapter(inner, {
      storeId,
      userKey: `refreshing-${run}`,
      staleMs: 0,
    });
    const cachedMs = await medianOf(call(fresh));
    const refreshingMs = await medianOf(call(refreshing));
    let misses = 0;
    const missMs = await medianOfTimed(async () => {
      // A new user each time: nothing cached. Its database is opened first by another call, so
      // the time is the miss itself: the tabs' lock, the lookup, the inner call and the store.
      const cold = new CachedAdapter(inner, { storeId, userKey: `cold-${run}-${misses++}` });
      try {
        await cold.listSegments({ scope: 'global' });
        const start = performance.now();
        await c.call(cold, store);
        return performance.now() - start;
      } finally {
        cold.close();
      }
    });
    const same =
      JSON.stringify(await c.call(inner, store)) === JSON.stringify(await c.call(fresh, store)) &&
      JSON.stringify(await c.call(inner, store)) ===
        JSON.stringify(await c.call(refreshing, store));
    fresh.close();
    refreshing.close();
    cases.push({ name: c.name, innerMs, cachedMs, refreshingMs, missMs, same });
    for (let i = 0; i < misses; i++)
      await deleteDatabase(cacheDatabaseName(storeId, `cold-${run}-${i}`));
  }

  inner.close();
  await LocalAdapter.deleteStore(storeId);
  for (const user of ['fresh', 'refreshing']) {
    await deleteDatabase(cacheDatabaseName(storeId, `${user}-${run}`));
  }
  return { customers: sizes.customers, segments: sizes.segments, cases };
};

/**
 * Median of 15 timed calls after 2 warm-up calls; between calls the page is left idle for a
 * moment so background refreshes of one call do not run inside the next one's timing.
 */
async function medianOf(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    await idle();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Median of 15 runs of `timed` (after 2 warm-ups), each returning its own measured time. */
async function medianOfTimed(timed: () => Promise<number>): Promise<number> {
  await timed();
  await timed();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    await idle();
    times.push(await timed());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 20));

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

const WORDS = ['Diwali', 'Holi', 'Monsoon', 'Wedding', 'Summer', 'Winter', 'Eid', 'Onam'];
