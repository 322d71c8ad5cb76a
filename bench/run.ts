/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints
 * our figures beside their same-run baselines. Browser figures come from headless Chromium
 * driving pages served by Vite.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { formatSection, missedGoals, type BenchEnv, type BenchFile } from './harness.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

let server: ViteDevServer | undefined;
let browser: Browser | undefined;

const env: BenchEnv = {
  async openPage(path) {
    if (!server) {
      server = await createServer({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        server: { port: 0, open: false },
        logLevel: 'error',
      });
      await server.listen();
    }
    if (!browser) {
      const executablePath = findChromium();
      if (!executablePath)
        throw new Error('No Chromium found: apt-get install -y chromium, or set CHROME_PATH.');
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    }
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(new URL(path, server.resolvedUrls!.local[0]).href);
    return page;
  },
};

let missed = 0;
console.log(`user-segments bench — ${new Date().toISOString()} — node ${process.version}`);
try {
  for (const file of files) {
    try {
      const run = (await import(pathToFileURL(`${benchDir}${file}`).href)).default as BenchFile;
      const section = await run(env);
      console.log(formatSection(section));
      missed += missedGoals(section);
    } catch (error) {
      // A bench that cannot finish measured nothing: that is a miss, and the others still run.
      console.log(
        `\n## ${file}\n- FAILED: ${error instanceof Error ? error.stack : String(error)}`,
      );
      missed += 1;
    }
  }
} finally {
  await browser?.close();
  await server?.close();
}
if (files.length === 0) {
  console.log(`\nNo bench file matches ${only.join(', ')}.`);
  missed += 1;
}
console.log(missed ? `\n${missed} goal(s) missed.` : '\nAll goals met.');
// Non-zero on a miss, so CI and scripts can rely on the exit code.
process.exitCode = missed ? 1 : 0;
