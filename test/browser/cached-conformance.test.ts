import { expect } from '@open-wc/testing';
import { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { cacheDatabaseName } from '../../src/adapters/cached/cache-database.ts';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import { adapterChecks, type AdapterFactory } from '../../src/testing/index.ts';
import { deleteDatabase } from '../helpers/caches.ts';

/**
 * The conformance kit against CachedAdapter(LocalAdapter): with a cache in front, every
 * documented adapter behaviour still holds. staleMs is large, so answers come from the cache
 * whenever it has one: a write the cache failed to drop would show as a check failing.
 */
const run = `cached-conformance-${Date.now().toString(36)}`;
let stores = 0;

const cachedFactory: AdapterFactory = async (seed) => {
  stores += 1;
  const storeId = `${run}-${stores}`;
  const inner = new LocalAdapter({
    storeId,
    timeZone: seed.timeZone,
    defaultCountry: seed.defaultCountry,
    globalSegments: seed.globalSegments,
  });
  await inner.importCustomers(seed.customers);
  await inner.importOrders(seed.orders);
  const adapter = new CachedAdapter(inner, { storeId, userKey: 'kit', staleMs: 3_600_000 });
  return {
    adapter,
    async dispose() {
      adapter.close();
      inner.close();
      await LocalAdapter.deleteStore(storeId);
      await deleteDatabase(cacheDatabaseName(storeId, 'kit'));
    },
  };
};

describe('user-segments/testing against CachedAdapter(LocalAdapter)', () => {
  for (const check of adapterChecks) {
    it(check.name, () => check.run(cachedFactory));
  }

  it('leaves no database behind', async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    expect(names.filter((name) => name.includes(run))).to.deep.equal([]);
  });
});
