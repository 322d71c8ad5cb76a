import { SegmentError } from '../../errors.ts';
import { withLibraries } from '../../lazy-library.ts';
import type { FilterGroup, Segment, SegmentScope } from '../../model.ts';
import type { SegmentLookup } from '../../filter/resolve.ts';
import { StoreChannel } from './broadcast.ts';
import { VersionTrust } from './version-trust.ts';
import { CustomerData, type DataPlan } from './customer-store.ts';
import {
  INITIAL_STATE,
  LocalDatabase,
  blockMembers,
  toSegmentError,
  type StoreState,
  type StoredSegment,
} from './database.ts';
import { Evaluator } from './evaluate.ts';
import { SegmentTransaction } from './segment-transaction.ts';
import { assertReady, importProgress } from '../../segments/imports.ts';
import { MemberList } from './members.ts';
import { dayIn } from '../../segments/history.ts';
import { CountSnapshots } from './count-snapshots.ts';
import {
  PREDEFINED_LISTED,
  checkGlobalSegments,
  globalToListed,
  notFound,
  readOnlyError,
  referencedSegmentIds,
  sortKey,
  type GlobalSegmentDefinition,
  type Listed,
} from '../../segments/rules.ts';

/**
 * The LocalAdapter's state and storage: the in-memory copies (segments, customers, members) and
 * the transactions that change them. Before answering, every call re-reads the store's versions
 * (one small IndexedDB read), so a change made by another tab is seen even if its broadcast
 * message has not arrived yet; only the next page of a listing under way may skip that read
 * when nothing can have changed since (VersionTrust). In-memory copies change only after a
 * transaction commits, so a failed write leaves both IndexedDB and memory as they were.
 */
export class LocalStore {
  readonly db: LocalDatabase;
  readonly defaultCountry: string;
  readonly timeZone: string;
  /** The adapter's clock (the `now` option): dates of writes, "today" in rules and history. */
  readonly now: () => Date;
  /** Each segment's daily counts (countHistory). */
  readonly snapshots: CountSnapshots;
  private readonly channel: StoreChannel;
  private readonly trust: VersionTrust;
  private readonly evaluator: Evaluator;
  private readonly globals: Map<string, GlobalSegmentDefinition>;
  private state: StoreState = INITIAL_STATE;
  private segments = new Map<string, StoredSegment>();
  private segmentsVersion = -1;
  private sortedCache = new Map<SegmentScope, { version: number; entries: SortedEntry[] }>();
  private data?: CustomerData;
  private loading?: Promise<CustomerData>;
  private members = new Map<string, { key: string; list: MemberList }>();

  constructor(
    options: {
      storeId: string;
      timeZone?: string;
      defaultCountry?: string;
      globalSegments?: readonly GlobalSegmentDefinition[];
      indexedDB?: IDBFactory;
      now?: () => Date;
    },
    private readonly onChange: () => void,
  ) {
    this.db = new LocalDatabase(options.storeId, options.indexedDB);
    this.snapshots = new CountSnapshots(this.db);
    this.defaultCountry = options.defaultCountry ?? 'IN';
    this.timeZone = options.timeZone ?? 'UTC';
    this.now = options.now ?? (() => new Date());
    this.evaluator = new Evaluator(this.timeZone, this.defaultCountry, this.now);
    const globals = options.globalSegments ?? [];
    checkGlobalSegments(globals);
    this.globals = new Map(globals.map((g) => [g.id, g]));
    this.channel = new StoreChannel(options.storeId, () => {
      this.trust.heard();
      onChange();
    });
    this.trust = new VersionTrust(options.storeId, () => this.channel.listening);
  }

  /**
   * Runs one adapter call: honours the signal, brings memory up to date, maps errors. A call
   * that meets a phone number only libphonenumber-js can read loads it and runs again: calls
   * read and check before they write, and a write that throws is rolled back.
   */
  async run<T>(
    signal: AbortSignal | undefined,
    work: () => Promise<T>,
    /** The next page of a listing under way (a cursor was given): see VersionTrust. */
    continuing = false,
  ): Promise<T> {
    try {
      signal?.throwIfAborted();
      await (continuing ? this.sync() : this.readVersions());
      const result = await withLibraries(work);
      signal?.throwIfAborted();
      return result;
    } catch (error) {
      throw toSegmentError(error, signal);
    }
  }

