import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kitSeed } from '../../src/testing/index.ts';
import { contractChecker } from './helpers/openapi-check.ts';
import { snapshotTables, startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * What a hostile or broken client may send the reference backend, sent raw over HTTP: each gets
 * the status and error code openapi.yaml documents, and leaves both stores exactly as they were
 * (every row of every table, and the stores' change counters).
 */

let backend: TestBackend;
let keyA: string;
let keyB: string;
let segmentA: { id: string; version: number };
let csvA: { id: string };
let segmentB: { id: string; version: number };
let csvB: { id: string };
const contract = contractChecker();

const FILTER = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Mumbai' }],
};

interface Sent {
  status: number;
  body: { code?: string; message?: string; issues?: { path: string; code: string }[] } & Record<
    string,
    unknown
  >;
}

async function send(
  method: string,
  path: string,
  options: {
    key?: string | null;
    body?: string;
    headers?: Record<string, string>;
    /** A route openapi.yaml does not have, so there is no answer to check against it. */
    undocumented?: boolean;
  } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? keyA : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const url = `${backend.baseUrl}${path}`;
  const response = await fetch(url, { method, headers, body: options.body });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!options.undocumented) {
    const problems = contract.checkResponse(method, url, response.status, text ? body : undefined);
    assert.deepEqual(problems, []);
  }
  return { status: response.status, body };
}

const snapshot = () => snapshotTables(backend.db);

async function expectRefused(
  what: string,
  request: () => Promise<Sent>,
  status: number,
  code: string,
  issue?: { path?: string; code?: string },
) {
  const before = await snapshot();
  const { status: got, body } = await request();
  assert.equal(got, status, `${what}: status (body ${JSON.stringify(body)})`);
  assert.equal(body.code, code, `${what}: code`);
  assert.ok(typeof body.message === 'string' && body.message, `${what}: a message`);
  if (issue) {
    assert.ok(
      body.issues?.some(
        (i) =>
          (issue.path === undefined || i.path === issue.path) &&
          (issue.code === undefined || i.code === issue.code),
      ),
      `${what}: issues ${JSON.stringify(body.issues)} should hold ${JSON.stringify(issue)}`,
    );
  }
  assert.equal(await snapshot(), before, `${what} changed the database`);
}

before(async () => {
  backend = await startTestBackend();
  const seed = kitSeed();
  seed.customers = seed.customers.slice(0, 60);
  const ids = new Set(seed.customers.map((c) => c.id));
  seed.orders = seed.orders.filter((o) => ids.has(o.customerId));
  keyA = (await backend.newStore(seed)).apiKey;
  keyB = (await backend.newStore(seed)).apiKey;
  const make = async (key: string, name: string, type: 'filter' | 'csv') => {
    const body =
      type === 'filter'
        ? { name, type, filter: FILTER }
        : {
            name,
            type,
            csv: {
              fileName: 'a.csv',
              phoneColumn: 'phone',
              emailColumn: 'email',
              accepted: 1,
              rejected: 0,
              duplicates: 0,
            },
          };
    const { status, body: segment } = await send('POST', '/segments', {
      key,
      body: JSON.stringify(body),
    });
    assert.equal(status, 201);
    return segment as unknown as { id: string; version: number };
  };
  segmentA = await make(keyA, 'Mumbai', 'filter');
  csvA = await make(keyA, 'Uploaded', 'csv');
  segmentB = await make(keyB, 'Mumbai', 'filter');
  csvB = await make(keyB, 'Uploaded', 'csv');
  const added = await send('POST', `/segments/${csvA.id}/members`, {
    body: JSON.stringify([{ email: 'first@example.in' }]),
    headers: { 'idempotency-key': 'batch-1' },
  });
  assert.deepEqual([added.status, added.body], [200, { added: 1 }]);
});
after(() => backend?.close());

