import { expect } from '@open-wc/testing';
import { SegmentError, type FilterGroup, type Segment } from '../../src/core.ts';
import { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { cacheDatabaseName } from '../../src/adapters/cached/cache-database.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import {
  countChanges,
  deleteDatabase,
  nextChange,
  openCache,
  recordingIndexedDB,
  refusingIndexedDB,
  removeCaches,
  settle,
} from '../helpers/caches.ts';
import { openStore, rejection, removeStores } from '../helpers/local-stores.ts';

// A seller's admin page over a slow backend: what the cache answers at once, what it asks again,
// and what a write changes.

afterEach(async () => {
  await removeCaches();
  await removeStores();
});

const buyers: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};

const csvDraft = (name: string) => ({
  name,
  type: 'csv' as const,
  csv: {
    fileName: 'list.csv',
    phoneColumn: 'phone',
    emailColumn: 'email',
    accepted: 2,
    rejected: 0,
    duplicates: 0,
  },
});

const names = (page: { items: Segment[] }) => page.items.map((s) => s.name);

/** A backend (a LocalAdapter standing for the server) with a few customers and orders. */
async function backendWithCustomers(): Promise<LocalAdapter> {
  const backend = openStore();
  const { customers, orders } = generateStore({ seed: 5, customers: 60, orders: 150 });
  await backend.importCustomers(customers);
  await backend.importOrders(orders);
  return backend;
}

describe('CachedAdapter: reading', () => {
  it('paints the next visit from IndexedDB, then refreshes behind the scenes', async () => {
    const backend = openStore();
    await backend.createSegment({ name: 'Diwali buyers', type: 'filter', filter: buyers });
    const storeId = `store-${crypto.randomUUID()}`;

    const firstVisit = new ControlledAdapter(backend);
    const first = await openCache(firstVisit, { storeId }).listSegments({ scope: 'store' });
    expect(firstVisit.calls.listSegments).to.equal(1);
    await settle();

    // Next visit: the server is slow and has a new segment the cache has not seen.
    await backend.createSegment({ name: 'Holi buyers', type: 'filter', filter: buyers });
    const nextVisit = new ControlledAdapter(backend);
    const release = nextVisit.hold();
    const cache = openCache(nextVisit, { storeId, staleMs: 0 });
    const painted = await cache.listSegments({ scope: 'store' });
    expect(painted).to.deep.equal(first);
    expect(nextVisit.calls.listSegments, 'a refresh was asked for').to.equal(1);

    const refreshed = nextChange(cache);
    release();
    await refreshed;
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Holi buyers');
    expect((await backend.listSegments({ scope: 'store' })).items).to.deep.equal(
      (await cache.listSegments({ scope: 'store' })).items,
    );
  });

  it('fires no event when the refreshed answer is the same', async () => {
    const inner = new ControlledAdapter(openStore());
    const cache = openCache(inner, { staleMs: 0 });
    await cache.listSegments({ scope: 'store' });
    const events = countChanges(cache);
    await cache.listSegments({ scope: 'store' });
    await settle();
    expect(inner.calls.listSegments).to.equal(2);
    expect(events.count).to.equal(0);
  });

  it('does not ask again for an answer younger than staleMs', async () => {
    const backend = await backendWithCustomers();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const segment = (await cache.listSegments({ scope: 'store' })).items[0];
    for (let i = 0; i < 3; i++) {
      await cache.listSegments({ scope: 'store' });
      await cache.getSegment(segment.id);
      await cache.countMembers({ segmentId: segment.id });
      await cache.countMembers({ filter: buyers });
      await cache.listMembers(segment.id, { limit: 5 });
    }
    await settle();
    expect(inner.calls).to.deep.include({
      listSegments: 1,
      getSegment: 1,
      countMembers: 2,
      listMembers: 1,
    });
    // Each answer is the backend's.
    expect(await cache.countMembers({ filter: buyers })).to.deep.equal(
      await backend.countMembers({ filter: buyers }),
    );
    expect(await cache.listMembers(segment.id, { limit: 5 })).to.deep.equal(
      await backend.listMembers(segment.id, { limit: 5 }),
    );
    expect(await cache.listMembers(segment.id, { limit: 2 })).to.deep.equal(
      await backend.listMembers(segment.id, { limit: 2 }),
    );
  });

  it('passes later pages of members straight to the inner adapter', async () => {
    const backend = await backendWithCustomers();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const first = await cache.listMembers('returning-customers', { limit: 3 });
    expect(first.next).to.be.a('string');
    await cache.listMembers('returning-customers', { limit: 3, cursor: first.next });
    await cache.listMembers('returning-customers', { limit: 3, cursor: first.next });
    expect(inner.calls.listMembers).to.equal(3);
  });

  it("asks again after the inner adapter says its data changed (another device's write)", async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    await backend.createSegment({ name: 'Pushed', type: 'filter', filter: buyers });

    const told = nextChange(cache);
    inner.dispatchEvent(new Event('segments-changed')); // e.g. a push from the host's server
    await told;
    const refreshed = nextChange(cache);
    await cache.listSegments({ scope: 'store' });
    await refreshed;
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Pushed');
    expect(inner.calls.listSegments).to.equal(2);
  });

  it('hands out copies: changing an answer changes nothing cached', async () => {
    const inner = new ControlledAdapter(openStore());
    const cache = openCache(inner, { staleMs: 60_000 });
    const page = await cache.listSegments({ scope: 'store' });
    const before = structuredClone(page);
    page.items[0].name = 'Changed by the caller';
    page.items.pop();
    const fromCache = await cache.listSegments({ scope: 'store' });
    expect(fromCache).to.deep.equal(before);
    fromCache.items[0].name = 'Changed again';
    fromCache.items.pop();
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(before);
  });

  it('forgets a cached segment the backend no longer has', async () => {
    const backend = openStore();
    const gone = await backend.createSegment({ name: 'Gone', type: 'filter', filter: buyers });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 0 });
    await cache.getSegment(gone.id);
    await backend.deleteSegment(gone.id);
    const changed = nextChange(cache);
    expect((await cache.getSegment(gone.id)).name).to.equal('Gone'); // stale, refreshing
    await changed;
    expect((await rejection(cache.getSegment(gone.id))).code).to.equal('not-found');
  });
});

