import { offsetAt } from '../filter/dates.ts';

/**
 * The calendar day of an instant in a time zone as "YYYY-MM-DD", exactly what
 * `Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })`
 * writes, for files of a million rows: Intl's format costs microseconds a call, so the zone's
 * offset is asked twice per UTC day of instants and the day is then plain arithmetic.
 *
 * A UTC day whose offset is the same at its start and at its last second has that offset
 * throughout (no zone changes its offset and back within a day); a day with a change in it (a
 * few a year where clocks change) is left to Intl, instant by instant. So are instants outside
 * 1601–9998: Intl writes other than four digits of year outside 1000–9999, and an engine might
 * count Julian days before the Gregorian reform (V8 does not).
 */
export function dayText(timeZone: string): (iso: string) => string {
  const intl = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  /** Offset (ms) of every instant of a UTC day, by day number; NaN when it changes that day. */
  const offsets = new Map<number, number>();
  /** "YYYY-MM-DD" by local day number: a day's text is made once. */
  const texts = new Map<number, string>();
  return (iso) => {
    const ms = Date.parse(iso);
    if (!(ms >= FAST_FROM && ms < FAST_TO)) return intl.format(new Date(iso));
    const day = Math.floor(ms / DAY_MS);
    let offset = offsets.get(day);
    if (offset === undefined) {
      const start = day * DAY_MS;
      const first = offsetAt(start, timeZone);
      const same = offsetAt(start + DAY_MS - 1000, timeZone) === first;
      offsets.set(day, (offset = same ? first : NaN));
    }
    if (Number.isNaN(offset)) return intl.format(ms);
    const local = Math.floor((ms + offset) / DAY_MS);
    let text = texts.get(local);
    if (text === undefined)
      texts.set(local, (text = new Date(local * DAY_MS).toISOString().slice(0, 10)));
    return text;
  };
}

const DAY_MS = 86_400_000;
// A day of margin each side: offsets stay within ±15 hours.
const FAST_FROM = Date.UTC(1601, 0, 2);
const FAST_TO = Date.UTC(9998, 11, 30);
