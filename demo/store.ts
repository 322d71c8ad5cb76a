/**
 * The demo store: a LocalAdapter seeded once per browser with a generated Indian store of
 * 20,000 customers and their orders, plus two platform-wide segments, as a host admin would
 * configure them. The data stays in IndexedDB, so a reload opens it at once.
 */
import { LocalAdapter, type SegmentAdapter } from '../components/index.ts';
import { generateStore } from '../src/testing/index.ts';

export const DEMO_STORE = {
  id: 'demo-kesar-kurta-v2',
  seed: 42,
  customers: 20_000,
  orders: 60_000,
  timeZone: 'Asia/Kolkata',
  defaultCountry: 'IN',
};

/** Marks a store whose seeding finished, so a half-seeded one (a reload mid-way) is redone. */
const SEEDED_KEY = `user-segments-demo:seeded:${DEMO_STORE.id}`;

export const GLOBAL_SEGMENTS = [
  {
    id: 'global-marketing-opt-in',
    name: 'Accepts marketing (all stores)',
    filter: {
      combinator: 'and' as const,
      rules: [{ field: 'acceptsMarketing', operator: 'equals', value: true }],
    },
  },
  {
    id: 'global-metro-shoppers',
    name: 'Metro shoppers',
    filter: {
      combinator: 'and' as const,
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
 * THE place where the demo makes its adapter. Everything else takes a `SegmentAdapter`, so
 * another adapter (a RestAdapter on a host's server, a CachedAdapter around it) drops in here.
 */
export function createDemoAdapter(): LocalAdapter {
  return new LocalAdapter({
    storeId: DEMO_STORE.id,
    timeZone: DEMO_STORE.timeZone,
    defaultCountry: DEMO_STORE.defaultCountry,
    globalSegments: GLOBAL_SEGMENTS,
  });
}

/** How far seeding has got, 0–100; null while the data is being generated. */
export type SeedProgress = number | null;

/**
 * Seeds the store the first time the demo runs in this browser (in slices, reporting progress,
 * yielding to the page between them); later visits find it seeded and return at once.
 */
export async function seedDemoStore(
  adapter: LocalAdapter,
  onProgress: (progress: SeedProgress) => void,
): Promise<{ customers: number }> {
  const { total } = await adapter.countMembers({ segmentId: 'first-time-customers' });
  if (total === DEMO_STORE.customers && localStorage.getItem(SEEDED_KEY)) {
    return { customers: total };
  }
  onProgress(null); // generating
  await nextFrame();
  const { customers, orders } = generateStore({
    seed: DEMO_STORE.seed,
    customers: DEMO_STORE.customers,
    orders: DEMO_STORE.orders,
  });
  const slices = 10;
  const customerSlice = Math.ceil(customers.length / slices);
  const orderSlice = Math.ceil(orders.length / slices);
  for (let i = 0; i < slices; i++) {
    onProgress(Math.round((i / slices) * 40));
    await adapter.importCustomers(customers.slice(i * customerSlice, (i + 1) * customerSlice));
    // Orders of customers not imported yet would be refused: import them once all are in.
  }
  for (let i = 0; i < slices; i++) {
    onProgress(40 + Math.round((i / slices) * 60));
    await adapter.importOrders(orders.slice(i * orderSlice, (i + 1) * orderSlice));
  }
  localStorage.setItem(SEEDED_KEY, new Date().toISOString());
  onProgress(100);
  return { customers: customers.length };
}

/** Deletes the demo store and its marker (the "Reset demo store" button). */
export async function resetDemoStore(adapter: LocalAdapter): Promise<void> {
  localStorage.removeItem(SEEDED_KEY);
  adapter.close();
  await LocalAdapter.deleteStore(adapter.storeId);
}

export type { SegmentAdapter };

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
