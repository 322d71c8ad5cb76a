/**
 * Filters as SQL for one store, through `filterToSql` (user-segments/core): the same semantics
 * as the browser's compileFilter, every value a bound parameter. The store's rows are two CTEs
 * that the query planner inlines (NOT MATERIALIZED), so the customer indexes, all of which start
 * with store_id, still serve the query, and spendRank ranks the store's customers only.
 */
import {
  PREDEFINED_SEGMENTS,
  SegmentError,
  filterToSql,
  type FilterGroup,
  type SegmentLookup,
} from '../src/core.ts';
import { incomplete, referencedSegmentIds } from '../src/rules.ts';
import type { Queryable } from './db.ts';
import type { StoreSettings } from './stores.ts';

export interface StoreQuery {
  /** `WITH store_customers …, store_members …` — put it before the SELECT. */
  with: string;
  /** The filter as a boolean expression over `store_customers`' columns. */
  where: string;
  params: unknown[];
}

/** The filter's WHERE expression for this store, with the store's rows as `store_customers`. */
export function storeQuery(
  store: StoreSettings,
  filter: FilterGroup,
  segments: SegmentLookup,
): StoreQuery {
  const { sql, params } = filterToSql(filter, {
    dialect: 'postgres',
    table: 'store_customers',
    membersTable: 'store_members',
    segments,
    // "Today" of date rules is the store's day, by the same clock its history is kept by.
    ctx: { now: store.now?.(), timeZone: store.timeZone, defaultCountry: store.defaultCountry },
  });
  const storeParam = `$${params.length + 1}`;
  return {
    with:
      `WITH store_customers AS NOT MATERIALIZED ` +
      `(SELECT * FROM customers WHERE store_id = ${storeParam}), ` +
      `store_members AS NOT MATERIALIZED (SELECT segment_id, customer_id FROM segment_members ` +
      `WHERE store_id = ${storeParam})`,
    where: sql,
    params: [...params, store.storeId],
  };
}

/** How many of the store's customers the filter selects, and how many it has in all. */
export async function countFilter(
  db: Queryable,
  store: StoreSettings,
  filter: FilterGroup,
): Promise<{ count: number; total: number }> {
  const q = storeQuery(store, filter, await segmentLookup(db, store.storeId, filter));
  const [row] = await db.query<{ count: number; total: number }>(
    // WHERE rather than count(*) FILTER: PostgreSQL orders a WHERE clause's conditions
    // cheapest first, so costly text tests run only on the rows the cheap ones let through.
    `${q.with} SELECT (SELECT count(*) FROM store_customers WHERE ${q.where})::int AS count,
                      customer_count AS total FROM stores WHERE store_id = $${q.params.length}`,
    q.params,
  );
  return row!;
}

/**
 * The segments a filter names, directly or through the segments it names: this store's and the
 * global ones. CSV segments test membership in segment_members (filterToSql reads the table
 * itself, so no member ids are loaded here).
 */
export async function segmentLookup(
  db: Queryable,
  storeId: string,
  filter: unknown,
): Promise<SegmentLookup> {
  const found = new Map<string, { filter: FilterGroup } | { memberIds: ReadonlySet<string> }>();
  const asked = new Set<string>();
  let queue = named(filter);
  while (queue.length) {
    const ids = queue.filter((id) => !asked.has(id) && !PREDEFINED_IDS.has(id));
    if (!ids.length) break;
    for (const id of ids) asked.add(id);
    const rows = await db.query<{
      id: string;
      name: string;
      type: string;
      filter: FilterGroup | null;
      status: string;
      received: number;
      accepted: string | null;
    }>(
      `SELECT id, name, type, filter, status, received, csv->>'accepted' AS accepted
         FROM segments WHERE store_id = $1 AND id = ANY($2::text[])
       UNION ALL
       SELECT id, name, 'filter', filter, 'ready', 0, NULL FROM global_segments
        WHERE id = ANY($2::text[])`,
      [storeId, ids],
    );
    queue = [];
    for (const row of rows) {
      if (found.has(row.id)) continue;
      // Not all its members are in yet: nothing may be counted or saved on top of it.
      if (row.status === 'importing') {
        throw incomplete(row.name, {
          received: Number(row.received),
          expected: Number(row.accepted ?? 0),
        });
      }
      found.set(row.id, row.type === 'csv' ? { memberIds: NO_IDS } : { filter: row.filter! });
      queue.push(...named(row.filter));
    }
  }
  return (id) => found.get(id);
}

/** A filter from a request that is not even a group is refused before any SQL is written. */
export function assertGroup(filter: unknown): asserts filter is FilterGroup {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new SegmentError('invalid', 'A filter is a group of conditions.', {
      issues: [{ path: 'filter', code: 'not-a-group', message: 'Send a filter group.' }],
    });
  }
}

// ---- helpers ----

const PREDEFINED_IDS = new Set(PREDEFINED_SEGMENTS.map((s) => s.id));
const NO_IDS: ReadonlySet<string> = new Set();

function named(filter: unknown): string[] {
  return filter && typeof filter === 'object' ? referencedSegmentIds(filter as FilterGroup) : [];
}
