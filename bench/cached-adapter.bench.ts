/**
 * What the CachedAdapter adds to a warm call (issue 12: ≤ 2 ms), beside the inner LocalAdapter's
 * own warm call measured in the same page, with both answers checked equal. Sizes can be
 * changed: CACHED_BENCH_CUSTOMERS=20000 CACHED_BENCH_SEGMENTS=1000 npm run bench -- cached
 *
 * Still to add once <segment-list> exists: its first rows over 5,000 cached segments with the
 * inner adapter delayed 1 s (goal ≤ 50 ms), beside the uncached time — a case in
 * bench/pages/cached-adapter.ts's CASES list and a row here.
 */
import type { BenchEnv, BenchRow, BenchSection } from './harness.ts';
import type { CachedBenchResult } from './pages/cached-adapter.ts';

/** The budget: what answering from the cache may add to the inner adapter's warm call. */
const ADDED_MS = 2;

export default async function cachedAdapterBench(env: BenchEnv): Promise<BenchSection> {
  const sizes = {
    customers: Number(process.env.CACHED_BENCH_CUSTOMERS ?? 20_000),
    segments: Number(process.env.CACHED_BENCH_SEGMENTS ?? 1_000),
  };
  const page = await env.openPage('/bench/pages/cached-adapter.html');
  // Let Vite finish pre-bundling (it may reload the page once), then cut its live-reload socket.
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runCachedAdapterBench' in window);
  const r: CachedBenchResult = await page.evaluate((s) => window.runCachedAdapterBench(s), sizes);
  await page.close();

  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const c of r.cases) {
    const baseline = { name: 'the LocalAdapter alone, warm', value: c.innerMs };
    // An answer that differs is a failed row: the goal is set out of reach.
    const max = c.same ? c.innerMs + ADDED_MS : -1;
    rows.push(
      {
        name: `${c.name}: through the cache, warm`,
        value: c.cachedMs,
        unit: 'ms',
        baseline,
        goal: { max },
      },
      {
        name: `${c.name}: through the cache, warm, refreshing behind (staleMs 0)`,
        value: c.refreshingMs,
        unit: 'ms',
        baseline,
        goal: { max },
      },
      {
        name: `${c.name}: through the cache, not cached yet (asks the inner adapter, stores the answer)`,
        value: c.missMs,
        unit: 'ms',
        baseline,
      },
    );
    notes.push(`${c.name}: answers ${c.same ? 'equal' : 'DIFFER'} with and without the cache`);
  }
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    title: `CachedAdapter over a LocalAdapter (${n(r.customers)} customers, ${n(r.segments)} segments); goal: the cache adds ≤ ${ADDED_MS} ms to a warm call`,
    rows,
    notes,
  };
}
