import {
  SEGMENTS_CHANGED,
  type CallOptions,
  type CountTarget,
  type ListSegmentsQuery,
  type MemberContact,
  type Page,
  type SegmentAdapter,
} from '../../adapter.ts';
import { SegmentError, isSegmentError } from '../../errors.ts';
import type { Customer, Segment, SegmentDraft } from '../../model.ts';
import { TabChannel } from '../idb/broadcast.ts';
import { cacheDatabaseName, type CacheEntry } from './cache-database.ts';
import { EntryStore } from './entry-store.ts';
import {
  LIST_STORE,
  countKey,
  countTags,
  listKey,
  listTags,
  membersKey,
  membersTags,
  segmentKey,
  segmentTags,
  touchedBy,
} from './keys.ts';
import { PendingChanges } from './optimistic.ts';

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
 * Any adapter with an IndexedDB cache in front (DESIGN.md §6): listSegments, getSegment,
 * countMembers and the first page of listMembers answer at once from the cache when they can
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
  private readonly staleMs: number;
  private readonly store: EntryStore;
  private readonly channel: TabChannel<CacheMessage>;
  private readonly pending = new PendingChanges();
  private readonly revalidating = new Set<string>();
  /** Writes of ours in flight: the inner adapter's events about them are not news. */
  private writing = 0;
  /** Answers stored before this moment are aged: the inner adapter said its data changed. */
  private agedBefore = 0;
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
    this.staleMs = staleMs;
    const name = cacheDatabaseName(options.storeId, options.userKey);
    this.store = new EntryStore(name, options.indexedDB, () => this.changed());
    this.channel = new TabChannel(name, (message) => this.received(message));
    inner.addEventListener(SEGMENTS_CHANGED, this.innerChanged);
  }

  /** Deletes this store's and user's cached answers (call it on logout), in every tab. */
  async clear(): Promise<void> {
    await this.store.destroy();
    this.channel.post({ type: 'cleared' });
  }

  /** Stops listening to the inner adapter and the other tabs, and closes the database. */
  close(): void {
    this.closed = true;
    this.inner.removeEventListener(SEGMENTS_CHANGED, this.innerChanged);
    this.channel.close();
    this.store.close();
  }

  async listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    const page = await this.read<Page<Segment>>(
      q && typeof q === 'object' ? listKey(q) : undefined,
      (value) => listTags(q, value),
      (signal) => this.inner.listSegments(q, { signal }),
      o?.signal,
    );
    return this.pending.apply(page, q);
  }

  getSegment(id: string, o?: CallOptions): Promise<Segment> {
    return this.read(
      segmentKey(id),
      segmentTags,
      (signal) => this.inner.getSegment(id, { signal }),
      o?.signal,
    );
  }

  countMembers(target: CountTarget, o?: CallOptions): Promise<{ count: number; total: number }> {
    return this.read(
      target && typeof target === 'object' ? countKey(target) : undefined,
      () => countTags(target),
      (signal) => this.inner.countMembers(target, { signal }),
      o?.signal,
    );
  }

  listMembers(
    segmentId: string,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    // Only the first page is kept: later pages follow the inner adapter's cursors, which are
    // only valid against the inner adapter's current data.
    return this.read(
      q?.cursor === undefined ? membersKey(segmentId, q?.limit) : undefined,
      () => membersTags(segmentId),
      (signal) => this.inner.listMembers(segmentId, q, { signal }),
      o?.signal,
    );
  }

  createSegment(draft: SegmentDraft, o?: CallOptions): Promise<Segment> {
    return this.write(
      o?.signal,
      () => this.inner.createSegment(draft, o),
      (segment) => ({ drop: [LIST_STORE], segment }),
    );
  }

  updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    return this.write(
      o?.signal,
      () => this.inner.updateSegment(id, draft, o),
      (segment) => ({ drop: touchedBy(id), segment }),
      touchedBy(id),
    );
  }

  async deleteSegment(id: string, o?: CallOptions): Promise<void> {
    o?.signal?.throwIfAborted();
    const undo = this.pending.hide(id);
    this.changed();
    try {
      await this.write(
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
    const source = this.rememberedSegment(id);
    const undo = source ? this.pending.addCopy(source, this.rememberedNames(), o?.name) : noop;
    if (source) this.changed();
    try {
      const copy = await this.write(
        o?.signal,
        () => this.inner.duplicateSegment(id, o),
        (segment) => ({ drop: [LIST_STORE], segment }),
        [LIST_STORE],
      );
      undo();
      return copy;
    } catch (error) {
      undo();
      if (source) this.changed();
      throw error;
    }
  }

  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    return this.write(
      o?.signal,
      () => this.inner.addMembers(segmentId, batch, o),
      () => ({ drop: touchedBy(segmentId) }),
      touchedBy(segmentId),
    );
  }

  /**
   * A cached answer if there is one (asking again in the background once it is older than
   * staleMs), else the inner adapter's, which is then cached. `key` undefined: not cacheable.
   */
  private async read<T>(
    key: string | undefined,
    tags: (value: T) => string[],
    fetch: (signal?: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    try {
      signal?.throwIfAborted();
      if (key === undefined) return await fetch(signal);
      const hit = await this.store.get(key);
      signal?.throwIfAborted();
      if (hit) {
        if (this.isAged(hit)) this.revalidate(key, tags, fetch, hit);
        // A copy: the caller may change what it got without changing the cache.
        return structuredClone(hit.value) as T;
      }
      return await this.fill(key, tags, fetch, signal);
    } catch (error) {
      throw asSegmentError(error, signal);
    }
  }

  /**
   * A cache miss, asked of the inner adapter under a lock shared by the tabs: when three tabs
   * miss the same answer at once (after a write dropped it), one asks and the others read what
   * it stored.
   */
  private fill<T>(
    key: string,
    tags: (value: T) => string[],
    fetch: (signal?: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const generation = this.store.generation;
    const asked = Date.now();
    const locks = this.store.shared ? lockManager() : undefined;
    const work = async (): Promise<T> => {
      // Stored by the tab that held the lock before us, after we asked: as fresh as ours would be.
      const stored = locks ? await this.store.getStored(key) : undefined;
      if (stored && (stored.storedAt >= asked || !this.isAged(stored))) {
        return structuredClone(stored.value) as T;
      }
      const value = await fetch(signal);
      // Under the lock until IndexedDB has it: the tabs waiting for this lock read it there.
      await this.store.put(
        { key, value: structuredClone(value), tags: tags(value), storedAt: Date.now() },
        generation,
      );
      return value;
    };
    if (!locks) return work();
    return locks.request(`${this.store.name}|${key}`, signal ? { signal } : {}, work) as Promise<T>;
  }

  /** Asks the inner adapter again in the background; tells everyone if the answer changed. */
  private revalidate<T>(
    key: string,
    tags: (value: T) => string[],
    fetch: (signal?: AbortSignal) => Promise<T>,
    hit: CacheEntry,
  ): void {
    if (this.revalidating.has(key)) return;
    this.revalidating.add(key);
    const generation = this.store.generation;
    fetch()
      .then(async (fresh) => {
        const differs = JSON.stringify(fresh) !== JSON.stringify(hit.value);
        const entry = { key, value: fresh, tags: tags(fresh), storedAt: Date.now() };
        const stored = this.store.put(entry, generation);
        if (!stored || !differs || this.closed) return;
        this.changed();
        // The other tabs are told once IndexedDB has the new answer, so they read that one.
        await stored;
        this.channel.post({ type: 'refreshed', keys: [key] });
      })
      .catch(async (error: unknown) => {
        // Offline or refused: the cached answer stands and the next read tries again. Only an
        // answer the inner adapter says is gone is dropped.
        if (isSegmentError(error, 'not-found') && !this.closed) {
          await this.store.remove([key]);
          this.channel.post({ type: 'refreshed', keys: [key] });
          this.changed();
        }
      })
      .finally(() => this.revalidating.delete(key));
  }

  /**
   * A write: the inner adapter first; once it has answered, the answers it touched are dropped
   * here and in the other tabs, and the written segment is cached. A `conflict` or `not-found`
   * means our answers about it are out of date: they are dropped too.
   */
  private async write<T>(
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
    touched: (result: T) => { drop: string[]; segment?: Segment },
    dropOnStale?: string[],
  ): Promise<T> {
    let result: T;
    this.writing += 1;
    try {
      signal?.throwIfAborted();
      result = await call();
    } catch (error) {
      if (
        dropOnStale &&
        (isSegmentError(error, 'conflict') || isSegmentError(error, 'not-found'))
      ) {
        await this.invalidate(dropOnStale);
      }
      throw asSegmentError(error, signal);
    } finally {
      this.writing -= 1;
    }
    const { drop, segment } = touched(result);
    await this.store.invalidate(drop);
    if (segment) {
      await this.store.put(
        {
          key: segmentKey(segment.id),
          value: structuredClone(segment),
          tags: segmentTags(segment),
          storedAt: Date.now(),
        },
        this.store.generation,
      );
    }
    this.announce(drop);
    return result;
  }

  /** Drops answers here and in IndexedDB, then tells this tab's elements and the other tabs. */
  private async invalidate(tags: string[]): Promise<void> {
    await this.store.invalidate(tags);
    this.announce(tags);
  }

  private announce(tags: string[]): void {
    this.channel.post({ type: 'invalidate', tags });
    this.changed();
  }

  private isAged(entry: CacheEntry): boolean {
    return Date.now() - entry.storedAt >= this.staleMs || entry.storedAt < this.agedBefore;
  }

  private received(message: CacheMessage): void {
    if (this.closed) return;
    if (message.type === 'invalidate' && Array.isArray(message.tags)) {
      this.store.forget(message.tags);
    } else if (message.type === 'refreshed' && Array.isArray(message.keys)) {
      this.store.forgetKeys(message.keys);
    } else if (message.type === 'cleared') {
      this.store.forget('all');
    } else {
      return;
    }
    this.changed();
  }

  /** The inner adapter's data changed under us (another tab's LocalAdapter, a push). */
  private readonly innerChanged = (): void => {
    if (this.writing > 0) return;
    this.agedBefore = Date.now() + 1;
    this.changed();
  };

  /** One 'segments-changed' for everything that happened in the same task. */
  private changed(): void {
    if (this.eventQueued || this.closed) return;
    this.eventQueued = true;
    queueMicrotask(() => {
      this.eventQueued = false;
      this.dispatchEvent(new Event(SEGMENTS_CHANGED));
    });
  }

  /** A segment as this tab last saw it, for an optimistic copy. */
  private rememberedSegment(id: string): Segment | undefined {
    for (const entry of this.store.remembered()) {
      if (entry.key === segmentKey(id)) return entry.value as Segment;
      if (entry.key.startsWith('list:')) {
        const found = (entry.value as Page<Segment>).items.find((s) => s.id === id);
        if (found) return found;
      }
    }
    return undefined;
  }

  private *rememberedNames(): Generator<string> {
    for (const entry of this.store.remembered()) {
      if (entry.tags.includes(LIST_STORE)) {
        for (const segment of (entry.value as Page<Segment>).items) yield segment.name;
      }
    }
  }
}

/** What one tab tells the others on `us-cache:<storeId>:<userKey>`. */
type CacheMessage =
  | { type: 'invalidate'; tags: string[] }
  | { type: 'refreshed'; keys: string[] }
  | { type: 'cleared' };

const DEFAULT_STALE_MS = 30_000;

/** Web Locks, where the browser has them (read when used: src/ touches no DOM at load). */
const lockManager = (): LockManager | undefined => globalThis.navigator?.locks;

const noop = () => undefined;

/** The inner adapter's SegmentErrors pass through; anything else it threw is `unavailable`. */
function asSegmentError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (isSegmentError(error)) return error;
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return error;
  return new SegmentError('unavailable', 'The segments cannot be reached right now.', {
    cause: error,
  });
}
