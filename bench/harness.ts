/**
 * What a benchmark file exports and how its figures are printed. Every figure is printed beside
 * a baseline measured in the same run, so a slow machine slows both sides alike.
 *
 * A bench cannot pass by accident: a figure that is missing, NaN or infinite is a miss; a goal
 * that needs evidence (e.g. enough progress events to speak of gaps between them) is a miss
 * without it; and a section whose `checks` (both sides computed the same answer) do not all
 * hold prints no times at all and counts as missed.
 */
import type { Page } from 'playwright-core';
import type { FilterGroup } from '../src/core.ts';

export interface BenchRow {
  /** What was measured, e.g. "compileFilter, 5 rules, 100,000 customers". */
  name: string;
  /** Our figure. */
  value: number;
  unit: 'ms' | 'MB' | 'kB' | 'count' | 'x';
  /** The same work done the plain way, in the same run. */
  baseline?: { name: string; value: number };
  /** The budget from the issue, e.g. { max: 2000 } or { maxRatio: 1.5 }. */
  goal?: { max?: number; maxRatio?: number; min?: number };
  /** What the figure rests on, e.g. { what: 'progress events', count: 4, min: 10 }. */
  evidence?: { what: string; count: number; min: number };
}

/** One answer both sides must agree on before their times mean anything. */
export interface BenchCheck {
  name: string;
  ours: unknown;
  expected: unknown;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free-text facts worth printing with the figures (sizes, counts). */
  notes?: string[];
  /** Answers compared before any time is printed; one that differs fails the section. */
  checks?: BenchCheck[];
}

export interface BenchEnv {
  /** Opens a page of the project served by Vite (e.g. '/bench/pages/adapter.html') in headless Chromium. */
  openPage(path: string): Promise<Page>;
}

export type BenchFile = (env: BenchEnv) => Promise<BenchSection>;

/**
 * false when the row misses its goal, true when it meets it, undefined for a row without a goal
 * whose figure is a real number. A missing or non-finite figure (or baseline) is always a miss.
 */
export function meetsGoal(row: BenchRow): boolean | undefined {
  const { goal } = row;
  if (!isFigure(row.value)) return false;
  if (row.baseline && !(isFigure(row.baseline.value) && row.baseline.value > 0)) return false;
  if (row.evidence && !(row.evidence.count >= row.evidence.min)) return false;
  if (!goal) return undefined;
  const ratio = row.baseline ? row.value / row.baseline.value : undefined;
  if (goal.max !== undefined && row.value > goal.max) return false;
  if (goal.min !== undefined && row.value < goal.min) return false;
  if (goal.maxRatio !== undefined && (ratio === undefined || ratio > goal.maxRatio)) return false;
  return true;
}

/** The checks whose two answers differ (compared as JSON). */
export function failedChecks(section: BenchSection): BenchCheck[] {
  return (section.checks ?? []).filter(
    (check) => JSON.stringify(check.ours) !== JSON.stringify(check.expected),
  );
}

/** How many goals the section missed: each failed check and each row meetsGoal says false of. */
export function missedGoals(section: BenchSection): number {
  const failed = failedChecks(section).length;
  if (failed) return failed;
  return section.rows.filter((row) => meetsGoal(row) === false).length;
}

export function formatSection(section: BenchSection): string {
  const lines = [`\n## ${section.title}`];
  for (const check of section.checks ?? []) {
    const same = JSON.stringify(check.ours) === JSON.stringify(check.expected);
    lines.push(
      `- check ${check.name}: ${same ? 'same' : 'DIFFERENT'} (ours ${JSON.stringify(check.ours)}, expected ${JSON.stringify(check.expected)})`,
    );
  }
  if (failedChecks(section).length) {
    lines.push('  No times printed: the two sides did not compute the same answer.');
    return lines.join('\n');
  }
  for (const row of section.rows) {
    const ours = `${fmt(row.value)} ${row.unit}`;
    let line = `- ${row.name}: ${ours}`;
    if (row.baseline) {
      const ratio = row.value / row.baseline.value;
      line += ` | baseline (${row.baseline.name}): ${fmt(row.baseline.value)} ${row.unit} | ratio ${ratio.toFixed(2)}×`;
    }
    if (row.evidence) {
      line += ` | ${row.evidence.count} ${row.evidence.what} (at least ${row.evidence.min} needed)`;
    }
    if (row.goal || meetsGoal(row) === false) {
      const parts = [];
      const goal = row.goal ?? {};
      if (goal.max !== undefined) parts.push(`≤ ${fmt(goal.max)} ${row.unit}`);
      if (goal.min !== undefined) parts.push(`≥ ${fmt(goal.min)} ${row.unit}`);
      if (goal.maxRatio !== undefined) parts.push(`≤ ${goal.maxRatio}× baseline`);
      if (!parts.length) parts.push('a measured figure');
      line += ` | goal ${parts.join(', ')}: ${meetsGoal(row) === false ? 'MISSED' : 'met'}`;
    }
    lines.push(line);
  }
  for (const note of section.notes ?? []) lines.push(`  ${note}`);
  return lines.join('\n');
}

const isFigure = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

const fmt = (n: number) =>
  !isFigure(n)
    ? String(n)
    : n >= 100
      ? Math.round(n).toLocaleString('en-US')
      : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Median of `runs` timings of `fn` after one warm-up, in ms. */
export async function medianMs(fn: () => unknown, runs = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The 5-rule filter the filter-engine and server benches time (the example of a seller's
 * campaign filter): text ending, date, number, list and tags conditions.
 */
export const FIVE_RULE_FILTER: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
    { field: 'createdOn', operator: 'after', value: '2024-06-01' },
    { field: 'ordersCount', operator: 'gte', value: 2 },
    { field: 'city', operator: 'in', value: ['Mumbai', 'Pune', 'Bengaluru'] },
    { field: 'tags', operator: 'hasAny', value: ['vip', 'festive-sale'] },
  ],
};
