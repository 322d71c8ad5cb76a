/**
 * compileFilter and filterToSql against an oracle written in this file from the documented filter semantics, that
 * shares no code with src/filter: calendar days come from Intl and Date.UTC (helpers/calendar.ts),
 * "in the last N" is counted back on the calendar here, missing values follow the documented
 * rule. The differential and column tests compare the engine's consumers with one another (all
 * through resolveFilter); this one catches a bug they share, such as `inLast` starting a day late.
 * Text and phone values are ASCII and E.164 here, so the oracle needs no case-folding or
 * phone-parsing rules of its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compileFilter,
  filterToSql,
  isFilterGroup,
  type Customer,
  type FilterGroup,
  type FilterRule,
} from '../../src/core.ts';
import {
  SCENARIOS,
  storeArbitrary,
  segmentLookup,
  type Scenario,
  type Store,
} from './helpers/filter-arbitraries.ts';
import {
  addDays,
  firstDayInLast,
  instantMs,
  localDate,
  startOfLocalDay,
} from './helpers/calendar.ts';
import { propertySeeds, replayHint } from './helpers/seeds.ts';
import { everyDatabase } from './helpers/sql-databases.ts';

const databases = everyDatabase();

describe('the filter engine agrees with an oracle computed from the calendar', () => {
  for (const { label, seed } of propertySeeds()) {
    test(`random filters select what the oracle selects, on every side (${label} seed)`, async (t) => {
      t.diagnostic(replayHint({ label, seed }));
      let checked = 0;
      let split = 0;
      const runs = fc.constantFrom(...SCENARIOS).chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          store: storeArbitrary(scenario),
          filters: fc.array(oracleFilter(scenario), { minLength: 25, maxLength: 25 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(runs, async ({ scenario, store, filters }) => {
          for (const db of databases) await db.load(store.customers, store.members);
          for (const filter of filters) {
            const want = expectedIds(scenario, store, filter);
            const ctx = { ...scenario.ctx, segments: segmentLookup(store) };
            const matches = compileFilter(filter, ctx);
            const got = store.customers.filter(matches).map((c) => c.id);
            assert.deepEqual(got, want, explain('compileFilter', scenario, store, filter));
            for (const db of databases) {
              const where = filterToSql(filter, {
                dialect: db.dialect,
                ctx: scenario.ctx,
                segments: ctx.segments,
              });
              const ids = await db.ids(where.sql, where.params);
              assert.deepEqual(ids, [...want].sort(), explain(db.name, scenario, store, filter));
            }
            checked++;
            if (want.length > 0 && want.length < store.customers.length) split++;
          }
        }),
        { seed, numRuns: 40, includeErrorInReport: true },
      );
      t.diagnostic(`${checked} filters, ${split} selecting some but not all customers`);
      assert.ok(split >= checked / 4, `too few filters split a store: ${split} of ${checked}`);
    });
  }

  test('inLast 7 days on 28 November covers 21–28 November in the store’s zone, no more', () => {
    // The filter JSON example of the docs, on instants 1 ms either side of each end, in India.
    const timeZone = 'Asia/Kolkata';
    const now = '2026-11-28T12:00:00Z';
    const at = (ms: number, id: string): Customer => ({
      id,
      createdAt: new Date(ms).toISOString(),
      ordersCount: 0,
      totalSpent: 0,
    });
    const from = startOfLocalDay('2026-11-21', timeZone);
    const to = startOfLocalDay('2026-11-29', timeZone);
    const customers = [
      at(from - 1, 'day-early'),
      at(from, 'first'),
      at(to - 1, 'last'),
      at(to, 'tomorrow'),
    ];
    const select = (rule: FilterRule) =>
      customers
        .filter(compileFilter({ combinator: 'and', rules: [rule] }, { now, timeZone }))
        .map((c) => c.id);
    const last7 = { amount: 7, unit: 'days' };
    assert.deepEqual(select({ field: 'createdOn', operator: 'inLast', value: last7 }), [
      'first',
      'last',
    ]);
    assert.deepEqual(select({ field: 'createdOn', operator: 'notInLast', value: last7 }), [
      'day-early',
      'tomorrow',
    ]);
    assert.deepEqual(
      select({ field: 'createdOn', operator: 'inLast', value: { amount: 1, unit: 'weeks' } }),
      ['first', 'last'],
    );
    assert.deepEqual(select({ field: 'createdOn', operator: 'on', value: '2026-11-21' }), [
      'first',
    ]);
    assert.deepEqual(
      select({ field: 'createdOn', operator: 'between', value: ['2026-11-21', '2026-11-28'] }),
      ['first', 'last'],
    );
    assert.deepEqual(select({ field: 'createdOn', operator: 'before', value: '2026-11-21' }), [
      'day-early',
    ]);
    assert.deepEqual(select({ field: 'createdOn', operator: 'after', value: '2026-11-28' }), [
      'tomorrow',
    ]);
  });

  test('inLast 1 month on 31 March starts on 28 February (29 in a leap year)', () => {
    const timeZone = 'UTC';
    const customer = (id: string, day: string): Customer => ({
      id,
      createdAt: `${day}T00:00:00Z`,
      ordersCount: 0,
      totalSpent: 0,
    });
    const lastMonth: FilterGroup = {
      combinator: 'and',
      rules: [{ field: 'createdOn', operator: 'inLast', value: { amount: 1, unit: 'months' } }],
    };
    const select = (now: string, days: string[]) =>
      days
        .map((d) => customer(d, d))
        .filter(compileFilter(lastMonth, { now, timeZone }))
        .map((c) => c.id);
    assert.deepEqual(select('2025-03-31T10:00:00Z', ['2025-02-27', '2025-02-28', '2025-03-01']), [
      '2025-02-28',
      '2025-03-01',
    ]);
    assert.deepEqual(select('2024-03-31T10:00:00Z', ['2024-02-28', '2024-02-29']), ['2024-02-29']);
  });
});

// ---- the oracle ----

type Oracle = (customer: Customer) => boolean;

const PREDEFINED: Record<string, Oracle> = {
  'first-time-customers': (c) => c.ordersCount === 1,
  'returning-customers': (c) => c.ordersCount >= 2,
  'top-10-spenders': (c) => c.spendRank !== undefined && c.spendRank <= 10,
  'top-50-spenders': (c) => c.spendRank !== undefined && c.spendRank <= 50,
};

function expectedIds(scenario: Scenario, store: Store, filter: FilterGroup): string[] {
  const oracle = groupOracle(scenario, store, filter);
  return store.customers.filter(oracle).map((c) => c.id);
}

function groupOracle(scenario: Scenario, store: Store, group: FilterGroup): Oracle {
  const children = group.rules.map((node) =>
    isFilterGroup(node) ? groupOracle(scenario, store, node) : ruleOracle(scenario, store, node),
  );
  const combined: Oracle =
    group.combinator === 'and'
      ? (c) => children.every((child) => child(c))
      : (c) => children.some((child) => child(c));
  return group.not ? (c) => !combined(c) : combined;
}

const DATE_PROPERTIES: Record<string, keyof Customer> = {
  createdOn: 'createdAt',
  firstOrderOn: 'firstOrderAt',
  lastOrderOn: 'lastOrderAt',
};

function ruleOracle(scenario: Scenario, store: Store, rule: FilterRule): Oracle {
  const { field, operator: op, value } = rule;
  if (field === 'segment') return segmentOracle(scenario, store, op, value as string[]);
  const read = (c: Customer): unknown => c[(DATE_PROPERTIES[field] ?? field) as keyof Customer];
  const missing = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  if (op === 'isEmpty') return (c) => missing(read(c));
  if (op === 'isNotEmpty') return (c) => !missing(read(c));
  const negative = ['notEquals', 'notContains', 'notIn', 'hasNone', 'notInLast'].includes(op);

  if (field in DATE_PROPERTIES) {
    const { timeZone } = scenario.ctx;
    const today = localDate(new Date(scenario.ctx.now).getTime(), timeZone);
    const test = dateTest(op, value, today);
    return (c) => {
      const stored = read(c) as string | undefined;
      if (missing(stored)) return negative;
      return test(localDate(instantMs(stored!), timeZone));
    };
  }
  if (field === 'tags') {
    const wanted = (value as string[]).map((t) => t.toLowerCase());
    return (c) => {
      const tags = (c.tags ?? []).map((t) => t.toLowerCase());
      if (op === 'hasAny') return wanted.some((t) => tags.includes(t));
      if (op === 'hasAll') return wanted.every((t) => tags.includes(t));
      return !wanted.some((t) => tags.includes(t));
    };
  }
  return (c) => {
    const v = read(c);
    if (v === undefined || v === null) return negative;
    if (typeof v === 'number') return numberTest(op, value, v);
    if (typeof v === 'boolean') return v === value;
    const text = String(v);
    if (field === 'phone') return phoneTest(op, value, text);
    return textTest(op, value, text.toLowerCase());
  };
}

function dateTest(op: string, value: unknown, today: string): (day: string) => boolean {
  switch (op) {
    case 'on':
      return (day) => day === value;
    case 'before':
      return (day) => day < (value as string);
    case 'after':
      return (day) => day > (value as string);
    case 'between': {
      const [low, high] = value as [string, string];
      return (day) => low <= day && day <= high;
    }
    default: {
      const { amount, unit } = value as { amount: number; unit: string };
      const first = firstDayInLast(today, amount, unit);
      const inside = (day: string) => first <= day && day <= today;
      return op === 'inLast' ? inside : (day) => !inside(day);
    }
  }
}

function numberTest(op: string, value: unknown, v: number): boolean {
  const n = value as number;
  switch (op) {
    case 'equals':
      return v === n;
    case 'notEquals':
      return v !== n;
    case 'gt':
      return v > n;
    case 'gte':
      return v >= n;
    case 'lt':
      return v < n;
    case 'lte':
      return v <= n;
    default: {
      const [low, high] = value as [number, number];
      return low <= v && v <= high;
    }
  }
}

function textTest(op: string, value: unknown, v: string): boolean {
  const lower = (x: unknown) => String(x).toLowerCase();
  switch (op) {
    case 'equals':
      return v === lower(value);
    case 'notEquals':
      return v !== lower(value);
    case 'contains':
      return v.includes(lower(value));
    case 'notContains':
      return !v.includes(lower(value));
    case 'startsWith':
      return v.startsWith(lower(value));
    case 'endsWith':
      return v.endsWith(lower(value));
    case 'in':
      return (value as string[]).map(lower).includes(v);
    default:
      return !(value as string[]).map(lower).includes(v);
  }
}

/** Phone values here are E.164 (equals, in), E.164 prefixes or digits (contains). */
function phoneTest(op: string, value: unknown, v: string): boolean {
  switch (op) {
    case 'equals':
      return v === value;
    case 'notEquals':
      return v !== value;
    case 'startsWith':
      return v.startsWith(value as string);
    case 'contains':
      return v.includes(value as string);
    case 'in':
      return (value as string[]).includes(v);
    default:
      return !(value as string[]).includes(v);
  }
}

