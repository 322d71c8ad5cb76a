import type { CountHistoryQuery, CountPoint } from '../adapter.ts';
import { calendarDate, localDay, parseCalendarDate } from '../filter/dates.ts';
import { invalidQuery } from './rules.ts';

/**
 * A segment's size over time, the rules every adapter shares: which windows may be asked for,
 * which calendar day "today" is, how long snapshots are kept, and how a window is drawn from the
 * snapshots (one a day, the latest count of that day).
 */

/** The longest window `countHistory` answers: a year, leap day included. */
export const MAX_HISTORY_DAYS = 366;

/**
 * Snapshots kept per segment, in calendar days back from today: more than the longest window, so
 * a window that starts on a day without a snapshot still finds the count it carries forward.
 */
export const HISTORY_KEPT_DAYS = 400;

/** The window's length in days, or `invalid` unless it is a whole number from 1 to 366. */
export function checkHistoryQuery(q: CountHistoryQuery | undefined): number {
  const days: unknown = q?.days;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_HISTORY_DAYS) {
    throw invalidQuery('days', `Ask for 1 to ${MAX_HISTORY_DAYS} days of history.`);
  }
  return days as number;
}

/** The calendar day (`YYYY-MM-DD`) that `now` falls on in `timeZone`. */
export function dayIn(now: Date, timeZone: string): string {
  return dayText(localDay(now.getTime(), timeZone));
}

/** The calendar day `days` before `date` (`YYYY-MM-DD`), e.g. to prune snapshots. */
export function daysBefore(date: string, days: number): string {
  return dayText(dayOf(date) - days);
}

/**
 * The window of `days` calendar days that ends on `today`, from the snapshots `{ date, count }`
 * (one per day, any order; those outside the window are only read to carry a count in).
 *
 * One point per day, oldest first, for every day from the segment's first known count: a day
 * without a snapshot carries the count of the latest day before it that has one (nothing was
 * counted that day, so the last count seen is still the best answer, and a chart's time axis
 * needs every day). Days before the first snapshot are left out, so a segment made a week ago
 * has at most a week of points; snapshots dated after `today` (a clock set back) are ignored.
 */
export function historyPoints(
  snapshots: readonly CountPoint[],
  today: string,
  days: number,
): CountPoint[] {
  const last = dayOf(today);
  const first = last - days + 1;
  const byDay = new Map<number, number>();
  let carried: { day: number; count: number } | undefined;
  for (const { date, count } of snapshots) {
    const day = dayOf(date);
    if (day > last) continue;
    if (day >= first) byDay.set(day, count);
    else if (!carried || day > carried.day) carried = { day, count };
  }
  const points: CountPoint[] = [];
  let count = carried?.count;
  for (let day = first; day <= last; day++) {
    count = byDay.get(day) ?? count;
    if (count !== undefined) points.push({ date: dayText(day), count });
  }
  return points;
}

function dayOf(date: string): number {
  const day = parseCalendarDate(date);
  if (day === undefined) throw new RangeError(`"${date}" is not a calendar date.`);
  return day;
}

function dayText(day: number): string {
  const { year, month, day: d } = calendarDate(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
