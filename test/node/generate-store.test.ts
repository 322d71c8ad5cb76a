import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, isSegmentError, normalisePhone } from '../../src/core.ts';
import type { Customer, Order } from '../../src/core.ts';
import {
  FILTER_CASES,
  KIT_TIME_ZONE,
  adapterChecks,
  generateStore,
  runAdapterChecks,
} from '../../src/testing/index.ts';
import { deriveOrderStats } from '../../src/testing/generate-store.ts';
import { kitStore } from '../../src/testing/checks/data.ts';

/** Also asserted in test/browser/adapter-conformance.test.ts. */
const STORE_7_FINGERPRINT = '4dbe74fb';

const store = generateStore({ seed: 7, customers: 3_000, orders: 9_000 });
const byId = new Map(store.customers.map((c) => [c.id, c]));

test('the same seed gives the same store, a different seed a different one', () => {
  const again = generateStore({ seed: 7, customers: 3_000, orders: 9_000 });
  assert.deepEqual(again, store);
  const other = generateStore({ seed: 8, customers: 3_000, orders: 9_000 });
  assert.notDeepEqual(other.customers, store.customers);
  assert.notDeepEqual(other.orders, store.orders);
});

test('a seed gives the same store in Node as in Chromium (same fingerprint there)', () => {
  const text = JSON.stringify(generateStore({ seed: 7, customers: 500, orders: 1_500 }));
  assert.equal(fnv1a(text), STORE_7_FINGERPRINT);
});

test('it makes exactly the customers and orders asked for, with unique ids', () => {
  assert.equal(store.customers.length, 3_000);
  assert.equal(store.orders.length, 9_000);
  assert.equal(byId.size, 3_000);
  assert.equal(new Set(store.orders.map((o) => o.id)).size, 9_000);
});

test('every customer can be reached: a valid +91 mobile, an email, or both', () => {
  let phoneOnly = 0;
  let emailOnly = 0;
  for (const customer of store.customers) {
    assert.ok(customer.phone || customer.email, `${customer.id} has neither phone nor email`);
    if (customer.phone && !customer.email) phoneOnly += 1;
    if (customer.email && !customer.phone) emailOnly += 1;
    if (customer.phone) {
      assert.match(customer.phone, /^\+91[6-9]\d{9}$/);
      assert.equal(normalisePhone(customer.phone), customer.phone, customer.phone);
      // A seller types the national form; it must find the same customer.
      assert.equal(normalisePhone(customer.phone.slice(3)), customer.phone);
    }
  }
  assert.ok(phoneOnly > 0, 'some customers give no email');
  assert.ok(emailOnly > 0, 'some customers give no phone');
  const phones = store.customers.flatMap((c) => (c.phone ? [c.phone] : []));
  assert.equal(new Set(phones).size, phones.length, 'phones are unique');
});

test('emails are lower-case, unique, derived from the name, on common domains', () => {
  const domains = new Set<string>();
  const emails = store.customers.flatMap((c) => (c.email ? [c.email] : []));
  assert.equal(new Set(emails).size, emails.length, 'emails are unique');
  for (const customer of store.customers) {
    if (!customer.email) continue;
    assert.match(customer.email, /^[a-z0-9._]+@[a-z.]+\.[a-z]+$/);
    assert.equal(customer.email, customer.email.toLowerCase());
    domains.add(customer.email.split('@')[1]);
    if (customer.name) {
      const first = customer.name.split(' ')[0].toLowerCase();
      assert.ok(customer.email.startsWith(first[0]), `${customer.email} for ${customer.name}`);
    }
  }
  for (const domain of [
    'gmail.com',
    'yahoo.co.in',
    'outlook.com',
    'rediffmail.com',
    'hotmail.com',
  ]) {
    assert.ok(domains.has(domain), `someone uses ${domain}`);
  }
});

test('each city always lies in the same state, and tags come from the store vocabulary', () => {
  const stateOf = new Map<string, string>();
  const tags = new Set<string>();
  for (const customer of store.customers) {
    if (customer.city) {
      assert.ok(customer.state, `${customer.city} has a state`);
      const known = stateOf.get(customer.city);
      if (known) assert.equal(customer.state, known, customer.city);
      stateOf.set(customer.city, customer.state!);
    }
    for (const tag of customer.tags ?? []) tags.add(tag);
    assert.equal(typeof customer.acceptsMarketing, 'boolean');
    if (customer.tags?.includes('newsletter')) assert.equal(customer.acceptsMarketing, true);
  }
  assert.equal(stateOf.get('Mumbai'), 'Maharashtra');
  assert.equal(stateOf.get('Bengaluru'), 'Karnataka');
  for (const tag of ['vip', 'wholesale', 'newsletter']) assert.ok(tags.has(tag), tag);
  assert.ok(
    store.customers.some((c) => !c.tags),
    'some customers have no tags',
  );
});

