/**
 * Every bad input is a documented 4xx `{ code, message }`, never a 5xx, and changes nothing: a
 * property test sends hostile values (NUL, lone surrogates, huge, negative and fractional
 * numbers, 2^53, 1e300, forged cursors that decode out of range) to every endpoint and
 * parameter of the reference backend; then the errors fastify and Node answer on their own
 * (a broken %-escape, an id too long, headers too large, bytes that are not HTTP, a body in
 * UTF-16, a client trickling its body, one connection too many) are checked for the same shape.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { kitSeed } from '../../src/testing/index.ts';
import { startBackend, type Backend } from '../../server/backend.ts';
import { createStore } from '../../server/stores.ts';
import { contractChecker } from './helpers/openapi-check.ts';
import { snapshotTables, startTestBackend, type TestBackend } from './helpers/rest-backend.ts';
import { checkAsyncProperty } from './helpers/seeds.ts';

let backend: TestBackend;
let key: string;
let filterId: string;
let csvId: string;
const contract = contractChecker();

const snapshot = () => snapshotTables(backend.db);

interface Request {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

async function send(request: Request) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  const url = `${backend.baseUrl}${request.path}`;
  const response = await fetch(url, { method: request.method, headers, body: request.body });
  const text = await response.text();
  return { url, status: response.status, text };
}

/** The request is refused with a documented 4xx and a coded body, and no row changed. */
async function assertRefused(request: Request, what: string) {
  const before = await snapshot();
  const { url, status, text } = await send(request);
  assert.ok(status >= 400 && status < 500, `${what}: ${status} ${text}`);
  const body = JSON.parse(text) as { code?: unknown; message?: unknown };
  assert.equal(typeof body.code, 'string', `${what}: a code`);
  assert.ok(typeof body.message === 'string' && body.message, `${what}: a message`);
  assert.deepEqual(contract.checkResponse(request.method, url, status, body), [], what);
  assert.equal(await snapshot(), before, `${what} changed the database`);
}

/** encodeURIComponent, with a lone surrogate sent as the bytes a careless client would send. */
const enc = (text: string) =>
  text
    .split(/([\ud800-\udfff])/)
    .map((part) =>
      /^[\ud800-\udfff]$/.test(part)
        ? `%${[0xed, 0xa0 | ((part.charCodeAt(0) >> 6) & 0x1f), 0x80 | (part.charCodeAt(0) & 0x3f)]
            .map((b) => b.toString(16).toUpperCase())
            .join('%')}`
        : encodeURIComponent(part),
    )
    .join('');

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Text no column can hold. */
const badText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', 'नाम\u0000'),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud83d', '\ude00'))
    .map(([text, bad]) => text + bad),
);

/** Numbers no counter may hold. */
const badNumber = fc.constantFrom(
  '-1',
  '1.5',
  '9007199254740992',
  '1e300',
  '-1e300',
  '1e21',
  '"7"',
  'null',
);

/** Spend amounts a rule cannot compare with (a negative or fractional amount is a fair question). */
const badSpend = fc.constantFrom('9007199254740992', '1e300', '-1e300', 'null', '{}');

/** Cursors that decode, but to positions out of range or of the wrong kind. */
const forgedCursor = fc.oneof(
  fc.constantFrom(
    b64({ p: 2 ** 31 }),
    b64({ p: 1e300 }),
    b64({ k: '\u0000', i: 'x' }),
    b64({ k: 5, i: [] }),
    b64({ a: 2 ** 31 }),
    b64({ a: 1e30 }),
    b64({ a: '\u0000' }),
    b64({ a: -1 }),
    b64({ t: { rank: 2 ** 31, spent: '1', createdAt: '2024-01-01T00:00:00Z', id: 'c' } }),
    b64({ t: { rank: 1, spent: '1'.repeat(40), createdAt: '2024-01-01T00:00:00Z', id: 'c' } }),
    b64({ t: { rank: 1, spent: '1', createdAt: '1', id: 'c' } }),
    b64({ t: { rank: 1, spent: '1', createdAt: '2024-01-01T00:00:00Z', id: '\u0000' } }),
    'm' + '9'.repeat(40),
    '%00',
    '!!!',
  ),
  fc.string({ minLength: 1, maxLength: 60 }),
);

