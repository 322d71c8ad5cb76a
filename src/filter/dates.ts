/**
 * Calendar days in a time zone. A date condition speaks of calendar days ("on 2024-01-02",
 * "in the last 7 days") where the seller is; customers' dates are instants. Each condition
 * becomes a half-open range of instants [from, to) whose ends are the first instant of a
 * calendar day in the time zone, found with Intl (so DST and odd offsets are handled).
 *
 * A calendar day is carried as a day number: days since 1970-01-01 in the proleptic Gregorian
 * calendar, which makes "N days back" plain subtraction.
 */

/** 'today' and the time zone a filter is evaluated in. */
export interface Clock {
  timeZone: string;
  /** The day number of ctx.now in timeZone. */
  today: number;
}

/** A half-open range of instants, in epoch ms and as ISO strings; null = unbounded. */
export interface InstantRange {
  from: number | null;
  to: number | null;
  fromIso: string | null;
  toIso: string | null;
}

export type RelativeUnit = 'days' | 'weeks' | 'months';

/** Filter dates are limited to these years so every bound is a 4-digit-year ISO instant. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9998;

/** The day number of a 'YYYY-MM-DD' string, or undefined if it is not a real calendar date. */
export function parseCalendarDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumber(year, month, day);
}

/** Whether a 'YYYY-MM-DD' string's year is one filters accept (see MIN_YEAR, MAX_YEAR). */
export const isYearInRange = (text: string): boolean => {
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** Whether Intl knows the IANA time zone. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms of ctx.now (ISO string or Date; absent = the current time), or NaN if unreadable. */
export function nowMs(now: unknown): number {
  if (now === undefined) return Date.now();
  if (now instanceof Date) return now.getTime();
  return typeof now === 'string' ? parseInstant(now) : NaN;
}

/**
 * Epoch ms of an ISO 8601 date and time, NaN if unreadable. One written without an offset
 * ('2024-01-01T20:00:00', '2024-01-01 20:00') is UTC: Date.parse would read it in the time zone
 * of the machine, while SQLite reads it as UTC (and PostgreSQL in its session zone, UTC by
 * default), so the answer would depend on where the code runs.
 */
export function parseInstant(text: string): number {
  return Date.parse(ZONELESS.test(text) ? `${text}Z` : text);
}

/**
 * A stored date and time in the one form every side reads alike, or undefined when it is not a
 * real one. compileFilter, SQLite's julianday() and PostgreSQL each read the loose forms
 * Date.parse takes in their own way ('T24:00', '2024-02-30', ':60', '+0530', 'Tue Mar 05'), so
 * an importer stores this instead. Accepted: 'YYYY-MM-DD', optionally followed by 'T' or a space,
 * 'HH:mm', optional ':ss' and fraction, and 'Z', '±HH:MM' or '±HHMM' (none means UTC), every
 * field in range (hour 0–23, minute and second 0–59, a real calendar day, offset up to ±18:00),
 * the instant within the years 0001–9999. Answers 'YYYY-MM-DDTHH:mm:ss.sssZ' (UTC), or the input
 * itself when it is already exactly that, or 'YYYY-MM-DDTHH:mm:ssZ'.
 */
export function canonicalInstant(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  // Most imported dates are already canonical: read them digit by digit, with no regex or Date.
  if (isCanonicalUtc(text)) return text;
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', fraction = '', zone = 'Z'] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (oh > 18 || om > 59 || oh * 60 + om > 18 * 60) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  if (zone === 'Z' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(text)) return text;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(sec), Number(fraction.padEnd(3, '0').slice(0, 3)));
  const ms = date.getTime() - offset;
  const utcYear = new Date(ms).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? new Date(ms).toISOString() : undefined;
}

/**
 * Whether the text is exactly 'YYYY-MM-DDTHH:mm:ssZ' or 'YYYY-MM-DDTHH:mm:ss.sssZ' with every
 * field in range: canonicalInstant's answer for such a text is the text itself.
 */
function isCanonicalUtc(text: string): boolean {
  const length = text.length;
  if (length !== 20 && length !== 24) return false;
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(length - 1) !== 90 // Z
  ) {
    return false;
  }
  if (length === 24 && (text.charCodeAt(19) !== 46 || digits(text, 20, 3) < 0)) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  return (
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

/** The number written by `count` ASCII digits at `start`, or -1 if one of them is not a digit. */
export function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const INSTANT =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** The clock of an evaluation context that contextIssues accepted. */
export function resolveClock(now: string | Date | undefined, timeZone: string): Clock {
  return { timeZone, today: localDay(nowMs(now), timeZone) };
}

/**
 * The instants a date operator's value covers (validated beforehand). `notInLast` gets the
 * range of `inLast`; the caller negates it.
 */
export function dateRange(operator: string, value: unknown, clock: Clock): InstantRange {
  const start = (day: number) => startOfDay(day, clock.timeZone);
  switch (operator) {
    case 'on': {
      const day = parseCalendarDate(value as string)!;
      return range(start(day), start(day + 1));
    }
    case 'before':
      return range(null, start(parseCalendarDate(value as string)!));
    case 'after':
      return range(start(parseCalendarDate(value as string)! + 1), null);
    case 'between': {
      const [low, high] = (value as [string, string]).map((d) => parseCalendarDate(d)!);
      return range(start(low!), start(high! + 1));
    }
    default: {
      const { amount, unit } = value as { amount: number; unit: RelativeUnit };
      const first = daysBack(clock.today, amount, unit);
      // Before year 1000 there are no customers to tell apart: leave the range open below.
      return range(first < dayNumber(MIN_YEAR, 1, 1) ? null : start(first), start(clock.today + 1));
    }
  }
}

/** The day `amount` units before `today`; months keep the day of the month, clamped. */
export function daysBack(today: number, amount: number, unit: RelativeUnit): number {
  if (unit === 'days') return today - amount;
  if (unit === 'weeks') return today - 7 * amount;
  const { year, month, day } = calendarDate(today);
  const months = year * 12 + (month - 1) - amount;
  const [y, m] = [Math.floor(months / 12), (months % 12) + 1];
  return dayNumber(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The first instant (epoch ms) of calendar day `day` in `timeZone`. */
export function startOfDay(day: number, timeZone: string): number {
  const midnight = day * DAY_MS;
  // Two steps of "wall clock minus offset" land on local midnight whenever it exists.
  const guess = midnight - offsetAt(midnight - offsetAt(midnight, timeZone), timeZone);
  if (wallClock(guess, timeZone) === midnight && localDay(guess - 1000, timeZone) < day) {
    return guess;
  }
  // Midnight skipped by a DST change (the day starts later) or repeated: search for the first
  // second whose local day is `day`. UTC offsets stay within ±15 hours.
  let low = (midnight - 15 * HOUR_MS) / 1000;
  let high = (midnight + 15 * HOUR_MS) / 1000;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (localDay(mid * 1000, timeZone) >= day) high = mid;
    else low = mid + 1;
  }
  return low * 1000;
}

/** The calendar day number of an instant in `timeZone`. */
export function localDay(ms: number, timeZone: string): number {
  return Math.floor(wallClock(ms, timeZone) / DAY_MS);
}

/** Year, month (1–12) and day of a day number. */
export function calendarDate(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------

const ZONELESS = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?$/;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const range = (from: number | null, to: number | null): InstantRange => ({
  from,
  to,
  fromIso: from === null ? null : new Date(from).toISOString(),
  toIso: to === null ? null : new Date(to).toISOString(),
});

function dayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The local wall-clock time of an instant, as epoch ms of the same reading in UTC. */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  date.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  return date.getTime();
}

/** Local time minus UTC at an instant, in ms (whole seconds). */
const offsetAt = (ms: number, timeZone: string) =>
  wallClock(ms, timeZone) - (ms - (((ms % 1000) + 1000) % 1000));
