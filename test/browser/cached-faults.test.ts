import { expect } from '@open-wc/testing';
import type { Segment } from '../../src/core.ts';
import {
  CACHE_SCHEMA_VERSION,
  cacheDatabaseName,
} from '../../src/adapters/cached/cache-database.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import {
  breakTheDisk,
  fillTheDisk,
  nextChange,
  openCache,
  recordingIndexedDB,
  refusingIndexedDB,
  settle,
  warningsOfEachTest,
} from '../helpers/caches.ts';
import { openStore, rejection } from '../helpers/local-stores.ts';

// When IndexedDB lets the cache down — private mode, a full disk, a newer page in another tab,
// a connection the browser closed — the seller's page goes on answering, with one warning.

const warnings = warningsOfEachTest();

const filter = {
  combinator: 'and' as const,
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};
const names = (page: { items: Segment[] }) => page.items.map((s) => s.name);

/** The keys the cache database holds now, read without Dexie. */
function storedKeys(name: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const read = db.transaction('entries').objectStore('entries').getAllKeys();
      read.onsuccess = () => {
        db.close();
        resolve((read.result as string[]).sort());
      };
      read.onerror = () => reject(read.error);
    };
  });
}

/** Reads, a write and a read again, all answered; returns the inner adapter's call counts. */
async function sellerWorks(
  inner: ControlledAdapter,
  cache: ReturnType<typeof openCache>,
  name = 'Still works',
) {
  const page = await cache.listSegments({ scope: 'store' });
  expect(page.items.length).to.be.greaterThan(0);
  const created = await cache.createSegment({ name, type: 'filter', filter });
  expect(names(await cache.listSegments({ scope: 'store' }))).to.include(name);
  expect((await cache.getSegment(created.id)).name).to.equal(name);
  return inner.calls;
}