test('sign-ups spread over the three years before the end date, as ISO 8601 strings', () => {
  const end = Date.parse('2026-11-28T23:59:59.000Z');
  const start = Date.parse('2023-11-28T23:59:59.000Z');
  const years = new Set<number>();
  for (const customer of store.customers) {
    const created = Date.parse(customer.createdAt);
    assert.equal(new Date(created).toISOString(), customer.createdAt);
    assert.ok(created >= start && created <= end, customer.createdAt);
    years.add(new Date(created).getUTCFullYear());
  }
  assert.deepEqual([...years].sort(), [2023, 2024, 2025, 2026]);
});

test('orders belong to known customers, fall after sign-up and not after the end date', () => {
  const end = Date.parse('2026-11-28T23:59:59.000Z');
  for (const order of store.orders) {
    const customer = byId.get(order.customerId);
    assert.ok(customer, `${order.id} belongs to ${order.customerId}`);
    const placed = Date.parse(order.placedAt);
    assert.equal(new Date(placed).toISOString(), order.placedAt);
    assert.ok(placed > Date.parse(customer.createdAt), `${order.id} before sign-up`);
    assert.ok(placed <= end, order.placedAt);
    assert.ok(Number.isInteger(order.total) && order.total >= 4_900, `${order.total} paise`);
  }
});

test('customers come without order statistics: the adapter derives them', () => {
  for (const customer of store.customers) {
    assert.equal(customer.ordersCount, 0);
    assert.equal(customer.totalSpent, 0);
    assert.equal(customer.spendRank, undefined);
    assert.equal(customer.firstOrderAt, undefined);
  }
});

test('spend is long-tailed: most customers have 0–3 orders, a few have many', () => {
  const stats = deriveOrderStats(store.customers, store.orders);
  const fewOrders = stats.filter((c) => c.ordersCount <= 3).length;
  assert.ok(fewOrders / stats.length > 0.6, `${fewOrders} of ${stats.length} have 0–3 orders`);
  assert.ok(stats.some((c) => c.ordersCount === 0));
  assert.ok(
    stats.some((c) => c.ordersCount >= 20),
    'someone has at least 20 orders',
  );
  const totals = store.orders.map((o) => o.total).sort((a, b) => a - b);
  const median = totals[totals.length >> 1];
  const p99 = totals[Math.floor(totals.length * 0.99)];
  assert.ok(median >= 50_000 && median <= 300_000, `median basket ${median} paise`);
  assert.ok(p99 > 4 * median, `p99 ${p99} against median ${median}`);
});

test('a custom window moves sign-ups and orders inside it', () => {
  const { customers, orders } = generateStore({
    seed: 1,
    customers: 200,
    orders: 600,
    startDate: '2025-01-01',
    endDate: '2025-03-31T23:59:59Z',
  });
  for (const at of [...customers.map((c) => c.createdAt), ...orders.map((o) => o.placedAt)]) {
    assert.ok(at >= '2025-01-01' && at <= '2025-03-31T23:59:59.000Z', at);
  }
});

test('impossible requests are refused with an invalid SegmentError', () => {
  for (const options of [
    { seed: 1, customers: -1, orders: 0 },
    { seed: 1, customers: 1.5, orders: 0 },
    { seed: 1, customers: 0, orders: 3 },
    { seed: 1, customers: 3, orders: 3, startDate: '2026-01-01', endDate: '2025-01-01' },
  ]) {
    assert.throws(
      () => generateStore(options),
      (error) => isSegmentError(error, 'invalid'),
    );
  }
});

