import { expect } from '@open-wc/testing';
import {
  CACHE_SCHEMA_VERSION,
  cacheDatabaseName,
} from '../../src/adapters/cached/cache-database.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { openCache, settle, warningsOfEachTest } from '../helpers/caches.ts';
import { openStore } from '../helpers/local-stores.ts';

// A seller's browser still holds the cache of an older build when the new build loads: the cache
// is dropped (it is only a cache), never read in a format the new build does not know.

const warnings = warningsOfEachTest();

const CURRENT = CACHE_SCHEMA_VERSION * 10; // Dexie's version n is IndexedDB version 10·n

/** Creates a database by hand at `version`, as an older build left it. */
function createOld(
  name: string,
  version: number | undefined,
  layout: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = version ? indexedDB.open(name, version) : indexedDB.open(name);
    request.onupgradeneeded = () => layout(request.result, request.transaction!);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** The database as IndexedDB has it: version, stores, and every record of 'entries'. */
function inspect(name: string): Promise<{ version: number; stores: string[]; records: unknown[] }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const stores = [...db.objectStoreNames].sort();
      if (!stores.includes('entries')) {
        db.close();
        resolve({ version: db.version, stores, records: [] });
        return;
      }
      const read = db.transaction('entries').objectStore('entries').getAll();
      read.onsuccess = () => {
        db.close();
        resolve({ version: db.version, stores, records: read.result });
      };
      read.onerror = () => reject(read.error);
    };
  });
}

/** A list key as this build files the default store listing. */
const LIST_KEY = `list:${JSON.stringify(['store', '', '', null])}`;

async function newBuildOver(layout: Parameters<typeof createOld>[2], version?: number) {
  const storeId = `store-${crypto.randomUUID()}`;
  const name = cacheDatabaseName(storeId, 'seller-1');
  await createOld(name, version, layout);
  const backend = openStore();
  const inner = new ControlledAdapter(backend);
  const cache = openCache(inner, { storeId, staleMs: 60_000 });
  const page = await cache.listSegments({ scope: 'store' });
  await settle();
  return { name, inner, page, backend };
}

describe('CachedAdapter: an older build left its cache', () => {
  it('drops a cache whose records are keyed differently', async () => {
    const { name, inner, page, backend } = await newBuildOver((db) => {
      const old = db.createObjectStore('entries', { keyPath: 'url' });
      old.put({ url: '/segments?scope=store', body: '{"items":[],"total":0}' });
    }, 10);
    expect(inner.calls.listSegments).to.equal(1);
    expect(page).to.deep.equal(await backend.listSegments({ scope: 'store' }));
    const after = await inspect(name);
    expect([after.version, after.stores]).to.deep.equal([CURRENT, ['entries']]);
    expect(after.records.map((r) => (r as { key: string }).key)).to.deep.equal([LIST_KEY]);
    expect(warnings.messages.filter((m) => m.includes('user-segments'))).to.deep.equal([]);
  });

  it('drops the answers of a cache laid out like this one, and its other tables', async () => {
    const { name, inner, page } = await newBuildOver((db, tx) => {
      db.createObjectStore('entries', { keyPath: 'key' }).createIndex('tags', 'tags', {
        multiEntry: true,
      });
      db.createObjectStore('responses', { keyPath: 'url' });
      // An answer in the old format under the very key this build reads.
      tx.objectStore('entries').put({
        key: LIST_KEY,
        value: { segments: [{ title: 'Old format' }] },
        tags: ['list:store'],
        storedAt: Date.now(),
      });
    }, 10);
    expect(inner.calls.listSegments, 'the old answer was not read').to.equal(1);
    expect(page.items.map((s) => s.name)).to.not.include('Old format');
    const after = await inspect(name);
    expect([after.version, after.stores]).to.deep.equal([CURRENT, ['entries']]);
    expect(after.records).to.have.length(1);
    expect((after.records[0] as { value: unknown }).value).to.deep.equal(page);
  });

  it('replaces the empty database a versionless open leaves behind', async () => {
    const { name, page } = await newBuildOver(() => undefined);
    expect(page.total).to.be.greaterThan(0);
    const after = await inspect(name);
    expect([after.version, after.stores, after.records.length]).to.deep.equal([
      CURRENT,
      ['entries'],
      1,
    ]);
  });

  it('reads its own version back on the next visit', async () => {
    const storeId = `store-${crypto.randomUUID()}`;
    const backend = openStore();
    await openCache(new ControlledAdapter(backend), { storeId }).listSegments({ scope: 'store' });
    await settle();
    const offline = new ControlledAdapter(backend);
    offline.offline = true;
    const page = await openCache(offline, { storeId }).listSegments({ scope: 'store' });
    expect(page).to.deep.equal(await backend.listSegments({ scope: 'store' }));
  });
});
