/**
 * The two ways the reference backend reaches PostgreSQL behind one small interface: a `pg` pool
 * on a real server (DATABASE_URL) and PGlite, PostgreSQL compiled to WebAssembly, for
 * zero-config runs and tests. Every statement goes through `query`, with bound parameters.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$n` parameters; resolves with its rows. */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** A schema of its own (created when missing), e.g. for a test run beside other data. */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  /**
   * The longest one statement may run, in ms (PostgreSQL's `statement_timeout`, set for every
   * session and again with `SET LOCAL` in each transaction); default 15 s, 0 for none. A
   * statement cut off fails with SQLSTATE 57014.
   */
  statementTimeoutMs?: number;
}

/** A pool on a PostgreSQL server. Sessions run in UTC; `schema` goes first on the search path. */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const timeout = statementTimeout(options.statementTimeoutMs);
  // No JIT: it pays off on queries of many seconds, and the backend's answer in milliseconds.
  // An audience over a million customers is estimated just past jit_above_cost and spent
  // 300 ms compiling (EXPLAIN ANALYZE on PostgreSQL 15), more than half its budget.
  const settings = ['-c TimeZone=UTC', `-c statement_timeout=${timeout}`, '-c jit=off'];
  if (options.schema) settings.push(`-c search_path=${options.schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: settings.join(' '),
  });
  let ready: Promise<void> | undefined;
  const ensureSchema = () =>
    (ready ??= options.schema
      ? pool.query(`CREATE SCHEMA IF NOT EXISTS ${quote(options.schema)}`).then(() => undefined)
      : Promise.resolve());
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R = Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, [...params])).rows as R[],
    exec: async (sql) => void (await client.query(sql)),
  });
  const direct = wrap(pool);
  return {
    query: async (sql, params) => (await ensureSchema(), direct.query(sql, params)),
    exec: async (sql) => (await ensureSchema(), direct.exec(sql)),
    async transaction(work) {
      await ensureSchema();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL statement_timeout = ${timeout}`);
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PostgreSQL in this process (in memory unless `dataDir` names a folder). `statement_timeout` is
 * set as on a server, but PGlite runs each statement to its end on the one thread it shares with
 * the caller, so nothing can interrupt it there: the limit holds on a server only.
 */
export async function openPglite(
  dataDir?: string,
  options: Pick<PostgresOptions, 'statementTimeoutMs'> = {},
): Promise<Db> {
  const db = await PGlite.create(dataDir);
  await db.exec(
    `SET TimeZone = 'UTC'; SET statement_timeout = ${statementTimeout(options.statementTimeoutMs)}`,
  );
  const wrap = (client: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <R = Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query<R>(sql, [...params])).rows,
    exec: async (sql) => void (await client.exec(sql)),
  });
  const direct = wrap(db);
  return {
    ...direct,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

/** The same database with every statement also handed to `record` (tests read them). */
export function recording(db: Db, record: (sql: string) => void): Db {
  const wrap = (inner: Queryable): Queryable => ({
    query: (sql, params) => (record(sql), inner.query(sql, params)),
    exec: (sql) => (record(sql), inner.exec(sql)),
  });
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

/** A whole number of ms for `statement_timeout` (never text from outside). */
function statementTimeout(ms: number | undefined): number {
  const value = ms ?? 15_000;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`statementTimeoutMs must be a whole number of ms, not ${value}.`);
  }
  return value;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
