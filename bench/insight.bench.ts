/**
 * Issue 20's figures: the edit impact and the preview `<segment-form>` asks a LocalAdapter for on
 * 100,000 customers (headless Chromium, warm, each edit a rule set not asked before), and
 * explainFilter per customer (Node), each beside its answer worked out by hand.
 */
import { explainFilter, compileFilter } from '../src/core.ts';
import { deriveOrderStats, generateStore } from '../src/testing/generate-store.ts';
import { FIVE_RULE_FILTER, medianMs, type BenchEnv, type BenchSection } from './harness.ts';
import type { InsightBenchResult } from './pages/insight.ts';

const CTX = { now: '2026-11-28T12:00:00Z', timeZone: 'Asia/Kolkata', defaultCountry: 'IN' };
const EXPLAINED = 2_000;

export default async function insightBench(env: BenchEnv): Promise<BenchSection> {
  const customers = Number(process.env.INSIGHT_BENCH_CUSTOMERS ?? 100_000);
  const page = await env.openPage('/bench/pages/insight.html');
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'runInsightBench' in window);
  const r: InsightBenchResult = await page.evaluate((n) => window.runInsightBench(n), customers);
  await page.close();

  const store = generateStore({ seed: 2026, customers: EXPLAINED, orders: EXPLAINED * 3 });
  const people = deriveOrderStats(store.customers, store.orders);
  const matches = compileFilter(FIVE_RULE_FILTER, CTX);
  let agree = 0;
  const explainAll = () => {
    agree = 0;
    for (const c of people)
      if (explainFilter(FIVE_RULE_FILTER, c, CTX).matched === matches(c)) agree++;
  };
  const explainMs = (await medianMs(explainAll, 7)) / people.length;

  const n = (x: number) => x.toLocaleString('en-US');
  return {
    title: `Edit impact, preview and explain (${n(r.customers)} local customers)`,
    checks: [
      {
        name: 'joining = counted by hand',
        ours: r.answers.join.ours,
        expected: r.answers.join.byHand,
      },
      {
        name: 'leaving = counted by hand',
        ours: r.answers.leave.ours,
        expected: r.answers.leave.byHand,
      },
      {
        name: 'preview = first ten by hand',
        ours: r.answers.preview.ours,
        expected: r.answers.preview.byHand,
      },
      { name: 'explainFilter verdict = compileFilter', ours: agree, expected: people.length },
    ],
    rows: [
      {
        name: 'edit impact: countMembers of edited, saved and both (joins = edited − both, leaves = saved − both), warm',
        value: r.impactMs,
        unit: 'ms',
        goal: { max: 20 },
      },
      {
        name: 'preview: listMembers({ filter }, { limit: 10 }), warm',
        value: r.previewMs,
        unit: 'ms',
        goal: { max: 20 },
      },
      {
        name: 'explainFilter, 5 rules, per customer (Node)',
        value: explainMs,
        unit: 'ms',
        goal: { max: 1 },
      },
    ],
    notes: [
      'Impact and preview: median of 15 edits, each with a spend threshold not asked before (no answer is reused).',
      `explainFilter: median of 7 passes over ${n(EXPLAINED)} customers, divided by their number.`,
    ],
  };
}
