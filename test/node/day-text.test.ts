import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dayText } from '../../src/segments/day-text.ts';
import { checkProperty } from './helpers/seeds.ts';

/**
 * dayText against Intl's own en-CA day, instant by instant, with one formatter per zone for the
 * whole sweep, so the per-day offsets it remembers are what answers. Zones with half- and
 * quarter-hour offsets, DST changes at midnight, a skipped day, and local mean time with
 * seconds in its offset.
 */
const ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'America/St_Johns',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Asia/Tehran',
  'America/Havana',
];

const intlDay = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (ms: number) => format.format(new Date(ms));
};

const HOUR = 3_600_000;

/** Every quarter hour and the seconds around it, over `days` from `from`. */
function* sweep(from: string, days: number): Generator<number> {
  const start = Date.parse(from);
  for (let t = start; t < start + days * 24 * HOUR; t += HOUR / 4) {
    yield t - 1000;
    yield t - 1;
    yield t;
    yield t + 1;
    yield t + 999;
  }
}

describe('dayText', () => {
  it('writes the day Intl writes around offset changes, in every zone', () => {
    // Windows with changes in them: Brazil's DST began at midnight (2018-11-04, the day
    // starts at 01:00), Samoa skipped 2011-12-30, Kolkata left local mean time (+05:53:28)
    // in 1854 and at Madras time's start (1870-01-01 00:00, clocks back 32 minutes, 18:06:40
    // UTC: the day has two offsets and Dec 31 comes back), Havana changes at midnight, Lord
    // Howe by half an hour, and plain DST in 2024.
    const windows: [string, number][] = [
      ['1869-12-30T00:00:00Z', 3],
      ['1905-12-30T00:00:00Z', 3],
      ['2018-11-02T00:00:00Z', 4],
      ['2019-02-15T00:00:00Z', 3],
      ['2011-12-28T00:00:00Z', 4],
      ['1854-06-26T00:00:00Z', 5],
      ['1941-09-29T00:00:00Z', 3],
      ['2024-03-09T00:00:00Z', 3],
      ['2024-03-30T00:00:00Z', 3],
      ['2024-04-05T00:00:00Z', 3],
      ['2024-10-05T00:00:00Z', 3],
      ['2024-11-02T00:00:00Z', 3],
    ];
    for (const timeZone of ZONES) {
      const ours = dayText(timeZone);
      const expected = intlDay(timeZone);
      for (const [from, days] of windows) {
        for (const ms of sweep(from, days)) {
          const iso = new Date(ms).toISOString();
          assert.equal(ours(iso), expected(ms), `${timeZone} at ${iso}`);
        }
      }
    }
  });

  it('writes the day Intl writes for any instant Date can hold', () => {
    const formatters = new Map(
      ZONES.map((zone) => [zone, { ours: dayText(zone), expected: intlDay(zone) }]),
    );
    checkProperty(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(
          fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
          fc.integer({ min: Date.UTC(9990, 0, 1), max: Date.UTC(10010, 0, 1) }),
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
        ),
        (zone, ms) => {
          const { ours, expected } = formatters.get(zone)!;
          assert.equal(ours(new Date(ms).toISOString()), expected(ms));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads offsets and fractions of a second the way Date does', () => {
    const kolkata = dayText('Asia/Kolkata');
    assert.equal(kolkata('2025-12-31T18:29:59.999Z'), '2025-12-31');
    assert.equal(kolkata('2025-12-31T18:30:00Z'), '2026-01-01');
    assert.equal(kolkata('2026-01-01T00:00:00+05:30'), '2026-01-01');
    assert.equal(dayText('UTC')('2024-02-29T23:59:59.999Z'), '2024-02-29');
  });

  it('throws as Intl does for a time that is not one', () => {
    assert.throws(() => dayText('UTC')('not a time'), RangeError);
  });
});
