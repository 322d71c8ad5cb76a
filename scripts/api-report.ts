/**
 * The public surface, drawn: one API report per package entry (api/<entry>.api.md), made by
 * API Extractor from the declarations tsc emits.
 *
 *   npm run api:check    fails when an entry's exports differ from its checked-in report
 *   npm run api:update   rewrites the reports after a deliberate change (commit them)
 *
 * It also fails when a report has no entry any more, when a public signature names a type that
 * no entry exports, and when the main entry leaves out a name of `user-segments/core` (it
 * re-exports the whole core).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type IConfigFile,
} from '@microsoft/api-extractor';
import type { Program } from 'typescript';
import { ENTRIES } from './entries.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const update = process.argv.includes('--update');
// Outside node_modules: TypeScript takes anything under node_modules for another package.
const work = join(
  tmpdir(),
  `user-segments-api-report-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`,
);
const typesDir = join(work, 'types');
const reportDir = join(root, 'api');

/** Where an entry's report lives: `elements/segment-list` → api/elements/segment-list.api.md. */
const reportPath = (name: string) => join(reportDir, `${name}.api.md`);
const declarationOf = (source: string) => join(typesDir, source.replace(/\.ts$/, '.d.ts'));

emitDeclarations();

const configs = Object.entries(ENTRIES).map(([name, source]) => ({
  name,
  config: ExtractorConfig.prepare({
    configObject: extractorConfig(name, source),
    configObjectFullPath: join(root, 'api/api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  }),
}));
// One TypeScript program for every entry: creating one per entry costs seconds each.
const compilerState = CompilerState.create(configs[0]!.config, {
  additionalEntryPoints: configs.map(({ config }) => config.mainEntryPointFilePath),
});

const problems: string[] = [];
/** Types that public signatures name, by the entry whose report found them. */
const forgotten = new Map<string, Set<string>>();
for (const { name, config } of configs) {
  mkdirSync(dirname(config.reportFilePath), { recursive: true });
  mkdirSync(dirname(config.reportTempFilePath), { recursive: true });
  const result = Extractor.invoke(config, {
    localBuild: update,
    compilerState,
    messageCallback(message) {
      if (message.messageId === 'ae-forgotten-export') {
        const symbol = /The symbol "([^"]+)"/.exec(message.text)?.[1] ?? message.text;
        forgotten.set(symbol, (forgotten.get(symbol) ?? new Set()).add(name));
        message.handled = true;
      } else if (message.logLevel !== ExtractorLogLevel.Error) {
        // Version notices and the like: the report itself is what matters.
        message.handled = true;
      }
    },
  });
  if (result.errorCount > 0) problems.push(`${name}: ${result.errorCount} error(s) above`);
  if (result.apiReportChanged && !update) {
    problems.push(
      `${name}: the exports differ from ${relative(root, reportPath(name))}` +
        `\n  compare: git diff --no-index ${relative(root, reportPath(name))} ${config.reportTempFilePath}`,
    );
  }
}

for (const file of reportFiles(reportDir)) {
  const name = relative(reportDir, file).replace(/\.api\.md$/, '');
  if (ENTRIES[name]) continue;
  if (update) rmSync(file);
  else problems.push(`${relative(root, file)} reports an entry the package no longer has`);
}

problems.push(...coreMissingFromMain(), ...unexportedTypes());

if (problems.length > 0) {
  console.error(`\nAPI report: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  console.error('\nIf the change is deliberate, run `npm run api:update` and commit api/ with it.');
  process.exitCode = 1;
} else {
  console.log(
    update
      ? `API report: ${configs.length} entries written to api/.`
      : `API report: ${configs.length} entries match api/.`,
  );
}

function emitDeclarations(): void {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(root, 'tsconfig.build.json'),
      '--outDir',
      typesDir,
      // Reruns emit only what changed.
      '--incremental',
      '--tsBuildInfoFile',
      join(work, 'types.tsbuildinfo'),
    ],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) {
    console.error('API report: tsc could not emit the declarations.');
    process.exit(1);
  }
}

function extractorConfig(name: string, source: string): IConfigFile {
  const slash = name.lastIndexOf('/');
  return {
    projectFolder: root,
    mainEntryPointFilePath: declarationOf(source),
    bundledPackages: [],
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2023', 'dom', 'dom.iterable'],
          types: [],
          // The declarations import one another as './x.ts', like the sources.
          allowImportingTsExtensions: true,
          noEmit: true,
          strict: true,
          skipLibCheck: true,
        },
        files: Object.values(ENTRIES).map(declarationOf),
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: slash === -1 ? name : name.slice(slash + 1),
      reportFolder: join(reportDir, slash === -1 ? '' : name.slice(0, slash)),
      reportTempFolder: join(work, 'reports', slash === -1 ? '' : name.slice(0, slash)),
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      extractorMessageReporting: {
        // Warnings name files on this machine: kept out of the reports, which must be the same
        // everywhere.
        default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: false },
        // No release tags (@public/@beta): every exported name is public.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        // Lit's lifecycle overrides need no doc comment of their own.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        // A type another entry exports is fine; one no entry exports is not (unexportedTypes).
        'ae-forgotten-export': { logLevel: ExtractorLogLevel.Warning },
      },
      // Our doc comments carry custom-elements-manifest tags (@csspart, @cssproperty, …).
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

function reportFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? reportFiles(join(dir, entry.name))
      : entry.name.endsWith('.api.md')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Types public signatures name that no entry exports: a reader could not import them. */
function unexportedTypes(): string[] {
  const exported = new Set(Object.values(ENTRIES).flatMap((source) => [...exportsOf(source)]));
  return [...forgotten]
    .filter(([symbol]) => !exported.has(symbol))
    .map(
      ([symbol, entries]) =>
        `${symbol} appears in the public signatures of ${[...entries].join(', ')} but no entry exports it`,
    );
}

/** The names `user-segments/core` exports that the main entry does not. */
function coreMissingFromMain(): string[] {
  const main = exportsOf(ENTRIES.index!);
  return [...exportsOf(ENTRIES.core!)]
    .filter((name) => !main.has(name))
    .map((name) => `the main entry does not re-export ${name} from user-segments/core`);
}

/** The names a source entry's declaration file exports. */
function exportsOf(source: string): Set<string> {
  // API Extractor's own TypeScript: the same Program API as ours.
  const program = compilerState.program as Program;
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(declarationOf(source));
  const symbol = file && checker.getSymbolAtLocation(file);
  const names = new Set<string>();
  for (const exported of symbol ? checker.getExportsOfModule(symbol) : []) {
    names.add(exported.name);
    // `en as englishTranslation`: signatures name the declaration, `en`.
    if (exported.flags & 2097152 /* ts.SymbolFlags.Alias */) {
      names.add(checker.getAliasedSymbol(exported).name);
    }
  }
  return names;
}
