/**
 * The LocalAdapter's import checks run over hundreds of thousands of records, so they use their
 * own id table (IdIndex) and read order dates from their digits. Both are checked here against
 * the plain tools they stand in for: a Set/Map for ids, Date.parse for instants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IdIndex } from '../../src/adapters/local/id-index.ts';
import { checkOrders } from '../../src/adapters/local/import.ts';
import { SegmentError } from '../../src/errors.ts';
import type { Order } from '../../src/model.ts';
import { propertySeeds, replayHint } from './helpers/seeds.ts';

for (const { label, seed } of propertySeeds())
  test(`IdIndex numbers ids in first-added order, as a Map would (${label} seed)`, (t) => {
    t.diagnostic(replayHint({ label, seed }));
    fc.assert(
      fc.property(
        // Few distinct characters: many repeats and near-collisions; any UTF-16 unit included.
        fc.array(
          fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', '१', '\u{1F600}') }), fc.string()),
          {
            maxLength: 300,
          },
        ),
        fc.nat(400),
        (ids, expected) => {
          const index = new IdIndex(expected);
          const oracle = new Map<string, number>();
          for (const id of ids) {
            const added = index.add(id);
            assert.equal(added, !oracle.has(id), `add(${JSON.stringify(id)})`);
            if (added) oracle.set(id, oracle.size);
          }
          assert.equal(index.size, oracle.size);
          for (const id of ids) assert.equal(index.get(id), oracle.get(id));
          assert.equal(index.get('never added \u0000'), undefined);
          // A copy answers alike and grows on its own.
          const copy = index.copy();
          assert.equal(copy.add('only in the copy \u0000'), true);
          assert.equal(index.get('only in the copy \u0000'), undefined);
          for (const [id, at] of oracle) assert.equal(copy.get(id), at);
        },
      ),
      { seed, numRuns: 200 },
    );
  });

test('IdIndex keeps 200,000 ids apart past many table growths', () => {
  const index = new IdIndex();
  for (let i = 0; i < 200_000; i++) assert.equal(index.add(`ord_${i}`), true);
  assert.equal(index.add('ord_199999'), false);
  assert.equal(index.get('ord_0'), 0);
  assert.equal(index.get('ord_123456'), 123_456);
  assert.equal(index.get('ord_200000'), undefined);
});

const order = (id: string, placedAt: string, total = 100): Order => ({
  id,
  customerId: 'c1',
  total,
  placedAt,
});
const customerAt = (id: string) => (id === 'c1' ? 0 : undefined);

test('order times read from the digits equal Date.parse of the stored text, any year', () => {
  const placed = [
    '2024-02-29T23:59:59.999Z',
    '2024-03-01T00:00:00Z',
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '0099-12-31T23:59:59Z', // Date.UTC would read year 99 as 1999
    '0100-01-01T00:00:00.000Z',
    '0001-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2024-06-01T05:30:00+05:30', // stored as its UTC text
    '2024-06-01 10:00', // zoneless: UTC
  ];
  const columns = checkOrders(
    placed.map((at, i) => order(`o${i}`, at)),
    customerAt,
  );
  assert.equal(columns.placedAt.length, placed.length);
  columns.placedAt.forEach((text, i) => {
    assert.equal(columns.placedAtMs[i], Date.parse(text), text);
  });
  assert.deepEqual(columns.placedAt.slice(-2), [
    '2024-06-01T00:00:00.000Z',
    '2024-06-01T10:00:00.000Z',
  ]);
  assert.deepEqual(
    [...columns.ids],
    placed.map((_, i) => `o${i}`),
  );
});

test('checkOrders reports every repeat of an id (not its first use) and imports nothing', () => {
  const orders = [
    order('a', '2024-01-01T00:00:00Z'),
    order('b', '2024-01-01T00:00:00Z'),
    order('a', '2024-01-02T00:00:00Z'),
    order('a', '2024-01-03T00:00:00Z'),
  ];
  assert.throws(
    () => checkOrders(orders, customerAt),
    (error: unknown) => {
      assert.ok(error instanceof SegmentError);
      assert.equal(error.code, 'invalid');
      assert.deepEqual(
        error.issues.map((i) => [i.path, i.code]),
        [
          ['orders.2.id', 'duplicate-id'],
          ['orders.3.id', 'duplicate-id'],
        ],
      );
      return true;
    },
  );
});

test('new customers are stored as before, and keep their keys in the stored order', async () => {
  const { checkCustomers } = await import('../../src/adapters/local/import.ts');
  const { CustomerData } = await import('../../src/adapters/local/customer-store.ts');
  const { decodeProfiles } = await import('../../src/adapters/local/profile-columns.ts');
  // What a customer block keeps, in its order (the stored format): everything but statistics.
  const KEPT = [
    'id',
    'name',
    'email',
    'phone',
    'createdAt',
    'city',
    'state',
    'tags',
    'acceptsMarketing',
  ];
  const input = [
    { id: 'z', createdAt: '2024-01-01', ordersCount: 9, totalSpent: 5, spendRank: 1, extra: 1 },
    {
      acceptsMarketing: false,
      tags: ['vip', 'नया'],
      state: 'Goa',
      city: 'Panaji',
      phone: '+919812345678',
      email: '  Priya@Example.com ',
      name: 'प्रिया',
      createdAt: '2024-01-01T05:30:00+05:30',
      id: 'y',
    },
    { id: 'x', createdAt: '2024-02-29T00:00:00Z', name: null, email: null, tags: null },
  ];
  const profiles = checkCustomers(input as never, 'IN');
  // null means absent; dates are stored canonical, emails trimmed.
  const expected = JSON.stringify(
    input.map((c, i) => ({
      ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)),
      createdAt: profiles[i]!.createdAt,
      email: c.email?.trim(),
    })),
    KEPT,
  );
  const plan = CustomerData.empty().planCustomers(profiles);
  assert.equal(plan.customerBlocks.length, 1);
  // The stored block reads back as exactly these records, each with its keys in this order.
  const stored = decodeProfiles(plan.customerBlocks[0]!.profiles, plan.statsBlocks[0]!);
  const records = (JSON.parse(expected) as object[]).map((r) => ({
    ...r,
    ordersCount: 0,
    totalSpent: 0,
  }));
  assert.deepEqual(stored, records);
  assert.deepEqual(stored.map(Object.keys), records.map(Object.keys));
  const data = plan.apply();
  // An imported record has its keys in the order a reloaded one gets from the stored text.
  assert.deepEqual(Object.keys(data.customers[1]!), Object.keys(records[1]!));
  assert.deepEqual(
    data.customers.map((c) => [c.id, c.ordersCount, c.totalSpent]),
    [
      ['z', 0, 0],
      ['y', 0, 0],
      ['x', 0, 0],
    ],
  );
});
