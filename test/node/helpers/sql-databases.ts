/**
 * The three databases the SQL tests run filters against, all with the default schema of
 * The SQL dialects: PostgreSQL in-process (PGlite), SQLite (better-sqlite3) and, when
 * DATABASE_URL is set, a real PostgreSQL server (in a throwaway schema, dropped on close).
 */
import { PGlite } from '@electric-sql/pglite';
import { after, before } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Customer } from '../../../src/model.ts';
import { registerFoldFunction } from '../../../src/core.ts';

export interface Membership {
  segmentId: string;
  customerId: string;
}

export interface TestDatabase {
  readonly name: string;
  readonly dialect: 'postgres' | 'sqlite';
  /** Replaces every customer and segment membership. */
  load(customers: readonly Customer[], members?: readonly Membership[]): Promise<void>;
  /** Ids of `SELECT id FROM customers WHERE <where>`, sorted. */
  ids(where: string, params: readonly unknown[]): Promise<string[]>;
  /** Runs any statement, e.g. to check a table survived an injection attempt. */
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * PGlite, plus a server database when DATABASE_URL names one. Each is added to `opened` as soon
 * as it is open, so the caller can close them even when a later one fails to open.
 */
export async function openPostgresDatabases(opened: TestDatabase[]): Promise<void> {
  opened.push(await openPglite());
  if (process.env.DATABASE_URL) opened.push(await openPostgresServer(process.env.DATABASE_URL));
}

/**
 * Every database a SQL test compares: SQLite, PGlite and the DATABASE_URL server, opened before
 * the enclosing suite's (or file's) tests, with `customers` and `members` loaded when given, and
 * closed after them. The list is filled in once `before` has run.
 */
export function everyDatabase(
  customers?: readonly Customer[],
  members?: readonly Membership[],
): TestDatabase[] {
  const databases: TestDatabase[] = [];
  before(async () => {
    databases.push(await openSqlite());
    await openPostgresDatabases(databases);
    if (customers) for (const db of databases) await db.load(customers, members);
  });
  after(async () => {
    for (const db of databases) await db.close();
  });
  return databases;
}

export async function openPglite(): Promise<TestDatabase> {
  const db = new PGlite();
  await db.exec(POSTGRES_SCHEMA);
  return postgresDatabase('PostgreSQL (PGlite)', {
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, [...params])).rows,
    close: () => db.close(),
  });
}

export async function openPostgresServer(url: string): Promise<TestDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A schema of its own, so the test never touches the server's real tables.
  const schema = `user_segments_test_${process.pid}_${Date.now()}`;
  // Stored text without an offset means UTC (as in SQLite and compileFilter); PostgreSQL reads
  // it in the session's zone, which PGlite has at UTC and a server may not.
  await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; SET TIME ZONE 'UTC';`);
  await client.query(POSTGRES_SCHEMA);
  return postgresDatabase('PostgreSQL server (DATABASE_URL)', {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, [...params])).rows,
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  });
}

export async function openSqlite(): Promise<TestDatabase> {
  const db = new Database(':memory:');
  // filterToSql folds text on SQLite through us_fold(), which the host registers (README).
  registerFoldFunction(db);
  db.exec(SQLITE_SCHEMA);
  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, name, email, phone, city, state, created_at, first_order_at,
       last_order_at, orders_count, total_spent, tags, accepts_marketing)
     VALUES (@id, @name, @email, @phone, @city, @state, @created_at, @first_order_at,
       @last_order_at, @orders_count, @total_spent, @tags, @accepts_marketing)`,
  );
  const insertMember = db.prepare(
    'INSERT INTO segment_members (segment_id, customer_id) VALUES (?, ?)',
  );
  const replace = db.transaction(
    (customers: readonly Customer[], members: readonly Membership[]) => {
      db.exec('DELETE FROM customers; DELETE FROM segment_members;');
      for (const customer of customers) {
        const row = toRow(customer);
        insertCustomer.run({
          ...row,
          tags: row.tags === null ? null : JSON.stringify(row.tags),
          accepts_marketing: row.accepts_marketing === null ? null : Number(row.accepts_marketing),
        });
      }
      for (const member of members) insertMember.run(member.segmentId, member.customerId);
    },
  );
  return {
    name: 'SQLite (better-sqlite3)',
    dialect: 'sqlite',
    load: async (customers, members = []) => replace(customers, members),
    ids: async (where, params) => {
      const rows = db.prepare(`SELECT id FROM customers WHERE ${where}`).all(...params);
      return sortIds((rows as { id: string }[]).map((row) => row.id));
    },
    query: async (sql, params = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    },
    close: async () => void db.close(),
  };
}

