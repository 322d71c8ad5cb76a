/**
 * The store's segments: listing, reading and writing them with the rules every adapter shares
 * (names unique per store, trimmed and case-insensitively; predefined and global segments
 * read-only; optimistic concurrency by version; copies named "(copy)", "(copy 2)"…).
 * Predefined segments are not rows: they come from PREDEFINED_SEGMENTS, the same in every store.
 */
import {
  SegmentError,
  validateFilter,
  type FilterGroup,
  type Page,
  type Segment,
  type SegmentDraft,
  type SegmentScope,
} from '../src/core.ts';
import {
  PREDEFINED_LISTED,
  assertReady,
  checkDraft,
  checkName,
  conflictError,
  copyName,
  globalToListed,
  importProgress,
  inUseError,
  invalidFilterError,
  invalidQuery,
  nameKey,
  nameTakenError,
  notFound,
  pageOf,
  readOnlyError,
  referencedSegmentIds,
  sortKey,
  typeChangeError,
  type Listed,
} from '../src/rules.ts';
import type { Db, Queryable } from './db.ts';
import { withCounts } from './counts.ts';
import { segmentLookup } from './filters.ts';
import { touchStore, type StoreSettings } from './stores.ts';
import { madeWithKey, recordKey } from './imports.ts';

export type { Listed } from '../src/rules.ts';

const PREDEFINED_KEYS = new Set(PREDEFINED_LISTED.map((p) => nameKey(p.name)));
const PREDEFINED_IDS = new Set(PREDEFINED_LISTED.map((p) => p.id));

