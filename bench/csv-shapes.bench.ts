/**
 * CSV cost against the file's shape, in headless Chromium: a 100 MB single-record file (and
 * other hostile shapes of 100 MB) beside a 100 MB normal file, each read whole by
 * parseCustomerCsvInWorker. Re-parsing a record cut off at every chunk made one 80 MB line take
 * 79 s; the cost must now follow the bytes. Size can be lowered for a quick look:
 * CSV_SHAPES_MB=20 npm run bench -- csv-shapes
 */
import { loadavg } from 'node:os';
import type { BenchEnv, BenchRow, BenchSection } from './harness.ts';
import type { CsvShapeTiming } from './pages/csv-shapes.ts';

export default async function csvShapesBench(env: BenchEnv): Promise<BenchSection> {
  const megabytes = Number(process.env.CSV_SHAPES_MB ?? 100);
  const page = await env.openPage('/bench/pages/csv-shapes.html');
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runCsvShapesBench' in window);
  const timings: CsvShapeTiming[] = await page.evaluate(
    (mb) => window.runCsvShapesBench(mb),
    megabytes,
  );
  await page.close();
  const [normal, ...others] = timings;
  const quarter = others.pop()!;
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`;
  const baseline = { name: `normal rows, ${mb(normal.bytes)}`, value: normal.ms };
  const rows: BenchRow[] = others.map((timing) => ({
    name: `${timing.shape}, ${mb(timing.bytes)}`,
    value: timing.ms,
    unit: 'ms',
    baseline,
    // Linear means the same order of cost as as many bytes of normal rows.
    goal: { maxRatio: 3 },
  }));
  const single = others[0];
  rows.push({
    name: `one record: ${mb(single.bytes)} against ${mb(quarter.bytes)} (4× the bytes)`,
    value: single.ms / quarter.ms,
    unit: 'x',
    goal: { max: 5 },
  });
  return {
    title: `CSV shapes (${megabytes} MB files, parseCustomerCsvInWorker)`,
    rows,
    notes: [
      ...timings.map(
        (t) =>
          `${t.shape}, ${mb(t.bytes)}: ${t.rows} rows = ${t.accepted} accepted + ${t.rejected} rejected`,
      ),
      `machine load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (wall-clock figures: other processes slow every side)`,
    ],
  };
}
