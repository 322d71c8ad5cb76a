/**
 * How much a host's bundler ships before `<user-segments>` first renders (issue 10 item 5):
 * the host entry is bundled with Vite (minified, code-split as a host's build would), every
 * chunk is gzipped, and chunks are sorted into "first render" (the entry and what it imports
 * statically) and "on demand" (dynamic imports: the form, the CSV mapper, the filter editor;
 * worker files). Our own code is measured by the same build with the Lit family external.
 * Baseline: the same page through the package's main entry (`user-segments`), which registers
 * every element at once.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import type { BenchFile, BenchRow } from './harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const LIT_FAMILY = [
  /^lit($|\/)/,
  /^lit-html($|\/)/,
  /^lit-element($|\/)/,
  /^@lit\//,
  /^@lit-labs\//,
];
const ON_DEMAND_ONLY = ['libphonenumber-js', 'papaparse', 'dexie'];

interface Chunk {
  fileName: string;
  gzip: number;
  when: 'first render' | 'on demand' | 'in a worker';
  libraries: string[];
}

async function bundle(entry: string, external: RegExp[] = []): Promise<Chunk[]> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: { input: fileURLToPath(new URL(entry, import.meta.url)), external },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = outputs.flatMap((o) => o.output);
  const chunks = files.filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  const firstRender = new Set<string>();
  const visit = (name: string) => {
    if (firstRender.has(name)) return;
    firstRender.add(name);
    chunks.find((c) => c.fileName === name)?.imports.forEach(visit);
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
  const described: Chunk[] = chunks.map((chunk) => ({
    fileName: chunk.fileName,
    gzip: gzipSync(chunk.code, { level: 9 }).length,
    when: firstRender.has(chunk.fileName) ? 'first render' : 'on demand',
    libraries: ON_DEMAND_ONLY.filter((lib) =>
      chunk.moduleIds.some((id) => id.includes(`/node_modules/${lib}/`)),
    ),
  }));
  // Worker bundles are emitted as assets: loaded only when a CSV file is read.
  for (const asset of files.filter((f): f is Rollup.OutputAsset => f.type === 'asset')) {
    if (!asset.fileName.endsWith('.js')) continue;
    const code = typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source);
    described.push({
      fileName: asset.fileName,
      gzip: gzipSync(code, { level: 9 }).length,
      when: 'in a worker',
      libraries: ON_DEMAND_ONLY.filter((lib) => String(code).includes(libMarker(lib))),
    });
  }
  return described;
}

/** A string each library's bundled code contains (worker assets carry no module list). */
function libMarker(lib: string): string {
  return { 'libphonenumber-js': 'libphonenumber', papaparse: 'Papa', dexie: 'Dexie' }[lib]!;
}

const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const firstRenderBytes = (chunks: Chunk[]) =>
  chunks.filter((c) => c.when === 'first render').reduce((sum, c) => sum + c.gzip, 0);

const run: BenchFile = async () => {
  const whole = await bundle('./pages/first-load-host.ts');
  const ours = await bundle('./pages/first-load-host.ts', LIT_FAMILY);
  const baseline = await bundle('./pages/first-load-whole-package.ts');
  const local = await bundle('./pages/first-load-local.ts');
  const eagerLibraries = whole.filter((c) => c.when === 'first render').flatMap((c) => c.libraries);
  const rows: BenchRow[] = [
    {
      name: '<user-segments> first render, gzip, including Lit',
      value: kB(firstRenderBytes(whole)),
      unit: 'kB',
      baseline: { name: "the package's main entry", value: kB(firstRenderBytes(baseline)) },
      goal: { max: 40 },
    },
    {
      name: '<user-segments> first render, gzip, our own code (Lit family external)',
      value: kB(firstRenderBytes(ours)),
      unit: 'kB',
      goal: { max: 25 },
    },
    {
      name: `${ON_DEMAND_ONLY.join(', ')} in the first render`,
      value: eagerLibraries.length,
      unit: 'count',
      goal: { max: 0 },
    },
  ];
  const describe = (c: Chunk) =>
    `${c.when.padEnd(12)} ${String(kB(c.gzip)).padStart(7)} kB  ${c.fileName}${
      c.libraries.length ? `  (${c.libraries.join(', ')})` : ''
    }`;
  return {
    title: 'First load of <user-segments> (what a host bundler emits, gzip -9)',
    rows,
    notes: [
      'chunks of the host page (when each loads, gzip size, file):',
      ...whole.sort((a, b) => a.when.localeCompare(b.when)).map(describe),
      `for comparison, on the LocalAdapter: first render ${kB(firstRenderBytes(local))} kB (${local
        .filter((c) => c.when === 'first render')
        .flatMap((c) => c.libraries)
        .join(', ')}), the adapter needs IndexedDB before the list can show`,
      `baseline (main entry) first render: ${
        baseline
          .filter((c) => c.when === 'first render')
          .flatMap((c) => c.libraries)
          .join(', ') || 'no heavy library'
      }`,
    ],
  };
};

export default run;
