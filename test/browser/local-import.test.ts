import { expect } from '@open-wc/testing';
import type { Customer, Order } from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { filterMembers, openStore, rejection, removeStores } from '../helpers/local-stores.ts';

// Seed data as a host hands it to importCustomers / importOrders: dates in the loose shapes
// Date.parse takes, and records that throw as they are read.

afterEach(removeStores);

async function stored(adapter: LocalAdapter): Promise<Record<string, Customer>> {
  return Object.fromEntries((await filterMembers(adapter)).map((c) => [c.id, c]));
}

const customer = (id: string, createdAt: unknown) => ({ id, createdAt }) as unknown as Customer;

describe('LocalAdapter import: dates every side reads alike', () => {
  it('stores each readable date as one UTC instant, so a filter and SQL see the same day', async () => {
    const adapter = openStore({ timeZone: 'Asia/Kolkata' });
    await adapter.importCustomers([
      customer('offset-no-colon', '2024-01-01T23:00+0530'),
      customer('date-only', '2024-01-02'),
      customer('space', '2024-01-02 20:00'),
      customer('micro', '2024-01-02T10:00:00.1234567+05:30'),
      customer('utc', '2024-01-02T10:00:00Z'),
    ]);
    const customers = await stored(adapter);
    expect(customers['offset-no-colon']!.createdAt).to.equal('2024-01-01T17:30:00.000Z');
    expect(customers['date-only']!.createdAt).to.equal('2024-01-02T00:00:00.000Z');
    expect(customers['space']!.createdAt).to.equal('2024-01-02T20:00:00.000Z');
    expect(customers['micro']!.createdAt).to.equal('2024-01-02T04:30:00.123Z');
    // Already canonical: kept exactly as given.
    expect(customers['utc']!.createdAt).to.equal('2024-01-02T10:00:00Z');
    const onFirst = await adapter.countMembers({
      filter: {
        combinator: 'and',
        rules: [{ field: 'createdOn', operator: 'on', value: '2024-01-01' }],
      },
    });
    // 23:00 in India on 1 January is still 1 January there.
    expect(onFirst.count).to.equal(1);
  });

  it('refuses dates the databases would read differently, naming each record', async () => {
    const adapter = openStore();
    const loose = [
      '2024-01-01T24:00',
      '2024-02-30',
      '2024-01-01T10:00:60Z',
      'Tue Mar 05 2024',
      '2024-1-1',
      '+012024-01-01T00:00:00Z',
      '2024-01-01T10:00:00+19:00',
    ];
    const error = await rejection(
      adapter.importCustomers(loose.map((date, i) => customer(`c${i}`, date))),
    );
    expect(error.code).to.equal('invalid');
    expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal(
      loose.map((_, i) => [`customers.${i}`, 'invalid-date']),
    );
  });

  it('canonicalises order dates, and refuses a loose one', async () => {
    const adapter = openStore();
    await adapter.importCustomers([customer('c1', '2024-01-01T00:00:00Z')]);
    const order = (id: string, placedAt: string): Order => ({
      id,
      customerId: 'c1',
      total: 100,
      placedAt,
    });
    const error = await rejection(adapter.importOrders([order('o1', '2024-02-30T10:00:00Z')]));
    expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([['orders.0', 'invalid-date']]);
    await adapter.importOrders([order('o1', '2024-03-01T10:00+0530')]);
    expect((await stored(adapter)).c1!.lastOrderAt).to.equal('2024-03-01T04:30:00.000Z');
  });
});

describe('LocalAdapter import: records that cannot be read', () => {
  it('reports a throwing getter or a Proxy as an invalid record, not an unavailable store', async () => {
    const adapter = openStore();
    const throwing = {
      id: 'x',
      get createdAt(): string {
        throw new Error('boom');
      },
    };
    const trap = new Proxy(
      {},
      {
        get() {
          throw new TypeError('trap');
        },
      },
    );
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const error = await rejection(
      adapter.importCustomers([
        customer('ok', '2024-01-01T00:00:00Z'),
        throwing as unknown as Customer,
        trap as Customer,
        revoked.proxy as Customer,
      ]),
    );
    expect(error.code).to.equal('invalid');
    expect(error.issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['customers.1', 'unreadable'],
      ['customers.2', 'unreadable'],
      ['customers.3', 'unreadable'],
    ]);
    const orderError = await rejection(adapter.importOrders([trap as Order]));
    expect(orderError.code).to.equal('invalid');
    expect(orderError.issues.map((i) => i.code)).to.deep.equal(['unreadable']);
    const listError = await rejection(adapter.importCustomers(revoked.proxy as Customer[]));
    expect(listError.code).to.equal('invalid');
  });

  it('reads each property once: a getter that changes its answer cannot slip past the check', async () => {
    const adapter = openStore();
    let reads = 0;
    const shifty = {
      id: 'shifty',
      get createdAt() {
        reads++;
        return reads === 1 ? '2024-01-01T00:00:00Z' : 'not a date';
      },
    };
    await adapter.importCustomers([shifty as unknown as Customer]);
    expect(reads).to.equal(1);
    expect((await stored(adapter)).shifty!.createdAt).to.equal('2024-01-01T00:00:00Z');
  });
});
