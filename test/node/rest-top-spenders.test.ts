import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestAdapter, type Customer, type Order } from '../../src/core.ts';
import { deriveOrderStats } from '../../src/testing/generate-store.ts';
import { segmentLookup, storeQuery } from '../../server/filters.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The Top-N spenders read in rank order (server/top-spenders.ts) give exactly what
 * filterToSql's spendRank gives, ties included: equal spend goes to the earlier sign-up, then
 * to the id first in code-point order ('10' before '9'). The oracle is deriveOrderStats.
 */

let backend: TestBackend;
let adapter: RestAdapter;
let storeId: string;
let truth: Customer[];

// Fourteen buyers with ties on spend, on spend and sign-up, and one non-buyer.
const at = (day: number) => `2025-01-${String(day).padStart(2, '0')}T08:00:00.000Z`;
const customers: Customer[] = [
  ...['9', '10', 'a', 'B', 'b'].map((id) => ({
    id,
    createdAt: at(1),
    ordersCount: 0,
    totalSpent: 0,
  })),
  ...Array.from({ length: 9 }, (_, i) => ({
    id: `c${i}`,
    createdAt: at(2 + (i % 3)),
    ordersCount: 0,
    totalSpent: 0,
  })),
  { id: 'never', createdAt: at(1), ordersCount: 0, totalSpent: 0 },
];
const orders: Order[] = customers
  .filter((c) => c.id !== 'never')
  .flatMap((c, i) => [
    { id: `o${i}a`, customerId: c.id, total: i < 5 ? 50_000 : 10_000 * (i % 4), placedAt: at(10) },
    { id: `o${i}b`, customerId: c.id, total: 1_000, placedAt: at(11) },
  ]);

before(async () => {
  backend = await startTestBackend();
  const store = await backend.newStore({ customers, orders, timeZone: 'UTC' });
  storeId = store.storeId;
  adapter = new RestAdapter({
    baseUrl: backend.baseUrl,
    headers: { authorization: `Bearer ${store.apiKey}` },
  });
  truth = deriveOrderStats(customers, orders);
});
after(() => backend?.close());

describe('Top-N spenders in rank order', () => {
  it('lists ranks 1…N with ties broken by sign-up, then code-point id, across pages', async () => {
    const listed: Customer[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.listMembers('top-10-spenders', { cursor, limit: 3 });
      assert.equal(page.total, 10);
      listed.push(...page.items);
      cursor = page.next;
    } while (cursor);
    const expected = truth
      .filter((c) => c.spendRank !== undefined && c.spendRank <= 10)
      .sort((a, b) => a.spendRank! - b.spendRank!);
    assert.deepEqual(
      listed.map((c) => [c.id, c.spendRank]),
      expected.map((c) => [c.id, c.spendRank]),
    );
    // The tie of five: equal spend and sign-up, so code-point order of the ids.
    assert.deepEqual(
      listed.slice(0, 5).map((c) => c.id),
      ['10', '9', 'B', 'a', 'b'],
    );
  });

  it('selects the same customers as filterToSql for every N, and counts no more than the buyers', async () => {
    for (const n of [10, 50, 100]) {
      const id = `top-${n}-spenders`;
      const buyers = truth.filter((c) => c.ordersCount > 0).length;
      assert.equal((await adapter.countMembers({ segmentId: id })).count, Math.min(n, buyers));
      // One page with room for all N: its total is the buyers it holds, never N itself.
      const page = await adapter.listMembers(id, { limit: 200 });
      assert.equal(page.total, Math.min(n, buyers), `top ${n} total`);
      assert.equal(page.next, undefined);
      const listed = page.items.map((c) => c.id).sort();
      const filter = {
        combinator: 'and' as const,
        rules: [{ field: 'spendRank', operator: 'lte', value: n }],
      };
      const store = { storeId, timeZone: 'UTC', defaultCountry: 'IN' };
      const q = storeQuery(store, filter, await segmentLookup(backend.db, storeId, filter));
      const viaSql = await backend.db.query<{ id: string }>(
        `${q.with} SELECT id FROM store_customers WHERE ${q.where}`,
        q.params,
      );
      assert.deepEqual(listed, viaSql.map((r) => r.id).sort(), `top ${n}`);
      assert.ok(!listed.includes('never'));
    }
  });

  it('refuses a cursor that was tampered with', async () => {
    await assert.rejects(
      adapter.listMembers('top-10-spenders', { cursor: 'eyJ0Ijp7InJhbmsiOi0xfX0' }),
      {
        code: 'invalid',
      },
    );
  });
});
