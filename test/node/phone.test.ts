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

test('a number written in the digits of any script reads as the same number', () => {
  // The zero of each script's digits; the other nine follow it in order.
  const zeros = {
    Devanagari: 0x0966,
    'Arabic-Indic': 0x0660,
    'Extended Arabic-Indic': 0x06f0,
    Bengali: 0x09e6,
    Gujarati: 0x0ae6,
    Tamil: 0x0be6,
    Telugu: 0x0c66,
    fullwidth: 0xff10,
    'mathematical bold': 0x1d7ce,
    'mathematical monospace': 0x1d7f6,
  };
  const inScript = (ascii: string, zero: number) =>
    ascii.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
  for (const [script, zero] of Object.entries(zeros)) {
    for (const raw of ['98765 43210', '+91 98765-43210', '09876543210']) {
      assert.equal(normalisePhone(inScript(raw, zero)), '+919876543210', `${script}: ${raw}`);
    }
    // Every digit, not only those of one number.
    assert.equal(normalisePhone(inScript('+44 20 7946 0018', zero)), '+442079460018', script);
  }
  // Mixed scripts in one number read alike too; letters stay letters.
  assert.equal(normalisePhone('९८७६५ 43210'), '+919876543210');
  assert.equal(normalisePhone('९८७६५ ४३२१x'), undefined);
});
