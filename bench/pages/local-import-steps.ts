/**
 * Runs in headless Chromium for bench/local-import-steps.ts: a LocalAdapter import of 100,000
 * customers and 300,000 orders cut into its steps (checking, planning blocks, IndexedDB writes,
 * applying to memory, loading in a new tab), each run on its own so the driver can read the CPU
 * the browser's processes spent on it. The writes are the store's own transaction, by hand.
 */
import Dexie from 'dexie';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { checkCustomers, checkOrders, type OrderColumns } from '../../src/adapters/local/import.ts';
import { CustomerData, type DataPlan } from '../../src/adapters/local/customer-store.ts';
import { LocalDatabase, type CustomerProfile } from '../../src/adapters/local/database.ts';
import type { FilterGroup } from '../../src/model.ts';

/** The five rules of bench/pages/local-adapter.ts. */
const FIVE_RULES: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
    { field: 'createdOn', operator: 'after', value: '2024-06-01' },
    { field: 'ordersCount', operator: 'gte', value: 2 },
    { field: 'totalSpent', operator: 'gte', value: 100000 },
    { field: 'tags', operator: 'hasNone', value: ['wholesale'] },
  ],
};

const { customers, orders } = generateStore({ seed: 42, customers: 100_000, orders: 300_000 });

interface RunState {
  db: LocalDatabase;
  storeId: string;
  profiles?: CustomerProfile[];
  customerPlan?: DataPlan;
  data?: CustomerData;
  columns?: OrderColumns;
  orderPlan?: DataPlan;
}
let run: RunState;

async function write(plan: DataPlan, dataVersion: number): Promise<void> {
  const { db } = run;
  await db.transaction('rw', [db.meta, db.customerBlocks, db.statsBlocks, db.orderBlocks], () =>
    Promise.all([
      db.customerBlocks.bulkPut(plan.customerBlocks),
      db.statsBlocks.bulkPut(plan.statsBlocks),
      db.orderBlocks.bulkPut(plan.orderBlocks),
      db.meta.put({
        key: 'state',
        dataVersion,
        segmentsVersion: 0,
        customers: plan.customers,
        orders: plan.orders ?? 0,
      }),
    ]),
  );
}

const STEPS: Record<string, () => unknown> = {
  checkCustomers: () => (run.profiles = checkCustomers(customers, 'IN')),
  planCustomers: () => (run.customerPlan = CustomerData.empty().planCustomers(run.profiles!)),
  writeCustomers: () => write(run.customerPlan!, 1),
  applyCustomers: () => (run.data = run.customerPlan!.apply()),
  checkOrders: () => (run.columns = checkOrders(orders, (id) => run.data!.indexOf(id))),
  planOrders: async () => (run.orderPlan = await run.data!.planOrders(run.db, run.columns!)),
  writeOrders: () => write(run.orderPlan!, 2),
  applyOrders: () => run.orderPlan!.apply(),
  loadInNewTab: () => CustomerData.load(run.db),
  'adapter: importCustomers + importOrders': async () => {
    const adapter = new LocalAdapter({ storeId: run.storeId });
    await adapter.importCustomers(customers);
    await adapter.importOrders(orders);
    adapter.close();
  },
  'adapter: new tab, first countMembers': async () => {
    const adapter = new LocalAdapter({ storeId: run.storeId });
    await adapter.countMembers({ filter: FIVE_RULES });
    adapter.close();
  },
};

declare global {
  interface Window {
    importSteps(): string[];
    startImportRun(): Promise<void>;
    runImportStep(name: string): Promise<number>;
    endImportRun(): Promise<void>;
  }
}

window.importSteps = () => Object.keys(STEPS);
window.startImportRun = async () => {
  run = { db: new LocalDatabase(`steps-${crypto.randomUUID()}`), storeId: crypto.randomUUID() };
  await run.db.open();
};
window.runImportStep = async (name) => {
  const start = performance.now();
  await STEPS[name]!();
  return performance.now() - start;
};
window.endImportRun = async () => {
  run.db.close();
  await Dexie.delete(run.db.name);
  await LocalAdapter.deleteStore(run.storeId);
};
