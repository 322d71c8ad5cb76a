import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestAdapter, SEGMENTS_CHANGED, type Segment } from '../../src/core.ts';
import {
  SEGMENT as SAMPLE_SEGMENT,
  adapterWith,
  fakeFetch,
  json,
  rejection,
  type Call,
} from './helpers/fake-fetch.ts';

/**
 * The RestAdapter against fake fetches: what it sends, what it retries and what it does not,
 * timeouts, aborts and how every kind of failure becomes a SegmentError code. (Against the real
 * backend it runs the conformance kit: rest-conformance.test.ts.)
 */

type Answer = Response | Error | ((call: Call, signal: AbortSignal) => Promise<Response>);

/** A fetch that answers from a script, one entry per call, and records every call. */
const scripted = (...answers: Answer[]) =>
  fakeFetch((call, n, signal) => {
    const answer = answers[n - 1];
    if (answer === undefined) throw new Error(`unexpected call ${n}: ${call.url}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(call, signal!);
    return answer;
  });

/** An id no URL can carry as it is. */
const SEGMENT: Segment = { ...SAMPLE_SEGMENT, id: 'seg 1?&α#' };

/**
 * The backoff waits (ms) `call` asks for between attempts, each skipped so the test runs at once.
 * Longer timers (the per-attempt timeout, 15 s by default) are left as they are.
 */
async function backoffWaits(call: () => Promise<unknown>): Promise<number[]> {
  const waits: number[] = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    if (ms !== undefined && ms < 15_000) waits.push(ms);
    return realSetTimeout(fn, ms !== undefined && ms < 15_000 ? 0 : ms);
  }) as typeof setTimeout;
  try {
    await call();
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  return waits;
}

describe('RestAdapter requests', () => {
  it('speaks the paths, methods, headers and bodies of openapi.yaml', async () => {
    const draft = { name: 'Mumbai VIPs', type: 'filter' as const, filter: SEGMENT.filter };
    const { fetch, calls } = scripted(
      json(200, { items: [SEGMENT], total: 1 }),
      json(201, SEGMENT),
      json(200, { ...SEGMENT, version: 4 }),
      new Response(null, { status: 204 }),
      json(201, SEGMENT),
      json(200, { count: 2, total: 9 }),
      json(200, { items: [], total: 0 }),
      json(200, { added: 1 }),
    );
    const adapter = adapterWith(fetch);
    await adapter.listSegments({ scope: 'store', search: 'a b&c', cursor: 'Zz-_', limit: 5 });
    await adapter.createSegment(draft);
    await adapter.updateSegment(SEGMENT.id, draft, { expectedVersion: 3 });
    await adapter.deleteSegment(SEGMENT.id);
    await adapter.duplicateSegment(SEGMENT.id, { name: 'Copy' });
    await adapter.countMembers({ segmentId: SEGMENT.id });
    await adapter.listMembers(SEGMENT.id, { limit: 7 });
    await adapter.addMembers(SEGMENT.id, [{ email: 'a@b.in' }], { batchId: 'batch-1' });

    const base = 'https://admin.example.in/api';
    const id = encodeURIComponent(SEGMENT.id);
    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.url}`),
      [
        `GET ${base}/segments?scope=store&search=a+b%26c&cursor=Zz-_&limit=5`,
        `POST ${base}/segments`,
        `PUT ${base}/segments/${id}`,
        `DELETE ${base}/segments/${id}`,
        `POST ${base}/segments/${id}/duplicate`,
        `POST ${base}/member-counts`,
        `GET ${base}/segments/${id}/members?limit=7`,
        `POST ${base}/segments/${id}/members`,
      ],
    );
    for (const call of calls) assert.equal(call.headers.get('authorization'), 'Bearer k1');
    assert.deepEqual(calls[1]!.body, draft);
    assert.equal(calls[2]!.headers.get('if-match'), '"3"');
    assert.deepEqual(calls[4]!.body, { name: 'Copy' });
    assert.deepEqual(calls[5]!.body, { segmentId: SEGMENT.id });
    assert.equal(calls[7]!.headers.get('idempotency-key'), 'batch-1');
    assert.deepEqual(calls[7]!.body, [{ email: 'a@b.in' }]);
    assert.equal(calls[1]!.headers.get('content-type'), 'application/json');
    assert.equal(calls[0]!.body, undefined);
  });

  it('asks a headers function before every request (a token that rotates)', async () => {
    const { fetch, calls } = scripted(json(200, SEGMENT), json(200, SEGMENT));
    let token = 0;
    const adapter = new RestAdapter({
      baseUrl: 'http://h/api',
      fetch,
      headers: async () => ({ authorization: `Bearer t${++token}` }),
    });
    await adapter.getSegment('a');
    await adapter.getSegment('a');
    assert.deepEqual(
      calls.map((c) => c.headers.get('authorization')),
      ['Bearer t1', 'Bearer t2'],
    );
  });

  it('maps answers to the model and drops fields the model does not have', async () => {
    const customer = {
      id: 'c1',
      createdAt: '2025-01-01T00:00:00.000Z',
      ordersCount: 2,
      totalSpent: 150_000,
      phone: '+919876543210',
      tags: ['vip'],
      spendRank: 4,
      internalScore: 99,
      email: null,
    };
    const { fetch } = scripted(
      json(200, { ...SEGMENT, shard: 7 }),
      json(200, { items: [customer], total: 1, next: 'n2' }),
    );
    const adapter = adapterWith(fetch);
    assert.deepEqual(await adapter.getSegment(SEGMENT.id), SEGMENT);
    assert.deepEqual(await adapter.listMembers(SEGMENT.id, {}), {
      items: [
        {
          id: 'c1',
          createdAt: '2025-01-01T00:00:00.000Z',
          ordersCount: 2,
          totalSpent: 150_000,
          phone: '+919876543210',
          tags: ['vip'],
          spendRank: 4,
        },
      ],
      total: 1,
      next: 'n2',
    });
  });

  it('keeps every field of a CSV segment and of a complete customer', async () => {
    const csvSegment: Segment = {
      ...SEGMENT,
      type: 'csv',
      filter: undefined,
      csv: {
        fileName: 'diwali.csv',
        phoneColumn: 'Mobile Number',
        emailColumn: 'E-mail',
        accepted: 7,
        rejected: 2,
        duplicates: 1,
      },
      memberCount: null,
    };
    delete csvSegment.filter;
    const customer = {
      id: 'c9',
      name: 'Ananya Iyer',
      email: 'ananya@example.in',
      phone: '+919812345678',
      createdAt: '2024-02-29T18:30:00.000Z',
      city: 'Chennai',
      state: 'Tamil Nadu',
      tags: [],
      acceptsMarketing: false,
      ordersCount: 3,
      totalSpent: 0,
      firstOrderAt: '2024-03-01T10:00:00.000Z',
      lastOrderAt: '2025-12-31T23:59:59.999Z',
      spendRank: 1,
    };
    const { fetch } = scripted(
      json(200, { items: [csvSegment], total: 41, next: 'p2' }),
      json(200, { items: [customer], total: 1 }),
    );
    const adapter = adapterWith(fetch);
    assert.deepEqual(await adapter.listSegments({ scope: 'store' }), {
      items: [csvSegment],
      total: 41,
      next: 'p2',
    });
    assert.deepEqual(await adapter.listMembers('s', {}), { items: [customer], total: 1 });
  });

  it('refuses an answer that is not the contract as unavailable', async () => {
    const bad: unknown[] = [
      { ...SEGMENT, memberCount: '12' },
      { ...SEGMENT, version: undefined },
      { ...SEGMENT, type: 'smart' },
      { ...SEGMENT, createdAt: 'yesterday' },
      [SEGMENT],
    ];
    for (const body of bad) {
      const { fetch } = scripted(json(200, body));
      const error = await rejection(adapterWith(fetch).getSegment('x'));
      assert.equal(error.code, 'unavailable', JSON.stringify(body));
    }
    const { fetch } = scripted(new Response('<html>ok</html>', { status: 200 }));
    assert.equal((await rejection(adapterWith(fetch).getSegment('x'))).code, 'unavailable');
    const counts = scripted(json(200, { count: -1, total: 3 }));
    assert.equal(
      (await rejection(adapterWith(counts.fetch).countMembers({ segmentId: 'x' }))).code,
      'unavailable',
    );
    // A batch whose contacts were all members already adds none; a count that is not a whole
    // number of contacts is not an answer.
    const none = scripted(json(200, { added: 0 }));
    assert.deepEqual(
      await adapterWith(none.fetch).addMembers('s', [{ email: 'a@b.in' }], { batchId: 'b' }),
      { added: 0 },
    );
    for (const added of [-1, 1.5, '3', null]) {
      const { fetch } = scripted(json(200, { added }));
      const call = adapterWith(fetch).addMembers('s', [{ email: 'a@b.in' }], { batchId: 'b' });
      assert.equal((await rejection(call)).code, 'unavailable', JSON.stringify(added));
    }
  });
});

