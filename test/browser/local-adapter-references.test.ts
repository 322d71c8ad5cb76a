// Two tabs of one store change segments that name each other at the same moment. Whatever the
// interleaving, no segment may end up naming one that is gone, and no two may name each other;
// a segment that cannot be evaluated says so instead of counting 0 members.
import { expect } from '@open-wc/testing';
import type { FilterGroup, Segment } from '../../src/core.ts';
import { LocalDatabase } from '../../src/adapters/local/database.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import type { LocalStore } from '../../src/adapters/local/store.ts';
import { openStore, rejection, removeStores, storeOf } from '../helpers/local-stores.ts';

afterEach(removeStores);

const names = (ids: string[]): FilterGroup => ({
  combinator: 'and',
  rules: [{ field: 'segment', operator: 'in', value: ids }],
});
const plain: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};
const draft = (name: string, filter: FilterGroup) => ({ name, type: 'filter' as const, filter });

/** Two adapters on one store: two tabs of the same seller. */
function twoTabs(): [LocalAdapter, LocalAdapter] {
  const first = openStore();
  return [first, openStore({ storeId: first.storeId })];
}

/**
 * Makes `tab`'s next write wait until `other` has done its work: the moment after `tab` checked
 * the segments it knew and before its transaction, which is when another tab's change slips in.
 */
async function interleave(tab: LocalAdapter, other: () => Promise<unknown>): Promise<void> {
  const store = await storeOf(tab);
  const write = store.writeSegments.bind(store);
  store.writeSegments = (async (...args: Parameters<LocalStore['writeSegments']>) => {
    store.writeSegments = write;
    await other();
    return write(...args);
  }) as LocalStore['writeSegments'];
}

/** The store as a fresh tab reads it: no segment names a missing one, none names itself. */
async function assertReferencesHold(storeId: string): Promise<Segment[]> {
  const reader = openStore({ storeId });
  const { items } = await reader.listSegments({ scope: 'store', limit: 200 });
  const byId = new Map(items.map((s) => [s.id, s]));
  const refs = (s: Segment) =>
    (s.filter?.rules ?? []).flatMap((r) =>
      'field' in r && r.field === 'segment' ? (r.value as string[]) : [],
    );
  for (const segment of items) {
    for (const id of refs(segment))
      expect(byId.has(id), `${segment.name} names ${id}`).to.equal(true);
    // Following references from any segment never comes back to it.
    const seen = new Set<string>();
    const queue = refs(segment);
    while (queue.length) {
      const id = queue.pop()!;
      expect(id, `${segment.name} reaches itself`).not.to.equal(segment.id);
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...refs(byId.get(id)!));
    }
    expect(segment.memberCount, segment.name).to.be.a('number');
  }
  return items;
}

describe('LocalAdapter: segment references across tabs', () => {
  it('creating A → B while another tab deletes B stores no dangling reference', async () => {
    const [tab1, tab2] = twoTabs();
    const b = await tab1.createSegment(draft('B', plain));
    await tab2.listSegments({ scope: 'store' }); // both tabs know B
    await interleave(tab1, () => tab2.deleteSegment(b.id));
    const refused = await rejection(tab1.createSegment(draft('A', names([b.id]))));
    expect(refused.code).to.equal('invalid');
    expect(refused.issues.map((i) => i.code)).to.deep.equal(['unknown-segment']);
    const stored = await assertReferencesHold(tab1.storeId);
    expect(stored.filter((s) => s.type === 'filter').map((s) => s.name)).to.deep.equal([]);
  });

  it('deleting B while another tab creates A → B: the delete is refused, A stands', async () => {
    const [tab1, tab2] = twoTabs();
    const b = await tab1.createSegment(draft('B', plain));
    let a: Segment | undefined;
    await interleave(tab2, async () => (a = await tab1.createSegment(draft('A', names([b.id])))));
    const refused = await rejection(tab2.deleteSegment(b.id));
    expect(refused.issues.map((i) => i.code)).to.deep.equal(['in-use']);
    const stored = await assertReferencesHold(tab1.storeId);
    expect(stored.map((s) => s.id)).to.include.members([a!.id, b.id]);
  });

  it('P → Q and Q → P saved at the same moment: the second is refused as a cycle', async () => {
    const [tab1, tab2] = twoTabs();
    const p = await tab1.createSegment(draft('P', plain));
    const q = await tab1.createSegment(draft('Q', plain));
    await tab2.listSegments({ scope: 'store' });
    await interleave(tab1, () =>
      tab2.updateSegment(q.id, draft('Q', names([p.id])), { expectedVersion: q.version }),
    );
    const refused = await rejection(
      tab1.updateSegment(p.id, draft('P', names([q.id])), { expectedVersion: p.version }),
    );
    expect(refused.issues.map((i) => i.code)).to.deep.equal(['segment-cycle']);
    await assertReferencesHold(tab1.storeId);
    // Both can still be deleted, dependant first.
    await tab1.deleteSegment(q.id);
    await tab2.deleteSegment(p.id);
  });

  it('a copy made while another tab deletes what the original names is refused too', async () => {
    const [tab1, tab2] = twoTabs();
    const b = await tab1.createSegment(draft('B', plain));
    const a = await tab1.createSegment(draft('A', names([b.id])));
    await tab2.listSegments({ scope: 'store' });
    // The other tab removes A (so B is free) and then B, between the copy's check and its write.
    await interleave(tab1, async () => {
      await tab2.deleteSegment(a.id);
      await tab2.deleteSegment(b.id);
    });
    const refused = await rejection(tab1.duplicateSegment(a.id));
    expect(refused.issues.map((i) => i.code)).to.deep.equal(['unknown-segment']);
    await assertReferencesHold(tab1.storeId);
  });

  it('racing tabs, round after round, never leave a dangling reference or a cycle', async () => {
    const [tab1, tab2] = twoTabs();
    for (let round = 0; round < 8; round++) {
      const b = await tab1.createSegment(draft(`B${round}`, plain));
      const p = await tab2.createSegment(draft(`P${round}`, plain));
      await Promise.all([
        tab1.listSegments({ scope: 'store' }),
        tab2.listSegments({ scope: 'store' }),
      ]);
      await Promise.allSettled([
        tab1.createSegment(draft(`A${round}`, names([b.id]))),
        tab2.deleteSegment(b.id),
        tab1.updateSegment(p.id, draft(`P${round}`, names([b.id])), { expectedVersion: p.version }),
      ]);
      await assertReferencesHold(tab1.storeId);
    }
  });

  it('a segment that cannot be evaluated reports an error, never a count of 0', async () => {
    const adapter = openStore();
    const b = await adapter.createSegment(draft('B', plain));
    const a = await adapter.createSegment(draft('A', names([b.id])));
    // A store written before references were checked in the write: B deleted under A.
    const db = new LocalDatabase(adapter.storeId);
    await db.transaction('rw', [db.meta, db.segments], async () => {
      await db.segments.delete(b.id);
      const state = (await db.meta.get('state'))!;
      await db.meta.put({ ...state, segmentsVersion: state.segmentsVersion + 1 });
    });
    db.close();
    const error = await rejection(adapter.countMembers({ segmentId: a.id }));
    expect(error.code).to.equal('invalid');
    expect(error.issues.map((i) => i.code)).to.include('unknown-segment');
    expect((await adapter.getSegment(a.id)).memberCount).to.equal(null);
    expect((await rejection(adapter.listMembers(a.id, {}))).code).to.equal('invalid');
  });
});
