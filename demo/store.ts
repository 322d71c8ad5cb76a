/**
 * The demo store: a LocalAdapter seeded once with a generated Indian store, plus two
 * platform-wide segments, as a host admin would configure them.
 */
import { LocalAdapter } from '../components/index.ts';
import { generateStore } from '../src/testing/index.ts';

export const DEMO_STORE = { id: 'demo-kesar-kurta', seed: 42, customers: 5_000, orders: 15_000 };

export function openDemoStore(): LocalAdapter {
  return new LocalAdapter({
    storeId: DEMO_STORE.id,
    timeZone: 'Asia/Kolkata',
    defaultCountry: 'IN',
    globalSegments: [
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
    ],
  });
}

/** Seeds the store the first time the demo runs in this browser; later visits reuse it. */
export async function seedIfEmpty(adapter: LocalAdapter): Promise<{ customers: number }> {
  const { total } = await adapter.countMembers({ segmentId: 'first-time-customers' });
  if (total > 0) return { customers: total };
  const { customers, orders } = generateStore({
    seed: DEMO_STORE.seed,
    customers: DEMO_STORE.customers,
    orders: DEMO_STORE.orders,
  });
  await adapter.importCustomers(customers);
  await adapter.importOrders(orders);
  return { customers: customers.length };
}