describe('the reference backend refuses bad input and changes nothing', () => {
  it('malformed JSON', async () => {
    await expectRefused(
      'a body cut short',
      () => send('POST', '/segments', { body: '{"name": "Half", "type": "filter",' }),
      400,
      'invalid',
      { code: 'malformed-json' },
    );
    await expectRefused(
      'a body that is not JSON at all',
      () => send('POST', '/member-counts', { body: "filter=city:'Mumbai'" }),
      400,
      'invalid',
      { code: 'malformed-json' },
    );
  });

  it('a body that is not JSON by its media type', async () => {
    await expectRefused(
      'text/plain',
      () =>
        send('POST', '/segments', {
          body: JSON.stringify({ name: 'Plain', type: 'filter', filter: FILTER }),
          headers: { 'content-type': 'text/plain' },
        }),
      415,
      'invalid',
    );
  });

  it('an oversized body', async () => {
    const contacts = Array.from({ length: 9_500 }, (_, i) => ({
      email: `${'x'.repeat(240)}${i}@example.in`,
    }));
    const body = JSON.stringify(contacts);
    assert.ok(body.length > 2 << 20, 'the body is over 2 MiB');
    await expectRefused(
      'a 2+ MiB member batch',
      () =>
        send('POST', `/segments/${csvA.id}/members`, {
          body,
          headers: { 'idempotency-key': 'big' },
        }),
      413,
      'invalid',
      { code: 'too-large' },
    );
    const many = JSON.stringify(Array.from({ length: 10_001 }, () => ({ phone: '9' })));
    await expectRefused(
      'a batch of 10,001 contacts',
      () =>
        send('POST', `/segments/${csvA.id}/members`, {
          body: many,
          headers: { 'idempotency-key': 'many' },
        }),
      400,
      'invalid',
      { path: 'body', code: 'maxItems' },
    );
  });

  it('unknown fields, in the body, in a filter rule and in the query', async () => {
    await expectRefused(
      'a draft with a colour',
      () =>
        send('POST', '/segments', {
          body: JSON.stringify({ name: 'Red', type: 'filter', filter: FILTER, color: 'red' }),
        }),
      400,
      'invalid',
      { path: 'body.color', code: 'additionalProperties' },
    );
    await expectRefused(
      'a rule with extra SQL',
      () =>
        send('POST', '/member-counts', {
          body: JSON.stringify({
            filter: { ...FILTER, rules: [{ ...FILTER.rules[0], sql: '1=1' }] },
          }),
        }),
      400,
      'invalid',
    );
    await expectRefused(
      'a query parameter the API does not have',
      () => send('GET', '/segments?scope=store&admin=1'),
      400,
      'invalid',
      { path: 'query.admin' },
    );
    await expectRefused(
      'a number where the name belongs',
      () => send('POST', '/segments', { body: JSON.stringify({ name: 5, type: 'csv' }) }),
      400,
      'invalid',
      { path: 'body.name', code: 'type' },
    );
  });

  it('SQL-looking strings are data, never SQL', async () => {
    const injection = "Mumbai' OR '1'='1'; DROP TABLE customers; --";
    const before = await snapshot();
    const count = await send('POST', '/member-counts', {
      body: JSON.stringify({
        filter: {
          combinator: 'or',
          rules: [{ field: 'city', operator: 'equals', value: injection }],
        },
      }),
    });
    assert.deepEqual([count.status, count.body.count, count.body.total], [200, 0, 60]);
    const search = await send(
      'GET',
      `/segments?scope=store&search=${encodeURIComponent("%' OR 1=1 --")}`,
    );
    assert.deepEqual([search.status, search.body.total], [200, 0]);
    assert.equal(await snapshot(), before, 'reads with SQL-looking values changed the database');
    await expectRefused(
      'SQL as a field name',
      () =>
        send('POST', '/member-counts', {
          body: JSON.stringify({
            filter: {
              combinator: 'and',
              rules: [{ field: 'city" OR 1=1 --', operator: 'equals', value: 'x' }],
            },
          }),
        }),
      400,
      'invalid',
    );
    await expectRefused(
      'SQL as a segment id',
      () => send('GET', `/segments/${encodeURIComponent("x' OR '1'='1")}`),
      404,
      'not-found',
    );
    await expectRefused(
      'SQL as a cursor',
      () =>
        send(
          'GET',
          `/segments?scope=store&cursor=${encodeURIComponent("'; DROP TABLE segments; --")}`,
        ),
      400,
      'invalid',
      { path: 'cursor' },
    );
    // Stored as the seller typed it, and every table still there.
    const created = await send('POST', '/segments', {
      body: JSON.stringify({ name: injection, type: 'filter', filter: FILTER }),
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, injection);
    const [{ n }] = await backend.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers',
    );
    assert.equal(n, 120);
    assert.equal((await send('DELETE', `/segments/${created.body.id}`)).status, 204);
  });

  it('a filter 10,000 groups deep, and one just past the nesting limit', async () => {
    // Written as text: JSON.stringify itself cannot recurse 10,000 levels.
    const deep =
      '{"combinator":"and","rules":['.repeat(10_000) +
      JSON.stringify(FILTER.rules[0]) +
      ']}'.repeat(10_000);
    await expectRefused(
      'a filter 10,000 groups deep',
      () => send('POST', '/member-counts', { body: `{"filter":${deep}}` }),
      400,
      'invalid',
      { code: 'too-deep' },
    );
    await expectRefused(
      'creating a segment with it',
      () =>
        send('POST', '/segments', {
          body: `{"name":"Deep","type":"filter","filter":${deep}}`,
        }),
      400,
      'invalid',
      { code: 'too-deep' },
    );
    let six: unknown = FILTER;
    for (let i = 0; i < 5; i++) six = { combinator: 'or', rules: [six] };
    await expectRefused(
      'six nested groups',
      () =>
        send('POST', '/segments', {
          body: JSON.stringify({ name: 'Six', type: 'filter', filter: six }),
        }),
      400,
      'invalid',
    );
  });

  it('a wrong, malformed or missing If-Match', async () => {
    const draft = JSON.stringify({ name: 'Mumbai edited', type: 'filter', filter: FILTER });
    const path = `/segments/${segmentA.id}`;
    await expectRefused(
      'a stale version',
      () =>
        send('PUT', path, { body: draft, headers: { 'if-match': `"${segmentA.version + 5}"` } }),
      409,
      'conflict',
    );
    await expectRefused(
      'a version that is not a number',
      () => send('PUT', path, { body: draft, headers: { 'if-match': '"abc"' } }),
      400,
      'invalid',
      { path: 'header.if-match' },
    );
    await expectRefused('no If-Match', () => send('PUT', path, { body: draft }), 400, 'invalid', {
      path: 'header.if-match',
    });
  });

  it('an Idempotency-Key replayed with a different batch', async () => {
    const path = `/segments/${csvA.id}/members`;
    const headers = { 'idempotency-key': 'batch-1' };
    await expectRefused(
      'batch-1 with another contact',
      () => send('POST', path, { body: JSON.stringify([{ email: 'second@example.in' }]), headers }),
      422,
      'invalid',
      { path: 'Idempotency-Key', code: 'key-reused' },
    );
    const before = await snapshot();
    const replay = await send('POST', path, {
      body: JSON.stringify([{ email: 'first@example.in' }]),
      headers,
    });
    assert.deepEqual([replay.status, replay.body], [200, { added: 1 }], 'the same batch again');
    assert.equal(await snapshot(), before, 'a replayed batch changed the database');
    await expectRefused(
      'no Idempotency-Key',
      () => send('POST', path, { body: JSON.stringify([{ email: 'third@example.in' }]) }),
      400,
      'invalid',
      { path: 'header.idempotency-key' },
    );
  });

  it("another store's ids are not found, whatever the method", async () => {
    const draft = JSON.stringify({ name: 'Stolen', type: 'filter', filter: FILTER });
    const calls: [string, () => Promise<Sent>][] = [
      ['GET', () => send('GET', `/segments/${segmentB.id}`)],
      [
        'PUT',
        () =>
          send('PUT', `/segments/${segmentB.id}`, {
            body: draft,
            headers: { 'if-match': `"${segmentB.version}"` },
          }),
      ],
      ['DELETE', () => send('DELETE', `/segments/${segmentB.id}`)],
      ['duplicate', () => send('POST', `/segments/${segmentB.id}/duplicate`, { body: '{}' })],
      [
        'count',
        () => send('POST', '/member-counts', { body: JSON.stringify({ segmentId: csvB.id }) }),
      ],
      ['list members', () => send('GET', `/segments/${csvB.id}/members`)],
      [
        'add members',
        () =>
          send('POST', `/segments/${csvB.id}/members`, {
            body: JSON.stringify([{ email: 'spy@example.in' }]),
            headers: { 'idempotency-key': 'spy' },
          }),
      ],
    ];
    for (const [what, call] of calls)
      await expectRefused(`${what} of store B's segment`, call, 404, 'not-found');
    await expectRefused(
      "a filter naming store B's segment",
      () =>
        send('POST', '/member-counts', {
          body: JSON.stringify({
            filter: {
              combinator: 'and',
              rules: [{ field: 'segment', operator: 'in', value: [segmentB.id] }],
            },
          }),
        }),
      400,
      'invalid',
    );
    const listed = await send('GET', '/segments?scope=store&limit=200');
    const ids = (listed.body.items as { id: string }[]).map((s) => s.id);
    assert.ok(
      !ids.includes(segmentB.id) && !ids.includes(csvB.id),
      "store B's segments listed to A",
    );
  });

  it('no key, an unknown key, a key with the wrong secret', async () => {
    const [storeB] = keyB.split('.');
    for (const [what, key] of [
      ['no key', null],
      ['an unknown key', 'nobody.secret'],
      ["store B's id with A's secret", `${storeB}.${keyA.split('.')[1]}`],
      ['a key without a store', 'justasecret'],
    ] as const) {
      await expectRefused(
        what,
        () => send('GET', '/segments?scope=store', { key }),
        401,
        'unauthorized',
      );
      await expectRefused(
        `${what}, writing`,
        () => send('DELETE', `/segments/${segmentA.id}`, { key }),
        401,
        'unauthorized',
      );
    }
  });

  it('routes the API does not have', async () => {
    await expectRefused(
      'PATCH',
      () => send('PATCH', `/segments/${segmentA.id}`, { body: '{}', undocumented: true }),
      404,
      'not-found',
    );
  });
});
