/**
 * Stores, their API keys and their data: customers and orders come from the host's own systems
 * (here: imports and a seed), segments from sellers through the HTTP API. Order statistics
 * (ordersCount, totalSpent, first and last order) are recomputed for the customers an import
 * touches, in the same transaction, so predefined segments and spend ranks are right as soon as
 * orders arrive; spendRank itself is computed in each query by filterToSql, never stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SegmentError, normalisePhone, type Customer, type Order } from '../src/core.ts';
import type { GlobalSegmentSeed } from '../src/testing/index.ts';
import { checkGlobalSegments } from '../src/rules.ts';
import type { Db, Queryable } from './db.ts';

export interface StoreSettings {
  storeId: string;
  timeZone: string;
  defaultCountry: string;
  /** The app's clock (AppOptions.now), for tests and demos; absent = the real time. */
  now?: () => Date;
}

/** Creates a store and returns its first API key (only its hash is kept). */
export async function createStore(
  db: Db,
  store: { storeId: string; name?: string; timeZone?: string; defaultCountry?: string },
): Promise<{ apiKey: string }> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(store.storeId)) {
    throw new SegmentError('invalid', 'A store id is 1–64 letters, digits, "-" or "_".');
  }
  const timeZone = store.timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new SegmentError('invalid', `"${timeZone}" is not a time zone (e.g. Asia/Kolkata).`);
  }
  if (store.defaultCountry !== undefined && !/^[A-Z]{2}$/.test(store.defaultCountry)) {
    throw new SegmentError('invalid', 'The country is a two-letter ISO 3166 code, e.g. IN.');
  }
  const apiKey = `${store.storeId}.${randomBytes(24).toString('base64url')}`;
  const [taken] = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [store.storeId]);
  if (taken) throw new SegmentError('invalid', `A store "${store.storeId}" already exists.`);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO stores (store_id, name, time_zone, default_country) VALUES ($1, $2, $3, $4)`,
      [store.storeId, store.name ?? store.storeId, timeZone, store.defaultCountry ?? 'IN'],
    );
    await tx.query('INSERT INTO api_keys (store_id, key_hash, label) VALUES ($1, $2, $3)', [
      store.storeId,
      hashKey(apiKey),
      'first key',
    ]);
  });
  return { apiKey };
}

/** The store an API key belongs to, or `unauthorized`. */
export async function authenticate(
  db: Queryable,
  apiKey: string | undefined,
): Promise<StoreSettings> {
  const dot = apiKey?.lastIndexOf('.') ?? -1;
  if (apiKey && dot > 0) {
    const rows = await db.query<{ store_id: string; time_zone: string; default_country: string }>(
      `SELECT s.store_id, s.time_zone, s.default_country FROM api_keys k
         JOIN stores s ON s.store_id = k.store_id
        WHERE k.store_id = $1 AND k.key_hash = $2
          AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [apiKey.slice(0, dot), hashKey(apiKey)],
    );
    const row = rows[0];
    if (row) {
      return {
        storeId: row.store_id,
        timeZone: row.time_zone,
        defaultCountry: row.default_country,
      };
    }
  }
  throw new SegmentError('unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
}

/** An API key as listed: never the secret, only its id (a prefix of its hash). */
export interface ApiKeyInfo {
  keyId: string;
  label: string | null;
  createdAt: string;
  /** Set once the key was rotated: it stops working then. */
  expiresAt: string | null;
}

/**
 * Issues another API key for the store (a store may hold several, e.g. one per integration);
 * only its hash is kept, so the key itself is shown this once.
 */
export async function createApiKey(
  db: Queryable,
  storeId: string,
  label?: string,
): Promise<{ apiKey: string; keyId: string }> {
  await storeMustExist(db, storeId);
  const apiKey = `${storeId}.${randomBytes(24).toString('base64url')}`;
  await db.query('INSERT INTO api_keys (store_id, key_hash, label) VALUES ($1, $2, $3)', [
    storeId,
    hashKey(apiKey),
    label ?? null,
  ]);
  return { apiKey, keyId: keyIdOf(apiKey) };
}

/** The store's keys, oldest first, expired ones included until revoked. */
export async function listApiKeys(db: Queryable, storeId: string): Promise<ApiKeyInfo[]> {
  await storeMustExist(db, storeId);
  const rows = await db.query<{
    key_hash: string;
    label: string | null;
    created_at: Date;
    expires_at: Date | null;
  }>(
    `SELECT key_hash, label, created_at, expires_at FROM api_keys WHERE store_id = $1
      ORDER BY created_at, key_hash`,
    [storeId],
  );
  return rows.map((row) => ({
    keyId: row.key_hash.slice(0, KEY_ID_LENGTH),
    label: row.label,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
  }));
}

