/**
 * The LocalAdapter counts through CustomerColumns (numbers and dates as typed arrays, the other
 * conditions through the compiled predicate). It must select exactly the customers
 * compileFilter selects, for every valid filter and data set: fast-check generates awkward
 * stores (fractional, zoneless and offset dates, missing values, instants on day boundaries) and
 * random filters, with CI's fixed seed and this run's seed (helpers/seeds.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFilter, type Customer, type FilterGroup, type FilterRule } from '../../src/core.ts';
import { resolveFilter } from '../../src/filter/resolve.ts';
import { instantMs, localDate, startOfLocalDay } from './helpers/calendar.ts';
import { CustomerColumns } from '../../src/adapters/local/columns.ts';
import {
  SCENARIOS,
  filterArbitrary,
  segmentLookup,
  storeArbitrary,
} from './helpers/filter-arbitraries.ts';
import { propertySeeds, replayHint } from './helpers/seeds.ts';

const CTX = { now: '2026-11-28T12:00:00Z', timeZone: 'Asia/Kolkata', defaultCountry: 'IN' };

for (const { label, seed } of propertySeeds())
  test(`column-wise counting selects the same customers as compileFilter (${label} seed)`, (t) => {
    t.diagnostic(replayHint({ label, seed }));
    let checked = 0;
    let some = 0;
    // Columns answer only the conditions of a top-level `and` that is not negated: half the
    // filters are such a group, so every column's ranges meet the boundary instants.
    const columnar = (scenario: (typeof SCENARIOS)[number]) =>
      filterArbitrary(scenario).map((group): FilterGroup => ({
        combinator: 'and',
        not: false,
        rules: group.rules,
      }));
    const runs = fc.constantFrom(...SCENARIOS).chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        store: storeArbitrary(scenario),
        filters: fc.array(fc.oneof(filterArbitrary(scenario), columnar(scenario)), {
          minLength: 20,
          maxLength: 20,
        }),
      }),
    );
    fc.assert(
      fc.property(runs, ({ scenario, store, filters }) => {
        const columns = new CustomerColumns(store.customers);
        const ctx = { ...scenario.ctx, segments: segmentLookup(store) };
        for (const filter of filters) {
          const expected = indicesMatching(store.customers, filter, ctx);
          const actual = [...columns.matching(resolveFilter(filter, ctx))];
          assert.deepEqual(actual, expected, JSON.stringify(filter));
          checked++;
          if (expected.length > 0 && expected.length < store.customers.length) some++;
        }
      }),
      { seed, numRuns: 80, includeErrorInReport: true },
    );
    assert.ok(checked >= 1600, `only ${checked} filters were checked`);
    assert.ok(some >= checked / 5, `too few filters split a store: ${some} of ${checked}`);
  });

test('a top-level and of numbers, dates and text counts like compileFilter', () => {
  const customers = [
    customer('a', { ordersCount: 3, totalSpent: 250000, createdAt: '2024-07-01T00:00:00Z' }),
    customer('b', { ordersCount: 1, totalSpent: 90000, createdAt: '2024-07-01T00:00:00.250Z' }),
    customer('c', { ordersCount: 2, totalSpent: 100000, createdAt: '2024-06-01T18:29:59.999Z' }),
    customer('d', { ordersCount: 5, totalSpent: 100001, createdAt: '2024-06-02T00:00:00+05:30' }),
    customer('e', { ordersCount: 0, totalSpent: 0, createdAt: '2025-01-01T10:00:00Z' }),
  ];
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'email', operator: 'endsWith', value: '@GMAIL.com' },
      { field: 'createdOn', operator: 'after', value: '2024-06-01' },
      { field: 'ordersCount', operator: 'gte', value: 2 },
      { field: 'totalSpent', operator: 'gte', value: 100000 },
      { field: 'spendRank', operator: 'notEquals', value: 1 },
    ],
  };
  const matched = new CustomerColumns(customers).matching(resolveFilter(filter, CTX));
  assert.deepEqual([...matched], [0, 3]);
  assert.deepEqual([...matched], indicesMatching(customers, filter, CTX));
});

test('text outside the BMP (a Deseret letter, an emoji) is matched by every text operator', () => {
  // Each of these characters is two UTF-16 code units; the column holds code units, so the
  // operand must too. Expected customers are written out by hand.
  const customers = [
    customer('a', { city: '\u{10400}' }),
    customer('b', { city: 'Pune \u{1F600}' }),
    customer('c', { city: '\u{1F600} Pune' }),
    customer('d', { city: 'Pune' }),
  ];
  const cases: [FilterRule, number[]][] = [
    [{ field: 'city', operator: 'endsWith', value: '\u{10400}' }, [0]],
    [{ field: 'city', operator: 'equals', value: '\u{10428}' }, [0]], // its lower case
    [{ field: 'city', operator: 'endsWith', value: '\u{1F600}' }, [1]],
    [{ field: 'city', operator: 'startsWith', value: '\u{1F600}' }, [2]],
    [{ field: 'city', operator: 'contains', value: '\u{1F600}' }, [1, 2]],
    [{ field: 'city', operator: 'notContains', value: '\u{1F600}' }, [0, 3]],
  ];
  for (const [rule, expected] of cases) {
    const filter: FilterGroup = { combinator: 'and', rules: [rule] };
    const matched = [...new CustomerColumns(customers).matching(resolveFilter(filter, CTX))];
    assert.deepEqual(matched, expected, JSON.stringify(rule));
  }
});

test('dates no number can stand for are still answered as compileFilter answers them', () => {
  // 31 February is compared as text by the engine, so it is not on 2 March, where Date.parse
  // would put it.
  const customers = [
    customer('a', { createdAt: '2024-02-31T10:00:00Z', lastOrderAt: '2024-06-30T10:00:00Z' }),
    customer('b', { createdAt: '2024-07-01T10:00:00Z', lastOrderAt: '' }),
    customer('c', { createdAt: '2023-01-01T10:00:00Z' }),
  ];
  for (const rule of [
    { field: 'createdOn', operator: 'after', value: '2024-01-01' },
    { field: 'createdOn', operator: 'before', value: '2024-03-01' },
    { field: 'createdOn', operator: 'on', value: '2024-03-02' },
    { field: 'lastOrderOn', operator: 'notInLast', value: { amount: 3, unit: 'months' } },
    { field: 'lastOrderOn', operator: 'between', value: ['2024-06-01', '2024-06-30'] },
  ]) {
    const filter: FilterGroup = { combinator: 'and', rules: [rule] };
    const matched = [...new CustomerColumns(customers).matching(resolveFilter(filter, CTX))];
    assert.deepEqual(matched, indicesMatching(customers, filter, CTX), JSON.stringify(rule));
  }
  const after2024 = resolveFilter(
    { combinator: 'and', rules: [{ field: 'createdOn', operator: 'after', value: '2024-01-01' }] },
    CTX,
  );
  assert.deepEqual([...new CustomerColumns(customers).matching(after2024)], [0, 1]);
});

test("a date range's ends are the local midnights: the next day's first instant is outside", () => {
  // Instants exactly at, and 1 ms before, the midnights that start 1 and 2 June in India and in
  // New York, written the ways stores write them; expected days come from the calendar.
  const instants: string[] = [];
  for (const timeZone of ['Asia/Kolkata', 'America/New_York']) {
    for (const day of ['2024-06-01', '2024-06-02']) {
      const start = startOfLocalDay(day, timeZone);
      for (const ms of [start - 1, start]) {
        const iso = new Date(ms).toISOString();
        instants.push(iso, iso.replace('.000Z', 'Z'), iso.slice(0, -1));
      }
    }
  }
  const customers = instants.map((createdAt, i) => customer(`c${i}`, { createdAt }));
  const rules: [FilterRule, (day: string) => boolean][] = [
    [{ field: 'createdOn', operator: 'on', value: '2024-06-01' }, (d) => d === '2024-06-01'],
    [
      { field: 'createdOn', operator: 'between', value: ['2024-05-31', '2024-06-01'] },
      (d) => d >= '2024-05-31' && d <= '2024-06-01',
    ],
    [{ field: 'createdOn', operator: 'before', value: '2024-06-01' }, (d) => d < '2024-06-01'],
    [{ field: 'createdOn', operator: 'after', value: '2024-05-31' }, (d) => d > '2024-05-31'],
    [
      { field: 'createdOn', operator: 'inLast', value: { amount: 1, unit: 'days' } },
      (d) => d >= '2024-05-31' && d <= '2024-06-01',
    ],
  ];
  for (const timeZone of ['Asia/Kolkata', 'America/New_York']) {
    const ctx = { now: new Date(startOfLocalDay('2024-06-01', timeZone) + 3_600_000), timeZone };
    for (const [rule, onDay] of rules) {
      const filter: FilterGroup = { combinator: 'and', rules: [rule] };
      const expected = customers.flatMap((c, i) =>
        onDay(localDate(instantMs(c.createdAt), timeZone)) ? [i] : [],
      );
      const actual = [...new CustomerColumns(customers).matching(resolveFilter(filter, ctx))];
      assert.deepEqual(actual, expected, `${timeZone}: ${JSON.stringify(rule)}`);
    }
  }
});

test('in the background, columns are built after the count that first needs them', (t) => {
  // The build is a timer task: the test runs the timers itself rather than sleeping past them.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const customers = [
    customer('a', { ordersCount: 3 }),
    customer('b', { ordersCount: 1 }),
    customer('c', { ordersCount: 2 }),
  ];
  const columns = new CustomerColumns(customers, { background: true });
  const twoOrMore = resolveFilter(
    { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'gte', value: 2 }] },
    CTX,
  );
  assert.deepEqual([...columns.matching(twoOrMore)], [0, 2]);
  // The first count read the records: a record changed now is seen by a count right away…
  customers[1]!.ordersCount = 5;
  assert.deepEqual([...columns.matching(twoOrMore)], [0, 1, 2]);
  t.mock.timers.runAll();
  // …and once the column is built it is the copy of that moment (a data version never changes).
  customers[1]!.ordersCount = 1;
  assert.deepEqual([...columns.matching(twoOrMore)], [0, 1, 2]);
});

// ---- helpers ----

function indicesMatching(
  customers: readonly Customer[],
  filter: FilterGroup,
  ctx: Parameters<typeof compileFilter>[1],
): number[] {
  const matches = compileFilter(filter, ctx);
  return customers.flatMap((c, i) => (matches(c) ? [i] : []));
}

function customer(id: string, fields: Partial<Customer>): Customer {
  return {
    id,
    email: `${id}@gmail.com`,
    createdAt: '2024-01-01T00:00:00Z',
    ordersCount: 0,
    totalSpent: 0,
    ...fields,
  };
}
