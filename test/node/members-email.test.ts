// addMembers' email check: exactly what the loose regex it replaced accepted, in linear time
// (the regex backtracked quadratically: five crafted 50 kB addresses blocked the page for 8 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkProperty } from './helpers/seeds.ts';
import { checkContacts, looksLikeEmail } from '../../src/segments/contacts.ts';
import { isSegmentError } from '../../src/errors.ts';

const LOOSE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

test('accepts exactly what /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/ accepts', () => {
  const text = fc.stringMatching(/^[a@. \t\u00a0é-]{0,12}$/);
  checkProperty(
    fc.property(text, (candidate) => {
      assert.equal(looksLikeEmail(candidate), LOOSE.test(candidate), JSON.stringify(candidate));
    }),
    { numRuns: 20_000 },
  );
  for (const [candidate, ok] of [
    ['a@b.c', true],
    ['a@.b.c', true], // a dot after "@" with text before it: ".b" then "c"
    ['a@b.', false],
    ['a@.b', false],
    ['@b.c', false],
    ['a@b@c.d', false],
    ['a b@c.d', false],
    ['a@b..', true],
  ] as const) {
    assert.equal(looksLikeEmail(candidate), ok, candidate);
    assert.equal(LOOSE.test(candidate), ok, `the regex on ${candidate}`);
  }
});

test('crafted megabyte emails are checked in linear time', { timeout: 30_000 }, async () => {
  // The regex needs minutes for these; a linear check needs milliseconds.
  const crafted = Array.from({ length: 5 }, (_, i) => ({
    email: `${i}@` + 'a.'.repeat(500_000) + '@',
  }));
  const error = await checkContacts(crafted, 'IN').catch((caught: unknown) => caught);
  assert.ok(isSegmentError(error, 'invalid'));
  const [long] = await checkContacts([{ email: `x@${'a.'.repeat(500_000)}in` }], 'IN');
  assert.equal(long.email?.length, 1_000_004);
});

test('a batch is kept in stored form: E.164 phones, trimmed lower-case emails', async () => {
  const contacts = await checkContacts(
    [
      { phone: ' 098765 43210 ', email: '  Asha.Rao@Example.COM ' },
      { phone: '१२३', email: 'ÖZIL@MAIL.DE' },
      { phone: '+91 91234-56789', email: 'not an email' },
      { email: 'ravi@shop.in' },
    ],
    'IN',
  );
  assert.deepEqual(contacts, [
    { phone: '+919876543210', email: 'asha.rao@example.com' },
    { email: 'özil@mail.de' },
    { phone: '+919123456789' },
    { email: 'ravi@shop.in' },
  ]);
  const error = await checkContacts(
    [{ email: 'a@b.in' }, { phone: '12', email: 'x@y' }, {}],
    'IN',
  ).catch((caught: unknown) => caught);
  assert.ok(isSegmentError(error, 'invalid'));
  assert.deepEqual(
    error.issues.map((i) => `${i.path} ${i.code}`),
    ['batch.1 no-contact', 'batch.2 no-contact'],
  );
});
