import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  IncompleteSegmentError,
  RestAdapter,
  SegmentError,
  saveCsvSegment,
  type CsvReport,
  type SegmentAdapter,
  type SegmentDraft,
} from '../../src/core.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * A ready CSV segment taking another file through saveCsvSegment's `into` (reopenImport): added
 * contacts grow it (a known one once), a replacing file becomes its only members, and a failed
 * upload goes back to the old members or stays importing for `resume`. Against the reference
 * backend through the RestAdapter, on PGlite and on a PostgreSQL server when DATABASE_URL names
 * one; the oracle is the list of contacts each file holds, written out here.
 */

for (const server of [false, true]) {
  const skip = server && !process.env.DATABASE_URL;
  describe(
    `a CSV segment that grows or is replaced, on ${server ? 'PostgreSQL' : 'PGlite'}`,
    { skip },
    () => {
      let backend: TestBackend;
      let adapter: RestAdapter;

      before(async () => {
        backend = await startTestBackend({ server });
        const store = await backend.newStore();
        adapter = new RestAdapter({
          baseUrl: backend.baseUrl,
          headers: { authorization: `Bearer ${store.apiKey}` },
        });
      });
      after(() => backend?.close());

      it('adds a second file: the count grows, a contact already in counts once', async () => {
        const first = await saveCsvSegment(adapter, draft('Diwali list', 3), file('a', 0, 3), {
          batchSize: 2,
        });
        assert.equal(first.memberCount, 3);
        const batchIds: string[] = [];
        // b.0 is new, a.2 is in already (the same email in another case), b.1 is new.
        const second = file('b', 0, 2);
        second.accepted.splice(1, 0, { line: 9, email: 'A.2@Example.in' });
        const grown = await saveCsvSegment(
          recording(adapter, batchIds),
          draft('', 3, 'more.csv'),
          second,
          {
            batchSize: 2,
            into: { id: first.id, mode: 'add', expectedVersion: first.version },
          },
        );
        assert.equal(grown.status, undefined);
        assert.equal(grown.memberCount, 5);
        assert.equal(grown.csv?.fileName, 'more.csv');
        assert.deepEqual(await emails(adapter, first.id), ['a.0', 'a.1', 'a.2', 'b.0', 'b.1']);
        // Batches named by the reopening: the first upload's ids would be swallowed as replays.
        assert.deepEqual(batchIds, [
          `${first.id}/reopen-1/members/0-2`,
          `${first.id}/reopen-1/members/2-3`,
        ]);
      });

      it('replaces with a file that shares a contact: exactly the new file', async () => {
        const first = await saveCsvSegment(adapter, draft('Holi list', 4), file('h', 0, 4));
        const next = file('n', 0, 2);
        next.accepted.push({ line: 9, email: 'h.3@example.in' });
        const replaced = await saveCsvSegment(adapter, draft('', 3, 'new.csv'), next, {
          batchSize: 2,
          into: { id: first.id, mode: 'replace', expectedVersion: first.version },
        });
        assert.equal(replaced.memberCount, 3);
        assert.deepEqual(await emails(adapter, first.id), ['n.0', 'n.1', 'h.3']);
        assert.equal((await adapter.countMembers({ segmentId: first.id })).count, 3);

        // A second reopening gets its own generation: its batches are not the first's replays.
        const again = await saveCsvSegment(adapter, draft('', 2, 'again.csv'), file('n', 5, 7), {
          batchSize: 2,
          into: { id: first.id, mode: 'add', expectedVersion: replaced.version },
        });
        assert.equal(again.memberCount, 5);
      });

      it('a stale version is refused and changes nothing', async () => {
        const first = await saveCsvSegment(adapter, draft('Eid list', 2), file('e', 0, 2));
        await adapter.updateSegment(
          first.id,
          { ...draft('Eid list, renamed', 2) },
          {
            expectedVersion: first.version,
          },
        );
        await assert.rejects(
          saveCsvSegment(adapter, draft('', 1, 'late.csv'), file('x', 0, 1), {
            into: { id: first.id, mode: 'replace', expectedVersion: first.version },
          }),
          (e: unknown) => e instanceof SegmentError && e.code === 'conflict',
        );
        const now = await adapter.getSegment(first.id);
        assert.equal(now.status, undefined);
        assert.deepEqual(await emails(adapter, first.id), ['e.0', 'e.1']);
      });

      it('a failed replace goes back to the old members, ready', async () => {
        const first = await saveCsvSegment(adapter, draft('Onam list', 3), file('o', 0, 3));
        const failing = failingOnBatch(adapter, 2);
        const error = await saveCsvSegment(failing, draft('', 4, 'half.csv'), file('p', 0, 4), {
          batchSize: 2,
          into: { id: first.id, mode: 'replace', expectedVersion: first.version },
        }).then(
          () => assert.fail('the upload should fail'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof IncompleteSegmentError);
        assert.equal(error.restored, true);
        assert.equal(error.removed, false);
        assert.equal(error.sent, 2);
        assert.match(error.message, /keeps the contacts it had/);
        const back = await adapter.getSegment(first.id);
        assert.equal(back.status, undefined);
        assert.equal(back.memberCount, 3);
        assert.equal(back.csv?.fileName, 'file.csv');
        assert.deepEqual(await emails(adapter, first.id), ['o.0', 'o.1', 'o.2']);
      });

      it('a failed add kept for later is importing, counted by no one, and resumes', async () => {
        const first = await saveCsvSegment(adapter, draft('Pongal list', 2), file('g', 0, 2));
        const failing = failingOnBatch(adapter, 2);
        const more = file('m', 0, 5);
        const error = await saveCsvSegment(failing, draft('', 5, 'more.csv'), more, {
          batchSize: 2,
          onFailure: 'keep',
          into: { id: first.id, mode: 'add', expectedVersion: first.version },
        }).then(
          () => assert.fail('the upload should fail'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof IncompleteSegmentError);
        assert.equal(error.restored, false);
        const left = await adapter.getSegment(first.id);
        assert.equal(left.status, 'importing');
        assert.deepEqual(left.progress, {
          received: 2,
          expected: 5,
          reopened: { mode: 'add', generation: 1 },
        });
        await assert.rejects(
          adapter.countMembers({ segmentId: first.id }),
          (e: unknown) => e instanceof SegmentError && e.code === 'incomplete',
        );
        // Resuming with another file is refused; with the same one it finishes.
        await assert.rejects(
          saveCsvSegment(adapter, draft('', 4, 'other.csv'), file('m', 0, 4), { resume: first.id }),
          (e: unknown) => e instanceof SegmentError && e.code === 'invalid',
        );
        const done = await saveCsvSegment(adapter, draft('', 5, 'more.csv'), more, {
          batchSize: 2,
          resume: left,
        });
        assert.equal(done.memberCount, 7);
        assert.deepEqual(await emails(adapter, first.id), [
          'g.0',
          'g.1',
          'm.0',
          'm.1',
          'm.2',
          'm.3',
          'm.4',
        ]);
      });
    },
  );
}

function draft(name: string, accepted: number, fileName = 'file.csv'): SegmentDraft {
  return {
    name,
    type: 'csv',
    csv: {
      fileName,
      phoneColumn: 'phone',
      emailColumn: 'email',
      accepted,
      rejected: 0,
      duplicates: 0,
    },
  };
}

/** Contacts `<prefix>.<from>` … `<prefix>.<to - 1>` at example.in, as a report accepts them. */
function file(prefix: string, from: number, to: number): Pick<CsvReport, 'accepted'> {
  return {
    accepted: Array.from({ length: to - from }, (_, i) => ({
      line: i + 2,
      email: `${prefix}.${from + i}@example.in`,
    })),
  };
}

/** The members' emails, without the domain, in the order the segment lists them. */
async function emails(adapter: SegmentAdapter, id: string): Promise<string[]> {
  const page = await adapter.listMembers(id, { limit: 200 });
  return page.items.map((c) => c.email!.replace('@example.in', ''));
}

/** The adapter, noting each addMembers batch id. */
function recording(adapter: SegmentAdapter, batchIds: string[]): SegmentAdapter {
  return wrap(adapter, (id, batch, o) => {
    batchIds.push(o.batchId);
    return adapter.addMembers(id, batch, o);
  });
}

/** The adapter, its `n`-th addMembers call refused as `invalid` (a refusal no retry mends). */
function failingOnBatch(adapter: SegmentAdapter, n: number): SegmentAdapter {
  let calls = 0;
  return wrap(adapter, (id, batch, o) => {
    calls += 1;
    if (calls === n) return Promise.reject(new SegmentError('invalid', 'Refused for the test.'));
    return adapter.addMembers(id, batch, o);
  });
}

function wrap(adapter: SegmentAdapter, addMembers: SegmentAdapter['addMembers']): SegmentAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'addMembers') return addMembers;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
