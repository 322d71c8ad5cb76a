import { errorNames } from '../idb/errors.ts';
import type { CacheDatabase } from './cache-database.ts';
import type { CacheEntry } from './cache-entry.ts';
import { isEntry, type AnswerCheck } from './shapes.ts';

/**
 * Where the CachedAdapter keeps its answers: a small in-memory map in front of the store's and
 * user's IndexedDB database. IndexedDB is an optimisation here, never a requirement: every
 * failure of it is caught, reported once on the console, and the cache goes on in memory (or
 * reopens), so a call never fails because of the cache.
 *
 * `generation` moves on with every invalidation (ours or another tab's): an answer fetched before
 * an invalidation is not stored after it, or a slow read could bring back what a write removed.
 */
export class EntryStore {
  generation = 0;
  private readonly memory = new Map<string, CacheEntry>();
  private db?: CacheDatabase;
  private opening?: Promise<CacheDatabase | undefined>;
  /** Set once IndexedDB is given up for the life of this adapter. */
  private memoryOnly = false;
  private readonly warned = new Set<string>();
  /**
   * The database module (and Dexie), loading from the moment the store is made: off the page's
   * critical path, ready by the time the first answer is looked up.
   */
  private readonly databaseModule = import('./cache-database.ts');

  constructor(
    readonly name: string,
    private readonly factory: IDBFactory | undefined,
    /** Another tab deleted the database (a logout there): forget what this tab remembers. */
    private readonly onDeletedElsewhere: () => void,
  ) {
    // A failed load is handled where the database is opened (the cache goes on in memory).
    this.databaseModule.catch(() => {});
  }

  /** True while answers are kept in IndexedDB, so that other tabs can share them. */
  get shared(): boolean {
    return !this.memoryOnly;
  }

  /**
   * The entry from memory, else from IndexedDB (and then remembered). An entry that is not what
   * `check` expects is dropped, here and in IndexedDB, and reads as a miss.
   */
  async get(key: string, check: AnswerCheck): Promise<CacheEntry | undefined> {
    const remembered = this.memory.get(key);
    if (remembered) {
      // Least recently used goes first when memory is full: move this one to the end.
      this.memory.delete(key);
      this.memory.set(key, remembered);
      return remembered;
    }
    return this.getStored(key, check);
  }

  /** The entry as IndexedDB has it now, bypassing memory (another tab may have stored it). */
  async getStored(key: string, check: AnswerCheck): Promise<CacheEntry | undefined> {
    const generation = this.generation;
    const db = await this.database();
    if (!db) return undefined;
    let entry: unknown;
    try {
      entry = await db.entries.get(key);
    } catch (error) {
      this.failed(error);
      return undefined;
    }
    if (entry === undefined || generation !== this.generation) return undefined;
    if (!isEntry(entry, key) || !check(entry.value)) {
      this.warnOnce('damaged', 'a damaged cached answer was dropped and asked for again');
      await this.remove([key]);
      return undefined;
    }
    this.remember(entry);
    return entry;
  }

  /**
   * Stores an answer fetched while `generation` was current and resolves once IndexedDB has it
   * (or could not take it); an answer that an invalidation overtook is not stored (undefined).
   */
  put(entry: CacheEntry, generation: number): Promise<void> | undefined {
    if (generation !== this.generation) return undefined;
    this.remember(entry);
    return this.persist(entry);
  }

  /** Drops every entry carrying one of the tags, here and in IndexedDB, before resolving. */
  async invalidate(tags: readonly string[]): Promise<void> {
    this.forget(tags);
    const db = await this.database();
    if (!db) return;
    try {
      await db.entries.where('tags').anyOf(tags).delete();
    } catch (error) {
      this.failed(error);
    }
  }

  /** Another tab invalidated: IndexedDB is already done, only memory is left to drop. */
  forget(tags: readonly string[] | 'all'): void {
    this.generation += 1;
    if (tags === 'all') {
      this.memory.clear();
      return;
    }
    for (const [key, entry] of this.memory) {
      if (entry.tags.some((tag) => tags.includes(tag))) this.memory.delete(key);
    }
  }

  /** Drops single answers found wrong (a segment that no longer exists), here and in IndexedDB. */
  async remove(keys: readonly string[]): Promise<void> {
    this.forgetKeys(keys);
    const db = await this.database();
    if (!db) return;
    try {
      await db.entries.bulkDelete([...keys]);
    } catch (error) {
      this.failed(error);
    }
  }

  /** Another tab stored newer answers under these keys: read them from IndexedDB next time. */
  forgetKeys(keys: readonly string[]): void {
    for (const key of keys) this.memory.delete(key);
  }

  /** What this tab remembers, most recently used last (for optimistic copies' names). */
  remembered(): IterableIterator<CacheEntry> {
    return this.memory.values();
  }

