import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePhone } from '../../src/core.ts';

test('Indian numbers written the usual ways all become one E.164 number', () => {
  for (const raw of ['98765 43210', '+91-98765-43210', '09876543210', '919876543210']) {
    assert.equal(normalisePhone(raw), '+919876543210', raw);
  }
});

test('a number a spreadsheet turned into scientific notation is not a phone', () => {
  assert.equal(normalisePhone('9.87654321E+09'), undefined);
});

test('the default country decides how a national number is read', () => {
  assert.equal(normalisePhone('(415) 555-2671', 'US'), '+14155552671');
});
