import type { Page } from '../../adapter.ts';
import { SegmentError, isSegmentError } from '../../errors.ts';
import type { Segment } from '../../model.ts';
import { TabChannel } from '../idb/broadcast.ts';
import type { CacheEntry } from './cache-entry.ts';
import { EntryStore } from './entry-store.ts';
import type { AnswerCheck } from './shapes.ts';
import { LIST_STORE, segmentKey, segmentTags } from './keys.ts';

/**
 * How the CachedAdapter answers and forgets: stale-while-revalidate reads, writes that drop what
 * they touched, and the messages that keep the tabs of one store and user in step. The adapter
 * says which answer each call is (its key and tags); this class knows when to ask the inner
 * adapter for it.
 */
export class CachedAnswers {
  readonly store: EntryStore;
  private readonly channel: TabChannel<CacheMessage>;
  private readonly revalidating = new Set<string>();
  /** Writes of ours in flight: the inner adapter's events about them are not news. */
  private writing = 0;
  /** Answers stored before this moment are aged: the inner adapter said its data changed. */
  private agedBefore = 0;
  private closed = false;

  constructor(
    name: string,
    indexedDB: IDBFactory | undefined,
    private readonly staleMs: number,
    /** Something this tab shows may have changed: fire 'segments-changed'. */
    private readonly changed: () => void,
  ) {
    this.store = new EntryStore(name, indexedDB, changed);
    this.channel = new TabChannel(name, (message) => this.received(message));
  }

  /** Deletes the database and makes the other tabs forget what they hold. */
  async clear(): Promise<void> {
    await this.store.destroy();
    this.channel.post({ type: 'cleared' });
  }

  close(): void {
    this.closed = true;
    this.channel.close();
    this.store.close();
  }

  /**
   * A cached answer if there is one (asking again in the background once it is older than
   * staleMs), else the inner adapter's, which is then cached. `key` undefined: not cacheable.
   */
  async read<T>(
    key: string | undefined,
    check: AnswerCheck,
    tags: (value: T) => string[],
    fetch: (signal?: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    try {
      signal?.throwIfAborted();
      if (key === undefined) return await fetch(signal);
      const hit = await this.store.get(key, check);
      signal?.throwIfAborted();
      if (hit) {
        if (this.isAged(hit)) this.revalidate(key, tags, fetch, hit);
        // A copy: the caller may change what it got without changing the cache.
        return structuredClone(hit.value) as T;
      }
      return await this.fill(key, check, tags, fetch, signal);
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
    check: AnswerCheck,
    tags: (value: T) => string[],
    fetch: (signal?: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const generation = this.store.generation;
    const asked = Date.now();
    const locks = this.store.shared ? lockManager() : undefined;
    const work = async (): Promise<T> => {
      // Stored by the tab that held the lock before us, after we asked: as fresh as ours would be.
      const stored = locks ? await this.store.getStored(key, check) : undefined;
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
  async write<T>(
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

  /** Old, older than a change the inner adapter reported, or stored "in the future" (a clock
   * put back since): such an answer is served but asked for again. */
  private isAged(entry: CacheEntry): boolean {
    const now = Date.now();
    return (
      now - entry.storedAt >= this.staleMs ||
      entry.storedAt < this.agedBefore ||
      entry.storedAt > now
    );
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
  innerChanged(): void {
    if (this.writing > 0) return;
    this.agedBefore = Date.now() + 1;
    this.changed();
  }

  /** A segment as this tab last saw it, for an optimistic copy. */
  rememberedSegment(id: string): Segment | undefined {
    for (const entry of this.store.remembered()) {
      if (entry.key === segmentKey(id)) return entry.value as Segment;
      if (entry.key.startsWith('list:')) {
        const found = (entry.value as Page<Segment>).items.find((s) => s.id === id);
        if (found) return found;
      }
    }
    return undefined;
  }

  *rememberedNames(): Generator<string> {
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

/** Web Locks, where the browser has them (read when used: src/ touches no DOM at load). */
const lockManager = (): LockManager | undefined => globalThis.navigator?.locks;

/** The inner adapter's SegmentErrors pass through; anything else it threw is `unavailable`. */
function asSegmentError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (isSegmentError(error)) return error;
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return error;
  return new SegmentError('unavailable', 'The segments cannot be reached right now.', {
    cause: error,
  });
}