function segmentOracle(scenario: Scenario, store: Store, op: string, ids: string[]): Oracle {
  const lookup = segmentLookup(store);
  const each = ids.map((id): Oracle => {
    if (PREDEFINED[id]) return PREDEFINED[id];
    const found = lookup(id)!;
    if ('memberIds' in found) return (c) => found.memberIds.has(c.id);
    return groupOracle(scenario, store, found.filter);
  });
  const inAny: Oracle = (c) => each.some((test) => test(c));
  return op === 'in' ? inAny : (c) => !inAny(c);
}

// ---- the filters ----

/** ASCII text and E.164 phones, so the oracle's plain toLowerCase and === are the rule. */
const TEXT = [
  'asha',
  'ASHA RAO',
  'rao',
  "o'brien",
  'pune',
  'PUNE',
  'mum',
  '@gmail.com',
  '.io',
  'a_b',
  '50%',
  ' ',
];
const PHONES = ['+919876543210', '+14155552671', '+447911123456', '+919876500000'];
const PHONE_PREFIXES = ['+91', '+9198765', '+1', '+44'];
const PHONE_DIGITS = ['98765', '2671', '0000', '9'];
const TAGS = ['vip', 'VIP', 'gold', 'new', "O'NEIL", '50%', 'a_b', 'absent'];
const SEGMENTS = [
  'csv-a',
  'csv-empty',
  'flt-pune',
  'flt-nested',
  'top-10-spenders',
  'returning-customers',
  'first-time-customers',
];