describe('RestAdapter.countHistory', () => {
  it('asks GET /segments/{id}/history?days=N and reads the points', async () => {
    const points = [
      { date: '2026-02-28', count: 4 },
      { date: '2026-03-01', count: 5 },
    ];
    const { fetch, calls } = scripted(json(200, { points }));
    assert.deepEqual(await adapterWith(fetch).countHistory('seg 1?&α#', { days: 2 }), points);
    assert.equal(calls[0]!.method, 'GET');
    assert.equal(
      calls[0]!.url,
      'https://admin.example.in/api/segments/seg%201%3F%26%CE%B1%23/history?days=2',
    );
  });

  it('refuses days outside 1–366 before any request', async () => {
    const { fetch, calls } = scripted();
    for (const days of [0, 367, 2.5, Number.NaN]) {
      const error = await rejection(adapterWith(fetch).countHistory('s', { days }));
      assert.equal(error.code, 'invalid', String(days));
    }
    assert.equal(calls.length, 0);
  });

  it('refuses points that are not calendar days in rising order as unavailable', async () => {
    const bad: unknown[] = [
      [],
      { points: [{ date: '2026-03-01', count: -1 }] },
      { points: [{ date: '2026-02-30', count: 1 }] },
      { points: [{ date: '2026-03-01T00:00:00Z', count: 1 }] },
      {
        points: [
          { date: '2026-03-02', count: 1 },
          { date: '2026-03-01', count: 1 },
        ],
      },
      {
        points: [
          { date: '2026-03-01', count: 1 },
          { date: '2026-03-01', count: 2 },
        ],
      },
    ];
    for (const body of bad) {
      const { fetch } = scripted(json(200, body));
      const error = await rejection(adapterWith(fetch).countHistory('s', { days: 7 }));
      assert.equal(error.code, 'unavailable', JSON.stringify(body));
    }
  });
});

