/**
 * The reference backend for the journey tests, in a process of its own (run with tsx by
 * backend-plugin.mjs): PGlite in memory, CORS open to the test page, and one request per line on
 * stdin — `{ id, op: 'store' }` makes a fresh store holding the journey data and answers
 * `{ id, result: { baseUrl, apiKey, storeId } }` on stdout; `{ id, op: 'clock', storeId, at }`
 * sets that store's clock to the ISO instant `at` (null: the real time again), so a journey can
 * count a segment on several days and see its trend. Closes when stdin ends.
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

/** Each store's clock, as a journey set it; absent: the real time. */
const clocks = new Map<string, Date>();
const backend = await startBackend({
  corsOrigins: '*',
  now: (storeId) => new Date(clocks.get(storeId) ?? Date.now()),
});
await setGlobalSegments(backend.db, DEMO_GLOBAL_SEGMENTS);
const data = generateStore(JOURNEY_STORE);
let stores = 0;

async function newStore(): Promise<{ baseUrl: string; apiKey: string; storeId: string }> {
  stores += 1;
  const storeId = `journey-${stores}`;
  const { apiKey } = await createStore(backend.db, {
    storeId,
    timeZone: JOURNEY_STORE.timeZone,
    defaultCountry: JOURNEY_STORE.defaultCountry,
  });
  await importCustomers(backend.db, storeId, data.customers);
  await importOrders(backend.db, storeId, data.orders);
  return { baseUrl: backend.baseUrl, apiKey, storeId };
}

function setClock(storeId: unknown, at: unknown): { at: string | null } {
  if (typeof storeId !== 'string') throw new Error('clock: name the storeId');
  if (at === null) {
    clocks.delete(storeId);
    return { at: null };
  }
  const when = new Date(String(at));
  if (Number.isNaN(when.getTime())) throw new Error(`clock: ${String(at)} is not an instant`);
  clocks.set(storeId, when);
  return { at: when.toISOString() };
}

const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

send({ ready: backend.baseUrl });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, op, storeId, at } = JSON.parse(line) as {
    id: number;
    op: string;
    storeId?: unknown;
    at?: unknown;
  };
  try {
    if (op === 'store') send({ id, result: await newStore() });
    else if (op === 'clock') send({ id, result: setClock(storeId, at) });
    else throw new Error(`unknown request ${op}`);
  } catch (error) {
    send({ id, error: error instanceof Error ? error.message : String(error) });
  }
}
await backend.close();
