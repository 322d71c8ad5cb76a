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
];

const REFUSED = [
  '2024-01-01T24:00',
  '2024-01-01T24:00:00Z',
  '2024-02-30',
  '2023-02-29T00:00:00Z',
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
