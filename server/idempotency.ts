/**
 * `Idempotency-Key` for the reference backend's writes: the first successful answer to a
 * request sent with a key is stored (table `idempotency_keys`, migration 006), and the same
 * request sent again with that key gets that answer back instead of being applied a second
 * time. A retry after a lost answer is then recognised as the client's own: a PUT is not
 * refused as `conflict`, a POST does not create a second segment.
 *
 * Only successful answers (2xx) are stored: a refused request changed nothing and is simply
 * judged again. The same key sent with another method or path is 422 `invalid`
 * (`key-reused`). Keys are kept per store for `KEY_TTL_MS` and at most `MAX_KEYS_PER_STORE` of
 * them, the oldest pruned first whenever one is stored.
 */
import { SegmentError, isSegmentError } from '../src/core.ts';
import type { Queryable } from './db.ts';

/** How long a stored answer is replayed: 24 hours. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** The most keys one store keeps; the oldest go first. */
export const MAX_KEYS_PER_STORE = 1_000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** The request a key belongs to. */
export interface KeyedRequest {
  storeId: string;
  /** The Idempotency-Key header; without one, the work simply runs. */
  key: string | undefined;
  method: string;
  /** The path without query, e.g. `/segments/abc`. */
  path: string;
}

/**
 * The answer stored for this key, if any; `key-reused` (422) when the key was used for another
 * method or path.
 */
export async function storedAnswer(
  db: Queryable,
  request: KeyedRequest & { key: string },
): Promise<StoredAnswer | undefined> {
  const [row] = await db.query<{ method: string; path: string; status: number; body: unknown }>(
    `SELECT method, path, status, body FROM idempotency_keys
      WHERE store_id = $1 AND key = $2 AND created_at > now() - make_interval(secs => $3)`,
    [request.storeId, request.key, KEY_TTL_MS / 1000],
  );
  if (!row) return undefined;
  if (row.method !== request.method || row.path !== request.path) throw keyReused();
  return { status: row.status, body: row.body };
}

/** Stores a successful answer under its key (the first one wins), then prunes the store's keys. */
export async function rememberAnswer(
  db: Queryable,
  request: KeyedRequest & { key: string },
  answer: StoredAnswer,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (store_id, key, method, path, status, body)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (store_id, key) DO UPDATE
       SET method = EXCLUDED.method, path = EXCLUDED.path, status = EXCLUDED.status,
           body = EXCLUDED.body, created_at = now()
       WHERE idempotency_keys.created_at <= now() - make_interval(secs => $7)`,
    [
      request.storeId,
      request.key,
      request.method,
      request.path,
      answer.status,
      answer.body === undefined ? null : JSON.stringify(answer.body),
      KEY_TTL_MS / 1000,
    ],
  );
  await db.query(
    `DELETE FROM idempotency_keys
      WHERE store_id = $1
        AND (created_at <= now() - make_interval(secs => $2)
             OR key IN (SELECT key FROM idempotency_keys WHERE store_id = $1
                         ORDER BY created_at DESC, key OFFSET $3))`,
    [request.storeId, KEY_TTL_MS / 1000, MAX_KEYS_PER_STORE],
  );
}

/**
 * Runs `work` once per key: a stored answer is replayed (`replayed: true`); otherwise `work`
 * runs and a 2xx answer is stored. When `work` fails because a request with the same key got
 * there first (two copies of one request racing), that request's answer is replayed instead.
 */
export async function idempotent(
  db: Queryable,
  request: KeyedRequest,
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const { key } = request;
  if (key === undefined) return { ...(await work()), replayed: false };
  const keyed = { ...request, key };
  const stored = await storedAnswer(db, keyed);
  if (stored) return { ...stored, replayed: true };
  let answer: StoredAnswer;
  try {
    answer = await work();
  } catch (error) {
    const raced = isSegmentError(error) ? await storedAnswer(db, keyed) : undefined;
    if (raced) return { ...raced, replayed: true };
    throw error;
  }
  if (answer.status >= 200 && answer.status < 300) await rememberAnswer(db, keyed, answer);
  return { ...answer, replayed: false };
}

function keyReused(): SegmentError {
  return new SegmentError('invalid', 'This Idempotency-Key was used for another request.', {
    issues: [
      {
        path: 'headers.idempotency-key',
        code: 'key-reused',
        message: 'Send a new key for a new request.',
      },
    ],
  });
}