describe('RestAdapter errors', () => {
  it('takes the code, message and issues from an error body', async () => {
    const issues = [{ path: 'name', code: 'required', message: 'Enter a name.' }];
    const { fetch } = scripted(
      json(400, { code: 'invalid', message: 'Enter a name.', issues }),
      json(409, { code: 'name-taken', message: 'Taken.' }),
      json(409, { code: 'conflict', message: 'Changed elsewhere.' }),
      json(403, { code: 'read-only', message: 'Predefined.' }),
      json(404, { code: 'not-found', message: 'Gone.' }),
      json(401, { code: 'unauthorized', message: 'Key?' }),
    );
    const adapter = adapterWith(fetch);
    const draft = { name: '', type: 'csv' as const };
    const invalid = await rejection(adapter.createSegment(draft));
    assert.deepEqual(
      [invalid.code, invalid.message, invalid.issues],
      ['invalid', 'Enter a name.', issues],
    );
    assert.equal((await rejection(adapter.createSegment(draft))).code, 'name-taken');
    const conflict = await rejection(adapter.updateSegment('s', draft, { expectedVersion: 1 }));
    assert.deepEqual([conflict.code, conflict.message], ['conflict', 'Changed elsewhere.']);
    assert.equal((await rejection(adapter.deleteSegment('s'))).code, 'read-only');
    assert.equal((await rejection(adapter.getSegment('s'))).code, 'not-found');
    assert.equal((await rejection(adapter.getSegment('s'))).code, 'unauthorized');
  });

  it('falls back on the status when the body has no known code', async () => {
    const cases: [number, string][] = [
      [400, 'invalid'],
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'not-found'],
      [409, 'conflict'],
      [412, 'conflict'],
      [413, 'invalid'],
      [422, 'invalid'],
      [429, 'unavailable'],
      [500, 'unavailable'],
    ];
    for (const [status, code] of cases) {
      const { fetch } = scripted(
        new Response(status % 2 ? '<h1>Error</h1>' : JSON.stringify({ code: 'teapot' }), {
          status,
        }),
      );
      const error = await rejection(adapterWith(fetch).createSegment({ name: 'x', type: 'csv' }));
      assert.equal(error.code, code, `status ${status}`);
      if (code === 'invalid') assert.ok(error.issues.length > 0, 'invalid always lists an issue');
    }
  });

  it('a network failure is unavailable, with the cause kept', async () => {
    const down = new TypeError('fetch failed');
    const { fetch } = scripted(down);
    const error = await rejection(adapterWith(fetch).createSegment({ name: 'x', type: 'csv' }));
    assert.equal(error.code, 'unavailable');
    assert.equal(error.cause, down);
  });
});

