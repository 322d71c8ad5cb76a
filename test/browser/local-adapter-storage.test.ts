import { expect } from '@open-wc/testing';
import Dexie, { type DBCore } from 'dexie';
import { SEGMENTS_CHANGED, type Customer, type FilterGroup, type Order } from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import {
  everyone,
  filterMembers,
  openStore,
  rejection,
  removeStores,
  storeOf,
} from '../helpers/local-stores.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';

// What the embedded adapter keeps in IndexedDB: seed imports, reloads, other tabs, other stores,
// and what is left after a write fails half-way.

afterEach(removeStores);

/** The next segments-changed event; a test that never sees it fails at mocha's timeout. */
function nextEvent(target: EventTarget): Promise<void> {
  return new Promise((resolve) => {
    target.addEventListener(SEGMENTS_CHANGED, () => resolve(), { once: true });
  });
}

/**
 * How many records of the store's IndexedDB database, in any object store, mention `text`:
 * read with the raw IndexedDB API, whatever the adapter's schema, so nothing it keeps is missed.
 */
async function storedRecordsMentioning(storeId: string, text: string): Promise<number> {
  const names = (await indexedDB.databases()).map((db) => db.name ?? '');
  const name = names.find((n) => n.includes(storeId));
  if (!name)
    throw new Error(`no IndexedDB database for store ${storeId} among ${names.join(', ')}`);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
  });
  try {
    let found = 0;
    for (const storeName of Array.from(db.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error(`cannot read ${storeName}`));
      });
      found += records.filter((record) => JSON.stringify(record).includes(text)).length;
    }
    return found;
  } finally {
    db.close();
  }
}

/**
 * Makes every Dexie database opened from now on fail its writes to `table` the way a full disk
 * does, so a transaction fails part-way through. Returns the function that stops it.
 */
function failWritesTo(table: string): () => void {
  const addon = (db: Dexie) =>
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name) {
          const inner = down.table(name);
          if (name !== table) return inner;
          return {
            ...inner,
            mutate: () =>
              Promise.reject(new DOMException('The disk is full.', 'QuotaExceededError')),
          };
        },
      }),
    });
  Dexie.addons.push(addon);
  return () => Dexie.addons.splice(Dexie.addons.indexOf(addon), 1);
}

