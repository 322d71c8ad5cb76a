import { expect } from '@open-wc/testing';
import type { Segment } from '../../src/core.ts';
import type { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { countChanges, nextChange, openCache, removeCaches, settle } from '../helpers/caches.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';

// One seller with the admin open in three tabs. Three CachedAdapters on the same store and user
// in one page stand for the tabs: BroadcastChannel, Web Locks and IndexedDB connect them exactly
// as they connect tabs. Each tab has its own client of one backend, and each client counts.

afterEach(async () => {
  await removeCaches();
  await removeStores();
});

const filter = {
  combinator: 'and' as const,
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};
const names = (page: { items: Segment[] }) => page.items.map((s) => s.name);

function threeTabs(staleMs: number[] = [60_000, 60_000, 60_000]) {
  const backend = openStore();
  const storeId = `store-${crypto.randomUUID()}`;
  const clients = staleMs.map(() => new ControlledAdapter(backend));
  const tabs = clients.map((client, i) => openCache(client, { storeId, staleMs: staleMs[i] }));
  const calls = (method: 'listSegments' | 'getSegment') =>
    clients.reduce((sum, client) => sum + client.calls[method], 0);
  return { backend, clients, tabs, calls };
}

const showList = (tabs: CachedAdapter[]) =>
  Promise.all(tabs.map((tab) => tab.listSegments({ scope: 'store' })));

describe('CachedAdapter: several tabs', () => {
  it("shows a write in one tab in the others' lists, asking the backend once", async () => {
    const { tabs, calls } = threeTabs();
    const [a, b, c] = tabs;
    await showList(tabs);
    await settle();
    expect(calls('listSegments'), 'each tab filled its list').to.be.at.most(3);

    const listedBefore = calls('listSegments');
    const events = tabs.map(countChanges);
    const seen = [nextChange(b), nextChange(c)];
    await a.createSegment({ name: 'From tab A', type: 'filter', filter });
    await Promise.all(seen);
    // Every tab's list re-reads on the event, all at once.
    const pages = await showList(tabs);
    for (const page of pages) expect(names(page)).to.include('From tab A');
    expect(pages[1]).to.deep.equal(pages[0]);
    expect(pages[2]).to.deep.equal(pages[0]);
    expect(calls('listSegments') - listedBefore, 'one tab asked, two read its answer').to.equal(1);

    await settle(200);
    await showList(tabs);
    await settle(200);
    expect(calls('listSegments') - listedBefore, 'and nothing more was asked').to.equal(1);
    expect(events.map((e) => e.count)).to.deep.equal([1, 1, 1]);
  });

  it('asks once for three tabs that refresh on every read (staleMs 0)', async () => {
    const { tabs, calls } = threeTabs([0, 0, 0]);
    await showList(tabs);
    await settle();
    const listedBefore = calls('listSegments');
    const seen = tabs.map(nextChange);
    await tabs[0].createSegment({ name: 'Fresh everywhere', type: 'filter', filter });
    await Promise.all(seen);
    for (const page of await showList(tabs)) expect(names(page)).to.include('Fresh everywhere');
    expect(calls('listSegments') - listedBefore).to.equal(1);
  });

  it('keeps going quiet after a burst of writes in every tab', async () => {
    const { tabs, calls } = threeTabs();
    await showList(tabs);
    await settle();
    const listedBefore = calls('listSegments');
    const events = tabs.map(countChanges);
    // Each tab's list re-reads whenever its adapter says something changed.
    for (const tab of tabs) {
      tab.addEventListener('segments-changed', () => void tab.listSegments({ scope: 'store' }));
    }
    await Promise.all(
      tabs.map((tab, i) => tab.createSegment({ name: `Tab ${i}`, type: 'filter', filter })),
    );
    await settle(300);
    const asked = calls('listSegments') - listedBefore;
    const fired = events.map((e) => e.count);
    // Three writes: at most one list request per write per tab, and then silence.
    expect(asked).to.be.at.least(1).and.at.most(9);
    await settle(300);
    expect(calls('listSegments') - listedBefore).to.equal(asked);
    expect(events.map((e) => e.count)).to.deep.equal(fired);
    for (const page of await showList(tabs)) {
      expect(names(page)).to.include.members(['Tab 0', 'Tab 1', 'Tab 2']);
    }
  });

  it('hands a refreshed answer from one tab to the others without them asking', async () => {
    // Tab A refreshes on every read; B and C trust their answers for a minute.
    const { backend, clients, tabs } = threeTabs([0, 60_000, 60_000]);
    const [a, b, c] = tabs;
    await showList(tabs);
    await settle();
    await backend.createSegment({ name: 'Made on another device', type: 'filter', filter });

    const seen = [nextChange(a), nextChange(b), nextChange(c)];
    const askedB = clients[1].totalCalls;
    const askedC = clients[2].totalCalls;
    await a.listSegments({ scope: 'store' });
    await Promise.all(seen);
    for (const page of await showList([b, c])) {
      expect(names(page)).to.include('Made on another device');
    }
    expect([clients[1].totalCalls - askedB, clients[2].totalCalls - askedC]).to.deep.equal([0, 0]);
  });

  it('updates a segment open in another tab from the write, not from the backend', async () => {
    const { tabs, calls } = threeTabs();
    const [a, b] = tabs;
    const created = await a.createSegment({ name: 'Draft', type: 'filter', filter });
    expect((await b.getSegment(created.id)).version).to.equal(1);
    const gets = calls('getSegment');
    const seen = nextChange(b);
    const updated = await a.updateSegment(
      created.id,
      { name: 'Final', type: 'filter', filter },
      { expectedVersion: 1 },
    );
    await seen;
    expect(await b.getSegment(created.id)).to.deep.equal(updated);
    expect(calls('getSegment')).to.equal(gets);
  });
});
