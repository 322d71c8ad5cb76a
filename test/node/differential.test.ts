/**
 * The filter engine's promise: the browser (compileFilter) and the database (filterToSql on
 * PostgreSQL and SQLite) select exactly the same customers for every valid filter and data set.
 * fast-check generates awkward stores and random valid filters; every filter runs on every side
 * and the customer ids must be identical. With DATABASE_URL set, a real PostgreSQL server joins
 * PGlite. It runs with CI's fixed seed and with this run's seed (helpers/seeds.ts); both are
 * printed so a failure can be replayed.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FIELDS,
  compileFilter,
  filterToSql,
  isFilterGroup,
  type FilterGroup,
} from '../../src/core.ts';
import {
  SCENARIOS,
  filterArbitrary,
  segmentLookup,
  storeArbitrary,
  type Scenario,
  type Store,
} from './helpers/filter-arbitraries.ts';
import { propertySeeds, replayHint, type PropertySeed } from './helpers/seeds.ts';
import { everyDatabase, sortIds } from './helpers/sql-databases.ts';

const STORES = 40;
const FILTERS_PER_STORE = 25;

const databases = everyDatabase();

for (const seed of propertySeeds()) {
  test(`compileFilter and filterToSql on PostgreSQL and SQLite select the same customers (${seed.label} seed)`, (t) =>
    differential(t, seed));
}

async function differential(t: TestContext, { label, seed }: PropertySeed) {
  t.diagnostic(replayHint({ label, seed }));
  t.diagnostic(`databases: ${databases.map((db) => db.name).join(', ')}`);
  let checked = 0;
  const matched = { none: 0, some: 0, all: 0 };
  const covered = new Set<string>();

  const runs = fc.constantFrom(...SCENARIOS).chain((scenario) =>
    fc.record({
      scenario: fc.constant(scenario),
      store: storeArbitrary(scenario),
      filters: fc.array(filterArbitrary(scenario), {
        minLength: FILTERS_PER_STORE,
        maxLength: FILTERS_PER_STORE,
      }),
    }),
  );

  await fc.assert(
    fc.asyncProperty(runs, async ({ scenario, store, filters }) => {
      // One load per store, then many filters against it, keeps the database work small.
      for (const db of databases) await db.load(store.customers, store.members);
      for (const filter of filters) {
        const count = await sameOnEverySide(scenario, store, filter);
        checked++;
        forEachRule(filter, (rule) => covered.add(`${rule.field} ${rule.operator}`));
        if (count === 0) matched.none++;
        else if (count === store.customers.length) matched.all++;
        else matched.some++;
      }
    }),
    { seed, numRuns: STORES, includeErrorInReport: true },
  );

  t.diagnostic(
    `${checked} filters checked on ${databases.length + 1} sides; matched none ${matched.none}, ` +
      `some ${matched.some}, all ${matched.all}`,
  );
  console.log(`differential: ${checked} filters checked, ${replayHint({ label, seed })}`);
  assert.ok(checked >= 500, `only ${checked} filters were checked`);
  // A generator whose filters never split a store would check nothing worth checking.
  assert.ok(
    matched.some >= checked / 4,
    `too few filters matched some but not all: ${matched.some}`,
  );
  const generated = FIELDS.flatMap((field) => field.operators.map((op) => `${field.id} ${op}`));
  assert.deepEqual(
    generated.filter((pair) => !covered.has(pair)),
    [],
    'every field and operator was generated',
  );
}

/** The number of customers selected; throws with everything needed to reproduce a disagreement. */
async function sameOnEverySide(scenario: Scenario, store: Store, filter: FilterGroup) {
  const segments = segmentLookup(store);
  const matches = compileFilter(filter, { ...scenario.ctx, segments });
  const expected = sortIds(store.customers.filter(matches).map((c) => c.id));
  for (const db of databases) {
    const where = filterToSql(filter, { dialect: db.dialect, ctx: scenario.ctx, segments });
    const actual = await db.ids(where.sql, where.params);
    if (actual.join() === expected.join()) continue;
    const differing = new Set([
      ...expected.filter((id) => !actual.includes(id)),
      ...actual.filter((id) => !expected.includes(id)),
    ]);
    throw new Error(
      [
        `${db.name} disagrees with compileFilter (${scenario.name})`,
        `filter: ${JSON.stringify(filter)}`,
        `ctx: ${JSON.stringify(scenario.ctx)}`,
        `sql: ${where.sql}`,
        `params: ${JSON.stringify(where.params)}`,
        `compileFilter: [${expected.join(', ')}]`,
        `${db.name}: [${actual.join(', ')}]`,
        'customers that differ:',
        ...store.customers.filter((c) => differing.has(c.id)).map((c) => `  ${JSON.stringify(c)}`),
        `csv-a members: ${JSON.stringify(store.members.map((m) => m.customerId))}`,
      ].join('\n'),
    );
  }
  return expected.length;
}

function forEachRule(
  group: FilterGroup,
  visit: (rule: { field: string; operator: string }) => void,
) {
  for (const node of group.rules) {
    if (isFilterGroup(node)) forEachRule(node, visit);
    else visit(node);
  }
}
