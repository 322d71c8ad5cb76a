/**
 * explainFilter: for one customer, every rule and group with its verdict and the value it read.
 * The property test draws on the differential test's generators: the explanation's verdict is
 * compileFilter's for every store and filter, and so is each group's and each rule's verdict
 * when that group or rule is compiled on its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compileFilter,
  explainFilter,
  isSegmentError,
  type Customer,
  type FilterGroup,
  type FilterRule,
  type GroupExplanation,
  type RuleExplanation,
} from '../../src/core.ts';
import {
  SCENARIOS,
  filterArbitrary,
  segmentLookup,
  storeArbitrary,
} from './helpers/filter-arbitraries.ts';
import { checkProperty } from './helpers/seeds.ts';

const customer = (id: string, fields: Partial<Customer> = {}): Customer => ({
  id,
  createdAt: '2024-06-01T10:00:00Z',
  ordersCount: 0,
  totalSpent: 0,
  ...fields,
});
const all = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const any = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'or', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule =>
  value === undefined ? { field, operator } : { field, operator, value };

/** The rule explanations in reading order, as [path, matched, value]. */
function rules(explanation: GroupExplanation): [string, boolean, unknown][] {
  return explanation.children.flatMap((child) =>
    child.kind === 'group' ? rules(child) : [[child.path, child.matched, child.value]],
  );
}

/** The node of the filter a path names ('' = the filter, 'rules.1.rules.0' …). */
function nodeAt(filter: FilterGroup, path: string): FilterGroup | FilterRule {
  let node: FilterGroup | FilterRule = filter;
  for (const index of path.match(/\d+/g) ?? []) node = (node as FilterGroup).rules[Number(index)]!;
  return node;
}

function everyNode(
  explanation: GroupExplanation,
  visit: (node: GroupExplanation | RuleExplanation) => void,
) {
  visit(explanation);
  for (const child of explanation.children) {
    if (child.kind === 'group') everyNode(child, visit);
    else visit(child);
  }
}

