/**
 * resolveAudience on the LocalAdapter: an audience of three segments (Returning Customers, a
 * city filter, a marketing filter) minus Top 100 spenders over 100,000 customers, cold and warm
 * (goal: ≤ 50 ms warm), beside the same audience worked out by hand in plain JS in the same page.
 * Sizes can be lowered for a quick look: AUDIENCE_BENCH_CUSTOMERS=10000 npm run bench -- audience
 */
import { loadavg } from 'node:os';
import type { BenchEnv, BenchSection } from './harness.ts';
import type { AudienceBenchResult } from './pages/audience.ts';

export default async function audienceBench(env: BenchEnv): Promise<BenchSection> {
  const customers = Number(process.env.AUDIENCE_BENCH_CUSTOMERS ?? 100_000);
  const page = await env.openPage('/bench/pages/audience.html');
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runAudienceBench' in window);
  const r: AudienceBenchResult = await page.evaluate((s) => window.runAudienceBench(s), {
    customers,
  });
  await page.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    title: `resolveAudience, LocalAdapter (${n(r.customers)} customers, 3 segments minus Top 100)`,
    checks: (['sms', 'email', 'any'] as const).map((channel) => ({
      name: `audience by ${channel}: LocalAdapter = by hand`,
      ours: r.ours[channel],
      expected: r.byHand[channel],
    })),
    rows: [
      { name: 'first audience (segments not evaluated yet)', value: r.coldMs, unit: 'ms' },
      {
        name: 'warm audience (median of 9, channel changes each run)',
        value: median(r.warmMs),
        unit: 'ms',
        baseline: { name: 'by hand with Sets, same page', value: median(r.baselineMs) },
        goal: { max: 50 },
      },
    ],
    notes: [
      `people by any channel: ${n(r.ours.any.total)}; duplicates removed: ${n(r.ours.any.duplicates)}`,
      `machine load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (wall-clock figures: other processes slow both sides)`,
    ],
  };
}
