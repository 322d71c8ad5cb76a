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
function memoryAdapter(faults: { failAt?: number[]; code?: 'unavailable' | 'invalid' } = {}) {
  const segments = new Map<string, Segment>();
  const members = new Map<string, MemberContact[]>();
  const seenBatches = new Set<string>();
  const calls = { add: 0, deletes: [] as string[], batchIds: [] as string[] };
  const adapter = {
    async createSegment(draft: SegmentDraft) {
      const id = `seg-${segments.size + 1}`;
      const segment = {
        id,
        name: draft.name,
        type: 'csv',
        scope: 'store',
        csv: draft.csv,
        memberCount: 0,
        readOnly: false,
        version: 1,
        createdAt: '2026-11-29T00:00:00Z',
        updatedAt: '2026-11-29T00:00:00Z',
      } as Segment;
      segments.set(id, segment);
      members.set(id, []);
      return segment;
    },
    async getSegment(id: string) {
      const segment = segments.get(id);
      if (!segment) throw new SegmentError('not-found', id);
      return { ...segment, memberCount: members.get(id)!.length };
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
      return { added: batch.length };
    },
    async deleteSegment(id: string) {
      calls.deletes.push(id);
      segments.delete(id);
      members.delete(id);
    },
  };
  return { adapter: adapter as unknown as SegmentAdapter, segments, members, calls };
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
  const saved = await saveCsvSegment(adapter, draft, { accepted: [] });
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
