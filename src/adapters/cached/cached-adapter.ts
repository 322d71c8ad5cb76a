import {
  SEGMENTS_CHANGED,
  type AudiencePage,
  type AudienceQuery,
  type CallOptions,
  type CountHistoryQuery,
  type CountPoint,
  type CountTarget,
  type CreateOptions,
  type MembersTarget,
  type ListSegmentsQuery,
  type MemberContact,
  type Page,
  type SegmentAdapter,
} from '../../adapter.ts';
import { SegmentError } from '../../errors.ts';
import type { Customer, Segment, SegmentDraft } from '../../model.ts';
import { CachedAnswers } from './answers.ts';
import { cacheDatabaseName } from './cache-entry.ts';
import {
  LIST_STORE,
  countKey,
  countTags,
  historyKey,
  historyTags,
  listKey,
  listTags,
  membersKey,
  membersTags,
  segmentKey,
  segmentTags,
  touchedBy,
} from './keys.ts';
import { PendingChanges, pendingCopyId } from './optimistic.ts';
import { isCountAnswer, isHistory, isMemberPage, isSegment, isSegmentPage } from './shapes.ts';
import { pageSize } from '../../segments/rules.ts';
import { checkHistoryQuery } from '../../segments/history.ts';

export interface CachedAdapterOptions {
  /** The store whose segments are cached; with userKey, names the database. */
  storeId: string;
  /**
   * Who is signed in (a stable user id, not a token: database names are visible in devtools).
   * Answers cached for one user are never read for another.
   */
  userKey: string;
  /**
   * How old (ms) a cached answer may be before a read also asks the inner adapter again in the
   * background; 30,000 by default. A younger answer is served without asking.
   */
  staleMs?: number;
  /** An IndexedDB implementation other than the browser's (e.g. in tests). */
  indexedDB?: IDBFactory;
}

/**
 * Any adapter with an IndexedDB cache in front: listSegments, getSegment,
 * countMembers, countHistory and the first page of listMembers answer at once from the cache when they can
 * and ask the inner adapter again in the background (stale-while-revalidate), firing
 * 'segments-changed' when its answer differs. Writes go to the inner adapter first; then the
 * answers they touch are dropped, here and in the other tabs. deleteSegment and
 * duplicateSegment show in listSegments at once and are undone if the inner adapter refuses.
 *
 * The cache never makes a call fail: without IndexedDB (private mode, a full disk, a newer
 * version of the page in another tab) it keeps its answers in memory and says so once on the
 * console. Offline, cached answers still come back; writes reject with the inner adapter's
 * error (`unavailable`), and nothing is queued.
 */
export class CachedAdapter extends EventTarget implements SegmentAdapter {
  readonly storeId: string;
  readonly userKey: string;
  readonly inner: SegmentAdapter;
  private readonly answers: CachedAnswers;
  private readonly pending = new PendingChanges();
  private eventQueued = false;
  private closed = false;

  constructor(inner: SegmentAdapter, options: CachedAdapterOptions) {
    super();
    const missing = (['storeId', 'userKey'] as const).filter(
      (name) => typeof options?.[name] !== 'string' || !options[name],
    );
    if (!inner || typeof inner.listSegments !== 'function') missing.unshift('inner' as never);
    if (missing.length) {
      throw new SegmentError('invalid', `CachedAdapter needs ${missing.join(' and ')}.`, {
        issues: missing.map((path) => ({ path, code: 'required', message: `Pass ${path}.` })),
      });
    }
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    if (typeof staleMs !== 'number' || !(staleMs >= 0)) {
      throw new SegmentError('invalid', 'staleMs is a number of milliseconds, 0 or more.', {
        issues: [{ path: 'staleMs', code: 'invalid-number', message: 'Use 0 or more.' }],
      });
    }
    this.inner = inner;
    this.storeId = options.storeId;
    this.userKey = options.userKey;
    this.answers = new CachedAnswers(
      cacheDatabaseName(options.storeId, options.userKey),
      options.indexedDB,
      staleMs,
      () => this.changed(),
    );
    inner.addEventListener(SEGMENTS_CHANGED, this.innerChanged);
  }

  /** Deletes this store's and user's cached answers (call it on logout), in every tab. */
  clear(): Promise<void> {
    return this.answers.clear();
  }

  /** Stops listening to the inner adapter and the other tabs, and closes the database. */
  close(): void {
    this.closed = true;
    this.inner.removeEventListener(SEGMENTS_CHANGED, this.innerChanged);
    this.answers.close();
  }

