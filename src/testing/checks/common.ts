import type { MembersTarget, SegmentAdapter } from '../../adapter.ts';
import type { Customer, FilterGroup, Segment, SegmentDraft, SegmentScope } from '../../model.ts';
import { ensure, show } from './expect.ts';

/** Drafts and reads the checks share. */

export const filterDraft = (name: string, filter: FilterGroup): SegmentDraft => ({
  name,
  type: 'filter',
  filter,
});

export const csvDraft = (name: string, accepted = 0): SegmentDraft => ({
  name,
  type: 'csv',
  csv: {
    fileName: 'contacts.csv',
    phoneColumn: 'phone',
    emailColumn: 'email',
    accepted,
    rejected: 0,
    duplicates: 0,
  },
});

/** A filter any adapter must accept: customers with at least one order. */
export const BUYERS: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};

/** Every segment of a scope, following cursors; fails on a cursor loop or a wrong total. */
export async function listAll(
  adapter: SegmentAdapter,
  scope: SegmentScope,
  search?: string,
  limit = 100,
): Promise<Segment[]> {
  const items: Segment[] = [];
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    ensure(page < 1_000, `listSegments(${scope}) kept returning a next cursor`);
    const result = await adapter.listSegments({ scope, search, cursor, limit });
    items.push(...result.items);
    if (!result.next) {
      ensure(
        result.total === items.length,
        `listSegments(${scope}, search ${show(search)}): total ${result.total} but ${items.length} items listed`,
      );
      return items;
    }
    cursor = result.next;
  }
}

export async function segmentNamed(
  adapter: SegmentAdapter,
  scope: SegmentScope,
  name: string,
): Promise<Segment> {
  const found = (await listAll(adapter, scope)).find((s) => s.name === name);
  ensure(found, `listSegments(${scope}) has no segment named ${show(name)}`);
  return found;
}

/** Every member of a segment, following cursors with a small page so paging is exercised. */
export async function allMembers(
  adapter: SegmentAdapter,
  target: MembersTarget,
  limit = 7,
): Promise<{ items: Customer[]; total: number }> {
  const segmentId = typeof target === 'string' ? target : 'a filter';
  const items: Customer[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let page = 0; ; page++) {
    ensure(page < 10_000, `listMembers(${segmentId}) kept returning a next cursor`);
    const result = await adapter.listMembers(target, { cursor, limit });
    ensure(
      result.items.length <= limit,
      `listMembers(${segmentId}, limit ${limit}) returned ${result.items.length} items`,
    );
    ensure(
      total === -1 || result.total === total,
      `listMembers(${segmentId}) total changed between pages: ${total} then ${result.total}`,
    );
    total = result.total;
    items.push(...result.items);
    if (!result.next) return { items, total };
    cursor = result.next;
  }
}

/** Ids of a listing, failing when one appears twice. */
export function uniqueIds(items: readonly { id: string }[], what: string): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    ensure(!ids.has(item.id), `${what}: ${show(item.id)} was listed twice`);
    ids.add(item.id);
  }
  return ids;
}

export function sameSet(
  actual: ReadonlySet<string>,
  expected: ReadonlySet<string>,
  what: string,
): void {
  const missing = [...expected].filter((id) => !actual.has(id));
  const extra = [...actual].filter((id) => !expected.has(id));
  ensure(
    missing.length === 0 && extra.length === 0,
    `${what}: expected ${expected.size} ids, got ${actual.size}; missing ${show(missing.slice(0, 5))}, unexpected ${show(extra.slice(0, 5))}`,
  );
}
