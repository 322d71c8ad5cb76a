/**
 * Opens the demo admin the way its address does (demo/boot.ts: the adapter the URL names, the
 * admin, its stylesheet), on the journey store: a LocalAdapter filled in the browser, or a fresh
 * store on the reference backend reached by the RestAdapter (`?adapter=rest&api=…&key=…`), or
 * that RestAdapter behind a CachedAdapter (`?adapter=cached…`). Also the oracle: what the store
 * holds, counted from the generated data, never through an adapter.
 */
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { bootDemo } from '../../demo/boot.ts';
import { GLOBAL_SEGMENTS } from '../../demo/store.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import {
  RestAdapter,
  compileFilter,
  type FilterGroup,
  type SegmentAdapter,
} from '../../src/core.ts';
import { generateStore } from '../../src/testing/index.ts';
import { deriveOrderStats } from '../../src/testing/generate-store.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { Seller, type InputMode } from './seller.ts';
import { JOURNEY_STORE } from './store-data.ts';

export type AdapterKind = 'local' | 'rest' | 'cached';

export const STORE = generateStore(JOURNEY_STORE);
/** The store's customers with their order statistics, as every adapter keeps them. */
export const CUSTOMERS = deriveOrderStats(STORE.customers, STORE.orders);

/** How many customers `filter` selects, as the Users column shows it ("1,234"). */
export function expectedUsers(filter: FilterGroup): string {
  const ctx = { now: new Date(), timeZone: JOURNEY_STORE.timeZone, defaultCountry: 'IN' };
  return CUSTOMERS.filter(compileFilter(filter, ctx)).length.toLocaleString('en');
}

export interface OpenDemo {
  adapter: AdapterKind;
  mode: InputMode;
  width: 1280 | 360;
  eager?: boolean;
  /**
   * Runs before the page opens, on the journey store as the page will find it: makes a history
   * by moving the store's clock and counting through an adapter of the store (the page's own
   * LocalAdapter, or a RestAdapter of the backend store). The clock stays where it leaves it.
   */
  history?: (store: HistoryStore) => Promise<void>;
}

/** A journey store whose clock a journey moves, and an adapter to count on it with. */
export interface HistoryStore {
  adapter: SegmentAdapter;
  setClock(at: Date): Promise<void>;
}

let opened: { container: HTMLElement; adapter?: SegmentAdapter } | undefined;

/** The demo admin at `width` px on the chosen adapter, its segment list loaded. */
export async function openDemo(options: OpenDemo): Promise<Seller> {
  allowResizeObserverLoop();
  await setViewport({ width: options.width, height: options.width === 360 ? 740 : 900 });
  localStorage.removeItem('user-segments-demo:prefs');
  await loadDemoStylesheet();
  let search = '';
  if (options.adapter !== 'local') {
    const { baseUrl, apiKey, storeId } = await journeyStore();
    search = `?${new URLSearchParams({ adapter: options.adapter, api: baseUrl, key: apiKey })}`;
    // Counted by the backend's own clock: a RestAdapter of its own, not the page's (a cache
    // in between would answer a count without asking).
    await options.history?.({
      adapter: new RestAdapter({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } }),
      setClock: async (at) => {
        await executeServerCommand('journey-clock', { storeId, at: at.toISOString() });
      },
    });
  }
  /** The LocalAdapter's clock, when a history moves it; otherwise the real time. */
  let localNow: Date | undefined;
  const container = document.createElement('div');
  document.body.append(container);
  const booted = bootDemo(container, {
    search,
    openLocal: () =>
      openStore({
        timeZone: JOURNEY_STORE.timeZone,
        defaultCountry: JOURNEY_STORE.defaultCountry,
        globalSegments: GLOBAL_SEGMENTS,
        now: () => localNow ?? new Date(),
      }),
    prepareLocal: async (adapter) => {
      await adapter.importCustomers(STORE.customers);
      await adapter.importOrders(STORE.orders);
      await options.history?.({
        adapter,
        setClock: async (at) => void (localNow = at),
      });
    },
    sampleCsvUrl: '/demo/sample-customers.csv',
  });
  opened = { container, adapter: booted.choice?.adapter };
  await booted.ready;
  const element = await waitForElement(container);
  const page = new UserSegmentsHarness(element);
  await page.list.waitForRow('Top 100 High-Value Spenders');
  return new Seller(container, options.mode, { eager: options.eager });
}

/** Removes the page, its stores and caches, and puts the viewport and preferences back. */
export async function closeDemo(): Promise<void> {
  window.onerror = originalOnError ?? null;
  const adapter = opened?.adapter as (SegmentAdapter & { clear?(): Promise<void> }) | undefined;
  opened?.container.remove();
  if (adapter && 'clear' in adapter && typeof adapter.clear === 'function') await adapter.clear();
  opened = undefined;
  history.replaceState(null, '', location.pathname + location.search);
  document.documentElement.lang = 'en';
  delete document.documentElement.dataset.theme;
  localStorage.removeItem('user-segments-demo:prefs');
  await executeServerCommand('cpu-throttle', { rate: 1 });
  await setViewport({ width: 1280, height: 900 });
  await removeStores();
}

/** A fresh store on the reference backend (started by the test runner on first use). */
async function journeyStore(): Promise<{ baseUrl: string; apiKey: string; storeId: string }> {
  const { ticket } = (await executeServerCommand('journey-store')) as { ticket: number };
  for (let i = 0; i < 1200; i++) {
    const answer = (await executeServerCommand('journey-store', { ticket })) as
      { pending: true } | { baseUrl: string; apiKey: string; storeId: string };
    if (!('pending' in answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the reference backend never made the journey store');
}

async function waitForElement(container: HTMLElement): Promise<UserSegments> {
  for (let i = 0; i < 400; i++) {
    const element = container.querySelector<UserSegments>('user-segments');
    if (element?.shadowRoot) return element;
    const failed = container.querySelector('[role=alert]');
    if (failed) throw new Error(`the demo did not start: ${failed.textContent}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the User Segments page never showed');
}

async function loadDemoStylesheet(): Promise<void> {
  if (document.querySelector('link[href="/demo/demo.css"]')) return;
  const css = Object.assign(document.createElement('link'), {
    rel: 'stylesheet',
    href: '/demo/demo.css',
  });
  document.head.append(css);
  await new Promise((resolve) => css.addEventListener('load', resolve, { once: true }));
}

let originalOnError: OnErrorEventHandler | undefined;

/**
 * The members table's virtualizer (@lit-labs/virtualizer) may report a benign "ResizeObserver
 * loop completed" error while it measures rows it has just added (the segment-list tests allow
 * it the same way); any other error still fails the journey.
 */
function allowResizeObserverLoop(): void {
  originalOnError = window.onerror ?? undefined;
  const original = originalOnError;
  window.onerror = (message, ...rest) =>
    /ResizeObserver loop/.test(String(message)) ? true : original?.call(window, message, ...rest);
}
