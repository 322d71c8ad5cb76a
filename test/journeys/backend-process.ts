/**
 * The reference backend for the journey tests, in a process of its own (run with tsx by
 * backend-plugin.mjs): PGlite in memory, CORS open to the test page, and one request per line on
 * stdin — `{ id, op: 'store' }` makes a fresh store holding the journey data and answers
 * `{ id, result: { baseUrl, apiKey } }` on stdout. Closes when stdin ends.
 */
import { createInterface } from 'node:readline';
import { startBackend } from '../../server/backend.ts';
import { DEMO_GLOBAL_SEGMENTS } from '../../server/seed.ts';
import {
  createStore,
  importCustomers,
  importOrders,
  setGlobalSegments,
} from '../../server/stores.ts';
import { generateStore } from '../../src/testing/index.ts';
import { JOURNEY_STORE } from './store-data.ts';

const backend = await startBackend({ corsOrigins: '*' });
await setGlobalSegments(backend.db, DEMO_GLOBAL_SEGMENTS);
const data = generateStore(JOURNEY_STORE);
let stores = 0;

async function newStore(): Promise<{ baseUrl: string; apiKey: string }> {
  stores += 1;
  const storeId = `journey-${stores}`;
  const { apiKey } = await createStore(backend.db, {
    storeId,
    timeZone: JOURNEY_STORE.timeZone,
    defaultCountry: JOURNEY_STORE.defaultCountry,
  });
  await importCustomers(backend.db, storeId, data.customers);
  await importOrders(backend.db, storeId, data.orders);
  return { baseUrl: backend.baseUrl, apiKey };
}

const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

send({ ready: backend.baseUrl });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, op } = JSON.parse(line) as { id: number; op: string };
  try {
    if (op !== 'store') throw new Error(`unknown request ${op}`);
    send({ id, result: await newStore() });
  } catch (error) {
    send({ id, error: error instanceof Error ? error.message : String(error) });
  }
}
await backend.close();