  close(): void {
    this.channel.close();
    this.db.close();
  }

  /** The customers as of the store's current data version. */
  async customers(): Promise<CustomerData> {
    for (;;) {
      const wanted = this.state.dataVersion;
      if (wanted === 0) return (this.data = CustomerData.empty());
      if (this.data && this.data.version >= wanted) return this.data;
      // Calls that arrive together share one load.
      this.loading ??= CustomerData.load(this.db).finally(() => (this.loading = undefined));
      const data = await this.loading;
      if (!this.data || data.version > this.data.version) this.data = data;
      // A load that started before another tab's import is older than wanted: load again.
      if (data.version >= wanted) return data;
    }
  }

  find(id: string): Listed {
    const predefined = PREDEFINED_LISTED.find((p) => p.id === id);
    if (predefined) return predefined;
    const stored = this.segments.get(id);
    if (stored) return storedToListed(stored);
    const global = this.globals.get(id);
    if (global) return globalToListed(global);
    throw notFound(id);
  }

  /** A segment that is not stored in the database (predefined or global), by id. */
  readonly notStored = (id: string): Listed | undefined =>
    PREDEFINED_LISTED.find((p) => p.id === id) ??
    (this.globals.has(id) ? globalToListed(this.globals.get(id)!) : undefined);

  assertWritable(id: string): void {
    const segment = this.find(id);
    if (segment.readOnly) throw readOnlyError(segment);
  }

  /** Segments of a scope in list order, with their sort keys (recomputed once per version). */
  sorted(scope: SegmentScope): SortedEntry[] {
    const cached = this.sortedCache.get(scope);
    if (cached?.version === this.segmentsVersion) return cached.entries;
    const segments =
      scope === 'store'
        ? [...PREDEFINED_LISTED, ...[...this.segments.values()].map(storedToListed)]
        : [...this.globals.values()].map(globalToListed);
    const entries = segments.map((segment) => ({ key: sortKey(segment), segment }));
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.sortedCache.set(scope, { version: this.segmentsVersion, entries });
    return entries;
  }

  /**
   * The segment with its member count, as a copy the caller may change freely; a filter that
   * cannot be evaluated (a global segment's, say) counts as null rather than failing the list.
   */
  withCount(segment: Listed, data: CustomerData): Segment {
    let memberCount: number | null = null;
    try {
      // An importing segment has no count yet: its progress says how far it got.
      if (segment.status !== 'importing') memberCount = this.countSegment(segment, data);
    } catch (error) {
      const uncountable =
        error instanceof SegmentError && /^(invalid|incomplete)$/.test(error.code);
      if (!uncountable) throw error;
    }
    return structuredClone({ ...segment, memberCount });
  }

  /**
   * The segment's member count; a filter that cannot be evaluated (it names a segment that is gone)
   * throws its SegmentError ('invalid'), so no caller can mistake it for a count of 0.
   */
  countSegment(segment: Listed, data: CustomerData): number {
    if (segment.type === 'csv') return this.segments.get(segment.id)?.memberTotal ?? 0;
    return this.evaluator.count(segment.filter!, data, this.lookup(data), this.countKey(segment));
  }

  /**
   * A live count (the filter builder asks again on every render): remembered per filter text,
   * so asking twice for the same filter on the same data scans the customers once.
   */
  countFilter(filter: FilterGroup, data: CustomerData): number {
    let key: string | undefined;
    try {
      key = `filter:${JSON.stringify(filter)}`;
    } catch {
      key = undefined; // not JSON (a cycle, a BigInt): evaluate, and let the engine explain
    }
    if (key && referencedSegmentIds(filter).length) key += `:s${this.segmentsVersion}`;
    return this.evaluator.count(filter, data, this.lookup(data), key);
  }

  /** Indices of the customers a filter matches, in import order (keyed like countFilter). */
  matchFilter(filter: FilterGroup, data: CustomerData): Int32Array {
    let key: string | undefined;
    try {
      key = `filter:${JSON.stringify(filter)}`;
    } catch {
      key = undefined;
    }
    if (key && referencedSegmentIds(filter).length) key += `:s${this.segmentsVersion}`;
    return this.evaluator.match(filter, data, this.lookup(data), key);
  }

