// The typed-array sets that remember accepted phones and emails must behave exactly like a Set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EmailSet, PhoneSet } from '../../src/csv/dedupe.ts';
import { checkProperty } from './helpers/seeds.ts';

test('PhoneSet answers like a Set for any sequence of lookups and additions', () => {
  const phone = fc
    .tuple(
      fc.constantFrom('+91', '+1', '+44', '+971'),
      fc.integer({ min: 1_000_000, max: 99_999_999_999 }),
    )
    .map(([code, digits]) => `${code}${digits}`);
  checkProperty(
    fc.property(fc.array(fc.tuple(fc.boolean(), phone), { maxLength: 300 }), (steps) => {
      const ours = new PhoneSet();
      const model = new Set<string>();
      for (const [addFirst, value] of steps) {
        if (!addFirst) assert.equal(ours.has(value), model.has(value), value);
        assert.equal(ours.add(value), !model.has(value), value);
        model.add(value);
        assert.equal(ours.has(value), true);
      }
    }),
  );
});

test('EmailSet answers like a Set, also across its growth and for near-identical addresses', () => {
  const email = fc
    .tuple(
      fc.stringMatching(/^[a-z0-9.+_-]{1,12}$/),
      fc.constantFrom('example.com', 'example.in', 'x.co'),
    )
    .map(([local, domain]) => `${local}@${domain}`);
  checkProperty(
    fc.property(fc.array(email, { maxLength: 300 }), (values) => {
      const ours = new EmailSet();
      const model = new Set<string>();
      for (const value of values) {
        assert.equal(ours.has(value), model.has(value), value);
        assert.equal(ours.add(value), !model.has(value), value);
        model.add(value);
      }
    }),
  );
});

test('a million accepted phones and emails are all remembered, and only those', () => {
  const phones = new PhoneSet();
  const emails = new EmailSet();
  for (let i = 0; i < 1_000_000; i++) {
    assert.equal(phones.add(`+91${7_000_000_000 + i * 1997}`), true);
    assert.equal(emails.add(`customer${i}@example.com`), true);
  }
  for (let i = 0; i < 1_000_000; i += 997) {
    assert.equal(phones.has(`+91${7_000_000_000 + i * 1997}`), true);
    assert.equal(phones.has(`+91${7_000_000_001 + i * 1997}`), false);
    assert.equal(emails.has(`customer${i}@example.com`), true);
    assert.equal(emails.has(`customer${i}@example.co`), false);
  }
  assert.equal(phones.add('+917000000000'), false);
  assert.equal(emails.add('customer999999@example.com'), false);
});

test('room reserved up front (or too little of it) loses nothing', () => {
  for (const reserve of [0, 10, 50_000]) {
    const phones = new PhoneSet();
    const emails = new EmailSet();
    phones.add('+919876543210');
    emails.add('first@example.com');
    phones.reserve(reserve);
    emails.reserve(reserve);
    for (let i = 0; i < 20_000; i++) {
      phones.add(`+91${8_000_000_000 + i}`);
      emails.add(`c${i}@example.com`);
    }
    assert.equal(phones.has('+919876543210'), true, `reserve ${reserve}`);
    assert.equal(emails.has('first@example.com'), true, `reserve ${reserve}`);
    assert.equal(phones.has('+918000019999'), true);
    assert.equal(emails.has('c19999@example.com'), true);
    assert.equal(emails.has('c20000@example.com'), false);
  }
});

test('EmailSet gives the same answers when addresses are prepared ahead, in any interleaving', () => {
  const email = fc.constantFrom('a@x.co', 'b@x.co', 'ab@x.co', 'c@example.in', 'a@x.com');
  const step = fc.tuple(fc.constantFrom('prepare', 'has', 'add'), email);
  checkProperty(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const ours = new EmailSet();
      const model = new Set<string>();
      for (const [action, value] of steps) {
        if (action === 'prepare') ours.prepare(value);
        else if (action === 'has') assert.equal(ours.has(value), model.has(value), value);
        else {
          assert.equal(ours.add(value), !model.has(value), value);
          model.add(value);
        }
      }
      for (const value of model) assert.equal(ours.has(value), true, value);
    }),
    { numRuns: 2_000 },
  );
});
