/**
 * CPU time (this process's, not wall-clock) of the JavaScript side of a LocalAdapter import of
 * 100,000 customers and 300,000 orders: checking, planning blocks, applying to memory. No
 * IndexedDB here (the bench page times that): these are the parts a loaded machine makes hard to
 * time by the clock, and CPU time moves much less with other processes' load.
 * `node --import tsx bench/local-import-cpu.ts` (REPS=9 for more runs).
 */
import { generateStore } from '../src/testing/generate-store.ts';
import { checkCustomers, checkOrders } from '../src/adapters/local/import.ts';
import { CustomerData } from '../src/adapters/local/customer-store.ts';
import type { LocalDatabase } from '../src/adapters/local/database.ts';

const { customers, orders } = generateStore({ seed: 42, customers: 100_000, orders: 300_000 });
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const runs: Record<string, number[]> = {};
async function timed<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const start = cpuMs();
  const result = await work();
  (runs[name] ??= []).push(cpuMs() - start);
  return result;
}

for (let r = 0; r < Number(process.env.REPS ?? 5); r++) {
  const profiles = await timed('checkCustomers', () => checkCustomers(customers, 'IN'));
  const customerPlan = await timed('planCustomers', () =>
    CustomerData.empty().planCustomers(profiles),
  );
  const data = await timed('apply customers', () => customerPlan.apply());
  const columns = await timed('checkOrders', () => checkOrders(orders, (id) => data.indexOf(id)));
  // An empty store's order log is in memory: planning its first orders reads no database.
  const orderPlan = await timed('planOrders', () =>
    data.planOrders(undefined as unknown as LocalDatabase, columns),
  );
  await timed('apply orders', () => orderPlan.apply());
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
let sum = 0;
for (const [name, list] of Object.entries(runs)) {
  sum += median(list);
  console.log(
    `${name.padEnd(16)} ${median(list).toFixed(0).padStart(5)} ms CPU (median; runs ${list.map((x) => x.toFixed(0)).join(' ')})`,
  );
}
console.log(`${'sum of medians'.padEnd(16)} ${sum.toFixed(0).padStart(5)} ms CPU`);
