/**
 * Who is in a segment: counting (and the counts over time), listing and (for CSV segments)
 * adding members. Filter,
 * predefined and global segments are evaluated in SQL through filterToSql; CSV segments keep
 * their contacts in segment_members, matched to customers by phone or email.
 */
import { createHash } from 'node:crypto';
import {
  SegmentError,
  type CountPoint,
  type CountTarget,
  type Customer,
  type FilterGroup,
  type MemberContact,
  type Page,
} from '../src/core.ts';
import { assertReady, checkContacts, invalidQuery } from '../src/rules.ts';
import type { Db, Queryable } from './db.ts';
import { withCounts } from './counts.ts';
import { readHistory, storeToday } from './history.ts';
import { assertGroup, countFilter, segmentLookup, storeQuery } from './filters.ts';
import { assertWritable, findSegment } from './segments.ts';
import { touchStore, type StoreSettings } from './stores.ts';
import { listTopSpenders, topSpendersLimit } from './top-spenders.ts';
import { customerColumns, toCustomer, type CustomerRow } from './customer-rows.ts';

export async function countMembers(
  db: Queryable,
  store: StoreSettings,
  target: CountTarget,
): Promise<{ count: number; total: number }> {
  if ('segmentId' in target) {
    const listed = await findSegment(db, store, target.segmentId);
    assertReady(listed);
    const [segment] = await withCounts(db, store, [listed]);
    const [{ total }] = await db.query<{ total: number }>(
      'SELECT customer_count AS total FROM stores WHERE store_id = $1',
      [store.storeId],
    );
    return { count: segment!.memberCount ?? 0, total };
  }
  assertGroup(target.filter);
  return countFilter(db, store, target.filter);
}

/**
 * The segment's count per day over the last `days` days (1–366, checked by the route's schema).
 * Counting it first records today's point, as any count does.
 */
export async function countHistory(
  db: Queryable,
  store: StoreSettings,
  segmentId: string,
  days: number,
): Promise<{ points: CountPoint[] }> {
  const listed = await findSegment(db, store, segmentId);
  assertReady(listed);
  const [segment] = await withCounts(db, store, [listed]);
  const today = storeToday(store);
  return {
    points: await readHistory(db, store, segmentId, {
      days,
      today,
      todays: segment?.memberCount ?? null,
    }),
  };
}

/**
 * One page of members. CSV segments list contacts in upload order (a contact matching no
 * customer as `{ id: 'contact:<phone or email>', … }`, as the LocalAdapter does); Top-N
 * spenders in rank order (top-spenders.ts); the others list customers in code-point order of
 * their id. Cursors are keyset positions, so a page
 * boundary stays put while other rows change.
 */
export async function listMembers(
  db: Queryable,
  store: StoreSettings,
  segmentId: string,
  q: { cursor?: string; limit?: number },
): Promise<Page<Customer>> {
  const limit = q.limit ?? 50;
  const listed = await findSegment(db, store, segmentId);
  assertReady(listed);
  const top = listed.type === 'predefined' ? topSpendersLimit(segmentId) : undefined;
  if (top !== undefined) {
    const found = await listTopSpenders(db, store.storeId, top, q);
    const items = found.rows.map((row, i) => {
      const customer = toCustomer(row);
      customer.spendRank = found.ranks[i]!;
      return customer;
    });
    const page: Page<Customer> = { items, total: found.total };
    if (found.next) page.next = found.next;
    return page;
  }
  const segment = (await withCounts(db, store, [listed]))[0]!;
  const after = decodeMemberCursor(q.cursor);
  let rows: (MemberRow & { position?: number })[];
  let items: Customer[];
  if (segment.type === 'csv') {
    if (typeof after !== 'number') throw badCursor();
    rows = await db.query(
      `SELECT m.position, m.phone AS contact_phone, m.email AS contact_email, m.added_at,
              ${customerColumns('c')}
         FROM segment_members m
         LEFT JOIN customers c ON c.store_id = m.store_id AND c.id = m.customer_id
        WHERE m.store_id = $1 AND m.segment_id = $2 AND m.position > $3
        ORDER BY m.position LIMIT ${limit + 1}`,
      [store.storeId, segmentId, after],
    );
    items = rows.slice(0, limit).map((row) => (row.id ? toCustomer(row) : contactRecord(row)));
  } else {
    if (typeof after === 'number' && after !== 0) throw badCursor();
    const query = storeQuery(
      store,
      segment.filter!,
      await segmentLookup(db, store.storeId, segment.filter),
    );
    const keyset = typeof after === 'string';
    const n = query.params.length + 1;
    rows = await db.query(
      `${query.with} SELECT ${customerColumns()} FROM store_customers
        WHERE ${query.where} ${keyset ? `AND (id COLLATE "C") > $${n}` : ''}
        ORDER BY id COLLATE "C" LIMIT ${limit + 1}`,
      keyset ? [...query.params, after] : query.params,
    );
    items = rows.slice(0, limit).map(toCustomer);
  }
  await addSpendRanks(db, store, items);
  const page: Page<Customer> = { items, total: segment.memberCount ?? 0 };
  if (rows.length > limit) {
    const last = rows[limit - 1]!;
    page.next = encodeMemberCursor(segment.type === 'csv' ? last.position! : last.id!);
  }
  return page;
}