function oracleFilter(scenario: Scenario): fc.Arbitrary<FilterGroup> {
  const rule = oracleRule(scenario);
  const group = (level: number): fc.Arbitrary<FilterGroup> =>
    fc.record(
      {
        combinator: fc.constantFrom('and' as const, 'or' as const),
        not: fc.boolean(),
        rules: fc.array(
          level < 3
            ? fc.oneof({ weight: 4, arbitrary: rule }, { weight: 1, arbitrary: group(level + 1) })
            : rule,
          { minLength: 1, maxLength: 3 },
        ),
      },
      { requiredKeys: ['combinator', 'rules'] },
    );
  return group(1);
}

function oracleRule(scenario: Scenario): fc.Arbitrary<FilterRule> {
  const { timeZone } = scenario.ctx;
  const today = localDate(new Date(scenario.ctx.now).getTime(), timeZone);
  // Days on and next to the ones the generated instants sit on.
  const day = fc.integer({ min: -35, max: 2 }).map((n) => addDays(today, n));
  const rule = (field: string, operator: string, value?: fc.Arbitrary<unknown>) =>
    value
      ? value.map((v): FilterRule => ({ field, operator, value: v }))
      : fc.constant<FilterRule>({ field, operator });
  const pair = <T>(a: fc.Arbitrary<T>) =>
    fc.tuple(a, a).map(([x, y]) => (x <= y ? [x, y] : [y, x]));
  const period = fc.record({
    amount: fc.constantFrom(1, 2, 6, 7, 8, 29, 30, 31),
    unit: fc.constantFrom('days', 'weeks', 'months'),
  });
  const text = fc.constantFrom(...TEXT);
  const textList = fc.uniqueArray(text, { minLength: 1, maxLength: 3 });
  const phone = fc.constantFrom(...PHONES);
  const number = fc.constantFrom(0, 1, 2, 3, 7, 10);
  const money = fc.constantFrom(0, 99, 100, 5000, 150000, 150001);
  const dates = ['createdOn', 'firstOrderOn', 'lastOrderOn'].flatMap((field) => [
    rule(field, 'on', day),
    rule(field, 'before', day),
    rule(field, 'after', day),
    rule(field, 'between', pair(day)),
    rule(field, 'inLast', period),
    rule(field, 'inLast', period),
    rule(field, 'notInLast', period),
    rule(field, 'isEmpty'),
    rule(field, 'isNotEmpty'),
  ]);
  const strings = ['email', 'name', 'city'].flatMap((field) => [
    ...['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith'].map((op) =>
      rule(field, op, text),
    ),
    rule(field, 'in', textList),
    rule(field, 'notIn', textList),
    rule(field, 'isEmpty'),
    rule(field, 'isNotEmpty'),
  ]);
  const phones = [
    rule('phone', 'equals', phone),
    rule('phone', 'notEquals', phone),
    rule('phone', 'in', fc.uniqueArray(phone, { minLength: 1, maxLength: 2 })),
    rule('phone', 'notIn', fc.uniqueArray(phone, { minLength: 1, maxLength: 2 })),
    rule('phone', 'startsWith', fc.constantFrom(...PHONE_PREFIXES)),
    rule('phone', 'contains', fc.constantFrom(...PHONE_DIGITS)),
    rule('phone', 'isEmpty'),
    rule('phone', 'isNotEmpty'),
  ];
  const numbers = (['ordersCount', 'spendRank', 'totalSpent'] as const).flatMap((field) => {
    const value = field === 'totalSpent' ? money : number;
    return [
      ...['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'].map((op) => rule(field, op, value)),
      rule(field, 'between', pair(value)),
    ];
  });
  const tagList = fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 });
  const others = [
    ...['hasAny', 'hasAll', 'hasNone'].map((op) => rule('tags', op, tagList)),
    rule('tags', 'isEmpty'),
    rule('tags', 'isNotEmpty'),
    rule('acceptsMarketing', 'equals', fc.boolean()),
    rule(
      'segment',
      'in',
      fc.uniqueArray(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 2 }),
    ),
    rule(
      'segment',
      'notIn',
      fc.uniqueArray(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 2 }),
    ),
  ];
  // Dates weigh most: they are where calendars, zones and bounds go wrong.
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...dates) },
    { weight: 1, arbitrary: fc.oneof(...strings, ...phones) },
    { weight: 1, arbitrary: fc.oneof(...numbers, ...others) },
  );
}

function explain(side: string, scenario: Scenario, store: Store, filter: FilterGroup): string {
  return [
    `${side} disagrees with the oracle (${scenario.name})`,
    `filter: ${JSON.stringify(filter)}`,
    `ctx: ${JSON.stringify(scenario.ctx)}`,
    ...store.customers.map((c) => `  ${JSON.stringify(c)}`),
  ].join('\n');
}
