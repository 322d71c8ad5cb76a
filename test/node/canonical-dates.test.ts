/**
 * Stored dates in one canonical form (what LocalAdapter's imports store): each accepted input
 * becomes a UTC instant that compileFilter (Date.parse), SQLite (strftime/julianday) and
 * PostgreSQL (timestamptz) read as the same millisecond; anything they could read differently
 * is refused. The expected instants are written by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalInstant } from '../../src/filter/dates.ts';
import { everyDatabase } from './helpers/sql-databases.ts';
import fc from 'fast-check';
import { checkProperty } from './helpers/seeds.ts';

const ACCEPTED: [input: string, instant: string][] = [
  ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
  ['2024-01-01T10:00+0530', '2024-01-01T04:30:00.000Z'],
  ['2024-01-01T10:00:00-08:00', '2024-01-01T18:00:00.000Z'],
  ['2024-01-01', '2024-01-01T00:00:00.000Z'],
  ['2024-01-01 23:59', '2024-01-01T23:59:00.000Z'],
  ['2024-02-29T23:59:59.9999999Z', '2024-02-29T23:59:59.999Z'],
  ['2024-03-01T00:30:00+01:00', '2024-02-29T23:30:00.000Z'],
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  // The widest offsets allowed, exactly.
  ['2024-01-01T10:00:00+18:00', '2023-12-31T16:00:00.000Z'],
  ['2024-01-01T10:00-1800', '2024-01-02T04:00:00.000Z'],
  // 2000 is a leap year (divisible by 400), written both canonically and with an offset.
  ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
  ['2000-02-29 12:00+05:30', '2000-02-29T06:30:00.000Z'],
];

const REFUSED = [
  '2024-01-01T24:00',
  '2024-01-01T24:00:00Z',
  '2024-02-30',
  '2023-02-29T00:00:00Z',
  // 1900 is not a leap year (divisible by 100, not by 400).
  '1900-02-29T00:00:00Z',
  '1900-02-29',
  '2024-01-01T10:00:60Z',
  '2024-01-01T10:60Z',
  '2024-13-01',
  '2024-01-01T10:00:00+18:01',
  '0001-01-01T00:00:00+00:01',
  '9999-12-31T23:00:00-01:00',
  'Tue Mar 05 2024',
  '2024-1-1',
  '20240101',
  '+002024-01-01T00:00:00Z',
  '2024-01-01T10:00:00z',
  '2024-01-01T10Z',
  ' 2024-01-01',
  '',
];

describe('canonical stored dates', () => {
  const databases = everyDatabase();

  test('each accepted form becomes one UTC instant, kept as is when already canonical', () => {
    for (const [input, instant] of ACCEPTED) {
      const canonical = canonicalInstant(input)!;
      assert.equal(new Date(Date.parse(canonical)).toISOString(), instant, input);
    }
    assert.equal(canonicalInstant('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z');
    assert.equal(canonicalInstant('2024-01-01T00:00:00.120Z'), '2024-01-01T00:00:00.120Z');
    assert.equal(canonicalInstant('2024-01-01T00:00:00.12Z'), '2024-01-01T00:00:00.120Z');
  });

  test('forms the sides would read differently, or not at all, are refused', () => {
    for (const input of REFUSED) assert.equal(canonicalInstant(input), undefined, input);
    for (const value of [undefined, null, 20240101, new Date(0), {}]) {
      assert.equal(canonicalInstant(value), undefined);
    }
  });

  test('a date written in the canonical shape is kept exactly when every field is real', () => {
    // Fields near and past their limits, and now and then a character that is not a digit.
    const two = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.constant('4x'));
    const part = (value: number | string, width: number) =>
      typeof value === 'string'
        ? value.slice(0, width).padStart(width, '0')
        : String(value).padStart(width, '0');
    const shaped = fc
      .record({
        year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2023, 2024)),
        month: two(13),
        day: two(32),
        hour: two(25),
        minute: two(61),
        second: two(61),
        millis: fc.option(fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constant('1y')), {
          nil: undefined,
        }),
      })
      .map((f) => ({
        ...f,
        text:
          `${part(f.year, 4)}-${part(f.month, 2)}-${part(f.day, 2)}T` +
          `${part(f.hour, 2)}:${part(f.minute, 2)}:${part(f.second, 2)}` +
          `${f.millis === undefined ? '' : `.${part(f.millis, 3)}`}Z`,
      }));
    checkProperty(
      fc.property(shaped, ({ year, month, day, hour, minute, second, millis, text }) => {
        const numbers = [month, day, hour, minute, second, millis ?? 0];
        // The oracle: a Date set to the fields gives them back only when each was in range.
        let real = numbers.every((n) => typeof n === 'number');
        if (real) {
          const [mo, d, h, mi, s, ms] = numbers as number[];
          const date = new Date(0);
          date.setUTCFullYear(year, mo - 1, d);
          date.setUTCHours(h, mi, s, ms);
          real =
            date.getUTCFullYear() === year &&
            date.getUTCMonth() === mo - 1 &&
            date.getUTCDate() === d &&
            date.getUTCHours() === h &&
            date.getUTCMinutes() === mi &&
            date.getUTCSeconds() === s;
        }
        assert.equal(canonicalInstant(text), real ? text : undefined, text);
      }),
      { numRuns: 3000 },
    );
  });

  test('SQLite and PostgreSQL read every canonical form as the same millisecond as JS', async () => {
    for (const db of databases) {
      for (const [input, instant] of ACCEPTED) {
        const canonical = canonicalInstant(input)!;
        const [row] =
          db.dialect === 'sqlite'
            ? await db.query(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?) AS t`, [canonical])
            : await db.query(
                `SELECT to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t`,
                [canonical],
              );
        assert.equal(row!.t, instant, `${db.name}: ${input}`);
      }
    }
  });
});
