import { expect } from '@open-wc/testing';
import type { FilterGroup } from '../../src/core.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { openCache, removeCaches, settle } from '../helpers/caches.ts';
import { openStore, rejection, removeStores } from '../helpers/local-stores.ts';

// countHistory through the CachedAdapter: kept like a segment's count, dropped by writes to it.

afterEach(async () => {
  await removeCaches();
  await removeStores();
});

const inMumbai: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Mumbai' }],
};

const mumbaiCustomer = (id: string) => ({ id, city: 'Mumbai', createdAt: '2026-01-01T00:00:00Z' });

describe('CachedAdapter: countHistory', () => {
  it('answers a repeat from the cache, even offline', async () => {
    const backend = openStore({ now: () => new Date('2026-04-10T08:00:00Z') });
    await backend.importCustomers([mumbaiCustomer('a'), mumbaiCustomer('b')]);
    const segment = await backend.createSegment({ name: 'M', type: 'filter', filter: inMumbai });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const first = await cache.countHistory(segment.id, { days: 30 });
    expect(first).to.deep.equal([{ date: '2026-04-10', count: 2 }]);
    await settle();
    inner.offline = true;
    expect(await cache.countHistory(segment.id, { days: 30 })).to.deep.equal(first);
    expect(inner.calls.countHistory).to.equal(1);
    // Another window is another answer: not cached, so offline it fails.
    expect((await rejection(cache.countHistory(segment.id, { days: 7 }))).code).to.equal(
      'unavailable',
    );
  });

  it('asks again after a write to the segment', async () => {
    const backend = openStore({ now: () => new Date('2026-04-10T08:00:00Z') });
    await backend.importCustomers([mumbaiCustomer('a')]);
    const segment = await backend.createSegment({ name: 'M', type: 'filter', filter: inMumbai });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    expect(await cache.countHistory(segment.id, { days: 7 })).to.deep.equal([
      { date: '2026-04-10', count: 1 },
    ]);
    await cache.updateSegment(
      segment.id,
      {
        name: 'Pune',
        type: 'filter',
        filter: {
          combinator: 'and',
          rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
        },
      },
      { expectedVersion: segment.version },
    );
    // Today's point is the count of the segment as it is now.
    expect(await cache.countHistory(segment.id, { days: 7 })).to.deep.equal([
      { date: '2026-04-10', count: 0 },
    ]);
    expect(inner.calls.countHistory).to.equal(2);
  });

  it('refuses days outside 1–366 without asking the inner adapter', async () => {
    const inner = new ControlledAdapter(openStore());
    const cache = openCache(inner);
    for (const days of [0, 367, 2.5]) {
      expect((await rejection(cache.countHistory('returning-customers', { days }))).code).to.equal(
        'invalid',
      );
    }
    expect(inner.calls.countHistory).to.equal(0);
  });
});
