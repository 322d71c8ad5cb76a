/**
 * The demo store on the reference backend: the same generated Indian store and platform-wide
 * segments as the LocalAdapter demo (demo/store.ts), so both adapters show the same numbers.
 */
import { generateStore, type GlobalSegmentSeed } from '../src/testing/index.ts';
import type { Db } from './db.ts';
import {
  createStore,
  hashKey,
  importCustomers,
  importOrders,
  setGlobalSegments,
} from './stores.ts';
import { randomBytes } from 'node:crypto';

export const DEMO = {
  storeId: 'demo-kesar-kurta',
  name: 'Kesar Kurta Co.',
  seed: 42,
  customers: 5_000,
  orders: 15_000,
} as const;

export const DEMO_GLOBAL_SEGMENTS: GlobalSegmentSeed[] = [
  {
    id: 'global-marketing-opt-in',
    name: 'Accepts marketing (all stores)',
    filter: {
      combinator: 'and',
      rules: [{ field: 'acceptsMarketing', operator: 'equals', value: true }],
    },
  },
  {
    id: 'global-metro-shoppers',
    name: 'Metro shoppers',
    filter: {
      combinator: 'and',
      rules: [
        {
          field: 'city',
          operator: 'in',
          value: ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Kolkata'],
        },
      ],
    },
  },
];

/**
 * Creates and fills the demo store the first time; later runs (on a server database) keep its
 * data and issue a fresh API key, since only keys' hashes are stored.
 */
export async function seedDemoStore(db: Db): Promise<{ apiKey: string; created: boolean }> {
  const [existing] = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [DEMO.storeId]);
  if (existing) {
    const apiKey = `${DEMO.storeId}.${randomBytes(24).toString('base64url')}`;
    await db.query('INSERT INTO api_keys (store_id, key_hash) VALUES ($1, $2)', [
      DEMO.storeId,
      hashKey(apiKey),
    ]);
    return { apiKey, created: false };
  }
  const { apiKey } = await createStore(db, {
    storeId: DEMO.storeId,
    name: DEMO.name,
    timeZone: 'Asia/Kolkata',
    defaultCountry: 'IN',
  });
  const { customers, orders } = generateStore(DEMO);
  await setGlobalSegments(db, DEMO_GLOBAL_SEGMENTS);
  await importCustomers(db, DEMO.storeId, customers);
  await importOrders(db, DEMO.storeId, orders);
  return { apiKey, created: true };
}
