/**
 * resolveAudience: who a campaign reaches, as ONE SQL statement. Each included or excluded
 * segment becomes the boolean expression filterToSql writes for "is in this segment" (filter,
 * predefined and global segments inline their filter; CSV segments test segment_members), so
 * the statement marks every customer of the store with the number of included segments that
 * hold it; CSV contacts that match no customer join it from segment_members. The totals and the
 * page come back in the same statement.
 */
import {
  filterToSql,
  type AudienceMember,
  type AudiencePage,
  type AudienceQuery,
  type FilterGroup,
} from '../src/core.ts';
import {
  assertReady,
  checkAudienceQuery,
  invalidQuery,
  type CheckedAudienceQuery,
  type Listed,
} from '../src/rules.ts';
import type { Queryable } from './db.ts';
import { segmentLookup } from './filters.ts';
import { findSegment } from './segments.ts';
import type { StoreSettings } from './stores.ts';

/**
 * People are ordered by a key: `0<customer id>` for customers, `1<phone or email>` for contacts
 * that match no customer (listMembers' `contact:` id); the cursor is the last key of a page.
 */
export async function resolveAudience(
  db: Queryable,
  store: StoreSettings,
  query: AudienceQuery,
): Promise<AudiencePage> {
  const q = checkAudienceQuery(query);
  const after = decodeCursor(q.cursor);
  const include = await Promise.all(q.include.map((id) => findSegment(db, store, id)));
  const exclude = await Promise.all(q.exclude.map((id) => findSegment(db, store, id)));
  // A CSV segment still importing would reach only the contacts uploaded so far.
  for (const segment of [...include, ...exclude]) assertReady(segment);
  const { sql, params } = await audienceStatement(db, store, q, include, exclude, after);
  const rows = await db.query<AudienceRow>(sql, params);
  const first = rows[0]!;
  const listed = rows.filter((row) => row.key !== null);
  const items = listed.slice(0, q.limit).map((row) => toMember(row, q));
  const page: AudiencePage = {
    items,
    total: first.total,
    removed: {
      duplicates: first.duplicates,
      noConsent: first.no_consent,
      noChannel: first.no_channel,
    },
  };
  if (listed.length > q.limit) page.next = encodeCursor(listed[q.limit - 1]!.key!);
  return page;
}

// ---- helpers ----

interface AudienceRow {
  duplicates: number;
  no_consent: number;
  no_channel: number;
  total: number;
  key: string | null;
  customer_id: string | null;
  phone: string | null;
  email: string | null;
}