/**
 * One page of the customers a filter selects (a filter being edited, no segment saved), in
 * code-point order of their id like a filter segment's members; `total` is the filter's count.
 */
export async function listFilterMembers(
  db: Queryable,
  store: StoreSettings,
  body: { filter: FilterGroup; cursor?: string; limit?: number },
): Promise<Page<Customer>> {
  assertGroup(body.filter);
  const limit = body.limit ?? 50;
  const after = decodeMemberCursor(body.cursor);
  if (typeof after === 'number' && after !== 0) throw badCursor();
  const lookup = await segmentLookup(db, store.storeId, body.filter);
  const query = storeQuery(store, body.filter, lookup);
  const keyset = typeof after === 'string';
  const n = query.params.length + 1;
  const [rows, { count }] = await Promise.all([
    db.query<MemberRow>(
      `${query.with} SELECT ${customerColumns()} FROM store_customers
        WHERE ${query.where} ${keyset ? `AND (id COLLATE "C") > $${n}` : ''}
        ORDER BY id COLLATE "C" LIMIT ${limit + 1}`,
      keyset ? [...query.params, after] : query.params,
    ),
    countFilter(db, store, body.filter),
  ]);
  const items = rows.slice(0, limit).map(toCustomer);
  await addSpendRanks(db, store, items);
  const page: Page<Customer> = { items, total: count };
  if (rows.length > limit) page.next = encodeMemberCursor(rows[limit - 1]!.id!);
  return page;
}

/**
 * Adds a batch of contacts to a CSV segment, once per Idempotency-Key: a replay of the same
 * batch answers the first result and adds nothing; the same key with another batch is refused.
 * A contact whose phone, email or matched customer is already a member is not added again.
 */
export async function addMembers(
  db: Db,
  store: StoreSettings,
  segmentId: string,
  batch: MemberContact[],
  batchId: string,
): Promise<{ added: number }> {
  const segment = await findSegment(db, store, segmentId);
  assertWritable(segment);
  if (segment.type !== 'csv') {
    throw new SegmentError('invalid', 'Members can only be added to a CSV segment.', {
      issues: [{ path: 'segmentId', code: 'not-csv', message: 'Not a CSV segment.' }],
    });
  }
  const contacts = await checkContacts(batch, store.defaultCountry);
  const bodyHash = createHash('sha256').update(JSON.stringify(batch)).digest('hex');
  return db.transaction(async (tx) => {
    // The segment's row lock puts concurrent batches of one segment one after another.
    const [locked] = await tx.query<{ member_total: number }>(
      'SELECT member_total FROM segments WHERE store_id = $1 AND id = $2 FOR UPDATE',
      [store.storeId, segmentId],
    );
    if (!locked) throw new SegmentError('not-found', `There is no segment "${segmentId}".`);
    const [done] = await tx.query<{ body_hash: string; added: number }>(
      `SELECT body_hash, added FROM member_batches
        WHERE store_id = $1 AND segment_id = $2 AND batch_id = $3`,
      [store.storeId, segmentId, batchId],
    );
    if (done) {
      if (done.body_hash === bodyHash) return { added: done.added };
      throw new SegmentError('invalid', 'This Idempotency-Key was used for another batch.', {
        issues: [
          {
            path: 'Idempotency-Key',
            code: 'key-reused',
            message: 'Give every different batch its own key.',
          },
        ],
      });
    }
    const phones = contacts.flatMap((c) => (c.phone ? [c.phone] : []));
    const emails = contacts.flatMap((c) => (c.email ? [c.email] : []));
    const customers = await tx.query<{ id: string; phone: string | null; email: string | null }>(
      `SELECT id, phone, lower(email) AS email FROM customers
        WHERE store_id = $1 AND (phone = ANY($2::text[]) OR lower(email) = ANY($3::text[]))`,
      [store.storeId, phones, emails],
    );
    const byPhone = new Map(customers.filter((c) => c.phone).map((c) => [c.phone!, c.id]));
    const byEmail = new Map(customers.filter((c) => c.email).map((c) => [c.email!, c.id]));
    const matched = contacts.map((contact) => ({
      ...contact,
      customerId:
        (contact.phone && byPhone.get(contact.phone)) ||
        (contact.email && byEmail.get(contact.email)) ||
        undefined,
    }));
    const existing = await tx.query<{
      phone: string | null;
      email: string | null;
      customer_id: string | null;
    }>(
      `SELECT phone, email, customer_id FROM segment_members
        WHERE store_id = $1 AND segment_id = $2
          AND (phone = ANY($3::text[]) OR email = ANY($4::text[]) OR customer_id = ANY($5::text[]))`,
      [
        store.storeId,
        segmentId,
        phones,
        emails,
        matched.flatMap((c) => (c.customerId ? [c.customerId] : [])),
      ],
    );
    const taken = new Set(
      existing.flatMap((m) => keysOf({ ...m, customerId: m.customer_id ?? undefined })),
    );
    const fresh = matched.filter((contact) => {
      const keys = keysOf(contact);
      if (keys.some((key) => taken.has(key))) return false;
      for (const key of keys) taken.add(key);
      return true;
    });
    const start = Number(locked.member_total);
    await tx.query(
      `INSERT INTO segment_members (store_id, segment_id, position, phone, email, customer_id, added_at)
       SELECT $1, $2, $3 + m.n, m.phone, m.email, m.customer_id, now()
         FROM json_to_recordset($4::json) AS m(n int, phone text, email text, customer_id text)`,
      [
        store.storeId,
        segmentId,
        start,
        JSON.stringify(
          fresh.map((c, i) => ({
            n: i + 1,
            phone: c.phone ?? null,
            email: c.email ?? null,
            customer_id: c.customerId ?? null,
          })),
        ),
      ],
    );
    await tx.query(
      `UPDATE segments SET member_total = member_total + $3, received = received + $4,
              version = version + 1,
              updated_at = greatest(now(), updated_at)
        WHERE store_id = $1 AND id = $2`,
      [store.storeId, segmentId, fresh.length, batch.length],
    );
    await tx.query(
      `INSERT INTO member_batches (store_id, segment_id, batch_id, body_hash, added)
       VALUES ($1, $2, $3, $4, $5)`,
      [store.storeId, segmentId, batchId, bodyHash, fresh.length],
    );
    await touchStore(tx, store.storeId);
    return { added: fresh.length };
  });
}

