import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adapterChecks } from '../../src/testing/index.ts';
import { openPglite, recording } from '../../server/db.ts';
import { migrate } from '../../server/migrate.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The rules that let the schema shard by store on Citus unchanged (README "Moving to Citus"),
 * checked over the migrated schema in PostgreSQL's own catalogue, and over every statement the
 * backend runs while the conformance kit talks to it. Plus the migrations' own promises.
 */

/** Copied to every node on Citus: the only tables allowed without store_id. */
const REFERENCE_TABLES = ['global_segments', 'schema_migrations'];

let backend: TestBackend;
const statements: string[] = [];

before(async () => {
  backend = await startTestBackend({
    wrapDb: (db) => recording(db, (sql) => statements.push(sql)),
  });
});
after(() => backend?.close());

interface TableRow {
  table: string;
  has_store_id: boolean;
  store_id_not_null: boolean;
}

describe('the schema is built to shard by store_id', () => {
  it('has the tables the backend needs', async () => {
    const tables = (await distributed()).map((t) => t.table).sort();
    assert.deepEqual(tables, [
      'api_keys',
      'customers',
      'idempotency_keys',
      'member_batches',
      'orders',
      'segment_count_history',
      'segment_counts',
      'segment_creates',
      'segment_members',
      'segments',
      'stores',
    ]);
  });

  it('every table but the reference tables carries store_id, never null', async () => {
    for (const table of await distributed()) {
      assert.ok(table.has_store_id, `${table.table} has no store_id`);
      assert.ok(table.store_id_not_null, `${table.table}.store_id may be null`);
    }
  });

  it('every primary key and unique key includes store_id', async () => {
    const keys = await backend.db.query<{ table: string; name: string; columns: string[] }>(
      `SELECT t.relname AS table, i.relname AS name,
              array(SELECT a.attname FROM unnest(x.indkey) AS k(n)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n) AS columns
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
        WHERE x.indisunique AND ns.nspname = current_schema()
          AND NOT (t.relname = ANY($1::text[]))`,
      [REFERENCE_TABLES],
    );
    assert.ok(keys.length >= 8, 'every table has a primary key');
    for (const key of keys) {
      assert.ok(
        key.columns.includes('store_id'),
        `${key.table}: ${key.name} (${key.columns}) lacks store_id`,
      );
    }
  });

  it('every index leads with store_id, so each store reads only its own rows', async () => {
    const indexes = await backend.db.query<{ table: string; name: string; first: string | null }>(
      `SELECT t.relname AS table, i.relname AS name, a.attname AS first
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE ns.nspname = current_schema() AND NOT (t.relname = ANY($1::text[]))`,
      [REFERENCE_TABLES],
    );
    for (const index of indexes) {
      assert.equal(
        index.first,
        'store_id',
        `${index.table}: ${index.name} starts with ${index.first}`,
      );
    }
  });

  it('every foreign key joins store_id to store_id (co-located tables)', async () => {
    const keys = await backend.db.query<{
      table: string;
      name: string;
      columns: string[];
      referenced: string[];
      target: string;
    }>(
      `SELECT t.relname AS table, c.conname AS name, r.relname AS target,
              array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                     ORDER BY k.i) AS columns,
              array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                     ORDER BY k.i) AS referenced
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace ns ON ns.oid = t.relnamespace
        WHERE c.contype = 'f' AND ns.nspname = current_schema()`,
    );
    assert.ok(keys.length >= 6, 'the tables are tied by foreign keys');
    for (const key of keys) {
      const at = key.columns.indexOf('store_id');
      assert.ok(at >= 0, `${key.table}.${key.name} does not include store_id`);
      assert.equal(
        key.referenced[at],
        'store_id',
        `${key.table}.${key.name} joins store_id to ${key.referenced[at]}`,
      );
      assert.ok(
        !REFERENCE_TABLES.includes(key.table),
        `reference table ${key.table} points at a store's rows`,
      );
    }
  });

  it('every statement the backend runs names its store', async () => {
    statements.length = 0;
    const wanted = new Set([
      'createSegment and getSegment round-trip filter and CSV segments',
      'duplicating a CSV segment copies its members',
      'a segment rule selects the members of the segment it names',
      'listMembers pages through every member exactly once',
      'deleteSegment is refused as invalid while another segment uses it',
      'updateSegment saves the draft and bumps the version',
      'the global scope lists the platform segments, read-only, with counts',
    ]);
    for (const check of adapterChecks.filter((c) => wanted.has(c.name))) {
      await check.run(backend.factory());
    }
    const tables = (await distributed()).map((t) => t.table);
    const mentions = new RegExp(`\\b(${tables.join('|')})\\b`);
    const touching = statements.filter((sql) =>
      mentions.test(sql.replace(/store_id|store_customers|store_members/g, '')),
    );
    assert.ok(touching.length > 50, `only ${touching.length} statements recorded`);
    // A statement names its store in a condition, or (an INSERT … VALUES) in the row it writes.
    const scoped = (sql: string) =>
      /store_id\s*=\s*\$\d+/.test(sql) || /^\s*INSERT INTO \w+ \(store_id,/.test(sql);
    const unscoped = touching.filter((sql) => !scoped(sql));
    assert.deepEqual(unscoped, []);
  });
});

describe('migrations', () => {
  it('apply once: a second run applies nothing', async () => {
    assert.deepEqual(await migrate(backend.db), []);
    const rows = await backend.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      [1, 2, 3, 4, 6],
    );
  });

  it('run in one transaction: a failing file leaves no table behind', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'us-migrations-'));
    const db = await openPglite();
    try {
      await writeFile(
        join(folder, '001_first.sql'),
        'CREATE TABLE first_table (store_id text PRIMARY KEY);',
      );
      await writeFile(
        join(folder, '002_broken.sql'),
        'CREATE TABLE second_table (store_id text); SELECT 1/0;',
      );
      await assert.rejects(migrate(db, folder));
      const tables = await db.query(
        "SELECT tablename FROM pg_tables WHERE tablename IN ('first_table', 'second_table', 'schema_migrations')",
      );
      assert.deepEqual(tables, []);
      await writeFile(join(folder, '002_broken.sql'), 'CREATE TABLE second_table (store_id text);');
      assert.deepEqual(await migrate(db, folder), [1, 2]);
    } finally {
      await db.close();
      await rm(folder, { recursive: true });
    }
  });
});

async function distributed(): Promise<TableRow[]> {
  return backend.db.query<TableRow>(
    `SELECT c.relname AS table,
            a.attname IS NOT NULL AS has_store_id,
            coalesce(a.attnotnull, false) AS store_id_not_null
       FROM pg_class c
       JOIN pg_namespace ns ON ns.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'store_id' AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND ns.nspname = current_schema() AND NOT (c.relname = ANY($1::text[]))`,
    [REFERENCE_TABLES],
  );
}
