import { expect } from '@open-wc/testing';
import type { CountPoint, FilterGroup } from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { csvDraft } from '../../src/testing/checks/common.ts';
import { openStore, rejection, removeStores, storeOf } from '../helpers/local-stores.ts';
import { legacyDatabase } from '../helpers/legacy-databases.ts';

// countHistory on the LocalAdapter: daily snapshots in IndexedDB, counted by a clock the test
// moves. Every expected history below is written out by hand.

afterEach(removeStores);

const inMumbai: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Mumbai' }],
};

/** A clock the test sets: the adapter asks it for "now". */
function clock(start: string) {
  let at = new Date(start);
  return {
    now: () => new Date(at),
    set: (iso: string) => (at = new Date(iso)),
  };
}

let next = 0;
/** `n` customers in `city`, each new. */
const customers = (n: number, city: string) =>
  Array.from({ length: n }, () => ({
    id: `c${++next}`,
    city,
    createdAt: '2026-01-01T00:00:00Z',
  }));

/** How many snapshots of the segment the adapter's database holds. */
async function storedSnapshots(adapter: LocalAdapter, segmentId: string): Promise<number> {
  const { db } = await storeOf(adapter);
  return db.countSnapshots
    .where('[segmentId+date]')
    .between([segmentId, ''], [segmentId, '\uffff'])
    .count();
}

async function mumbaiSegment(adapter: LocalAdapter) {
  return adapter.createSegment({ name: 'Mumbai', type: 'filter', filter: inMumbai });
}

