import type { CountTarget, ListSegmentsQuery, Page } from '../../adapter.ts';
import type { FilterGroup, Segment } from '../../model.ts';
import { referencedSegmentIds } from '../../segments/rules.ts';

/**
 * What each cached answer is filed under (its key) and what it depends on (its tags). A write
 * drops every answer carrying a tag it touches, so what the seller just changed is never
 * answered from before the change. Tags are coarse on purpose: dropping a little too much costs
 * one request, keeping a stale answer hides a write.
 *
 * - `list:<scope>`: every listSegments page of that scope (names, order, totals, counts);
 * - `seg:<id>`: the segment, its member count and its first page of members;
 * - `derived`: every member count and member page of a segment, since a segment's filter may
 *   name the segment that changed (`segment in [...]`) and its answer does not say so;
 * - `refs`: answers holding a filter that names other segments;
 * - `filter-count`: live counts of a filter over the customers, which only new customer data
 *   changes (the inner adapter's 'segments-changed' ages them).
 */
export const LIST_STORE = 'list:store';
const DERIVED = 'derived';
const REFS = 'refs';
const FILTER_COUNT = 'filter-count';

export const listKey = (q: ListSegmentsQuery): string =>
  `list:${JSON.stringify([q.scope, q.search ?? '', q.cursor ?? '', q.limit ?? null])}`;

export const listTags = (q: ListSegmentsQuery, page: Page<Segment>): string[] => [
  `list:${q.scope}`,
  ...(page.items.some((s) => names(s.filter)) ? [REFS] : []),
];

export const segmentKey = (id: string): string => `seg:${id}`;

export const segmentTags = (segment: Segment): string[] => [
  `seg:${segment.id}`,
  ...(names(segment.filter) ? [REFS] : []),
];

/** undefined when the filter is not JSON (a cycle, a BigInt): such a count is not cached. */
export function countKey(target: CountTarget): string | undefined {
  if (target && 'segmentId' in target) return `count:seg:${target.segmentId}`;
  try {
    return `count:filter:${JSON.stringify(target?.filter)}`;
  } catch {
    return undefined;
  }
}

export const countTags = (target: CountTarget): string[] =>
  'segmentId' in target
    ? [`seg:${target.segmentId}`, DERIVED]
    : [names(target.filter) ? REFS : FILTER_COUNT];

export const membersKey = (segmentId: string, limit: number | undefined): string =>
  `members:${JSON.stringify([segmentId, limit ?? null])}`;

export const membersTags = (segmentId: string): string[] => [`seg:${segmentId}`, DERIVED];

/** A segment's count history over `days` days: it moves with the segment's count. */
export const historyKey = (segmentId: string, days: number): string =>
  `history:${JSON.stringify([segmentId, days])}`;

export const historyTags = (segmentId: string): string[] => [`seg:${segmentId}`, DERIVED];

/** What a change to segment `id` (its filter, members, or its removal) may have changed. */
export const touchedBy = (id: string): string[] => [LIST_STORE, `seg:${id}`, REFS, DERIVED];

const names = (filter: FilterGroup | undefined): boolean => {
  try {
    return referencedSegmentIds(filter).length > 0;
  } catch {
    return true; // a filter we cannot read: assume the worst
  }
};