describe('LocalAdapter: importing customers and orders', () => {
  it('derives order statistics and spendRank from the orders', async () => {
    const adapter = openStore();
    const { customers, orders } = generateStore({ seed: 11, customers: 400, orders: 1200 });
    await adapter.importCustomers(customers);
    await adapter.importOrders(orders.slice(0, 700));
    await adapter.importOrders(orders.slice(700));
    const expected = deriveOrderStats(customers, orders);
    expect(await filterMembers(adapter)).to.deep.equal(expected);

    // Sending orders again (say, a retried sync) changes nothing.
    await adapter.importOrders(orders.slice(0, 100));
    expect(await filterMembers(adapter)).to.deep.equal(expected);

    // Re-importing a customer updates the profile and keeps the statistics.
    const renamed = { ...customers[0], name: 'Renamed Customer' };
    await adapter.importCustomers([renamed]);
    expect((await filterMembers(adapter))[0]).to.deep.equal({
      ...expected[0],
      name: 'Renamed Customer',
    });
  });

  it('a new sign-up date re-ranks customers who spent the same, and a store that reopens keeps it', async () => {
    const adapter = openStore();
    const at = (day: string) => `2024-01-${day}T00:00:00.000Z`;
    await adapter.importCustomers([
      { id: 'asha', createdAt: at('01'), ordersCount: 0, totalSpent: 0 },
      { id: 'bela', createdAt: at('02'), ordersCount: 0, totalSpent: 0 },
      { id: 'chitra', createdAt: at('03'), ordersCount: 0, totalSpent: 0 },
    ]);
    await adapter.importOrders([
      { id: 'o1', customerId: 'asha', total: 500, placedAt: at('10') },
      { id: 'o2', customerId: 'bela', total: 500, placedAt: at('11') },
      { id: 'o3', customerId: 'chitra', total: 900, placedAt: at('12') },
    ]);
    const ranks = async (store: LocalAdapter) =>
      Object.fromEntries(
        (await store.listMembers('top-10-spenders', {})).items.map((c) => [c.id, c.spendRank]),
      );
    // Ties on total spent go to the earlier sign-up.
    expect(await ranks(adapter)).to.deep.equal({ chitra: 1, asha: 2, bela: 3 });

    // Bela's sign-up date is corrected to before Asha's: she now wins the tie.
    await adapter.importCustomers([
      { id: 'bela', createdAt: '2023-12-31T00:00:00.000Z', ordersCount: 0, totalSpent: 0 },
    ]);
    expect(await ranks(adapter)).to.deep.equal({ chitra: 1, bela: 2, asha: 3 });
    const rule = (value: number): FilterGroup => ({
      combinator: 'and',
      rules: [{ field: 'spendRank', operator: 'equals', value }],
    });
    expect((await adapter.countMembers({ filter: rule(2) })).count).to.equal(1);

    const reopened = openStore({ storeId: adapter.storeId });
    expect(await ranks(reopened)).to.deep.equal({ chitra: 1, bela: 2, asha: 3 });
  });

  it('refuses malformed customers as a whole, with an issue per bad record', async () => {
    const adapter = openStore();
    const { customers } = generateStore({ seed: 3, customers: 20, orders: 0 });
    const bad = [
      ...customers,
      { ...customers[0], id: '' },
      { ...customers[1], id: 'x-1', createdAt: 'last tuesday' },
      { ...customers[2], id: 'x-2', phone: '12345' },
      { ...customers[3] },
    ];
    const error = await rejection(adapter.importCustomers(bad as Customer[]));
    expect(error.code).to.equal('invalid');
    expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['customers.20', 'missing-id'],
      ['customers.21', 'invalid-date'],
      ['customers.22', 'invalid-phone'],
      ['customers.23.id', 'duplicate-id'],
    ]);
    expect((await adapter.countMembers({ filter: everyone })).total).to.equal(0);

    const many = Array.from({ length: 150 }, (_, i) => ({
      ...customers[0],
      id: `bad-${i}`,
      createdAt: '',
    }));
    expect((await rejection(adapter.importCustomers(many as Customer[]))).issues).to.have.length(
      100,
    );
  });

  it('refuses malformed orders as a whole, leaving every count as it was', async () => {
    const adapter = openStore();
    const { customers, orders } = generateStore({ seed: 5, customers: 50, orders: 120 });
    await adapter.importCustomers(customers);
    await adapter.importOrders(orders);
    const before = await adapter.countMembers({ segmentId: 'returning-customers' });
    const good = {
      id: 'ord_x',
      customerId: customers[0].id,
      total: 1000,
      placedAt: '2026-11-01T00:00:00Z',
    };
    const error = await rejection(
      adapter.importOrders([
        good,
        { ...good, id: 'ord_neg', total: -5 },
        { ...good, id: 'ord_who', customerId: 'cus_unknown' },
        { ...good, id: 'ord_when', placedAt: 'soon' },
        { ...good, id: '' },
        { ...good, id: 'ord_frac', total: 10.5 },
        null,
        'ord_y',
      ] as Order[]),
    );
    expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['orders.1', 'negative-total'],
      ['orders.2', 'unknown-customer'],
      ['orders.3', 'invalid-date'],
      ['orders.4', 'missing-id'],
      ['orders.5', 'invalid-total'],
      ['orders.6', 'not-an-object'],
      ['orders.7', 'not-an-object'],
    ]);
    expect(await adapter.countMembers({ segmentId: 'returning-customers' })).to.deep.equal(before);
    const reopened = openStore({ storeId: adapter.storeId });
    expect(await reopened.countMembers({ segmentId: 'returning-customers' })).to.deep.equal(before);
  });

  it('an order of ₹0 (a free sample) is an order: it counts, and ranks its buyer', async () => {
    const adapter = openStore();
    await adapter.importCustomers([
      { id: 'free', createdAt: '2024-01-01T00:00:00.000Z', ordersCount: 0, totalSpent: 0 },
    ]);
    await adapter.importOrders([
      { id: 'o-free', customerId: 'free', total: 0, placedAt: '2024-02-01T00:00:00.000Z' },
    ]);
    const [buyer] = (await adapter.listMembers('first-time-customers', {})).items;
    expect(buyer).to.include({ id: 'free', ordersCount: 1, totalSpent: 0, spendRank: 1 });
  });
});

