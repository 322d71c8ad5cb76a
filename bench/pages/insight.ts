/**
 * Runs in headless Chromium for bench/insight.bench.ts: what `<segment-form>` asks of a
 * LocalAdapter while a saved filter segment is edited on a 100,000-customer store — the edit's
 * impact (`impactOf`, the form's own counting) and the preview (the first
 * ten customers the edited rules match) — each edit a rule set not asked before.
 */
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';
import type { Customer, FilterGroup } from '../../src/model.ts';
import { medianMs } from '../harness.ts';
import { impactOf } from '../../components/segment-form/segment-form.insight.ts';

export interface InsightBenchResult {
  customers: number;
  impactMs: number;
  previewMs: number;
  /** The last edit's impact and first preview page, beside the same counted by hand. */
  answers: {
    join: { ours: number; byHand: number };
    leave: { ours: number; byHand: number };
    preview: { ours: string[]; byHand: string[] };
  };
}

declare global {
  interface Window {
    runInsightBench(customers: number): Promise<InsightBenchResult>;
  }
}

const SAVED: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
    { field: 'ordersCount', operator: 'gte', value: 2 },
  ],
};
/** The seller's edit: a spend threshold they keep changing. */
const edited = (minSpent: number): FilterGroup => ({
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
    { field: 'totalSpent', operator: 'gte', value: minSpent },
  ],
});
window.runInsightBench = async (count) => {
  const { customers, orders } = generateStore({ seed: 7, customers: count, orders: count * 3 });
  const adapter = new LocalAdapter({
    storeId: `bench-insight-${crypto.randomUUID()}`,
    timeZone: 'Asia/Kolkata',
    defaultCountry: 'IN',
  });
  await adapter.importCustomers(customers);
  await adapter.importOrders(orders);
  // Warm: the store loaded and a first count made, as when the form opens.
  await adapter.countMembers({ filter: SAVED });

  let spend = 50_000;
  const impact = async () => {
    spend += 100;
    const now = edited(spend);
    return impactOf(adapter, JSON.stringify(SAVED), JSON.stringify(now));
  };
  const preview = async () => {
    spend += 100;
    return adapter.listMembers({ filter: edited(spend) }, { limit: 10 });
  };
  const impactMs = await medianMs(impact, 15);
  const previewMs = await medianMs(preview, 15);

  const derived = deriveOrderStats(customers, orders);
  const savedByHand = (c: Customer) =>
    !!c.email?.toLowerCase().endsWith('@gmail.com') && c.ordersCount >= 2;
  const editedByHand = (min: number) => (c: Customer) =>
    !!c.email?.toLowerCase().endsWith('@gmail.com') && c.totalSpent >= min;
  const last = await impact();
  const lastEdit = editedByHand(spend);
  const join = derived.filter((c) => lastEdit(c) && !savedByHand(c)).length;
  const leave = derived.filter((c) => savedByHand(c) && !lastEdit(c)).length;
  const page = await preview();
  const previewByHand = derived
    .filter(editedByHand(spend))
    .slice(0, 10)
    .map((c) => c.id);
  adapter.close();
  await LocalAdapter.deleteStore(adapter.storeId);
  return {
    customers: count,
    impactMs,
    previewMs,
    answers: {
      join: { ours: last.join, byHand: join },
      leave: { ours: last.leave, byHand: leave },
      preview: { ours: page.items.map((c) => c.id), byHand: previewByHand },
    },
  };
};
