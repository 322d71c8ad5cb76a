/**
 * The filter engine facing hostile input (issue: "nothing in user-segments/core throws anything
 * but a SegmentError on bad input"). fast-check builds filters, field catalogues, contexts, SQL
 * options and customer records out of valid parts mixed with wrong types, getters that throw,
 * Proxies whose traps throw and revoked Proxies. Whatever comes in:
 * - validateFilter returns a list of issues and never throws;
 * - compileFilter, filterToSql and the compiled predicate either work or throw SegmentError;
 * - a filter validateFilter accepts compiles (so the two never disagree);
 * - a plain customer record with wrong-typed fields never makes the predicate throw.
 * The named cases of the issue come first, as examples a reader can follow.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkProperty } from './helpers/seeds.ts';
import {
  FIELDS,
  SegmentError,
  compileFilter,
  describeFilter,
  filterToSql,
  validateFilter,
  type Customer,
  type FieldDefinition,
  type FilterGroup,
} from '../../src/core.ts';
import { OPERATORS_BY_TYPE } from '../../src/filter/fields.ts';
import { SCENARIOS, filterArbitrary, segmentLookup } from './helpers/filter-arbitraries.ts';

/** Runs `run`; anything it throws must be a SegmentError. Returns what it returned, if anything. */
function onlySegmentErrors<T>(what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    assert.ok(
      error instanceof SegmentError,
      `${what} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    return undefined;
  }
}

const boom = () => {
  throw new Error('boom');
};

/** An object whose `key` getter throws, the others answering as `base` does. */
function throwingAt(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(base)) {
    if (k !== key) copy[k] = base[k];
  }
  Object.defineProperty(copy, key, { get: boom, enumerable: true });
  return copy;
}

/** A Proxy of `base` whose `trap` throws. */
const trapping = (base: object, trap: keyof ProxyHandler<object>): object =>
  new Proxy(base, { [trap]: boom });

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const TRAPS = ['get', 'has', 'ownKeys', 'getPrototypeOf', 'getOwnPropertyDescriptor'] as const;

/**
 * Wraps an object value (sometimes) in one of the hostile shapes. fast-check itself inspects the
 * values it generates (a Proxy whose `has` throws would break it), so the arbitraries describe
 * the hostile shapes as plain markers and `materialise` builds them inside the property.
 */
function hostile(arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary, weight: 6 },
    arbitrary.chain((value) =>
      typeof value === 'object' && value !== null
        ? fc.oneof(
            fc
              .constantFrom(...Object.keys(value), 'length', 'rules')
              .map((key) => ({ [MARK]: 'getter', key, value })),
            fc.constantFrom(...TRAPS).map((trap) => ({ [MARK]: 'trap', trap, value })),
            fc.constant({ [MARK]: 'revoked' }),
          )
        : fc.constant(value),
    ),
    { arbitrary: oddValue(), weight: 1 },
  );
}

const MARK = '__hostile__';

/** The value a description stands for, hostile shapes built. */
function materialise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(materialise);
  if (typeof value !== 'object' || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  switch (record[MARK]) {
    case 'getter': {
      const inner = materialise(record.value);
      return throwingAt(inner as Record<string, unknown>, record.key as string);
    }
    case 'trap':
      return trapping(
        materialise(record.value) as object,
        record.trap as keyof ProxyHandler<object>,
      );
    case 'revoked':
      return revoked();
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, materialise(v)]));
}

/** Values of every wrong type. */
function oddValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      maxDepth: 2,
    }),
    fc.constantFrom(Symbol('s'), () => 1, new Date(NaN), '\u0000', '\ud800', 'a'.repeat(2_000)),
    fc.constant({ valueOf: boom, toString: boom }),
  );
}

const ALL_OPERATORS = [...new Set(Object.values(OPERATORS_BY_TYPE).flat())];

const validishValue = fc.oneof(
  fc.constantFrom('pune', 'ÉLAN', '9876543210', '2024-01-01', 3, 100, true),
  fc.constant(['vip', 'gold']),
  fc.constant(['2024-01-01', '2024-02-01']),
  fc.constant([1, 5]),
  fc.constant({ amount: 7, unit: 'days' }),
  fc.constant(['returning-customers']),
  fc.constant(undefined),
);

const { group: hostileGroup } = fc.letrec<{ group: unknown; node: unknown; rule: unknown }>(
  (tie) => ({
    group: hostile(
      fc.record({
        combinator: hostile(fc.constantFrom('and', 'or')),
        not: fc.option(hostile(fc.boolean()), { nil: undefined }),
        rules: hostile(fc.array(tie('node'), { maxLength: 4 })),
      }),
    ),
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('rule'), tie('group')),
    rule: hostile(
      fc.record({
        field: hostile(fc.constantFrom(...FIELDS.map((f) => f.id), 'nope')),
        operator: hostile(fc.constantFrom(...ALL_OPERATORS)),
        value: hostile(validishValue),
      }),
    ),
  }),
);

const catalogue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  hostile(fc.constant(FIELDS.map((f) => ({ ...f })))),
  fc.constant([{ id: 'email', label: 'Email', type: 'string' }]), // no operators
  fc.constant([null, 3, { id: 'city', type: 'string', operators: 'equals' }]),
  fc.constant('not a list'),
  fc.constant({ length: 1, 0: FIELDS[0] }),
);

const context: fc.Arbitrary<unknown> = hostile(
  fc.record(
    {
      now: hostile(fc.constantFrom('2026-11-28T12:00:00Z', new Date('2026-11-28T12:00:00Z'))),
      timeZone: hostile(fc.constantFrom('Asia/Kolkata', 'UTC')),
      defaultCountry: hostile(fc.constantFrom('IN', 'US')),
      fields: catalogue,
      segments: fc.constantFrom(
        undefined,
        () => undefined,
        boom,
        () => ({ filter: trapping({}, 'get') }),
        () => ({ memberIds: new Set(['c1']) }),
        () => ({
          filter: {
            combinator: 'and',
            rules: [{ field: 'city', operator: 'equals', value: 'pune' }],
          },
        }),
      ),
    },
    { requiredKeys: [] },
  ),
);

const sqlOptions: fc.Arbitrary<unknown> = hostile(
  fc.record(
    {
      dialect: hostile(fc.constantFrom('postgres', 'sqlite')),
      table: hostile(fc.constantFrom(undefined, 'customers', 'shop.customers', '', 42, 'a\u0000b')),
      columns: hostile(
        fc.constantFrom(undefined, { email: 'mail' }, { email: 7 }, { city: null }, 'columns'),
      ),
      membersTable: hostile(
        fc.constantFrom(undefined, 'members', { table: 5 }, { table: 'm', customerId: {} }, 3),
      ),
    },
    { requiredKeys: ['dialect'] },
  ),
);

/** Customer records: valid fields, wrong types, and (sometimes) unreadable. */
const customerRecord = fc.record(
  {
    id: fc.oneof(fc.constant('c1'), oddValue()),
    email: fc.oneof(fc.constantFrom('asha@gmail.com', 'ÉLAN@x.io'), oddValue()),
    name: fc.oneof(fc.constant('Pune Rao'), oddValue()),
    city: fc.oneof(fc.constantFrom('pune', 'PUNE'), oddValue()),
    phone: fc.oneof(fc.constant('+919876543210'), oddValue()),
    createdAt: fc.oneof(
      fc.constantFrom('2024-01-01T00:00:00Z', '2024-01-01T10:00+05:30'),
      oddValue(),
    ),
    lastOrderAt: fc.oneof(fc.constant('2026-11-27T00:00:00Z'), oddValue()),
    ordersCount: fc.oneof(fc.constantFrom(0, 3), oddValue()),
    totalSpent: fc.oneof(fc.constant(100), oddValue()),
    spendRank: fc.oneof(fc.constant(1), oddValue()),
    tags: fc.oneof(
      fc.constant(['VIP', 'gold']),
      oddValue(),
      fc.array(oddValue(), { maxLength: 3 }),
    ),
    acceptsMarketing: fc.oneof(fc.boolean(), oddValue()),
  },
  { requiredKeys: [] },
);

describe('hostile input gives issues or SegmentErrors, never anything else', () => {
  test('the cases the attack found', () => {
    const valid: FilterGroup = {
      combinator: 'and',
      rules: [{ field: 'email', operator: 'contains', value: 'gmail' }],
    };
    // validateFilter: a catalogue that is not a list, a field without operators, a throwing getter.
    assert.deepEqual(
      validateFilter(valid, 'fields' as never).map((i) => i.code),
      ['invalid-fields'],
    );
    assert.deepEqual(
      validateFilter(valid, [{ id: 'email', label: 'Email', type: 'string' }] as never).map(
        (i) => i.code,
      ),
      ['unknown-field'],
    );
    assert.deepEqual(
      validateFilter(throwingAt(valid as never, 'rules')).map((i) => i.code),
      ['unreadable'],
    );
    assert.deepEqual(
      validateFilter(trapping(valid, 'has')).map((i) => i.code),
      ['unreadable'],
    );
    // filterToSql: a table or column name that is not text.
    for (const options of [
      { dialect: 'postgres', table: 42 },
      { dialect: 'sqlite', columns: { email: 7 } },
      { dialect: 'postgres', membersTable: { table: null } },
    ]) {
      assert.throws(
        () => filterToSql(valid, options as never),
        (e: unknown) => e instanceof SegmentError && e.code === 'invalid',
        JSON.stringify(options),
      );
    }
    // The compiled predicate: a non-string email (or any wrong-typed field) is no email.
    const predicate = compileFilter(valid);
    for (const email of [42, {}, ['gmail'], Symbol('gmail'), { toString: () => 'gmail' }]) {
      assert.equal(predicate({ id: 'x', email } as unknown as Customer), false);
    }
    assert.throws(
      () => predicate(throwingAt({ id: 'x' }, 'email') as unknown as Customer),
      (e: unknown) => e instanceof SegmentError && e.code === 'invalid',
    );
  });

  test('property: any mix of hostile filter, catalogue, context, options and customers', () => {
    checkProperty(
      fc.property(
        hostileGroup,
        catalogue,
        context,
        sqlOptions,
        fc.array(fc.tuple(customerRecord, fc.boolean()), { maxLength: 4 }),
        (...described) => {
          const [filter, fields, ctx, options, records] = described.map(materialise) as [
            unknown,
            unknown,
            unknown,
            unknown,
            [Record<string, unknown>, boolean][],
          ];
          const issues = validateFilter(filter, fields as never, { segments: () => undefined });
          assert.ok(Array.isArray(issues));
          for (const i of issues) {
            assert.equal(typeof i.path, 'string');
            assert.equal(typeof i.code, 'string');
            assert.equal(typeof i.message, 'string');
          }
          assert.equal(typeof describeFilter(filter as FilterGroup), 'string');

          const predicate = onlySegmentErrors('compileFilter', () =>
            compileFilter(filter, ctx as never),
          );
          if (issues.length === 0 && fields === undefined && ctx === undefined) {
            assert.ok(predicate, 'validateFilter accepted a filter compileFilter refused');
          }
          for (const [record, wrapped] of records) {
            const customer = wrapped ? throwingAt(record, 'email') : record;
            if (!predicate) break;
            const answer = onlySegmentErrors('the predicate', () =>
              predicate(customer as unknown as Customer),
            );
            // A plain record with wrong-typed fields is read, never refused.
            if (!wrapped) assert.equal(typeof answer, 'boolean');
          }
          onlySegmentErrors('filterToSql', () => filterToSql(filter, options as never));
        },
      ),
      { numRuns: 1_500 },
    );
  });

  test('property: every valid filter reads wrong-typed customer fields as missing, never throws', () => {
    const runs = fc.constantFrom(...SCENARIOS).chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        filter: filterArbitrary(scenario),
        records: fc.array(customerRecord, { minLength: 1, maxLength: 4 }),
      }),
    );
    checkProperty(
      fc.property(runs, ({ scenario, filter, records }) => {
        const segments = segmentLookup({ customers: [], members: [] });
        const predicate = compileFilter(filter, { ...scenario.ctx, segments });
        for (const record of records) {
          const customer = materialise(record) as Customer;
          assert.equal(typeof predicate(customer), 'boolean');
          // The same record, unreadable: a SegmentError, never a TypeError.
          onlySegmentErrors('the predicate', () =>
            predicate(throwingAt(customer as never, 'id') as unknown as Customer),
          );
        }
      }),
      { numRuns: 1_000 },
    );
  });

  test('property: the catalogue shapes a host may pass never break validateFilter', () => {
    checkProperty(
      fc.property(
        hostile(
          fc.array(
            hostile(
              fc.record({
                id: hostile(fc.constantFrom('email', 'city', 'loyalty')),
                label: hostile(fc.constant('Label')),
                type: hostile(fc.constantFrom('string', 'tags', 'what')),
                operators: hostile(fc.constantFrom(['equals'], ['hasAny', 'isEmpty'], 'equals')),
              }),
            ),
            { maxLength: 3 },
          ),
        ),
        hostileGroup,
        (describedFields, describedFilter) => {
          const [fields, filter] = [materialise(describedFields), materialise(describedFilter)];
          const issues = validateFilter(filter, fields as readonly FieldDefinition[]);
          assert.ok(Array.isArray(issues));
        },
      ),
      { numRuns: 500 },
    );
  });
});
