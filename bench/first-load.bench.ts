/**
 * First load on real host code (issue 19 item 2). The README's host snippets are bundled as they
 * are written — each fenced block after a `<!-- first-load: <name> -->` marker — against the
 * package as a host installs it: the library build (`vite build`) in a node_modules/user-segments
 * folder beside the snippet, resolved through package.json `exports` and `sideEffects`. esbuild
 * bundles each snippet minified and code-split, as a host's bundler would.
 *
 * A page's critical path is its entry chunk and every chunk it imports statically: what loads
 * before `<user-segments>` can show its list. Chunks reached only through `import()` load later
 * (the form and its editors when first opened; Dexie and the LocalAdapter's engine when the
 * adapter is made, beside the page; libphonenumber-js when a phone is parsed). Sizes are gzip -9,
 * Lit included. Baseline: the snippet the README used to show, `import { LocalAdapter,
 * provideSegmentAdapter } from 'user-segments'` (the main entry, which registers every element).
 *
 * Check: the bundled LocalAdapter page, opened in Chromium, shows the list (the predefined
 * segments of its empty store), so the critical path measured is one that works.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import type { BenchCheck, BenchFile, BenchRow } from './harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The host project: its own package.json, the installed package in node_modules/user-segments. */
const host = join(root, 'bench/.first-load');
const installed = join(host, 'node_modules/user-segments');
const HEAVY = ['libphonenumber-js', 'dexie', 'papaparse'];
const GOALS: Record<string, number> = { local: 40, 'rest-cached': 40, context: 3 };

export interface Snippet {
  name: string;
  /** The module code a host page runs (a `<script type="module">`'s body for HTML blocks). */
  code: string;
}

/** The README blocks marked `<!-- first-load: name -->`, in order. */
export function readmeSnippets(readme: string): Snippet[] {
  const marked = /<!-- first-load: ([\w-]+) -->\s*\n```(\w+)\n([\s\S]*?)\n```/g;
  return [...readme.matchAll(marked)].map(([, name, language, body]) => ({
    name: name!,
    code:
      language === 'html'
        ? [...body!.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)]
            .map((m) => m[1])
            .join('\n')
        : body!,
  }));
}

interface Chunk {
  file: string;
  gzip: number;
  critical: boolean;
  /** Heavy libraries bundled into it. */
  libraries: string[];
  /** Bytes of our package's code and of Lit's family in it (minified, before gzip). */
  ours: number;
  lit: number;
}

async function bundle(name: string, code: string): Promise<Chunk[]> {
  writeFileSync(join(host, `${name}.js`), code);
  const result = await esbuild.build({
    entryPoints: [join(host, `${name}.js`)],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    platform: 'browser',
    outdir: join(host, 'out', name),
    metafile: true,
    write: true,
    logLevel: 'silent',
    // Worker scripts are separate files the CSV pipeline fetches; they are not on any path here.
    loader: { '.js': 'js' },
  });
  const outputs = result.metafile.outputs;
  const critical = new Set<string>();
  const visit = (file: string) => {
    if (critical.has(file)) return;
    critical.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  // Chunks of import() targets are entry points too: start from the snippet's own.
  const snippetFile = relative(root, join(host, `${name}.js`));
  Object.keys(outputs)
    .filter((file) => outputs[file]!.entryPoint === snippetFile)
    .forEach(visit);
  return Object.entries(outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => {
      const inputs = Object.entries(output.inputs);
      const bytes = (test: (input: string) => boolean) =>
        inputs.filter(([input]) => test(input)).reduce((sum, [, v]) => sum + v.bytesInOutput, 0);
      return {
        file: relative(join(host, 'out', name), resolve(root, file)),
        gzip: gzipSync(readFileSync(resolve(root, file)), { level: 9 }).length,
        critical: critical.has(file),
        libraries: HEAVY.filter((lib) =>
          inputs.some(([input]) => input.includes(`node_modules/${lib}/`)),
        ),
        ours: bytes((input) => input.includes('node_modules/user-segments/')),
        lit: bytes((input) =>
          /node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs)\//.test(input),
        ),
      };
    });
}

