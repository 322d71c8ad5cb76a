/**
 * LocalAdapter speed on a 100,000-customer, 300,000-order store in headless Chromium, beside
 * plain Dexie (one IndexedDB record per customer and per order) measured in the same page.
 * Sizes can be lowered for a quick look:
 * LOCAL_BENCH_CUSTOMERS=10000 LOCAL_BENCH_SEGMENTS=500 npm run bench -- local-adapter
 */
import type { BenchEnv, BenchSection } from './harness.ts';
import type { LocalAdapterBenchResult } from './pages/local-adapter.ts';

export default async function localAdapterBench(env: BenchEnv): Promise<BenchSection> {
  const customers = Number(process.env.LOCAL_BENCH_CUSTOMERS ?? 100_000);
  const segments = Number(process.env.LOCAL_BENCH_SEGMENTS ?? 5000);
  const sizes = { customers, orders: customers * 3, segments };
  const page = await env.openPage('/bench/pages/local-adapter.html');
  // Let Vite finish pre-bundling (it may reload the page once), then cut its live-reload socket:
  // files edited elsewhere in the tree must not reload the page in the middle of a run.
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runLocalAdapterBench' in window);
  const r: LocalAdapterBenchResult = await page.evaluate(
    (s) => window.runLocalAdapterBench(s),
    sizes,
  );
  await page.close();

  const n = (x: number) => x.toLocaleString('en-US');
  const a = r.answers;
  return {
    title: `LocalAdapter (${n(r.customers)} customers, ${n(r.orders)} orders, ${n(r.segments)} segments)`,
    checks: [
      {
        name: '5-rule count: LocalAdapter = Dexie baseline',
        ours: a.fiveRules.ours,
        expected: a.fiveRules.baseline,
      },
      {
        name: '5-rule count: LocalAdapter = by hand',
        ours: a.fiveRules.ours,
        expected: a.fiveRules.byHand,
      },
      {
        name: 'filter not counted before: LocalAdapter = by hand',
        ours: a.newFilter.ours,
        expected: a.newFilter.byHand,
      },
      {
        name: 'Top 100 count = ranks ≤ 100 by hand',
        ours: a.top100.ours,
        expected: a.top100.byHand,
      },
      {
        name: 'Top 100 first page',
        ours: a.top100.listed,
        expected: Math.min(50, a.top100.byHand),
      },
      { name: 'total customers = imported', ours: a.total.ours, expected: a.total.imported },
      {
        name: 'search "DIWALI" total = names with Diwali',
        ours: a.search.ours,
        expected: a.search.byHand,
      },
    ],
    rows: [
      {
        name: 'importCustomers + importOrders',
        value: r.importMs,
        unit: 'ms',
        baseline: {
          name: `Dexie bulkAdd, a record per customer and order (orders: ${n(r.baselineOrdersTimed)} timed, scaled to all)`,
          value: r.baselineImportMs,
        },
        // Issue 19: ≤ 1 s (1,414 ms when the goal was set).
        goal: { max: 1000, maxRatio: 0.2 },
      },
      {
        name: 'fresh adapter on the existing store: first countMembers (5 rules)',
        value: r.firstCountMs,
        unit: 'ms',
        // Issue 19: ≤ 300 ms (267 ms when the goal was set).
        goal: { max: 300 },
      },
      {
        // The "warm countMembers of a 5-rule filter": warm data, a filter never counted
        // before, so no remembered answer can stand in for the work.
        name: 'warm countMembers, 5-rule filter not counted before (every customer tested)',
        value: r.newFilterCountMs,
        unit: 'ms',
        baseline: { name: 'Dexie Collection.filter().count()', value: r.baselineCountMs },
        goal: { max: 10 },
      },
      {
        name: 'the same filter asked again (answer remembered per data version)',
        value: r.warmCountMs,
        unit: 'ms',
      },
      {
        name: 'Top 100 High-Value Spenders: count + first page of members, warm',
        value: r.top100Ms,
        unit: 'ms',
        goal: { max: 20 },
      },
      {
        name: `listSegments with a search over ${n(r.segments)} segments, warm`,
        value: r.listSearchMs,
        unit: 'ms',
        goal: { max: 20 },
      },
    ],
    notes: [
      `5-rule counts: ${r.countsAgree}; not counted before, ${r.newFilterAgrees}`,
      `search "DIWALI" matched ${n(r.listSearchTotal)} segments`,
      `creating ${n(r.segments)} segments one createSegment at a time took ${n(Math.round(r.createSegmentsMs))} ms`,
    ],
  };
}
