/**
 * exportMembersCsv on the LocalAdapter (issue 18, item 2): a segment of 1,000,000 customers
 * written to a CSV Blob end to end, every page read through the adapter (goal ≤ 5 s), beside
 * papaparse's `unparse` writing the same rows and columns from memory in the same page. Both
 * files are parsed back and must hold the same cells (row count, a hash of every cell, first and
 * last row, formula-safe cells) before a time is printed.
 * Sizes can be lowered for a quick look: EXPORT_BENCH_CUSTOMERS=10000 npm run bench -- export
 */
import { loadavg } from 'node:os';
import type { BenchEnv, BenchSection } from './harness.ts';
import type { ExportBenchResult } from './pages/export.ts';

export default async function exportBench(env: BenchEnv): Promise<BenchSection> {
  const customers = Number(process.env.EXPORT_BENCH_CUSTOMERS ?? 1_000_000);
  const runs = Number(process.env.EXPORT_BENCH_RUNS ?? 3);
  const page = await env.openPage('/bench/pages/export.html');
  // Let Vite finish pre-bundling (it may reload the page once), then cut its live-reload socket.
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runExportBench' in window);
  const r: ExportBenchResult = await page.evaluate((s) => window.runExportBench(s), {
    customers,
    orders: customers,
    runs,
  });
  await page.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    title: `exportMembersCsv, LocalAdapter (${n(r.customers)} customers in one segment)`,
    checks: [
      { name: 'segment members = customers', ours: r.segmentTotal, expected: r.customers },
      { name: 'rows written = customers', ours: r.ours.rows, expected: r.customers },
      { name: 'rows: exportMembersCsv = unparse', ours: r.ours.rows, expected: r.baseline.rows },
      { name: 'hash of every cell', ours: r.ours.hash, expected: r.baseline.hash },
      { name: 'first row', ours: r.ours.first, expected: r.baseline.first },
      { name: 'last row', ours: r.ours.last, expected: r.baseline.last },
      {
        name: 'formula-safe cells (leading apostrophe)',
        ours: r.ours.escaped,
        expected: r.baseline.escaped,
      },
    ],
    rows: [
      {
        name: `exportMembersCsv to a Blob, median of ${r.oursMs.length} (the first cold)`,
        value: median(r.oursMs),
        unit: 'ms',
        baseline: {
          name: 'papaparse unparse of the same rows from memory to a Blob',
          value: median(r.baselineMs),
        },
        goal: { max: 5000 },
        evidence: { what: 'progress events', count: r.progressEvents, min: 2 },
      },
    ],
    notes: [
      `every run, ours: ${r.oursMs.map((x) => n(Math.round(x))).join(', ')} ms; unparse: ${r.baselineMs.map((x) => n(Math.round(x))).join(', ')} ms`,
      `file sizes: ours ${n(r.bytes.ours)} B, unparse ${n(r.bytes.baseline)} B (unparse also quotes the cells it escapes); ${n(r.ours.escaped)} formula-safe cells`,
      `seeding (importCustomers + importOrders of ${n(r.customers)} + ${n(r.orders)}): ${n(Math.round(r.importMs))} ms, not timed`,
      `machine load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (wall-clock figures: other processes slow both sides)`,
    ],
  };
}
