import { expect } from '@open-wc/testing';
import type { SegmentAdapter } from '../../src/adapter.ts';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.ts';
import {
  adapterChecks,
  generateStore,
  runAdapterChecks,
  type AdapterFactory,
} from '../../src/testing/index.ts';

/**
 * The conformance kit run the way a host would run it: every check of `user-segments/testing`
 * against the LocalAdapter in real Chromium IndexedDB, each on a store of its own. Then the kit
 * is pointed at deliberately broken wrappers of the same adapter, to show its checks can fail.
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

describe('user-segments/testing notices a broken adapter', () => {
  const broken = async (
    bug: Partial<Record<keyof SegmentAdapter, (inner: SegmentAdapter) => unknown>>,
    failing: string[],
  ) => {
    const factory: AdapterFactory = async (seed) => {
      const handle = await localFactory(seed);
      return { ...handle, adapter: withBug(handle.adapter, bug) };
    };
    const results = await runAdapterChecks(factory, { only: (name) => failing.includes(name) });
    expect(results.map((r) => r.name)).to.have.members(failing);
    for (const result of results) {
      expect(result.ok, `${result.name} should fail`).to.equal(false);
      expect(result.error?.message).to.be.a('string').and.not.equal('');
    }
    return results;
  };

  it('counts that are off by one', async () => {
    const [first] = await broken(
      {
        countMembers:
          (inner) =>
          async (...args: Parameters<SegmentAdapter['countMembers']>) => {
            const result = await inner.countMembers(...args);
            return { ...result, count: result.count + 1 };
          },
      },
      [
        'countMembers of a filter matches an independent count',
        'predefined segments count first-time, returning and top spenders',
        'a segment rule selects the members of the segment it names',
      ],
    );
    expect(first.error!.message).to.match(/expected \d+/);
  });

  it('a store that evaluates dates in UTC instead of its time zone', async () => {
    const utcFactory: AdapterFactory = (seed) => localFactory({ ...seed, timeZone: 'UTC' });
    const [result] = await runAdapterChecks(utcFactory, {
      only: (name) => name === 'countMembers of a filter matches an independent count',
    });
    expect(result.ok).to.equal(false);
    expect(result.error!.message).to.contain('createdOn');
  });

  it('an update that ignores expectedVersion', async () => {
    const [result] = await broken(
      {
        updateSegment:
          (inner) =>
          async (...[id, draft, o]: Parameters<SegmentAdapter['updateSegment']>) => {
            const current = await inner.getSegment(id);
            return inner.updateSegment(id, draft, { ...o, expectedVersion: current.version });
          },
      },
      ['updateSegment from a stale version fails with conflict'],
    );
    expect(result.error!.message).to.contain("expected a 'conflict' error");
  });

  it('a listing that never hands out a next cursor', async () => {
    await broken(
      {
        listSegments:
          (inner) =>
          async (...args: Parameters<SegmentAdapter['listSegments']>) => {
            const { next: _dropped, ...page } = await inner.listSegments(...args);
            return page;
          },
      },
      ['cursor paging lists every segment exactly once, with the right total'],
    );
  });

  it("an adapter that never fires 'segments-changed'", async () => {
    await broken({ addEventListener: () => () => undefined }, [
      "'segments-changed' fires after each write",
    ]);
  });

  it('an adapter that ignores AbortSignal', async () => {
    const strip = <K extends keyof SegmentAdapter>(method: K) => ({
      [method]:
        (inner: SegmentAdapter) =>
        (...args: unknown[]) =>
          (inner[method] as (...a: unknown[]) => unknown)(
            ...args.map((arg) =>
              arg && typeof arg === 'object' && 'signal' in arg
                ? { ...arg, signal: undefined }
                : arg,
            ),
          ),
    });
    await broken({ ...strip('createSegment'), ...strip('listSegments') }, [
      'an already-aborted signal makes every method reject',
    ]);
  });
});

/** The adapter with some methods replaced; everything else, events included, goes to it. */
function withBug(
  inner: SegmentAdapter,
  bug: Partial<Record<keyof SegmentAdapter, (inner: SegmentAdapter) => unknown>>,
): SegmentAdapter {
  return new Proxy(inner, {
    get(target, property) {
      const replace = bug[property as keyof SegmentAdapter];
      if (replace) return replace(target);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
