/**
 * Versioned migrations: `migrations/NNN_name.sql`, applied in order, all pending ones in one
 * transaction (a failure leaves the schema as it was), each recorded in schema_migrations.
 * An advisory lock keeps two servers starting at once from applying the same file twice.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Applies the pending migrations; resolves with the versions it applied. */
export async function migrate(db: Db, folder = FOLDER): Promise<number[]> {
  const files = (await readdir(folder)).filter((name) => FILE.test(name)).sort();
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('user-segments:migrations'))");
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (row) => row.version,
      ),
    );
    const applied: number[] = [];
    for (const name of files) {
      const version = Number(FILE.exec(name)![1]);
      if (done.has(version)) continue;
      await tx.exec(await readFile(join(folder, name), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        version,
        name,
      ]);
      applied.push(version);
    }
    return applied;
  });
}
