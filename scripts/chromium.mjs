// Locates the system Chromium; test tools never download a browser of their own here.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  const candidates = [process.env.CHROME_PATH];
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      candidates.push(
        execSync(`command -v ${name}`, { encoding: 'utf8', shell: '/bin/sh' }).trim(),
      );
    } catch {
      // not installed under this name
    }
  }
  return candidates.find((path) => path && existsSync(path));
}
