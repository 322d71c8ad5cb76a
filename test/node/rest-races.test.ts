import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * Two sellers saving at the same moment on the reference backend: segments that would name each
 * other, and a segment made to name one that is being deleted. The reference checks run inside
 * the writing transaction, so after every race the store holds no cycle and no reference to a
 * deleted segment, and the request that lost is told why with a coded 4xx. Only a real
 * PostgreSQL server (DATABASE_URL; .ci/run starts one) runs the requests side by side: PGlite
 * runs them one after another and could not show a race.
 */

const TRIALS = 50;

{
  const skip = !process.env.DATABASE_URL;
  if (skip) console.log('# skipped: segment write races on a PostgreSQL server (set DATABASE_URL)');

  describe('concurrent segment writes on a PostgreSQL server (DATABASE_URL)', { skip }, () => {
    let backend: TestBackend;
    let call: Caller;

    before(async () => {
      backend = await startTestBackend({ server: true, poolSize: 8 });
      const { apiKey } = await backend.newStore();
      call = caller(backend.baseUrl, apiKey);
    });
    after(() => backend?.close());

    it(`two edits making X name Y and Y name X never both land (${TRIALS} trials)`, async () => {
      const outcomes: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const x = await createFilterSegment(call, `Cycle X ${trial}`);
        const y = await createFilterSegment(call, `Cycle Y ${trial}`);
        const [toY, toX] = await Promise.all([
          call('PUT', `/segments/${x.id}`, namingDraft(x.name, y.id), x.version),
          call('PUT', `/segments/${y.id}`, namingDraft(y.name, x.id), y.version),
        ]);
        const stored = await storedFilters(backend, [x.id, y.id]);
        const cycle = stored.get(x.id)!.includes(y.id) && stored.get(y.id)!.includes(x.id);
        assert.equal(cycle, false, `trial ${trial}: X and Y name each other`);
        const statuses = [toY, toX].map((answer) => answer.status).sort();
        assert.equal(statuses[0], 200, `trial ${trial}: neither edit landed`);
        const loser = toY.status === 200 ? toX : toY;
        assertCoded4xx(loser, trial);
        outcomes.push(`${loser.status} ${loser.body.code}`);
      }
      assert.equal(outcomes.length, TRIALS);
    });

    it(`an edit making P name Q racing the deletion of Q never leaves P dangling (${TRIALS} trials)`, async () => {
      let deletions = 0;
      let edits = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const q = await createFilterSegment(call, `Target Q ${trial}`);
        const p = await createFilterSegment(call, `Pointer P ${trial}`);
        const [edit, removal] = await Promise.all([
          call('PUT', `/segments/${p.id}`, namingDraft(p.name, q.id), p.version),
          call('DELETE', `/segments/${q.id}`),
        ]);
        const stored = await storedFilters(backend, [p.id, q.id]);
        if (!stored.has(q.id)) {
          assert.equal(stored.get(p.id)!.includes(q.id), false, `trial ${trial}: P dangles`);
        }
        // Exactly one of the two wins; the other hears why.
        assert.equal(
          [edit.status === 200, removal.status === 204].filter(Boolean).length,
          1,
          `trial ${trial}: edit ${edit.status}, delete ${removal.status}`,
        );
        if (edit.status === 200) {
          edits += 1;
          assertCoded4xx(removal, trial);
        } else {
          deletions += 1;
          assertCoded4xx(edit, trial);
        }
      }
      assert.equal(edits + deletions, TRIALS);
    });
  });
}

// ---- helpers ----

interface Answer {
  status: number;
  body: { code?: string; message?: string; id?: string; name?: string; version?: number };
}
type Caller = (method: string, path: string, body?: unknown, version?: number) => Promise<Answer>;

function caller(baseUrl: string, apiKey: string): Caller {
  return async (method, path, body, version) => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  };
}

async function createFilterSegment(call: Caller, name: string) {
  const answer = await call('POST', '/segments', {
    name,
    type: 'filter',
    filter: { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }] },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as { id: string; name: string; version: number };
}

const namingDraft = (name: string, otherId: string) => ({
  name,
  type: 'filter',
  filter: { combinator: 'and', rules: [{ field: 'segment', operator: 'in', value: [otherId] }] },
});

/** The stored filter text of each segment still in the table (ids are UUIDs: text search is exact). */
async function storedFilters(backend: TestBackend, ids: string[]): Promise<Map<string, string>> {
  const rows = await backend.db.query<{ id: string; filter: unknown }>(
    'SELECT id, filter FROM segments WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, JSON.stringify(row.filter)]));
}

function assertCoded4xx(answer: Answer, trial: number): void {
  assert.ok(
    answer.status >= 400 && answer.status < 500,
    `trial ${trial}: ${answer.status} ${JSON.stringify(answer.body)}`,
  );
  assert.ok(
    answer.body.code === 'conflict' || answer.body.code === 'invalid',
    `trial ${trial}: ${JSON.stringify(answer.body)}`,
  );
  assert.ok(answer.body.message, `trial ${trial}: no message`);
}