describe('LocalAdapter: countHistory', () => {
  it('builds a 30-day history from counts taken on different days, carrying quiet days', async () => {
    const time = clock('2026-11-01T09:00:00Z');
    const adapter = openStore({ timeZone: 'UTC', now: time.now });
    const segment = await mumbaiSegment(adapter);
    // Day 1: 2 members. Day 2: 5. Days 3–9 nobody counts. Day 10: 6. Day 30: 6 again.
    await adapter.importCustomers(customers(2, 'Mumbai'));
    expect((await adapter.countMembers({ segmentId: segment.id })).count).to.equal(2);
    time.set('2026-11-02T09:00:00Z');
    await adapter.importCustomers([...customers(3, 'Mumbai'), ...customers(4, 'Pune')]);
    // A list counts too: its count is the day's snapshot.
    const listed = (await adapter.listSegments({ scope: 'store' })).items;
    expect(listed.find((s) => s.id === segment.id)?.memberCount).to.equal(5);
    time.set('2026-11-10T23:59:59Z');
    await adapter.importCustomers(customers(1, 'Mumbai'));
    expect((await adapter.getSegment(segment.id)).memberCount).to.equal(6);
    time.set('2026-11-30T00:00:00Z');

    const history = await adapter.countHistory(segment.id, { days: 30 });
    const expected: CountPoint[] = [
      { date: '2026-11-01', count: 2 },
      ...['02', '03', '04', '05', '06', '07', '08', '09'].map((d) => ({
        date: `2026-11-${d}`,
        count: 5,
      })),
    ];
    for (let day = 10; day <= 30; day++) expected.push({ date: `2026-11-${day}`, count: 6 });
    expect(history).to.deep.equal(expected);

    // A shorter window starts later; the count it starts with is carried in from before it.
    expect(await adapter.countHistory(segment.id, { days: 3 })).to.deep.equal([
      { date: '2026-11-28', count: 6 },
      { date: '2026-11-29', count: 6 },
      { date: '2026-11-30', count: 6 },
    ]);
    // A window longer than the segment's life starts on its first count.
    expect((await adapter.countHistory(segment.id, { days: 366 }))[0]).to.deep.equal({
      date: '2026-11-01',
      count: 2,
    });
  });

  it('two counts on one day make one point, the later count', async () => {
    const time = clock('2026-11-05T01:00:00Z');
    const adapter = openStore({ now: time.now });
    const segment = await mumbaiSegment(adapter);
    await adapter.importCustomers(customers(1, 'Mumbai'));
    await adapter.countMembers({ segmentId: segment.id });
    time.set('2026-11-05T22:00:00Z');
    await adapter.importCustomers(customers(2, 'Mumbai'));
    await adapter.countMembers({ segmentId: segment.id });
    expect(await adapter.countHistory(segment.id, { days: 7 })).to.deep.equal([
      { date: '2026-11-05', count: 3 },
    ]);
  });

  it('takes calendar days in the store’s time zone (Asia/Kolkata is 5:30 ahead of UTC)', async () => {
    const time = clock('2026-11-28T18:29:00Z'); // 23:59 in Kolkata, 28 November
    const kolkata = openStore({ timeZone: 'Asia/Kolkata', now: time.now });
    const utc = openStore({ timeZone: 'UTC', now: time.now });
    for (const adapter of [kolkata, utc]) await adapter.importCustomers(customers(1, 'Mumbai'));
    const a = await mumbaiSegment(kolkata);
    const b = await mumbaiSegment(utc);
    await kolkata.countMembers({ segmentId: a.id });
    await utc.countMembers({ segmentId: b.id });
    // 23:30 UTC on the 28th is 05:00 on the 29th in Kolkata.
    time.set('2026-11-28T23:30:00Z');
    for (const adapter of [kolkata, utc]) await adapter.importCustomers(customers(1, 'Mumbai'));
    expect(await kolkata.countHistory(a.id, { days: 2 })).to.deep.equal([
      { date: '2026-11-28', count: 1 },
      { date: '2026-11-29', count: 2 },
    ]);
    expect(await utc.countHistory(b.id, { days: 2 })).to.deep.equal([
      { date: '2026-11-28', count: 2 },
    ]);
  });

  it('keeps 400 days of snapshots per segment, then forgets the oldest', async () => {
    const time = clock('2025-01-01T12:00:00Z');
    const adapter = openStore({ now: time.now });
    const segment = await mumbaiSegment(adapter);
    await adapter.importCustomers(customers(4, 'Mumbai'));
    await adapter.countMembers({ segmentId: segment.id }); // 4 on 2025-01-01
    await adapter.importCustomers(customers(1, 'Mumbai'));
    // 399 days later (2026-02-04) the first snapshot is still kept: the window's first day,
    // 2025-02-04, carries its 4 in.
    time.set('2026-02-04T12:00:00Z');
    const year = await adapter.countHistory(segment.id, { days: 366 });
    expect(year).to.have.length(366);
    expect(year[0]).to.deep.equal({ date: '2025-02-04', count: 4 });
    expect(year[364]).to.deep.equal({ date: '2026-02-03', count: 4 });
    expect(year[365]).to.deep.equal({ date: '2026-02-04', count: 5 });
    // One day more and it is 400 days old: gone, so the history starts at the next snapshot.
    time.set('2026-02-05T12:00:00Z');
    expect(await adapter.countHistory(segment.id, { days: 366 })).to.deep.equal([
      { date: '2026-02-04', count: 5 },
      { date: '2026-02-05', count: 5 },
    ]);
    expect(await storedSnapshots(adapter, segment.id)).to.equal(2);
  });

  it('refuses days outside 1–366 as invalid and answers 1 and 366', async () => {
    const adapter = openStore();
    const segment = await mumbaiSegment(adapter);
    for (const days of [0, 367, 1.5, -1, Number.NaN, '7', undefined]) {
      const error = await rejection(adapter.countHistory(segment.id, { days: days as number }));
      expect(error.code, String(days)).to.equal('invalid');
      expect(error.issues[0]?.path).to.equal('days');
    }
    const today = new Date().toISOString().slice(0, 10);
    const one = await adapter.countHistory(segment.id, { days: 1 });
    // The real clock (UTC store): today's point, unless midnight passed in between.
    expect(one).to.have.length(1);
    expect(one[0]!.count).to.equal(0);
    expect(one[0]!.date >= today).to.equal(true);
    expect(await adapter.countHistory(segment.id, { days: 366 })).to.have.length(1);
  });

  it('answers not-found for an unknown segment and incomplete while a CSV segment imports', async () => {
    const adapter = openStore();
    expect((await rejection(adapter.countHistory('nope', { days: 7 }))).code).to.equal('not-found');
    const csv = await adapter.createSegment(csvDraft('Upload', 1));
    expect((await rejection(adapter.countHistory(csv.id, { days: 7 }))).code).to.equal(
      'incomplete',
    );
    await adapter.addMembers(csv.id, [{ email: 'a@example.in' }], { batchId: 'b1' });
    await adapter.finishImport(csv.id);
    const points = await adapter.countHistory(csv.id, { days: 7 });
    expect(points.map((p) => p.count)).to.deep.equal([1]);
  });

  it('keeps predefined segments’ history too, and deleting a segment deletes its history', async () => {
    const time = clock('2026-03-01T10:00:00Z');
    const adapter = openStore({ now: time.now });
    const segment = await mumbaiSegment(adapter);
    await adapter.countMembers({ segmentId: segment.id });
    expect(await adapter.countHistory('first-time-customers', { days: 1 })).to.deep.equal([
      { date: '2026-03-01', count: 0 },
    ]);
    await adapter.deleteSegment(segment.id);
    expect(await storedSnapshots(adapter, segment.id)).to.equal(0);
    expect(await storedSnapshots(adapter, 'first-time-customers')).to.equal(1);
  });

  it('keeps snapshots when the database is closed and opened again', async () => {
    const time = clock('2026-06-01T10:00:00Z');
    const first = openStore({ now: time.now });
    const segment = await mumbaiSegment(first);
    await first.importCustomers(customers(3, 'Mumbai'));
    await first.countMembers({ segmentId: segment.id });
    first.close();
    time.set('2026-06-03T10:00:00Z');
    const reopened = openStore({ storeId: first.storeId, now: time.now });
    expect(await reopened.countHistory(segment.id, { days: 5 })).to.deep.equal([
      { date: '2026-06-01', count: 3 },
      { date: '2026-06-02', count: 3 },
      { date: '2026-06-03', count: 3 },
    ]);
  });

  it('opens a database of the previous version, its segments intact, and keeps history on it', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const old = legacyDatabase(storeId, 3);
    const at = '2026-05-01T10:00:00.000Z';
    await old
      .table('meta')
      .put({ key: 'state', dataVersion: 0, segmentsVersion: 1, customers: 0, orders: 0 });
    await old.table('segments').put({
      id: 'legacy',
      name: 'Legacy Mumbai',
      nameKey: 'legacy mumbai',
      type: 'filter',
      filter: inMumbai,
      memberTotal: 0,
      version: 3,
      createdAt: at,
      updatedAt: at,
    });
    old.close();

    const time = clock('2026-05-02T10:00:00Z');
    const adapter = openStore({ storeId, now: time.now });
    const listed = (await adapter.listSegments({ scope: 'store' })).items;
    expect(listed.find((s) => s.id === 'legacy')).to.include({ name: 'Legacy Mumbai', version: 3 });
    await adapter.importCustomers(customers(2, 'Mumbai'));
    time.set('2026-05-03T10:00:00Z');
    expect(await adapter.countHistory('legacy', { days: 3 })).to.deep.equal([
      { date: '2026-05-02', count: 0 },
      { date: '2026-05-03', count: 2 },
    ]);
  });
});