test('deriveOrderStats counts, sums and dates orders and ranks spenders by the rule', () => {
  const customer = (id: string, createdAt: string): Customer => ({
    id,
    createdAt,
    ordersCount: 0,
    totalSpent: 0,
  });
  const order = (id: string, customerId: string, total: number, placedAt: string): Order => ({
    id,
    customerId,
    total,
    placedAt,
  });
  const customers = [
    customer('b', '2024-01-01T00:00:00.000Z'),
    customer('a', '2024-01-01T00:00:00.000Z'),
    customer('early', '2023-06-01T00:00:00.000Z'),
    customer('big', '2025-01-01T00:00:00.000Z'),
    { ...customer('none', '2022-01-01T00:00:00.000Z'), spendRank: 4, ordersCount: 9 },
  ];
  const orders = [
    order('1', 'b', 500, '2024-05-01T00:00:00.000Z'),
    order('2', 'a', 500, '2024-03-01T00:00:00.000Z'),
    order('3', 'early', 200, '2024-02-01T00:00:00.000Z'),
    order('4', 'early', 300, '2024-01-15T00:00:00.000Z'),
    order('5', 'big', 90_000, '2025-02-01T00:00:00.000Z'),
    order('6', 'ghost', 1_000_000, '2025-02-01T00:00:00.000Z'),
  ];
  const derived = new Map(deriveOrderStats(customers, orders).map((c) => [c.id, c]));

  // 'early', 'a' and 'b' all spent 500: the earlier sign-up first, then the smaller id.
  assert.deepEqual(
    ['big', 'early', 'a', 'b'].map((id) => derived.get(id)!.spendRank),
    [1, 2, 3, 4],
  );
  assert.equal(derived.get('early')!.ordersCount, 2);
  assert.equal(derived.get('early')!.totalSpent, 500);
  assert.equal(derived.get('early')!.firstOrderAt, '2024-01-15T00:00:00.000Z');
  assert.equal(derived.get('early')!.lastOrderAt, '2024-02-01T00:00:00.000Z');
  const none = derived.get('none')!;
  assert.equal(none.ordersCount, 0);
  assert.equal(none.spendRank, undefined, 'no orders, no rank');
  assert.ok(!('spendRank' in none));
  assert.equal(customers[4].spendRank, 4, 'the input is left alone');
});

test('on a generated store, ranks run 1…n over buyers in order of spend', () => {
  const stats = deriveOrderStats(store.customers, store.orders);
  const buyers = stats.filter((c) => c.ordersCount > 0).sort((a, b) => a.spendRank! - b.spendRank!);
  assert.deepEqual(
    buyers.map((c) => c.spendRank),
    buyers.map((_, index) => index + 1),
  );
  for (let i = 1; i < buyers.length; i++) {
    const [before, after] = [buyers[i - 1], buyers[i]];
    assert.ok(before.totalSpent >= after.totalSpent, `${before.id} outranks ${after.id}`);
    if (before.totalSpent === after.totalSpent) assert.ok(before.createdAt <= after.createdAt);
  }
  assert.equal(
    stats.reduce((sum, c) => sum + c.ordersCount, 0),
    store.orders.length,
  );
});

describe('the conformance kit', () => {
  test("its expected answers are non-trivial and agree with the package's filter engine", () => {
    const { derived } = kitStore();
    for (const { name, filter, matches } of FILTER_CASES) {
      const expected = derived.filter(matches).length;
      assert.ok(
        expected > 0 && expected < derived.length,
        `${name}: ${expected} of ${derived.length}`,
      );
      const predicate = compileFilter(filter, { timeZone: KIT_TIME_ZONE, defaultCountry: 'IN' });
      assert.equal(derived.filter(predicate).length, expected, name);
    }
  });

  test('its folding cases fail an adapter that lowers text by locale instead of folding', () => {
    const { derived } = kitStore();
    const localeLower = (text: string | undefined) => text?.toLocaleLowerCase('en-IN');
    for (const prefix of ['city in MUMBAİ', 'tags hasAny VİP']) {
      const found = FILTER_CASES.find((c) => c.name.startsWith(prefix))!;
      const rule = found.filter.rules[0] as { field: 'city' | 'tags'; value: string[] };
      const typed = rule.value.map(localeLower);
      const lowered = derived.filter((c) =>
        (rule.field === 'city' ? [c.city] : (c.tags ?? [])).some((v) =>
          typed.includes(localeLower(v)),
        ),
      );
      assert.ok(lowered.length < derived.filter(found.matches).length, found.name);
    }
  });

  test('its date cases tell Indian calendar days from UTC ones', () => {
    const { derived } = kitStore();
    const differing = FILTER_CASES.filter(
      ({ filter }) =>
        derived.filter(compileFilter(filter, { timeZone: KIT_TIME_ZONE })).length !==
        derived.filter(compileFilter(filter, { timeZone: 'UTC' })).length,
    );
    assert.ok(differing.length >= 1, 'an adapter ignoring the time zone would pass');
  });

  test('it has a uniquely named check for every documented behaviour', () => {
    const names = adapterChecks.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.length >= 25, `${names.length} checks`);
  });

  test('runAdapterChecks reports each failing check with its reason and never throws', async () => {
    const seen: string[] = [];
    const results = await runAdapterChecks(
      async () => {
        throw new Error('backend is down');
      },
      { only: (name) => name.includes('name-taken'), onResult: (r) => seen.push(r.name) },
    );
    assert.ok(results.length >= 1);
    assert.deepEqual(
      seen,
      results.map((r) => r.name),
    );
    for (const result of results) {
      assert.ok(result.name.includes('name-taken'));
      assert.equal(result.ok, false);
      assert.match(result.error!.message, /backend is down/);
    }
  });
});

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}
