import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IncompleteSegmentError,
  SegmentError,
  saveCsvSegment,
  type MemberContact,
  type Segment,
  type SegmentAdapter,
  type SegmentDraft,
} from '../../src/core.ts';

/**
 * A store with the adapter's contract for the calls the flow makes: addMembers is idempotent per
 * batchId (a repeated id adds nothing). `failAt` makes the n-th addMembers call (1-based) fail.
 */
function memoryAdapter(
  faults: { failAt?: number[]; code?: 'unavailable' | 'invalid'; finishFails?: number } = {},
) {
  const segments = new Map<string, Segment>();
  const members = new Map<string, MemberContact[]>();
  const received = new Map<string, number>();
  const seenBatches = new Set<string>();
  const keys = new Map<string, string>();
  const calls = {
    add: 0,
    creates: 0,
    finishes: 0,
    deletes: [] as string[],
    batchIds: [] as string[],
  };
  let made = 0;
  const view = (id: string): Segment => {
    const segment = segments.get(id)!;
    const importing = segment.status === 'importing';
    return {
      ...segment,
      memberCount: importing ? null : members.get(id)!.length,
      ...(importing
        ? { progress: { received: received.get(id)!, expected: segment.csv!.accepted } }
        : {}),
    };
  };
  const adapter = {
    async createSegment(draft: SegmentDraft, o?: { idempotencyKey?: string }) {
      calls.creates++;
      const earlier = o?.idempotencyKey && keys.get(o.idempotencyKey);
      if (earlier && segments.has(earlier)) return view(earlier);
      const id = `seg-${++made}`;
      segments.set(id, {
        id,
        name: draft.name,
        type: 'csv',
        scope: 'store',
        csv: draft.csv,
        status: 'importing',
        memberCount: null,
        readOnly: false,
        version: 1,
        createdAt: '2026-11-29T00:00:00Z',
        updatedAt: '2026-11-29T00:00:00Z',
      });
      members.set(id, []);
      received.set(id, 0);
      if (o?.idempotencyKey) keys.set(o.idempotencyKey, id);
      return view(id);
    },
    async getSegment(id: string) {
      if (!segments.has(id)) throw new SegmentError('not-found', id);
      return view(id);
    },
    async addMembers(id: string, batch: MemberContact[], o: { batchId: string }) {
      calls.add++;
      calls.batchIds.push(o.batchId);
      if (faults.failAt?.includes(calls.add)) {
        throw new SegmentError(faults.code ?? 'unavailable', 'offline');
      }
      if (seenBatches.has(o.batchId)) return { added: 0 };
      seenBatches.add(o.batchId);
      members.get(id)!.push(...batch);
      received.set(id, received.get(id)! + batch.length);
      return { added: batch.length };
    },
    async finishImport(id: string) {
      calls.finishes++;
      if (calls.finishes <= (faults.finishFails ?? 0)) {
        throw new SegmentError('unavailable', 'offline');
      }
      const segment = segments.get(id)!;
      if (received.get(id)! < segment.csv!.accepted) throw new SegmentError('incomplete', id);
      const { status: _status, ...ready } = segment;
      segments.set(id, ready);
      return view(id);
    },
    async deleteSegment(id: string) {
      calls.deletes.push(id);
      segments.delete(id);
      members.delete(id);
    },
  };
  return { adapter: adapter as unknown as SegmentAdapter, segments, members, calls, received };
}

const draft: SegmentDraft = {
  name: 'Diwali buyers',
  type: 'csv',
  csv: {
    fileName: 'diwali.csv',
    phoneColumn: 'phone',
    emailColumn: 'email',
    accepted: 7,
    rejected: 0,
    duplicates: 0,
  },
};
const accepted = Array.from({ length: 7 }, (_, i) => ({
  line: i + 2,
  phone: i % 2 ? undefined : `+9198765432${10 + i}`,
  email: i % 3 ? `buyer${i}@example.in` : undefined,
}));

test('a CSV segment is created and every accepted contact sent once, in batches', async () => {
  const { adapter, members, calls } = memoryAdapter();
  const progress: number[] = [];
  const saved = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    {
      batchSize: 3,
      onProgress: (p) => progress.push(p.sent),
    },
  );
  assert.equal(saved.memberCount, 7);
  assert.deepEqual(progress, [0, 3, 6, 7]);
  assert.deepEqual(calls.batchIds, [
    `${saved.id}/members/0-3`,
    `${saved.id}/members/3-6`,
    `${saved.id}/members/6-7`,
  ]);
  // Contacts carry only what the row had: no `line`, no undefined keys.
  assert.deepEqual(members.get(saved.id)![0], { phone: '+919876543210' });
  assert.deepEqual(members.get(saved.id)![1], { email: 'buyer1@example.in' });
  assert.deepEqual(Object.keys(members.get(saved.id)![2]).sort(), ['email', 'phone']);
});

