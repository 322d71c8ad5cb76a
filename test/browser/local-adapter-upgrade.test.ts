import { expect } from '@open-wc/testing';
import type { FilterGroup } from '../../src/core.ts';
import { everyone, filterMembers, openStore, removeStores } from '../helpers/local-stores.ts';
import { legacyDatabase } from '../helpers/legacy-databases.ts';

// A store written by the previous version of the LocalAdapter (database version 4: customer
// blocks as JSON arrays of records) opens in this one with nothing lost. The old records are
// written here by hand, in the old format, and every expected answer is spelled out.

afterEach(removeStores);

const withOrders: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};

/** 5,003 customers: two blocks of the old format, the second one short. */
const SIZE = 5003;
const PRIYA = {
  id: 'c0',
  name: 'प्रिया',
  email: 'Priya@Example.com',
  phone: '+919812345678',
  createdAt: '2024-01-01T05:30:00.000Z',
  city: 'Pune',
  state: 'Maharashtra',
  tags: ['vip', 'नया'],
  acceptsMarketing: false,
};
const profileAt = (i: number) =>
  i === 0
    ? PRIYA
    : i === 5001
      ? { id: 'c5001', createdAt: '2024-02-01T00:00:00Z', city: 'Pune', acceptsMarketing: true }
      : { id: `c${i}`, createdAt: '2023-06-01T00:00:00.000Z' };

async function writeVersion4Store(storeId: string): Promise<void> {
  const old = legacyDatabase(storeId, 4);
  const profiles = Array.from({ length: SIZE }, (_, i) => profileAt(i));
  await old.table('customerBlocks').bulkPut([
    { block: 0, json: JSON.stringify(profiles.slice(0, 5000)) },
    { block: 1, json: JSON.stringify(profiles.slice(5000)) },
  ]);
  const stats = (size: number) => ({
    ordersCount: new Int32Array(size),
    totalSpent: new Float64Array(size),
    firstOrderAt: new Array<string | null>(size).fill(null),
    lastOrderAt: new Array<string | null>(size).fill(null),
    spendRank: new Int32Array(size),
  });
  const first = { block: 0, ...stats(5000) };
  first.ordersCount[0] = 2;
  first.totalSpent[0] = 3500;
  first.firstOrderAt[0] = '2024-01-05T10:00:00Z';
  first.lastOrderAt[0] = '2024-02-01T00:00:00.000Z';
  first.spendRank[0] = 1;
  const second = { block: 1, ...stats(3) };
  second.ordersCount[1] = 1;
  second.totalSpent[1] = 500;
  second.firstOrderAt[1] = second.lastOrderAt[1] = '2024-03-01T00:00:00.250Z';
  second.spendRank[1] = 2;
  await old.table('statsBlocks').bulkPut([first, second]);
  await old.table('orderBlocks').put({
    block: 0,
    // o9's customer was never imported: it counts for no one, before and after.
    ids: ['o1', 'o2', 'o3', 'o9'],
    customerIds: ['c0', 'c0', 'c5001', 'ghost'],
    totals: Float64Array.from([1000, 2500, 500, 9999]),
    placedAt: [
      '2024-01-05T10:00:00Z',
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.250Z',
      '2024-03-02T00:00:00Z',
    ],
  });
  await old
    .table('meta')
    .put({ key: 'state', dataVersion: 2, segmentsVersion: 0, customers: SIZE, orders: 4 });
  old.close();
}

describe('LocalAdapter: a store of the previous version', () => {
  it('opens with every customer and statistic, and takes new orders on top of the old', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    await writeVersion4Store(storeId);

    const adapter = openStore({ storeId });
    const counted = await adapter.countMembers({ filter: everyone });
    expect(counted.total).to.equal(SIZE);
    expect(await filterMembers(adapter, withOrders)).to.deep.equal([
      {
        ...PRIYA,
        ordersCount: 2,
        totalSpent: 3500,
        firstOrderAt: '2024-01-05T10:00:00Z',
        lastOrderAt: '2024-02-01T00:00:00.000Z',
        spendRank: 1,
      },
      {
        id: 'c5001',
        createdAt: '2024-02-01T00:00:00Z',
        city: 'Pune',
        acceptsMarketing: true,
        ordersCount: 1,
        totalSpent: 500,
        firstOrderAt: '2024-03-01T00:00:00.250Z',
        lastOrderAt: '2024-03-01T00:00:00.250Z',
        spendRank: 2,
      },
    ]);
    const hindiTag: FilterGroup = {
      combinator: 'and',
      rules: [{ field: 'tags', operator: 'hasAny', value: ['नया'] }],
    };
    expect((await adapter.countMembers({ filter: hindiTag })).count).to.equal(1);

    // The old orders still count: c0's new order adds to the two it had, and a re-sent old
    // order replaces the old one.
    await adapter.importOrders([
      { id: 'o2', customerId: 'c0', total: 2000, placedAt: '2024-02-01T00:00:00.000Z' },
      { id: 'o4', customerId: 'c0', total: 100, placedAt: '2024-04-01T00:00:00Z' },
      { id: 'o5', customerId: 'c5002', total: 3000, placedAt: '2023-12-31T23:59:59.999Z' },
    ]);
    await adapter.importCustomers([{ id: 'c5003', createdAt: '2025-01-01T00:00:00Z' }]);
    adapter.close();

    // Reopened: what the upgrade and the imports after it wrote reads back.
    const reopened = openStore({ storeId });
    const again = await reopened.countMembers({ filter: everyone });
    expect(again.total).to.equal(SIZE + 1);
    const ranked = (await filterMembers(reopened, withOrders)).map((c) => [
      c.id,
      c.ordersCount,
      c.totalSpent,
      c.firstOrderAt,
      c.lastOrderAt,
      c.spendRank,
    ]);
    expect(ranked).to.deep.equal([
      ['c0', 3, 3100, '2024-01-05T10:00:00Z', '2024-04-01T00:00:00Z', 1],
      ['c5001', 1, 500, '2024-03-01T00:00:00.250Z', '2024-03-01T00:00:00.250Z', 3],
      ['c5002', 1, 3000, '2023-12-31T23:59:59.999Z', '2023-12-31T23:59:59.999Z', 2],
    ]);
    expect((await reopened.countMembers({ filter: hindiTag })).count).to.equal(1);

    // Orders written by this version read back too: one more order reads them all.
    await reopened.importOrders([
      { id: 'o6', customerId: 'c5001', total: 1, placedAt: '2024-01-01T00:00:00Z' },
    ]);
    expect(
      (await filterMembers(reopened, withOrders)).map((c) => [
        c.id,
        c.ordersCount,
        c.totalSpent,
        c.firstOrderAt,
        c.lastOrderAt,
      ]),
    ).to.deep.equal([
      ['c0', 3, 3100, '2024-01-05T10:00:00Z', '2024-04-01T00:00:00Z'],
      ['c5001', 2, 501, '2024-01-01T00:00:00Z', '2024-03-01T00:00:00.250Z'],
      ['c5002', 1, 3000, '2023-12-31T23:59:59.999Z', '2023-12-31T23:59:59.999Z'],
    ]);
  });
});
