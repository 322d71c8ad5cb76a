/**
 * CSV segments while they import: the Idempotency-Key of `POST /segments` (a replay with the
 * same draft answers the segment the first request made, so a client whose answer was lost
 * sends it again safely), `POST /segments/{id}/finish-import`, which makes an importing
 * segment 'ready' once every contact of its file landed, and `reopen-import` /
 * `abandon-import`, through which a ready segment takes another file or gives it up.
 *
 * A reopened import stages its contacts in segment_members after position `reopen.mark` (the
 * last position before it): finishing an 'add' keeps every row, finishing a 'replace' deletes
 * the rows up to the mark, abandoning deletes the rows after it.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  alreadyImporting,
  assertFinishable,
  checkReopen,
  conflictError,
  draftFingerprint,
  isSameReopen,
  keyReused,
  notFound,
  notReopened,
} from '../src/rules.ts';
import {
  SegmentError,
  type CsvSummary,
  type ReopenMode,
  type Segment,
  type SegmentDraft,
} from '../src/core.ts';
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
    reopenImport: (store: StoreSettings, request: FastifyRequest, answer: FastifyReply) => {
      const body = request.body as { mode: ReopenMode; csv: CsvSummary };
      const version = Number(
        String(request.headers['if-match']).replace(/^W\//, '').replaceAll('"', ''),
      );
      return reopenImport(db, store, (request.params as { id: string }).id, {
        ...body,
        expectedVersion: version,
      }).then(reply(answer, 200));
    },
    abandonImport: (store: StoreSettings, request: FastifyRequest, answer: FastifyReply) =>
      abandonImport(db, store, (request.params as { id: string }).id).then(reply(answer, 200)),
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
    // A replacing upload's contacts become the only members: the rows before it go.
    if (row.reopen?.mode === 'replace') {
      await tx.query(
        'DELETE FROM segment_members WHERE store_id = $1 AND segment_id = $2 AND position <= $3',
        [store.storeId, id, row.reopen.mark],
      );
    }
    await tx.query(
      `UPDATE segments SET status = 'ready', reopen = NULL, version = version + 1,
              updated_at = greatest(now(), updated_at)
        WHERE store_id = $1 AND id = $2`,
      [store.storeId, id],
    );
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
}

/**
 * Puts a ready CSV segment back to 'importing' for another file; in 'replace' mode
 * member_total counts the staged contacts only (the old total is kept in `reopen`).
 */
export async function reopenImport(
  db: Db,
  store: StoreSettings,
  id: string,
  reopen: { mode: ReopenMode; csv: CsvSummary; expectedVersion: number },
): Promise<Segment> {
  assertWritable(await findSegment(db, store, id));
  const asked = checkReopen(reopen);
  await db.transaction(async (tx) => {
    const row = await lockSegment(tx, store, id);
    if (row.type !== 'csv') throw notCsv();
    if (isSameReopen({ ...row, csv: row.csv ?? undefined }, asked)) return;
    if (row.status === 'importing') throw alreadyImporting(row.name);
    if (row.version !== asked.expectedVersion) throw conflictError(row.name);
    const [{ mark }] = await tx.query<{ mark: number }>(
      `SELECT coalesce(max(position), 0) AS mark FROM segment_members
        WHERE store_id = $1 AND segment_id = $2`,
      [store.storeId, id],
    );
    const state = {
      mode: asked.mode,
      generation: Number(row.reopens) + 1,
      mark: Number(mark),
      previousCsv: row.csv,
      previousTotal: Number(row.member_total),
    };
    await tx.query(
      `UPDATE segments SET status = 'importing', received = 0, csv = $3, reopen = $4,
              reopens = reopens + 1,
              member_total = CASE WHEN $5 THEN 0 ELSE member_total END,
              version = version + 1, updated_at = greatest(now(), updated_at)
        WHERE store_id = $1 AND id = $2`,
      [
        store.storeId,
        id,
        JSON.stringify(asked.csv),
        JSON.stringify(state),
        asked.mode === 'replace',
      ],
    );
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
}

/** Drops a reopened import's staged contacts and puts back the segment as it was before. */
export async function abandonImport(db: Db, store: StoreSettings, id: string): Promise<Segment> {
  assertWritable(await findSegment(db, store, id));
  await db.transaction(async (tx) => {
    const row = await lockSegment(tx, store, id);
    if (row.type !== 'csv') throw notCsv();
    if (row.status !== 'importing') return;
    if (!row.reopen) throw notReopened();
    await tx.query(
      'DELETE FROM segment_members WHERE store_id = $1 AND segment_id = $2 AND position > $3',
      [store.storeId, id, row.reopen.mark],
    );
    await tx.query(
      `UPDATE segments SET status = 'ready', received = 0, reopen = NULL, csv = $3,
              member_total = $4, version = version + 1,
              updated_at = greatest(now(), updated_at)
        WHERE store_id = $1 AND id = $2`,
      [store.storeId, id, JSON.stringify(row.reopen.previousCsv), row.reopen.previousTotal],
    );
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
}

async function lockSegment(tx: Queryable, store: StoreSettings, id: string): Promise<SegmentRow> {
  const [row] = await tx.query<SegmentRow>(
    'SELECT * FROM segments WHERE store_id = $1 AND id = $2 FOR UPDATE',
    [store.storeId, id],
  );
  if (!row) throw notFound(id);
  return row;
}

const notCsv = () =>
  new SegmentError('invalid', 'Only a CSV segment imports contacts.', {
    issues: [{ path: 'segmentId', code: 'not-csv', message: 'Not a CSV segment.' }],
  });

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
