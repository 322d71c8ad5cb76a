import { expect } from '@open-wc/testing';
import { SegmentError, type FilterGroup } from '../../src/core.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { nextChange, openCache, removeCaches } from '../helpers/caches.ts';
import { openStore, rejection, removeStores } from '../helpers/local-stores.ts';

/**
 * A copy the CachedAdapter lists before the inner adapter has made it can be used at once, as a
 * seller does who opens its menu right away: reading, counting, editing or deleting it under the
 * id it was listed under waits for the copy and reaches the real one.
 */
const buyers: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};

afterEach(async () => {
  await removeCaches();
  await removeStores();
});

describe('CachedAdapter: a copy still being made', () => {
  it('is read, counted, edited and deleted under the id it was listed under', async () => {
    const backend = openStore();
    await backend.createSegment({ name: 'Diwali', type: 'filter', filter: buyers });
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    const source = (await cache.listSegments({ scope: 'store' })).items.find(
      (s) => s.name === 'Diwali',
    )!;

    const release = inner.hold();
    const copying = cache.duplicateSegment(source.id);
    await nextChange(cache);
    const listed = (await cache.listSegments({ scope: 'store' })).items.find(
      (s) => s.name === 'Diwali (copy)',
    )!;
    const reading = cache.getSegment(listed.id);
    const counting = cache.countMembers({ segmentId: listed.id });
    release();
    const copy = await copying;
    expect(await reading).to.deep.include({ id: copy.id, name: 'Diwali (copy)' });
    expect(await counting).to.deep.equal(await backend.countMembers({ segmentId: copy.id }));

    const edited = await cache.updateSegment(
      listed.id,
      { name: 'Diwali again', type: 'filter', filter: buyers },
      { expectedVersion: copy.version },
    );
    expect(edited.id).to.equal(copy.id);
    expect((await backend.getSegment(copy.id)).name).to.equal('Diwali again');
    await cache.deleteSegment(listed.id);
    expect((await rejection(backend.getSegment(copy.id))).code).to.equal('not-found');
  });

  it('that the inner adapter refused answers not-found', async () => {
    const backend = openStore();
    const inner = new ControlledAdapter(backend);
    const cache = openCache(inner, { staleMs: 60_000 });
    await cache.listSegments({ scope: 'store' });
    const release = inner.hold();
    inner.refuseNext('duplicateSegment', new SegmentError('unavailable', 'offline'));
    const copying = rejection(cache.duplicateSegment('returning-customers'));
    await nextChange(cache);
    const listed = (await cache.listSegments({ scope: 'store' })).items.find((s) =>
      s.name.startsWith('Returning Customers (copy'),
    )!;
    const reading = rejection(cache.getSegment(listed.id));
    release();
    expect((await copying).code).to.equal('unavailable');
    expect((await reading).code).to.equal('not-found');
  });
});