async function audienceStatement(
  db: Queryable,
  store: StoreSettings,
  q: CheckedAudienceQuery,
  include: readonly Listed[],
  exclude: readonly Listed[],
  after: string,
): Promise<{ sql: string; params: unknown[] }> {
  const all = [...include, ...exclude];
  const lookup = await segmentLookup(db, store.storeId, {
    combinator: 'or',
    rules: [{ field: 'segment', operator: 'in', value: all.map((s) => s.id) }],
  } satisfies FilterGroup);
  const params: unknown[] = [];
  // "Is in segment s", over store_customers' columns; placeholders renumbered to follow the
  // parameters already bound (filterToSql binds every value, so `$n` only ever is a placeholder).
  const inSegment = (segment: Listed): string => {
    const where = filterToSql(
      { combinator: 'and', rules: [{ field: 'segment', operator: 'in', value: [segment.id] }] },
      {
        dialect: 'postgres',
        table: 'store_customers',
        membersTable: 'store_members',
        segments: lookup,
        // "Today" of date rules is the store's day, by the same clock its history is kept by.
        ctx: { now: store.now?.(), timeZone: store.timeZone, defaultCountry: store.defaultCountry },
      },
    );
    const shift = params.length;
    params.push(...where.params);
    return `(${where.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
  };
  const included = include.map(inSegment);
  const excluded = exclude.map(inSegment);
  const bind = (value: unknown) => `$${params.push(value)}`;
  const storeId = bind(store.storeId);
  const csvInclude = bind(include.filter((s) => s.type === 'csv').map((s) => s.id));
  const csvExclude = bind(exclude.filter((s) => s.type === 'csv').map((s) => s.id));
  const consentOnly = bind(q.consentOnly);
  const channel = bind(q.channel);
  // The cursor's key split by kind: customers ('0') all come before contacts ('1').
  const kind = after.slice(0, 1);
  const customersAfter = bind(kind === '0' ? after.slice(1) : '');
  const customersDone = bind(kind === '1');
  const contactsAfter = bind(kind === '1' ? after.slice(1) : '');
  /** 1 (no consent) or 2 (no contact for the channel) for a person dropped, else 0. */
  const removed = (accepts: string) => `
             CASE WHEN ${consentOnly}::boolean AND ${accepts} IS NOT TRUE THEN 1
                  WHEN CASE ${channel}::text
                         WHEN 'sms' THEN coalesce(phone, '') = ''
                         WHEN 'email' THEN coalesce(email, '') = ''
                         ELSE coalesce(phone, '') = '' AND coalesce(email, '') = '' END THEN 2
                  ELSE 0 END`;
  // The totals read every person once; the page walks customers in id order (the
  // customers_id_order index) and stops at a page, instead of sorting every person of the
  // audience: over a million customers that sort and the rows kept for it cost seconds.
  const sql = `
    WITH store_customers AS NOT MATERIALIZED (SELECT * FROM customers WHERE store_id = ${storeId}),
    store_members AS NOT MATERIALIZED
      (SELECT segment_id, customer_id FROM segment_members WHERE store_id = ${storeId}),
    customers_in AS NOT MATERIALIZED (
      SELECT id, phone, email, accepts_marketing,
             (${included.map((e) => `${e}::int`).join(' + ')}) AS hits
        FROM store_customers
       WHERE (${included.join(' OR ')})
         ${excluded.length ? `AND NOT (${excluded.join(' OR ')})` : ''}
    ),
    contacts_in AS MATERIALIZED (
      SELECT coalesce(m.phone, m.email) AS contact, min(m.phone) AS phone, min(m.email) AS email,
             count(DISTINCT m.segment_id)::int AS hits
        FROM segment_members m
       WHERE m.store_id = ${storeId} AND m.segment_id = ANY(${csvInclude}::text[])
         AND m.customer_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM segment_members x
                          WHERE x.store_id = ${storeId} AND x.segment_id = ANY(${csvExclude}::text[])
                            AND x.customer_id IS NULL
                            AND (x.phone = m.phone OR x.email = m.email))
       GROUP BY coalesce(m.phone, m.email)
    ),
    judged AS NOT MATERIALIZED (
      SELECT hits, ${removed('accepts_marketing')} AS removed FROM customers_in
      UNION ALL
      SELECT hits, ${removed('NULL::boolean')} FROM contacts_in
    ),
    totals AS (
      SELECT (coalesce(sum(hits), 0) - count(*))::int AS duplicates,
             (count(*) FILTER (WHERE removed = 1))::int AS no_consent,
             (count(*) FILTER (WHERE removed = 2))::int AS no_channel,
             (count(*) FILTER (WHERE removed = 0))::int AS total
        FROM judged
    ),
    page AS (
      (SELECT '0' || id AS key, id AS customer_id, phone, email FROM customers_in
        WHERE NOT ${customersDone}::boolean AND (id COLLATE "C") > ${customersAfter}::text
          AND ${removed('accepts_marketing')} = 0
        ORDER BY id COLLATE "C" LIMIT ${q.limit + 1})
      UNION ALL
      (SELECT '1' || contact, NULL, phone, email FROM contacts_in
        WHERE (contact COLLATE "C") > ${contactsAfter}::text AND ${removed('NULL::boolean')} = 0
        ORDER BY contact COLLATE "C" LIMIT ${q.limit + 1})
    )
    SELECT t.duplicates, t.no_consent, t.no_channel, t.total, p.key, p.customer_id, p.phone, p.email
      FROM totals t
      LEFT JOIN LATERAL (
        SELECT key, customer_id, phone, email FROM page ORDER BY key COLLATE "C" LIMIT ${q.limit + 1}
      ) p ON true
     ORDER BY p.key COLLATE "C"`;
  return { sql, params };
}

function toMember(row: AudienceRow, q: CheckedAudienceQuery): AudienceMember {
  const member: AudienceMember = {};
  if (row.customer_id !== null) member.customerId = row.customer_id;
  if (row.phone && q.channel !== 'email') member.phone = row.phone;
  if (row.email && q.channel !== 'sms') member.email = row.email;
  return member;
}

function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '';
  try {
    const { k } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: unknown };
    if (typeof k === 'string' && k) return k;
  } catch {
    // falls through
  }
  throw invalidQuery('cursor', 'This page link is not valid any more; start from the first page.');
}
