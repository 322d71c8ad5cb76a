/**
 * The reference backend as its own process for `npm run bench:server`, so the load clients and
 * the server do not share one event loop. Prints its base URL as one JSON line on stdout.
 */
import { startBackend } from '../server/backend.ts';

const backend = await startBackend({
  databaseUrl: process.env.DATABASE_URL,
  schema: process.env.BENCH_SCHEMA,
  poolSize: 20,
});
console.log(JSON.stringify({ baseUrl: backend.baseUrl }));
process.once('SIGTERM', () => void backend.close().then(() => process.exit(0)));
