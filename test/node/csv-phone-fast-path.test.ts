// The Indian-number fast path must give exactly libphonenumber-js's answer: compared here with
// libphonenumber-js/max called directly, over generated and exhaustive inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { indianNumberFastPath, normalisePhone, tooShortForIndia } from '../../src/phone.ts';
import { checkProperty } from './helpers/seeds.ts';

/** What normalisePhone answered before the fast path existed. */
function libphonenumber(text: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text.trim(), 'IN');
  return parsed?.isValid() ? parsed.number : undefined;
}

const digit = fc.constantFrom(...'0123456789');
const separator = fc.constantFrom(' ', '-', '  ', ' - ', '');
const prefix = fc.constantFrom(
  '',
  '+91',
  '+91 ',
  '+91-',
  '91',
  '91 ',
  '0',
  '0 ',
  '+',
  '00',
  '+910',
  '9',
);

/** Phone-like text: a prefix, then digits (mostly ten) in groups with separators between. */
const phoneLike = fc
  .tuple(
    prefix,
    fc.array(digit, { minLength: 8, maxLength: 13 }),
    fc.array(fc.tuple(fc.nat(12), separator), { maxLength: 3 }),
  )
  .map(([start, digits, cuts]) => {
    const chars = [...digits];
    for (const [at, sep] of cuts.sort((a, b) => b[0] - a[0])) chars.splice(at, 0, sep);
    return start + chars.join('');
  });

test('for generated phone-like text the fast path agrees with libphonenumber whenever it answers', () => {
  checkProperty(
    fc.property(phoneLike, (text) => {
      const fast = indianNumberFastPath(text);
      if (fast !== undefined) assert.equal(fast, libphonenumber(text), text);
      assert.equal(normalisePhone(text), libphonenumber(text), text);
    }),
    { numRuns: 20_000 },
  );
});

test('every five-digit mobile prefix 60000–99999, in every common shape, matches libphonenumber', () => {
  let answered = 0;
  let checked = 0;
  for (let start = 60_000; start <= 99_999; start++) {
    const rest = String((start * 7919) % 100_000).padStart(5, '0');
    const national = `${start}${rest}`;
    const shapes = commonShapes(national);
    const text = shapes[start % shapes.length];
    const fast = indianNumberFastPath(text);
    checked++;
    if (fast !== undefined) {
      answered++;
      assert.equal(fast, libphonenumber(text), text);
    } else {
      assert.equal(libphonenumber(text), undefined, `${text}: valid, but the fast path passed`);
    }
  }
  assert.equal(checked, 40_000);
  assert.ok(answered > 39_000, `the fast path answered ${answered} of ${checked}`);
});

test('every four-digit mobile prefix 6000–9999 in all seven shapes matches libphonenumber', () => {
  for (let start = 6000; start <= 9999; start++) {
    const national = `${start}${String((start * 104_729) % 1_000_000).padStart(6, '0')}`;
    for (const text of commonShapes(national)) {
      assert.equal(normalisePhone(text), libphonenumber(text), text);
    }
  }
});

test('the four ways from the issue are answered by the fast path itself', () => {
  for (const text of ['98765 43210', '+91-98765-43210', '09876543210', '919876543210']) {
    assert.equal(indianNumberFastPath(text), '+919876543210', text);
  }
});

test('shapes the fast path does not know are left to libphonenumber, with its answers', () => {
  for (const text of [
    '(0) 98765 43210',
    '+91 (98765) 43210',
    '0091 98765 43210',
    '98765.43210',
    '+1 415 555 2671',
    '022 2345 6789',
    '1800 123 4567',
    '5876543210',
    '98765 4321',
    'call 98765 43210',
  ]) {
    assert.equal(indianNumberFastPath(text), undefined, text);
    assert.equal(normalisePhone(text), libphonenumber(text), text);
  }
});

test('every number of one to five digits is judged as libphonenumber judges it', () => {
  let ruledOut = 0;
  for (let digits = 1; digits <= 5; digits++) {
    for (let n = 0; n < 10 ** digits; n++) {
      const text = String(n).padStart(digits, '0');
      if (tooShortForIndia(text)) {
        ruledOut++;
        assert.equal(libphonenumber(text), undefined, `${text}: valid, but ruled out`);
      }
      if (n % 7 === 0) assert.equal(normalisePhone(text), libphonenumber(text), text);
    }
  }
  // Everything without a leading 0: 9 + 90 + 900 + 9,000 + 90,000.
  assert.equal(ruledOut, 99_999);
});

/** Short numbers as exports truncate them, and numbers split by a comma ("98765, 43210"). */
const shortOrSplit = fc
  .tuple(
    fc.constantFrom('', '0', '1', '9', '91', '7', '1800', '1800 '),
    fc.array(digit, { minLength: 1, maxLength: 8 }),
    fc.array(fc.tuple(fc.nat(8), fc.constantFrom(' ', '-', '  ', ' - ')), { maxLength: 2 }),
    fc.constantFrom('', ',', ', ', ',,', ' ,', ',-', ';'),
    fc.stringMatching(/^[0-9 ,-]{0,14}$/),
  )
  .map(([start, digits, cuts, comma, tail]) => {
    const chars = [...digits];
    for (const [at, sep] of cuts.sort((a, b) => b[0] - a[0])) chars.splice(at, 0, sep);
    return start + chars.join('') + (comma ? comma + tail : '');
  });

test('short and comma-split numbers ruled out without libphonenumber are ones it rejects', () => {
  let ruledOut = 0;
  checkProperty(
    fc.property(shortOrSplit, (text) => {
      if (tooShortForIndia(text)) {
        ruledOut++;
        assert.equal(libphonenumber(text), undefined, `${text}: valid, but ruled out`);
      }
      assert.equal(normalisePhone(text), libphonenumber(text), text);
    }),
    { numRuns: 20_000 },
  );
  assert.ok(ruledOut > 2_000, `only ${ruledOut} ruled out`);
  for (const text of ['7000019', '70000, 19970', '98765, 43210', '1800123']) {
    assert.equal(tooShortForIndia(text), true, text);
  }
  for (const text of ['98765 43210, 123', '9876543210', '+9170000', '0700001', '7000019 ,1']) {
    assert.equal(tooShortForIndia(text), false, text);
  }
  assert.equal(normalisePhone('98765 43210, 123'), libphonenumber('98765 43210, 123'));
});

/** The seven ways sellers' sheets write an Indian mobile number. */
function commonShapes(national: string): string[] {
  const split = `${national.slice(0, 5)} ${national.slice(5)}`;
  return [
    national,
    `0${national}`,
    `91${national}`,
    `+91${national}`,
    `+91-${national.slice(0, 5)}-${national.slice(5)}`,
    split,
    `+91 ${split}`,
  ];
}
