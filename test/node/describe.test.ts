import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFilter, type FilterGroup } from '../../src/core.ts';

test('a seller reads a two-rule filter as one sentence with field and operator labels', () => {
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'email', operator: 'endsWith', value: '@gmail.com' },
      { field: 'createdOn', operator: 'after', value: '2024-01-01' },
    ],
  };
  assert.equal(
    describeFilter(filter),
    'Email ends with @gmail.com and Created on is after 1 Jan 2024',
  );
});

test('days read with the operator menu’s words: "is on", "is before"', () => {
  const filter: FilterGroup = {
    combinator: 'or',
    rules: [
      { field: 'createdOn', operator: 'on', value: '2024-01-02' },
      { field: 'lastOrderOn', operator: 'on', value: '2026-11-28' },
      { field: 'firstOrderOn', operator: 'before', value: '2025-03-01' },
    ],
  };
  assert.equal(
    describeFilter(filter),
    'Created on is on 2 Jan 2024 or Last order on is on 28 Nov 2026 or ' +
      'First order on is before 1 Mar 2025',
  );
});

test('nested groups read in parentheses and a negated group as "not (…)"', () => {
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'city', operator: 'equals', value: 'Pune' },
      {
        combinator: 'or',
        rules: [
          { field: 'ordersCount', operator: 'gte', value: 3 },
          { field: 'tags', operator: 'hasAny', value: ['vip', 'gold'] },
        ],
      },
      {
        combinator: 'and',
        not: true,
        rules: [{ field: 'acceptsMarketing', operator: 'equals', value: false }],
      },
    ],
  };
  assert.equal(
    describeFilter(filter),
    'City is Pune and (Number of orders at least 3 or Tags has any of vip or gold) and ' +
      'not (Accepts marketing is no)',
  );
});

test('a negated top-level group wraps the whole sentence', () => {
  const filter: FilterGroup = {
    combinator: 'or',
    not: true,
    rules: [
      { field: 'state', operator: 'isEmpty' },
      { field: 'phone', operator: 'startsWith', value: '98' },
    ],
  };
  assert.equal(describeFilter(filter), 'not (State is empty or Phone starts with 98)');
});

test('money in paise reads as rupees and ranges read "between … and …"', () => {
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'totalSpent', operator: 'gt', value: 150000 },
      { field: 'totalSpent', operator: 'between', value: [99, 250050] },
      { field: 'lastOrderOn', operator: 'between', value: ['2026-01-05', '2026-02-28'] },
    ],
  };
  assert.equal(
    describeFilter(filter),
    'Total spent more than ₹1,500.00 and Total spent is between ₹0.99 and ₹2,500.50 and ' +
      'Last order on is between 5 Jan 2026 and 28 Feb 2026',
  );
});

test('relative periods, lists and tag sets read naturally', () => {
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'lastOrderOn', operator: 'inLast', value: { amount: 30, unit: 'days' } },
      { field: 'createdOn', operator: 'notInLast', value: { amount: 1, unit: 'months' } },
      { field: 'city', operator: 'in', value: ['Pune', 'Mumbai', 'Delhi'] },
      { field: 'tags', operator: 'hasAll', value: ['vip', 'gold'] },
      { field: 'tags', operator: 'hasNone', value: ['blocked'] },
    ],
  };
  assert.equal(
    describeFilter(filter),
    'Last order on is in the last 30 days and Created on is not in the last 1 month and ' +
      'City is one of Pune, Mumbai or Delhi and Tags has all of vip and gold and ' +
      'Tags has none of blocked',
  );
});

test('segment rules name predefined segments, and others through the lookup', () => {
  const filter: FilterGroup = {
    combinator: 'or',
    rules: [
      { field: 'segment', operator: 'in', value: ['top-10-spenders', 'seg-42'] },
      { field: 'segment', operator: 'notIn', value: ['seg-7'] },
    ],
  };
  const names: Record<string, string> = { 'seg-42': 'Diwali buyers' };
  assert.equal(
    describeFilter(filter, { segmentName: (id) => names[id] }),
    'Segment is in Top 10 High-Value Spenders or Diwali buyers or Segment is not in seg-7',
  );
});

test('an invalid filter still gets a best-effort sentence instead of an error', () => {
  const broken = {
    combinator: 'and',
    rules: [
      { field: 'shoeSize', operator: 'gte', value: 9 },
      { field: 'email', operator: 'sounds like', value: { weird: true } },
      { field: 'createdOn', operator: 'on', value: 'yesterday' },
      null,
      { field: 'totalSpent', operator: 'between', value: 'lots' },
    ],
  } as unknown as FilterGroup;
  assert.equal(
    describeFilter(broken),
    'shoeSize at least 9 and Email sounds like {"weird":true} and Created on is on yesterday and ' +
      'Total spent is between lots',
  );
  assert.equal(describeFilter(null as unknown as FilterGroup), 'All customers');
  assert.equal(describeFilter({ combinator: 'and', rules: [] }), 'All customers');
});

test('a nested group of one rule reads without parentheses', () => {
  const filter: FilterGroup = {
    combinator: 'and',
    rules: [
      { field: 'city', operator: 'equals', value: 'Pune' },
      { combinator: 'or', rules: [{ field: 'ordersCount', operator: 'gte', value: 3 }] },
    ],
  };
  assert.equal(describeFilter(filter), 'City is Pune and Number of orders at least 3');
});

test('a yes/no rule with a value that is not true or false shows the value, not "yes" or "no"', () => {
  // A stored filter edited by hand: the sentence must not claim a verdict it does not hold.
  const filter = {
    combinator: 'and',
    rules: [
      { field: 'acceptsMarketing', operator: 'equals', value: 'maybe' },
      { field: 'acceptsMarketing', operator: 'equals', value: 0 },
    ],
  } as unknown as FilterGroup;
  assert.equal(describeFilter(filter), 'Accepts marketing is maybe and Accepts marketing is 0');
});
