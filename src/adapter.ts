import type { Customer, FilterGroup, Segment, SegmentDraft, SegmentScope } from './model.ts';

/** Options every adapter call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListSegmentsQuery {
  scope: SegmentScope;
  search?: string;
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  next?: string;
}

export type CountTarget = { segmentId: string } | { filter: FilterGroup };

/**
 * Whose members `listMembers` lists: a segment by id, or the customers a filter matches (a
 * filter being edited, "who would join": no segment need exist).
 */
export type MembersTarget = string | { filter: FilterGroup };

export interface MemberContact {
  phone?: string;
  email?: string;
}

/**
 * The only way the elements reach data. Fires 'segments-changed' whenever
 * segments or their member counts may have changed, including changes made in another tab.
 * Every method rejects with a SegmentError.
 */
export interface SegmentAdapter extends EventTarget {
  listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>>;
  getSegment(id: string, o?: CallOptions): Promise<Segment>;
  createSegment(draft: SegmentDraft, o?: CallOptions): Promise<Segment>;
  updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment>;
  deleteSegment(id: string, o?: CallOptions): Promise<void>;
  duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment>;
  countMembers(target: CountTarget, o?: CallOptions): Promise<{ count: number; total: number }>;
  /**
   * One page of members of a segment (by id), or of the customers a filter matches
   * (`{ filter }`, validated as `countMembers` validates it; `total` is then its count).
   */
  listMembers(
    target: MembersTarget,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>>;
  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }>;
}

export const SEGMENTS_CHANGED = 'segments-changed';
