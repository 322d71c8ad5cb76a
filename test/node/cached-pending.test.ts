/**
 * What the CachedAdapter shows while a delete or a duplicate is on its way to the inner adapter
 * (src/adapters/cached/optimistic.ts): the list changes the moment the seller acts, and goes
 * back exactly when the change is undone.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Segment } from '../../src/core.ts';
import { PendingChanges } from '../../src/adapters/cached/optimistic.ts';

function segment(id: string, name: string, scope: 'store' | 'global' = 'store'): Segment {
  return {
    id,
    name,
    type: 'filter',
    scope,
    filter: { combinator: 'and', rules: [] },
    readOnly: scope === 'global',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    memberCount: 12,
  };
}

const diwali = segment('s1', 'Diwali buyers');
const holi = segment('s2', 'Holi buyers');
const page: Page<Segment> = { items: [diwali, holi], total: 7, next: 'p2' };
const names = (p: Page<Segment>) => p.items.map((s) => s.name);

describe('pending deletes and copies in the segment list', () => {
  test('a segment being deleted is gone from every page until the delete is undone', () => {
    const pending = new PendingChanges();
    const undoFirst = pending.hide('s1');
    const undoSecond = pending.hide('s1'); // asked twice: both must be undone
    const shown = pending.apply(page, { scope: 'store' });
    assert.deepEqual(names(shown), ['Holi buyers']);
    assert.equal(shown.total, 6);
    assert.equal(shown.next, 'p2');
    undoFirst();
    undoFirst();
    assert.deepEqual(names(pending.apply(page, { scope: 'store' })), ['Holi buyers']);
    undoSecond();
    assert.deepEqual(pending.apply(page, { scope: 'store' }), page);
    // A segment on another page being deleted changes nothing on this one.
    pending.hide('s9');
    assert.deepEqual(pending.apply(page, { scope: 'store' }), page);
  });

  test('a copy appears right after its source on the first page of the store list', () => {
    const pending = new PendingChanges();
    const undo = pending.addCopy(diwali, ['Diwali buyers', 'Diwali buyers (copy)']);
    const shown = pending.apply(page, { scope: 'store' });
    assert.deepEqual(names(shown), ['Diwali buyers', 'Diwali buyers (copy 2)', 'Holi buyers']);
    assert.equal(shown.total, 8);
    const copy = shown.items[1]!;
    assert.match(copy.id, /^pending:/);
    assert.deepEqual(
      { type: copy.type, scope: copy.scope, readOnly: copy.readOnly, version: copy.version },
      { type: 'filter', scope: 'store', readOnly: false, version: 1 },
    );
    assert.equal(copy.memberCount, 12);
    undo();
    assert.deepEqual(pending.apply(page, { scope: 'store' }), page);
  });

  test('a copy is not shown on later pages, in the Global tab, or under a search it misses', () => {
    const pending = new PendingChanges();
    pending.addCopy(segment('g1', 'Metro Shoppers', 'global'), [], 'My metro shoppers');
    assert.deepEqual(pending.apply(page, { scope: 'store', cursor: 'p2' }), page);
    assert.deepEqual(pending.apply(page, { scope: 'global' }), page);
    assert.deepEqual(names(pending.apply(page, { scope: 'store', search: 'holi' })), names(page));
    const found = pending.apply(page, { scope: 'store', search: '  METRO ' });
    // Its source is not on this page, so it goes last; it is the store's own, editable copy.
    assert.deepEqual(names(found), ['Diwali buyers', 'Holi buyers', 'My metro shoppers']);
    assert.deepEqual(
      { scope: found.items[2]!.scope, readOnly: found.items[2]!.readOnly },
      { scope: 'store', readOnly: false },
    );
  });

  test('a copy is found by the search the list itself answers: any case, é typed either way', () => {
    const pending = new PendingChanges();
    pending.addCopy(segment('s3', 'Café Regulars'), []);
    const shown = (search: string) => names(pending.apply(page, { scope: 'store', search }));
    const withCopy = ['Diwali buyers', 'Holi buyers', 'Café Regulars (copy)'];
    assert.deepEqual(shown('REGULARS'), withCopy);
    // "é" as e + U+0301 (how some keyboards send it) is the same name as the precomposed one.
    assert.deepEqual(shown('CAFE\u0301 '), withCopy);
    assert.deepEqual(shown('cafe'), names(page));
  });
});
