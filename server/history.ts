/**
 * Segments' member counts per day (GET /segments/{id}/history). Every count withCounts answers
 * is recorded as its store's today, so a list, a read or a member count all keep the history
 * current; the same statement deletes the segment's rows older than HISTORY_KEPT_DAYS, so the
 * table stays bounded per segment without a sweeper. Days are calendar days in the store's time
 * zone, by the app's clock (AppOptions.now, for tests and demos).
 */
import type { CountPoint } from '../src/core.ts';
import { HISTORY_KEPT_DAYS, dayIn, daysBefore, historyPoints } from '../src/rules.ts';
import type { Queryable } from './db.ts';
import type { StoreSettings } from './stores.ts';

/** Today in the store's time zone, by the app's clock. */
export function storeToday(store: StoreSettings): string {
  return dayIn(store.now?.() ?? new Date(), store.timeZone);
}

/**
 * Keeps the counts as today's (an unchanged count rewrites nothing) and drops these segments'
 * rows older than HISTORY_KEPT_DAYS, in one statement.
 */
export async function recordCounts(
  db: Queryable,
  store: StoreSettings,
  counts: readonly { id: string; memberCount: number | null }[],
): Promise<void> {
  const byId = new Map<string, number>();
  for (const { id, memberCount } of counts) if (memberCount !== null) byId.set(id, memberCount);
  if (!byId.size) return;
  const today = storeToday(store);
  await db.query(
    `WITH pruned AS (
       DELETE FROM segment_count_history
        WHERE store_id = $1 AND segment_id = ANY($2::text[]) AND day < $5::date
     )
     INSERT INTO segment_count_history (store_id, segment_id, day, member_count)
     SELECT $1, i.id, $4::date, i.n FROM unnest($2::text[], $3::int[]) AS i(id, n)
     ON CONFLICT (store_id, segment_id, day) DO UPDATE SET member_count = excluded.member_count
       WHERE segment_count_history.member_count <> excluded.member_count`,
    [
      store.storeId,
      [...byId.keys()],
      [...byId.values()],
      today,
      daysBefore(today, HISTORY_KEPT_DAYS - 1),
    ],
  );
}

/**
 * The points of the last `days` days that end `today`, from the stored rows and `todays` count
 * (the count just made, put in even if its row could not be written).
 */
export async function readHistory(
  db: Queryable,
  store: StoreSettings,
  segmentId: string,
  q: { days: number; today: string; todays: number | null },
): Promise<CountPoint[]> {
  const first = daysBefore(q.today, q.days - 1);
  // The window's rows, and the latest row before it: the count its first days carry.
  const rows = await db.query<CountPoint>(
    `(SELECT to_char(day, 'YYYY-MM-DD') AS date, member_count AS count
        FROM segment_count_history
       WHERE store_id = $1 AND segment_id = $2 AND day >= $3::date AND day <= $4::date)
     UNION ALL
     (SELECT to_char(day, 'YYYY-MM-DD'), member_count
        FROM segment_count_history
       WHERE store_id = $1 AND segment_id = $2 AND day < $3::date
       ORDER BY day DESC LIMIT 1)`,
    [store.storeId, segmentId, first, q.today],
  );
  const todays = q.todays === null ? [] : [{ date: q.today, count: q.todays }];
  return historyPoints([...rows, ...todays], q.today, q.days);
}