  /** Indices of a filter segment's members; Top-N spenders come in rank order. */
  matchSegment(segment: Listed, data: CustomerData): Int32Array {
    const byRank = segment.type === 'predefined' && segment.id.startsWith('top-');
    return this.evaluator.match(
      segment.filter!,
      data,
      this.lookup(data),
      this.countKey(segment),
      byRank ? data.rankOrder : undefined,
    );
  }

  /** Today's calendar day in the store's time zone, by the adapter's clock. */
  today(): string {
    return dayIn(this.now(), this.timeZone);
  }

  /** Moves on with every write to this store's segments or CSV members, here or in another tab. */
  get writeVersion(): number {
    return this.segmentsVersion;
  }

  /** How `segment` rules see this store's segments (CSV members must be preloaded). */
  lookup(data: CustomerData): SegmentLookup {
    return (id) => {
      const stored = this.segments.get(id);
      if (stored?.type === 'filter') return { filter: stored.filter! };
      if (stored?.type === 'csv') {
        assertReady(stored);
        const cached = this.members.get(id);
        if (cached?.key !== this.memberKey(stored, data)) {
          throw new SegmentError('unavailable', `The members of "${stored.name}" are not loaded.`);
        }
        return { memberIds: cached.list.memberIds(data) };
      }
      const global = this.globals.get(id);
      return global ? { filter: global.filter } : undefined;
    };
  }

  /**
   * Refuses a filter that reaches (directly or through other segments) a CSV segment that is
   * still importing: counting or saving on top of half a member list would be wrong silently.
   */
  assertReferencesReady(filter: FilterGroup | undefined): void {
    for (const stored of this.reachedSegments([filter])) assertReady(storedToListed(stored));
  }

  /** Loads the members of every CSV segment that these filters reach, directly or not. */
  async preloadMembers(
    items: readonly { filter?: FilterGroup }[],
    data: CustomerData,
  ): Promise<void> {
    const reached = this.reachedSegments(items.map((item) => item.filter));
    for (const stored of reached) if (stored.type === 'csv') await this.memberList(stored.id, data);
  }

