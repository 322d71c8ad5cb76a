/**
 * Runs in headless Chromium for bench/filter-builder.bench.ts: a `<filter-builder>` holding a
 * 100-rule filter, counted by an adapter that answers at once, and a plain `<input>` as the
 * baseline. Every key event's main-thread processing is collected with a PerformanceObserver
 * (Event Timing), whose microtask checkpoint includes Lit's re-render.
 */
import '../../components/filter-builder/filter-builder.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import type { FilterGroup, FilterRule, SegmentAdapter } from '../../src/core.ts';

export interface KeystrokeEntry {
  name: string;
  target: string;
  interactionId: number;
  processingMs: number;
  durationMs: number;
}

declare global {
  interface Window {
    keystrokeEntries: KeystrokeEntry[];
    filterBuilderReady: Promise<void>;
    builderValue: () => FilterGroup;
  }
}

const RULES = 100;
const fields: FilterRule[] = [
  { field: 'email', operator: 'contains', value: 'example' },
  { field: 'ordersCount', operator: 'gte', value: 2 },
  { field: 'totalSpent', operator: 'between', value: [50000, 250000] },
  { field: 'tags', operator: 'hasAny', value: ['vip'] },
  { field: 'createdOn', operator: 'inLast', value: { amount: 30, unit: 'days' } },
];
const filter: FilterGroup = {
  combinator: 'and',
  rules: Array.from({ length: RULES }, (_, i) =>
    i % 10 === 9
      ? { combinator: 'or', rules: [{ ...fields[i % fields.length] }] }
      : { ...fields[i % fields.length] },
  ),
};
// 90 rules at the top and 10 in groups of one: 100 conditions, the most validateFilter allows.

const adapter = Object.assign(new EventTarget(), {
  countMembers: async () => ({ count: 1234, total: 10000 }),
  listSegments: async () => ({ items: [], total: 0 }),
}) as unknown as SegmentAdapter;

window.keystrokeEntries = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[]) {
    const target = entry.target as HTMLElement | null;
    window.keystrokeEntries.push({
      name: entry.name,
      target: target?.id || target?.localName || '',
      interactionId: entry.interactionId,
      processingMs: entry.processingEnd - entry.processingStart,
      durationMs: entry.duration,
    });
  }
}).observe({ type: 'event', durationThreshold: 0, buffered: true } as PerformanceObserverInit);

const element = document.querySelector('filter-builder') as FilterBuilder;
element.adapter = adapter;
element.value = filter;
window.builderValue = () => element.value;
window.filterBuilderReady = element.updateComplete.then(() => undefined);