// ---- helpers ----

/** A customer row, or a CSV contact's row joined to no customer (its id is then null). */
interface MemberRow extends CustomerRow {
  contact_phone?: string | null;
  contact_email?: string | null;
  added_at?: Date;
}

/** A CSV contact that matches no customer, listed the way the LocalAdapter lists it. */
function contactRecord(row: MemberRow): Customer {
  const record: Customer = {
    id: `contact:${row.contact_phone ?? row.contact_email}`,
    createdAt: row.added_at!.toISOString(),
    ordersCount: 0,
    totalSpent: 0,
  };
  if (row.contact_phone) record.phone = row.contact_phone;
  if (row.contact_email) record.email = row.contact_email;
  return record;
}

/** spendRank of the listed customers, ranked among all the store's buyers. */
async function addSpendRanks(
  db: Queryable,
  store: StoreSettings,
  items: Customer[],
): Promise<void> {
  const buyers = items.filter((c) => c.ordersCount > 0);
  if (!buyers.length) return;
  const ranks = await db.query<{ id: string; rank: string }>(
    `SELECT id, rank FROM (
       SELECT id, row_number() OVER (ORDER BY total_spent DESC, created_at, id COLLATE "C") AS rank
         FROM customers WHERE store_id = $1 AND orders_count > 0) AS ranked
      WHERE id = ANY($2::text[])`,
    [store.storeId, buyers.map((c) => c.id)],
  );
  const byId = new Map(ranks.map((r) => [r.id, Number(r.rank)]));
  for (const customer of buyers) {
    const rank = byId.get(customer.id);
    if (rank !== undefined) customer.spendRank = rank;
  }
}

function keysOf(contact: { phone?: string | null; email?: string | null; customerId?: string }) {
  const keys: string[] = [];
  if (contact.phone) keys.push(`p:${contact.phone}`);
  if (contact.email) keys.push(`e:${contact.email}`);
  if (contact.customerId) keys.push(`c:${contact.customerId}`);
  return keys;
}

/** A member cursor: a position (CSV segments) or the last customer id listed. */
function encodeMemberCursor(after: number | string): string {
  return Buffer.from(JSON.stringify({ a: after })).toString('base64url');
}

function decodeMemberCursor(cursor: string | undefined): number | string {
  if (cursor === undefined) return 0;
  try {
    const { a } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a: unknown };
    if ((Number.isInteger(a) && (a as number) >= 0) || typeof a === 'string')
      return a as number | string;
  } catch {
    // falls through
  }
  throw badCursor();
}

const badCursor = () =>
  invalidQuery('cursor', 'This page link is not valid any more; start from the first page.');
