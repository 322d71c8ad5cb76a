/**
 * The segment rules every adapter shares (src/segments/rules.ts): how a list of segments is
 * searched and paged, and which page links are refused. The LocalAdapter and the CachedAdapter
 * list segments through these; here they are walked page by page with hand-made segments.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSegmentError } from '../../src/core.ts';
import {
  PREDEFINED_LISTED,
  copyName,
  decodeOffset,
  encodeOffset,
  pageOf,
  sortKey,
  type Listed,
} from '../../src/segments/rules.ts';

function segment(id: string, name: string): Listed {
  return {
    id,
    name,
    type: 'filter',
    scope: 'store',
    filter: { combinator: 'and', rules: [] },
    readOnly: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const OWN = [
  segment('s1', 'Diwali buyers'),
  segment('s2', 'diwali Buyers'), // the same name in another case sorts by id after it
  segment('s3', 'Ämter'),
  segment('s4', 'Pune VIPs'),
  segment('s5', 'Holi 2026'),
];
const SORTED = [...PREDEFINED_LISTED, ...OWN]
  .map((s) => ({ key: sortKey(s), segment: s }))
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Every page from the first, following `next`; ids per page. */
function walk(q: { search?: string; limit?: number }): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = pageOf(SORTED, { ...q, cursor });
    pages.push(page.items.map((s) => s.id));
    cursor = page.next;
    assert.ok(pages.length <= 20, 'the pages never end');
  } while (cursor);
  return pages;
}

function refused(run: () => unknown, path: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isSegmentError(error, 'invalid'), String(error));
    assert.equal(error.issues?.[0]?.path, path);
    return true;
  });
}

describe('listing segments a page at a time', () => {
  test('predefined segments come first in their fixed order, then the store’s by name', () => {
    assert.deepEqual(walk({}), [
      [
        'first-time-customers',
        'returning-customers',
        'top-10-spenders',
        'top-50-spenders',
        'top-100-spenders',
        's1',
        's2',
        's5',
        's4',
        's3',
      ],
    ]);
  });

  test('pages of 3 hold every segment once, in order, and the last page has no next link', () => {
    const pages = walk({ limit: 3 });
    assert.deepEqual(
      pages.map((p) => p.length),
      [3, 3, 3, 1],
    );
    assert.deepEqual(pages.flat(), walk({})[0]);
    const last = pageOf(SORTED, { limit: 5 });
    assert.equal(last.total, 10);
    assert.ok(last.next);
    assert.equal(pageOf(SORTED, { limit: 10 }).next, undefined);
  });

  test('a search ignores case and surrounding spaces, and pages within what it found', () => {
    const found = pageOf(SORTED, { search: '  DIWALI ', limit: 1 });
    assert.deepEqual(
      found.items.map((s) => s.id),
      ['s1'],
    );
    assert.equal(found.total, 2);
    assert.deepEqual(walk({ search: 'diwali', limit: 1 }), [['s1'], ['s2']]);
    assert.deepEqual(walk({ search: 'ämter' }), [['s3']]);
    assert.deepEqual(walk({ search: 'top 1' }), [['top-10-spenders', 'top-100-spenders']]);
    assert.equal(pageOf(SORTED, { search: 'nothing like this' }).total, 0);
  });

  test('a page link made for one segment still works after that segment is deleted', () => {
    const first = pageOf(SORTED, { limit: 6 });
    assert.equal(first.items.at(-1)!.id, 's1');
    const without = SORTED.filter((e) => e.segment.id !== 's1');
    assert.deepEqual(
      pageOf(without, { cursor: first.next, limit: 6 }).items.map((s) => s.id),
      ['s2', 's5', 's4', 's3'],
    );
  });

  test('a page size outside 1–500 and a page link that is not ours are refused', () => {
    for (const limit of [0, -1, 501, 2.5, Number.NaN])
      refused(() => pageOf(SORTED, { limit }), 'limit');
    for (const cursor of ['%%%', '_w', '__8']) refused(() => pageOf(SORTED, { cursor }), 'cursor');
  });
});

describe('member page links', () => {
  test('a position survives the round trip, and the first page needs none', () => {
    assert.equal(decodeOffset(undefined), 0);
    for (const offset of [0, 1, 49, 100_000])
      assert.equal(decodeOffset(encodeOffset(offset)), offset);
  });

  test('a segment page link, a negative or fractional position and garbage are refused', () => {
    const segmentLink = pageOf(SORTED, { limit: 1 }).next!;
    const made = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const cursor of [segmentLink, made('m-1'), made('m1.5'), made('x5'), '%%%']) {
      refused(() => decodeOffset(cursor), 'cursor');
    }
  });
});

describe('copy names', () => {
  test('a copy of a name at the 100-character limit is cut so "(copy)" fits within it', () => {
    const long = 'ब'.repeat(60) + ' ' + 'x'.repeat(39); // 100 characters
    const none = () => false;
    const first = copyName(long, none);
    // 93 characters kept: the 60 letters, the space (dropped: it would end the cut) and 32 x.
    assert.equal(first, 'ब'.repeat(60) + ' ' + 'x'.repeat(32) + ' (copy)');
    assert.equal(first.length, 100);
    const taken = new Set([first.toLowerCase()]);
    const second = copyName(long, (key) => taken.has(key));
    assert.equal(second, 'ब'.repeat(60) + ' ' + 'x'.repeat(30) + ' (copy 2)');
    assert.equal(second.length, 100);
    // A cut that ends on a space loses it rather than keep "name  (copy)".
    assert.equal(copyName('a'.repeat(92) + ' ' + 'b'.repeat(7), none), 'a'.repeat(92) + ' (copy)');
  });
});
