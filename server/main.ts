/**
 * `npm run server`: the reference backend with two seeded demo stores. On PostgreSQL when
 * DATABASE_URL is set (migrated first), otherwise on PGlite in memory. PORT picks the port
 * (default: any free one); the demo page's link is printed once it listens.
 */
import { seedDemoStores } from './seed.ts';
import { startBackend } from './backend.ts';

const backend = await startBackend({
  databaseUrl: process.env.DATABASE_URL,
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '127.0.0.1',
  corsOrigins: '*',
  logger: process.env.LOG === '1',
});
const stores = await seedDemoStores(backend.db);

console.log(`Reference backend on ${backend.baseUrl}`);
console.log(`  database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'PGlite (in memory)'}`);
for (const { storeId, name, apiKey, created } of stores) {
  const link = new URLSearchParams({ adapter: 'rest', api: backend.baseUrl, key: apiKey });
  console.log(`  store:    ${storeId}, ${name} (${created ? 'seeded now' : 'kept from before'})`);
  console.log(`  API key:  ${apiKey}`);
  console.log(`  demo page (with \`npm start\` running): /demo/?${link}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void backend.close().then(() => process.exit(0)));
}
