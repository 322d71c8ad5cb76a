/**
 * The per-customer test of a date condition, apart from compile.ts because it holds the one
 * costly step of evaluating a filter: reading a customer's ISO 8601 date.
 */
import type { DateCondition } from './resolve.ts';
import { daysInMonth, digits, parseInstant } from './dates.ts';

type Row = Record<string, unknown>;

/**
 * A customer's date is an ISO 8601 string. Parsing one is the costly part of a filter, so the
 * usual stored form, UTC with 'Z' ('2024-01-01T19:00:00Z', '…:00.123Z'), is compared as text:
 * the bounds are whole seconds, so "t ≥ bound" is "the first 19 characters ≥ the bound's".
 * Any other form (an offset like +05:30) is parsed once and remembered.
 */
export function datePredicate(
  condition: DateCondition,
  read: (row: Row) => unknown,
): (row: Row) => boolean {
  const { negate, from, to } = condition;
  const low = from ?? -Infinity;
  const high = to ?? Infinity;
  const lowKey = textKey(condition.fromIso);
  const highKey = textKey(condition.toIso);
  const asText = lowKey !== undefined && highKey !== undefined;
  // An open end becomes a key every date text passes ('' is below it, '\uffff' above).
  const lowText = lowKey ?? '';
  const highText = highKey ?? '\uffff';
  return (row) => {
    const value = read(row);
    // Missing, '' and a value that is not text at all are no date.
    if (typeof value !== 'string' || value === '') return negate;
    let inside: boolean;
    if (asText && isUtcText(value)) inside = value >= lowText && value < highText;
    else {
      const ms = instant(value);
      // An unreadable date is no date: it falls outside every range.
      inside = ms >= low && ms < high;
    }
    return inside !== negate;
  };
}

/**
 * A customer's date as epoch ms for column-wise evaluation: testing `from ≤ ms < to` on it gives
 * exactly datePredicate's answer for every range. NaN for a missing date (it falls outside every
 * range, as an unreadable one does); undefined when no number can stand for the value, because
 * its UTC text would compare differently from its instant (digits that are no real time, such as
 * 30 February) or it is not text at all.
 */
export function columnInstant(value: unknown): number | undefined {
  if (value == null || value === '') return NaN;
  if (typeof value !== 'string') return undefined;
  if (!isUtcText(value)) return parseInstant(value);
  // Compared as text, only the whole seconds count: the digits must be a real UTC time, and the
  // instant of those whole seconds compares with whole-second bounds as the text does.
  return utcSeconds(value);
}

/** The first 19 characters of a bound, null for an unbounded end, undefined if unusable. */
function textKey(iso: string | null): string | null | undefined {
  if (iso === null) return null;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(iso)) return undefined;
  // Copied character by character: a slice would be a view into the ISO string, which V8
  // compares several times slower than a flat string, on every customer.
  return String.fromCharCode(...Array.from(iso.slice(0, 19), (c) => c.charCodeAt(0)));
}

/**
 * 'YYYY-MM-DDTHH:mm:ssZ' or with a fraction. Checked at a few positions only (it runs per
 * customer): stored dates are valid ISO 8601, and these tell the UTC form from the others.
 */
function isUtcText(text: string): boolean {
  const n = text.length;
  return (
    n >= 20 &&
    text.charCodeAt(n - 1) === 90 && // Z
    text.charCodeAt(10) === 84 && // T
    text.charCodeAt(4) === 45 && // -
    text.charCodeAt(16) === 58 && // :
    (n === 20 || text.charCodeAt(19) === 46) // .
  );
}

const parsed = new Map<string, number>();
const PARSED_LIMIT = 200_000;

/** Epoch ms of 'YYYY-MM-DDTHH:mm:ss' at the start of `text`, undefined unless all real digits. */
function utcSeconds(text: string): number | undefined {
  for (let i = 20; i < text.length - 1; i++) if (digits(text, i, 1) < 0) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999: such rare dates are left to the text comparison.
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function instant(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    ms = parseInstant(text);
    parsed.set(text, ms);
  }
  return ms;
}
