/**
 * A PUT sent again with the same `Idempotency-Key` — the client never got the first answer — is
 * answered with the first result, not applied twice and not refused as `conflict`. Keys belong
 * to one store and one request; stored answers are pruned by age and count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEY_TTL_MS, MAX_KEYS_PER_STORE } from '../../server/idempotency.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

let backend: TestBackend;
let keyA: string;
let keyB: string;
let storeA: string;

const FILTER = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
};

async function send(
  apiKey: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${backend.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    replayed: response.headers.get('idempotent-replayed'),
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & {
      code?: string;
      issues?: { code: string }[];
    },
  };
}

async function newSegment(apiKey: string, name: string) {
  const created = await send(apiKey, 'POST', '/segments', {
    body: { name, type: 'filter', filter: FILTER },
  });
  assert.equal(created.status, 201);
  return created.body as { id: string; version: number };
}

const rename = (apiKey: string, id: string, name: string, version: number, key?: string) =>
  send(apiKey, 'PUT', `/segments/${id}`, {
    body: { name, type: 'filter', filter: FILTER },
    headers: { 'if-match': `"${version}"`, ...(key ? { 'idempotency-key': key } : {}) },
  });

before(async () => {
  backend = await startTestBackend({ server: Boolean(process.env.DATABASE_URL) });
  ({ apiKey: keyA, storeId: storeA } = await backend.newStore());
  ({ apiKey: keyB } = await backend.newStore());
});
after(() => backend?.close());

describe('Idempotency-Key on PUT /segments/{id}', () => {
  it('a PUT replayed with its key gets the first answer; the segment changed once', async () => {
    const segment = await newSegment(keyA, 'Pune buyers');
    const first = await rename(keyA, segment.id, 'Pune shoppers', 1, 'rename-1');
    assert.equal(first.status, 200);
    assert.equal(first.body.version, 2);
    assert.equal(first.replayed, null);

    const again = await rename(keyA, segment.id, 'Pune shoppers', 1, 'rename-1');
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, first.body);
    assert.equal(again.etag, '"2"');
    assert.equal(again.replayed, 'true');

    const now = await send(keyA, 'GET', `/segments/${segment.id}`);
    assert.equal(now.body.version, 2, 'applied once');
    assert.equal(now.body.name, 'Pune shoppers');

    const withoutKey = await rename(keyA, segment.id, 'Pune shoppers', 1);
    assert.equal(withoutKey.status, 409, 'without the key the same PUT is a conflict');
    assert.equal(withoutKey.body.code, 'conflict');
  });

  it('the same key for another segment is 422 key-reused and changes nothing', async () => {
    const one = await newSegment(keyA, 'Key one');
    const two = await newSegment(keyA, 'Key two');
    assert.equal((await rename(keyA, one.id, 'Key one, renamed', 1, 'shared-key')).status, 200);
    const reused = await rename(keyA, two.id, 'Key two, renamed', 1, 'shared-key');
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'invalid');
    assert.ok(reused.body.issues?.some((i) => i.code === 'key-reused'));
    assert.equal((await send(keyA, 'GET', `/segments/${two.id}`)).body.name, 'Key two');
  });

  it('a refused PUT is not remembered: the same key with a good version then applies', async () => {
    const segment = await newSegment(keyA, 'Stale first');
    const stale = await rename(keyA, segment.id, 'Stale, renamed', 7, 'retry-after-409');
    assert.equal(stale.status, 409);
    const good = await rename(keyA, segment.id, 'Stale, renamed', 1, 'retry-after-409');
    assert.equal(good.status, 200);
    assert.equal(good.body.version, 2);
  });

  it("keys are per store: another store's identical key is its own", async () => {
    const a = await newSegment(keyA, 'Isolated');
    const b = await newSegment(keyB, 'Isolated');
    assert.equal((await rename(keyA, a.id, 'Isolated A', 1, 'same-key')).status, 200);
    const other = await rename(keyB, b.id, 'Isolated B', 1, 'same-key');
    assert.equal(other.status, 200, 'not key-reused, not a replay of store A');
    assert.equal(other.body.name, 'Isolated B');
    assert.equal(other.replayed, null);
  });

  it('stored answers are pruned past their age and past the per-store cap', async () => {
    await backend.db.query(
      `INSERT INTO idempotency_keys (store_id, key, method, path, status, body, created_at)
       SELECT $1, 'old-' || n, 'PUT', '/segments/x', 200, '{}', now() - make_interval(secs => $2)
         FROM generate_series(1, 5) AS n`,
      [storeA, KEY_TTL_MS / 1000 + 60],
    );
    await backend.db.query(
      `INSERT INTO idempotency_keys (store_id, key, method, path, status, body, created_at)
       SELECT $1, 'bulk-' || n, 'PUT', '/segments/x', 200, '{}', now() - make_interval(secs => 3600 - n)
         FROM generate_series(1, $2::int) AS n`,
      [storeA, MAX_KEYS_PER_STORE],
    );
    const segment = await newSegment(keyA, 'Pruning');
    assert.equal((await rename(keyA, segment.id, 'Pruned', 1, 'newest')).status, 200);
    const keys = await backend.db.query<{ key: string }>(
      'SELECT key FROM idempotency_keys WHERE store_id = $1',
      [storeA],
    );
    assert.equal(keys.length, MAX_KEYS_PER_STORE);
    const names = new Set(keys.map((k) => k.key));
    assert.ok(names.has('newest'), 'the newest key is kept');
    assert.ok(![...names].some((k) => k.startsWith('old-')), 'expired keys are gone');
    assert.ok(!names.has('bulk-1'), 'the oldest of the rest went to make room');
    assert.ok(names.has(`bulk-${MAX_KEYS_PER_STORE}`));
  });

  it('an expired key is judged afresh', async () => {
    const segment = await newSegment(keyA, 'Expiring');
    assert.equal((await rename(keyA, segment.id, 'Expiring 2', 1, 'expiring')).status, 200);
    await backend.db.query(
      `UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $3)
        WHERE store_id = $1 AND key = $2`,
      [storeA, 'expiring', KEY_TTL_MS / 1000 + 1],
    );
    const late = await rename(keyA, segment.id, 'Expiring 2', 1, 'expiring');
    assert.equal(late.status, 409, 'no replay past the age limit');
  });
});