const filterWith = (rules: unknown[]) => ({ combinator: 'and', rules });
const csvSummary = (patch: Record<string, unknown> = {}) => ({
  fileName: 'a.csv',
  phoneColumn: 'phone',
  emailColumn: 'email',
  accepted: 1,
  rejected: 0,
  duplicates: 0,
  ...patch,
});
/** JSON text with `raw` spliced in verbatim as the value of a placeholder (numbers such as 1e300). */
const withRaw = (value: unknown, raw: string) => JSON.stringify(value).replace('"__RAW__"', raw);

/** Every endpoint and parameter, each as a way to carry one hostile text value. */
const textTargets: [string, (v: string) => Request][] = [
  ['search', (v) => ({ method: 'GET', path: `/segments?scope=store&search=${enc(v)}` })],
  ['path id (get)', (v) => ({ method: 'GET', path: `/segments/${enc(v)}` })],
  [
    'path id (put)',
    (v) => ({
      method: 'PUT',
      path: `/segments/${enc(v)}`,
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ name: 'x', type: 'filter', filter: filterWith([]) }),
    }),
  ],
  ['path id (delete)', (v) => ({ method: 'DELETE', path: `/segments/${enc(v)}` })],
  ['path id (duplicate)', (v) => ({ method: 'POST', path: `/segments/${enc(v)}/duplicate` })],
  ['path id (members)', (v) => ({ method: 'GET', path: `/segments/${enc(v)}/members` })],
  [
    'create name',
    (v) => ({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify({
        name: v,
        type: 'filter',
        filter: filterWith([{ field: 'city', operator: 'equals', value: 'Pune' }]),
      }),
    }),
  ],
  [
    'update name',
    (v) => ({
      method: 'PUT',
      path: `/segments/${filterId}`,
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({
        name: v,
        type: 'filter',
        filter: filterWith([{ field: 'city', operator: 'equals', value: 'Pune' }]),
      }),
    }),
  ],
  [
    'duplicate name',
    (v) => ({
      method: 'POST',
      path: `/segments/${filterId}/duplicate`,
      body: JSON.stringify({ name: v }),
    }),
  ],
  [
    'csv.fileName',
    (v) => ({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify({ name: 'Uploaded 2', type: 'csv', csv: csvSummary({ fileName: v }) }),
    }),
  ],
  [
    'rule value',
    (v) => ({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify({
        name: 'City',
        type: 'filter',
        filter: filterWith([{ field: 'city', operator: 'equals', value: v }]),
      }),
    }),
  ],
  [
    'segment id inside a rule',
    (v) => ({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify({
        name: 'Nested',
        type: 'filter',
        filter: filterWith([{ field: 'segment', operator: 'in', value: [v] }]),
      }),
    }),
  ],
  [
    "count's segmentId",
    (v) => ({ method: 'POST', path: '/member-counts', body: JSON.stringify({ segmentId: v }) }),
  ],
  [
    'count filter with a segment rule',
    (v) => ({
      method: 'POST',
      path: '/member-counts',
      body: JSON.stringify({
        filter: filterWith([{ field: 'segment', operator: 'in', value: [v] }]),
      }),
    }),
  ],
  [
    'batch email',
    (v) => ({
      method: 'POST',
      path: `/segments/${csvId}/members`,
      headers: { 'idempotency-key': 'hostile-batch' },
      body: JSON.stringify([{ email: `${v}@example.com` }]),
    }),
  ],
  [
    'batch phone',
    (v) => ({
      method: 'POST',
      path: `/segments/${csvId}/members`,
      headers: { 'idempotency-key': 'hostile-batch-2' },
      body: JSON.stringify([{ phone: `98765${v}43210` }]),
    }),
  ],
  [
    'JSON key',
    (v) => ({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify({ name: 'Keyed', type: 'filter', [v]: 1 }),
    }),
  ],
];

const numberTargets: [string, (raw: string) => Request][] = [
  ['limit', (raw) => ({ method: 'GET', path: `/segments?scope=store&limit=${enc(raw)}` })],
  [
    'members limit',
    (raw) => ({
      method: 'GET',
      path: `/segments/${csvId}/members?limit=${enc(raw)}`,
    }),
  ],
  ...(['accepted', 'rejected', 'duplicates'] as const).map(
    (field): [string, (raw: string) => Request] => [
      `csv.${field}`,
      (raw) => ({
        method: 'POST',
        path: '/segments',
        body: withRaw(
          { name: 'Counted', type: 'csv', csv: csvSummary({ [field]: '__RAW__' }) },
          raw,
        ),
      }),
    ],
  ),
  [
    'If-Match',
    (raw) => ({
      method: 'PUT',
      path: `/segments/${filterId}`,
      headers: { 'if-match': `"${raw}"` },
      body: JSON.stringify({
        name: 'Renamed',
        type: 'filter',
        filter: filterWith([{ field: 'city', operator: 'equals', value: 'Pune' }]),
      }),
    }),
  ],
  [
    'spend in a rule',
    (raw) => ({
      method: 'POST',
      path: '/member-counts',
      body: withRaw(
        { filter: filterWith([{ field: 'totalSpent', operator: 'gt', value: '__RAW__' }]) },
        raw,
      ),
    }),
  ],
];

