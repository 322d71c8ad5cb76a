import { expect } from '@open-wc/testing';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import {
  adapterChecks,
  generateStore,
  runAdapterChecks,
  type AdapterFactory,
} from '../../src/testing/index.ts';
import { BREAKAGES, withBug } from '../helpers/broken-adapters.ts';

/**
 * The conformance kit run the way a host would run it: every check of `user-segments/testing`
 * against the LocalAdapter in real Chromium IndexedDB, each on a store of its own. Then the kit
 * is pointed at one deliberately broken wrapper of the same adapter per check
 * (test/helpers/broken-adapters.ts), to show every check fails when its behaviour breaks.
 */
const run = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
let stores = 0;

const localFactory: AdapterFactory = async (seed) => {
  stores += 1;
  const storeId = `${run}-${stores}`;
  const adapter = new LocalAdapter({
    storeId,
    timeZone: seed.timeZone,
    defaultCountry: seed.defaultCountry,
    globalSegments: seed.globalSegments,
  });
  const dispose = async () => {
    adapter.close();
    await LocalAdapter.deleteStore(storeId);
  };
  try {
    await adapter.importCustomers(seed.customers);
    await adapter.importOrders(seed.orders);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { adapter, dispose };
};

describe('user-segments/testing against the LocalAdapter', () => {
  for (const check of adapterChecks) {
    it(check.name, () => check.run(localFactory));
  }

  it('leaves no store database behind', async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    expect(names.filter((name) => name.includes(run))).to.deep.equal([]);
  });
});

describe('user-segments/testing in the browser', () => {
  it('generates the same store from a seed as Node does', () => {
    const text = JSON.stringify(generateStore({ seed: 7, customers: 500, orders: 1_500 }));
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    // The fingerprint test/node/generate-store.test.ts asserts for the same seed.
    expect((hash >>> 0).toString(16)).to.equal('4dbe74fb');
  });
});

describe('user-segments/testing notices a broken adapter, for every check', () => {
  it('has a broken adapter for every check of the kit', () => {
    expect(Object.keys(BREAKAGES).sort()).to.deep.equal(adapterChecks.map((c) => c.name).sort());
  });

  for (const check of adapterChecks) {
    const breakage = BREAKAGES[check.name];
    if (!breakage) continue;
    it(`${check.name} — fails when ${breakage.what}`, async () => {
      const factory: AdapterFactory = async (seed) => {
        const handle = await localFactory(breakage.seed ? breakage.seed(seed) : seed);
        return { ...handle, adapter: withBug(handle.adapter, breakage.methods) };
      };
      const results = await runAdapterChecks(factory, { only: (name) => name === check.name });
      expect(results.map((r) => r.name)).to.deep.equal([check.name]);
      const [result] = results;
      expect(
        result.ok,
        `'${check.name}' passed against an adapter where ${breakage.what}`,
      ).to.equal(false);
      expect(result.error?.message).to.be.a('string').and.not.equal('');
      // The failure is the check's own verdict, not the wrapper crashing.
      expect(result.error?.message).to.not.match(/is not a function|Cannot read properties/);
    });
  }
});
