import { expect } from '@open-wc/testing';
import type { Segment } from '../../src/core.ts';
import {
  CACHE_SCHEMA_VERSION,
  cacheDatabaseName,
} from '../../src/adapters/cached/cache-database.ts';
import { listKey } from '../../src/adapters/cached/keys.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { nextChange, openCache, settle, warningsOfEachTest } from '../helpers/caches.ts';
import { openStore } from '../helpers/local-stores.ts';

// What the cache finds in IndexedDB is not always what it stored: an old tab that will not let
// go of its version, entries damaged or left by another build, a clock put back since.

const warnings = warningsOfEachTest();

const filter = {
  combinator: 'and' as const,
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};
const names = (page: { items: Segment[] }) => page.items.map((s) => s.name);

type RawEntry = { key: string; value: unknown; tags: unknown; storedAt: unknown };

/** Opens the cache database without Dexie, as another tab or a devtools script does. */
function openRaw(
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every entry the database holds, read without Dexie. */
async function rawEntries(name: string): Promise<RawEntry[]> {
  const db = await openRaw(name);
  try {
    return await new Promise((resolve, reject) => {
      const read = db.transaction('entries').objectStore('entries').getAll();
      read.onsuccess = () => resolve(read.result as RawEntry[]);
      read.onerror = () => reject(read.error);
    });
  } finally {
    db.close();
  }
}

/** Rewrites entries in place, as a damaged disk or another build would have left them. */
async function rewrite(name: string, change: (entry: RawEntry) => RawEntry): Promise<void> {
  const entries = await rawEntries(name);
  const db = await openRaw(name);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('entries', 'readwrite');
      for (const entry of entries) tx.objectStore('entries').put(change(entry));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** A first visit that leaves a list, a segment, a count and a page of members in the cache. */
async function earlierVisit(backend: ReturnType<typeof openStore>, storeId: string) {
  const made = await backend.createSegment({ name: 'Buyers', type: 'filter', filter });
  const cache = openCache(new ControlledAdapter(backend), { storeId });
  await cache.listSegments({ scope: 'store' });
  await cache.getSegment(made.id);
  await cache.countMembers({ segmentId: made.id });
  await cache.listMembers(made.id, { limit: 20 });
  await settle();
  cache.close();
  return made;
}

describe('CachedAdapter: what IndexedDB hands back', () => {
  it('answers from memory within a second when an old tab blocks the upgrade, with one warning', async () => {
    const storeId = `store-${crypto.randomUUID()}`;
    const name = cacheDatabaseName(storeId, 'seller-1');
    // An old tab holds the previous version open and ignores every request to close it.
    const oldTab = await openRaw(name, (CACHE_SCHEMA_VERSION - 1) * 10, (db) =>
      db.createObjectStore('entries', { keyPath: 'key' }),
    );
    oldTab.onversionchange = () => undefined;
    try {
      const backend = openStore();
      const expected = names(await backend.listSegments({ scope: 'store' }));
      const inner = new ControlledAdapter(backend);
      const cache = openCache(inner, { storeId, staleMs: 60_000 });

      const started = performance.now();
      const page = await cache.listSegments({ scope: 'store' });
      expect(performance.now() - started, 'ms to the first answer').to.be.below(1000);
      expect(names(page)).to.deep.equal(expected);
      expect(warnings.messages).to.have.length(1);
      expect(warnings.messages[0]).to.contain('memory');

      // The page goes on: a repeat is answered from memory, a write still drops what it touched.
      await cache.listSegments({ scope: 'store' });
      expect(inner.calls.listSegments, 'answered from memory').to.equal(1);
      await cache.createSegment({ name: 'Made meanwhile', type: 'filter', filter });
      expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Made meanwhile');
      expect(warnings.messages).to.have.length(1);
    } finally {
      oldTab.close();
    }
  });

  it('waits for an old tab that lets go at once, and keeps using IndexedDB without a word', async () => {
    const storeId = `store-${crypto.randomUUID()}`;
    const name = cacheDatabaseName(storeId, 'seller-1');
    const oldTab = await openRaw(name, (CACHE_SCHEMA_VERSION - 1) * 10, (db) =>
      db.createObjectStore('entries', { keyPath: 'key' }),
    );
    oldTab.onversionchange = () => setTimeout(() => oldTab.close(), 50);
    const cache = openCache(new ControlledAdapter(openStore()), { storeId });
    await cache.listSegments({ scope: 'store' });
    await settle();
    expect((await rawEntries(name)).map((e) => e.key)).to.deep.equal([listKey({ scope: 'store' })]);
    expect(warnings.messages).to.deep.equal([]);
  });

  for (const [label, damaged] of [
    ['null', null],
    ['{ items: 5 }', { items: 5 }],
    ['[null]', [null]],
  ] as const) {
    it(`drops answers stored as ${label} and asks for them again`, async () => {
      const backend = openStore();
      const storeId = `store-${crypto.randomUUID()}`;
      const name = cacheDatabaseName(storeId, 'seller-1');
      const made = await earlierVisit(backend, storeId);
      await rewrite(name, (entry) => ({ ...entry, value: damaged }));

      const inner = new ControlledAdapter(backend);
      const cache = openCache(inner, { storeId, staleMs: 60_000 });
      // Each answer is the backend's own, asked once, as if nothing had been cached.
      expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(
        await backend.listSegments({ scope: 'store' }),
      );
      expect(await cache.getSegment(made.id)).to.deep.equal(await backend.getSegment(made.id));
      expect(await cache.countMembers({ segmentId: made.id })).to.deep.equal(
        await backend.countMembers({ segmentId: made.id }),
      );
      expect(await cache.listMembers(made.id, { limit: 20 })).to.deep.equal(
        await backend.listMembers(made.id, { limit: 20 }),
      );
      expect(inner.calls).to.include({
        listSegments: 1,
        getSegment: 1,
        countMembers: 1,
        listMembers: 1,
      });
      // The damaged entries were replaced by the good answers.
      await settle();
      const stored = await rawEntries(name);
      expect(stored).to.have.length(4);
      expect(stored.map((e) => e.value)).to.not.deep.include(damaged);
      // A second read (a Retry) is now answered from the cache.
      await cache.listSegments({ scope: 'store' });
      expect(inner.calls.listSegments).to.equal(1);
      expect(warnings.messages).to.have.length(1);
      expect(warnings.messages[0]).to.contain('damaged');
    });
  }

  it('drops an entry whose own record is damaged (tags, time, key) and asks again', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const name = cacheDatabaseName(storeId, 'seller-1');
    const made = await earlierVisit(backend, storeId);
    await rewrite(name, (entry) =>
      entry.key.startsWith('list:')
        ? { ...entry, tags: 5 }
        : entry.key.startsWith('seg:')
          ? { ...entry, storedAt: 'yesterday' }
          : entry,
    );
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { storeId, staleMs: 60_000 });
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Buyers');
    expect((await cache.getSegment(made.id)).name).to.equal('Buyers');
    // The count was intact: served from the cache.
    await cache.countMembers({ segmentId: made.id });
    expect(inner.calls).to.include({ listSegments: 1, getSegment: 1, countMembers: 0 });
  });

  it('counts an answer stored "in the future" (a clock put back since) as stale', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const name = cacheDatabaseName(storeId, 'seller-1');
    await earlierVisit(backend, storeId);
    await backend.createSegment({ name: 'Made while away', type: 'filter', filter });
    const tomorrow = Date.now() + 24 * 60 * 60 * 1000;
    await rewrite(name, (entry) => ({ ...entry, storedAt: tomorrow }));

    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { storeId, staleMs: 60_000 });
    const refreshed = nextChange(cache);
    const painted = await cache.listSegments({ scope: 'store' });
    expect(names(painted), 'painted from the cache').to.not.include('Made while away');
    await refreshed;
    expect(inner.calls.listSegments, 'asked again in the background').to.equal(1);
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Made while away');
    expect(warnings.messages).to.deep.equal([]);
  });
});