const cursorTargets: [string, (c: string) => Request][] = [
  ['list cursor', (c) => ({ method: 'GET', path: `/segments?scope=store&cursor=${enc(c)}` })],
  [
    'CSV members cursor',
    (c) => ({ method: 'GET', path: `/segments/${csvId}/members?cursor=${enc(c)}` }),
  ],
  [
    'filter members cursor',
    (c) => ({
      method: 'GET',
      path: `/segments/${filterId}/members?cursor=${enc(c)}`,
    }),
  ],
  [
    'Top-N members cursor',
    (c) => ({
      method: 'GET',
      path: `/segments/predefined-top-10/members?cursor=${enc(c)}`,
    }),
  ],
];

before(async () => {
  backend = await startTestBackend({ server: Boolean(process.env.DATABASE_URL) });
  const seed = kitSeed();
  seed.customers = seed.customers.slice(0, 40);
  const ids = new Set(seed.customers.map((c) => c.id));
  seed.orders = seed.orders.filter((o) => ids.has(o.customerId));
  key = (await backend.newStore(seed)).apiKey;
  const make = async (body: unknown) => {
    const { status, text } = await send({
      method: 'POST',
      path: '/segments',
      body: JSON.stringify(body),
    });
    assert.equal(status, 201, text);
    return (JSON.parse(text) as { id: string }).id;
  };
  filterId = await make({
    name: 'Pune',
    type: 'filter',
    filter: filterWith([{ field: 'city', operator: 'equals', value: 'Pune' }]),
  });
  csvId = await make({ name: 'Uploaded', type: 'csv', csv: csvSummary() });
  const added = await send({
    method: 'POST',
    path: `/segments/${csvId}/members`,
    headers: { 'idempotency-key': 'first' },
    body: JSON.stringify([{ email: 'a@example.com' }, { phone: '+919876543210' }]),
  });
  assert.equal(added.status, 200, added.text);
});

after(() => backend?.close());

