import type { SegmentAdapter } from '../../adapter.ts';
import { csvDraft } from './common.ts';
import { KIT_TIME_ZONE, csvContacts, kitSeed } from './data.ts';
import { ensure, expectEqual, expectRejects, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** countHistory: a segment's count per calendar day. */
export const historyChecks: readonly AdapterCheck[] = [
  defineCheck(
    'countHistory ends today in the store’s time zone, one point a day with its latest count',
    kitSeed,
    async (adapter) => {
      const before = dayInStore();
      const { unmatched, unmatchedEmail } = csvContacts();
      const segment = await adapter.createSegment(csvDraft('Trend list', 1));
      await expectRejects(
        adapter.countHistory(segment.id, { days: 7 }),
        'incomplete',
        'countHistory of an importing segment',
      );
      await adapter.addMembers(segment.id, [unmatched[0]!], { batchId: 'trend-1' });
      await adapter.finishImport(segment.id);
      const first = await history(adapter, segment.id, 7);
      expectEqual(first.at(-1)?.count, 1, 'the last point after the first contact');

      // Counted again the same day after it grew: still one point for today, now the new count.
      await adapter.addMembers(segment.id, [unmatchedEmail], { batchId: 'trend-2' });
      expectEqual((await adapter.countMembers({ segmentId: segment.id })).count, 2, 'count');
      const second = await history(adapter, segment.id, 7);
      const after = dayInStore();
      const today = second.at(-1);
      ensure(
        today && (today.date === before || today.date === after),
        `the last point is dated ${show(today?.date)}, not today in ${KIT_TIME_ZONE} (${after})`,
      );
      expectEqual(today.count, 2, 'today’s point after a later count the same day');
      if (before === after) {
        expectEqual(second.length, first.length, 'points after a second count the same day');
      }
      expectEqual((await history(adapter, segment.id, 1)).length, 1, 'points of days: 1');
    },
  ),

  defineCheck(
    'countHistory refuses days outside 1–366 (invalid) and unknown segments (not-found)',
    kitSeed,
    async (adapter) => {
      for (const days of [0, 367, 1.5, -7]) {
        await expectRejects(
          adapter.countHistory('returning-customers', { days }),
          'invalid',
          `countHistory with days ${days}`,
        );
      }
      const year = await history(adapter, 'returning-customers', 366);
      ensure(year.length >= 1, 'countHistory of days: 366 answered no point');
      await expectRejects(
        adapter.countHistory('no-such-segment', { days: 7 }),
        'not-found',
        'countHistory of an unknown segment',
      );
    },
  ),
];

/** The answer, checked for the shape every history has: calendar days in a row, rising. */
async function history(adapter: SegmentAdapter, segmentId: string, days: number) {
  const points = await adapter.countHistory(segmentId, { days });
  ensure(Array.isArray(points), `countHistory answered ${show(points)}`);
  ensure(
    points.length >= 1 && points.length <= days,
    `countHistory(${days} days) answered ${points.length} points`,
  );
  let previous: number | undefined;
  for (const point of points) {
    ensure(
      /^\d{4}-\d{2}-\d{2}$/.test(point.date) && Number.isSafeInteger(point.count),
      `countHistory point ${show(point)} is not { date: YYYY-MM-DD, count }`,
    );
    const day = Date.parse(`${point.date}T00:00:00Z`) / 86_400_000;
    ensure(
      previous === undefined || day === previous + 1,
      `countHistory skips or repeats a day at ${point.date}: ${show(points)}`,
    );
    previous = day;
  }
  return points;
}

/** Today's date in the kit's store time zone, read with Intl (en-CA writes YYYY-MM-DD). */
function dayInStore(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: KIT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
