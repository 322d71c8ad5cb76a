/**
 * custom-elements.json: every element with its tag, attributes, properties,
 * events, parts and CSS properties, and paths to files the package publishes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** The events each element documents. */
const DOCUMENTED_EVENTS: Record<string, string[]> = {
  'csv-mapper': ['change', 'csv-validated'],
  'filter-builder': ['change'],
  'segment-list': [
    'segment-select',
    'segment-add',
    'segment-edit',
    'segment-deleted',
    'segment-duplicated',
  ],
  'segment-form': ['segment-saved', 'segment-cancel'],
};

test('the manifest defines every element, fully described, at published paths', () => {
  const out = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    execFileSync(
      join(root, 'node_modules/.bin/cem'),
      // The analyzer joins --outdir to the working directory, so it must be relative.
      [
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        relative(root, out),
      ],
      { cwd: root, stdio: 'pipe' },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
    type Module = { path: string; declarations?: Declaration[]; exports?: Export[] };
    type Declaration = Record<string, unknown> & { name: string; tagName?: string };
    type Export = { kind: string; name: string; declaration: { name: string; module: string } };
    const modules = manifest.modules as Module[];

    // One folder per element, each with a *.component.ts: every one must be defined.
    const elements = readdirSync(join(root, 'components'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared')
      .map((d) => d.name)
      .sort();
    const definitions = modules
      .flatMap((m) => m.exports ?? [])
      .filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(definitions.map((d) => d.name).sort(), elements);

    for (const definition of definitions) {
      const module = modules.find((m) => m.path === definition.declaration.module);
      assert.ok(module, `${definition.name}: no module ${definition.declaration.module}`);
      const element = module.declarations!.find((d) => d.name === definition.declaration.name)!;
      assert.equal(element.tagName, definition.name);
      for (const key of ['attributes', 'members', 'events', 'cssParts', 'cssProperties']) {
        const list = element[key] as unknown[] | undefined;
        assert.ok(list && list.length > 0, `${definition.name} lists no ${key}`);
      }
      const events = (element.events as { name: string; description?: string }[]).map(
        (e) => e.name,
      );
      for (const name of DOCUMENTED_EVENTS[definition.name] ?? []) {
        assert.ok(events.includes(name), `${definition.name} documents ${name}`);
      }
      assert.ok(
        events.every((name) => /^[a-z][a-z-]*$/.test(name)),
        `${definition.name}: every event has a name (${events.join(', ')})`,
      );
      assert.ok(!events.includes('report'), 'no event guessed from a constructor argument');
    }

    // Paths name what is published: dist/index.js and the declarations of each source module.
    for (const module of modules) {
      assert.match(module.path, /^dist\/(index\.js|types\/components\/.+\.d\.ts)$/);
      if (module.path.endsWith('.d.ts')) {
        const source = module.path.replace(/^dist\/types\//, '').replace(/\.d\.ts$/, '.ts');
        assert.ok(existsSync(join(root, source)), `${module.path} has no source ${source}`);
      }
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('dist') && pkg.files.includes('custom-elements.json'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
