/**
 * Issue 20 item 5: "the list's sparklines add ≤ 5 ms to its first paint of 50 rows". In
 * headless Chromium, `<segment-list>` over 50 segments from an adapter that answers at once:
 * - first paint of the 50 rows with every history answered at once, beside the same list whose
 *   histories never answer (no sparkline drawn): the histories are asked for after that paint,
 *   so the difference is what the trend machinery costs the first paint;
 * - one full render of the list with its 50 sparklines and sentences drawn, beside the same
 *   render without them: what drawing the sparklines costs whenever the list renders (its first
 *   paint, were the histories already at hand).
 * Both sides alternate, VISITS times each, medians. Check: every row's sentence is the one
 * worked out by hand from its history (100 members on day 1, 100 + i on day 30).
 */
import type { BenchFile, BenchSection } from './harness.ts';
import type { TrendVisit, TrendVisitResult } from './pages/list-trends.ts';

const ROWS = 50;
const VISITS = 15;
const ADDED_MS = 5;

const run: BenchFile = async (env): Promise<BenchSection> => {
  const page = await env.openPage('/bench/pages/list-trends.html');
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => 'listTrendsVisit' in window);
  const visit = (histories: TrendVisit['histories']): Promise<TrendVisitResult> =>
    page.evaluate((v) => window.listTrendsVisit(v), { rows: ROWS, histories });
  await visit('now'); // warm-up: modules compiled, Intl formatters built
  await visit('never');
  const withTrends: TrendVisitResult[] = [];
  const without: TrendVisitResult[] = [];
  for (let i = 0; i < VISITS; i++) {
    withTrends.push(await visit('now'));
    without.push(await visit('never'));
  }
  await page.close();
  const paint = median(withTrends.map((v) => v.paintMs));
  const paintWithout = median(without.map((v) => v.paintMs));
  const render = median(withTrends.map((v) => v.renderMs));
  const renderWithout = median(without.map((v) => v.renderMs));
  const expected = Array.from({ length: ROWS }, (_, i) =>
    i === 0 ? 'no change in 29 days' : `up ${i}% in 29 days`,
  );
  return {
    title: `<segment-list> trends, ${ROWS} rows, adapter answering at once (goal: sparklines add ≤ ${ADDED_MS} ms to the first paint)`,
    checks: [
      {
        name: 'every row says its trend as worked out by hand',
        ours: withTrends[0]!.sentences,
        expected,
      },
      {
        name: 'the same sentences on every visit',
        ours: withTrends.filter((v) => v.sentences.join() !== expected.join()).length,
        expected: 0,
      },
      {
        name: 'no sentence in the list whose histories never answer',
        ours: without.map((v) => v.sentences.filter(Boolean).length),
        expected: without.map(() => 0),
      },
    ],
    rows: [
      {
        name: `attach → frame painting ${ROWS} rows, histories answered at once (median of ${VISITS})`,
        value: paint,
        unit: 'ms',
        baseline: { name: 'histories never answered', value: paintWithout },
        goal: { max: paintWithout + ADDED_MS },
      },
      {
        name: `one render of the list with ${ROWS} sparklines and sentences drawn (median)`,
        value: render,
        unit: 'ms',
        baseline: { name: 'the same render without them', value: renderWithout },
        goal: { max: renderWithout + ADDED_MS },
      },
      {
        name: `attach → all ${ROWS} sentences shown (median)`,
        value: median(withTrends.map((v) => v.trendsMs!)),
        unit: 'ms',
      },
    ],
    notes: [
      `paint ms with trends: ${withTrends.map((v) => v.paintMs.toFixed(1)).join(', ')}`,
      `paint ms without: ${without.map((v) => v.paintMs.toFixed(1)).join(', ')}`,
    ],
  };
};
export default run;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