describe('CachedAdapter: writing', () => {
  it('shows every write at once, however fresh the cached answers', async () => {
    const backend = await backendWithCustomers();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    await cache.listSegments({ scope: 'store', search: 'buy' });

    const created = await cache.createSegment({ name: 'Buyers', type: 'filter', filter: buyers });
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Buyers');
    expect(names(await cache.listSegments({ scope: 'store', search: 'buy' }))).to.deep.equal([
      'Buyers',
    ]);

    const gets = inner.calls.getSegment;
    const updated = await cache.updateSegment(
      created.id,
      {
        name: 'Big buyers',
        type: 'filter',
        filter: { combinator: 'and', rules: [{ field: 'totalSpent', operator: 'gte', value: 1 }] },
      },
      { expectedVersion: created.version },
    );
    // The written segment is cached from the write's answer.
    expect(await cache.getSegment(created.id)).to.deep.equal(updated);
    expect(inner.calls.getSegment).to.equal(gets);
    expect(names(await cache.listSegments({ scope: 'store', search: 'buy' }))).to.deep.equal([
      'Big buyers',
    ]);
    expect(await cache.countMembers({ segmentId: created.id })).to.deep.equal(
      await backend.countMembers({ segmentId: created.id }),
    );
  });

  it('recounts the segments that name a CSV segment after members are added', async () => {
    const backend = await backendWithCustomers();
    const customer = (await backend.listMembers('first-time-customers', { limit: 1 })).items[0];
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const csv = await cache.createSegment({
      ...csvDraft('Imported list'),
      csv: { ...csvDraft('').csv, accepted: 0 },
    });
    await cache.finishImport(csv.id);
    const naming = await cache.createSegment({
      name: 'In the list',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'segment', operator: 'in', value: [csv.id] }] },
    });
    expect(await cache.countMembers({ segmentId: naming.id })).to.deep.include({ count: 0 });
    expect((await cache.listMembers(naming.id, {})).items).to.deep.equal([]);
    expect((await cache.getSegment(naming.id)).memberCount).to.equal(0);
    const inTheList = { combinator: 'or' as const, rules: naming.filter!.rules };
    expect(await cache.countMembers({ filter: inTheList })).to.deep.include({ count: 0 });

    await cache.addMembers(csv.id, [{ email: customer.email! }], { batchId: 'b1' });
    expect(await cache.countMembers({ segmentId: csv.id })).to.deep.include({ count: 1 });
    expect(await cache.countMembers({ segmentId: naming.id })).to.deep.include({ count: 1 });
    expect((await cache.listMembers(naming.id, {})).items.map((c) => c.id)).to.deep.equal([
      customer.id,
    ]);
    expect((await cache.getSegment(naming.id)).memberCount).to.equal(1);
    expect(await cache.countMembers({ filter: inTheList })).to.deep.include({ count: 1 });
    const listed = (await cache.listSegments({ scope: 'store' })).items;
    expect(listed.find((s) => s.id === csv.id)?.memberCount).to.equal(1);
  });

  it('drops what it knew about a segment when an update is refused as stale', async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const mine = await cache.createSegment({ name: 'Mine', type: 'filter', filter: buyers });
    // Changed elsewhere (another device): the cache still holds version 1.
    await backend.updateSegment(
      mine.id,
      { name: 'Theirs', type: 'filter', filter: buyers },
      { expectedVersion: 1 },
    );
    expect((await cache.getSegment(mine.id)).name).to.equal('Mine');
    const error = await rejection(
      cache.updateSegment(
        mine.id,
        { name: 'Mine again', type: 'filter', filter: buyers },
        {
          expectedVersion: 1,
        },
      ),
    );
    expect(error.code).to.equal('conflict');
    expect(await cache.getSegment(mine.id)).to.deep.include({ name: 'Theirs', version: 2 });
  });

  it('removes a deleted segment from the list before the backend answers', async () => {
    const backend = openStore();
    const doomed = await backend.createSegment({ name: 'Doomed', type: 'filter', filter: buyers });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const before = await cache.listSegments({ scope: 'store' });

    const release = inner.hold();
    const shown = nextChange(cache);
    const deleting = cache.deleteSegment(doomed.id);
    await shown;
    const during = await cache.listSegments({ scope: 'store' });
    expect(names(during)).to.not.include('Doomed');
    expect(during.total).to.equal(before.total - 1);
    release();
    await deleting;
    const after = await cache.listSegments({ scope: 'store' });
    expect(after).to.deep.equal(await backend.listSegments({ scope: 'store' }));
    expect(names(after)).to.not.include('Doomed');
  });

  it('puts a segment back, with the error, when the backend refuses to delete it', async () => {
    const backend = openStore();
    const kept = await backend.createSegment({ name: 'Kept', type: 'filter', filter: buyers });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const before = await cache.listSegments({ scope: 'store' });

    const release = inner.hold();
    inner.refuseNext('deleteSegment', new SegmentError('unauthorized', 'Signed out.'));
    const deleting = rejection(cache.deleteSegment(kept.id));
    await nextChange(cache);
    expect(names(await cache.listSegments({ scope: 'store' }))).to.not.include('Kept');
    const rolledBack = nextChange(cache);
    release();
    expect((await deleting).code).to.equal('unauthorized');
    await rolledBack;
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(before);
  });

  it('shows a copy beside its source before the backend answers', async () => {
    const backend = openStore();
    await backend.createSegment({ name: 'Diwali', type: 'filter', filter: buyers });
    await backend.createSegment({ name: 'Diwali (copy)', type: 'filter', filter: buyers });
    await backend.createSegment({ name: 'Zebra', type: 'filter', filter: buyers });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const before = await cache.listSegments({ scope: 'store' });
    const zebra = await cache.listSegments({ scope: 'store', search: 'zeb' });
    const source = before.items.find((s) => s.name === 'Diwali')!;

    const release = inner.hold();
    const copying = cache.duplicateSegment(source.id);
    await nextChange(cache);
    const during = await cache.listSegments({ scope: 'store' });
    expect(during.total).to.equal(before.total + 1);
    const at = during.items.findIndex((s) => s.id === source.id);
    expect(during.items[at + 1]).to.deep.include({
      name: 'Diwali (copy 2)',
      type: 'filter',
      scope: 'store',
      readOnly: false,
      memberCount: source.memberCount,
    });
    expect(during.items[at + 1].id).to.not.equal(source.id);
    // A search the copy's name does not match is not changed.
    expect(await cache.listSegments({ scope: 'store', search: 'zeb' })).to.deep.equal(zebra);

    release();
    const copy = await copying;
    expect(copy.name).to.equal('Diwali (copy 2)');
    const after = await cache.listSegments({ scope: 'store' });
    expect(after).to.deep.equal(await backend.listSegments({ scope: 'store' }));
    expect(after.items.filter((s) => s.name === 'Diwali (copy 2)').map((s) => s.id)).to.deep.equal([
      copy.id,
    ]);
  });

  it('shows a copy under the name the seller gave it', async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    const release = inner.hold();
    const copying = cache.duplicateSegment('returning-customers', { name: '  Loyal buyers ' });
    await nextChange(cache);
    const during = names(await cache.listSegments({ scope: 'store' }));
    expect(during[during.indexOf('Returning Customers') + 1]).to.equal('Loyal buyers');
    release();
    expect((await copying).name).to.equal('Loyal buyers');
  });

  it('takes the copy away again when the backend refuses it', async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const before = await cache.listSegments({ scope: 'store' });
    const release = inner.hold();
    inner.refuseNext('duplicateSegment', new SegmentError('unavailable', 'No network.'));
    const copying = rejection(cache.duplicateSegment('first-time-customers'));
    await nextChange(cache);
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include(
      'First Time Customers (copy)',
    );
    release();
    expect((await copying).code).to.equal('unavailable');
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(before);
  });

  it('never stores an answer that was computed before a write it arrives after', async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 0 });
    await cache.listSegments({ scope: 'store' });
    await cache.countMembers({ segmentId: 'returning-customers' });

    // Refreshes leave before the write and come back after it, describing the store before it.
    const release = inner.holdAnswers(['listSegments', 'listMembers']);
    await cache.listSegments({ scope: 'store' });
    const missing = cache.listMembers('returning-customers', {}); // not cached: a fill
    await settle();
    const csv = await cache.createSegment(csvDraft('Written meanwhile'));
    await cache.addMembers(csv.id, [{ email: 'late@example.in' }], { batchId: 'b' });
    release();
    await missing;
    await settle();

    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Written meanwhile');
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(
      await backend.listSegments({ scope: 'store' }),
    );
  });

  it('fails writes with unavailable when offline, and keeps answering what it has', async () => {
    const backend = await backendWithCustomers();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 0 });
    const list = await cache.listSegments({ scope: 'store' });
    const count = await cache.countMembers({ filter: buyers });
    await settle();

    inner.offline = true;
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(list);
    expect(await cache.countMembers({ filter: buyers })).to.deep.equal(count);
    const draft = { name: 'Typed offline', type: 'filter' as const, filter: buyers };
    const kept = structuredClone(draft);
    expect((await rejection(cache.createSegment(draft))).code).to.equal('unavailable');
    expect(draft, 'what the seller typed').to.deep.equal(kept);
    expect((await rejection(cache.deleteSegment(list.items[0].id))).code).to.equal('unavailable');
    // Not cached: the inner adapter's error.
    expect(
      (await rejection(cache.countMembers({ segmentId: 'returning-customers' }))).code,
    ).to.equal('unavailable');
    await settle();
    expect(await cache.listSegments({ scope: 'store' })).to.deep.equal(list);

    inner.offline = false;
    await cache.createSegment(draft);
    expect(names(await cache.listSegments({ scope: 'store' }))).to.include('Typed offline');
  });

  it('turns an error that is not a SegmentError into unavailable', async () => {
    const inner = new ControlledAdapter(openStore());
    inner.refuseNext('listSegments', new TypeError('Failed to fetch') as unknown as SegmentError);
    const cache = openCache(inner);
    const error = await rejection(cache.listSegments({ scope: 'store' }));
    expect(error.code).to.equal('unavailable');
  });
});

