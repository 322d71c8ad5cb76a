/**
 * `npm run admin -- <command>`: the reference backend's admin command line. Creates stores,
 * issues, lists, rotates and revokes their API keys, and imports their customers and orders
 * from CSV or NDJSON files. Works on the PostgreSQL server DATABASE_URL names (migrated first),
 * or on a PGlite data folder (`--pglite DIR`). Results go to stdout, progress and errors to
 * stderr; the exit code is 0 on success, 1 when the command failed, 2 for a usage mistake.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pg from 'pg';
import { isSegmentError } from '../../src/core.ts';
import { openPglite, openPostgres, type Db } from '../db.ts';
import { migrate } from '../migrate.ts';
import { createApiKey, createStore, listApiKeys, revokeApiKey, rotateApiKey } from '../stores.ts';
import { importFile, type ImportFormat, type ImportKind } from './import-data.ts';

const DATABASE_OPTIONS = {
  pglite: { type: 'string' },
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const DATABASE_HELP = `Database (one of):
  DATABASE_URL=postgresql://…   a PostgreSQL server (or --database-url URL)
  --pglite DIR                  a PGlite data folder (created when missing)
  --schema NAME                 with a server: the schema holding the tables`;

interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  positionals: string[];
  run(
    db: Opened,
    values: Record<string, string | boolean | undefined>,
    args: string[],
  ): Promise<void>;
}

interface Opened {
  db: Db;
  /** With a server: its URL and schema, for the import's own connection. */
  server?: { url: string; schema?: string };
}

const COMMANDS: Record<string, Command> = {
  'store create': {
    usage: 'store create <store-id> [--name NAME] [--time-zone ZONE] [--country CODE]',
    summary:
      'Creates a store and prints its first API key (shown once: only its hash is kept).\n' +
      'The store id is 1–64 letters, digits, "-" or "_". --time-zone is an IANA zone\n' +
      '(default UTC), --country the ISO 3166 code phones are read in (default IN).',
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      country: { type: 'string' },
    },
    positionals: ['store-id'],
    async run({ db }, values, [storeId]) {
      const { apiKey } = await createStore(db, {
        storeId: storeId!,
        name: values.name as string | undefined,
        timeZone: values['time-zone'] as string | undefined,
        defaultCountry: values.country as string | undefined,
      });
      console.log(`Store ${storeId} created.`);
      console.log(`API key: ${apiKey}`);
    },
  },
  'key create': {
    usage: 'key create <store-id> [--label TEXT]',
    summary:
      'Issues another API key for the store (a store may hold several at once) and prints it.',
    options: { label: { type: 'string' } },
    positionals: ['store-id'],
    async run({ db }, values, [storeId]) {
      const { apiKey, keyId } = await createApiKey(db, storeId!, values.label as string);
      console.log(`Key ${keyId} created for ${storeId}.`);
      console.log(`API key: ${apiKey}`);
    },
  },
  'key list': {
    usage: 'key list <store-id>',
    summary: "Lists the store's keys: id, label, created, expires. Never the keys themselves.",
    positionals: ['store-id'],
    async run({ db }, _values, [storeId]) {
      const keys = await listApiKeys(db, storeId!);
      const now = Date.now();
      console.log(['KEY ID', 'CREATED', 'EXPIRES', 'LABEL'].join('\t'));
      for (const key of keys) {
        const expires =
          key.expiresAt === null
            ? 'never'
            : `${key.expiresAt}${Date.parse(key.expiresAt) <= now ? ' (expired)' : ''}`;
        console.log([key.keyId, key.createdAt, expires, key.label ?? ''].join('\t'));
      }
    },
  },
  'key rotate': {
    usage: 'key rotate <store-id> <key-id> [--grace SECONDS]',
    summary:
      'Issues a new key in place of <key-id> and prints it. The old key keeps working for\n' +
      '--grace seconds (default 86400, one day) so its users can switch; 0 stops it at once.',
    options: { grace: { type: 'string' } },
    positionals: ['store-id', 'key-id'],
    async run({ db }, values, [storeId, keyId]) {
      const grace = values.grace === undefined ? 86_400 : Number(values.grace);
      const made = await rotateApiKey(db, storeId!, keyId!, grace);
      console.log(
        `Key ${made.keyId} created for ${storeId}; ${keyId} stops working at ${made.oldKeyExpiresAt}.`,
      );
      console.log(`API key: ${made.apiKey}`);
    },
  },
  'key revoke': {
    usage: 'key revoke <store-id> <key-id>',
    summary: 'Revokes the key at once: requests with it are refused from now on.',
    positionals: ['store-id', 'key-id'],
    async run({ db }, _values, [storeId, keyId]) {
      await revokeApiKey(db, storeId!, keyId!);
      console.log(`Key ${keyId} of ${storeId} revoked.`);
    },
  },
  'import customers': importCommand('customers'),
  'import orders': importCommand('orders'),
};

