/**
 * A segment's size over time, as the list's sparkline and the members view's chart read it:
 * the change between the first and the last counted day ("up 12% in 30 days"), and the days
 * of a history as numbers on one axis so that a day without a count leaves a gap instead of
 * being drawn over. DOM-free, so the arithmetic is tested on its own.
 */
import type { CountPoint } from '../../src/core.ts';
import type { PluralForms, FormatValues } from './localize.ts';
import type { Translation } from './translations/en.ts';

/** One counted day, as `countHistory` answers it (`date` is `YYYY-MM-DD`). */
export type HistoryPoint = CountPoint;

/** How a segment's size moved between the first and the last counted day of a history. */
export type Trend =
  | { kind: 'too-short' }
  | { kind: 'same'; days: number }
  | { kind: 'from-zero'; days: number; to: number }
  | { kind: 'up' | 'down'; days: number; from: number; to: number; ratio: number };

const DAY_MS = 86_400_000;

/** The day `YYYY-MM-DD` as a whole number of days since 1970-01-01 (no time zone involved). */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year!, month! - 1, day!) / DAY_MS);
}

/** The day `number` days after 1970-01-01 as `YYYY-MM-DD`. */
export function dayString(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The change between the oldest and the newest point. Fewer than two points, or all on one
 * day, is too short a history to speak of; growing from 0 has no percentage.
 */
export function summarizeTrend(points: readonly HistoryPoint[]): Trend {
  if (points.length < 2) return { kind: 'too-short' };
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const days = dayNumber(last.date) - dayNumber(first.date);
  if (days <= 0) return { kind: 'too-short' };
  if (first.count === last.count) return { kind: 'same', days };
  if (first.count === 0) return { kind: 'from-zero', days, to: last.count };
  const ratio = (last.count - first.count) / first.count;
  return { kind: ratio > 0 ? 'up' : 'down', days, from: first.count, to: last.count, ratio };
}

/** What `trendSentence` needs of a `LocalizeController`: plurals and numbers in its language. */
export interface TrendWords {
  plural(forms: PluralForms, count: number, values?: FormatValues): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

/** The trend in words: "up 12% in 30 days", "no change in 7 days", "Not enough history yet". */
export function trendSentence(
  trend: Trend,
  strings: Translation['trend'],
  words: TrendWords,
): string {
  switch (trend.kind) {
    case 'too-short':
      return strings.tooShort;
    case 'same':
      return words.plural(strings.same, trend.days);
    case 'from-zero':
      return words.plural(strings.fromZero, trend.days, { to: words.number(trend.to) });
    default:
      return words.plural(trend.kind === 'up' ? strings.up : strings.down, trend.days, {
        percent: words.number(Math.abs(trend.ratio), percentFormat(Math.abs(trend.ratio))),
      });
  }
}

/**
 * Whole percents, except below 1%, where a whole number would read "up 0%" for a real change:
 * there one significant digit ("up 0.4%").
 */
function percentFormat(ratio: number): Intl.NumberFormatOptions {
  return ratio < 0.01
    ? { style: 'percent', maximumSignificantDigits: 1 }
    : { style: 'percent', maximumFractionDigits: 0 };
}