  /** Deletes the database (logout); the store starts again empty and reopens when next used. */
  async destroy(): Promise<void> {
    this.forget('all');
    const db = this.db ?? (await this.opening);
    this.db = undefined;
    this.opening = undefined;
    db?.close();
    const factory = this.factory ?? globalThis.indexedDB;
    if (!factory) return;
    await new Promise<void>((resolve) => {
      try {
        const request = factory.deleteDatabase(this.name);
        request.onsuccess = () => resolve();
        request.onerror = () => {
          this.warnOnce('delete', 'the cached answers could not be deleted', request.error);
          resolve();
        };
      } catch (error) {
        this.warnOnce('delete', 'the cached answers could not be deleted', error);
        resolve();
      }
    });
  }

  close(): void {
    const db = this.db;
    this.db = undefined;
    this.memoryOnly = true;
    db?.close();
    this.memory.clear();
  }

  private remember(entry: CacheEntry): void {
    this.memory.delete(entry.key);
    this.memory.set(entry.key, entry);
    if (this.memory.size > MEMORY_ENTRIES) {
      this.memory.delete(this.memory.keys().next().value!);
    }
  }

  private async persist(entry: CacheEntry): Promise<void> {
    const db = await this.database();
    if (!db) return;
    try {
      await db.entries.put(entry);
    } catch (error) {
      this.failed(error);
    }
  }

  private database(): Promise<CacheDatabase | undefined> | CacheDatabase | undefined {
    if (this.memoryOnly) return undefined;
    if (this.db) return this.db;
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<CacheDatabase | undefined> {
    const factory = this.factory ?? globalThis.indexedDB;
    if (!factory) return this.giveUp('unavailable', 'this browser has no IndexedDB');
    try {
      const { CacheDatabase } = await this.databaseModule;
      let db = new CacheDatabase(this.name, factory);
      try {
        if (!(await openInTime(db))) return this.blockedUpgrade();
      } catch (error) {
        // An older build's table that this schema cannot be upgraded from: it is only a cache.
        if (!errorNames(error).includes('UpgradeError')) throw error;
        db.close();
        await new Promise<void>((resolve, reject) => {
          const request = factory.deleteDatabase(this.name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        });
        db = new CacheDatabase(this.name, factory);
        if (!(await openInTime(db))) return this.blockedUpgrade();
      }
      db.on('versionchange', (event: IDBVersionChangeEvent) => {
        if (this.db === db) this.db = undefined;
        this.opening = undefined;
        db.close();
        if (event.newVersion) {
          this.giveUp('newer-version', 'a newer version of the page took over the cache');
        } else {
          this.forget('all');
          this.onDeletedElsewhere();
        }
        // Dexie's own handler would reopen the database behind our back and warn again.
        return false;
      });
      // The browser closed the connection (storage cleared, the tab slept): Dexie reopens it on
      // the next use; say so once. (A connection closed without the event is reopened by Dexie,
      // which warns itself.)
      const idb = db.backendDB();
      const reopen = idb.onclose;
      idb.onclose = (event) => {
        this.warnOnce('reopened', 'the cache database was closed by the browser; reopening it');
        reopen?.call(idb, event);
      };
      this.db = db;
      return db;
    } catch (error) {
      if (errorNames(error).includes('VersionError')) {
        // A newer build (another tab, after an update) owns the database: leave it alone.
        return this.giveUp('newer-version', 'a newer version of the page owns the cache');
      }
      return this.giveUp('unavailable', 'IndexedDB cannot be opened', error);
    }
  }

  private blockedUpgrade(): undefined {
    return this.giveUp(
      'blocked',
      'another tab keeps an older version of the cache open and does not let it be upgraded',
    );
  }

  /** What a failed read or write of an open database means for the rest of the session. */
  private failed(error: unknown): void {
    const names = errorNames(error);
    if (names.includes('QuotaExceededError')) {
      // Reads and deletions still work on a full disk; new answers stay in memory only.
      this.warnOnce('quota', 'the browser has no space left: new answers are kept in memory');
      return;
    }
    if (this.memoryOnly) return; // closed on purpose (a newer version, or close())
    this.giveUp('unavailable', 'IndexedDB stopped working', error);
  }

  private giveUp(kind: string, why: string, cause?: unknown): undefined {
    this.memoryOnly = true;
    const db = this.db;
    this.db = undefined;
    db?.close();
    this.warnOnce(kind, `${why}: cached answers are kept in memory for this page`, cause);
    return undefined;
  }

  private warnOnce(kind: string, message: string, cause?: unknown): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    console.warn(`user-segments cache (${this.name}): ${message}.`, ...(cause ? [cause] : []));
  }
}

/**
 * Opens `db`; false when another connection blocks its upgrade for longer than BLOCKED_MS (an
 * old tab holding an older version open and ignoring `versionchange`). Waiting would hold every
 * read of this page until that tab is closed; the cache goes on in memory instead, and the open,
 * if it ever completes, is closed again.
 */
function openInTime(db: CacheDatabase): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let late = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    db.on('blocked', () => {
      timer ??= setTimeout(() => {
        late = true;
        resolve(false);
      }, BLOCKED_MS);
    });
    db.open().then(
      () => {
        clearTimeout(timer);
        if (late) db.close();
        else resolve(true);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

/** How long an upgrade may stay blocked before the cache gives IndexedDB up (ms). */
const BLOCKED_MS = 400;

/** Answers kept in memory per adapter; a page of 50 segments is ~30 kB. */
const MEMORY_ENTRIES = 300;