const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const sum = (chunks: Chunk[], pick: (c: Chunk) => number) =>
  chunks.reduce((total, c) => total + pick(c), 0);

const run: BenchFile = async (env) => {
  const snippets = readmeSnippets(readFileSync(join(root, 'README.md'), 'utf8'));
  rmSync(host, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  // A package scope of its own, so `user-segments` resolves to node_modules, not to this repo.
  writeFileSync(join(host, 'package.json'), '{ "name": "host-page", "private": true }\n');
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  await viteBuild({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(installed, 'dist'), emptyOutDir: true, sourcemap: false },
  });

  const pages = new Map<string, Chunk[]>();
  for (const snippet of snippets) pages.set(snippet.name, await bundle(snippet.name, snippet.code));
  const baseline = await bundle(
    'main-entry',
    "import { LocalAdapter, provideSegmentAdapter } from 'user-segments';\n" +
      "provideSegmentAdapter(document.body, new LocalAdapter({ storeId: 'store-42', timeZone: 'Asia/Kolkata' }));\n",
  );
  const baselineKb = kB(
    sum(
      baseline.filter((c) => c.critical),
      (c) => c.gzip,
    ),
  );

  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const [name, chunks] of pages) {
    const critical = chunks.filter((c) => c.critical);
    const later = chunks.filter((c) => !c.critical);
    rows.push({
      name: `${name}: critical path, gzip, Lit included`,
      value: kB(sum(critical, (c) => c.gzip)),
      unit: 'kB',
      baseline: {
        name: 'the main entry (LocalAdapter page as the README wrote it before)',
        value: baselineKb,
      },
      ...(GOALS[name] !== undefined ? { goal: { max: GOALS[name] } } : {}),
    });
    rows.push({
      name: `${name}: ${HEAVY.join(', ')} on the critical path`,
      value: critical.flatMap((c) => c.libraries).length,
      unit: 'count',
      goal: { max: 0 },
    });
    notes.push(
      `${name}: critical path ${chunks.filter((c) => c.critical).length} chunk(s), ` +
        `minified ${kB(sum(critical, (c) => c.ours))} kB of ours + ${kB(sum(critical, (c) => c.lit))} kB of the Lit family; ` +
        `later: ${later.length ? later.map((c) => `${c.file} ${kB(c.gzip)} kB${c.libraries.length ? ` (${c.libraries.join(', ')})` : ''}`).join('; ') : 'nothing'}`,
    );
  }
  notes.push(
    `baseline critical path: ${baselineKb} kB (${baseline
      .filter((c) => c.critical)
      .flatMap((c) => c.libraries)
      .join(', ')})`,
  );

  const checks: BenchCheck[] = [
    {
      name: 'README host snippets found',
      ours: [...pages.keys()],
      expected: Object.keys(GOALS),
    },
    { name: 'the bundled LocalAdapter page shows its list', ...(await showsList(env)) },
  ];
  return {
    title: 'First load of the README host pages (esbuild, minified, code-split; gzip -9)',
    rows,
    notes,
    checks,
  };
};

/** Opens the bundled LocalAdapter page and reads the names its list shows. */
async function showsList(
  env: Parameters<BenchFile>[0],
): Promise<{ ours: unknown; expected: unknown }> {
  const out = join(host, 'out/local');
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><html lang="en"><body><user-segments no-history></user-segments>' +
      '<script type="module" src="./local.js"></script></body></html>',
  );
  const page = await env.openPage(`/${relative(root, out)}/index.html`);
  try {
    const names = await page.waitForFunction(
      () => {
        const list = document
          .querySelector('user-segments')
          ?.shadowRoot?.querySelector('segment-list');
        const text = list?.shadowRoot?.textContent ?? '';
        return text.includes('Top 100 High-Value Spenders')
          ? 'First Time Customers … Top 100 shown'
          : null;
      },
      undefined,
      { timeout: 30_000 },
    );
    return { ours: await names.jsonValue(), expected: 'First Time Customers … Top 100 shown' };
  } finally {
    await page.close();
  }
}

export default run;
