import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import { SEGMENTS_CHANGED } from '../../src/core.ts';
import type { SegmentAdapter } from '../../src/adapter.ts';
import {
  CachedAdapter,
  type CachedAdapterOptions,
} from '../../src/adapters/cached/cached-adapter.ts';
import { cacheDatabaseName } from '../../src/adapters/cached/cache-database.ts';
import { removeStores } from './local-stores.ts';

const opened: CachedAdapter[] = [];
const names = new Set<string>();

/** A CachedAdapter (a fresh store and user unless given), closed and deleted after the test. */
export function openCache(
  inner: SegmentAdapter,
  options: Partial<CachedAdapterOptions> = {},
): CachedAdapter {
  const storeId = options.storeId ?? `store-${crypto.randomUUID()}`;
  const userKey = options.userKey ?? 'seller-1';
  names.add(cacheDatabaseName(storeId, userKey));
  const cache = new CachedAdapter(inner, { ...options, storeId, userKey });
  opened.push(cache);
  return cache;
}

export async function removeCaches(): Promise<void> {
  for (const cache of opened.splice(0)) cache.close();
  for (const name of names) await deleteDatabase(name);
  names.clear();
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Resolves at the next 'segments-changed'; fails after 3 s. */
export function nextChange(target: EventTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no segments-changed event')), 3000);
    target.addEventListener(
      SEGMENTS_CHANGED,
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Counts the 'segments-changed' events of a target from now on. */
export function countChanges(target: EventTarget): { readonly count: number } {
  const counter = { count: 0 };
  target.addEventListener(SEGMENTS_CHANGED, () => (counter.count += 1));
  return counter;
}

/** Lets queued work (IndexedDB writes, broadcast messages, background refreshes) finish. */
export const settle = (ms = 50): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Records console.warn calls until restored (the calls still reach the console). */
/**
 * For a test file about cache faults: the warnings each test logs, watched from its start, and
 * every cache and store it made removed after it. `messages` is always the current test's.
 */
export function warningsOfEachTest(): { readonly messages: string[] } {
  let current: ReturnType<typeof watchWarnings> = { messages: [], restore: () => undefined };
  beforeEach(() => (current = watchWarnings()));
  afterEach(async () => {
    current.restore();
    await removeCaches();
    await removeStores();
  });
  return {
    get messages() {
      return current.messages;
    },
  };
}

function watchWarnings(): { messages: string[]; restore(): void } {
  const original = console.warn;
  const messages: string[] = [];
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  return { messages, restore: () => (console.warn = original) };
}

/** The browser's IndexedDB, with every connection it opens kept for the test to close. */
export function recordingIndexedDB(): { factory: IDBFactory; connections: IDBDatabase[] } {
  const connections: IDBDatabase[] = [];
  const factory = new Proxy(indexedDB, {
    get(target, property) {
      if (property === 'open') {
        return (name: string, version?: number) => {
          const request = target.open(name, version);
          request.addEventListener('success', () => connections.push(request.result));
          return request;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { factory, connections };
}

/** An IndexedDB that refuses to open anything, as in some private browsing modes. */
export const refusingIndexedDB = {
  open() {
    throw new DOMException('IndexedDB is disabled in private browsing.', 'InvalidStateError');
  },
  deleteDatabase: () => indexedDB.deleteDatabase('never-used'),
  cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
  databases: () => Promise.resolve([]),
} as unknown as IDBFactory;

/**
 * Makes every cache database opened from now on fail its writes the way a full disk does: Dexie
 * reports an AbortError whose inner error is a QuotaExceededError. Returns the function that
 * stops it.
 */
export function fillTheDisk(): () => void {
  return breakCacheStorage(
    (request) => request.type === 'put' || request.type === 'add',
    () =>
      new Dexie.AbortError(
        'Transaction aborted',
        new DOMException('The disk is full.', 'QuotaExceededError'),
      ),
  );
}

/**
 * Makes every cache database opened from now on fail each read and write (a broken disk), once
 * it has opened. Returns the function that stops it.
 */
export function breakTheDisk(): () => void {
  return breakCacheStorage(
    () => true,
    () => new DOMException('The disk failed.', 'UnknownError'),
    true,
  );
}

function breakCacheStorage(
  fails: (request: DBCoreMutateRequest) => boolean,
  error: () => Error,
  reads = false,
): () => void {
  const addon = (db: Dexie) => {
    if (!db.name.startsWith('us-cache:')) return;
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name) {
          const inner = down.table(name);
          return {
            ...inner,
            mutate: (request) => (fails(request) ? Promise.reject(error()) : inner.mutate(request)),
            ...(reads
              ? {
                  get: () => Promise.reject(error()),
                  getMany: () => Promise.reject(error()),
                  query: () => Promise.reject(error()),
                }
              : {}),
          };
        },
      }),
    });
  };
  Dexie.addons.push(addon);
  return () => Dexie.addons.splice(Dexie.addons.indexOf(addon), 1);
}
