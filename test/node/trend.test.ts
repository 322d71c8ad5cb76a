import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayNumber,
  dayString,
  summarizeTrend,
  trendSentence,
  type HistoryPoint,
  type TrendWords,
} from '../../components/shared/trend.ts';
import { linePath, sparklineBox, type LineBox } from '../../components/shared/sparkline.ts';
import { format, type PluralForms } from '../../components/shared/localize.ts';
import { en } from '../../components/shared/translations/en.ts';
import { hi } from '../../components/shared/translations/hi.ts';

/** Plurals and numbers as a LocalizeController gives them, for a fixed language. */
function words(lang: string): TrendWords {
  return {
    plural: (forms: PluralForms, count: number, values = {}) =>
      format(forms[new Intl.PluralRules(lang).select(count)] ?? forms.other, {
        count: new Intl.NumberFormat(lang).format(count),
        ...values,
      }),
    number: (value, options) => new Intl.NumberFormat(lang, options).format(value),
  };
}

const say = (points: HistoryPoint[], lang = 'en') =>
  trendSentence(summarizeTrend(points), lang === 'hi' ? hi.trend : en.trend, words(lang));

test('days count across month ends and leap days without a time zone', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(dayNumber('2026-03-29') - dayNumber('2026-02-27'), 30);
  assert.equal(dayNumber('2024-03-01') - dayNumber('2024-02-28'), 2);
  assert.equal(dayNumber('2027-01-01') - dayNumber('2026-12-31'), 1);
  assert.equal(dayString(dayNumber('2024-02-29')), '2024-02-29');
});

test('growth and shrinkage read as whole percents over the days between first and last point', () => {
  assert.equal(
    say([
      { date: '2026-02-27', count: 100 },
      { date: '2026-03-10', count: 300 },
      { date: '2026-03-29', count: 112 },
    ]),
    'up 12% in 30 days',
  );
  assert.equal(
    say([
      { date: '2026-03-01', count: 200 },
      { date: '2026-03-31', count: 194 },
    ]),
    'down 3% in 30 days',
  );
  assert.equal(
    say([
      { date: '2026-03-01', count: 2 },
      { date: '2026-03-02', count: 3 },
    ]),
    'up 50% in 1 day',
  );
  assert.equal(
    say([
      { date: '2026-03-01', count: 40 },
      { date: '2026-03-05', count: 0 },
    ]),
    'down 100% in 4 days',
  );
});

test('a change under 1% is not rounded away to "up 0%"', () => {
  assert.equal(
    say([
      { date: '2026-03-01', count: 1_000_000 },
      { date: '2026-03-08', count: 1_004_000 },
    ]),
    'up 0.4% in 7 days',
  );
});

test('ties: the same count at both ends is no change, whatever happened between', () => {
  assert.equal(
    say([
      { date: '2026-03-01', count: 50 },
      { date: '2026-03-02', count: 70 },
      { date: '2026-03-08', count: 50 },
    ]),
    'no change in 7 days',
  );
  assert.equal(
    say([
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-03', count: 0 },
    ]),
    'no change in 2 days',
  );
});

test('growing from nothing has no percentage', () => {
  assert.equal(
    say([
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-11', count: 25 },
    ]),
    'up from 0 to 25 in 10 days',
  );
});

test('one point, no points, or points all on one day are not enough history', () => {
  assert.equal(say([]), 'Not enough history yet');
  assert.equal(say([{ date: '2026-03-01', count: 9 }]), 'Not enough history yet');
  assert.equal(
    say([
      { date: '2026-03-01', count: 9 },
      { date: '2026-03-01', count: 12 },
    ]),
    'Not enough history yet',
  );
});

test('Hindi words and Indian digit grouping', () => {
  assert.equal(
    say(
      [
        { date: '2026-03-01', count: 1234 },
        { date: '2026-03-31', count: 2468 },
      ],
      'hi',
    ),
    '30 दिनों में 100% बढ़ा',
  );
  assert.equal(
    say(
      [
        { date: '2026-03-01', count: 0 },
        { date: '2026-03-02', count: 123_456 },
      ],
      'hi',
    ),
    '1 दिन में 0 से बढ़कर 1,23,456',
  );
});

const box = (fromDay: string, toDay: string, min: number, max: number): LineBox => ({
  width: 100,
  height: 10,
  fromDay: dayNumber(fromDay),
  toDay: dayNumber(toDay),
  min,
  max,
});

test('the line goes through each day by date and count', () => {
  const points = [
    { date: '2026-02-28', count: 0 },
    { date: '2026-03-01', count: 5 },
    { date: '2026-03-02', count: 10 },
  ];
  assert.equal(linePath(points, box('2026-02-28', '2026-03-02', 0, 10)), 'M0 10L50 5L100 0');
});

test('a missing day breaks the line, and a lone point is drawn as a dot', () => {
  const points = [
    { date: '2026-03-01', count: 0 },
    { date: '2026-03-02', count: 10 },
    { date: '2026-03-04', count: 10 },
  ];
  assert.equal(linePath(points, box('2026-03-01', '2026-03-04', 0, 10)), 'M0 10L33.33 0 M100 0h0');
  // A sparkline is too small for single days: its line goes across the gap.
  assert.equal(
    linePath(points, box('2026-03-01', '2026-03-04', 0, 10), false),
    'M0 10L33.33 0L100 0',
  );
  const alone = [{ date: '2026-03-01', count: 3 }];
  assert.equal(linePath(alone, sparklineBox(alone, 100, 10)), 'M50 5h0');
});

test('a flat history is drawn across the middle of a sparkline', () => {
  const flat = [
    { date: '2026-03-01', count: 7 },
    { date: '2026-03-02', count: 7 },
  ];
  assert.equal(linePath(flat, sparklineBox(flat, 100, 10)), 'M0 5L100 5');
});
