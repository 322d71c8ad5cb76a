import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RestAdapter } from '../../src/core.ts';
import { SEGMENTS_CHANGED, SegmentError, type Segment } from '../../src/core.ts';
import { SEGMENT, adapterWith, fakeFetch, json, rejection } from './helpers/fake-fetch.ts';

/**
 * The RestAdapter at its edges, against fake fetches: ids no URL can carry, answers too large
 * to hold, and an update whose answer was lost on the way back.
 */

/** A body of `size` bytes in 1 MiB chunks, made only as they are read; says how far it got. */
function hugeBody(size: number) {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled * chunk.byteLength >= size) return controller.close();
      seen.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('RestAdapter ids', () => {
  const draft = { name: 'x', type: 'filter' as const, filter: SEGMENT.filter };
  const byMethod: [string, (a: RestAdapter, id: string) => Promise<unknown>][] = [
    ['getSegment', (a, id) => a.getSegment(id)],
    ['updateSegment', (a, id) => a.updateSegment(id, draft, { expectedVersion: 1 })],
    ['deleteSegment', (a, id) => a.deleteSegment(id)],
    ['duplicateSegment', (a, id) => a.duplicateSegment(id)],
    ['listMembers', (a, id) => a.listMembers(id, {})],
    ['addMembers', (a, id) => a.addMembers(id, [{ email: 'a@b.in' }], { batchId: 'b1' })],
  ];

  it('refuses empty, ".", "..", and ids holding a slash before any request', async () => {
    for (const id of ['', '.', '..', 'a/b', '../admin', '/', 'a\\b']) {
      for (const [method, call] of byMethod) {
        const { fetch, calls } = fakeFetch(() => json(200, SEGMENT));
        const error = await rejection(call(adapterWith(fetch), id));
        assert.equal(error.code, 'invalid', `${method}(${JSON.stringify(id)})`);
        assert.equal(error.issues[0]?.path, 'id');
        assert.equal(calls.length, 0, `${method}(${JSON.stringify(id)}) sent a request`);
      }
    }
  });

  it('sends ids that only look like them, encoded as one path segment', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const adapter = adapterWith(fetch);
    for (const id of ['...', '.a', 'a..b', 'दि?#%']) await adapter.deleteSegment(id);
    assert.deepEqual(
      calls.map((c) => c.url.slice('https://admin.example.in/api/segments/'.length)),
      ['...', '.a', 'a..b', '%E0%A4%A6%E0%A4%BF%3F%23%25'],
    );
  });
});

describe('RestAdapter answer size', () => {
  it('stops reading a 300 MiB answer at the 32 MiB cap: unavailable, cancelled, asked once', async () => {
    let seen = { pulled: 0, cancelled: false };
    const { fetch, calls } = fakeFetch(() => {
      const body = hugeBody(300 * 1024 * 1024);
      seen = body.seen;
      return new Response(body.stream, { status: 200 });
    });
    const error = await rejection(adapterWith(fetch).listSegments({ scope: 'store' }));
    assert.equal(error.code, 'unavailable');
    assert.match(error.message, /larger than 33554432 bytes/);
    assert.equal(seen.cancelled, true);
    assert.ok(seen.pulled <= 34, `read ${seen.pulled} MiB of it`);
    assert.equal(calls.length, 1, 'the same answer is not asked for again');
  });

  it('refuses an answer whose Content-Length is over the cap without reading it', async () => {
    const body = hugeBody(64 * 1024 * 1024);
    const { fetch } = fakeFetch(
      () =>
        new Response(body.stream, {
          status: 200,
          headers: { 'content-length': String(64 * 1024 * 1024) },
        }),
    );
    const error = await rejection(adapterWith(fetch).getSegment('vip'));
    assert.equal(error.code, 'unavailable');
    assert.ok(body.seen.pulled <= 1, `read ${body.seen.pulled} MiB of it`);
  });

  it('takes maxResponseBytes: an answer of exactly the cap is read, one byte more is not', async () => {
    const exact = (size: number) => {
      const base = JSON.stringify({ ...SEGMENT, pad: '' });
      const text = JSON.stringify({
        ...SEGMENT,
        pad: 'x'.repeat(size - base.length),
      });
      assert.equal(new TextEncoder().encode(text).byteLength, size);
      return text;
    };
    const cap = 1_000;
    const fits = fakeFetch(() => new Response(exact(cap), { status: 200 }));
    assert.deepEqual(
      await adapterWith(fits.fetch, { maxResponseBytes: cap }).getSegment('vip'),
      SEGMENT,
    );
    const over = fakeFetch(() => new Response(exact(cap + 1), { status: 200 }));
    const error = await rejection(
      adapterWith(over.fetch, { maxResponseBytes: cap }).getSegment('vip'),
    );
    assert.equal(error.code, 'unavailable');
    for (const bad of [0, -1, 1.5, Number.NaN, '32MB']) {
      assert.throws(
        () => adapterWith(fits.fetch, { maxResponseBytes: bad }),
        (e: unknown) => e instanceof SegmentError && e.code === 'invalid',
      );
    }
  });

  it('reads an answer whose multi-byte characters fall across chunks', async () => {
    const named = { ...SEGMENT, name: 'दिवाली ग्राहक' };
    const bytes = new TextEncoder().encode(JSON.stringify(named));
    const { fetch } = fakeFetch(() => {
      let at = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(at, at + 5)); // splits Devanagari's 3-byte characters
          at += 5;
        },
      });
      return new Response(stream, { status: 200 });
    });
    assert.deepEqual(await adapterWith(fetch).getSegment('vip'), named);
  });
});