function importCommand(kind: ImportKind): Command {
  const fields =
    kind === 'customers'
      ? 'id, createdAt (required), name, email, phone, city, state, tags (";" between them in\n' +
        'CSV, a list in NDJSON), acceptsMarketing (yes/no)'
      : 'id, customerId, total (whole paise), placedAt — all required; the customers must exist';
  return {
    usage: `import ${kind} <store-id> <file> [--format csv|ndjson]`,
    summary:
      `Adds the file's ${kind} to the store, replacing any with the same id, in one\n` +
      'transaction: a bad row stops the import with its line number and nothing is kept.\n' +
      `Fields (header names in CSV, keys in NDJSON): ${fields}.\n` +
      'Dates are 2025-03-01 or 2025-03-01T10:00:00Z. Order statistics (orders count, total\n' +
      'spent, first and last order) are recomputed after. --format defaults to the file\n' +
      'extension (.ndjson / .jsonl: NDJSON, otherwise CSV). Progress is shown on stderr.',
    options: { format: { type: 'string' } },
    positionals: ['store-id', 'file'],
    async run(opened, values, [storeId, file]) {
      const format = (values.format ??
        (/\.(nd)?jsonl?$/i.test(file!) ? 'ndjson' : 'csv')) as ImportFormat;
      if (format !== 'csv' && format !== 'ndjson') throw usageError('--format is csv or ndjson');
      const size = (await stat(file!)).size;
      const started = performance.now();
      const request = {
        storeId: storeId!,
        kind,
        format,
        input: createReadStream(file!),
        onProgress: ({ rows, read }: { rows: number; read: number }) => {
          const share = size
            ? ` (${Math.min(100, Math.round((read / size) * 100))}% of the file)`
            : '';
          process.stderr.write(`${kind}: ${rows.toLocaleString('en')} rows read${share}\n`);
        },
      };
      let result;
      if (opened.server) {
        const client = new pg.Client({
          connectionString: opened.server.url,
          options: [
            '-c TimeZone=UTC',
            opened.server.schema ? `-c search_path=${opened.server.schema}` : '',
          ]
            .join(' ')
            .trim(),
        });
        await client.connect();
        try {
          result = await importFile({ client }, request);
        } finally {
          await client.end();
        }
      } else {
        result = await importFile({ db: opened.db }, request);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Imported ${result.rows.toLocaleString('en')} ${kind} into ${storeId} in ${seconds} s: ` +
          `${result.added.toLocaleString('en')} new, ${(result.rows - result.added).toLocaleString('en')} replaced; ` +
          `the store has ${result.storeTotal.toLocaleString('en')} ${kind} now.`,
      );
    },
  };
}

const MAIN_HELP = `Usage: npm run admin -- <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

${DATABASE_HELP}

"npm run admin -- <command> --help" explains one command.`;

class UsageError extends Error {}
const usageError = (message: string) => new UsageError(message);

export async function main(argv: string[]): Promise<number> {
  const words = argv
    .filter((a) => !a.startsWith('-'))
    .slice(0, 2)
    .join(' ');
  const name = Object.keys(COMMANDS).find((n) => words === n);
  if (!name) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      console.log(MAIN_HELP);
      return argv.length === 0 ? 2 : 0;
    }
    console.error(`Unknown command "${words}".\n\n${MAIN_HELP}`);
    return 2;
  }
  const command = COMMANDS[name]!;
  const help = `Usage: npm run admin -- ${command.usage}\n\n${command.summary}\n\n${DATABASE_HELP}`;
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { ...DATABASE_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    console.log(help);
    return 0;
  }
  const args = positionals.slice(2);
  if (args.length !== command.positionals.length) {
    console.error(`Expected ${command.positionals.map((p) => `<${p}>`).join(' ')}.\n\n${help}`);
    return 2;
  }
  const url = (values['database-url'] as string | undefined) ?? process.env.DATABASE_URL;
  const dataDir = values.pglite as string | undefined;
  if (!url && !dataDir) {
    console.error(`Name a database.\n\n${DATABASE_HELP}`);
    return 2;
  }
  const schema = values.schema as string | undefined;
  const opened: Opened = dataDir
    ? { db: await openPglite(dataDir) }
    : { db: openPostgres(url!, { schema, max: 2 }), server: { url: url!, schema } };
  try {
    await migrate(opened.db);
    await command.run(opened, values, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help}`);
      return 2;
    }
    if (isSegmentError(error)) console.error(`Error: ${error.message}`);
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`Error: no file ${(error as NodeJS.ErrnoException).path}`);
    } else console.error(error);
    return 1;
  } finally {
    await opened.db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
