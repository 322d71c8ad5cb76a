// Fails fast with one clear line when no Chromium is available for the browser tests.
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  console.error(
    'No Chromium found: install it (Debian: apt-get install -y chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}