describe('RestAdapter writes whose answer was lost', () => {
  /**
   * A server holding SEGMENT: a PUT with the right If-Match applies and bumps the version, a
   * stale one is a 409. `loseAnswers` of the PUTs apply but their answers never arrive.
   */
  function server({ loseAnswers = 1, editedMeanwhile = false } = {}) {
    let current: Segment = structuredClone(SEGMENT);
    let lost = 0;
    return fakeFetch(async (call) => {
      if (call.method === 'GET') return json(200, current);
      const version = Number(call.headers.get('if-match')?.replaceAll('"', ''));
      if (version !== current.version) {
        return json(409, { code: 'conflict', message: 'Someone else changed it.' });
      }
      const draft = call.body as Segment;
      current = { ...current, name: draft.name.trim(), filter: draft.filter, version: version + 1 };
      if (editedMeanwhile) current = { ...current, name: 'Theirs', version: current.version + 1 };
      if (lost++ < loseAnswers) throw new TypeError('fetch failed: connection reset');
      return json(200, current);
    });
  }

  const draft = { name: ' Mumbai buyers ', type: 'filter' as const, filter: SEGMENT.filter };

  it('recognises its own applied update on the retry, instead of reporting a conflict', async () => {
    const { fetch, calls } = server();
    const adapter = adapterWith(fetch);
    let changed = 0;
    adapter.addEventListener(SEGMENTS_CHANGED, () => changed++);
    const saved = await adapter.updateSegment('vip', draft, { expectedVersion: 3 });
    assert.deepEqual(
      { name: saved.name, version: saved.version, filter: saved.filter },
      { name: 'Mumbai buyers', version: 4, filter: SEGMENT.filter },
    );
    assert.deepEqual(
      calls.map((c) => c.method),
      ['PUT', 'PUT', 'GET'],
    );
    // Both attempts carry the same Idempotency-Key, so a server that keeps them replays.
    const keys = calls.slice(0, 2).map((c) => c.headers.get('idempotency-key'));
    assert.ok(keys[0] && keys[0].length >= 16);
    assert.equal(keys[1], keys[0]);
    assert.equal(changed, 1);
  });

  it('still reports a conflict when the segment is not what it sent', async () => {
    const { fetch, calls } = server({ editedMeanwhile: true });
    const error = await rejection(
      adapterWith(fetch).updateSegment('vip', draft, { expectedVersion: 3 }),
    );
    assert.equal(error.code, 'conflict');
    assert.deepEqual(
      calls.map((c) => c.method),
      ['PUT', 'PUT', 'GET'],
    );
  });

  it('reports a conflict met at once without asking again (no answer was lost)', async () => {
    const { fetch, calls } = server({ loseAnswers: 0 });
    const error = await rejection(
      adapterWith(fetch).updateSegment('vip', draft, { expectedVersion: 2 }),
    );
    assert.equal(error.code, 'conflict');
    assert.deepEqual(
      calls.map((c) => c.method),
      ['PUT'],
    );
  });

  it('reports the conflict after a 503: a busy server acted on nothing, so no answer was lost', async () => {
    // Someone else saved the very same name and filter while the server was busy: the segment
    // looks like ours one version on, but our PUT never applied, so it is their edit.
    const theirs = { ...SEGMENT, name: 'Mumbai buyers', version: 4 };
    const { fetch, calls } = fakeFetch((call, n) => {
      if (call.method === 'GET') return json(200, theirs);
      return n === 1
        ? json(503, { code: 'unavailable', message: 'busy' })
        : json(409, { code: 'conflict', message: 'Someone else changed it.' });
    });
    const error = await rejection(
      adapterWith(fetch).updateSegment('vip', draft, { expectedVersion: 3 }),
    );
    assert.equal(error.code, 'conflict');
    assert.deepEqual(
      calls.map((c) => c.method),
      ['PUT', 'PUT'],
    );
  });

  it('gives each create, duplicate and update its own Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      json(call.method === 'PUT' ? 200 : 201, { ...SEGMENT, version: 4 }),
    );
    const adapter = adapterWith(fetch);
    await adapter.createSegment(draft);
    await adapter.createSegment(draft);
    await adapter.duplicateSegment('vip');
    await adapter.updateSegment('vip', draft, { expectedVersion: 3 });
    const keys = calls.map((c) => c.headers.get('idempotency-key'));
    assert.ok(
      keys.every((k) => typeof k === 'string' && /^[0-9a-f]{32}$/.test(k)),
      String(keys),
    );
    assert.equal(new Set(keys).size, 4);
  });
});