describe('CachedAdapter: isolation', () => {
  it('refuses a staleMs that is not a number of milliseconds', () => {
    const inner = new ControlledAdapter(openStore());
    for (const staleMs of [-1, Number.NaN, '5' as unknown as number]) {
      let error: unknown;
      try {
        new CachedAdapter(inner, { storeId: 's', userKey: 'u', staleMs });
      } catch (caught) {
        error = caught;
      }
      expect((error as SegmentError).code, String(staleMs)).to.equal('invalid');
    }
  });

  it('opens no database without both a store and a user', () => {
    const { factory, connections } = recordingIndexedDB();
    const inner = new ControlledAdapter(openStore());
    for (const options of [
      { storeId: 's1', userKey: '' },
      { storeId: '', userKey: 'u1' },
      { userKey: 'u1' },
      { storeId: 's1' },
    ]) {
      let error: unknown;
      try {
        new CachedAdapter(inner, { ...options, indexedDB: factory } as never);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(options)).to.be.instanceOf(SegmentError);
      expect((error as SegmentError).code).to.equal('invalid');
    }
    expect(connections).to.deep.equal([]);
  });

  it('refuses an inner adapter that is missing or is not an adapter, naming it', () => {
    for (const inner of [undefined, null, {}, { listSegments: 'yes' }]) {
      let error: unknown;
      try {
        new CachedAdapter(inner as never, { storeId: 's', userKey: 'u' });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(inner)).to.be.instanceOf(SegmentError);
      expect((error as SegmentError).issues?.map((i) => [i.path, i.code])).to.deep.equal([
        ['inner', 'required'],
      ]);
    }
  });

  it('never answers one store or user with what was cached for another', async () => {
    const shopA = openStore();
    await shopA.createSegment({ name: 'Only in shop A', type: 'filter', filter: buyers });
    const shopB = openStore();
    const storeA = `store-a-${crypto.randomUUID()}`;
    const storeB = `store-b-${crypto.randomUUID()}`;
    const seen = await openCache(new ControlledAdapter(shopA), {
      storeId: storeA,
      userKey: 'asha',
    }).listSegments({ scope: 'store' });
    expect(names(seen)).to.include('Only in shop A');
    await settle();

    // Same store, another user; another store, same user: each asks its own backend.
    for (const [storeId, userKey, backend] of [
      [storeA, 'ravi', shopA],
      [storeB, 'asha', shopB],
    ] as const) {
      const offline = new ControlledAdapter(backend);
      offline.offline = true;
      const other = openCache(offline, { storeId, userKey });
      expect((await rejection(other.listSegments({ scope: 'store' }))).code).to.equal(
        'unavailable',
      );
    }
    const shopBTab = openCache(new ControlledAdapter(shopB), { storeId: storeB, userKey: 'asha' });
    expect(names(await shopBTab.listSegments({ scope: 'store' }))).to.not.include('Only in shop A');
    // Names that would run together stay apart.
    expect(cacheDatabaseName('a:b', 'c')).to.not.equal(cacheDatabaseName('a', 'b:c'));
    expect(cacheDatabaseName(storeA, 'asha')).to.equal(`us-cache:${storeA}:asha`);
  });

  it('forgets everything on clear(), in every tab of that user', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const tabA = openCache(new ControlledAdapter(backend), { storeId });
    const innerB = new ControlledAdapter(backend);
    const tabB = openCache(innerB, { storeId });
    await tabA.listSegments({ scope: 'store' });
    await tabB.listSegments({ scope: 'store' });
    await settle();
    const name = cacheDatabaseName(storeId, 'seller-1');
    expect((await indexedDB.databases()).map((d) => d.name)).to.include(name);

    await tabA.clear();
    await settle();
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(name);
    innerB.offline = true;
    expect((await rejection(tabB.listSegments({ scope: 'store' }))).code).to.equal('unavailable');
    const nextLogin = new ControlledAdapter(backend);
    nextLogin.offline = true;
    const fresh = openCache(nextLogin, { storeId });
    expect((await rejection(fresh.listSegments({ scope: 'store' }))).code).to.equal('unavailable');
  });

  it('makes a tab that keeps its answers in memory forget them on clear() elsewhere', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const innerB = new ControlledAdapter(backend);
    const memoryOnly = openCache(innerB, { storeId, indexedDB: refusingIndexedDB });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await memoryOnly.listSegments({ scope: 'store' });
      await openCache(new ControlledAdapter(backend), { storeId }).clear();
      await settle();
    } finally {
      console.warn = warn;
    }
    innerB.offline = true;
    expect((await rejection(memoryOnly.listSegments({ scope: 'store' }))).code).to.equal(
      'unavailable',
    );
  });

  it('forgets what it holds when the browser deletes the database (site data cleared)', async () => {
    const backend = openStore();
    const storeId = `store-${crypto.randomUUID()}`;
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { storeId, staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    await settle();
    const told = nextChange(cache);
    await deleteDatabase(cacheDatabaseName(storeId, 'seller-1'));
    await told;
    inner.offline = true;
    expect((await rejection(cache.listSegments({ scope: 'store' }))).code).to.equal('unavailable');
  });
});
