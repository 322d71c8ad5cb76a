/**
 * package.json's `exports`, the library build and the sources agree on the package's entries
 * (scripts/entries.ts), every entry draws its exports by name, and the files a host's bundler
 * must keep (the ones that register tags) are the ones `sideEffects` names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import {
  ELEMENT_TAGS,
  ENTRIES,
  defineEntry,
  elementEntry,
  exportKey,
  typesPath,
} from '../../scripts/entries.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
  types: string;
  sideEffects: string[];
};

test('package.json exports exactly the entries, each with its declarations beside the build', () => {
  const expected: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(ENTRIES)) {
    expected[exportKey(name)] = { types: typesPath(source), import: `./dist/${name}.js` };
    assert.ok(existsSync(join(root, source)), `${source} (entry ${name}) exists`);
  }
  expected['./package.json'] = './package.json';
  assert.deepEqual(pkg.exports, expected);
  assert.equal(pkg.types, typesPath(ENTRIES.index!));
});

test('every element folder has its elements/ and define/ entries', () => {
  const folders = readdirSync(join(root, 'components'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, elementEntry(d.name))))
    .map((d) => d.name)
    .sort();
  assert.deepEqual(folders, [...ELEMENT_TAGS]);
  for (const tag of ELEMENT_TAGS) {
    assert.ok(existsSync(join(root, defineEntry(tag))), `${defineEntry(tag)} exists`);
    assert.match(
      readFileSync(join(root, defineEntry(tag)), 'utf8'),
      new RegExp(`defineElement\\('${tag}'`),
      `${defineEntry(tag)} registers <${tag}>`,
    );
  }
});

test('no module re-exports with export *: every entry names what it exports', () => {
  const offenders = sourceFiles(['src', 'components']).filter((file) =>
    /^\s*export\s+(type\s+)?\*/m.test(readFileSync(join(root, file), 'utf8')),
  );
  assert.deepEqual(offenders, []);
});

test("sideEffects keeps the files that register tags and lets a host's bundler drop the rest", () => {
  const kept = (file: string) => pkg.sideEffects.some((glob) => globToRegExp(glob).test(file));
  for (const name of Object.keys(ENTRIES)) {
    const file = `./dist/${name}.js`;
    const registers = name === 'index' || name === 'page' || name.startsWith('define/');
    assert.equal(kept(file), registers, `${file} ${registers ? 'is' : 'is not'} a side effect`);
  }
});

test('the library build emits every file package.json exports', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'user-segments-build-'));
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      const file = join(outDir, target.import.replace('./dist/', ''));
      assert.ok(existsSync(file), `${key} → ${target.import} was built`);
    }
    const defineSegmentList = readFileSync(join(outDir, 'define/segment-list.js'), 'utf8');
    assert.match(defineSegmentList, /["']segment-list["']/, 'define/segment-list names its tag');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

function sourceFiles(dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? walk(`${dir}/${d.name}`)
        : d.name.endsWith('.ts')
          ? [`${dir}/${d.name}`]
          : [],
    );
  return dirs.flatMap(walk);
}

/** package.json `sideEffects` globs: `*` within a path segment, `**` across segments. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

test('server/ reaches the package only through its public entries, as a host backend would', () => {
  const entrySources = new Set(Object.values(ENTRIES));
  const offenders: string[] = [];
  for (const file of sourceFiles(['server'])) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
      if (!specifier!.startsWith('.')) continue;
      const target = fileURLToPath(new URL(specifier!, `file://${join(root, file)}`))
        .slice(root.length)
        .replace(/^\//, '');
      if (target.startsWith('server/')) continue;
      if (!entrySources.has(target)) offenders.push(`${file} imports ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});