test('an empty report makes an empty segment without calling addMembers', async () => {
  const { adapter, calls } = memoryAdapter();
  const empty = { ...draft, csv: { ...draft.csv!, accepted: 0 } };
  const saved = await saveCsvSegment(adapter, empty, { accepted: [] });
  assert.equal(saved.status, undefined);
  assert.equal(saved.memberCount, 0);
  assert.equal(calls.add, 0);
});

test('a batch that fails with unavailable is retried under the same id', async () => {
  const { adapter, calls } = memoryAdapter({ failAt: [2] });
  const saved = await saveCsvSegment(adapter, draft, { accepted }, { batchSize: 3 });
  assert.equal(saved.memberCount, 7);
  assert.equal(calls.batchIds[1], calls.batchIds[2]);
});

test('a failure that outlasts the retries deletes the half-made segment and says so', async () => {
  const { adapter, segments, calls } = memoryAdapter({ failAt: [2, 3, 4] });
  const error = await saveCsvSegment(adapter, draft, { accepted }, { batchSize: 3 }).then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.code, 'unavailable');
  assert.equal(error.removed, true);
  assert.equal(error.sent, 3);
  assert.equal(error.total, 7);
  assert.equal(segments.size, 0);
  assert.deepEqual(calls.deletes, [error.segment.id]);
});

test('a non-retryable failure is not retried', async () => {
  const { adapter, calls } = memoryAdapter({ failAt: [1], code: 'invalid' });
  const error = await saveCsvSegment(adapter, draft, { accepted }, { batchSize: 3 }).catch(
    (e: unknown) => e,
  );
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.code, 'invalid');
  assert.equal(calls.add, 1);
});

test('a kept segment resumes without adding anyone twice', async () => {
  const { adapter, members } = memoryAdapter({ failAt: [3, 4, 5] });
  const error = (await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    {
      batchSize: 3,
      onFailure: 'keep',
      retries: 2,
    },
  ).catch((e: unknown) => e)) as IncompleteSegmentError;
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.removed, false);
  assert.equal(error.sent, 6);
  assert.equal(members.get(error.segment.id)!.length, 6);
  const resumed = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    {
      batchSize: 3,
      resume: error.segment.id,
    },
  );
  assert.equal(resumed.id, error.segment.id);
  assert.equal(resumed.memberCount, 7);
  const keys = members.get(resumed.id)!.map((c) => c.phone ?? c.email);
  assert.equal(new Set(keys).size, 7);
});

test('a resumed segment that fails again is never deleted by the flow', async () => {
  const { adapter, segments } = memoryAdapter({ failAt: [1, 2, 3] });
  const created = await adapter.createSegment(draft);
  const error = (await saveCsvSegment(adapter, draft, { accepted }, { resume: created }).catch(
    (e: unknown) => e,
  )) as IncompleteSegmentError;
  assert.equal(error.removed, false);
  assert.ok(segments.has(created.id));
});

test('aborting stops the upload and removes the segment', async () => {
  const { adapter, segments, calls } = memoryAdapter();
  const controller = new AbortController();
  const error = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    {
      batchSize: 3,
      signal: controller.signal,
      onProgress: ({ sent }) => sent === 3 && controller.abort(),
    },
  ).catch((e: unknown) => e);
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.removed, true);
  assert.equal(calls.add, 1);
  assert.equal(segments.size, 0);
});

test('a name-taken creation rejects with that error and creates nothing', async () => {
  const { adapter, segments } = memoryAdapter();
  adapter.createSegment = async () => {
    throw new SegmentError('name-taken', 'taken');
  };
  const error = await saveCsvSegment(adapter, draft, { accepted }).catch((e: unknown) => e);
  assert.ok(error instanceof SegmentError && !(error instanceof IncompleteSegmentError));
  assert.equal((error as SegmentError).code, 'name-taken');
  assert.equal(segments.size, 0);
});

test('a filter draft is refused', async () => {
  const { adapter } = memoryAdapter();
  await assert.rejects(
    saveCsvSegment(adapter, { name: 'x', type: 'filter' }, { accepted }),
    (e: unknown) => e instanceof SegmentError && e.code === 'invalid',
  );
});

test('the segment is importing until every batch landed, then finished once', async () => {
  const { adapter, calls } = memoryAdapter();
  const seen: (string | undefined)[] = [];
  const saved = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    { batchSize: 3, onProgress: (p) => seen.push(p.segment.status) },
  );
  assert.deepEqual(seen, ['importing', 'importing', 'importing', 'importing']);
  assert.equal(saved.status, undefined);
  assert.equal(saved.memberCount, 7);
  assert.equal(calls.finishes, 1);
});

