import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHistoryQuery, dayIn, daysBefore, historyPoints } from '../../src/segments/history.ts';
import { SegmentError } from '../../src/errors.ts';

/**
 * The history rules every adapter shares: which day "today" is in a time zone, and how a window
 * is drawn from daily snapshots. Expected values are written by hand.
 */

describe('dayIn: the calendar day of an instant in a time zone', () => {
  it('changes on the zone’s midnight, not on UTC’s', () => {
    assert.equal(dayIn(new Date('2026-11-28T18:29:59Z'), 'Asia/Kolkata'), '2026-11-28');
    assert.equal(dayIn(new Date('2026-11-28T18:30:00Z'), 'Asia/Kolkata'), '2026-11-29');
    assert.equal(dayIn(new Date('2026-11-28T23:30:00Z'), 'UTC'), '2026-11-28');
    // New York on the night clocks go back (2026-11-01 02:00 EDT → 01:00 EST).
    assert.equal(dayIn(new Date('2026-11-02T04:59:00Z'), 'America/New_York'), '2026-11-01');
    assert.equal(dayIn(new Date('2026-11-02T05:00:00Z'), 'America/New_York'), '2026-11-02');
    // Kiritimati is 14 hours ahead: a different day from UTC most of the time.
    assert.equal(dayIn(new Date('2026-12-31T10:00:00Z'), 'Pacific/Kiritimati'), '2027-01-01');
  });
});

describe('daysBefore', () => {
  it('steps across months, years and leap days', () => {
    assert.equal(daysBefore('2024-03-01', 1), '2024-02-29');
    assert.equal(daysBefore('2025-03-01', 1), '2025-02-28');
    assert.equal(daysBefore('2026-01-01', 1), '2025-12-31');
    assert.equal(daysBefore('2026-02-04', 399), '2025-01-01');
    assert.equal(daysBefore('2026-02-04', 0), '2026-02-04');
  });
});

describe('checkHistoryQuery', () => {
  it('takes whole numbers from 1 to 366 and refuses the rest as invalid', () => {
    assert.equal(checkHistoryQuery({ days: 1 }), 1);
    assert.equal(checkHistoryQuery({ days: 366 }), 366);
    for (const days of [0, 367, 1.5, -1, Number.NaN, Infinity, '7', null, undefined]) {
      assert.throws(
        () => checkHistoryQuery({ days } as never),
        (error: unknown) =>
          error instanceof SegmentError &&
          error.code === 'invalid' &&
          error.issues[0]?.path === 'days',
        String(days),
      );
    }
    assert.throws(() => checkHistoryQuery(undefined as never), SegmentError);
  });
});

describe('historyPoints', () => {
  it('answers nothing without snapshots', () => {
    assert.deepEqual(historyPoints([], '2026-03-10', 7), []);
  });

  it('carries a count over quiet days and starts at the first snapshot', () => {
    const snapshots = [
      { date: '2026-03-08', count: 4 },
      { date: '2026-03-05', count: 2 },
    ];
    assert.deepEqual(historyPoints(snapshots, '2026-03-10', 7), [
      { date: '2026-03-05', count: 2 },
      { date: '2026-03-06', count: 2 },
      { date: '2026-03-07', count: 2 },
      { date: '2026-03-08', count: 4 },
      { date: '2026-03-09', count: 4 },
      { date: '2026-03-10', count: 4 },
    ]);
  });

  it('carries in the latest count from before the window, not an older one', () => {
    const snapshots = [
      { date: '2026-02-01', count: 1 },
      { date: '2026-02-20', count: 9 },
      { date: '2026-02-10', count: 5 },
    ];
    assert.deepEqual(historyPoints(snapshots, '2026-03-01', 2), [
      { date: '2026-02-28', count: 9 },
      { date: '2026-03-01', count: 9 },
    ]);
  });

  it('crosses a leap day and ignores snapshots dated after today', () => {
    const snapshots = [
      { date: '2024-02-28', count: 3 },
      { date: '2024-03-01', count: 6 },
      { date: '2024-03-02', count: 7 },
    ];
    assert.deepEqual(historyPoints(snapshots, '2024-03-01', 3), [
      { date: '2024-02-28', count: 3 },
      { date: '2024-02-29', count: 3 },
      { date: '2024-03-01', count: 6 },
    ]);
  });

  it('gives exactly `days` points when the history is long enough, the last one today', () => {
    const points = historyPoints([{ date: '2025-01-01', count: 0 }], '2025-12-31', 366);
    assert.equal(points.length, 365);
    const full = historyPoints([{ date: '2024-12-31', count: 0 }], '2025-12-31', 366);
    assert.equal(full.length, 366);
    assert.equal(full[0]!.date, '2024-12-31');
    assert.equal(full.at(-1)!.date, '2025-12-31');
  });
});
