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
  checkDraft,
  checkName,
  copyName,
  globalToListed,
  invalidQuery,
  nameKey,
  notFound,
  pageOf,
  referencedSegmentIds,
  sortKey,
  type Listed,
} from '../src/segments/rules.ts';
import type { Db, Queryable } from './db.ts';
import { withCounts } from './counts.ts';
import { segmentLookup } from './filters.ts';
import { touchStore, type StoreSettings } from './stores.ts';

export type { Listed } from '../src/segments/rules.ts';

const PREDEFINED_KEYS = new Set(PREDEFINED_LISTED.map((p) => nameKey(p.name)));

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
    return { ...page, items: await withCounts(db, store, page.items) };
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
    items: await withCounts(db, store, items),
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

export async function createSegment(
  db: Db,
  store: StoreSettings,
  draft: SegmentDraft,
): Promise<Segment> {
  const checked = checkDraft(draft);
  const id = crypto.randomUUID();
  await checkFilter(db, store, checked.filter, id);
  assertNotPredefinedName(checked.name);
  await db.transaction(async (tx) => {
    await insertSegment(tx, store, { id, ...checked, memberTotal: 0 });
    await touchStore(tx, store.storeId);
  });
  return getSegment(db, store, id);
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
  await checkFilter(db, store, checked.filter, id);
  assertNotPredefinedName(checked.name);
  await db.transaction(async (tx) => {
    const [current] = await tx.query<SegmentRow>(
      'SELECT * FROM segments WHERE store_id = $1 AND id = $2 FOR UPDATE',
      [store.storeId, id],
    );
    if (!current) throw notFound(id);
    if (current.version !== expectedVersion) {
      throw new SegmentError(
        'conflict',
        `"${current.name}" was changed elsewhere; reload it and apply your changes again.`,
      );
    }
    if (current.type !== checked.type) {
      throw new SegmentError('invalid', 'A segment keeps its type; create a new one instead.', {
        issues: [{ path: 'type', code: 'type-change', message: 'The type cannot change.' }],
      });
    }
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
  await db.transaction(async (tx) => {
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
    if (dependant) {
      throw new SegmentError(
        'invalid',
        `"${current.name}" is used by the segment "${dependant.name}"; change that segment first.`,
        { issues: [{ path: 'id', code: 'in-use', message: `Used by "${dependant.name}".` }] },
      );
    }
    await tx.query('DELETE FROM segments WHERE store_id = $1 AND id = $2', [store.storeId, id]);
    await tx.query('DELETE FROM segment_counts WHERE store_id = $1 AND segment_id = $2', [
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
  const newId = crypto.randomUUID();
  await db.transaction(async (tx) => {
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
  if (segment.readOnly) {
    throw new SegmentError(
      'read-only',
      `"${segment.name}" is a ${segment.type === 'predefined' ? 'predefined' : 'global'} segment and cannot be changed; duplicate it to make your own.`,
    );
  }
}

export interface SegmentRow {
  store_id: string;
  id: string;
  name: string;
  type: 'csv' | 'filter';
  filter: FilterGroup | null;
  csv: Segment['csv'] | null;
  member_total: number;
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
  if (issues.length) {
    throw new SegmentError('invalid', `The filter is not valid: ${issues[0]!.message}`, {
      issues: issues.map((issue) => ({
        ...issue,
        path: issue.path ? `filter.${issue.path}` : 'filter',
      })),
    });
  }
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
  },
): Promise<void> {
  await nameTakenOnUniqueViolation(() =>
    tx.query(
      `INSERT INTO segments (store_id, id, name, name_key, type, filter, csv, member_total,
                             created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())`,
      [
        store.storeId,
        segment.id,
        segment.name,
        nameKey(segment.name),
        segment.type,
        json(segment.filter),
        json(segment.csv),
        segment.memberTotal,
      ],
    ),
  );
}

function assertNotPredefinedName(name: string): void {
  if (PREDEFINED_KEYS.has(nameKey(name))) throw nameTaken(name);
}

async function nameTakenOnUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && (constraint === undefined || constraint.includes('name_key'))) {
      throw nameTaken();
    }
    throw error;
  }
}

const nameTaken = (name?: string) =>
  new SegmentError(
    'name-taken',
    name ? `A segment named "${name}" already exists.` : 'A segment with this name already exists.',
  );

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
    if ('p' in value && Number.isInteger(value.p)) return { p: value.p };
    if ('k' in value && typeof value.k === 'string' && typeof value.i === 'string') {
      return { k: value.k, i: value.i };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidQuery('cursor', 'This page link is not valid any more; start from the first page.');
}
