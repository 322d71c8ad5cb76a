/**
 * The reference backend as an operator runs it: configuration from the environment with clear
 * refusals, /health and /ready, the API key checked before a body is read, JSON logs that name
 * each request and never hold a key or a body, a clean stop on SIGTERM that lets requests in
 * flight finish, and a statement timeout on a real PostgreSQL server.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, DEFAULT_CONFIG, readConfig } from '../../server/config.ts';
import { openPostgres, type Db } from '../../server/db.ts';
import { startBackend, type Backend } from '../../server/backend.ts';
import { createStore } from '../../server/stores.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function refusal(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
}

describe('configuration from the environment', () => {
  it('an empty environment gives the defaults', () => {
    assert.deepEqual(readConfig({}), DEFAULT_CONFIG);
  });

  it('reads every variable into its typed field', () => {
    const config = readConfig({
      PORT: '8787',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://app@db.internal:5432/segments',
      CORS_ORIGINS: 'https://admin.example.com, http://localhost:5173/',
      BODY_LIMIT: '1048576',
      REQUEST_TIMEOUT_MS: '20000',
      HEADERS_TIMEOUT_MS: '5000',
      KEEP_ALIVE_TIMEOUT_MS: '0',
      MAX_CONNECTIONS: '50',
      STATEMENT_TIMEOUT_MS: '2500',
      SHUTDOWN_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'warn',
    });
    assert.deepEqual(config, {
      port: 8787,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://app@db.internal:5432/segments',
      corsOrigins: ['https://admin.example.com', 'http://localhost:5173'],
      bodyLimit: 1048576,
      requestTimeoutMs: 20000,
      headersTimeoutMs: 5000,
      keepAliveTimeoutMs: 0,
      maxConnections: 50,
      statementTimeoutMs: 2500,
      shutdownTimeoutMs: 3000,
      logLevel: 'warn',
    });
    assert.deepEqual(readConfig({ CORS_ORIGINS: '' }).corsOrigins, []);
    assert.equal(readConfig({ CORS_ORIGINS: '*' }).corsOrigins, '*');
  });

  it('a bad value is refused with the variable, its value and what would do', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ PORT: '65536' }, 'PORT', /PORT="65536".*0 to 65535/],
      [{ PORT: '-1' }, 'PORT', /PORT="-1"/],
      [{ PORT: '80.5' }, 'PORT', /whole number/],
      [{ PORT: '٨٠' }, 'PORT', /PORT="٨٠"/],
      [{ BODY_LIMIT: '2MB' }, 'BODY_LIMIT', /BODY_LIMIT="2MB"/],
      [{ MAX_CONNECTIONS: '0' }, 'MAX_CONNECTIONS', /1 to 1000000/],
      [{ STATEMENT_TIMEOUT_MS: '9007199254740993' }, 'STATEMENT_TIMEOUT_MS', /whole number/],
      [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /one of fatal, error, warn, info/],
      [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL', /postgresql:\/\//],
      [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgresql:\/\//],
      [{ CORS_ORIGINS: 'https://a.example/admin' }, 'CORS_ORIGINS', /"https:\/\/a.example\/admin"/],
      [{ CORS_ORIGINS: 'admin.example.com' }, 'CORS_ORIGINS', /not an origin/],
      [
        { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' },
        'HEADERS_TIMEOUT_MS',
        /must not exceed REQUEST_TIMEOUT_MS/,
      ],
    ];
    for (const [env, variable, message] of cases) {
      const error = refusal(env);
      assert.equal(error.variable, variable, JSON.stringify(env));
      assert.match(error.message, message, JSON.stringify(env));
    }
  });

  it('several bad values are all named at once', () => {
    const error = refusal({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    assert.equal(error.variable, 'PORT, LOG_LEVEL');
    assert.equal(error.message.split('\n').length, 2);
  });

  it('npm run server refuses to start on a bad value, saying why, with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'http', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 2);
    assert.match(stderr, /cannot start:\nPORT="http" is not valid/);
  });
});

describe('health, readiness, the API key and the logs', () => {
  let backend: Backend;
  let databaseDown = false;
  const statements: string[] = [];
  const lines: string[] = [];
  before(async () => {
    backend = await startBackend({
      logger: 'info',
      logStream: { write: (line) => void lines.push(line) },
      wrapDb: (db) => ({
        ...db,
        query: (sql, params) => {
          statements.push(sql);
          return databaseDown
            ? Promise.reject(new Error('connection refused'))
            : db.query(sql, params);
        },
      }),
    });
  });
  after(() => backend.close());

  it('/health answers without a key; /ready answers while the database does, 503 once it does not', async () => {
    const origin = backend.baseUrl.replace(/\/api$/, '');
    const health = await fetch(`${origin}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal((await fetch(`${origin}/ready`)).status, 200);
    databaseDown = true;
    try {
      const ready = await fetch(`${origin}/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), {
        code: 'unavailable',
        message: 'The database does not answer.',
      });
      assert.equal((await fetch(`${origin}/health`)).status, 200, 'the process is still up');
    } finally {
      databaseDown = false;
    }
  });

  it('a request without a valid key is refused before its body is read or checked', async () => {
    for (const authorization of [undefined, 'Bearer nope', 'Basic abc', 'Bearer a.b\u00e9']) {
      statements.length = 0;
      const response = await fetch(`${backend.baseUrl}/segments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: '{ not json at all',
      });
      assert.equal(response.status, 401, String(authorization));
      assert.equal(((await response.json()) as { code: string }).code, 'unauthorized');
      assert.ok(
        statements.every((sql) => !/\bsegments\b/i.test(sql)),
        `no segment statement ran: ${statements.join('; ')}`,
      );
    }
  });

  it('one JSON line per event, each naming its request; no key and no body ever logged', async () => {
    lines.length = 0;
    const { apiKey } = await createStore(backend.db, { storeId: 'logged-store' });
    const created = await fetch(`${backend.baseUrl}/segments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'x-request-id': 'trace-42',
      },
      body: JSON.stringify({
        name: 'Diwali buyers — सीक्रेट',
        type: 'filter',
        filter: {
          combinator: 'and',
          rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
        },
      }),
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('x-request-id'), 'trace-42');
    const refused = await fetch(`${backend.baseUrl}/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}x`, 'x-request-id': 'bad id {"level":60}' },
    });
    assert.equal(refused.status, 401);
    const generated = refused.headers.get('x-request-id')!;
    assert.match(generated, /^[0-9a-f-]{36}$/, 'a request id of our own for an unusable one');

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(records.length >= 4);
    const ids = new Set(records.map((r) => r.reqId).filter(Boolean));
    assert.ok(ids.has('trace-42') && ids.has(generated), [...ids].join(', '));
    const text = lines.join('');
    assert.ok(!text.includes(apiKey.split('.')[1]!), 'the key secret is not logged');
    assert.ok(!text.includes('Diwali') && !text.includes('Pune'), 'the body is not logged');
    assert.ok(!/authorization/i.test(text), 'no authorization header is logged');
  });
});

describe('shutdown', () => {
  it('closing lets a request in flight finish, then refuses new connections and closes the database', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    let closedDb = false;
    const backend = await startBackend({
      wrapDb: (db): Db => ({
        ...db,
        query: async (sql, params) => {
          if (sql === 'SELECT 1') {
            entered();
            await held;
          }
          return db.query(sql, params);
        },
        close: () => ((closedDb = true), db.close()),
      }),
    });
    const origin = backend.baseUrl.replace(/\/api$/, '');
    const answer = fetch(`${origin}/ready`);
    await inFlight;
    const closing = backend.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(closedDb, false, 'the database stays open while a request runs');
    await assert.rejects(fetch(`${origin}/health`), 'no new connection is accepted');
    release();
    const response = await answer;
    assert.equal(response.status, 200, 'the request in flight got its answer');
    await closing;
    assert.equal(closedDb, true);
  });

  it(
    'on SIGTERM the process answers the request in flight, then exits 0',
    { timeout: 240_000 },
    async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/node/helpers/signal-child.ts'],
        {
          cwd: root,
          env: { ...process.env, HOLD_MS: '1500' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('listening')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      const origin = /listening (\S+)/.exec(stdout)![1]!.replace(/\/api$/, '');
      const exited = once(child, 'exit');
      const answer = fetch(`${origin}/ready`);
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('holding')) resolve();
        }),
      );
      child.kill('SIGTERM');
      const response = await answer;
      assert.equal(response.status, 200, 'the request in flight got its answer');
      const [code] = (await exited) as [number];
      assert.equal(code, 0);
    },
  );
});

describe('statement timeout', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL' }, () => {
  it('a statement running past STATEMENT_TIMEOUT_MS is cut off, in and out of a transaction', async () => {
    const db = openPostgres(process.env.DATABASE_URL!, { statementTimeoutMs: 100 });
    try {
      const started = Date.now();
      await assert.rejects(db.query('SELECT pg_sleep(20)'), { code: '57014' });
      await assert.rejects(
        db.transaction((tx) => tx.query('SELECT pg_sleep(20)')),
        { code: '57014' },
      );
      assert.ok(Date.now() - started < 10_000, `cut off after ${Date.now() - started} ms`);
      assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }], 'the pool still works');
    } finally {
      await db.close();
    }
  });
});