  /** The store's segments these filters reach through `segment` rules, directly or not. */
  private *reachedSegments(
    filters: readonly (FilterGroup | undefined)[],
  ): Generator<StoredSegment> {
    const queue = filters.flatMap((filter) => referencedSegmentIds(filter));
    const seen = new Set<string>();
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const stored = this.segments.get(id);
      if (stored) yield stored;
      queue.push(...referencedSegmentIds(stored?.filter ?? this.globals.get(id)?.filter));
    }
  }

  async memberList(id: string, data: CustomerData): Promise<MemberList> {
    const stored = this.segments.get(id);
    if (!stored) throw notFound(id);
    const key = this.memberKey(stored, data);
    const cached = this.members.get(id);
    if (cached?.key === key) return cached.list;
    // A replacing upload is deduplicated against its own staged contacts only: a contact of
    // the old file is a newcomer to the new one.
    const from = stored.reopen?.mode === 'replace' ? stored.reopen.mark : 0;
    const blocks = await this.db.memberBlocks
      .where('[segmentId+block]')
      .between([id, from], [id, Infinity])
      .toArray();
    const list = await MemberList.of(blocks.flatMap(blockMembers), data);
    this.members.set(id, { key, list });
    return list;
  }

  /** The stored form of a store segment, as this tab last read it. */
  stored(id: string): StoredSegment {
    const stored = this.segments.get(id);
    if (!stored) throw notFound(id);
    return stored;
  }

  /**
   * Keeps a segment's member list current after members were added and committed here, so the
   * next batch does not read every member back from the database.
   */
  rememberMembers(id: string, version: number, list: MemberList, data: CustomerData): void {
    const stored = this.segments.get(id);
    // Only when this tab's copy is of that very version (another tab may have written since).
    if (stored?.version === version) {
      this.members.set(id, { key: this.memberKey(stored, data), list });
    }
  }

  forgetMembers(id: string): void {
    this.members.delete(id);
  }

  /** Reads the store's versions again, and its segments when another tab changed them. */
  refresh(): Promise<void> {
    return this.readVersions();
  }

  /**
   * One transaction that changes segments or members; the store's segmentsVersion moves on with
   * it. `work` throwing (or the signal aborting before the end) rolls everything back.
   */
  async writeSegments<T>(
    signal: AbortSignal | undefined,
    work: (tx: SegmentTransaction, now: string) => Promise<T>,
  ): Promise<T> {
    const { db } = this;
    const tx = new SegmentTransaction(db);
    let before = INITIAL_STATE;
    const result = await db.transaction(
      'rw',
      [db.meta, db.segments, db.memberBlocks, db.batches, db.countSnapshots],
      async () => {
        before = (await db.meta.get('state')) ?? INITIAL_STATE;
        const value = await work(tx, this.now().toISOString());
        signal?.throwIfAborted();
        await db.meta.put({ ...before, segmentsVersion: before.segmentsVersion + 1 });
        return value;
      },
    );
    if (before.segmentsVersion === this.segmentsVersion) {
      // Nobody else wrote in between: apply the change here instead of re-reading every segment.
      for (const segment of tx.written) this.segments.set(segment.id, segment);
      for (const id of tx.removed) {
        this.segments.delete(id);
        this.members.delete(id);
        this.snapshots.forget(id);
      }
      this.segmentsVersion = before.segmentsVersion + 1;
      this.state = { ...this.state, segmentsVersion: this.segmentsVersion };
    }
    this.changed();
    return result;
  }

  /** An import: plans it from the current customers and writes it, re-planning if raced. */
  async writeData(
    signal: AbortSignal | undefined,
    plan: (data: CustomerData) => Promise<DataPlan>,
  ): Promise<void> {
    const { db } = this;
    for (let attempt = 0; ; attempt++) {
      const data = await this.customers();
      const next = await plan(data);
      let raced = false;
      const state = await db.transaction(
        'rw',
        [db.meta, db.customerBlocks, db.statsBlocks, db.orderBlocks],
        async () => {
          const current = (await db.meta.get('state')) ?? INITIAL_STATE;
          if (current.dataVersion !== data.version) {
            raced = true;
            return current;
          }
          await db.customerBlocks.bulkPut(next.customerBlocks);
          await db.statsBlocks.bulkPut(next.statsBlocks);
          await db.orderBlocks.bulkPut(next.orderBlocks);
          signal?.throwIfAborted();
          const written: StoreState = {
            ...current,
            dataVersion: data.version + 1,
            customers: next.customers,
            orders: next.orders ?? current.orders,
          };
          await db.meta.put(written);
          return written;
        },
      );
      if (raced && attempt < 3) {
        // Another tab imported first: start again from its data.
        await this.readVersions();
        continue;
      }
      if (raced) throw new SegmentError('unavailable', 'The store is busy importing; try again.');
      this.state = { ...state, segmentsVersion: this.state.segmentsVersion };
      this.data = next.apply();
      this.changed();
      return;
    }
  }

  /** Brings memory up to date with the store, unless it cannot have changed since last time. */
  private async sync(): Promise<void> {
    if (!this.trust.current) await this.readVersions();
  }

  private async readVersions(): Promise<void> {
    const read = this.trust.reading();
    const state = (await this.db.meta.get('state')) ?? INITIAL_STATE;
    if (state.segmentsVersion !== this.segmentsVersion) {
      const all = await this.db.segments.toArray();
      this.segments = new Map(all.map((s) => [s.id, s]));
      this.segmentsVersion = state.segmentsVersion;
    }
    this.state = state;
    read();
  }

  private changed(): void {
    this.trust.wrote();
    this.channel.announce();
    this.onChange();
  }

  private countKey(segment: Listed): string {
    const namesOthers = referencedSegmentIds(segment.filter).length > 0;
    return `${segment.id}:${segment.version}${namesOthers ? `:s${this.segmentsVersion}` : ''}`;
  }

  private memberKey(stored: StoredSegment, data: CustomerData): string {
    return `${stored.version}|${data.version}`;
  }
}

export interface SortedEntry {
  key: string;
  segment: Listed;
}

function storedToListed(stored: StoredSegment): Listed {
  const segment: Listed = {
    id: stored.id,
    name: stored.name,
    type: stored.type,
    scope: 'store',
    readOnly: false,
    version: stored.version,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
  if (stored.filter) segment.filter = stored.filter;
  if (stored.csv) segment.csv = stored.csv;
  const progress = importProgress(stored);
  if (progress) Object.assign(segment, { status: 'importing', progress });
  return segment;
}