/**
 * Rotation without downtime: issues a new key (with the old one's label) and lets the old one
 * work for `graceSeconds` more (0: it stops at once), time for its users to switch.
 */
export async function rotateApiKey(
  db: Db,
  storeId: string,
  keyId: string,
  graceSeconds: number,
): Promise<{ apiKey: string; keyId: string; oldKeyExpiresAt: string }> {
  if (!Number.isSafeInteger(graceSeconds) || graceSeconds < 0) {
    throw new SegmentError('invalid', 'The grace period is a whole number of seconds, 0 or more.');
  }
  return db.transaction(async (tx) => {
    const old = await findKey(tx, storeId, keyId);
    const made = await createApiKey(tx, storeId, old.label ?? undefined);
    const [row] = await tx.query<{ expires_at: Date }>(
      `UPDATE api_keys
          SET expires_at = least(coalesce(expires_at, 'infinity'), now() + $3 * interval '1 second')
        WHERE store_id = $1 AND key_hash = $2 RETURNING expires_at`,
      [storeId, old.key_hash, graceSeconds],
    );
    return { ...made, oldKeyExpiresAt: row!.expires_at.toISOString() };
  });
}

/** Revokes a key at once: requests with it are refused from now on. */
export async function revokeApiKey(db: Queryable, storeId: string, keyId: string): Promise<void> {
  const key = await findKey(db, storeId, keyId);
  await db.query('DELETE FROM api_keys WHERE store_id = $1 AND key_hash = $2', [
    storeId,
    key.key_hash,
  ]);
}

/** The id a key is listed under: the first digits of its hash. */
export const keyIdOf = (apiKey: string) => hashKey(apiKey).slice(0, KEY_ID_LENGTH);