test('a create whose answer was lost is sent again and makes one segment', async () => {
  const { adapter, segments, calls } = memoryAdapter();
  const create = adapter.createSegment.bind(adapter);
  let lost = false;
  adapter.createSegment = async (d, o) => {
    const made = await create(d, o);
    if (!lost) {
      lost = true; // the server made it; the answer never came back
      throw new SegmentError('unavailable', 'connection reset');
    }
    return made;
  };
  const saved = await saveCsvSegment(adapter, draft, { accepted }, { batchSize: 3 });
  assert.equal(calls.creates, 2);
  assert.equal(segments.size, 1);
  assert.equal(saved.memberCount, 7);
});

test('an abort while the create is in flight leaves no segment behind', async () => {
  const { adapter, segments } = memoryAdapter();
  const controller = new AbortController();
  const create = adapter.createSegment.bind(adapter);
  adapter.createSegment = async (d, o) => {
    const made = await create(d, o);
    if (o?.signal) {
      controller.abort(); // the server made it while the seller closed the form
      o.signal.throwIfAborted();
    }
    return made;
  };
  const error = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    { signal: controller.signal },
  ).catch((e: unknown) => e);
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.removed, true);
  assert.equal(segments.size, 0);
});

test('an abort while the create is in flight, keeping: the importing segment is named', async () => {
  const { adapter, segments } = memoryAdapter();
  const controller = new AbortController();
  const create = adapter.createSegment.bind(adapter);
  adapter.createSegment = async (d, o) => {
    const made = await create(d, o);
    if (o?.signal) {
      controller.abort();
      o.signal.throwIfAborted();
    }
    return made;
  };
  const error = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    { signal: controller.signal, onFailure: 'keep' },
  ).catch((e: unknown) => e);
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.removed, false);
  assert.deepEqual([...segments.keys()], [error.segment.id]);
  assert.equal(segments.get(error.segment.id)!.status, 'importing');
});

test('resuming sends only the batches after the ones that landed, then finishes', async () => {
  const { adapter, members, calls } = memoryAdapter({ failAt: [3, 4, 5] });
  const error = (await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    { batchSize: 2, onFailure: 'keep' },
  ).catch((e: unknown) => e)) as IncompleteSegmentError;
  assert.equal(error.sent, 4);
  const before = calls.batchIds.length;
  const resumed = await saveCsvSegment(
    adapter,
    draft,
    { accepted },
    { batchSize: 2, resume: error.segment.id },
  );
  assert.deepEqual(calls.batchIds.slice(before), [
    `${resumed.id}/members/4-6`,
    `${resumed.id}/members/6-7`,
  ]);
  assert.equal(resumed.status, undefined);
  assert.deepEqual(
    members.get(resumed.id)!.map((c) => c.phone ?? c.email),
    accepted.map((c) => c.phone ?? c.email),
  );
});

test('resuming with another file is refused and changes nothing', async () => {
  const { adapter, calls, received } = memoryAdapter();
  const created = await adapter.createSegment(draft);
  await adapter.addMembers(created.id, [{ email: 'first@example.in' }], { batchId: 'x' });
  const other = accepted.slice(0, 5);
  const error = await saveCsvSegment(
    adapter,
    { ...draft, csv: { ...draft.csv!, accepted: 5 } },
    { accepted: other },
    { resume: created.id },
  ).catch((e: unknown) => e);
  assert.ok(error instanceof SegmentError && !(error instanceof IncompleteSegmentError));
  assert.equal(error.code, 'invalid');
  assert.equal(error.issues[0]!.code, 'different-file');
  assert.equal(calls.add, 1);
  assert.equal(received.get(created.id), 1);
});

test('when only finishing fails, the full segment is kept for a resume that finishes it', async () => {
  const { adapter, segments, calls } = memoryAdapter({ finishFails: 3 });
  const error = (await saveCsvSegment(adapter, draft, { accepted }).catch(
    (e: unknown) => e,
  )) as IncompleteSegmentError;
  assert.ok(error instanceof IncompleteSegmentError);
  assert.equal(error.removed, false);
  assert.equal(error.sent, 7);
  assert.equal(segments.get(error.segment.id)!.status, 'importing');
  const adds = calls.add;
  const resumed = await saveCsvSegment(adapter, draft, { accepted }, { resume: error.segment });
  assert.equal(calls.add, adds);
  assert.equal(resumed.status, undefined);
  assert.equal(resumed.memberCount, 7);
});
