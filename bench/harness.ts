/**
 * What a benchmark file exports and how its figures are printed. Every figure is printed beside
 * a baseline measured in the same run, so a slow machine slows both sides alike.
 */
import type { Page } from 'playwright-core';

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
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free-text facts worth printing with the figures (sizes, counts). */
  notes?: string[];
}

export interface BenchEnv {
  /** Opens a page of the project served by Vite (e.g. '/bench/pages/adapter.html') in headless Chromium. */
  openPage(path: string): Promise<Page>;
}

export type BenchFile = (env: BenchEnv) => Promise<BenchSection>;

export function meetsGoal(row: BenchRow): boolean | undefined {
  const { goal } = row;
  if (!goal) return undefined;
  const ratio = row.baseline ? row.value / row.baseline.value : undefined;
  if (goal.max !== undefined && row.value > goal.max) return false;
  if (goal.min !== undefined && row.value < goal.min) return false;
  if (goal.maxRatio !== undefined && (ratio === undefined || ratio > goal.maxRatio)) return false;
  return true;
}

export function formatSection(section: BenchSection): string {
  const lines = [`\n## ${section.title}`];
  for (const row of section.rows) {
    const ours = `${fmt(row.value)} ${row.unit}`;
    let line = `- ${row.name}: ${ours}`;
    if (row.baseline) {
      const ratio = row.value / row.baseline.value;
      line += ` | baseline (${row.baseline.name}): ${fmt(row.baseline.value)} ${row.unit} | ratio ${ratio.toFixed(2)}×`;
    }
    if (row.goal) {
      const parts = [];
      if (row.goal.max !== undefined) parts.push(`≤ ${fmt(row.goal.max)} ${row.unit}`);
      if (row.goal.min !== undefined) parts.push(`≥ ${fmt(row.goal.min)} ${row.unit}`);
      if (row.goal.maxRatio !== undefined) parts.push(`≤ ${row.goal.maxRatio}× baseline`);
      line += ` | goal ${parts.join(', ')}: ${meetsGoal(row) ? 'met' : 'MISSED'}`;
    }
    lines.push(line);
  }
  for (const note of section.notes ?? []) lines.push(`  ${note}`);
  return lines.join('\n');
}

const fmt = (n: number) =>
  n >= 100
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