describe('hostile values at every endpoint and parameter', () => {
  it('each is a documented 4xx { code, message } and leaves every table as it was', async () => {
    const seenTargets = new Set<string>();
    await checkAsyncProperty(
      fc.asyncProperty(
        fc.oneof(
          fc
            .tuple(fc.constantFrom(...textTargets), badText)
            .map(([[name, make], v]) => [name, make(v)] as const),
          fc
            .tuple(fc.constantFrom(...numberTargets), badNumber, badSpend)
            .map(
              ([[name, make], v, spend]) =>
                [name, make(name.includes('spend') ? spend : v)] as const,
            ),
          fc
            .tuple(fc.constantFrom(...cursorTargets), forgedCursor)
            .map(([[name, make], v]) => [name, make(v)] as const),
        ),
        async ([name, request]) => {
          seenTargets.add(name);
          await assertRefused(request, `${name}: ${request.method} ${request.path}`);
        },
      ),
      { numRuns: 120 },
    );
    // Every target was tried at least once across both seeds' runs.
    for (const [name] of [...textTargets, ...numberTargets, ...cursorTargets]) {
      if (!seenTargets.has(name)) {
        const [, make] = [...textTargets, ...numberTargets, ...cursorTargets].find(
          ([n]) => n === name,
        )!;
        await assertRefused(
          (make as (v: string) => Request)(
            name.includes('cursor') ? b64({ a: 2 ** 31 }) : '\u0000',
          ),
          name,
        );
      }
    }
  });

  it('csv.accepted of 1e300 or 2^53 is 400 invalid, so no list can be broken by one', async () => {
    for (const raw of ['1e300', '9007199254740992']) {
      const request = numberTargets.find(([n]) => n === 'csv.accepted')![1](raw);
      const { status, text } = await send(request);
      assert.equal(status, 400, text);
      assert.equal((JSON.parse(text) as { code: string }).code, 'invalid');
    }
    const largest = await send(
      numberTargets.find(([n]) => n === 'csv.accepted')![1]('9007199254740991'),
    );
    assert.equal(largest.status, 201, 'the largest safe integer is still accepted');
    const listed = await send({ method: 'GET', path: '/segments?scope=store&limit=200' });
    assert.equal(listed.status, 200);
  });

  it('odd content types: only UTF-8 JSON is read', async () => {
    const body = JSON.stringify({ name: 'Typed', type: 'csv', csv: csvSummary() });
    for (const type of [
      'application/json; charset=utf-16',
      'application/json; charset=UTF-16LE',
      'application/json;charset="iso-8859-1"',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const before = await snapshot();
      const { url, status, text } = await send({
        method: 'POST',
        path: '/segments',
        body,
        headers: { 'content-type': type },
      });
      assert.equal(status, 415, `${type}: ${text}`);
      const parsed = JSON.parse(text) as { code: string; message: string };
      assert.equal(parsed.code, 'invalid');
      assert.deepEqual(contract.checkResponse('POST', url, status, parsed), [], type);
      assert.equal(await snapshot(), before, type);
    }
    const utf8 = await send({
      method: 'POST',
      path: '/segments',
      body,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    assert.equal(utf8.status, 201, 'charset=UTF-8 is read');
  });
});

describe("fastify's and Node's own errors", () => {
  it('a broken %-escape is 400 and an id over 200 characters is 414, both coded', async () => {
    const bad = await send({ method: 'GET', path: '/segments/%E0%A4' });
    assert.equal(bad.status, 400, bad.text);
    assert.equal((JSON.parse(bad.text) as { code: string }).code, 'invalid');
    const long = await send({ method: 'GET', path: `/segments/${'a'.repeat(201)}` });
    assert.equal(long.status, 414, long.text);
    assert.equal((JSON.parse(long.text) as { code: string }).code, 'invalid');
    assert.deepEqual(contract.checkResponse('GET', long.url, 414, JSON.parse(long.text)), []);
    const fits = await send({ method: 'GET', path: `/segments/${'a'.repeat(200)}` });
    assert.equal(fits.status, 404, 'an id of 200 characters is looked up');
  });

  it('headers over the limit are 431 and bytes that are not HTTP 400, each with a JSON body', async () => {
    const { port } = new URL(backend.baseUrl);
    const big = await raw(
      Number(port),
      `GET /api/segments HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.deepEqual(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)), {
      code: 'invalid',
      message: 'The request headers are larger than this server accepts.',
    });
    const garbage = await raw(Number(port), 'HELLO\u0000 THERE\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal(
      (JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)) as { code: string }).code,
      'invalid',
    );
  });
});

describe('timeouts and the connection cap', () => {
  let small: Backend;
  let smallKey: string;
  before(async () => {
    small = await startBackend({ requestTimeoutMs: 600, headersTimeoutMs: 300, maxConnections: 3 });
    smallKey = (await createStore(small.db, { storeId: 'slow-client' })).apiKey;
  });
  after(() => small?.close());

  it('a client trickling its body is cut off with 408 near the request timeout', async () => {
    const { port } = new URL(small.baseUrl);
    const socket = await open(Number(port));
    const started = Date.now();
    socket.write(
      `POST /api/segments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${smallKey}\r\n` +
        'Content-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{',
    );
    const timer = setInterval(() => socket.writable && socket.write(' '), 100);
    try {
      const answer = await readAll(socket);
      const took = Date.now() - started;
      assert.match(answer, /^HTTP\/1\.1 408 /, answer);
      assert.ok(took < 5_000, `cut off after ${took} ms`);
    } finally {
      clearInterval(timer);
      socket.destroy();
    }
  });

  it('connections past the cap are closed at once; those within it are served', async () => {
    const { port } = new URL(small.baseUrl);
    const held = await Promise.all([1, 2, 3].map(() => open(Number(port))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const extra = await open(Number(port));
      const answer = await readAll(extra);
      assert.equal(answer, '', 'the connection past the cap was closed without an answer');
    } finally {
      held.forEach((socket) => socket.destroy());
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await fetch(`${small.baseUrl.replace(/\/api$/, '')}/health`);
    assert.equal(health.status, 200, 'served again once connections closed');
  });
});

// ---- helpers ----

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('close', () => resolve(text));
    socket.once('error', () => resolve(text));
  });
}

async function raw(port: number, request: string): Promise<string> {
  const socket = await open(port);
  const answer = readAll(socket);
  socket.write(request);
  return answer;
}
