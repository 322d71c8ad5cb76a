import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Customer } from '../../src/core.ts';
import { BACKGROUND_LABEL, countRefreshesSettled } from '../../server/counts.ts';
import { recording } from '../../server/db.ts';
import { importCustomers } from '../../server/stores.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * A seller opening the segment list right after something in the store changed: the list
 * answers after a bounded number of counts, whatever the number of filter segments; the counts
 * it did not reach come back as they last were, marked `countStale`, and are recounted in the
 * background so the next list shows them fresh without counting anything.
 */

const CITIES = 12;
/**
 * Most count statements one list may run: the server's default budget of four filter counts,
 * and the three Top-N spenders counts, which read at most N rows of the spend index.
 */
const FILTER_COUNTS_PER_LIST = 4;
const MAX_COUNTS_PER_LIST = FILTER_COUNTS_PER_LIST + 3;

describe('listing segments after a write', () => {
  let backend: TestBackend;
  let storeId: string;
  let list: () => Promise<Listed[]>;
  let headers: Record<string, string>;
  const statements: string[] = [];
  const customers: Customer[] = Array.from({ length: 60 }, (_, i) => customer(i));

  before(async () => {
    backend = await startTestBackend({
      wrapDb: (db) => recording(db, (sql) => statements.push(sql)),
    });
    const made = await backend.newStore({ customers, orders: [] });
    storeId = made.storeId;
    headers = { authorization: `Bearer ${made.apiKey}` };
    for (let city = 0; city < CITIES; city++) {
      const response = await fetch(`${backend.baseUrl}/segments`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Shoppers in Nagar ${city}`,
          type: 'filter',
          filter: {
            combinator: 'and',
            rules: [{ field: 'city', operator: 'equals', value: `Nagar ${city}` }],
          },
        }),
      });
      assert.equal(response.status, 201);
    }
    list = async () => {
      const response = await fetch(`${backend.baseUrl}/segments?scope=store&limit=50`, {
        headers,
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { items: Listed[] }).items;
    };
  });
  after(() => backend?.close());

  it('runs at most a few counts, marks the rest stale and has them fresh on the next list', async () => {
    // Every create moved the store on, so all counts but the last segment's are stale now.
    const first = await countStatements(list);
    assert.ok(first.counts <= MAX_COUNTS_PER_LIST, `${first.counts} counts in one list`);
    const stale = first.result.filter((s) => s.countStale);
    // Stale: every filter segment but the last created, and First Time and Returning Customers.
    const due = CITIES - 1 + 2;
    assert.ok(stale.length >= due - FILTER_COUNTS_PER_LIST, `${stale.length} marked stale`);
    for (const segment of first.result.filter((s) => s.type === 'filter')) {
      // A stale count is the one it last had: right for the customers imported so far.
      if (segment.memberCount !== null) {
        assert.equal(segment.memberCount, expectedCount(segment.name, customers), segment.name);
      }
    }

    await countRefreshesSettled();
    const second = await countStatements(list);
    assert.equal(second.counts, 0, 'the second list counted again');
    assert.deepEqual(
      second.result.filter((s) => s.countStale).map((s) => s.name),
      [],
    );
    for (const segment of second.result.filter((s) => s.type === 'filter')) {
      assert.equal(segment.memberCount, expectedCount(segment.name, customers), segment.name);
    }
    // Predefined segments: no customer has ordered yet, so every one of them is empty.
    for (const segment of second.result.filter((s) => s.type === 'predefined')) {
      assert.equal(segment.memberCount, 0, segment.name);
    }
  });

  it('after an import shows the earlier counts as stale, then the new ones', async () => {
    await countRefreshesSettled();
    const before = [...customers];
    const arrivals = Array.from({ length: CITIES * 2 }, (_, i) => customer(1000 + i));
    await importCustomers(backend.db, storeId, arrivals);
    customers.push(...arrivals);

    const first = await countStatements(list);
    assert.ok(first.counts <= MAX_COUNTS_PER_LIST, `${first.counts} counts in one list`);
    const filters = first.result.filter((s) => s.type === 'filter');
    assert.equal(filters.length, CITIES);
    for (const segment of filters) {
      const want = expectedCount(segment.name, segment.countStale ? before : customers);
      assert.equal(segment.memberCount, want, `${segment.name} (stale: ${segment.countStale})`);
    }
    assert.ok(filters.filter((s) => s.countStale).length >= CITIES - FILTER_COUNTS_PER_LIST);

    await countRefreshesSettled();
    const second = await countStatements(list);
    assert.equal(second.counts, 0);
    for (const segment of second.result.filter((s) => s.type === 'filter')) {
      assert.equal(segment.countStale, undefined, segment.name);
      assert.equal(segment.memberCount, expectedCount(segment.name, customers), segment.name);
    }
  });

  it('counts a single segment fresh however stale the store is', async () => {
    await countRefreshesSettled();
    const target = (await list()).find((s) => s.name === 'Shoppers in Nagar 8')!;
    const arrivals = [customer(CITIES * 400 + 8)];
    await importCustomers(backend.db, storeId, arrivals);
    customers.push(...arrivals);
    const { result, counts } = await countStatements(async () => {
      const response = await fetch(`${backend.baseUrl}/segments/${target.id}`, { headers });
      return (await response.json()) as Listed;
    });
    assert.equal(counts, 1);
    assert.equal(result.countStale, undefined);
    assert.equal(result.memberCount, expectedCount(target.name, customers));
    assert.equal(result.memberCount, target.memberCount! + 1);
  });

  async function countStatements<T>(run: () => Promise<T>): Promise<{ result: T; counts: number }> {
    statements.length = 0;
    const result = await run();
    return { result, counts: statements.filter(isCount).length };
  }
});

// ---- helpers ----

interface Listed {
  id: string;
  name: string;
  type: string;
  memberCount: number | null;
  countStale?: true;
}

function customer(i: number): Customer {
  return {
    id: `cust-${i}`,
    name: `Grahak ${i}`,
    city: `Nagar ${i % CITIES}`,
    createdAt: '2025-03-01T10:00:00.000Z',
    ordersCount: 0,
    totalSpent: 0,
  };
}

/** "Shoppers in Nagar 7" holds the customers whose city is "Nagar 7". */
function expectedCount(name: string, customers: readonly Customer[]): number {
  const city = name.replace('Shoppers in ', '');
  return customers.filter((c) => c.city === city).length;
}

/** A statement of the request that counts customers (a filter's count or a Top-N's). */
const isCount = (sql: string) =>
  /count\(\*\)/.test(sql) && /customers/.test(sql) && !sql.endsWith(BACKGROUND_LABEL);
