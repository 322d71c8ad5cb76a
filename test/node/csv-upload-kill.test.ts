import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RestAdapter, SegmentError, type Segment } from '../../src/core.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';
import { propertySeeds } from './helpers/seeds.ts';

/**
 * The uploader killed at random points: a Node process running saveCsvSegment against the
 * reference backend gets SIGKILL before its create, during it, or between and during batches.
 * Afterwards the segment must be absent or listed as importing with the true number of contacts
 * received (as the database holds them), refused for counting; resuming with the same file must
 * finish it with every contact exactly once. The same for a file replacing a ready segment's
 * contacts (reopenImport): never a mix of old and new shown as ready. On PGlite, and on a
 * PostgreSQL server when DATABASE_URL names one.
 */

const UPLOADER = fileURLToPath(new URL('./helpers/csv-uploader.ts', import.meta.url));
const CONTACTS = 600;
const BATCH = 50;
const TRIALS = 4;
/** Contacts of the file that replaces a segment's first one. */
const REPLACEMENT = 400;

for (const server of [false, true]) {
  const skip = server && !process.env.DATABASE_URL;
  describe(
    `an uploader killed at random points, on ${server ? 'a PostgreSQL server' : 'PGlite'}`,
    { skip },
    () => {
      let backend: TestBackend;
      let store: { storeId: string; apiKey: string };
      let adapter: RestAdapter;

      before(async () => {
        backend = await startTestBackend({ server });
        store = await backend.newStore();
        adapter = new RestAdapter({
          baseUrl: backend.baseUrl,
          headers: { authorization: `Bearer ${store.apiKey}` },
        });
      });
      after(() => backend?.close());

      // This run's seed (PROPERTY_SEED replays one), printed so a failure can be repeated.
      const { seed } = propertySeeds().at(-1)!;
      console.log(`# kill points from seed ${seed}`);
      const random = seeded(seed + (server ? 1 : 0));
      for (let trial = 0; trial < TRIALS; trial++) {
        // Trial 0 dies before its create can leave; trial 1 as soon as it started; the others
        // after a random number of contacts (a batch boundary or not: kills land mid-request too).
        const killAfter = trial === 0 ? -2 : trial === 1 ? -1 : Math.floor(random() * CONTACTS);
        it(`killed ${describeKill(killAfter)}, then resumed: every contact exactly once`, async () => {
          const name = `Festival guests ${trial}`;
          const first = run({ name }, killAfter);
          await first.ended;

          // The server finishes a request whose client died: wait until it has.
          await settled(() => listStore(adapter).then((all) => JSON.stringify(all)));
          const left = (await listStore(adapter)).find((s) => s.name === name);
          let resume: string | undefined;
          if (left && left.status !== 'importing') {
            // The kill came after the last batch and finishImport had landed: whole, not half.
            assert.equal(
              left.memberCount,
              CONTACTS,
              'a segment listed as ready holds every contact',
            );
            const stored = await storedEmails(backend, store.storeId, left.id);
            assert.deepEqual(stored, expectedEmails(CONTACTS), 'each contact once, in file order');
            return;
          }
          if (left) {
            assert.equal(left.memberCount, null);
            const stored = await storedEmails(backend, store.storeId, left.id);
            assert.equal(left.progress!.received, stored.length, 'progress is the true count');
            assert.equal(left.progress!.expected, CONTACTS);
            assert.deepEqual(stored, expectedEmails(stored.length), 'contacts landed in order');
            await assert.rejects(
              adapter.countMembers({ segmentId: left.id }),
              (e: unknown) => e instanceof SegmentError && e.code === 'incomplete',
            );
            resume = left.id;
          }

          const second = run({ name, resume }, Infinity);
          const { code, lines } = await second.ended;
          assert.equal(code, 0, lines.join('\n'));
          const done = lines.map((l) => JSON.parse(l) as { done?: string }).find((l) => l.done);
          const finished = await adapter.getSegment(done!.done!);
          if (resume) assert.equal(finished.id, resume);
          assert.equal(finished.status, undefined);
          assert.equal(finished.memberCount, CONTACTS);
          assert.equal((await adapter.countMembers({ segmentId: finished.id })).count, CONTACTS);
          const stored = await storedEmails(backend, store.storeId, finished.id);
          assert.deepEqual(stored, expectedEmails(CONTACTS), 'each contact once, in file order');
          assert.equal(
            (await listStore(adapter)).filter((s) => s.name === name).length,
            1,
            'one segment of that name',
          );
        });
      }

      // A ready segment replacing its contacts with another file, killed at random points:
      // afterwards it is ready with the old contacts or with all of the new ones, or it is
      // importing (counted by no one) with every old contact still stored; then it is resumed
      // to exactly the new file, or abandoned back to exactly the old one.
      for (let trial = 0; trial < TRIALS; trial++) {
        const killAfter = trial === 0 ? -1 : Math.floor(random() * REPLACEMENT);
        const then = trial % 2 ? 'abandoned' : 'resumed';
        it(`a replace killed ${describeKill(killAfter, REPLACEMENT)}: old members or marked importing, then ${then}`, async () => {
          const name = `Regulars ${trial}`;
          const made = await run({ name }, Infinity).ended;
          assert.equal(made.code, 0, made.lines.join('\n'));
          const old = (await listStore(adapter)).find((s) => s.name === name)!;
          const into = { into: old.id, version: old.version, prefix: 'new', contacts: REPLACEMENT };
          const killed = await run({ name, ...into }, killAfter).ended;
          console.log(`# the replacing uploader said: ${killed.lines.join(' ')}`);
          await settled(() => adapter.getSegment(old.id).then((s) => JSON.stringify(s)));

          const left = await adapter.getSegment(old.id);
          const stored = await storedEmails(backend, store.storeId, old.id);
          if (left.status !== 'importing') {
            const finished = left.version !== old.version;
            const want = finished ? expectedEmails(REPLACEMENT, 'new') : expectedEmails(CONTACTS);
            assert.deepEqual(stored, want, finished ? 'the whole new file' : 'the old file');
            assert.equal(left.memberCount, want.length);
            return;
          }
          assert.equal(left.memberCount, null, 'no count while replacing');
          assert.deepEqual(left.progress!.reopened, { mode: 'replace', generation: 1 });
          await assert.rejects(
            adapter.countMembers({ segmentId: old.id }),
            (e: unknown) => e instanceof SegmentError && e.code === 'incomplete',
          );
          assert.deepEqual(stored.slice(0, CONTACTS), expectedEmails(CONTACTS), 'old ones kept');
          const staged = stored.slice(CONTACTS);
          assert.deepEqual(staged, expectedEmails(staged.length, 'new'), 'staged in file order');
          assert.equal(left.progress!.received, staged.length, 'progress is the true count');

          if (then === 'abandoned') {
            const back = await adapter.abandonImport(old.id);
            assert.equal(back.status, undefined);
            assert.equal(back.memberCount, CONTACTS);
            assert.equal(back.csv?.accepted, CONTACTS, 'the old file summary is back');
            assert.deepEqual(
              await storedEmails(backend, store.storeId, old.id),
              expectedEmails(CONTACTS),
            );
            return;
          }
          const resumed = await run(
            { name, resume: old.id, prefix: 'new', contacts: REPLACEMENT },
            Infinity,
          ).ended;
          assert.equal(resumed.code, 0, resumed.lines.join('\n'));
          const finished = await adapter.getSegment(old.id);
          assert.equal(finished.status, undefined);
          assert.equal(finished.memberCount, REPLACEMENT);
          assert.equal((await adapter.countMembers({ segmentId: old.id })).count, REPLACEMENT);
          assert.deepEqual(
            await storedEmails(backend, store.storeId, old.id),
            expectedEmails(REPLACEMENT, 'new'),
            'each new contact once, in file order, and no old one',
          );
        });
      }

      /** Starts the uploader; kills it once it reported `killAfter` contacts sent. */
      function run(
        options: {
          name: string;
          resume?: string;
          into?: string;
          version?: number;
          prefix?: string;
          contacts?: number;
        },
        killAfter: number,
      ): { child: ChildProcess; ended: Promise<{ code: number | null; lines: string[] }> } {
        const child = spawn(process.execPath, ['--import', 'tsx', UPLOADER], {
          env: {
            ...process.env,
            BASE_URL: backend.baseUrl,
            API_KEY: store.apiKey,
            NAME: options.name,
            CONTACTS: String(options.contacts ?? CONTACTS),
            BATCH: String(BATCH),
            RESUME: options.resume ?? '',
            INTO: options.into ?? '',
            MODE: 'replace',
            VERSION: String(options.version ?? ''),
            PREFIX: options.prefix ?? '',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const lines: string[] = [];
        let buffered = '';
        if (killAfter === -2) child.kill('SIGKILL');
        child.stdout!.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const parts = buffered.split('\n');
          buffered = parts.pop()!;
          for (const line of parts) {
            lines.push(line);
            const step = JSON.parse(line) as { started?: boolean; sent?: number };
            const reached = killAfter === -1 ? step.started : (step.sent ?? -1) >= killAfter;
            if (reached) child.kill('SIGKILL');
          }
        });
        const ended = new Promise<{ code: number | null; lines: string[] }>((resolve) =>
          child.on('exit', (code) => resolve({ code, lines })),
        );
        return { child, ended };
      }
    },
  );
}

/** Resolves once `read` answers the same twice, 300 ms apart (10 s at most). */
async function settled(read: () => Promise<string>): Promise<void> {
  let last = await read();
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await read();
    if (now === last) return;
    last = now;
  }
}

function describeKill(killAfter: number, of = CONTACTS): string {
  if (killAfter === -2) return 'at once';
  if (killAfter === -1) return 'as it starts its create';
  return `after ${killAfter} of ${of} contacts`;
}

async function listStore(adapter: RestAdapter): Promise<Segment[]> {
  return (await adapter.listSegments({ scope: 'store', limit: 200 })).items;
}

/** The contacts the database holds for a segment, in upload order: the oracle. */
async function storedEmails(
  backend: TestBackend,
  storeId: string,
  segmentId: string,
): Promise<string[]> {
  const rows = await backend.db.query<{ email: string }>(
    'SELECT email FROM segment_members WHERE store_id = $1 AND segment_id = $2 ORDER BY position',
    [storeId, segmentId],
  );
  return rows.map((r) => r.email);
}

/** What the uploader's file holds, written out here rather than imported from it. */
function expectedEmails(n: number, prefix = 'guest'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}.${i}@festival.example.in`);
}

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
