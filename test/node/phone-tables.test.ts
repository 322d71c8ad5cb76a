// src/phone-tables.ts lets phones be checked without loading libphonenumber-js; it must say
// exactly what the installed libphonenumber-js says (regenerate it after an upgrade:
// node scripts/generate-phone-tables.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { countryCallingCode, isSupportedCountry } from '../../src/phone.ts';
import { INDIAN_TEN_DIGIT_PATTERN } from '../../src/phone-tables.ts';

test('every country libphonenumber-js supports, with its calling code, and no other', () => {
  for (const country of getCountries()) {
    assert.equal(countryCallingCode(country), getCountryCallingCode(country), country);
    assert.equal(isSupportedCountry(country), true, country);
  }
  for (const other of ['XX', 'in', 'UK', '', 'IND', 'EU']) {
    assert.equal(isSupportedCountry(other), false, other);
    assert.equal(countryCallingCode(other), undefined, other);
  }
});

test("the Indian ten-digit pattern is built from libphonenumber-js's own metadata", () => {
  const metadata = new Metadata() as unknown as {
    selectNumberingPlan(country: string): void;
    numberingPlan: {
      nationalNumberPattern(): string;
      type(
        name: string,
      ): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
    };
  };
  metadata.selectNumberingPlan('IN');
  const plan = metadata.numberingPlan;
  const types = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP']
    .concat(['PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'])
    .map((name) => plan.type(name))
    .filter(
      (type) =>
        type?.pattern() && (!type.possibleLengths() || type.possibleLengths()!.includes(10)),
    )
    .map((type) => `(?:${type!.pattern()})`);
  assert.equal(
    INDIAN_TEN_DIGIT_PATTERN,
    `(?=(?:${plan.nationalNumberPattern()})$)(?:${types.join('|')})$`,
  );
});
