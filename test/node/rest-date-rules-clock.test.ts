import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestAdapter } from '../../src/adapters/rest/index.ts';
import type { Customer, FilterGroup } from '../../src/core.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * A segment with a date rule, on the reference backend whose clock the test moves: "today" of
 * the rule is the store's day, and a count remembered yesterday is not served today, so the
 * history a trend is drawn from has each day's own count. The customers never change; every
 * expected count is worked out by hand from their sign-up days.
 */

const signedUpLast3Days: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'createdOn', operator: 'inLast', value: { amount: 3, unit: 'days' } }],
};

/** One customer signed up on each of 1–10 November 2026, at noon UTC. */
const customers: Customer[] = Array.from({ length: 10 }, (_, i) => ({
  id: `c${i + 1}`,
  createdAt: `2026-11-${String(i + 1).padStart(2, '0')}T12:00:00Z`,
  ordersCount: 0,
  totalSpent: 0,
}));

describe('date rules on the reference backend follow its clock', () => {
  let backend: TestBackend;
  let at = new Date('2026-11-05T09:00:00Z');
  before(async () => {
    backend = await startTestBackend({ now: () => new Date(at) });
  });
  after(() => backend?.close());

  it('counts each day by that day, and the history keeps each day its own count', async () => {
    const made = await backend.newStore({ customers, orders: [], timeZone: 'UTC' });
    const adapter = new RestAdapter({
      baseUrl: backend.baseUrl,
      headers: { authorization: `Bearer ${made.apiKey}` },
    });
    const segment = await adapter.createSegment({
      name: 'New sign-ups',
      type: 'filter',
      filter: signedUpLast3Days,
    });
    // inLast 3 days on 5 Nov: 2–5 Nov, four customers; on 8 Nov: 5–8 Nov, four; on 12 Nov:
    // 9–12 Nov, two (nobody signed up after the 10th).
    const count = async (iso: string) => {
      at = new Date(iso);
      return (await adapter.countMembers({ segmentId: segment.id })).count;
    };
    assert.equal(await count('2026-11-05T09:00:00Z'), 4);
    assert.equal(await count('2026-11-12T09:00:00Z'), 2);
    assert.equal(await count('2026-11-13T09:00:00Z'), 1);
    // 11 Nov was not counted: it carries the count of 5 Nov.
    assert.deepEqual(await adapter.countHistory(segment.id, { days: 3 }), [
      { date: '2026-11-11', count: 4 },
      { date: '2026-11-12', count: 2 },
      { date: '2026-11-13', count: 1 },
    ]);
    at = new Date('2026-11-14T09:00:00Z');
    const listed = await adapter.listSegments({ scope: 'store' });
    // 11–14 Nov: nobody.
    assert.equal(listed.items.find((s) => s.id === segment.id)?.memberCount, 0);
  });
});
