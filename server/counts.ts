/**
 * Member counts shown beside each segment. A CSV segment's count is its stored member total; a
 * filter's is counted in SQL and cached per segment with the store's change_seq, so listing
 * segments repeatedly on an unchanged store costs one small read. Any write to the store
 * (customers, orders, segments, members) makes every cached count stale at once; so does a
 * change to the segment's filter (a global segment's filter changes without any store changing).
 *
 * A list never pays for recounting all of them: it recounts stale segments in page order only
 * while the count budget lasts (at most four filter counts by default; a Top-N spenders count
 * reads at most N index rows and is always made), answers the others
 * with the count they last had marked `countStale: true` (memberCount null when the filter never
 * had one), and hands them to a background refresher that recounts them one at a time, so the
 * next list has them fresh. A single segment (getSegment, countMembers, listMembers) is always
 * counted fresh.
 */
import { createHash } from 'node:crypto';
import { isSegmentError, type Segment } from '../src/core.ts';
import type { Listed } from '../src/rules.ts';
import type { Queryable } from './db.ts';
import { countFilter } from './filters.ts';
import { countTopSpenders, topSpendersLimit } from './top-spenders.ts';
import type { StoreSettings } from './stores.ts';
import { recordCounts, storeToday } from './history.ts';

/** A segment as answered by the API: the count may be an older one, marked so. */
export type CountedSegment = Segment & { countStale?: true };

export interface CountBudget {
  /** Most stale segments one call recounts before answering; default 4. */
  maxCounts: number;
  /**
   * Recounting starts no new count once this much time has passed; default unbounded, so the
   * same list answers the same way on a busy machine (each count is bounded by the statement
   * timeout, and there are at most maxCounts of them).
   */
  budgetMs: number;
}

const DEFAULT_BUDGET: CountBudget = { maxCounts: 4, budgetMs: Infinity };
let listBudget: CountBudget = DEFAULT_BUDGET;

/**
 * Sets how much recounting one list may do (the bench compares the old recount-everything path
 * with `{ maxCounts: Infinity, budgetMs: Infinity }`); without an argument, the defaults again.
 */
export function setListCountBudget(budget: Partial<CountBudget> = {}): void {
  listBudget = { ...DEFAULT_BUDGET, ...budget };
}

/**
 * The segments with their memberCount (null for a filter this store cannot evaluate). With
 * `budget` (lists), stale counts beyond it come back as they were, marked `countStale`.
 */
export async function withCounts(
  db: Queryable,
  store: StoreSettings,
  segments: readonly Listed[],
  budget?: CountBudget | 'list',
): Promise<CountedSegment[]> {
  if (!segments.length) return [];
  const limits = budget === 'list' ? listBudget : budget;
  const [{ change_seq: seq }] = await db.query<{ change_seq: string }>(
    'SELECT change_seq FROM stores WHERE store_id = $1',
    [store.storeId],
  );
  const ids = segments.map((s) => s.id);
  const cached = new Map(
    (
      await db.query<{
        segment_id: string;
        member_count: number | null;
        fresh: boolean | null;
        member_total: number | null;
      }>(
        `SELECT i.id AS segment_id, c.member_count, c.change_seq = $3 AS fresh, s.member_total
           FROM unnest($2::text[], $4::text[]) AS i(id, filter_hash)
           LEFT JOIN segment_counts c
             ON c.store_id = $1 AND c.segment_id = i.id AND c.filter_hash = i.filter_hash
           LEFT JOIN segments s ON s.store_id = $1 AND s.id = i.id AND s.type = 'csv'`,
        [store.storeId, ids, seq, segments.map((s) => filterHash(s, store))],
      )
    ).map((row) => [row.segment_id, row]),
  );
  const started = performance.now();
  let counted = 0;
  const result: CountedSegment[] = [];
  for (const segment of segments) {
    const row = cached.get(segment.id);
    const answer: CountedSegment = { ...structuredClone(segment), memberCount: null };
    if (segment.status === 'importing') {
      // its progress says how far
    } else if (segment.type === 'csv') answer.memberCount = row?.member_total ?? 0;
    else if (row?.fresh) answer.memberCount = row.member_count;
    else if (segment.type === 'predefined' && topSpendersLimit(segment.id) !== undefined) {
      // At most N rows read from the spend index: cheap enough to be outside the budget.
      answer.memberCount = await countAndRemember(db, store, segment, seq);
    } else if (
      !limits ||
      (counted < limits.maxCounts && performance.now() - started < limits.budgetMs)
    ) {
      counted += 1;
      answer.memberCount = await countAndRemember(db, store, segment, seq);
    } else {
      answer.memberCount = row?.member_count ?? null;
      answer.countStale = true;
      refreshLater(db, store, segment);
    }
    result.push(answer);
  }
  // Every count answered is the day's count in the segment's history (a stale one is not).
  await recordCounts(
    db,
    store,
    result.filter((s) => !s.countStale),
  );
  return result;
}

