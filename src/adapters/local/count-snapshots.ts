import type { CountPoint } from '../../adapter.ts';
import { HISTORY_KEPT_DAYS, daysBefore } from '../../segments/history.ts';
import type { LocalDatabase } from './database.ts';

/**
 * The LocalAdapter's daily member counts per segment (the `countSnapshots` table), what
 * countHistory draws its points from.
 */
export class CountSnapshots {
  /** Per segment, the `date|count` this adapter last wrote: an unchanged one is not rewritten. */
  private readonly recorded = new Map<string, string>();

  constructor(private readonly db: LocalDatabase) {}

  /**
   * Records the counts as `date`'s snapshots (the latest count of a day replaces the earlier
   * one) and forgets the segments' snapshots older than HISTORY_KEPT_DAYS. A count this adapter
   * already wrote for that day is not written again, so listing segments repeatedly writes
   * nothing. A failed write is dropped: a missing snapshot is no reason to fail the call that
   * counted, and the next count writes it again.
   */
  async record(
    counts: readonly { segmentId: string; count: number | null }[],
    date: string,
  ): Promise<void> {
    const fresh = counts.filter(
      (c): c is { segmentId: string; count: number } =>
        c.count !== null && this.recorded.get(c.segmentId) !== `${date}|${c.count}`,
    );
    if (!fresh.length) return;
    const oldest = daysBefore(date, HISTORY_KEPT_DAYS - 1);
    const { db } = this;
    try {
      await db.transaction('rw', db.countSnapshots, async () => {
        await db.countSnapshots.bulkPut(
          fresh.map(({ segmentId, count }) => ({ segmentId, date, count })),
        );
        for (const { segmentId } of fresh) {
          await db.countSnapshots
            .where('[segmentId+date]')
            .between([segmentId, ''], [segmentId, oldest])
            .delete();
        }
      });
      for (const { segmentId, count } of fresh) this.recorded.set(segmentId, `${date}|${count}`);
    } catch {
      // dropped, see above
    }
  }

  /** Every snapshot of a segment, oldest first. */
  async read(segmentId: string): Promise<CountPoint[]> {
    const rows = await this.db.countSnapshots
      .where('[segmentId+date]')
      .between([segmentId, ''], [segmentId, '\uffff'])
      .toArray();
    return rows.map(({ date, count }) => ({ date, count }));
  }

  /** The segment was deleted (its rows go with it, in the same transaction). */
  forget(segmentId: string): void {
    this.recorded.delete(segmentId);
  }
}
