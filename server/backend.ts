/**
 * A running reference backend: database opened and migrated, HTTP server listening. Used by
 * `npm run server`, the tests and the bench.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import { openPglite, openPostgres, type Db } from './db.ts';
import { migrate } from './migrate.ts';

export interface Backend {
  db: Db;
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>/api` */
  baseUrl: string;
  close(): Promise<void>;
}

export interface BackendOptions extends Omit<AppOptions, 'db'> {
  /** A PostgreSQL server; PGlite in memory when absent. */
  databaseUrl?: string;
  /** With databaseUrl: a schema of its own for the tables. */
  schema?: string;
  /** Pool size on a server. */
  poolSize?: number;
  /** The longest one SQL statement may run, in ms; default 15 s. */
  statementTimeoutMs?: number;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Wraps the database, e.g. to record statements. */
  wrapDb?: (db: Db) => Db;
}

export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const opened = options.databaseUrl
    ? openPostgres(options.databaseUrl, {
        schema: options.schema,
        max: options.poolSize,
        statementTimeoutMs: options.statementTimeoutMs,
      })
    : await openPglite(undefined, { statementTimeoutMs: options.statementTimeoutMs });
  const db = options.wrapDb ? options.wrapDb(opened) : opened;
  try {
    await migrate(db);
    const app = buildApp({ ...options, db });
    const address = await app.listen({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
    });
    return {
      db,
      app,
      baseUrl: `${address}/api`,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * On SIGINT or SIGTERM: stop accepting connections, let the requests in flight finish, close the
 * database, exit 0. Still running after `timeoutMs`: exit 1.
 */
export function stopOnSignals(backend: Backend, timeoutMs: number): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      backend.app.log.info({ signal }, 'shutting down: finishing requests in flight');
      const deadline = setTimeout(() => {
        backend.app.log.error('requests still running at the shutdown deadline; exiting anyway');
        process.exit(1);
      }, timeoutMs);
      deadline.unref();
      void backend.close().then(
        () => process.exit(0),
        (error: unknown) => {
          backend.app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