  async listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    // A page larger than any adapter gives is refused before the cache could answer it.
    if (q && typeof q === 'object') pageSize(q.limit, 'segments');
    const page = await this.answers.read<Page<Segment>>(
      q && typeof q === 'object' ? listKey(q) : undefined,
      isSegmentPage,
      (value) => listTags(q, value),
      (signal) => this.inner.listSegments(q, { signal }),
      o?.signal,
    );
    return this.pending.apply(page, q);
  }

  async getSegment(id: string, o?: CallOptions): Promise<Segment> {
    id = await this.madeId(id);
    return this.answers.read(
      segmentKey(id),
      isSegment,
      segmentTags,
      (signal) => this.inner.getSegment(id, { signal }),
      o?.signal,
    );
  }

  async countMembers(
    target: CountTarget,
    o?: CallOptions,
  ): Promise<{ count: number; total: number }> {
    if (target && typeof target === 'object' && 'segmentId' in target) {
      target = { segmentId: await this.madeId(target.segmentId) };
    }
    return this.answers.read(
      target && typeof target === 'object' ? countKey(target) : undefined,
      isCountAnswer,
      () => countTags(target),
      (signal) => this.inner.countMembers(target, { signal }),
      o?.signal,
    );
  }

  async listMembers(
    target: MembersTarget,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    if (q && typeof q === 'object') pageSize(q.limit, 'members');
    // A filter's members (a filter being edited) change with every keystroke: not kept.
    if (typeof target !== 'string') return this.inner.listMembers(target, q, o);
    let segmentId = target;
    segmentId = await this.madeId(segmentId);
    // Only the first page is kept: later pages follow the inner adapter's cursors, which are
    // only valid against the inner adapter's current data.
    return this.answers.read(
      q?.cursor === undefined ? membersKey(segmentId, q?.limit) : undefined,
      isMemberPage,
      () => membersTags(segmentId),
      (signal) => this.inner.listMembers(segmentId, q, { signal }),
      o?.signal,
    );
  }

  /** Kept like a segment's count: a write to the segment (or any it may name) drops it. */
  async countHistory(
    segmentId: string,
    q: CountHistoryQuery,
    o?: CallOptions,
  ): Promise<CountPoint[]> {
    const days = checkHistoryQuery(q);
    segmentId = await this.madeId(segmentId);
    return this.answers.read(
      historyKey(segmentId, days),
      isHistory,
      () => historyTags(segmentId),
      (signal) => this.inner.countHistory(segmentId, { days }, { signal }),
      o?.signal,
    );
  }

  createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment> {
    return this.answers.write(
      o?.signal,
      () => this.inner.createSegment(draft, o),
      (segment) => ({ drop: [LIST_STORE], segment }),
    );
  }

  async updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    id = await this.madeId(id);
    return this.answers.write(
      o?.signal,
      () => this.inner.updateSegment(id, draft, o),
      (segment) => ({ drop: touchedBy(id), segment }),
      touchedBy(id),
    );
  }

  async deleteSegment(id: string, o?: CallOptions): Promise<void> {
    o?.signal?.throwIfAborted();
    id = await this.madeId(id);
    const undo = this.pending.hide(id);
    this.changed();
    try {
      await this.answers.write(
        o?.signal,
        () => this.inner.deleteSegment(id, o),
        () => ({ drop: touchedBy(id) }),
        touchedBy(id),
      );
    } catch (error) {
      undo();
      this.changed();
      throw error;
    }
    undo();
  }

  async duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment> {
    o?.signal?.throwIfAborted();
    id = await this.madeId(id);
    const source = this.answers.rememberedSegment(id);
    const listedAs = pendingCopyId();
    const undo = source
      ? this.pending.addCopy(source, this.answers.rememberedNames(), o?.name, listedAs)
      : noop;
    let made: (id: string) => void = noop;
    if (source) {
      this.making.set(listedAs, new Promise((resolve) => (made = resolve)));
      this.changed();
    }
    try {
      const copy = await this.answers.write(
        o?.signal,
        () => this.inner.duplicateSegment(id, o),
        (segment) => ({ drop: [LIST_STORE], segment }),
        [LIST_STORE],
      );
      made(copy.id);
      undo();
      return copy;
    } catch (error) {
      made(listedAs); // never made: asking for it then answers not-found
      undo();
      if (source) this.changed();
      throw error;
    }
  }

  /**
   * Copies listed before the inner adapter made them, by the id they were listed under: a
   * seller may open, edit or delete such a row at once, and the call then waits for the copy
   * and goes to its real id.
   */
  private readonly making = new Map<string, Promise<string>>();

  private async madeId(id: string): Promise<string> {
    return (await this.making.get(id)) ?? id;
  }

  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    return this.answers.write(
      o?.signal,
      () => this.inner.addMembers(segmentId, batch, o),
      () => ({ drop: touchedBy(segmentId) }),
      touchedBy(segmentId),
    );
  }

  /**
   * Never from the cache: an audience is resolved to send to it, so it is always the inner
   * adapter's current answer (ids of segments this cache made are mapped first).
   */
  async resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage> {
    if (q && typeof q === 'object') {
      const ids = (list: unknown) =>
        Array.isArray(list) ? Promise.all(list.map((id) => this.madeId(id as string))) : list;
      q = {
        ...q,
        include: (await ids(q.include)) as string[],
        ...(q.exclude === undefined ? {} : { exclude: (await ids(q.exclude)) as string[] }),
      };
    }
    return this.inner.resolveAudience(q, o);
  }

  async finishImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    segmentId = await this.madeId(segmentId);
    return this.answers.write(
      o?.signal,
      () => this.inner.finishImport(segmentId, o),
      (segment) => ({ drop: touchedBy(segmentId), segment }),
      touchedBy(segmentId),
    );
  }

  private readonly innerChanged = (): void => this.answers.innerChanged();

  /** One 'segments-changed' for everything that happened in the same task. */
  private changed(): void {
    if (this.eventQueued || this.closed) return;
    this.eventQueued = true;
    queueMicrotask(() => {
      this.eventQueued = false;
      this.dispatchEvent(new Event(SEGMENTS_CHANGED));
    });
  }
}

const DEFAULT_STALE_MS = 30_000;

const noop = () => undefined;
