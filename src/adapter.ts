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
  /**
   * A CSV segment starts as `status: 'importing'` (see `finishImport`). With
   * `o.idempotencyKey`, the same key and draft answer the same segment (so a create whose answer
   * was lost can be sent again); the same key with another draft is `invalid` (`key-reused`).
   */
  createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment>;
  updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment>;
  deleteSegment(id: string, o?: CallOptions): Promise<void>;
  duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment>;
  countMembers(target: CountTarget, o?: CallOptions): Promise<{ count: number; total: number }>;
  listMembers(
    segmentId: string,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>>;
  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }>;
  /**
   * Marks an importing CSV segment 'ready' once every contact of its file landed
   * (`progress.received` reached `csv.accepted`); rejects `incomplete` before that. A segment
   * that is ready already is answered as it is, so a lost answer can be asked again.
   */
  finishImport(segmentId: string, o?: CallOptions): Promise<Segment>;
}

/** Options of `createSegment`. */
export interface CreateOptions extends CallOptions {
  /** 1–200 characters, unique per attempt to create one segment (e.g. a random UUID). */
  idempotencyKey?: string;
}

export const SEGMENTS_CHANGED = 'segments-changed';