describe('RestAdapter retries', () => {
  it('retries reads on network errors and 502/503/504, then succeeds', async () => {
    const { fetch, calls } = scripted(
      new TypeError('fetch failed'),
      json(503, { code: 'unavailable', message: 'busy' }),
      new Response('bad gateway', { status: 502 }),
      json(200, SEGMENT),
    );
    const adapter = adapterWith(fetch, { retry: { attempts: 4, baseDelayMs: 0 } });
    assert.deepEqual(await adapter.getSegment('s'), SEGMENT);
    assert.equal(calls.length, 4);
  });

  it('gives up after the attempts it was given, with the last error', async () => {
    const { fetch, calls } = scripted(
      json(504, { code: 'unavailable', message: 'one' }),
      json(503, { code: 'unavailable', message: 'two' }),
      json(503, { code: 'unavailable', message: 'three' }),
    );
    const error = await rejection(adapterWith(fetch).listSegments({ scope: 'store' }));
    assert.deepEqual([error.code, error.message, calls.length], ['unavailable', 'three', 3]);
  });

  it('never retries a plain POST (create, duplicate) or a DELETE', async () => {
    for (const call of [
      (a: RestAdapter) => a.createSegment({ name: 'x', type: 'csv' }),
      (a: RestAdapter) => a.duplicateSegment('s'),
      (a: RestAdapter) => a.deleteSegment('s'),
    ]) {
      const { fetch, calls } = scripted(
        json(503, { code: 'unavailable', message: 'busy' }),
        json(201, SEGMENT),
      );
      assert.equal((await rejection(call(adapterWith(fetch)))).code, 'unavailable');
      assert.equal(calls.length, 1);
      const network = scripted(new TypeError('fetch failed'), json(201, SEGMENT));
      assert.equal((await rejection(call(adapterWith(network.fetch)))).code, 'unavailable');
      assert.equal(network.calls.length, 1);
    }
  });

  it('retries an update with its If-Match and a batch with its Idempotency-Key, unchanged', async () => {
    const { fetch, calls } = scripted(
      new TypeError('fetch failed'),
      json(200, { ...SEGMENT, version: 4 }),
      json(503, { code: 'unavailable', message: 'busy' }),
      json(200, { added: 2 }),
      new TypeError('fetch failed'),
      json(200, { count: 1, total: 2 }),
    );
    const adapter = adapterWith(fetch);
    const draft = { name: 'n', type: 'filter' as const, filter: SEGMENT.filter };
    await adapter.updateSegment('s', draft, { expectedVersion: 3 });
    await adapter.addMembers('s', [{ phone: '98765 43210' }, { email: 'x@y.in' }], {
      batchId: 'b7',
    });
    await adapter.countMembers({ filter: SEGMENT.filter! });
    assert.equal(calls.length, 6);
    assert.deepEqual(calls[0], calls[1]);
    assert.equal(calls[1]!.headers.get('if-match'), '"3"');
    assert.deepEqual(calls[2], calls[3]);
    assert.equal(calls[3]!.headers.get('idempotency-key'), 'b7');
    assert.deepEqual(calls[4], calls[5]);
  });

  it('does not retry answers that will not change: 400, 404, 409, 500', async () => {
    for (const status of [400, 404, 409, 500]) {
      const { fetch, calls } = scripted(
        json(status, { code: 'invalid', message: 'no' }),
        json(200, SEGMENT),
      );
      await rejection(adapterWith(fetch).getSegment('s'));
      assert.equal(calls.length, 1, `status ${status}`);
    }
  });

  it('waits a random time under an exponential bound between attempts (full jitter)', async () => {
    const { fetch } = scripted(
      new TypeError('down'),
      new TypeError('down'),
      new TypeError('down'),
      json(200, SEGMENT),
    );
    const adapter = new RestAdapter({
      baseUrl: 'http://h/api',
      fetch,
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 300, random: () => 0.5 },
    });
    const waits = await backoffWaits(() => adapter.getSegment('s'));
    // Bounds 100, 200, 400 → capped at 300; half of each with random() = 0.5.
    assert.deepEqual(waits, [50, 100, 150]);
  });

  it('waits at least what Retry-After asks (in seconds), within the cap', async () => {
    const { fetch } = scripted(
      json(503, { code: 'unavailable', message: 'busy' }, { 'retry-after': '2' }),
      json(200, SEGMENT),
    );
    const adapter = new RestAdapter({
      baseUrl: 'http://h/api',
      fetch,
      retry: { baseDelayMs: 10, maxDelayMs: 5_000, random: () => 0 },
    });
    const waits = await backoffWaits(() => adapter.getSegment('s'));
    assert.deepEqual(waits, [2_000]);
  });
});

