/**
 * `npm run analyze`: custom-elements.json for the published package. The analyzer reads the
 * TypeScript sources; this plugin then points the manifest at what is published and adds what a
 * guarded `define` hides from it:
 * - each element gets a `custom-element-definition` export in `dist/index.js` (the module that
 *   registers the tags), found from its `@tag` JSDoc;
 * - module paths name the published declaration files (`dist/types/….d.ts`), not sources;
 * - events are those the JSDoc documents (`@event`): the analyzer also guesses from
 *   `dispatchEvent` calls, and takes an event class's constructor argument for a name.
 */
const published = (path) => path.replace(/^(components|src)\/(.*)\.ts$/, 'dist/types/$1/$2.d.ts');

function publishedManifest() {
  return {
    name: 'user-segments-published',
    packageLinkPhase({ customElementsManifest }) {
      const definitions = [];
      for (const mod of customElementsManifest.modules) {
        mod.exports = (mod.exports ?? []).filter(
          (e) => !(e.kind === 'custom-element-definition' && mod.path.endsWith('define.ts')),
        );
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement || !declaration.tagName) continue;
          declaration.events = (declaration.events ?? []).filter((e) => e.description);
          definitions.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: published(mod.path) },
          });
        }
      }
      const rewrite = (value) => {
        if (Array.isArray(value)) value.forEach(rewrite);
        else if (value && typeof value === 'object') {
          for (const [key, inner] of Object.entries(value)) {
            if ((key === 'module' || key === 'path') && typeof inner === 'string') {
              value[key] = published(inner.replace(/^\//, ''));
            } else rewrite(inner);
          }
        }
      };
      rewrite(customElementsManifest.modules);
      customElementsManifest.modules.push({
        kind: 'javascript-module',
        path: 'dist/index.js',
        declarations: [],
        exports: definitions,
      });
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // Keep package.json's "customElements" as written.
  packagejson: false,
  plugins: [publishedManifest()],
};