/** One page of a scope: predefined segments first, then the store's own by name. */
export async function listSegments(
  db: Queryable,
  store: StoreSettings,
  q: { scope: SegmentScope; search?: string; cursor?: string; limit?: number },
): Promise<Page<Segment>> {
  const limit = q.limit ?? 50;
  if (q.scope === 'global') {
    const globals = await db.query<GlobalRow>('SELECT * FROM global_segments');
    const sorted = globals
      .map((row) => globalToListed(globalRow(row)))
      .map((segment) => ({ key: sortKey(segment), segment }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = pageOf(sorted, { ...q, limit });
    return { ...page, items: await withCounts(db, store, page.items, 'list') };
  }
  const needle = typeof q.search === 'string' ? nameKey(q.search) : '';
  const after = decodeListCursor(q.cursor);
  const predefined = PREDEFINED_LISTED.map((segment, index) => ({ segment, index })).filter(
    ({ segment }) => segment.name.toLowerCase().includes(needle),
  );
  const [{ n: own }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM segments WHERE store_id = $1 AND strpos(name_key, $2) > 0',
    [store.storeId, needle],
  );
  const waiting = predefined.filter(
    ({ index }) => after === undefined || ('p' in after && index > after.p),
  );
  const items: Listed[] = waiting.slice(0, limit).map(({ segment }) => segment);
  let more = waiting.length > items.length;
  const room = limit - items.length;
  if (room > 0) {
    const keyset = after && 'k' in after;
    const rows = await db.query<SegmentRow>(
      `SELECT * FROM segments
        WHERE store_id = $1 AND strpos(name_key, $2) > 0
          ${keyset ? 'AND (name_key COLLATE "C", id COLLATE "C") > ($3, $4)' : ''}
        ORDER BY name_key COLLATE "C", id COLLATE "C" LIMIT ${room + 1}`,
      keyset ? [store.storeId, needle, after.k, after.i] : [store.storeId, needle],
    );
    more = rows.length > room;
    items.push(...rows.slice(0, room).map(storedRow));
  } else if (!more) {
    more = own > 0;
  }
  const page: Page<Segment> = {
    items: await withCounts(db, store, items, 'list'),
    total: predefined.length + own,
  };
  const last = items[items.length - 1];
  if (more && last) page.next = encodeListCursor(last);
  return page;
}

/** A segment of any scope by id, or `not-found`. */
export async function findSegment(
  db: Queryable,
  store: StoreSettings,
  id: string,
): Promise<Listed> {
  const predefined = PREDEFINED_LISTED.find((p) => p.id === id);
  if (predefined) return predefined;
  const [row] = await db.query<SegmentRow>(
    'SELECT * FROM segments WHERE store_id = $1 AND id = $2',
    [store.storeId, id],
  );
  if (row) return storedRow(row);
  const [global] = await db.query<GlobalRow>('SELECT * FROM global_segments WHERE id = $1', [id]);
  if (global) return globalToListed(globalRow(global));
  throw notFound(id);
}

export async function getSegment(
  db: Queryable,
  store: StoreSettings,
  id: string,
): Promise<Segment> {
  const [segment] = await withCounts(db, store, [await findSegment(db, store, id)]);
  return segment!;
}

/**
 * A CSV segment starts 'importing'. With an idempotency key, the same key and draft answer the
 * segment the first request made (imports.ts keeps the keys).
 */
export async function createSegment(
  db: Db,
  store: StoreSettings,
  draft: SegmentDraft,
  idempotencyKey?: string,
): Promise<Segment> {
  const checked = checkDraft(draft);
  const id = crypto.randomUUID();
  assertNotPredefinedName(checked.name);
  let made: string;
  try {
    made = await writeTransaction(db, async (tx) => {
      const earlier = idempotencyKey && (await madeWithKey(tx, store, idempotencyKey, checked));
      if (earlier) return earlier;
      await lockInOrder(tx, store.storeId, id, checked.filter);
      await checkFilter(tx, store, checked.filter, id);
      const status = checked.type === 'csv' ? 'importing' : 'ready';
      await insertSegment(tx, store, { id, ...checked, memberTotal: 0, status });
      if (idempotencyKey) await recordKey(tx, store, idempotencyKey, checked, id);
      await touchStore(tx, store.storeId);
      return id;
    });
  } catch (error) {
    // The same key sent twice at once: the second waited on the first, whose segment it is.
    const earlier = idempotencyKey && (await madeWithKey(db, store, idempotencyKey, checked));
    if (!earlier) throw error;
    made = earlier;
  }
  return getSegment(db, store, made);
}

export async function updateSegment(
  db: Db,
  store: StoreSettings,
  id: string,
  draft: SegmentDraft,
  expectedVersion: number,
): Promise<Segment> {
  assertWritable(await findSegment(db, store, id));
  const checked = checkDraft(draft);
  assertNotPredefinedName(checked.name);
  await writeTransaction(db, async (tx) => {
    const current = await lockInOrder(tx, store.storeId, id, checked.filter);
    if (!current) throw notFound(id);
    if (current.version !== expectedVersion) throw conflictError(current.name);
    if (current.type !== checked.type) throw typeChangeError();
    await checkFilter(tx, store, checked.filter, id);
    await nameTakenOnUniqueViolation(() =>
      tx.query(
        `UPDATE segments SET name = $3, name_key = $4, filter = $5, csv = $6,
                version = version + 1, updated_at = greatest(now(), updated_at)
          WHERE store_id = $1 AND id = $2`,
        [
          store.storeId,
          id,
          checked.name,
          nameKey(checked.name),
          json(checked.filter),
          json(checked.csv),
        ],
      ),
    );
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
}

export async function deleteSegment(db: Db, store: StoreSettings, id: string): Promise<void> {
  assertWritable(await findSegment(db, store, id));
  await writeTransaction(db, async (tx) => {
    // The row lock waits for any write naming this segment (they hold it FOR SHARE) and keeps
    // new ones out until the delete commits, so the scan below cannot miss a dependant.
    const [current] = await tx.query<SegmentRow>(
      'SELECT * FROM segments WHERE store_id = $1 AND id = $2 FOR UPDATE',
      [store.storeId, id],
    );
    if (!current) throw notFound(id);
    const users = await tx.query<{ name: string; filter: FilterGroup }>(
      `SELECT name, filter FROM segments WHERE store_id = $1 AND type = 'filter' AND id <> $2`,
      [store.storeId, id],
    );
    const dependant = users.find((s) => referencedSegmentIds(s.filter).includes(id));
    if (dependant) throw inUseError(current.name, dependant.name);
    await tx.query('DELETE FROM segments WHERE store_id = $1 AND id = $2', [store.storeId, id]);
    await tx.query('DELETE FROM segment_counts WHERE store_id = $1 AND segment_id = $2', [
      store.storeId,
      id,
    ]);
    await tx.query('DELETE FROM segment_count_history WHERE store_id = $1 AND segment_id = $2', [
      store.storeId,
      id,
    ]);
    await touchStore(tx, store.storeId);
  });
}

export async function duplicateSegment(
  db: Db,
  store: StoreSettings,
  id: string,
  name?: string,
): Promise<Segment> {
  const source = await findSegment(db, store, id);
  assertReady(source);
  const newId = crypto.randomUUID();
  await writeTransaction(db, async (tx) => {
    // The copy names the same segments as its source: they must still be there when it lands.
    await lockInOrder(tx, store.storeId, newId, source.filter);
    const lookup = await segmentLookup(tx, store.storeId, source.filter);
    const gone = referencedSegmentIds(source.filter).find(
      (ref) => !PREDEFINED_IDS.has(ref) && !lookup(ref),
    );
    if (gone !== undefined) {
      throw new SegmentError('invalid', `"${source.name}" names a segment that was deleted.`, {
        issues: [{ path: 'filter', code: 'unknown-segment', message: `No segment "${gone}".` }],
      });
    }
    let copy: string;
    if (name !== undefined) {
      copy = checkName(name);
      assertNotPredefinedName(copy);
    } else {
      const taken = new Set([
        ...PREDEFINED_KEYS,
        ...(
          await tx.query<{ name_key: string }>(
            'SELECT name_key FROM segments WHERE store_id = $1',
            [store.storeId],
          )
        ).map((row) => row.name_key),
      ]);
      copy = copyName(source.name, (key) => taken.has(key));
    }
    const memberTotal =
      source.type === 'csv'
        ? Number(
            (
              await tx.query<{ member_total: number }>(
                'SELECT member_total FROM segments WHERE store_id = $1 AND id = $2 FOR SHARE',
                [store.storeId, id],
              )
            )[0]?.member_total ?? 0,
          )
        : 0;
    await insertSegment(tx, store, {
      id: newId,
      name: copy,
      type: source.type === 'csv' ? 'csv' : 'filter',
      filter: source.filter,
      csv: source.csv,
      memberTotal,
    });
    if (source.type === 'csv') {
      await tx.query(
        `INSERT INTO segment_members (store_id, segment_id, position, phone, email, customer_id, added_at)
         SELECT store_id, $3, position, phone, email, customer_id, added_at FROM segment_members
          WHERE store_id = $1 AND segment_id = $2`,
        [store.storeId, id, newId],
      );
    }
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, newId);
}

export function assertWritable(segment: Listed): void {
  if (segment.readOnly) throw readOnlyError(segment);
}

export interface SegmentRow {
  store_id: string;
  id: string;
  name: string;
  type: 'csv' | 'filter';
  filter: FilterGroup | null;
  csv: Segment['csv'] | null;
  member_total: number;
  status: 'ready' | 'importing';
  received: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function storedRow(row: SegmentRow): Listed {
  const segment: Listed = {
    id: row.id,
    name: row.name,
    type: row.type,
    scope: 'store',
    readOnly: false,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
  if (row.filter) segment.filter = row.filter;
  if (row.csv) segment.csv = row.csv;
  const progress = importProgress({ ...row, csv: row.csv ?? undefined });
  if (progress) Object.assign(segment, { status: 'importing', progress });
  return segment;
}

// ---- helpers ----

interface GlobalRow {
  id: string;
  name: string;
  filter: FilterGroup;
  created_at: Date;
  updated_at: Date;
}

const globalRow = (row: GlobalRow) => ({
  id: row.id,
  name: row.name,
  filter: row.filter,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/**
 * Locks, inside the writing transaction, the segment being written (FOR UPDATE) and every
 * store segment its filter names, directly or through other segments (FOR SHARE), so the
 * reference and cycle checks that follow read rows no one can change or delete before the
 * write commits. The segment and the ones named directly are locked one by one in id order,
 * so two writes naming each other (X→Y and Y→X) queue instead of deadlocking; the second then
 * sees the first's filter and is refused as a cycle. Resolves with the written segment's row
 * (undefined when it does not exist, as for a create).
 */
async function lockInOrder(
  tx: Queryable,
  storeId: string,
  selfId: string,
  filter: FilterGroup | undefined,
): Promise<SegmentRow | undefined> {
  const direct = [...new Set([selfId, ...referencedSegmentIds(filter)])].sort(byCodePoint);
  const locked = new Set(direct);
  let self: SegmentRow | undefined;
  let next: string[] = [];
  for (const id of direct) {
    const [row] = await tx.query<SegmentRow>(
      `SELECT * FROM segments WHERE store_id = $1 AND id = $2
         FOR ${id === selfId ? 'UPDATE' : 'SHARE'}`,
      [storeId, id],
    );
    if (id === selfId) self = row;
    else if (row) next.push(...referencedSegmentIds(row.filter ?? undefined));
  }
  while ((next = [...new Set(next)].filter((id) => !locked.has(id)).sort(byCodePoint)).length) {
    for (const id of next) locked.add(id);
    const rows = await tx.query<{ filter: FilterGroup | null }>(
      `SELECT filter FROM segments WHERE store_id = $1 AND id = ANY($2::text[])
        ORDER BY id COLLATE "C" FOR SHARE`,
      [storeId, next],
    );
    next = rows.flatMap((row) => referencedSegmentIds(row.filter ?? undefined));
  }
  return self;
}

/**
 * A transaction of a segment write. Locks taken through a chain of references can still meet
 * in opposite orders; PostgreSQL then aborts one side (deadlock, or a serialization failure
 * under a stricter isolation level): it runs again from the start, and after three tries the
 * caller is told to retry with `conflict`.
 */
async function writeTransaction<T>(db: Db, work: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== '40P01' && code !== '40001') throw error;
      if (attempt === 3) {
        throw new SegmentError(
          'conflict',
          'Other changes to the same segments were being saved at the same time; try again.',
          { cause: error },
        );
      }
    }
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A filter that names segments is checked against this store's segments, and for cycles. */
async function checkFilter(
  db: Queryable,
  store: StoreSettings,
  filter: FilterGroup | undefined,
  selfId: string,
): Promise<void> {
  if (!filter) return;
  const issues = validateFilter(filter, undefined, {
    segments: await segmentLookup(db, store.storeId, filter),
    selfId,
    defaultCountry: store.defaultCountry,
  });
  if (issues.length) throw invalidFilterError(issues);
}

async function insertSegment(
  tx: Queryable,
  store: StoreSettings,
  segment: {
    id: string;
    name: string;
    type: 'csv' | 'filter';
    filter?: FilterGroup;
    csv?: Segment['csv'];
    memberTotal: number;
    status?: 'ready' | 'importing';
  },
): Promise<void> {
  await nameTakenOnUniqueViolation(() =>
    tx.query(
      `INSERT INTO segments (store_id, id, name, name_key, type, filter, csv, member_total,
                             created_at, updated_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now(), $9)`,
      [
        store.storeId,
        segment.id,
        segment.name,
        nameKey(segment.name),
        segment.type,
        json(segment.filter),
        json(segment.csv),
        segment.memberTotal,
        segment.status ?? 'ready',
      ],
    ),
  );
}

function assertNotPredefinedName(name: string): void {
  if (PREDEFINED_KEYS.has(nameKey(name))) throw nameTakenError(name);
}

async function nameTakenOnUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && (constraint === undefined || constraint.includes('name_key'))) {
      throw nameTakenError();
    }
    throw error;
  }
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

type ListCursor = { p: number } | { k: string; i: string };

function encodeListCursor(segment: Listed): string {
  const position: ListCursor =
    segment.type === 'predefined'
      ? { p: PREDEFINED_LISTED.findIndex((p) => p.id === segment.id) }
      : { k: nameKey(segment.name), i: segment.id };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeListCursor(cursor: string | undefined): ListCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as ListCursor;
    // A position among the predefined segments, as only this server hands out.
    if (
      'p' in value &&
      Number.isInteger(value.p) &&
      value.p >= 0 &&
      value.p < PREDEFINED_LISTED.length
    ) {
      return { p: value.p };
    }
    if ('k' in value && typeof value.k === 'string' && typeof value.i === 'string') {
      return { k: value.k, i: value.i };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidQuery('cursor', 'This page link is not valid any more; start from the first page.');
}
