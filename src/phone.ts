import type * as Libphonenumber from 'libphonenumber-js/max';
import { PLUS, COMMA, SPACE, DASH, ZERO, SIX, NINE, ONE } from './char-codes.ts';
import { LazyLibrary } from './lazy-library.ts';
import { COUNTRY_CALLING_CODES, INDIAN_TEN_DIGIT_PATTERN } from './phone-tables.ts';

/**
 * libphonenumber-js (with its full metadata, ≈ 190 kB minified), loaded only when a phone number
 * must be parsed: a number the Indian fast path below cannot decide. The CSV worker bundles it.
 */
export const phoneLibrary = new LazyLibrary(
  'libphonenumber-js',
  () => import('libphonenumber-js/max'),
  (required) => required as typeof Libphonenumber,
  'libphonenumber-js/max',
);

/**
 * Loads what reading any phone number needs. The elements and adapters do it themselves when a
 * phone must be parsed; a host calling normalisePhone, validateFilter, compileFilter or
 * filterToSql synchronously in a browser awaits it once first (in Node nothing is needed).
 */
export async function loadPhoneSupport(): Promise<void> {
  await phoneLibrary.load();
}

/**
 * A phone number in E.164 ("+919876543210"), or undefined when the text is not a valid number
 * for the default country. One function for filters, imports and CSV so they never disagree.
 * In a browser, a number the Indian fast path cannot decide needs loadPhoneSupport() first
 * (a SegmentError 'unavailable' says so otherwise).
 */
export function normalisePhone(raw: string, defaultCountry = 'IN'): string | undefined {
  const text = asciiDigits(raw.trim());
  if (!text) return undefined;
  if (defaultCountry === 'IN') {
    const fast = indianNumberFastPath(text);
    if (fast !== undefined) return fast;
    if (tooShortForIndia(text)) return undefined;
  }
  const parsed = phoneLibrary
    .get()
    .parsePhoneNumberFromString(text, defaultCountry as Libphonenumber.CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * `text` with every Unicode decimal digit (\p{Nd}: Devanagari ९, Arabic-Indic ٩, fullwidth ９,
 * Bengali, Tamil, …) as its ASCII digit, so a number typed in any script reads the same. Text
 * that is all ASCII is returned as it is, at no cost.
 */
export function asciiDigits(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  return text.replace(NON_ASCII_DIGIT, (digit) => String(digitValue(digit.codePointAt(0)!)));
}

const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * Unicode lays decimal digits out in runs of ten, 0 to 9, some runs back to back (the
 * mathematical digits): a digit's value is its distance from the start of its run, modulo 10.
 */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

const IS_DIGIT = /^\p{Nd}$/u;

/** Whether libphonenumber-js reads numbers of this ISO 3166 country ("IN", "GB"). */
export function isSupportedCountry(country: string): boolean {
  return callingCodes().has(country);
}

/** The country's calling code ("91" for IN), or undefined for a country not supported. */
export function countryCallingCode(country: string): string | undefined {
  return callingCodes().get(country);
}

/**
 * The E.164 form of the usual ways Indian numbers are written — ten digits, optionally after +91,
 * 91 or 0, with spaces or dashes between digits — or undefined when the text has another shape or
 * the number is not valid (the caller then asks libphonenumber-js, which costs ≈ 10 µs a number;
 * this costs well under 1 µs, and needs no library). Validity is decided by the pattern
 * libphonenumber's isValid() uses, read from its metadata into phone-tables.ts, and
 * test/node/csv-phone-fast-path.test.ts checks the answers are identical.
 */
export function indianNumberFastPath(text: string): string | undefined {
  const length = text.length;
  if (length < 10 || length > 24) return undefined;
  const plus = text.charCodeAt(0) === PLUS;
  const d = scratch;
  let count = 0;
  for (let i = plus ? 1 : 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (count === 12) return undefined;
      d[count++] = c;
      continue;
    }
    if (c !== SPACE && c !== DASH) return undefined;
    // Separators only between digits: "+ 91", "98765-" and "--" are left to libphonenumber.
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (!(before >= ZERO && before <= NINE) || !(after >= ZERO && after <= NINE)) return undefined;
  }
  const countryCode = d[0] === NINE && d[1] === ONE;
  let at: number;
  if (plus) {
    if (count !== 12 || !countryCode) return undefined;
    at = 2;
  } else if (count === 10) {
    at = 0;
  } else if (count === 11 && d[0] === ZERO) {
    at = 1;
  } else if (count === 12 && countryCode) {
    at = 2;
  } else {
    return undefined;
  }
  if (d[at] < SIX) return undefined;
  // Built in one piece (not "+91" + national) so it is one flat string: the import reads its
  // digits again to remember it, and reading a concatenation character by character is slow.
  const e164 = String.fromCharCode(
    PLUS,
    NINE,
    ONE,
    d[at],
    d[at + 1],
    d[at + 2],
    d[at + 3],
    d[at + 4],
    d[at + 5],
    d[at + 6],
    d[at + 7],
    d[at + 8],
    d[at + 9],
  );
  const pattern = (tenDigitPattern ??= new RegExp(INDIAN_TEN_DIGIT_PATTERN, 'y'));
  // Sticky: the national number is tested in place, from index 3 of "+91…" to the end.
  pattern.lastIndex = 3;
  return pattern.test(e164) ? e164 : undefined;
}

/**
 * Whether libphonenumber-js certainly finds no valid Indian number in the text: at most seven
 * digits (the shortest Indian national number has eight), not starting with 0 (no national or
 * international prefix), with single spaces or dashes between digits, and optionally a comma
 * right after them followed by digits, spaces, dashes and commas only — which libphonenumber
 * reads as an extension of that short number, or as no number at all. Truncated numbers and
 * "98765, 43210" are common in exports, and ruling them out here saves ≈ 4 µs each.
 * test/node/csv-phone-fast-path.test.ts checks the answers against libphonenumber.
 */
export function tooShortForIndia(text: string): boolean {
  const length = text.length;
  const first = text.charCodeAt(0);
  if (!(first > ZERO && first <= NINE)) return false;
  let digits = 0;
  let i = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (++digits > 7) return false;
      continue;
    }
    if (c === COMMA) break;
    if (c !== SPACE && c !== DASH) return false;
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (!(before >= ZERO && before <= NINE) || !(after >= ZERO && after <= NINE)) return false;
  }
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= ZERO && c <= NINE) && c !== COMMA && c !== SPACE && c !== DASH) return false;
  }
  return true;
}

/** The digits of the text being read, reused from call to call. */
const scratch = new Int32Array(12);

let tenDigitPattern: RegExp | undefined;

let countries: Map<string, string> | undefined;

/** Country → calling code, read once from the generated table. */
function callingCodes(): Map<string, string> {
  countries ??= new Map(
    COUNTRY_CALLING_CODES.split(',').map((entry) => [entry.slice(0, 2), entry.slice(2)]),
  );
  return countries;
}
