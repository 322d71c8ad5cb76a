// The email check of an import is written out by hand for speed: it must accept and reject exactly
// what the documented pattern does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkEmail, unneutralise } from '../../src/csv/rows.ts';
import { checkProperty } from './helpers/seeds.ts';

/**
 * What checkEmail accepted before the hand-written check: trim, drop a formula guard's apostrophe,
 * lower-case, check the lengths and the pattern.
 */
function reference(cell: string): string | undefined {
  const text = unneutralise(cell.trim()).toLowerCase();
  const at = text.indexOf('@');
  return text.length <= 254 && at > 0 && at <= 64 && PATTERN.test(text) ? text : undefined;
}

const PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const piece = fc.oneof(
  {
    arbitrary: fc.constantFrom('a', 'Z', 'q', '0', '9', 'x-y', 'com', 'co', 'in', 'Org'),
    weight: 8,
  },
  { arbitrary: fc.constantFrom('-', '.', '..', '@', '_', '+', '!', '~', '`', '{', "'"), weight: 2 },
  { arbitrary: fc.constantFrom(' ', '"', '(', ',', '[', 'é', '\u212a', '\u0130', '\t'), weight: 1 },
  {
    arbitrary: fc.constantFrom('a'.repeat(61), 'b'.repeat(62), 'c'.repeat(63), 'd'.repeat(64)),
    weight: 1,
  },
);
/** Address-like text: a local part, "@", and dot-separated labels, each made of odd pieces. */
const addressLike = fc
  .tuple(
    fc.array(piece, { maxLength: 4 }),
    fc.constantFrom('@', '@', '', '@@'),
    fc.array(fc.array(piece, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  )
  .map(([local, at, labels]) => local.join('') + at + labels.map((l) => l.join('')).join('.'));

/** Text close to a real address, where most mistakes are one character away. */
const plausible = fc
  .tuple(
    fc.stringMatching(/^ ?[a-zA-Z0-9!#'+_.-]{1,12}$/),
    fc.stringMatching(/^(?:[a-zA-Z0-9-]{1,10}\.){1,3}[a-zA-Z0-9]{1,4} ?$/),
  )
  .map(([local, domain]) => `${local}@${domain}`);

test('generated address-like text is accepted exactly when the documented pattern accepts it', () => {
  let accepted = 0;
  checkProperty(
    fc.property(fc.oneof(addressLike, plausible), (cell) => {
      const expected = reference(cell);
      if (expected !== undefined) accepted++;
      assert.equal(checkEmail(cell).value, expected, JSON.stringify(cell));
    }),
    { numRuns: 50_000 },
  );
  // The generator must reach both answers, or the comparison proves little.
  assert.ok(accepted > 1_000, `only ${accepted} accepted`);
});

test('addresses a seller would type are judged as the pattern judges them', () => {
  const cases: [string, string | undefined][] = [
    [' Aarav.Sharma12@Example.COM ', 'aarav.sharma12@example.com'],
    ['meera@mail.example.co.in', 'meera@mail.example.co.in'],
    ["o'neil+tag@x-y.example.org", "o'neil+tag@x-y.example.org"],
    ['rohan at example.com', undefined],
    ['.rohan@example.com', undefined],
    ['rohan.@example.com', undefined],
    ['ro..han@example.com', undefined],
    ['rohan@example', undefined],
    ['rohan@-example.com', undefined],
    ['rohan@example-.com', undefined],
    ['rohan@example.c0m', undefined],
    ['rohan@example.c', undefined],
    ['rohan@example..com', undefined],
    ['rohan@exa_mple.com', undefined],
    ['rohan@123.com', 'rohan@123.com'],
    [`rohan@${'a'.repeat(63)}.com`, `rohan@${'a'.repeat(63)}.com`],
    [`rohan@${'a'.repeat(64)}.com`, undefined],
    [`rohan@example.${'a'.repeat(63)}`, `rohan@example.${'a'.repeat(63)}`],
    [`rohan@example.${'a'.repeat(64)}`, undefined],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
    [`${'a'.repeat(65)}@example.com`, undefined],
  ];
  for (const [cell, expected] of cases) {
    assert.equal(reference(cell), expected, `reference: ${cell}`);
    assert.equal(checkEmail(cell).value, expected, cell);
  }
});