/** Adds or replaces customers by id. Order statistics given with them are ignored. */
export async function importCustomers(
  db: Db,
  storeId: string,
  customers: readonly Customer[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO customers (store_id, id, name, email, phone, city, state, created_at, tags,
                              accepts_marketing)
       SELECT $1, c.id, c.name, c.email, c.phone, c.city, c.state, c.created_at, c.tags,
              c.accepts_marketing
         FROM json_to_recordset($2::json) AS c(id text, name text, email text, phone text,
              city text, state text, created_at timestamptz, tags text[], accepts_marketing boolean)
       ON CONFLICT (store_id, id) DO UPDATE SET name = excluded.name, email = excluded.email,
         phone = excluded.phone, city = excluded.city, state = excluded.state,
         created_at = excluded.created_at, tags = excluded.tags,
         accepts_marketing = excluded.accepts_marketing`,
      [storeId, JSON.stringify(customers.map(customerRow))],
    );
    await matchWaitingMembers(tx, storeId);
    await recountCustomers(tx, storeId);
    await touchStore(tx, storeId);
  });
}

/** Adds or replaces orders by id and recomputes the statistics of the customers they touch. */
export async function importOrders(
  db: Db,
  storeId: string,
  orders: readonly Order[],
): Promise<void> {
  await db.transaction(async (tx) => {
    // Customers whose orders move to someone else need their statistics recomputed too.
    const before = await tx.query<{ customer_id: string }>(
      `SELECT DISTINCT o.customer_id FROM orders o
         JOIN json_to_recordset($2::json) AS n(id text) ON n.id = o.id
        WHERE o.store_id = $1`,
      [storeId, JSON.stringify(orders.map((o) => ({ id: o.id })))],
    );
    await tx.query(
      `INSERT INTO orders (store_id, id, customer_id, total, placed_at)
       SELECT $1, o.id, o.customer_id, o.total, o.placed_at
         FROM json_to_recordset($2::json) AS o(id text, customer_id text, total bigint,
              placed_at timestamptz)
       ON CONFLICT (store_id, id) DO UPDATE SET customer_id = excluded.customer_id,
         total = excluded.total, placed_at = excluded.placed_at`,
      [
        storeId,
        JSON.stringify(
          orders.map((o) => ({
            id: o.id,
            customer_id: o.customerId,
            total: o.total,
            placed_at: o.placedAt,
          })),
        ),
      ],
    );
    const touched = [
      ...new Set([...orders.map((o) => o.customerId), ...before.map((r) => r.customer_id)]),
    ];
    await refreshOrderStats(tx, storeId, touched);
    await touchStore(tx, storeId);
  });
}

/**
 * Recomputes ordersCount, totalSpent and first/last order of the given customers (all of the
 * store's when `customerIds` is undefined, e.g. after a bulk COPY) from their orders.
 */
export async function refreshOrderStats(
  tx: Queryable,
  storeId: string,
  customerIds?: readonly string[],
): Promise<void> {
  const only = (column: string) => (customerIds ? `AND ${column} = ANY($2::text[])` : '');
  // Orders are aggregated first, in one pass over the store's orders, then joined: the plan
  // stays one scan and one hash join whatever the planner believes about the tables' sizes.
  await tx.query(
    `UPDATE customers c
        SET orders_count = coalesce(s.n, 0), total_spent = coalesce(s.spent, 0),
            first_order_at = s.first_at, last_order_at = s.last_at
       FROM customers c2
       LEFT JOIN (SELECT customer_id, count(*)::int AS n, sum(total) AS spent,
                         min(placed_at) AS first_at, max(placed_at) AS last_at
                    FROM orders WHERE store_id = $1 ${only('customer_id')}
                   GROUP BY customer_id) s ON s.customer_id = c2.id
      WHERE c.store_id = $1 ${only('c.id')} AND c2.store_id = $1 AND c2.id = c.id`,
    customerIds ? [storeId, customerIds] : [storeId],
  );
}

/** Replaces the platform-wide segments every store lists under 'global'. */
export async function setGlobalSegments(
  db: Db,
  segments: readonly GlobalSegmentSeed[],
): Promise<void> {
  checkGlobalSegments(segments);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM global_segments WHERE NOT (id = ANY($1::text[]))', [
      segments.map((s) => s.id),
    ]);
    for (const segment of segments) {
      await tx.query(
        `INSERT INTO global_segments (id, name, filter) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, filter = excluded.filter,
           updated_at = CASE WHEN global_segments.filter = excluded.filter
                              AND global_segments.name = excluded.name
                             THEN global_segments.updated_at ELSE now() END`,
        [segment.id, segment.name, JSON.stringify(segment.filter)],
      );
    }
  });
}

/** Stores the number of the store's customers (after imports, or a host's own bulk load). */
export async function recountCustomers(tx: Queryable, storeId: string): Promise<void> {
  await tx.query(
    `UPDATE stores SET customer_count = (SELECT count(*) FROM customers WHERE store_id = $1)
      WHERE store_id = $1`,
    [storeId],
  );
}

/** Marks the store changed: cached member counts computed before are stale. */
export async function touchStore(tx: Queryable, storeId: string): Promise<void> {
  await tx.query('UPDATE stores SET change_seq = change_seq + 1 WHERE store_id = $1', [storeId]);
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

// ---- helpers ----

const KEY_ID_LENGTH = 12;

async function storeMustExist(db: Queryable, storeId: string): Promise<void> {
  const [row] = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId]);
  if (!row) throw new SegmentError('not-found', `There is no store "${storeId}".`);
}

async function findKey(
  db: Queryable,
  storeId: string,
  keyId: string,
): Promise<{ key_hash: string; label: string | null }> {
  await storeMustExist(db, storeId);
  if (!/^[0-9a-f]{12}$/.test(keyId)) {
    throw new SegmentError('invalid', 'A key id is the 12 hex digits `key list` shows.');
  }
  const rows = await db.query<{ key_hash: string; label: string | null }>(
    `SELECT key_hash, label FROM api_keys WHERE store_id = $1 AND left(key_hash, 12) = $2
       FOR UPDATE`,
    [storeId, keyId],
  );
  if (rows.length !== 1) {
    throw new SegmentError('not-found', `The store "${storeId}" has no key ${keyId}.`);
  }
  return rows[0]!;
}

/** CSV contacts uploaded before their customer existed are matched when the customer arrives. */
export async function matchWaitingMembers(tx: Queryable, storeId: string): Promise<void> {
  await tx.query(
    `UPDATE segment_members m SET customer_id = c.id
       FROM customers c
      WHERE m.store_id = $1 AND c.store_id = $1 AND m.customer_id IS NULL
        AND ((m.phone IS NOT NULL AND c.phone = m.phone)
          OR (m.email IS NOT NULL AND lower(c.email) = m.email))`,
    [storeId],
  );
}

function customerRow(c: Customer) {
  return {
    id: c.id,
    name: c.name ?? null,
    email: c.email ?? null,
    phone: c.phone ? (normalisePhone(c.phone, 'IN') ?? c.phone) : null,
    city: c.city ?? null,
    state: c.state ?? null,
    created_at: c.createdAt,
    tags: c.tags ?? null,
    accepts_marketing: c.acceptsMarketing ?? null,
  };
}
