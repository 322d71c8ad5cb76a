// Another tab's writes, seen by a LocalAdapter whose next pages of a listing under way do not
// read the store's versions from IndexedDB again (a million-member export is 5,000 calls): an
// adapter of the same page's write at once, another tab's once its message arrives, an
// unannounced write within TRUST_MS; every other call reads them, so it sees every write.
import { expect } from '@open-wc/testing';
import { SEGMENTS_CHANGED, type FilterGroup } from '../../src/core.ts';
import { LocalDatabase } from '../../src/adapters/local/database.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import type { LocalStore } from '../../src/adapters/local/store.ts';
import { TRUST_MS } from '../../src/adapters/local/version-trust.ts';
import { openStore, rejection, removeStores, storeOf } from '../helpers/local-stores.ts';

afterEach(removeStores);

const everyone: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 0 }],
};

/** `count` customers with ids `${prefix}1…`, names with a Devanagari letter in them. */
const customers = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    name: `ग्राहक ${prefix}${i + 1}`,
    createdAt: '2026-01-01T00:00:00.000Z',
  }));

/** Counts the reads of the store's version record while `work` runs. */
async function versionReads(store: LocalStore, work: () => Promise<unknown>): Promise<number> {
  const table = store.db.meta;
  const get = table.get;
  let reads = 0;
  table.get = function (this: typeof table, ...args: Parameters<typeof get>) {
    reads++;
    return get.apply(this, args);
  } as typeof get;
  try {
    await work();
  } finally {
    table.get = get;
  }
  return reads;
}

