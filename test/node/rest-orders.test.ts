import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestAdapter, type Customer, type Order } from '../../src/core.ts';
import { kitSeed, type AdapterSeed } from '../../src/testing/index.ts';
import { deriveOrderStats } from '../../src/testing/generate-store.ts';
import { importCustomers, importOrders } from '../../server/stores.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The backend's data moving under the segments: orders arriving change first-time, returning
 * and top-spender segments and every rank at once (counts cached before are not served stale),
 * in that store only; customers arriving later are matched to CSV contacts uploaded earlier.
 * Expected answers come from deriveOrderStats, never from the backend's SQL.
 */

let backend: TestBackend;
let seed: AdapterSeed;
const stores: Record<'a' | 'b', { storeId: string; apiKey: string; adapter: RestAdapter }> =
  {} as never;

before(async () => {
  backend = await startTestBackend();
  seed = kitSeed();
  for (const name of ['a', 'b'] as const) {
    const { storeId, apiKey } = await backend.newStore(seed);
    stores[name] = {
      storeId,
      apiKey,
      adapter: new RestAdapter({
        baseUrl: backend.baseUrl,
        headers: { authorization: `Bearer ${apiKey}` },
      }),
    };
  }
});
after(() => backend?.close());

const PREDEFINED: Record<string, (c: Customer) => boolean> = {
  'first-time-customers': (c) => c.ordersCount === 1,
  'returning-customers': (c) => c.ordersCount >= 2,
  'top-10-spenders': (c) => c.spendRank !== undefined && c.spendRank <= 10,
  'top-50-spenders': (c) => c.spendRank !== undefined && c.spendRank <= 50,
};

async function expectStoreMatches(adapter: RestAdapter, orders: readonly Order[], what: string) {
  const truth = deriveOrderStats(seed.customers, orders);
  const listed = new Map(
    (await adapter.listSegments({ scope: 'store', limit: 10 })).items.map((s) => [s.id, s]),
  );
  for (const [id, matches] of Object.entries(PREDEFINED)) {
    const want = truth.filter(matches);
    assert.equal(
      (await adapter.countMembers({ segmentId: id })).count,
      want.length,
      `${what}: count of ${id}`,
    );
    assert.equal(listed.get(id)?.memberCount, want.length, `${what}: listed memberCount of ${id}`);
  }
  const top = await adapter.listMembers('top-10-spenders', { limit: 20 });
  const byId = new Map(truth.map((c) => [c.id, c]));
  assert.deepEqual(
    top.items.map((c) => c.id).sort(),
    truth
      .filter(PREDEFINED['top-10-spenders']!)
      .map((c) => c.id)
      .sort(),
    `${what}: the top 10`,
  );
  for (const customer of top.items) {
    const real = byId.get(customer.id)!;
    assert.equal(customer.spendRank, real.spendRank, `${what}: spendRank of ${customer.id}`);
    assert.equal(customer.totalSpent, real.totalSpent, `${what}: totalSpent of ${customer.id}`);
    assert.equal(customer.ordersCount, real.ordersCount, `${what}: ordersCount of ${customer.id}`);
    assert.equal(customer.lastOrderAt, real.lastOrderAt, `${what}: lastOrderAt of ${customer.id}`);
  }
  return truth;
}

