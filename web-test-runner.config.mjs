// Browser tests run in the system Chromium (never a downloaded one).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);

/** dexie's import entry wraps its CommonJS build, which has no default export under wds. */
const dexieAsEsm = {
  name: 'dexie-as-esm',
  resolveImport({ source }) {
    if (source === 'dexie') return '/node_modules/dexie/dist/dexie.mjs';
  },
};

/**
 * `executeServerCommand('save-screenshot', { name })` from a test: a full-page PNG of the test's
 * page in screenshots/ (git-ignored), for a person to look at; nothing compares them.
 */
const saveScreenshot = {
  name: 'save-screenshot',
  async executeCommand({ command, payload, session }) {
    if (command !== 'save-screenshot') return undefined;
    const page = session.browser.getPage(session.id);
    const name = String(payload?.name ?? 'screenshot').replace(/[^\w.-]+/g, '-');
    await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
    return true;
  },
};

export default {
  files: ['test/browser/**/*.test.ts', 'test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    }),
  ],
  plugins: [
    saveScreenshot,
    dexieAsEsm,
    commonjs({ include: ['**/node_modules/papaparse/**'], ignore: ['stream'] }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
};
