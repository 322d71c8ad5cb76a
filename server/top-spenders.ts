/**
 * The predefined Top 10 / 50 / 100 High-Value Spenders, read in rank order. filterToSql ranks
 * every buyer of the store so that any spendRank rule works; these segments only need the first
 * N buyers in rank order (total_spent desc, created_at, id), which the
 * customers_spend_rank index hands out in O(N). The answers are the same by definition;
 * rest-top-spenders.test.ts checks them against filterToSql's.
 */
import { PREDEFINED_SEGMENTS } from '../src/core.ts';
import { invalidQuery } from '../src/rules.ts';
import type { Queryable } from './db.ts';
import { customerColumns, type CustomerRow } from './customer-rows.ts';

/** N for a predefined Top-N segment id, else undefined. */
export function topSpendersLimit(segmentId: string): number | undefined {
  const predefined = PREDEFINED_SEGMENTS.find((s) => s.id === segmentId);
  const rule = predefined?.filter.rules[0];
  return rule && 'field' in rule && rule.field === 'spendRank' && rule.operator === 'lte'
    ? (rule.value as number)
    : undefined;
}

/** How many customers a Top-N segment holds: N, or fewer when the store has fewer buyers. */
export async function countTopSpenders(db: Queryable, storeId: string, n: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM customers
        WHERE store_id = $1 AND orders_count > 0 LIMIT $2) AS top`,
    [storeId, n],
  );
  return row!.n;
}

/** One page of a Top-N segment in rank order; each customer's spendRank is its position. */
export async function listTopSpenders(
  db: Queryable,
  storeId: string,
  n: number,
  q: { cursor?: string; limit?: number },
): Promise<{ rows: CustomerRow[]; ranks: number[]; total: number; next?: string }> {
  const limit = q.limit ?? 50;
  const after = decode(q.cursor);
  const room = Math.min(limit + 1, n - after.rank);
  if (room <= 0) return { rows: [], ranks: [], total: await countTopSpenders(db, storeId, n) };
  const keyset = after.rank > 0;
  // A first page with room for all N is the whole segment: its rows are its size. Otherwise
  // the size rides along in the same statement: one round trip per page.
  const whole = !keyset && room === n;
  const rows = await db.query<CustomerRow & { us_total?: number }>(
    `SELECT ${customerColumns('customers')}${
      whole
        ? ''
        : `, (SELECT count(*)::int FROM (SELECT 1 FROM customers
                 WHERE store_id = $1 AND orders_count > 0 LIMIT ${n}) AS top) AS us_total`
    }
       FROM customers
      WHERE store_id = $1 AND orders_count > 0
        ${
          keyset
            ? `AND (total_spent < $2 OR (total_spent = $2 AND (created_at > $3
                 OR (created_at = $3 AND (id COLLATE "C") > $4))))`
            : ''
        }
      ORDER BY customers.total_spent DESC, customers.created_at, (customers.id COLLATE "C")
      LIMIT ${room}`,
    keyset ? [storeId, after.spent, after.createdAt, after.id] : [storeId],
  );
  const page = rows.slice(0, limit);
  const ranks = page.map((_, i) => after.rank + i + 1);
  const last = page[page.length - 1];
  const more = rows.length > limit && after.rank + limit < n;
  const total = whole
    ? rows.length
    : (rows[0]?.us_total ?? (await countTopSpenders(db, storeId, n)));
  return {
    rows: page,
    ranks,
    total,
    next:
      more && last
        ? encode({
            rank: after.rank + page.length,
            spent: String(last.total_spent),
            createdAt: last.created_at,
            id: last.id!,
          })
        : undefined,
  };
}

// ---- helpers ----

interface RankCursor {
  rank: number;
  spent?: string;
  createdAt?: string;
  id?: string;
}

function encode(cursor: RankCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor })).toString('base64url');
}

function decode(cursor: string | undefined): RankCursor {
  if (cursor === undefined) return { rank: 0 };
  try {
    const { t } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t: RankCursor;
    };
    if (
      Number.isInteger(t.rank) &&
      t.rank > 0 &&
      /^\d+$/.test(String(t.spent)) &&
      !Number.isNaN(Date.parse(String(t.createdAt))) &&
      typeof t.id === 'string'
    ) {
      return t;
    }
  } catch {
    // falls through
  }
  throw invalidQuery('cursor', 'This page link is not valid any more; start from the first page.');
}