describe('LocalAdapter: durable and shared', () => {
  it('keeps customers, segments and CSV members across a reload', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const first = openStore({ storeId });
    const { customers, orders } = generateStore({ seed: 9, customers: 120, orders: 300 });
    await first.importCustomers(customers);
    await first.importOrders(orders);
    const filter = await first.createSegment({
      name: 'Big spenders',
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [{ field: 'totalSpent', operator: 'gte', value: 500000 }],
      },
    });
    const csv = await first.createSegment({
      name: 'Newsletter list',
      type: 'csv',
      csv: {
        fileName: 'n.csv',
        phoneColumn: 'p',
        emailColumn: 'e',
        accepted: 2,
        rejected: 0,
        duplicates: 0,
      },
    });
    await first.addMembers(csv.id, [{ email: 'one@x.in' }, { email: 'two@x.in' }], {
      batchId: 'b1',
    });
    await first.finishImport(csv.id);
    const listed = await first.listSegments({ scope: 'store' });
    first.close();

    const reloaded = openStore({ storeId });
    expect(await reloaded.listSegments({ scope: 'store' })).to.deep.equal(listed);
    expect((await reloaded.getSegment(filter.id)).memberCount).to.equal(
      deriveOrderStats(customers, orders).filter((c) => c.totalSpent >= 500000).length,
    );
    // The processed batch is remembered too: retrying it after the reload adds nothing.
    await reloaded.addMembers(csv.id, [{ email: 'three@x.in' }], { batchId: 'b1' });
    expect((await reloaded.getSegment(csv.id)).memberCount).to.equal(2);
  });

  it('deleting a CSV segment removes its members and batches from IndexedDB, not only from view', async () => {
    const adapter = openStore();
    const { customers, orders } = generateStore({ seed: 11, customers: 40, orders: 80 });
    await adapter.importCustomers(customers);
    await adapter.importOrders(orders);
    const contacts = customers.filter((c) => c.email).slice(0, 5);
    const draft = (name: string) => ({
      name,
      type: 'csv' as const,
      csv: {
        fileName: 'list.csv',
        phoneColumn: 'phone',
        emailColumn: 'email',
        accepted: contacts.length,
        rejected: 0,
        duplicates: 0,
      },
    });
    const doomed = await adapter.createSegment(draft('Diwali list'));
    const kept = await adapter.createSegment(draft('Holi list'));
    for (const segment of [doomed, kept]) {
      await adapter.addMembers(
        segment.id,
        contacts.map((c) => ({ email: c.email })),
        { batchId: 'upload-1' },
      );
      await adapter.finishImport(segment.id);
    }
    // The scan sees the members before the delete, so an empty scan afterwards means something.
    expect(await storedRecordsMentioning(adapter.storeId, doomed.id)).to.be.greaterThan(0);
    const keptBefore = await storedRecordsMentioning(adapter.storeId, kept.id);

    await adapter.deleteSegment(doomed.id);
    adapter.close();
    expect(await storedRecordsMentioning(adapter.storeId, doomed.id)).to.equal(0);
    expect(await storedRecordsMentioning(adapter.storeId, kept.id)).to.equal(keptBefore);
    const reopened = openStore({ storeId: adapter.storeId });
    expect((await reopened.countMembers({ segmentId: kept.id })).count).to.equal(contacts.length);
  });

  it("shows each adapter on the store the other's changes, with an event", async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const tabA = openStore({ storeId });
    const tabB = openStore({ storeId });
    await tabB.listSegments({ scope: 'store' });

    const seenByB = nextEvent(tabB);
    const saved = await tabA.createSegment({
      name: 'From tab A',
      type: 'filter',
      filter: everyone,
    });
    await seenByB;
    expect((await tabB.getSegment(saved.id)).name).to.equal('From tab A');

    const seenByA = nextEvent(tabA);
    const { customers } = generateStore({ seed: 2, customers: 30, orders: 0 });
    await tabB.importCustomers(customers);
    await seenByA;
    expect(await tabA.countMembers({ segmentId: saved.id })).to.deep.equal({
      count: 30,
      total: 30,
    });
  });

  it('keeps both imports when two tabs import at the same time', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const tabA = openStore({ storeId });
    const tabB = openStore({ storeId });
    const { customers } = generateStore({ seed: 12, customers: 8000, orders: 0 });
    await Promise.all([
      tabA.importCustomers(customers.slice(0, 4000)),
      tabB.importCustomers(customers.slice(4000)),
    ]);
    expect((await tabA.countMembers({ filter: everyone })).total).to.equal(8000);
    const reopened = openStore({ storeId });
    expect((await reopened.countMembers({ filter: everyone })).total).to.equal(8000);
  });

  it('keeps stores apart', async () => {
    const storeA = openStore();
    const storeB = openStore();
    const { customers, orders } = generateStore({ seed: 4, customers: 40, orders: 90 });
    await storeA.importCustomers(customers);
    await storeA.importOrders(orders);
    const onlyA = await storeA.createSegment({
      name: 'Only in A',
      type: 'filter',
      filter: everyone,
    });

    expect(await storeB.countMembers({ filter: everyone })).to.deep.equal({ count: 0, total: 0 });
    expect(
      (await storeB.listSegments({ scope: 'store' })).items.map((s) => s.memberCount),
    ).to.deep.equal([0, 0, 0, 0, 0]);
    expect((await rejection(storeB.getSegment(onlyA.id))).code).to.equal('not-found');
    // The same name is free in another store.
    await storeB.createSegment({ name: 'Only in A', type: 'filter', filter: everyone });
  });
});

