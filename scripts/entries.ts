/**
 * The package's entry points: one table read by the library build (vite.config.ts), the API
 * report (scripts/api-report.ts), the first-load bench and the tests that check package.json's
 * `exports` against it. Each key is the subpath after `user-segments/` (`index` is the package
 * itself) and the built file's name under dist/; each value is the source module.
 *
 * Plain data, no Node APIs: browser tests import it too.
 */

/**
 * Every element the package ships. Each has `components/<tag>/<tag>.component.ts` (the class,
 * registering nothing: `user-segments/elements/<tag>`) and `components/<tag>/<tag>.ts` (registers
 * the tag and the tags it renders: `user-segments/define/<tag>`).
 */
export const ELEMENT_TAGS = [
  'csv-mapper',
  'filter-builder',
  'segment-form',
  'segment-list',
  'segment-members',
  'segment-picker',
  'user-segments',
] as const;

export type ElementTag = (typeof ELEMENT_TAGS)[number];

export const elementEntry = (tag: string) => `components/${tag}/${tag}.component.ts`;
export const defineEntry = (tag: string) => `components/${tag}/${tag}.ts`;

export const ENTRIES: Readonly<Record<string, string>> = {
  index: 'components/index.ts',
  page: 'components/page.ts',
  context: 'components/context.ts',
  core: 'src/core.ts',
  rules: 'src/rules.ts',
  'rest-adapter': 'src/adapters/rest/index.ts',
  'local-adapter': 'src/adapters/local/index.ts',
  'cached-adapter': 'src/adapters/cached/index.ts',
  testing: 'src/testing/index.ts',
  ...Object.fromEntries(
    ELEMENT_TAGS.flatMap((tag) => [
      [`elements/${tag}`, elementEntry(tag)],
      [`define/${tag}`, defineEntry(tag)],
    ]),
  ),
};

/** The `package.json` `exports` key of an entry: `.` or `./<name>`. */
export const exportKey = (name: string) => (name === 'index' ? '.' : `./${name}`);

/** The declaration file tsc emits for a source module (tsconfig.build.json). */
export const typesPath = (source: string) => `./dist/types/${source.replace(/\.ts$/, '.d.ts')}`;