/** A LocalAdapter made by another realm's copy of the code: another tab, as far as it can tell. */
async function otherTab(storeId: string): Promise<{ adapter: LocalAdapter; remove(): void }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<script type="module">
    import { LocalAdapter } from '/src/adapters/local/index.ts';
    window.OtherLocalAdapter = LocalAdapter;
  </script>`;
  document.body.append(frame);
  const win = () => frame.contentWindow as unknown as { OtherLocalAdapter?: typeof LocalAdapter };
  for (let i = 0; !win()?.OtherLocalAdapter; i++) {
    if (i > 200) throw new Error('the other tab did not load the adapter');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const adapter = new (win().OtherLocalAdapter!)({ storeId });
  return {
    adapter,
    remove: () => {
      adapter.close();
      frame.remove();
    },
  };
}

const changed = (adapter: LocalAdapter) =>
  new Promise<void>((resolve) =>
    adapter.addEventListener(SEGMENTS_CHANGED, () => resolve(), { once: true }),
  );

describe('LocalAdapter: writes of other adapters and other tabs', () => {
  it('an adapter of the same page sees the other’s write on its very next call', async () => {
    const first = openStore();
    const second = openStore({ storeId: first.storeId });
    await first.importCustomers(customers('a', 3));
    const segment = await first.createSegment({
      name: 'Everyone',
      type: 'filter',
      filter: everyone,
    });
    expect((await first.listMembers(segment.id, { limit: 200 })).total).to.equal(3);
    expect((await second.listMembers(segment.id, { limit: 200 })).total).to.equal(3);

    // No waiting between a write and the other adapter's read: no message has arrived yet.
    await second.importCustomers(customers('b', 2));
    const page = await first.listMembers(segment.id, { limit: 200 });
    expect(page.total).to.equal(5);
    expect(page.items.map((c) => c.name)).to.include('ग्राहक b2');
    const other = await second.createSegment({ name: 'दिवाली', type: 'filter', filter: everyone });
    expect((await first.getSegment(other.id)).name).to.equal('दिवाली');
    // A listing under way: its next page must not answer from before the other adapter's delete.
    const begun = await first.listMembers(segment.id, { limit: 2 });
    await second.deleteSegment(segment.id);
    const next = first.listMembers(segment.id, { cursor: begun.next, limit: 2 });
    expect((await rejection(next)).code).to.equal('not-found');
  });

  it('another tab’s write is seen as soon as its message arrives', async () => {
    const here = openStore();
    await here.importCustomers(customers('a', 2));
    const segment = await here.createSegment({
      name: 'Everyone',
      type: 'filter',
      filter: everyone,
    });
    const tab = await otherTab(here.storeId);
    try {
      for (let round = 0; round < 3; round++) {
        // A listing begun just before, so this tab's copy of the versions is as fresh as it gets.
        const begun = await here.listMembers(segment.id, { limit: 1 });
        const heard = changed(here);
        await tab.adapter.importCustomers(customers(`t${round}-`, 1));
        await heard;
        const next = await here.listMembers(segment.id, { cursor: begun.next, limit: 1 });
        expect(next.total).to.equal(begun.total + 1);
      }
      const renamed = await tab.adapter.updateSegment(
        segment.id,
        { name: 'सभी ग्राहक', type: 'filter', filter: everyone },
        { expectedVersion: segment.version },
      );
      // The other tab's write, then its message: by now its message has had time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const seen = await here.getSegment(segment.id);
      expect([seen.name, seen.version]).to.deep.equal(['सभी ग्राहक', renamed.version]);
    } finally {
      tab.remove();
    }
  });

  it('a write nobody announced is seen by the next call at once, by a listing under way within TRUST_MS', async () => {
    const adapter = openStore();
    await adapter.importCustomers(customers('a', 3));
    const segment = await adapter.createSegment({ name: 'Old', type: 'filter', filter: everyone });
    const begun = await adapter.listMembers(segment.id, { limit: 1 });
    // Written straight to IndexedDB, no message: a tab that froze before it could post one.
    const unannounced = async (change: (db: LocalDatabase) => Promise<unknown>) => {
      const db = new LocalDatabase(adapter.storeId);
      await db.transaction('rw', [db.meta, db.segments], async () => {
        await change(db);
        const state = (await db.meta.get('state'))!;
        await db.meta.put({ ...state, segmentsVersion: state.segmentsVersion + 1 });
      });
      db.close();
    };
    await unannounced(async (db) => {
      const stored = (await db.segments.get(segment.id))!;
      await db.segments.put({ ...stored, name: 'नया', version: stored.version + 1 });
    });
    expect((await adapter.getSegment(segment.id)).name).to.equal('नया');

    await unannounced((db) => db.segments.delete(segment.id));
    await new Promise((resolve) => setTimeout(resolve, TRUST_MS + 20));
    const next = adapter.listMembers(segment.id, { cursor: begun.next, limit: 1 });
    expect((await rejection(next)).code).to.equal('not-found');
  });

  it('page after page of members reads the versions once a listing, not once a page', async () => {
    const adapter = openStore();
    await adapter.importCustomers(customers('a', 400));
    const segment = await adapter.createSegment({ name: 'All', type: 'filter', filter: everyone });
    const store = await storeOf(adapter);
    let calls = 0;
    const started = performance.now();
    const reads = await versionReads(store, async () => {
      for (let round = 0; round < 20; round++) {
        let cursor: string | undefined;
        do {
          const page = await adapter.listMembers(segment.id, { cursor, limit: 100 });
          cursor = page.next;
          calls++;
        } while (cursor);
      }
    });
    expect(calls).to.equal(80);
    // A read for each listing's first page, and one more for every TRUST_MS the calls took (a
    // busy machine is slow); a read a page would be 80.
    expect(reads).to.be.at.most(20 + Math.ceil((performance.now() - started) / TRUST_MS));
  });

  it('reads the versions before every call where tabs cannot send messages', async () => {
    const original = globalThis.BroadcastChannel;
    let adapter: LocalAdapter;
    try {
      (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
      adapter = openStore();
      await storeOf(adapter);
    } finally {
      globalThis.BroadcastChannel = original;
    }
    await adapter.importCustomers(customers('a', 10));
    const segment = await adapter.createSegment({ name: 'All', type: 'filter', filter: everyone });
    const store = await storeOf(adapter);
    let cursor: string | undefined;
    const reads = await versionReads(store, async () => {
      do cursor = (await adapter.listMembers(segment.id, { cursor, limit: 1 })).next;
      while (cursor);
    });
    expect(reads).to.equal(10);
  });
});
