import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestAdapter } from '../../src/adapters/rest/index.ts';
import type { CountPoint, Customer, FilterGroup, SegmentError } from '../../src/core.ts';
import { importCustomers } from '../../server/stores.ts';
import { csvDraft } from '../../src/testing/checks/common.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * GET /segments/{id}/history on the reference backend, through the RestAdapter and raw HTTP,
 * with the app's clock moved by the test. Every expected history is written out by hand. On
 * PGlite always, and on a PostgreSQL server when DATABASE_URL names one.
 */

const inMumbai: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Mumbai' }],
};

let next = 0;
const customers = (n: number, city: string): Customer[] =>
  Array.from({ length: n }, () => ({
    id: `c${++next}`,
    city,
    createdAt: '2026-01-01T00:00:00Z',
    ordersCount: 0,
    totalSpent: 0,
  }));

async function rejection(promise: Promise<unknown>): Promise<SegmentError> {
  try {
    await promise;
  } catch (error) {
    return error as SegmentError;
  }
  assert.fail('expected the call to fail');
}

for (const server of [false, true]) {
  const skip = server && !process.env.DATABASE_URL;
  describe(
    `countHistory on the reference backend (${server ? 'PostgreSQL server' : 'PGlite'})`,
    {
      skip,
    },
    () => {
      let backend: TestBackend;
      let at = new Date('2026-11-01T09:00:00Z');
      const setClock = (iso: string) => (at = new Date(iso));

      before(async () => {
        backend = await startTestBackend({ server, now: () => new Date(at) });
      });
      after(() => backend?.close());

      async function store(timeZone = 'UTC') {
        const made = await backend.newStore({ customers: [], orders: [], timeZone });
        const adapter = new RestAdapter({
          baseUrl: backend.baseUrl,
          headers: { authorization: `Bearer ${made.apiKey}` },
        });
        const add = (list: Customer[]) => importCustomers(backend.db, made.storeId, list);
        const get = (path: string) =>
          fetch(`${backend.baseUrl}${path}`, {
            headers: { authorization: `Bearer ${made.apiKey}` },
          });
        return { ...made, adapter, add, get };
      }

      const rows = async (storeId: string, segmentId: string) =>
        (
          await backend.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM segment_count_history
            WHERE store_id = $1 AND segment_id = $2`,
            [storeId, segmentId],
          )
        )[0]!.n;

      it('builds a 30-day history from counts on different days, carrying quiet days', async () => {
        setClock('2026-11-01T09:00:00Z');
        const { adapter, add } = await store();
        const segment = await adapter.createSegment({
          name: 'Mumbai',
          type: 'filter',
          filter: inMumbai,
        });
        await add(customers(2, 'Mumbai'));
        assert.equal((await adapter.countMembers({ segmentId: segment.id })).count, 2);
        setClock('2026-11-02T09:00:00Z');
        await add([...customers(3, 'Mumbai'), ...customers(4, 'Pune')]);
        const listed = (await adapter.listSegments({ scope: 'store' })).items;
        assert.equal(listed.find((s) => s.id === segment.id)?.memberCount, 5);
        setClock('2026-11-10T23:59:59Z');
        await add(customers(1, 'Mumbai'));
        assert.equal((await adapter.getSegment(segment.id)).memberCount, 6);
        setClock('2026-11-30T00:00:00Z');
        const expected: CountPoint[] = [{ date: '2026-11-01', count: 2 }];
        for (const d of ['02', '03', '04', '05', '06', '07', '08', '09']) {
          expected.push({ date: `2026-11-${d}`, count: 5 });
        }
        for (let d = 10; d <= 30; d++) expected.push({ date: `2026-11-${d}`, count: 6 });
        assert.deepEqual(await adapter.countHistory(segment.id, { days: 30 }), expected);
        assert.deepEqual(await adapter.countHistory(segment.id, { days: 2 }), [
          { date: '2026-11-29', count: 6 },
          { date: '2026-11-30', count: 6 },
        ]);
      });

      it('two counts on one day make one point, the later count', async () => {
        setClock('2026-11-05T01:00:00Z');
        const { adapter, add, storeId } = await store();
        const segment = await adapter.createSegment({
          name: 'M',
          type: 'filter',
          filter: inMumbai,
        });
        await add(customers(1, 'Mumbai'));
        await adapter.countMembers({ segmentId: segment.id });
        setClock('2026-11-05T22:00:00Z');
        await add(customers(2, 'Mumbai'));
        await adapter.countMembers({ segmentId: segment.id });
        assert.deepEqual(await adapter.countHistory(segment.id, { days: 7 }), [
          { date: '2026-11-05', count: 3 },
        ]);
        assert.equal(await rows(storeId, segment.id), 1);
      });

      it('takes calendar days in the store’s time zone (Asia/Kolkata vs UTC at 23:30 UTC)', async () => {
        setClock('2026-11-28T18:29:00Z'); // 23:59 on the 28th in Kolkata
        const kolkata = await store('Asia/Kolkata');
        const utc = await store('UTC');
        const ids: string[] = [];
        for (const s of [kolkata, utc]) {
          await s.add(customers(1, 'Mumbai'));
          const made = await s.adapter.createSegment({
            name: 'M',
            type: 'filter',
            filter: inMumbai,
          });
          ids.push(made.id);
        }
        setClock('2026-11-28T23:30:00Z'); // 05:00 on the 29th in Kolkata
        for (const s of [kolkata, utc]) await s.add(customers(1, 'Mumbai'));
        assert.deepEqual(await kolkata.adapter.countHistory(ids[0]!, { days: 2 }), [
          { date: '2026-11-28', count: 1 },
          { date: '2026-11-29', count: 2 },
        ]);
        assert.deepEqual(await utc.adapter.countHistory(ids[1]!, { days: 2 }), [
          { date: '2026-11-28', count: 2 },
        ]);
      });

      it('keeps 400 days per segment: the statement that writes a count drops older rows', async () => {
        setClock('2025-01-01T12:00:00Z');
        const { adapter, add, storeId } = await store();
        const segment = await adapter.createSegment({
          name: 'M',
          type: 'filter',
          filter: inMumbai,
        });
        await add(customers(4, 'Mumbai'));
        await adapter.countMembers({ segmentId: segment.id });
        await add(customers(1, 'Mumbai'));
        setClock('2026-02-04T12:00:00Z'); // 399 days later: 2025-01-01 is still kept
        const year = await adapter.countHistory(segment.id, { days: 366 });
        assert.equal(year.length, 366);
        assert.deepEqual(year[0], { date: '2025-02-04', count: 4 });
        assert.deepEqual(year[365], { date: '2026-02-04', count: 5 });
        assert.equal(await rows(storeId, segment.id), 2);
        setClock('2026-02-05T12:00:00Z'); // 400 days: gone
        assert.deepEqual(await adapter.countHistory(segment.id, { days: 366 }), [
          { date: '2026-02-04', count: 5 },
          { date: '2026-02-05', count: 5 },
        ]);
        assert.equal(await rows(storeId, segment.id), 2);
      });

      it('refuses days outside 1–366 with 400 invalid, on the wire and in the adapter', async () => {
        setClock('2026-07-01T12:00:00Z');
        const { adapter, get } = await store();
        const segment = await adapter.createSegment({
          name: 'M',
          type: 'filter',
          filter: inMumbai,
        });
        for (const days of ['0', '367', '1.5', '-1', 'seven', '']) {
          const response = await get(`/segments/${segment.id}/history?days=${days}`);
          assert.equal(response.status, 400, `days=${days}`);
          assert.equal(((await response.json()) as { code: string }).code, 'invalid');
        }
        assert.equal((await get(`/segments/${segment.id}/history`)).status, 400);
        for (const days of [0, 367, 1.5]) {
          assert.equal(
            (await rejection(adapter.countHistory(segment.id, { days }))).code,
            'invalid',
          );
        }
        const one = await get(`/segments/${segment.id}/history?days=1`);
        assert.equal(one.status, 200);
        assert.deepEqual(await one.json(), { points: [{ date: '2026-07-01', count: 0 }] });
        assert.deepEqual(await adapter.countHistory(segment.id, { days: 366 }), [
          { date: '2026-07-01', count: 0 },
        ]);
      });

      it('a second store sees none of the first store’s history', async () => {
        setClock('2026-08-01T12:00:00Z');
        const first = await store();
        const second = await store();
        await first.add(customers(3, 'Mumbai'));
        const segment = await first.adapter.createSegment({
          name: 'M',
          type: 'filter',
          filter: inMumbai,
        });
        // A predefined segment has the same id in every store: its history is each store's own.
        await first.adapter.countMembers({ segmentId: 'first-time-customers' });
        setClock('2026-08-02T12:00:00Z');
        assert.equal(
          (await rejection(second.adapter.countHistory(segment.id, { days: 7 }))).code,
          'not-found',
        );
        assert.deepEqual(await second.adapter.countHistory('first-time-customers', { days: 7 }), [
          { date: '2026-08-02', count: 0 },
        ]);
        assert.equal(
          (await first.adapter.countHistory('first-time-customers', { days: 7 })).length,
          2,
        );
      });

      it('not-found for an unknown segment, incomplete while importing; delete drops the rows', async () => {
        setClock('2026-09-01T12:00:00Z');
        const { adapter, storeId } = await store();
        assert.equal(
          (await rejection(adapter.countHistory('no-such-segment', { days: 7 }))).code,
          'not-found',
        );
        const csv = await adapter.createSegment(csvDraft('Upload', 1));
        assert.equal(
          (await rejection(adapter.countHistory(csv.id, { days: 7 }))).code,
          'incomplete',
        );
        await adapter.addMembers(csv.id, [{ email: 'a@example.in' }], { batchId: 'b1' });
        await adapter.finishImport(csv.id);
        assert.deepEqual(await adapter.countHistory(csv.id, { days: 7 }), [
          { date: '2026-09-01', count: 1 },
        ]);
        assert.equal(await rows(storeId, csv.id), 1);
        await adapter.deleteSegment(csv.id);
        assert.equal(await rows(storeId, csv.id), 0);
      });
    },
  );
}
