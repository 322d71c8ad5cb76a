import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from './scripts/entries.ts';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `npm start` answers at the server root: `/` sends the browser to the demo admin. */
const demoAtRoot: Plugin = {
  name: 'demo-at-root',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url === '/' || req.url === '/index.html') {
        res.statusCode = 302;
        res.setHeader('Location', '/demo/');
        res.end();
        return;
      }
      next();
    });
  },
};

// `npm start` serves the demo; `npm run build` makes the library (ES modules only).
export default defineConfig({
  plugins: [demoAtRoot],
  // Vue's esm-bundler build (the demo's Vue page) expects its feature flags from the bundler.
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  // Relative, so the emitted worker is found next to the library wherever a host serves it.
  base: './',
  server: { open: '/' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      // One file per package entry (package.json `exports`), named as in scripts/entries.ts.
      entry: Object.fromEntries(
        Object.entries(ENTRIES).map(([name, source]) => [name, at(source)]),
      ),
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay imports so a host's bundler dedupes them (one lit, one Dexie).
      external: [/^lit($|\/)/, /^@lit(-labs)?\//, 'dexie', 'papaparse', /^libphonenumber-js($|\/)/],
      // One file per source module (under dist/modules/): a host's bundler then drops whole
      // files it does not use, which it cannot do inside a chunk shared by many entries.
      output: {
        preserveModules: true,
        preserveModulesRoot: at('.'),
        entryFileNames: (chunk) =>
          chunk.isEntry && chunk.name in ENTRIES ? '[name].js' : 'modules/[name].js',
      },
    },
  },
});
