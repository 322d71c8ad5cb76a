/**
 * A LocalAdapter import of 100,000 customers and 300,000 orders in headless Chromium, step by
 * step, with the CPU time each step cost every Chromium process (the page's renderer, and the
 * browser process, where IndexedDB writes its files), read from /proc. On a loaded machine the
 * clock says little; CPU time moves much less with other processes' load.
 * `node --import tsx bench/local-import-steps.ts` (REPS=3 for more runs; Linux only).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

/** Milliseconds per clock tick in /proc/<pid>/stat (USER_HZ is 100 on Linux). */
const TICK_MS = 10;

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces. */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** CPU ms so far of each process below this one, by Chromium process kind. */
function chromiumCpu(): Map<string, number> {
  const parents = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = statFields(pid);
    if (fields) parents.set(pid, fields[1]!);
  }
  const mine = new Set([String(process.pid)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!mine.has(pid) && mine.has(parent)) grew = mine.add(pid).size > 0;
  }
  mine.delete(String(process.pid));
  const byKind = new Map<string, number>();
  for (const pid of mine) {
    const fields = statFields(pid);
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    if (!fields || !command.includes('chrom')) continue;
    const kind =
      /--utility-sub-type=[\w.]*?(\w+)\0/.exec(command)?.[1] ??
      /--type=([\w-]+)/.exec(command)?.[1] ??
      'browser';
    byKind.set(kind, (byKind.get(kind) ?? 0) + (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return byKind;
}

const server = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: { port: 0, open: false },
  logLevel: 'error',
});
await server.listen();
const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium.');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(
    new URL('/bench/pages/local-import-steps.html', server.resolvedUrls!.local[0]).href,
  );
  // As bench/local-adapter.bench.ts: let Vite settle, then cut its live-reload socket.
  await page.waitForLoadState('networkidle');
  await page.routeWebSocket(/.*/, () => {});
  await page.reload();
  await page.waitForFunction(() => 'importSteps' in window);
  const steps = await page.evaluate(() => window.importSteps());
  const lines = new Map<string, string[]>(steps.map((step) => [step, []]));
  for (let r = 0; r < Number(process.env.REPS ?? 2); r++) {
    await page.evaluate(() => window.startImportRun());
    for (const step of steps) {
      const before = chromiumCpu();
      const wall = await page.evaluate((name) => window.runImportStep(name), step);
      // Work a step handed to other processes (file writes) may end a little after it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const spent = [...chromiumCpu()]
        .map(([kind, ms]) => [kind, ms - (before.get(kind) ?? 0)] as const)
        .filter(([, ms]) => ms > 0)
        .map(([kind, ms]) => `${kind} ${ms}`);
      lines.get(step)!.push(`${Math.round(wall)} ms wall; CPU ms: ${spent.join(', ')}`);
    }
    await page.evaluate(() => window.endImportRun());
  }
  for (const [step, runs] of lines) console.log(`${step}\n  ${runs.join('\n  ')}`);
} finally {
  await browser.close();
  await server.close();
}