/** Resolves once the background refresher has nothing left to do (tests and the bench wait). */
export async function countRefreshesSettled(): Promise<void> {
  while (refreshing) await refreshing;
}

// ---- helpers ----

async function countAndRemember(
  db: Queryable,
  store: StoreSettings,
  segment: Listed,
  seq: string,
): Promise<number | null> {
  let count: number;
  try {
    const top = segment.type === 'predefined' ? topSpendersLimit(segment.id) : undefined;
    count =
      top === undefined
        ? (await countFilter(db, store, segment.filter!)).count
        : await countTopSpenders(db, store.storeId, top);
  } catch (error) {
    // A global segment naming a field this store does not have: listed, but not countable.
    // Or one naming a CSV segment that is still importing: not countable yet.
    if (isSegmentError(error, 'invalid') || isSegmentError(error, 'incomplete')) return null;
    throw error;
  }
  await db.query(
    `INSERT INTO segment_counts (store_id, segment_id, change_seq, filter_hash, member_count)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, segment_id) DO UPDATE
       SET change_seq = excluded.change_seq, filter_hash = excluded.filter_hash,
           member_count = excluded.member_count
       WHERE segment_counts.change_seq <= excluded.change_seq`,
    [store.storeId, segment.id, seq, filterHash(segment, store), count],
  );
  return count;
}

/** Stale segments waiting for a recount, by store and id: each is queued once. */
const waiting = new Map<string, { db: Queryable; store: StoreSettings; segment: Listed }>();
let refreshing: Promise<void> | undefined;

function refreshLater(db: Queryable, store: StoreSettings, segment: Listed): void {
  waiting.set(`${store.storeId}\u0000${segment.id}`, { db, store, segment });
  startRefresher();
}

/**
 * The refresher starts a moment after the list that queued it, so its counts do not queue up
 * in front of that list's own last statements (on PGlite, one connection serves everything).
 */
const REFRESH_DELAY_MS = 50;

function startRefresher(): void {
  if (refreshing || !waiting.size) return;
  refreshing = new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS))
    .then(refreshAll)
    .finally(() => {
      refreshing = undefined;
      startRefresher();
    });
}

/**
 * One count at a time, against the store's change_seq when it starts, so the background never
 * takes more than one connection; a failure (the database closed, a statement timeout) only
 * leaves that count stale for the next list to queue again.
 */
async function refreshAll(): Promise<void> {
  for (const [key, { db, store, segment }] of waiting) {
    waiting.delete(key);
    try {
      const [row] = await db.query<{ change_seq: string }>(
        'SELECT change_seq FROM stores WHERE store_id = $1',
        [store.storeId],
      );
      if (!row) continue;
      const memberCount = await countAndRemember(labelled(db), store, segment, row.change_seq);
      await recordCounts(labelled(db), store, [{ id: segment.id, memberCount }]);
    } catch {
      // left stale; the next list that meets it queues it again
    }
  }
}

/** Statements of the refresher, named as such where the database lists what runs. */
export const BACKGROUND_LABEL = '\n/* user-segments: background recount */';
const labelled = (db: Queryable): Queryable => ({
  query: (sql, params) => db.query(sql + BACKGROUND_LABEL, params),
  exec: (sql) => db.exec(sql + BACKGROUND_LABEL),
});

/**
 * What a remembered count was counted for: the filter, and the store's day — a date rule
 * ("last order in the last 30 days") counts differently tomorrow with the same customers, so a
 * count from an earlier day is not fresh.
 */
const filterHash = (segment: Listed, store: StoreSettings) =>
  createHash('sha256')
    .update(JSON.stringify(segment.filter ?? null))
    .update(storeToday(store))
    .digest('base64url');
