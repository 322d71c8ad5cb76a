/**
 * `<filter-builder>` in headless Chromium: the main-thread cost of one keystroke in a value with
 * 100 rules (Event Timing entries from a PerformanceObserver: the key events' processing, which
 * includes Lit's re-render, validation and the summary), beside the same keystrokes in a plain
 * `<input>` on the same page; and the size of the element's own code, minified and gzipped,
 * beside `<csv-mapper>` measured the same way.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchFile, BenchRow } from './harness.ts';
import type { KeystrokeEntry } from './pages/filter-builder.ts';

const KEYS = '1234567890'.repeat(6);

const run: BenchFile = async (env) => {
  const page = await env.openPage('/bench/pages/filter-builder.html');
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'filterBuilderReady' in window);
  await page.evaluate(() => window.filterBuilderReady);

  // Rule 51 of 100 (an "Email contains" condition, the 46th outside a group): deep in the list.
  const value = page
    .locator('filter-builder')
    .getByRole('group', { name: 'Condition 46', exact: true })
    .getByRole('textbox', { name: 'Value' });
  await value.click();
  await value.fill('');
  await page.evaluate(() => (window.keystrokeEntries = []));
  await value.pressSequentially(KEYS, { delay: 40 });
  const ours = await page.evaluate(() => window.keystrokeEntries);
  const typed = await value.inputValue();
  const stored = await page.evaluate(() => JSON.stringify(window.builderValue()));

  const plain = page.locator('#plain');
  await plain.click();
  await page.evaluate(() => (window.keystrokeEntries = []));
  await plain.pressSequentially(KEYS, { delay: 40 });
  const base = await page.evaluate(() => window.keystrokeEntries);
  const plainTyped = await plain.inputValue();
  await page.close();

  if (typed !== KEYS || plainTyped !== KEYS || !stored.includes(`"${KEYS}"`)) {
    throw new Error(
      `the keystrokes did not all arrive: builder "${typed}", plain "${plainTyped}", value ${stored.length} chars`,
    );
  }

  const perKeystroke = (entries: KeystrokeEntry[]) => {
    // One keystroke = one interaction: keydown, (keypress,) input, keyup. Sum their processing.
    const byInteraction = new Map<number, number>();
    for (const e of entries) {
      if (!['keydown', 'keypress', 'input', 'keyup', 'beforeinput'].includes(e.name)) continue;
      if (!e.interactionId) continue;
      byInteraction.set(
        e.interactionId,
        (byInteraction.get(e.interactionId) ?? 0) + e.processingMs,
      );
    }
    const costs = [...byInteraction.values()].sort((a, b) => a - b);
    return {
      median: costs[Math.floor(costs.length / 2)] ?? NaN,
      p95: costs[Math.min(costs.length - 1, Math.floor(costs.length * 0.95))] ?? NaN,
      n: costs.length,
    };
  };
  const ourCost = perKeystroke(ours);
  const baseCost = perKeystroke(base);
  if (ourCost.n < KEYS.length * 0.8) {
    throw new Error(`only ${ourCost.n} of ${KEYS.length} keystrokes were observed`);
  }

  const [own, csvMapper, withShared, tables] = await Promise.all([
    gzippedSize('components/filter-builder/filter-builder.ts', /\/shared\//),
    gzippedSize('components/csv-mapper/csv-mapper.ts', /\/shared\//),
    gzippedSize('components/filter-builder/filter-builder.ts', /\/translations\//),
    gzippedSize('components/shared/localize.ts', /^$/),
  ]);

  const rows: BenchRow[] = [
    {
      name: 'one keystroke in a value, 100 rules: main-thread processing (median)',
      value: ourCost.median,
      unit: 'ms',
      baseline: { name: 'a keystroke in a plain <input>', value: baseCost.median },
      goal: { max: 16 },
    },
    {
      // No goal: on a shared machine the slowest keystrokes measure the scheduler (a busy core
      // preempts whichever handler is running) more than the element; the median is the cost.
      name: 'the same, 95th percentile',
      value: ourCost.p95,
      unit: 'ms',
      baseline: { name: 'a keystroke in a plain <input>', value: baseCost.p95 },
    },
    {
      name: '<filter-builder> own code (components/filter-builder/), minified + gzip',
      value: own / 1024,
      unit: 'kB',
      baseline: { name: '<csv-mapper> folder measured the same way', value: csvMapper / 1024 },
      goal: { max: 12 },
    },
  ];
  return {
    title: '<filter-builder> (100 rules, headless Chromium)',
    rows,
    notes: [
      `${ourCost.n} keystrokes observed in each.`,
      `Sizes leave lit, @lit/*, src/ and components/shared/ as imports. With the shared plumbing it uses (translation tables aside): ${kB(withShared)} kB; the shared localisation with the English and Hindi tables: ${kB(tables)} kB.`,
    ],
  };
};

export default run;

const kB = (bytes: number) => (bytes / 1024).toFixed(1);

/**
 * Bundles an entry with lit, @lit/*, src/ and whatever `alsoExternal` matches left as imports;
 * minified, gzipped, in bytes.
 */
async function gzippedSize(entry: string, alsoExternal: RegExp): Promise<number> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = await build({
    entryPoints: [root + entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    tsconfig: root + 'tsconfig.json',
    plugins: [
      {
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^(lit|@lit\/)/ }, (args) => ({ path: args.path, external: true }));
          b.onResolve({ filter: /\/src\// }, (args) => ({ path: args.path, external: true }));
          b.onResolve({ filter: alsoExternal }, (args) =>
            args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}
