/**
 * `npm run server`: the reference backend with two seeded demo stores. Configured from the
 * environment (server/config.ts: PORT, HOST, DATABASE_URL, CORS_ORIGINS, BODY_LIMIT, timeouts,
 * MAX_CONNECTIONS, LOG_LEVEL); on PostgreSQL when DATABASE_URL is set (migrated first), otherwise
 * on PGlite in memory. On SIGINT or SIGTERM it stops accepting connections, lets the requests in
 * flight finish (at most SHUTDOWN_TIMEOUT_MS), closes the database and exits.
 */
import { ConfigError, readConfig } from './config.ts';
import { seedDemoStores } from './seed.ts';
import { startBackend, stopOnSignals } from './backend.ts';

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`The reference backend cannot start:\n${error.message}`);
  process.exit(2);
}

const backend = await startBackend({
  databaseUrl: config.databaseUrl,
  port: config.port,
  host: config.host,
  corsOrigins: config.corsOrigins,
  bodyLimit: config.bodyLimit,
  requestTimeoutMs: config.requestTimeoutMs,
  headersTimeoutMs: config.headersTimeoutMs,
  keepAliveTimeoutMs: config.keepAliveTimeoutMs,
  maxConnections: config.maxConnections,
  statementTimeoutMs: config.statementTimeoutMs,
  logger: config.logLevel,
});
const stores = await seedDemoStores(backend.db);

console.log(`Reference backend on ${backend.baseUrl}`);
console.log(`  database: ${config.databaseUrl ? 'DATABASE_URL' : 'PGlite (in memory)'}`);
for (const { storeId, name, apiKey, created } of stores) {
  const link = new URLSearchParams({ adapter: 'rest', api: backend.baseUrl, key: apiKey });
  console.log(`  store:    ${storeId}, ${name} (${created ? 'seeded now' : 'kept from before'})`);
  console.log(`  API key:  ${apiKey}`);
  console.log(`  demo page (with \`npm start\` running): /demo/?${link}`);
}

stopOnSignals(backend, config.shutdownTimeoutMs);