describe('RestAdapter timeouts and aborts', () => {
  const hang = (_call: Call, signal: AbortSignal) =>
    new Promise<Response>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason));
    });

  it('a request that outlives timeoutMs fails as unavailable (and a read is tried again)', async () => {
    const { fetch, calls } = scripted(hang, json(200, SEGMENT));
    const adapter = adapterWith(fetch, { timeoutMs: 20 });
    assert.deepEqual(await adapter.getSegment('s'), SEGMENT);
    assert.equal(calls.length, 2);
    const once = scripted(hang);
    const error = await rejection(
      adapterWith(once.fetch, { timeoutMs: 20 }).createSegment({ name: 'x', type: 'csv' }),
    );
    assert.equal(error.code, 'unavailable');
    assert.match(error.message, /20 ms/);
  });

  it('the caller aborting rejects with its reason at once, and is never retried', async () => {
    const { fetch, calls } = scripted(hang, json(200, SEGMENT));
    const controller = new AbortController();
    const reason = new Error('user left the page');
    const pending = adapterWith(fetch).getSegment('s', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await assert.rejects(pending, (error) => error === reason);
    assert.equal(calls.length, 1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const { fetch, calls } = scripted(json(200, SEGMENT));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(adapterWith(fetch).getSegment('s', { signal: controller.signal }), {
      name: 'AbortError',
    });
    assert.equal(calls.length, 0);
  });

  it('aborting during the wait before a retry stops the retry', async () => {
    const controller = new AbortController();
    const { fetch, calls } = scripted(
      json(503, { code: 'unavailable', message: 'busy' }),
      json(200, SEGMENT),
    );
    const adapter = adapterWith(fetch, { retry: { baseDelayMs: 10_000, random: () => 1 } });
    const pending = adapter.getSegment('s', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(calls.length, 1);
  });
});

describe("RestAdapter 'segments-changed'", () => {
  it('fires after each successful write, never after a read or a failed write', async () => {
    const { fetch } = scripted(
      json(201, SEGMENT),
      json(200, SEGMENT),
      json(200, { items: [], total: 0 }),
      json(200, { count: 0, total: 0 }),
      json(409, { code: 'conflict', message: 'stale' }),
      json(200, { ...SEGMENT, version: 4 }),
      json(201, SEGMENT),
      json(200, { added: 0 }),
      new Response(null, { status: 204 }),
    );
    const adapter = adapterWith(fetch);
    const fired: string[] = [];
    let current = '';
    adapter.addEventListener(SEGMENTS_CHANGED, () => fired.push(current));
    const step = async (name: string, work: () => Promise<unknown>) => {
      current = name;
      await work().catch(() => undefined);
    };
    const draft = { name: 'x', type: 'filter' as const, filter: SEGMENT.filter };
    await step('create', () => adapter.createSegment(draft));
    await step('get', () => adapter.getSegment('s'));
    await step('list', () => adapter.listSegments({ scope: 'store' }));
    await step('count', () => adapter.countMembers({ segmentId: 's' }));
    await step('stale update', () => adapter.updateSegment('s', draft, { expectedVersion: 1 }));
    await step('update', () => adapter.updateSegment('s', draft, { expectedVersion: 3 }));
    await step('duplicate', () => adapter.duplicateSegment('s'));
    await step('add', () => adapter.addMembers('s', [], { batchId: 'b' }));
    await step('delete', () => adapter.deleteSegment('s'));
    assert.deepEqual(fired, ['create', 'update', 'duplicate', 'add', 'delete']);
  });
});

describe('RestAdapter arguments', () => {
  it('needs a baseUrl, an expectedVersion for updates and a batchId for batches', async () => {
    assert.throws(() => new RestAdapter({ baseUrl: '' }), { code: 'invalid' });
    const { fetch, calls } = scripted();
    const adapter = adapterWith(fetch);
    const draft = { name: 'x', type: 'csv' as const };
    const noVersion = { expectedVersion: undefined as unknown as number };
    assert.equal((await rejection(adapter.updateSegment('s', draft, noVersion))).code, 'invalid');
    const noBatch = { batchId: '' };
    assert.equal((await rejection(adapter.addMembers('s', [], noBatch))).code, 'invalid');
    assert.equal(calls.length, 0);
  });
});
