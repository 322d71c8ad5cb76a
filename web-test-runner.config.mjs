// Browser tests run in the system Chromium (never a downloaded one).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { journeyPlugin } from './test/journeys/backend-plugin.mjs';

const commonjs = fromRollup(rollupCommonjs);

/** dexie's import entry wraps its CommonJS build, which has no default export under wds. */
const dexieAsEsm = {
  name: 'dexie-as-esm',
  resolveImport({ source }) {
    if (source === 'dexie') return '/node_modules/dexie/dist/dexie.mjs';
  },
};

/**
 * `executeServerCommand('screenshot', { name, selector? })` saves the test page (or one element) as
 * test/screenshots/<name>.png (git-ignored), for a person to look at; tests never compare pixels.
 */
const screenshots = {
  name: 'screenshots',
  async executeCommand({ command, payload, session }) {
    if (command !== 'screenshot') return undefined;
    const page = session.browser.getPage(session.id);
    const name = String(payload?.name ?? 'page').replace(/[^\w.-]/g, '_');
    const path = `test/screenshots/${name}.png`;
    // `selector`: just that element (e.g. one of several fixtures on the page).
    if (payload?.selector) await page.locator(payload.selector).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
    return true;
  },
};

export default {
  files: [
    'test/browser/**/*.test.ts',
    'test/components/**/*.test.ts',
    'test/journeys/**/*.test.ts',
  ],
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
    screenshots,
    journeyPlugin(),
    dexieAsEsm,
    commonjs({ include: ['**/node_modules/papaparse/**'], ignore: ['stream'] }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
};
