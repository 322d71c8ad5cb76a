/**
 * The demo stores on the reference backend. The first is the same generated Indian store with
 * the same platform-wide segments as the LocalAdapter demo (demo/store.ts), so both adapters
 * show the same numbers; the second is smaller and different, to try store isolation by hand.
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
 * A second demo store with data of its own, so that a store's isolation can be tried by hand:
 * its key sees its customers and segments, never the first store's.
 */
export const SECOND_DEMO = {
  storeId: 'demo-nilgiri-tea',
  name: 'Nilgiri Tea House',
  seed: 7,
  customers: 2_000,
  orders: 6_000,
} as const;

type DemoStore = typeof DEMO | typeof SECOND_DEMO;

/**
 * Creates and fills the demo store the first time; later runs (on a server database) keep its
 * data and issue a fresh API key, since only keys' hashes are stored.
 */
export async function seedDemoStore(
  db: Db,
  demo: DemoStore = DEMO,
): Promise<{ apiKey: string; created: boolean }> {
  const [existing] = await db.query('SELECT 1 FROM stores WHERE store_id = $1', [demo.storeId]);
  if (existing) {
    const apiKey = `${demo.storeId}.${randomBytes(24).toString('base64url')}`;
    await db.query('INSERT INTO api_keys (store_id, key_hash, label) VALUES ($1, $2, $3)', [
      demo.storeId,
      hashKey(apiKey),
      'npm run server',
    ]);
    return { apiKey, created: false };
  }
  const { apiKey } = await createStore(db, {
    storeId: demo.storeId,
    name: demo.name,
    timeZone: 'Asia/Kolkata',
    defaultCountry: 'IN',
  });
  const { customers, orders } = generateStore(demo);
  await setGlobalSegments(db, DEMO_GLOBAL_SEGMENTS);
  await importCustomers(db, demo.storeId, customers);
  await importOrders(db, demo.storeId, orders);
  return { apiKey, created: true };
}

/** Both demo stores, each with a key, for `npm run server`. */
export async function seedDemoStores(
  db: Db,
): Promise<{ storeId: string; name: string; apiKey: string; created: boolean }[]> {
  const seeded = [];
  for (const demo of [DEMO, SECOND_DEMO]) {
    seeded.push({ storeId: demo.storeId, name: demo.name, ...(await seedDemoStore(db, demo)) });
  }
  return seeded;
}