describe('RestAdapter segments it cannot read', () => {
  /** `depth` groups, one inside the other, around one condition. */
  const nested = (depth: number) => {
    let filter: unknown = { field: 'city', operator: 'equals', value: 'Pune' };
    for (let i = 0; i < depth; i++) filter = { combinator: 'and', rules: [filter] };
    return filter;
  };

  it('lists a bad segment as an unreadable row, never failing the page', async () => {
    const csv = {
      fileName: 'a.csv',
      phoneColumn: 'phone',
      emailColumn: 'email',
      accepted: 2 ** 53,
      rejected: 0,
      duplicates: 0,
    };
    const items = [
      SEGMENT,
      { ...SEGMENT, id: 'deep', name: 'Deep', filter: nested(1_000) },
      { ...SEGMENT, id: 'huge', name: 'Huge', type: 'csv', filter: undefined, csv },
      { ...SEGMENT, id: 'many', name: 'Many', memberCount: 1e300 },
      { ...SEGMENT, id: 'six', name: 'Six deep', filter: nested(6) },
      { ...SEGMENT, id: 'five', name: 'Five deep', filter: nested(5) },
      null,
    ];
    const { fetch } = fakeFetch(() => json(200, { items, total: items.length }));
    const page = await adapterWith(fetch).listSegments({ scope: 'store' });
    assert.equal(page.total, 7);
    assert.deepEqual(page.items[0], SEGMENT);
    assert.deepEqual(page.items[5]!.filter, nested(5), 'five levels is within the limit');
    const rows = page.items.map((s) => ({
      id: s.id,
      name: s.name,
      readOnly: s.readOnly,
      unreadable: typeof s.unreadable === 'string',
      filter: 'filter' in s,
    }));
    assert.deepEqual(rows, [
      { id: 'vip', name: 'Mumbai VIPs', readOnly: false, unreadable: false, filter: true },
      { id: 'deep', name: 'Deep', readOnly: false, unreadable: true, filter: false },
      { id: 'huge', name: 'Huge', readOnly: false, unreadable: true, filter: false },
      { id: 'many', name: 'Many', readOnly: false, unreadable: true, filter: false },
      { id: 'six', name: 'Six deep', readOnly: false, unreadable: true, filter: false },
      { id: 'five', name: 'Five deep', readOnly: false, unreadable: false, filter: true },
      { id: '', name: '', readOnly: true, unreadable: true, filter: false },
    ]);
    assert.match(page.items[1]!.unreadable!, /segment\.filter/);
    assert.match(page.items[2]!.unreadable!, /csv\.accepted/);
    assert.equal(page.items[1]!.memberCount, null);
  });

  it('refuses to hand out one bad segment by id: unavailable', async () => {
    const { fetch } = fakeFetch(() => json(200, { ...SEGMENT, filter: nested(5_000) }));
    assert.equal((await rejection(adapterWith(fetch).getSegment('vip'))).code, 'unavailable');
    const bigCount = fakeFetch(() => json(200, { count: 2 ** 53, total: 2 ** 53 }));
    const counting = adapterWith(bigCount.fetch).countMembers({ segmentId: 'vip' });
    assert.equal((await rejection(counting)).code, 'unavailable');
  });
});
