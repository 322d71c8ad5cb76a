/**
 * The page side of bench/audience.bench.ts: a LocalAdapter store of generated customers and
 * orders, an audience of three segments (Returning Customers, a city filter, a marketing
 * filter) minus Top 100 spenders, resolved cold and then warm (the segments' matches known,
 * each run a different channel so the audience itself is worked out again). The baseline is the
 * same audience worked out by hand in plain JS over the same customers (Sets of ids).
 */
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import type { AudienceChannel } from '../../src/adapter.ts';
import type { Customer } from '../../src/model.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';

export interface AudienceBenchResult {
  customers: number;
  coldMs: number;
  warmMs: number[];
  baselineMs: number[];
  ours: Record<AudienceChannel, { total: number; duplicates: number; noChannel: number }>;
  byHand: Record<AudienceChannel, { total: number; duplicates: number; noChannel: number }>;
}

declare global {
  interface Window {
    runAudienceBench(sizes: { customers: number }): Promise<AudienceBenchResult>;
  }
}

const CHANNELS: AudienceChannel[] = ['sms', 'email', 'any'];

window.runAudienceBench = async ({ customers: size }) => {
  const store = generateStore({ seed: 18, customers: size, orders: size * 3 });
  const adapter = new LocalAdapter({ storeId: `bench-audience-${crypto.randomUUID()}` });
  try {
    await adapter.importCustomers(store.customers);
    await adapter.importOrders(store.orders);
    const metro = await adapter.createSegment({
      name: 'Metro',
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [{ field: 'city', operator: 'in', value: ['Mumbai', 'Delhi'] }],
      },
    });
    const marketing = await adapter.createSegment({
      name: 'Marketing',
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [{ field: 'acceptsMarketing', operator: 'equals', value: true }],
      },
    });
    const include = ['returning-customers', metro.id, marketing.id];
    const exclude = ['top-100-spenders'];
    const ours = {} as AudienceBenchResult['ours'];
    let started = performance.now();
    const first = await adapter.resolveAudience({ include, exclude, channel: 'any', limit: 200 });
    const coldMs = performance.now() - started;
    const warmMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const channel of CHANNELS) {
        started = performance.now();
        const page = await adapter.resolveAudience({ include, exclude, channel, limit: 200 });
        warmMs.push(performance.now() - started);
        ours[channel] = { total: page.total, ...pick(page.removed) };
      }
    }
    void first;

    const derived = deriveOrderStats(store.customers, store.orders);
    const byHand = {} as AudienceBenchResult['byHand'];
    const baselineMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const channel of CHANNELS) {
        started = performance.now();
        byHand[channel] = audienceByHand(derived, channel);
        baselineMs.push(performance.now() - started);
      }
    }
    return { customers: size, coldMs, warmMs, baselineMs, ours, byHand };
  } finally {
    adapter.close();
  }
};

function pick(removed: { duplicates: number; noChannel: number }) {
  return { duplicates: removed.duplicates, noChannel: removed.noChannel };
}

/** The same audience with Sets of ids, the way a host would write it without the adapter. */
function audienceByHand(customers: readonly Customer[], channel: AudienceChannel) {
  const ranked = customers
    .filter((c) => c.ordersCount > 0)
    .sort(
      (a, b) =>
        b.totalSpent - a.totalSpent ||
        a.createdAt.localeCompare(b.createdAt) ||
        (a.id < b.id ? -1 : 1),
    );
  const top = new Set(ranked.slice(0, 100).map((c) => c.id));
  const segments = [
    new Set(customers.filter((c) => c.ordersCount >= 2).map((c) => c.id)),
    new Set(customers.filter((c) => c.city === 'Mumbai' || c.city === 'Delhi').map((c) => c.id)),
    new Set(customers.filter((c) => c.acceptsMarketing === true).map((c) => c.id)),
  ];
  let appearances = 0;
  const people = new Set<string>();
  for (const segment of segments) {
    for (const id of segment) {
      if (top.has(id)) continue;
      appearances++;
      people.add(id);
    }
  }
  const byId = new Map(customers.map((c) => [c.id, c]));
  let total = 0;
  let noChannel = 0;
  for (const id of people) {
    const c = byId.get(id)!;
    const ok =
      channel === 'sms' ? !!c.phone : channel === 'email' ? !!c.email : !!(c.phone || c.email);
    if (ok) total++;
    else noChannel++;
  }
  return { total, duplicates: appearances - people.size, noChannel };
}