describe('why a customer is in or out', () => {
  test('a customer created on 2 Mar 2024 is out of "created after 1 Jan 2025", and the date read is shown', () => {
    const asha = customer('asha', { name: 'Asha', createdAt: '2024-03-02T08:00:00Z' });
    const why = explainFilter(all(rule('createdOn', 'after', '2025-01-01')), asha);
    assert.equal(why.matched, false);
    const [only] = why.children as RuleExplanation[];
    assert.equal(only!.path, 'rules.0');
    assert.deepEqual(only!.rule, rule('createdOn', 'after', '2025-01-01'));
    assert.equal(only!.value, '2024-03-02T08:00:00Z');
    assert.equal(only!.day, '2024-03-02');
  });

  test('the day a date rule compares is the calendar day in the evaluation time zone', () => {
    // 20:00 UTC on 1 Jan is already 2 Jan in Kolkata (UTC+05:30): "on 2 Jan" holds there only.
    const late = customer('late', { createdAt: '2024-01-01T20:00:00Z' });
    const filter = all(rule('createdOn', 'on', '2024-01-02'));
    const inKolkata = explainFilter(filter, late, { timeZone: 'Asia/Kolkata' });
    const inUtc = explainFilter(filter, late, { timeZone: 'UTC' });
    assert.equal(inKolkata.matched, true);
    assert.equal((inKolkata.children[0] as RuleExplanation).day, '2024-01-02');
    assert.equal(inUtc.matched, false);
    assert.equal((inUtc.children[0] as RuleExplanation).day, '2024-01-01');
  });

  test('at a fixed "now", each time zone and default country is explained in its own terms', () => {
    // With `now` fixed the resolved filter is kept between calls: never for another zone/country.
    const now = '2024-01-05T00:00:00Z';
    const late = customer('late', { createdAt: '2024-01-01T20:00:00Z', phone: '+14155552671' });
    const onJan2 = all(rule('createdOn', 'on', '2024-01-02'));
    assert.equal(explainFilter(onJan2, late, { now, timeZone: 'Asia/Kolkata' }).matched, true);
    assert.equal(explainFilter(onJan2, late, { now, timeZone: 'UTC' }).matched, false);
    const national = all(rule('phone', 'equals', '(415) 555-2671'));
    assert.equal(explainFilter(national, late, { now, defaultCountry: 'US' }).matched, true);
    // Read as an Indian number it is some other number, not this customer's.
    assert.equal(explainFilter(national, late, { now, defaultCountry: 'IN' }).matched, false);
  });

  test('at a fixed "now", a segment lookup is asked again on every call (members change)', () => {
    const now = '2024-01-05T00:00:00Z';
    let members = new Set(['asha']);
    const segments = (id: string) => (id === 'upload' ? { memberIds: members } : undefined);
    const filter = all(rule('segment', 'in', ['upload']));
    const asha = customer('asha');
    assert.equal(explainFilter(filter, asha, { now, segments }).matched, true);
    members = new Set(['ravi']);
    assert.equal(explainFilter(filter, asha, { now, segments }).matched, false);
  });

  test('the last second before midnight and midnight itself fall on different days', () => {
    const filter = all(rule('createdOn', 'before', '2024-03-01'));
    const before = customer('a', { createdAt: '2024-02-29T23:59:59Z' });
    const midnight = customer('b', { createdAt: '2024-03-01T00:00:00Z' });
    assert.equal(explainFilter(filter, before).matched, true);
    assert.equal(explainFilter(filter, midnight).matched, false);
  });

  test('a NOT group is out when its rules match, and says so at both levels', () => {
    const filter = all(rule('ordersCount', 'gte', 1), {
      combinator: 'or',
      not: true,
      rules: [rule('city', 'equals', 'pune')],
    });
    const why = explainFilter(filter, customer('c', { city: 'PUNE', ordersCount: 3 }));
    assert.equal(why.matched, false);
    const group = why.children[1] as GroupExplanation;
    assert.equal(group.not, true);
    assert.equal(group.matched, false);
    assert.deepEqual(rules(why), [
      ['rules.0', true, 3],
      ['rules.1.rules.0', true, 'PUNE'],
    ]);
  });

  test('text compares with case folded beyond ASCII, phones in E.164, missing values per operator', () => {
    const müller = customer('m', { name: 'MÜLLER', phone: '+919876543210' });
    const filter = any(
      rule('name', 'contains', 'müller'),
      rule('phone', 'equals', '98765 43210'),
      rule('email', 'notContains', 'x'),
      rule('email', 'contains', 'x'),
      rule('city', 'isEmpty'),
    );
    const why = explainFilter(filter, müller, { defaultCountry: 'IN' });
    assert.deepEqual(rules(why), [
      ['rules.0', true, 'MÜLLER'],
      ['rules.1', true, '+919876543210'],
      ['rules.2', true, undefined],
      ['rules.3', false, undefined],
      ['rules.4', true, undefined],
    ]);
  });

  test('a segment rule names the segments among those listed that hold the customer', () => {
    const lookup = (id: string) =>
      id === 'vip-list'
        ? { memberIds: new Set(['k']) }
        : id === 'pune'
          ? { filter: all(rule('city', 'equals', 'Pune')) }
          : undefined;
    const kiran = customer('k', { city: 'Mumbai', ordersCount: 1, totalSpent: 100 });
    const inRule = all(rule('segment', 'in', ['pune', 'vip-list', 'pune']));
    const why = explainFilter(inRule, kiran, { segments: lookup });
    assert.equal(why.matched, true);
    assert.deepEqual((why.children[0] as RuleExplanation).value, ['vip-list']);
    const notIn = explainFilter(all(rule('segment', 'notIn', ['vip-list'])), kiran, {
      segments: lookup,
    });
    assert.equal(notIn.matched, false);
    assert.deepEqual((notIn.children[0] as RuleExplanation).value, ['vip-list']);
  });

  test('an invalid filter or an empty group is refused as compileFilter refuses it', () => {
    for (const bad of [all(), all(rule('nope', 'equals', 'x')), { combinator: 'xor', rules: [] }]) {
      assert.throws(
        () => explainFilter(bad, customer('x')),
        (error: unknown) => isSegmentError(error) && error.code === 'invalid',
      );
    }
  });
});

test('the verdict of the explanation and of each group and rule in it is compileFilter’s', () => {
  let customers = 0;
  const cases = fc.constantFrom(...SCENARIOS).chain((scenario) =>
    fc.record({
      scenario: fc.constant(scenario),
      store: storeArbitrary(scenario),
      filters: fc.array(filterArbitrary(scenario), { minLength: 5, maxLength: 5 }),
    }),
  );
  checkProperty(
    fc.property(cases, ({ scenario, store, filters }) => {
      const ctx = { ...scenario.ctx, segments: segmentLookup(store) };
      for (const filter of filters) {
        const whole = compileFilter(filter, ctx);
        for (const person of store.customers) {
          const why = explainFilter(filter, person, ctx);
          assert.equal(why.matched, whole(person), JSON.stringify({ filter, person }));
          // Without a segment lookup, one resolution serves customer after customer.
          if (!JSON.stringify(filter).includes('"segment"')) {
            const again = explainFilter(filter, person, scenario.ctx);
            assert.equal(again.matched, whole(person), `kept plan: ${JSON.stringify(filter)}`);
          }
          everyNode(why, (node) => {
            const part = nodeAt(filter, node.path);
            const alone = 'rules' in part ? part : all(part);
            assert.equal(node.matched, compileFilter(alone, ctx)(person), node.path);
          });
          customers++;
        }
      }
    }),
    { numRuns: 25 },
  );
  assert.ok(customers > 1000, `only ${customers} customers explained`);
});
