/**
 * Calendar arithmetic for test oracles, written from the documented filter semantics (README "Filters") with nothing but Intl and
 * Date.UTC, never through src/filter: "on", "before", "inLast 7 days" and the rest are decided
 * by comparing calendar days as 'YYYY-MM-DD' text, so a bug in the engine's instant ranges
 * (a bound a day late, a half-open range closed) cannot hide behind the same arithmetic here.
 */

/** 'YYYY-MM-DD' of the instant in the IANA time zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The calendar day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = split(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day of the month `months` earlier, clamped to that month's last day. */
export function monthsBack(date: string, months: number): string {
  const [y, m, d] = split(date);
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const day = Math.min(d, lastDay.getUTCDate());
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day))
    .toISOString()
    .slice(0, 10);
}

/** The first day an `inLast { amount, unit }` covers, counted back from `today`. */
export function firstDayInLast(today: string, amount: number, unit: string): string {
  if (unit === 'days') return addDays(today, -amount);
  if (unit === 'weeks') return addDays(today, -7 * amount);
  return monthsBack(today, amount);
}

/**
 * The first instant (epoch ms) of a calendar day in the time zone: found by searching the
 * minutes around UTC midnight of that date for the first one whose local date is the day.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = split(date);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Every zone's offset is within ±14 h; step by 15 minutes, then narrow to the millisecond.
  let low = utcMidnight - 15 * HOUR;
  while (localDate(low + 15 * MINUTE, timeZone) < date) low += 15 * MINUTE;
  let high = low + 15 * MINUTE; // local date at `high` is `date`, at `low` is before it
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (localDate(mid, timeZone) < date) low = mid;
    else high = mid;
  }
  return high;
}

/** Epoch ms of a stored ISO 8601 instant; text without an offset is UTC. */
export function instantMs(iso: string): number {
  const zoneless = !/(Z|[+-]\d\d:?\d\d)$/.test(iso);
  return Date.parse(zoneless ? `${iso.replace(' ', 'T')}Z` : iso);
}

// ---- helpers ----

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function split(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}
