/**
 * `npm run bench` must not pass by accident: a missing figure, a progress goal without enough
 * events, or two sides that computed different answers are misses, and the run exits non-zero.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSection, meetsGoal, missedGoals, type BenchRow } from '../../bench/harness.ts';

const row = (fields: Partial<BenchRow>): BenchRow => ({
  name: 'x',
  value: 10,
  unit: 'ms',
  goal: { max: 100 },
  ...fields,
});

test('a figure that is missing, NaN or infinite is a miss, with or without a goal', () => {
  assert.equal(meetsGoal(row({})), true);
  for (const value of [NaN, Infinity, undefined as unknown as number]) {
    assert.equal(meetsGoal(row({ value })), false, String(value));
    assert.equal(meetsGoal(row({ value, goal: undefined })), false, String(value));
  }
  assert.equal(meetsGoal(row({ goal: undefined })), undefined);
  assert.equal(
    meetsGoal(row({ baseline: { name: 'b', value: NaN }, goal: { maxRatio: 2 } })),
    false,
  );
  assert.equal(meetsGoal(row({ baseline: { name: 'b', value: 0 }, goal: { maxRatio: 2 } })), false);
  assert.equal(meetsGoal(row({ goal: { maxRatio: 2 } })), false, 'a ratio goal needs a baseline');
  assert.equal(
    meetsGoal(row({ baseline: { name: 'b', value: 20 }, goal: { maxRatio: 0.5 } })),
    true,
  );
  assert.equal(
    meetsGoal(row({ baseline: { name: 'b', value: 19 }, goal: { maxRatio: 0.5 } })),
    false,
  );
});

test('a progress-gap goal with fewer than 10 progress events is a miss', () => {
  const gap = (count: number) =>
    row({ value: 0, evidence: { what: 'progress events', count, min: 10 } });
  assert.equal(meetsGoal(gap(0)), false);
  assert.equal(meetsGoal(gap(9)), false);
  assert.equal(meetsGoal(gap(10)), true);
  assert.match(formatSection({ title: 't', rows: [gap(3)] }), /MISSED/);
});

test('when the two sides disagree, no time is printed and the section is missed', () => {
  const section = {
    title: 'CSV',
    rows: [row({ value: 5 })],
    checks: [
      { name: 'rows', ours: 999_999, expected: 1_000_000 },
      { name: 'header', ours: 1, expected: 1 },
    ],
  };
  assert.equal(missedGoals(section), 1);
  const printed = formatSection(section);
  assert.match(printed, /check rows: DIFFERENT/);
  assert.doesNotMatch(printed, /5 ms/);
  assert.equal(missedGoals({ ...section, checks: [section.checks[1]!] }), 0);
  assert.equal(missedGoals({ title: 't', rows: [row({ value: 500 }), row({})] }), 1);
});