describe('LocalAdapter: failures', () => {
  it('leaves the store as it was when an import fails part-way', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const healthy = openStore({ storeId });
    const { customers, orders } = generateStore({ seed: 6, customers: 12000, orders: 20000 });
    await healthy.importCustomers(customers.slice(0, 6000));
    await healthy.importOrders(orders.filter((o) => Number(o.customerId.slice(4)) <= 6000));
    const before = await filterMembers(healthy);

    // The last write of the transaction (the store's version record) hits a full disk, after
    // the customer blocks were already written inside it.
    const stop = failWritesTo('meta');
    let failing: LocalAdapter;
    try {
      failing = openStore({ storeId });
      // Dexie takes its addons when the database is made: when the adapter's engine has loaded.
      await storeOf(failing);
    } finally {
      stop();
    }
    const error = await rejection(failing.importCustomers(customers.slice(6000)));
    expect(error.code).to.equal('unavailable');
    expect(
      (await rejection(failing.createSegment({ name: 'Lost', type: 'filter', filter: everyone })))
        .code,
    ).to.equal('unavailable');

    expect((await failing.countMembers({ filter: everyone })).total).to.equal(6000);
    const reopened = openStore({ storeId });
    expect(await filterMembers(reopened)).to.deep.equal(before);
    expect((await reopened.listSegments({ scope: 'store', search: 'lost' })).total).to.equal(0);
  });

  it('leaves a CSV segment as it was when adding members fails part-way', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const healthy = openStore({ storeId });
    const csv = await healthy.createSegment({
      name: 'List',
      type: 'csv',
      csv: {
        fileName: 'l.csv',
        phoneColumn: 'p',
        emailColumn: 'e',
        accepted: 1,
        rejected: 0,
        duplicates: 0,
      },
    });
    const stop = failWritesTo('batches');
    let failing: LocalAdapter;
    try {
      failing = openStore({ storeId });
      // Dexie takes its addons when the database is made: when the adapter's engine has loaded.
      await storeOf(failing);
    } finally {
      stop();
    }
    const error = await rejection(
      failing.addMembers(csv.id, [{ email: 'a@x.in' }], { batchId: 'b' }),
    );
    expect(error.code).to.equal('unavailable');
    // Still importing, with nothing received: the failed batch left no trace.
    expect((await healthy.getSegment(csv.id)).progress).to.deep.equal({ received: 0, expected: 1 });
    expect(await healthy.addMembers(csv.id, [{ email: 'a@x.in' }], { batchId: 'b' })).to.deep.equal(
      { added: 1 },
    );
  });

  it('writes nothing when the caller aborts while an import is running', async () => {
    const adapter = openStore();
    const { customers } = generateStore({ seed: 8, customers: 3000, orders: 0 });
    const controller = new AbortController();
    const running = adapter.importCustomers(customers, { signal: controller.signal });
    controller.abort();
    let reason: unknown;
    try {
      await running;
    } catch (error) {
      reason = error;
    }
    expect(reason).to.equal(controller.signal.reason);
    expect((await adapter.countMembers({ filter: everyone })).total).to.equal(0);
    const reopened = openStore({ storeId: adapter.storeId });
    expect((await reopened.countMembers({ filter: everyone })).total).to.equal(0);
  });

  it('reports unavailable when IndexedDB cannot be opened', async () => {
    const refusing = {
      open() {
        throw new DOMException('IndexedDB is disabled in private browsing.', 'InvalidStateError');
      },
      deleteDatabase: () => indexedDB.deleteDatabase('never-used'),
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
      databases: () => Promise.resolve([]),
    } as unknown as IDBFactory;
    const adapter = openStore({ indexedDB: refusing });
    const error = await rejection(adapter.listSegments({ scope: 'store' }));
    expect(error.code).to.equal('unavailable');
    expect(error.message).to.not.contain('private browsing');
  });
});
