/**
 * SegmentError as the REST contract's error body (`{ code, message, issues? }`): `issues` is
 * there only when there are some, so a client never reads an empty list as "invalid".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SegmentError, isSegmentError } from '../../src/errors.ts';

test('the JSON body carries issues only when there are some', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(new SegmentError('not-found', 'No such segment.'))), {
    code: 'not-found',
    message: 'No such segment.',
  });
  const issue = { path: 'name', code: 'required', message: 'Name the segment.' };
  assert.deepEqual(new SegmentError('invalid', 'Name the segment.', { issues: [issue] }).toJSON(), {
    code: 'invalid',
    message: 'Name the segment.',
    issues: [issue],
  });
});

test('isSegmentError tells the code, and nothing else passes for one', () => {
  const error = new SegmentError('conflict', 'Changed meanwhile.');
  assert.equal(isSegmentError(error), true);
  assert.equal(isSegmentError(error, 'conflict'), true);
  assert.equal(isSegmentError(error, 'invalid'), false);
  assert.equal(isSegmentError({ code: 'conflict', message: 'x' }), false);
  assert.equal(isSegmentError(new Error('conflict')), false);
});
