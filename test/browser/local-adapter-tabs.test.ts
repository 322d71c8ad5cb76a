// Another tab's writes, seen by a LocalAdapter that no longer reads the store's versions from
// IndexedDB before every call (a million-member export is 5,000 calls): an adapter of the same
// page at once, another tab's once its message arrives, an unannounced write within TRUST_MS.
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
    await second.deleteSegment(segment.id);
    expect((await rejection(first.listMembers(segment.id, {}))).code).to.equal('not-found');
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
        // Read just before, so this tab's copy of the versions is as fresh as it gets.
        const before = (await here.listMembers(segment.id, { limit: 200 })).total;
        const heard = changed(here);
        await tab.adapter.importCustomers(customers(`t${round}-`, 1));
        await heard;
        expect((await here.listMembers(segment.id, { limit: 200 })).total).to.equal(before + 1);
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

  it('a write nobody announced is seen within TRUST_MS', async () => {
    const adapter = openStore();
    const segment = await adapter.createSegment({ name: 'Old', type: 'filter', filter: everyone });
    expect((await adapter.getSegment(segment.id)).name).to.equal('Old');
    // Written straight to IndexedDB, no message: a tab that froze before it could post one.
    const db = new LocalDatabase(adapter.storeId);
    await db.transaction('rw', [db.meta, db.segments], async () => {
      const stored = (await db.segments.get(segment.id))!;
      await db.segments.put({ ...stored, name: 'New', version: stored.version + 1 });
      const state = (await db.meta.get('state'))!;
      await db.meta.put({ ...state, segmentsVersion: state.segmentsVersion + 1 });
    });
    db.close();
    await new Promise((resolve) => setTimeout(resolve, TRUST_MS + 20));
    expect((await adapter.getSegment(segment.id)).name).to.equal('New');
  });

  it('page after page of members reads the versions once, not once a page', async () => {
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
    // One read, and one more for every TRUST_MS the calls took (a busy machine is slow).
    expect(reads).to.be.at.most(1 + Math.ceil((performance.now() - started) / TRUST_MS));
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
    const reads = await versionReads(store, async () => {
      for (let i = 0; i < 10; i++) await adapter.listMembers(segment.id, { limit: 5 });
    });
    expect(reads).to.equal(10);
  });
});
