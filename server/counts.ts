/**
 * Member counts shown beside each segment. A CSV segment's count is its stored member total; a
 * filter's is counted in SQL and cached per segment with the store's change_seq, so listing
 * segments repeatedly on an unchanged store costs one small read, and any write to the store
 * (customers, orders, segments, members) makes every cached count stale at once; so does a
 * change to the segment's filter (a global segment's filter changes without any store changing).
 */
import { createHash } from 'node:crypto';
import { isSegmentError, type Segment } from '../src/core.ts';
import type { Listed } from '../src/segments/rules.ts';
import type { Queryable } from './db.ts';
import { countFilter } from './filters.ts';
import { countTopSpenders, topSpendersLimit } from './top-spenders.ts';
import type { StoreSettings } from './stores.ts';

/** The segments with their memberCount (null for a filter this store cannot evaluate). */
export async function withCounts(
  db: Queryable,
  store: StoreSettings,
  segments: readonly Listed[],
): Promise<Segment[]> {
  if (!segments.length) return [];
  const [{ change_seq: seq }] = await db.query<{ change_seq: string }>(
    'SELECT change_seq FROM stores WHERE store_id = $1',
    [store.storeId],
  );
  const ids = segments.map((s) => s.id);
  const cached = new Map(
    (
      await db.query<{ segment_id: string; member_count: number; member_total: number | null }>(
        `SELECT i.id AS segment_id, c.member_count, s.member_total
           FROM unnest($2::text[], $4::text[]) AS i(id, filter_hash)
           LEFT JOIN segment_counts c
             ON c.store_id = $1 AND c.segment_id = i.id AND c.change_seq = $3
            AND c.filter_hash = i.filter_hash
           LEFT JOIN segments s ON s.store_id = $1 AND s.id = i.id AND s.type = 'csv'`,
        [store.storeId, ids, seq, segments.map(filterHash)],
      )
    ).map((row) => [row.segment_id, row]),
  );
  const result: Segment[] = [];
  for (const segment of segments) {
    const row = cached.get(segment.id);
    let memberCount: number | null;
    if (segment.status === 'importing')
      memberCount = null; // its progress says how far
    else if (segment.type === 'csv') memberCount = row?.member_total ?? 0;
    else if (row?.member_count != null) memberCount = row.member_count;
    else memberCount = await countAndRemember(db, store, segment, seq);
    result.push({ ...structuredClone(segment), memberCount });
  }
  return result;
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
    [store.storeId, segment.id, seq, filterHash(segment), count],
  );
  return count;
}

const filterHash = (segment: Listed) =>
  createHash('sha256')
    .update(JSON.stringify(segment.filter ?? null))
    .digest('base64url');
