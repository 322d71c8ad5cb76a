/**
 * Runs in headless Chromium for bench/cached-adapter.bench.ts: what a CachedAdapter adds to a warm
 * call, beside the same call made to its inner LocalAdapter, in the same page and run. Each case
 * is one adapter call; both sides must give the same answer.
 *
 * The store is seeded once and each case gets the `BenchStore`.
 *
 * Below the CASES: `<segment-list>`'s first rows over 5,000 cached segments, the inner adapter
 * delayed 1 s. That one is not a CASE (one adapter call timed in a loop): it times the element
 * from attach to rows in its table, and each cached visit is a reload of the page, so the bench
 * file drives it visit by visit.
 */
import '../../components/segment-list/segment-list.ts';
import { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { cacheDatabaseName } from '../../src/adapters/cached/cache-database.ts';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import { SegmentError } from '../../src/errors.ts';
import type { ListSegmentsQuery, Page, SegmentAdapter } from '../../src/adapter.ts';
import type { FilterGroup, Segment } from '../../src/model.ts';
import { PREDEFINED_SEGMENTS } from '../../src/predefined.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { ControlledAdapter } from '../../test/helpers/controlled-adapter.ts';

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
    warmSegmentList(visit: SegmentListVisit): Promise<FirstRows>;
    segmentListFirstRows(visit: SegmentListVisit): Promise<FirstRows>;
    clearSegmentListCache(visit: SegmentListVisit): Promise<void>;
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

// ---- <segment-list>'s first rows over a cache, the inner adapter delayed 1 s ----

/** One visit of the admin page: who is signed in, how many segments the server holds. */
export interface SegmentListVisit {
  storeId: string;
  userKey: string;
  segments: number;
  /** Through a CachedAdapter (false: the delayed inner adapter alone, the baseline). */
  cached: boolean;
  /** Every call of the inner adapter waits this long first: the mobile network. */
  delayMs: number;
}

export interface FirstRows {
  /** From attaching <segment-list> to its first data rows being in its table, laid out. */
  rowsMs: number;
  /** From attaching to the start of the frame that paints them (the next animation frame). */
  paintMs: number;
  /** The names of the first rows shown, top down (by aria-rowindex). */
  names: string[];
  /** The names the server lists first: what the first rows must say. */
  expected: string[];
  /** listSegments calls the inner adapter had received when the rows were shown. */
  innerCalls: number;
}

/** How many of the first rows' names are compared between the two sides. */
const FIRST_ROWS = 8;

/**
 * The segments a server holds, answering the reads a segment list makes. In memory so that
 * 5,000 segments are there at once: 5,000 createSegment calls on a LocalAdapter take longer
 * than the whole measurement. Deterministic, so every reload of the page serves the same list.
 * Pages follow the contract: `next` is an opaque cursor (here the offset), `total` all matches.
 */
class SegmentServer extends EventTarget {
  private readonly listed: Segment[];

  constructor(count: number) {
    super();
    this.listed = serverSegments(count);
  }

  async listSegments(q: ListSegmentsQuery): Promise<Page<Segment>> {
    const search = q.search?.toLocaleLowerCase();
    const all = this.listed.filter(
      (s) => s.scope === q.scope && (!search || s.name.toLocaleLowerCase().includes(search)),
    );
    const start = Number(q.cursor ?? 0);
    const limit = q.limit ?? 50;
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    // A copy, as a response off the network would be.
    return { items: structuredClone(items), total: all.length, ...(next ? { next } : {}) };
  }

  async getSegment(id: string): Promise<Segment> {
    const found = this.listed.find((s) => s.id === id);
    if (!found) throw new SegmentError('not-found', `No segment ${id}.`);
    return structuredClone(found);
  }

  /** What a list of the store's segments shows first: the predefined ones, then by name. */
  firstNames(n: number): string[] {
    return this.listed.slice(0, n).map((s) => s.name);
  }

  /**
   * As a SegmentAdapter: `<segment-list>` and the CachedAdapter only read (listSegments, and
   * getSegment); this bench writes nothing, so the writes are left out.
   */
  asAdapter(): SegmentAdapter {
    return this as unknown as SegmentAdapter;
  }
}

/** The 5 predefined segments, then `count - 5` of the store's own, predefined first, by name. */
function serverSegments(count: number): Segment[] {
  const stamp = '2026-11-01T09:30:00.000Z';
  const predefined: Segment[] = PREDEFINED_SEGMENTS.map((p, i) => ({
    id: p.id,
    name: p.name,
    type: 'predefined',
    scope: 'store',
    filter: p.filter,
    memberCount: 1_000 + i * 37,
    readOnly: true,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  const own: Segment[] = [];
  for (let i = 0; own.length + predefined.length < count; i++) {
    own.push({
      id: `segment-${i}`,
      name: `${LIST_WORDS[i % LIST_WORDS.length]} campaign ${i}`,
      type: 'filter',
      scope: 'store',
      filter: {
        combinator: 'and',
        rules: [{ field: 'ordersCount', operator: 'gte', value: i % 7 }],
      },
      // Some counts not computed yet, as a server answers while it is still counting.
      memberCount: i % 11 === 0 ? null : (i * 7_919) % 20_000,
      readOnly: false,
      version: 1 + (i % 3),
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  own.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...predefined, ...own];
}

/** Campaign words, one of them not ASCII, so names cross IndexedDB as they are. */
const LIST_WORDS = [...WORDS, 'दिवाली'];

/** The delayed inner adapter over the server, and the adapter the list is given. */
function adaptersFor(visit: SegmentListVisit, staleMs?: number) {
  const server = new SegmentServer(visit.segments);
  const inner = new ControlledAdapter(server.asAdapter());
  inner.delayMs = visit.delayMs;
  const adapter = visit.cached
    ? new CachedAdapter(inner, { storeId: visit.storeId, userKey: visit.userKey, staleMs })
    : inner;
  return { server, inner, adapter };
}

/**
 * The first visit: the list over an empty cache, which asks the inner adapter for every page and
 * stores each one in IndexedDB before answering with it. The list is then taken away and the
 * adapter closed, as when the tab is closed.
 */
window.warmSegmentList = async (visit) => {
  const { server, inner, adapter } = adaptersFor({ ...visit, cached: true });
  try {
    return await showList(adapter, inner, server);
  } finally {
    (adapter as CachedAdapter).close();
  }
};

/**
 * A visit after the first (a fresh page: nothing in memory) or the uncached baseline. The cached
 * answers are older than staleMs 0, so each read also asks the inner adapter again behind, as
 * on a real next visit; the page is reloaded before the next one, which ends those requests.
 */
window.segmentListFirstRows = async (visit) => {
  const { server, inner, adapter } = adaptersFor(visit, 0);
  return showList(adapter, inner, server);
};

window.clearSegmentListCache = async (visit) => {
  const { adapter } = adaptersFor({ ...visit, cached: true });
  await (adapter as CachedAdapter).clear();
  (adapter as CachedAdapter).close();
};

/**
 * Attaches a `<segment-list>` over `adapter` and resolves once its table shows data rows: rows
 * with a name, laid out with a height, on screen. Watched with a MutationObserver on the
 * element's shadow root (the rows arrive in one render, or a little later from the virtualizer),
 * so the time is the DOM's, not a polling interval's.
 */
async function showList(
  adapter: SegmentAdapter,
  inner: ControlledAdapter,
  server: SegmentServer,
): Promise<FirstRows> {
  const list = document.createElement('segment-list');
  list.adapter = adapter;
  const start = performance.now();
  document.body.append(list);
  const root = list.shadowRoot!;
  await whenShown(root, 1);
  const rowsMs = performance.now() - start;
  const innerCalls = inner.calls.listSegments;
  const paintMs = await new Promise<number>((resolve) =>
    requestAnimationFrame(() => resolve(performance.now() - start)),
  );
  // The names are read once FIRST_ROWS rows are there: the virtualizer may lay out a first
  // few rows, then more.
  const names = (await whenShown(root, FIRST_ROWS))
    .sort((a, b) => rowIndex(a) - rowIndex(b))
    .slice(0, FIRST_ROWS)
    .map((row) => row.querySelector('.name button')?.textContent?.trim() ?? '');
  list.remove();
  return { rowsMs, paintMs, names, expected: server.firstNames(FIRST_ROWS), innerCalls };
}

/**
 * Resolves with the visible rows once there are `count` of them, watching the shadow root; fails
 * after a minute (a list that never shows its rows must not hang the bench).
 */
function whenShown(root: ShadowRoot, count: number): Promise<HTMLElement[]> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const shown = visibleRows(root);
      if (shown.length < count) return false;
      observer.disconnect();
      clearTimeout(timeout);
      resolve(shown);
      return true;
    };
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`<segment-list> did not show ${count} rows within a minute.`));
    }, 60_000);
    const observer = new MutationObserver(look);
    if (!look()) {
      observer.observe(root, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    }
  });
}

/** The table's data rows that have a name and are laid out inside the viewport. */
function visibleRows(root: ShadowRoot): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[role=row]:not(.head)')].filter((row) => {
    if (!row.querySelector('.name button')?.textContent?.trim()) return false;
    const box = row.getBoundingClientRect();
    return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
  });
}

const rowIndex = (row: HTMLElement) => Number(row.getAttribute('aria-rowindex'));