/** Customer ids in the one order every side of a comparison uses. */
export const sortIds = (ids: string[]) => ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

// ---- helpers ----

const POSTGRES_SCHEMA = `
  CREATE TABLE customers (
    id text PRIMARY KEY, name text, email text, phone text, city text, state text,
    created_at timestamptz NOT NULL, first_order_at timestamptz, last_order_at timestamptz,
    orders_count integer NOT NULL, total_spent bigint NOT NULL, tags text[],
    accepts_marketing boolean
  );
  CREATE TABLE segment_members (segment_id text NOT NULL, customer_id text NOT NULL);
`;

const SQLITE_SCHEMA = `
  CREATE TABLE customers (
    id TEXT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, city TEXT, state TEXT,
    created_at TEXT NOT NULL, first_order_at TEXT, last_order_at TEXT,
    orders_count INTEGER NOT NULL, total_spent INTEGER NOT NULL, tags TEXT,
    accepts_marketing INTEGER
  );
  CREATE TABLE segment_members (segment_id TEXT NOT NULL, customer_id TEXT NOT NULL);
`;

interface PostgresConnection {
  exec(sql: string): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function postgresDatabase(name: string, connection: PostgresConnection): TestDatabase {
  return {
    name,
    dialect: 'postgres',
    async load(customers, members = []) {
      await connection.exec('DELETE FROM customers; DELETE FROM segment_members;');
      // One JSON parameter per table keeps loading a data set to two round trips.
      await connection.query(
        'INSERT INTO customers SELECT * FROM json_populate_recordset(NULL::customers, $1::json)',
        [JSON.stringify(customers.map((c) => noEmptyDates(toRow(c))))],
      );
      await connection.query(
        `INSERT INTO segment_members (segment_id, customer_id)
         SELECT m->>'segmentId', m->>'customerId' FROM json_array_elements($1::json) AS m`,
        [JSON.stringify(members)],
      );
    },
    async ids(where, params) {
      const rows = await connection.query(`SELECT id FROM customers WHERE ${where}`, params);
      return sortIds(rows.map((row) => String(row.id)));
    },
    query: (sql, params = []) => connection.query(sql, params),
    close: () => connection.close(),
  };
}

/**
 * A timestamptz column cannot hold '', which every side reads as "no date": PostgreSQL stores
 * NULL for it, SQLite keeps the '' (and must still read it as missing).
 */
function noEmptyDates(row: ReturnType<typeof toRow>) {
  return {
    ...row,
    first_order_at: row.first_order_at || null,
    last_order_at: row.last_order_at || null,
  };
}

function toRow(customer: Customer) {
  return {
    id: customer.id,
    name: customer.name ?? null,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    city: customer.city ?? null,
    state: customer.state ?? null,
    created_at: customer.createdAt,
    first_order_at: customer.firstOrderAt ?? null,
    last_order_at: customer.lastOrderAt ?? null,
    orders_count: customer.ordersCount,
    total_spent: customer.totalSpent,
    tags: customer.tags ?? null,
    accepts_marketing: customer.acceptsMarketing ?? null,
  };
}
