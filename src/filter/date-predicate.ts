/**
 * The per-customer test of a date condition, apart from compile.ts because it holds the one
 * costly step of evaluating a filter: reading a customer's ISO 8601 date.
 */
import type { DateCondition } from './resolve.ts';
import { parseInstant } from './dates.ts';

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
    const value = read(row) as string | null | undefined;
    if (value == null || value === '') return negate;
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

function instant(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    ms = parseInstant(text);
    parsed.set(text, ms);
  }
  return ms;
}
