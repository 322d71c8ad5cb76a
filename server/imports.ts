/**
 * CSV segments while they import: the Idempotency-Key of `POST /segments` (a replay with the
 * same draft answers the segment the first request made, so a client whose answer was lost
 * sends it again safely) and `POST /segments/{id}/finish-import`, which makes an importing
 * segment 'ready' once every contact of its file landed.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Segment, SegmentDraft } from '../src/core.ts';
import { assertFinishable, draftFingerprint, keyReused, notFound } from '../src/rules.ts';
import type { Db, Queryable } from './db.ts';
import {
  assertWritable,
  createSegment,
  findSegment,
  getSegment,
  type SegmentRow,
} from './segments.ts';
import { touchStore, type StoreSettings } from './stores.ts';

/** The routes of this file, by operation id, for app.ts to serve. */
export function importHandlers(db: Db) {
  const reply = (answer: FastifyReply, status: number) => (segment: Segment) =>
    answer.status(status).header('etag', `"${segment.version}"`).send(segment);
  return {
    createSegment: (store: StoreSettings, request: FastifyRequest, answer: FastifyReply) => {
      const key = request.headers['idempotency-key'];
      return createSegment(
        db,
        store,
        request.body as SegmentDraft,
        typeof key === 'string' ? key : undefined,
      ).then(reply(answer, 201));
    },
    finishImport: (store: StoreSettings, request: FastifyRequest, answer: FastifyReply) =>
      finishImport(db, store, (request.params as { id: string }).id).then(reply(answer, 200)),
  };
}

/** Marks an importing CSV segment ready once `received` reached `csv.accepted`. */
export async function finishImport(db: Db, store: StoreSettings, id: string): Promise<Segment> {
  assertWritable(await findSegment(db, store, id));
  await db.transaction(async (tx) => {
    const [row] = await tx.query<SegmentRow>(
      'SELECT * FROM segments WHERE store_id = $1 AND id = $2 FOR UPDATE',
      [store.storeId, id],
    );
    if (!row) throw notFound(id);
    assertFinishable({ ...row, csv: row.csv ?? undefined });
    if (row.status !== 'importing') return;
    await tx.query(
      `UPDATE segments SET status = 'ready', version = version + 1,
              updated_at = greatest(now(), updated_at)
        WHERE store_id = $1 AND id = $2`,
      [store.storeId, id],
    );
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
}

/**
 * The id of the segment an earlier request with this key made (still there), or undefined;
 * `invalid` (`key-reused`) when that request sent another draft.
 */
export async function madeWithKey(
  db: Queryable,
  store: StoreSettings,
  key: string,
  draft: SegmentDraft,
): Promise<string | undefined> {
  const [row] = await db.query<{ body_hash: string; segment_id: string }>(
    `SELECT body_hash, segment_id FROM segment_creates
      WHERE store_id = $1 AND idempotency_key = $2`,
    [store.storeId, key],
  );
  if (!row) return undefined;
  if (row.body_hash !== hash(draft)) throw keyReused();
  return row.segment_id;
}

export async function recordKey(
  tx: Queryable,
  store: StoreSettings,
  key: string,
  draft: SegmentDraft,
  segmentId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO segment_creates (store_id, idempotency_key, body_hash, segment_id)
     VALUES ($1, $2, $3, $4)`,
    [store.storeId, key, hash(draft), segmentId],
  );
}

const hash = (draft: SegmentDraft) =>
  createHash('sha256').update(draftFingerprint(draft)).digest('base64url');
