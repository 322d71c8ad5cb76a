import type { Segment } from '../../src/core.ts';

/** The columns the list sorts by. */
export type SortColumn = 'name' | 'users' | 'updated';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

/** The direction a column sorts in when first chosen: names A to Z, numbers and dates biggest first. */
export const FIRST_DIRECTION: Record<SortColumn, SortDirection> = {
  name: 'ascending',
  users: 'descending',
  updated: 'descending',
};

/**
 * The instant a segment was last changed, or undefined when it has none of its own: predefined
 * segments (and anything stamped at the Unix epoch, which is how they are stored) have no date.
 */
export function updatedTime(segment: Segment): number | undefined {
  if (segment.type === 'predefined') return undefined;
  const time = Date.parse(segment.updatedAt);
  return Number.isFinite(time) && time > 0 ? time : undefined;
}

/**
 * `segments` in `order`, a new array. Every row takes part, predefined ones too. Rows without a
 * value (users not counted yet or importing, no update date) go last in either direction; ties
 * are broken by name (A to Z in the page's language), then by id so the order is stable.
 */
export function sortSegments(
  segments: readonly Segment[],
  order: SortOrder,
  nameOf: (segment: Segment) => string,
  lang: string,
): Segment[] {
  const collator = collatorFor(lang);
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keyed = segments.map((segment) => ({
    segment,
    name: nameOf(segment),
    value:
      order.column === 'users'
        ? segment.progress
          ? undefined
          : (segment.memberCount ?? undefined)
        : order.column === 'updated'
          ? updatedTime(segment)
          : undefined,
  }));
  keyed.sort((a, b) => {
    if (order.column === 'name') {
      const byName = sign * collator.compare(a.name, b.name);
      if (byName !== 0) return byName;
    } else {
      if (a.value === undefined && b.value !== undefined) return 1;
      if (b.value === undefined && a.value !== undefined) return -1;
      if (a.value !== undefined && b.value !== undefined && a.value !== b.value) {
        return sign * (a.value - b.value);
      }
      const byName = collator.compare(a.name, b.name);
      if (byName !== 0) return byName;
    }
    return a.segment.id < b.segment.id ? -1 : a.segment.id > b.segment.id ? 1 : 0;
  });
  return keyed.map((k) => k.segment);
}

function collatorFor(lang: string): Intl.Collator {
  try {
    return new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  } catch {
    // An invalid lang attribute must not break the list.
    return new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Average month and year, for "3 months ago" (a relative time is an approximation anyway). */
const MONTH = 30.436875 * DAY;
const YEAR = 365.2425 * DAY;

/**
 * How long ago `time` was, seen at `now`, in `lang`: "now", "5 minutes ago", "yesterday",
 * "3 days ago", "2 months ago". Whole units elapsed, never rounded up; a time a little in the
 * future (another machine's clock) counts as now.
 */
export function relativeTime(time: number, now: number, lang: string): string {
  const elapsed = Math.max(0, now - time);
  // "now" and "yesterday" read better than "0 seconds ago" and "1 day ago"; "last month" or
  // "last year" would name the calendar month or year, not 30 days back, so those stay numeric.
  const words = relativeFormat(lang, 'auto');
  const numbers = relativeFormat(lang, 'always');
  if (elapsed < MINUTE) return words.format(0, 'second');
  if (elapsed < HOUR) return numbers.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return numbers.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return words.format(-Math.floor(elapsed / DAY), 'day');
  if (elapsed < MONTH) return numbers.format(-Math.floor(elapsed / (7 * DAY)), 'week');
  if (elapsed < YEAR) return numbers.format(-Math.floor(elapsed / MONTH), 'month');
  return numbers.format(-Math.floor(elapsed / YEAR), 'year');
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(lang: string, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  const key = `${lang}|${numeric}`;
  let format = relativeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.RelativeTimeFormat(lang, { numeric });
    } catch {
      // An invalid lang attribute must not break the list.
      format = new Intl.RelativeTimeFormat('en', { numeric });
    }
    relativeFormats.set(key, format);
  }
  return format;
}

/** The exact date and time of `time` in `lang` and `timeZone`: "7 December 2026 at 10:00". */
export function exactTime(time: number, lang: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short', timeZone };
  try {
    return new Intl.DateTimeFormat(lang, options).format(time);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(time);
  }
}
