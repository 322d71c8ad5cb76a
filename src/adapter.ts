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
  /**
   * The people a campaign reaches: the union of the `include` segments' members minus the
   * members of the `exclude` segments, each person once, keeping only those reachable on
   * `channel` (and, with `consentOnly`, only those who accept marketing). `removed` says how
   * many were dropped and why; see AudienceQuery and AudiencePage.
   */
  resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage>;
  /**
   * Marks an importing CSV segment 'ready' once every contact of its file landed
   * (`progress.received` reached `csv.accepted`); rejects `incomplete` before that. A segment
   * that is ready already is answered as it is, so a lost answer can be asked again.
   */
  finishImport(segmentId: string, o?: CallOptions): Promise<Segment>;
  /**
   * The segment's member count per calendar day (in the store's time zone) over the `days` days
   * that end today: one point per day, oldest first, the last one today's count. Counting a
   * segment (countMembers, getSegment, listSegments) records that day's count, the latest count
   * of a day winning; asking for the history counts the segment today first. A day on which
   * nothing was counted carries the count of the day before; days before the first count are
   * left out, so the list may be shorter than `days`. `days` is a whole number from 1 to 366
   * (`invalid` otherwise); an unknown segment is `not-found`, an importing one `incomplete`.
   */
  countHistory(segmentId: string, q: CountHistoryQuery, o?: CallOptions): Promise<CountPoint[]>;
}

/** How much of a segment's history `countHistory` answers: the last `days` days, today included. */
export interface CountHistoryQuery {
  /** 1–366. */
  days: number;
}

/** A segment's member count on one calendar day (`YYYY-MM-DD`, in the store's time zone). */
export interface CountPoint {
  date: string;
  count: number;
}

/** Options of `createSegment`. */
export interface CreateOptions extends CallOptions {
  /** 1–200 characters, unique per attempt to create one segment (e.g. a random UUID). */
  idempotencyKey?: string;
}

export const SEGMENTS_CHANGED = 'segments-changed';

/** How a campaign reaches a person: by phone (`sms`), by email, or by whichever they have. */
export type AudienceChannel = 'sms' | 'email' | 'any';

/**
 * Who a campaign is for. `include` names 1–50 segments (any type or scope), `exclude` up to 50;
 * an unknown id is `not-found`. `limit` is 1–200 (default 50); `cursor` comes from a page's
 * `next`.
 */
export interface AudienceQuery {
  include: string[];
  exclude?: string[];
  channel: AudienceChannel;
  /** Only customers who accept marketing (`acceptsMarketing: true`). */
  consentOnly?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * One person of an audience: the customer (`customerId`), or a CSV contact that matches no
 * customer (no `customerId`). Only the contact the channel uses is given: `phone` for `sms`,
 * `email` for `email`, both (those the person has) for `any`.
 */
export interface AudienceMember {
  customerId?: string;
  phone?: string;
  email?: string;
}

/**
 * One page of an audience. `total` counts the people in it (every page says the same).
 * `removed` counts, in this order, each person dropped for one reason only:
 * - `duplicates`: appearances beyond the first of a person who is in several included segments
 *   (a person in three of them is one member and two duplicates);
 * - `noConsent`: with `consentOnly`, people who do not accept marketing (a CSV contact that
 *   matches no customer has given no consent);
 * - `noChannel`: people left with no phone (`sms`), no email (`email`) or neither (`any`).
 * Members of an excluded segment are not counted as removed: leaving them out is what was asked.
 */
export interface AudiencePage extends Page<AudienceMember> {
  removed: { duplicates: number; noConsent: number; noChannel: number };
}
