/**
 * The reference backend for tests: on PGlite, or on the PostgreSQL server DATABASE_URL names
 * (in a throwaway schema, dropped on close), with a kit factory that gives each check a fresh
 * store of its own and a RestAdapter holding that store's key.
 */
import pg from 'pg';
import { RestAdapter } from '../../../src/adapters/rest/index.ts';
import type { AdapterFactory } from '../../../src/testing/index.ts';
import { startBackend, type Backend, type BackendOptions } from '../../../server/backend.ts';
import {
  createStore,
  importCustomers,
  importOrders,
  setGlobalSegments,
} from '../../../server/stores.ts';

export interface TestBackend extends Backend {
  name: string;
  /** A new store seeded with customers and orders; resolves with its API key. */
  newStore(seed?: Parameters<AdapterFactory>[0]): Promise<{ storeId: string; apiKey: string }>;
  /** A kit factory: every call a new store, its adapter speaking HTTP to this backend. */
  factory(wrapFetch?: (inner: typeof fetch) => typeof fetch): AdapterFactory;
}

let stores = 0;

export async function startTestBackend(
  options: BackendOptions & { server?: boolean } = {},
): Promise<TestBackend> {
  const url = options.server ? process.env.DATABASE_URL : undefined;
  const schema = url ? `user_segments_rest_${process.pid}_${Date.now()}` : undefined;
  const backend = await startBackend({ ...options, databaseUrl: url, schema });
  const run = Date.now().toString(36);
  const newStore: TestBackend['newStore'] = async (seed) => {
    stores += 1;
    const storeId = `store-${run}-${stores}`;
    const { apiKey } = await createStore(backend.db, {
      storeId,
      timeZone: seed?.timeZone,
      defaultCountry: seed?.defaultCountry,
    });
    if (seed?.globalSegments) await setGlobalSegments(backend.db, seed.globalSegments);
    if (seed?.customers.length) await importCustomers(backend.db, storeId, seed.customers);
    if (seed?.orders.length) await importOrders(backend.db, storeId, seed.orders);
    return { storeId, apiKey };
  };
  return {
    ...backend,
    name: url ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite',
    newStore,
    factory: (wrapFetch) => async (seed) => {
      const { apiKey } = await newStore(seed);
      const adapter = new RestAdapter({
        baseUrl: backend.baseUrl,
        headers: { authorization: `Bearer ${apiKey}` },
        fetch: wrapFetch ? wrapFetch(fetch) : undefined,
      });
      return { adapter };
    },
    async close() {
      await backend.close();
      if (url && schema) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

/**
 * Tables that remember what a read computed (a count and the day it was taken): any request that
 * recounts may rewrite them, refused or not, without changing what a store holds.
 */
const DERIVED_TABLES = ['schema_migrations', 'segment_counts'];

/**
 * Every row of every table the backend's migrations made (but DERIVED_TABLES), as one string, so
 * a test can assert that a refused request changed nothing. Tables are found in the schema, not
 * listed by hand, so a table a later migration adds is covered too; rows are sorted as text, so
 * no table needs a key.
 */
export async function snapshotTables(db: Backend['db']): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND NOT table_name = ANY($1::text[])
      ORDER BY table_name`,
    [DERIVED_TABLES],
  );
  const parts: [string, string[]][] = [];
  for (const { name } of tables) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    parts.push([name, rows.map((row) => JSON.stringify(row)).sort()]);
  }
  return JSON.stringify(parts);
}
