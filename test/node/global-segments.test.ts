/**
 * Platform-wide segments as a host gives them, checked by the rule every adapter and the
 * reference backend share before one is ever listed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SegmentError } from '../../src/core.ts';
import { checkGlobalSegments } from '../../src/segments/rules.ts';

const PUNE = { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] };

/** `depth` groups, one inside the other, around one condition. */
function nested(depth: number): unknown {
  let filter: unknown = PUNE.rules[0];
  for (let i = 0; i < depth; i++) filter = { combinator: 'and', rules: [filter] };
  return filter;
}

function refusal(segments: unknown): SegmentError {
  try {
    checkGlobalSegments(segments);
  } catch (error) {
    assert.ok(error instanceof SegmentError);
    assert.equal(error.code, 'invalid');
    return error;
  }
  assert.fail('expected the segments to be refused');
}

describe('global segments a host gives', () => {
  test('takes valid ones, five levels deep included, and none at all', () => {
    const given = [
      { id: 'pune', name: 'Pune', filter: PUNE },
      { id: 'deep', name: 'पुणे (गहरा)', filter: nested(5) },
    ];
    assert.deepEqual(checkGlobalSegments(given), given);
    assert.deepEqual(checkGlobalSegments([]), []);
  });

  test('refuses a filter nested past the limit, naming where', () => {
    const error = refusal([
      { id: 'ok', name: 'Fine', filter: PUNE },
      { id: 'deep', name: 'Deep', filter: nested(1_000) },
    ]);
    assert.deepEqual(
      error.issues.map((i) => [i.path.split('.').slice(0, 2).join('.'), i.code]),
      [['1.filter', 'too-deep']],
    );
  });

  test('refuses missing, repeated or path-breaking ids, bad names and missing filters', () => {
    const error = refusal([
      { id: 'a', name: 'A', filter: PUNE },
      { id: 'a', name: 'A again', filter: PUNE },
      { id: '..', name: 'Up', filter: PUNE },
      { id: 'x/y', name: 'Slash', filter: PUNE },
      { name: 'No id', filter: PUNE },
      { id: 'blank', name: '   ', filter: PUNE },
      { id: 'long', name: 'x'.repeat(101), filter: PUNE },
      { id: 'none', name: 'No filter' },
      null,
    ]);
    const seen = error.issues.map((i) => `${i.path} ${i.code}`);
    for (const expected of [
      '1.id duplicate-id',
      '2.id invalid-id',
      '3.id invalid-id',
      '4.id invalid-id',
      '5.name required',
      '6.name too-long',
      '8.id invalid-id',
    ]) {
      assert.ok(seen.includes(expected), `${expected} in ${seen.join(', ')}`);
    }
    assert.ok(
      seen.some((s) => s.startsWith('7.filter')),
      seen.join(', '),
    );
    assert.equal(refusal('pune').issues[0]!.code, 'not-a-list');
  });
});