describe('orders arriving', () => {
  it('move customers between predefined segments and re-rank spenders, in their store only', async () => {
    const before = await expectStoreMatches(stores.a.adapter, seed.orders, 'before');
    const never = before.find((c) => c.ordersCount === 0)!;
    const once = before.find((c) => c.ordersCount === 1)!;
    const modest = before.filter((c) => c.spendRank !== undefined).at(-1)!;
    const arriving: Order[] = [
      { id: 'new-1', customerId: never.id, total: 49_900, placedAt: '2026-11-28T09:00:00.000Z' },
      { id: 'new-2', customerId: once.id, total: 12_500, placedAt: '2026-11-28T09:05:00.000Z' },
      // Enough to pass everyone: the last-ranked buyer becomes rank 1.
      {
        id: 'new-3',
        customerId: modest.id,
        total: before.reduce((most, c) => Math.max(most, c.totalSpent), 0) + 1,
        placedAt: '2026-11-28T09:10:00.000Z',
      },
    ];
    await importOrders(backend.db, stores.a.storeId, arriving);
    const after = await expectStoreMatches(
      stores.a.adapter,
      [...seed.orders, ...arriving],
      'after',
    );
    assert.equal(
      after.find((c) => c.id === modest.id)!.spendRank,
      1,
      'the oracle agrees on rank 1',
    );
    assert.equal(after.find((c) => c.id === never.id)!.ordersCount, 1);

    // The same order moved to another customer: both customers' statistics follow.
    const moved = { ...arriving[2]!, customerId: never.id };
    await importOrders(backend.db, stores.a.storeId, [moved]);
    await expectStoreMatches(
      stores.a.adapter,
      [...seed.orders, arriving[0]!, arriving[1]!, moved],
      'moved',
    );

    // Store B holds the same customer ids and saw none of it.
    await expectStoreMatches(stores.b.adapter, seed.orders, 'the other store');
  });
});

describe('customers arriving', () => {
  it('are matched to CSV contacts uploaded before them', async () => {
    const { adapter, storeId } = stores.b;
    const csv = await adapter.createSegment({
      name: 'Pop-up stall',
      type: 'csv',
      csv: {
        fileName: 'stall.csv',
        phoneColumn: 'p',
        emailColumn: 'e',
        accepted: 1,
        rejected: 0,
        duplicates: 0,
      },
    });
    await adapter.addMembers(csv.id, [{ email: 'Late.Comer@Example.in' }], { batchId: 'stall-1' });
    await adapter.finishImport(csv.id);
    const inCsv = {
      combinator: 'and' as const,
      rules: [{ field: 'segment', operator: 'in', value: [csv.id] }],
    };
    assert.equal((await adapter.countMembers({ filter: inCsv })).count, 0);
    assert.equal(
      (await adapter.listMembers(csv.id, {})).items[0]!.id,
      'contact:late.comer@example.in',
    );

    await importCustomers(backend.db, storeId, [
      {
        id: 'late-1',
        email: 'late.comer@EXAMPLE.in',
        createdAt: '2026-11-28T10:00:00.000Z',
        ordersCount: 0,
        totalSpent: 0,
      },
    ]);
    assert.equal((await adapter.countMembers({ filter: inCsv })).count, 1);
    const [member] = (await adapter.listMembers(csv.id, {})).items;
    assert.equal(member!.id, 'late-1');
    assert.equal((await adapter.countMembers({ segmentId: csv.id })).count, 1);
  });
});

describe('versions over HTTP', () => {
  it('answers an ETag and takes If-Match quoted, bare or weak', async () => {
    const { adapter } = stores.a;
    const created = await adapter.createSegment({
      name: 'ETag check',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }] },
    });
    const url = `${backend.baseUrl}/segments/${created.id}`;
    const key = (await backend.newStore()).apiKey; // another store: not found there
    const headers = (extra: Record<string, string>, apiKey = stores.a.apiKey) => ({
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      ...extra,
    });
    const get = await fetch(url, { headers: headers({}) });
    assert.equal(get.headers.get('etag'), '"1"');
    const body = JSON.stringify({ name: 'ETag check', type: 'filter', filter: created.filter });
    for (const [ifMatch, version] of [
      ['1', 2],
      ['W/"2"', 3],
      ['"3"', 4],
    ] as const) {
      const put = await fetch(url, {
        method: 'PUT',
        headers: headers({ 'if-match': ifMatch }),
        body,
      });
      assert.equal(put.status, 200, `If-Match ${ifMatch}`);
      assert.equal(put.headers.get('etag'), `"${version}"`);
    }
    const elsewhere = await fetch(url, { headers: headers({}, key) });
    assert.equal(elsewhere.status, 404);
  });
});