describe('CachedAdapter: faults', () => {
  it('keeps answers in memory when IndexedDB cannot be opened (private mode)', async () => {
    const inner = new ControlledAdapter(openStore());
    const cache = openCache(inner, { indexedDB: refusingIndexedDB, staleMs: 60_000 });
    await sellerWorks(inner, cache);
    const listed = inner.calls.listSegments;
    await cache.listSegments({ scope: 'store' });
    expect(inner.calls.listSegments, 'answered from memory').to.equal(listed);
    inner.offline = true;
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Still works');
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('memory');
  });

  it('keeps new answers in memory when the disk is full, and still drops what a write touched', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    // An earlier visit left a list in the cache.
    const earlier = openCache(new ControlledAdapter(backend), { storeId });
    await earlier.listSegments({ scope: 'store' });
    await settle();
    earlier.close();
    const name = cacheDatabaseName(storeId, 'seller-1');
    const leftBefore = await storedKeys(name);
    expect(leftBefore).to.have.length(1);

    const stop = fillTheDisk();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { storeId, staleMs: 60_000 });
    try {
      await cache.countMembers({ filter });
      await cache.countMembers({ filter });
      await settle();
      await sellerWorks(inner, cache);
      await settle();
    } finally {
      stop();
    }
    expect(inner.calls.countMembers, 'the count was kept in memory').to.equal(1);
    // Nothing new was stored, and the write removed the list it made stale.
    expect(await storedKeys(name)).to.deep.equal([]);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('space');
  });

  it('steps aside for a newer version of the page opened in another tab', async () => {
    const inner = new ControlledAdapter(openStore());
    const storeId = `store-${crypto.randomUUID()}`;
    const cache = openCache(inner, { storeId, staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    await settle();

    // The newer build upgrades the database; it must not be blocked by this tab.
    const name = cacheDatabaseName(storeId, 'seller-1');
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, (CACHE_SCHEMA_VERSION + 1) * 10);
      request.onupgradeneeded = () => {
        // The newer build keeps its answers in another shape.
        request.result.deleteObjectStore('entries');
        request.result.createObjectStore('answers');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the old tab blocked the upgrade'));
    });
    newer.close();

    await sellerWorks(inner, cache);
    const listed = inner.calls.listSegments;
    await cache.listSegments({ scope: 'store' });
    expect(inner.calls.listSegments, 'answered from memory').to.equal(listed);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('newer version');

    // An old tab opened after the upgrade leaves the newer database alone too.
    const lateInner = new ControlledAdapter(inner.backend);
    const late = openCache(lateInner, { storeId });
    await sellerWorks(lateInner, late, 'Works in the late tab');
    await settle();
    const after = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect([after.version, [...after.objectStoreNames]]).to.deep.equal([
      (CACHE_SCHEMA_VERSION + 1) * 10,
      ['answers'],
    ]);
    after.close();
    expect(warnings.messages).to.have.length(2);
  });

  it('reopens a connection the browser closed, and goes on storing answers', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const { factory, connections } = recordingIndexedDB();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { storeId, indexedDB: factory, staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    await settle();
    expect(connections).to.have.length(1);

    // What Chromium does when it closes a connection itself: close it, then fire 'close'.
    connections[0].close();
    connections[0].dispatchEvent(new Event('close'));

    await cache.createSegment({ name: 'After sleeping', type: 'filter', filter });
    await cache.listSegments({ scope: 'store' });
    await cache.countMembers({ filter });
    await settle();
    expect(connections).to.have.length(2);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('reopening');

    // Another tab (its backend unreachable) reads what this one stored after reopening.
    const offline = new ControlledAdapter(backend);
    offline.offline = true;
    const other = openCache(offline, { storeId, staleMs: 60_000 });
    expect(names(await other.listSegments({ scope: 'store' }))).to.include('After sleeping');
    expect((await other.countMembers({ filter })).total).to.equal(0);
  });

  it('reopens a connection closed underneath it without a word from the browser', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const { factory, connections } = recordingIndexedDB();
    const cache = openCache(new ControlledAdapter(backend), {
      storeId,
      indexedDB: factory,
      staleMs: 60_000,
    });
    await cache.listSegments({ scope: 'store' });
    await settle();
    connections[0].close();

    await cache.createSegment({ name: 'After the close', type: 'filter', filter });
    await cache.listSegments({ scope: 'store' });
    await settle();
    expect(warnings.messages.length).to.be.at.most(1);

    const offline = new ControlledAdapter(backend);
    offline.offline = true;
    const other = openCache(offline, { storeId, staleMs: 60_000 });
    expect(names(await other.listSegments({ scope: 'store' }))).to.include('After the close');
  });

  it('keeps answering from memory when IndexedDB fails after opening', async () => {
    const stop = breakTheDisk();
    const inner = new ControlledAdapter(openStore());
    const cache = openCache(inner, { staleMs: 60_000 });
    try {
      await sellerWorks(inner, cache);
      await cache.countMembers({ filter });
      await cache.countMembers({ filter });
    } finally {
      stop();
    }
    expect(inner.calls.countMembers, 'the count was kept in memory').to.equal(1);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.contain('memory');
  });

  it('answers offline from the cache of an earlier visit, and refreshes when back online', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    await openCache(new ControlledAdapter(backend), { storeId }).listSegments({ scope: 'store' });
    await settle();
    await backend.createSegment({ name: 'Made while away', type: 'filter', filter });

    const inner = new ControlledAdapter(backend);
    inner.offline = true;
    const cache = openCache(inner, { storeId, staleMs: 0 });
    const painted = await cache.listSegments({ scope: 'store' });
    expect(names(painted)).to.not.include('Made while away');
    await settle();
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(painted);
    expect((await rejection(cache.getSegment('first-time-customers'))).code).to.equal(
      'unavailable',
    );

    inner.offline = false;
    const refreshed = nextChange(cache);
    await cache.listSegments({ scope: 'store' });
    await refreshed;
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Made while away');
    expect(warnings.messages).to.deep.equal([]);
  });
});
