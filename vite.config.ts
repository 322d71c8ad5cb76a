import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `npm start` serves the demo; `npm run build` makes the library (ES modules only).
export default defineConfig({
  // Relative, so the emitted worker is found next to the library wherever a host serves it.
  base: './',
  server: { open: '/demo/' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        index: at('components/index.ts'),
        core: at('src/core.ts'),
        testing: at('src/testing/index.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay imports so a host's bundler dedupes them (one lit, one Dexie).
      external: [/^lit($|\/)/, /^@lit\//, 'dexie', 'papaparse', /^libphonenumber-js($|\/)/],
    },
  },
});
