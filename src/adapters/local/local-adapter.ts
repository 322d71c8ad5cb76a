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
  type ReopenImport,
  type SegmentAdapter,
} from '../../adapter.ts';
import { SegmentError } from '../../errors.ts';
import type { Customer, FilterGroup, Order, Segment, SegmentDraft } from '../../model.ts';
import { validateFilter } from '../../filter/validate.ts';
import { checkCustomers, checkOrders, type CustomerInput } from './import.ts';
import { memberAsCustomer } from './members.ts';
import { copyCustomer } from './customer-store.ts';
import { checkContacts } from '../../segments/contacts.ts';
import {
  checkDraft,
  checkName,
  conflictError,
  copyName,
  decodeOffset,
  encodeOffset,
  inUseError,
  invalidFilterError,
  invalidQuery,
  pageSize,
  nameKey,
  pageOf,
  referencedSegmentIds,
  typeChangeError,
  type GlobalSegmentDefinition,
} from '../../segments/rules.ts';
import { MEMBER_BLOCK_SIZE, membersJson, type StoredSegment } from './database.ts';
import { LocalStore } from './store.ts';
import {
  alreadyImporting,
  assertFinishable,
  assertReady,
  checkIdempotencyKey,
  checkReopen,
  draftFingerprint,
  isSameReopen,
  keyReused,
  notReopened,
} from '../../segments/imports.ts';
import { breathe } from '../../breathe.ts';
import { checkAudienceQuery } from '../../segments/audience.ts';
import { LocalAudience } from './audience.ts';
import { checkHistoryQuery, historyPoints } from '../../segments/history.ts';

export type { GlobalSegmentDefinition } from '../../segments/rules.ts';
export type { CustomerInput } from './import.ts';

export interface LocalAdapterOptions {
  /** One IndexedDB database per store: `user-segments:<storeId>`. */
  storeId: string;
  /** IANA time zone of the store's calendar days in filters; defaults to 'UTC'. */
  timeZone?: string;
  /** How phone numbers without a country code are read; defaults to 'IN'. */
  defaultCountry?: string;
  /** Platform-wide, read-only segments listed under the 'global' scope. */
  globalSegments?: readonly GlobalSegmentDefinition[];
  /** An IndexedDB implementation other than the browser's (e.g. in Node or in tests). */
  indexedDB?: IDBFactory;
  /**
   * The adapter's clock, for tests and demos: what "today" is in date rules and in countHistory,
   * and the time written on segments. A test makes a 30-day history by moving it a day at a time
   * and counting (see countHistory). Defaults to the real time.
   */
  now?: () => Date;
}

/**
 * The LocalAdapter's engine: what `LocalAdapter` (public-adapter.ts) loads, with Dexie, when the
 * first adapter is made, so none of it is on a page's critical path. It trusts its options:
 * `LocalAdapter` checks them before it loads this module.
 *
 * The embedded adapter: everything in this browser's IndexedDB, shared by the
 * store's tabs. Customers and orders are seeded with importCustomers / importOrders; segments are
 * evaluated over customers held in memory, so counts take milliseconds on 100,000 customers.
 *
 * Choices the adapter contract leaves open:
 * - listSegments: predefined segments first (fixed order), then by name, case-insensitively;
 *   pages of 50 by default, at most 500; cursors stay valid while segments are added elsewhere.
 * - listMembers: Top-N spenders in rank order, other filter segments in import order, CSV
 *   segments in the order members were added. A CSV contact that matches no customer is listed
 *   as `{ id: 'contact:<phone or email>', phone?, email?, createdAt: <when its batch was added>,
 *   ordersCount: 0, totalSpent: 0 }`; contacts are matched when read, so customers imported
 *   later are matched too.
 * - addMembers: a repeated batchId returns the first call's `{ added }` and adds nothing; a
 *   contact whose phone, email or matched customer is already a member is not added again.
 * - updateSegment keeps a segment's type ('invalid' otherwise). Imports upsert by id; order
 *   statistics given with customers are ignored and derived from the imported orders.
 * - countHistory: each count of a segment (listSegments, getSegment, countMembers) is kept as
 *   the snapshot of that calendar day in `timeZone`, for 400 days; see SegmentAdapter.
 */
export class LocalEngine extends EventTarget implements SegmentAdapter {
  readonly storeId: string;
  private readonly store: LocalStore;
  private readonly audience: LocalAudience;

  constructor(options: LocalAdapterOptions) {
    super();
    this.storeId = options.storeId;
    this.store = new LocalStore(options, () => this.dispatchEvent(new Event(SEGMENTS_CHANGED)));
    this.audience = new LocalAudience(this.store);
  }

  /** Closes the database and stops listening to other tabs. */
  close(): void {
    this.store.close();
  }

  /** Adds or replaces customers (by id); their order statistics come from importOrders. */
  importCustomers(
    customers: readonly CustomerInput[],
    o?: CallOptions,
  ): Promise<{ imported: number }> {
    return this.store.run(o?.signal, async () => {
      const profiles = checkCustomers(customers, this.store.defaultCountry);
      await this.store.writeData(o?.signal, async (data) => data.planCustomers(profiles));
      return { imported: profiles.length };
    });
  }

  /** Adds or replaces orders (by id) and updates every customer's statistics and spendRank. */
  importOrders(orders: readonly Order[], o?: CallOptions): Promise<{ imported: number }> {
    return this.store.run(o?.signal, async () => {
      let imported = 0;
      await this.store.writeData(o?.signal, (data) => {
        const columns = checkOrders(orders, (id) => data.indexOf(id));
        imported = columns.ids.length;
        return data.planOrders(this.store.db, columns);
      });
      return { imported };
    });
  }

  listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    return this.store.run(o?.signal, async () => {
      if (q?.scope !== 'store' && q?.scope !== 'global') {
        throw invalidQuery('scope', "Ask for the 'store' or the 'global' segments.");
      }
      const page = pageOf(this.store.sorted(q.scope), q);
      const data = await this.store.customers();
      await this.store.preloadMembers(page.items, data);
      const items = page.items.map((s) => this.store.withCount(s, data));
      await this.record(items);
      return { ...page, items };
    });
  }

  getSegment(id: string, o?: CallOptions): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      const segment = this.store.find(id);
      const data = await this.store.customers();
      await this.store.preloadMembers([segment], data);
      const counted = this.store.withCount(segment, data);
      await this.record([counted]);
      return counted;
    });
  }

  createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      const checked = checkDraft(draft);
      const key = checkIdempotencyKey(o?.idempotencyKey);
      const fingerprint = draftFingerprint(checked);
      const id = crypto.randomUUID();
      await this.checkFilter(checked.filter, id);
      const stored = await this.store.writeSegments(o?.signal, async (tx, now) => {
        if (key !== undefined) {
          // Segments are few: a scan inside the transaction is cheaper than another index.
          const made = (await tx.all()).find((s) => s.createKey === key);
          if (made && made.createFingerprint !== fingerprint) throw keyReused();
          if (made) return made;
        }
        await tx.assertNameFree(checked.name);
        const segment: StoredSegment = {
          id,
          ...checked,
          nameKey: nameKey(checked.name),
          memberTotal: 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        if (checked.type === 'csv') Object.assign(segment, { status: 'importing', received: 0 });
        if (key !== undefined)
          Object.assign(segment, { createKey: key, createFingerprint: fingerprint });
        await tx.assertReferencesHold(segment, this.store.notStored);
        await tx.put(segment);
        return segment;
      });
      return this.getSegment(stored.id, o);
    });
  }

  updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(id);
      const checked = checkDraft(draft);
      await this.checkFilter(checked.filter, id);
      await this.store.writeSegments(o?.signal, async (tx, now) => {
        const current = await tx.get(id);
        if (current.version !== o?.expectedVersion) {
          throw conflictError(current.name);
        }
        if (current.type !== checked.type) throw typeChangeError();
        await tx.assertNameFree(checked.name, id);
        const segment: StoredSegment = {
          ...current,
          ...checked,
          nameKey: nameKey(checked.name),
          version: current.version + 1,
          updatedAt: now,
        };
        await tx.assertReferencesHold(segment, this.store.notStored);
        await tx.put(segment);
      });
      return this.getSegment(id, o);
    });
  }

  deleteSegment(id: string, o?: CallOptions): Promise<void> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(id);
      await this.store.writeSegments(o?.signal, async (tx) => {
        const current = await tx.get(id);
        const dependant = (await tx.all()).find((s) => referencedSegmentIds(s.filter).includes(id));
        if (dependant) throw inUseError(current.name, dependant.name);
        await tx.remove(id);
      });
    });
  }

  duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      const source = this.store.find(id);
      assertReady(source);
      const newId = crypto.randomUUID();
      const stored = await this.store.writeSegments(o?.signal, async (tx, now) => {
        let name: string;
        if (o?.name !== undefined) {
          name = checkName(o.name);
          await tx.assertNameFree(name);
        } else {
          const taken = await tx.nameKeys();
          name = copyName(source.name, (key) => taken.has(key));
        }
        const copy: StoredSegment = {
          id: newId,
          name,
          nameKey: nameKey(name),
          type: source.type === 'csv' ? 'csv' : 'filter',
          memberTotal: 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        if (source.filter) copy.filter = structuredClone(source.filter);
        if (source.csv) copy.csv = { ...source.csv };
        if (source.type === 'csv') copy.memberTotal = await tx.copyMembers(id, newId);
        await tx.assertReferencesHold(copy, this.store.notStored);
        await tx.put(copy);
        return copy;
      });
      return this.getSegment(stored.id, o);
    });
  }

  countMembers(target: CountTarget, o?: CallOptions): Promise<{ count: number; total: number }> {
    return this.store.run(o?.signal, async () => {
      const data = await this.store.customers();
      if (target && 'segmentId' in target) {
        const segment = this.store.find(target.segmentId);
        assertReady(segment);
        await this.store.preloadMembers([segment], data);
        const count = this.store.countSegment(segment, data);
        await this.store.snapshots.record([{ segmentId: segment.id, count }], this.store.today());
        return { count, total: data.size };
      }
      if (!target || !('filter' in target)) {
        throw invalidQuery('target', 'Count the members of a segment id or of a filter.');
      }
      this.store.assertReferencesReady(target.filter);
      await this.store.preloadMembers([{ filter: target.filter }], data);
      return { count: this.store.countFilter(target.filter, data), total: data.size };
    });
  }

  listMembers(
    target: MembersTarget,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    return this.store.run(
      o?.signal,
      async () => {
        const limit = pageSize(q?.limit, 'members');
        const offset = decodeOffset(q?.cursor);
        const data = await this.store.customers();
        if (typeof target !== 'string') return this.listFiltered(target, data, offset, limit);
        const segmentId = target;
        const segment = this.store.find(segmentId);
        assertReady(segment);
        let items: Customer[];
        let total: number;
        if (segment.type === 'csv') {
          const { members } = await this.store.memberList(segmentId, data);
          items = members.slice(offset, offset + limit).map((m) => memberAsCustomer(m, data));
          total = members.length;
        } else {
          await this.store.preloadMembers([segment], data);
          const found = this.store.matchSegment(segment, data);
          items = Array.from(found.subarray(offset, offset + limit), (i) => data.customers[i]);
          total = found.length;
        }
        // Copies: a caller changing a record must not change what filters are evaluated on.
        const page: Page<Customer> = { items: items.map(copyCustomer), total };
        if (offset + limit < total) page.next = encodeOffset(offset + limit);
        return page;
      },
      q?.cursor !== undefined,
    );
  }

  /** The customers a filter matches, in import order (what listMembers({ filter }) answers). */
  private async listFiltered(
    target: { filter: FilterGroup },
    data: Awaited<ReturnType<LocalStore['customers']>>,
    offset: number,
    limit: number,
  ): Promise<Page<Customer>> {
    if (!target || typeof target !== 'object' || !('filter' in target)) {
      throw invalidQuery('target', 'List the members of a segment id or of a filter.');
    }
    const filter = target.filter;
    await this.store.preloadMembers([{ filter }], data);
    const found = this.store.matchFilter(filter, data);
    const items = Array.from(found.subarray(offset, offset + limit), (i) => data.customers[i]!);
    const page: Page<Customer> = { items: items.map(copyCustomer), total: found.length };
    if (offset + limit < found.length) page.next = encodeOffset(offset + limit);
    return page;
  }

  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(segmentId);
      if (typeof o?.batchId !== 'string' || !o.batchId) {
        throw invalidQuery('batchId', 'Give every batch of members a batchId.');
      }
      const contacts = await checkContacts(batch, this.store.defaultCountry);
      const data = await this.store.customers();
      await data.indexContacts();
      // The work (which contacts are new, their blocks) is done before the transaction, in slices
      // that keep the page responsive: IndexedDB commits a transaction that waits on anything
      // else. The transaction then only checks the segment has not changed since, and writes.
      for (let attempt = 0; ; attempt++) {
        const known = this.store.stored(segmentId);
        if (known.type !== 'csv') throw notCsv();
        const list = await this.store.memberList(segmentId, data);
        const { fresh, keys } = await list.newcomers(contacts, data);
        const blocks: string[] = [];
        for (let at = 0; at < fresh.length; at += MEMBER_BLOCK_SIZE) {
          await breathe();
          blocks.push(membersJson(fresh.slice(at, at + MEMBER_BLOCK_SIZE)));
        }
        let addedAt: string | undefined;
        let result: { added: number };
        try {
          result = await this.store.writeSegments(o.signal, async (tx, now) => {
            const segment = await tx.get(segmentId);
            if (segment.type !== 'csv') throw notCsv();
            const done = await tx.batch(segmentId, o.batchId);
            if (done) return { added: done.added };
            // Another tab added or changed members since the list was read: work it out again.
            if (segment.version !== known.version) throw new StaleMembers();
            const first = await tx.nextMemberBlock(segmentId);
            await tx.addMembers(
              blocks.map((json, i) => ({ segmentId, block: first + i, addedAt: now, json })),
              { segmentId, batchId: o.batchId, added: fresh.length },
            );
            await tx.put({
              ...segment,
              ...(segment.status === 'importing'
                ? { received: (segment.received ?? 0) + batch.length }
                : {}),
              memberTotal: segment.memberTotal + fresh.length,
              version: segment.version + 1,
              updatedAt: now,
            });
            addedAt = now;
            return { added: fresh.length };
          });
        } catch (error) {
          if (!(error instanceof StaleMembers)) throw error;
          if (attempt >= 3) {
            throw new SegmentError('unavailable', 'The segment is busy taking members; try again.');
          }
          await this.store.refresh();
          continue;
        }
        if (addedAt !== undefined && fresh.length) {
          // Forget the list first: while it grows it matches no version of the segment.
          this.store.forgetMembers(segmentId);
          await list.append(fresh, keys, { segmentId, addedAt });
          this.store.rememberMembers(segmentId, known.version + 1, list, data);
        }
        return result;
      }
    });
  }

  /**
   * Customers in import order, then contacts that match no customer in upload order; the last
   * audience is remembered until the store changes, so paging through it evaluates it once.
   */
  resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage> {
    return this.store.run(
      o?.signal,
      () => this.audience.page(checkAudienceQuery(q)),
      q.cursor !== undefined,
    );
  }

  finishImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(segmentId);
      await this.store.writeSegments(o?.signal, async (tx, now) => {
        const segment = await tx.get(segmentId);
        assertFinishable(segment);
        if (segment.status !== 'importing') return;
        const { status: _status, received: _received, reopen, ...ready } = segment;
        // A replacing upload's contacts become the only members: the blocks before it go.
        if (reopen?.mode === 'replace') await tx.removeMemberBlocks(segmentId, 0, reopen.mark);
        await tx.put({ ...ready, version: segment.version + 1, updatedAt: now });
      });
      return this.getSegment(segmentId, o);
    });
  }

  /**
   * Counts the segment now (recording today's snapshot, as any count does), then reads its
   * snapshots. Today's count is put in the answer even if its snapshot could not be written.
   */
  countHistory(segmentId: string, q: CountHistoryQuery, o?: CallOptions): Promise<CountPoint[]> {
    return this.store.run(o?.signal, async () => {
      const days = checkHistoryQuery(q);
      const segment = this.store.find(segmentId);
      assertReady(segment);
      const today = this.store.today();
      const data = await this.store.customers();
      await this.store.preloadMembers([segment], data);
      const count = this.store.countSegment(segment, data);
      await this.store.snapshots.record([{ segmentId, count }], today);
      const snapshots = await this.store.snapshots.read(segmentId);
      return historyPoints([...snapshots, { date: today, count }], today, days);
    });
  }

  /** Keeps the counts of segments just answered as today's snapshots. */
  private record(segments: readonly Segment[]): Promise<void> {
    const today = this.store.today();
    return this.store.snapshots.record(
      segments.map((s) => ({ segmentId: s.id, count: s.memberCount })),
      today,
    );
  }

  /**
   * Staged contacts are member blocks from `reopen.mark` on: 'add' deduplicates them against
   * every member (they are added at once, but nothing reads an importing segment's members),
   * 'replace' against themselves only; abandoning deletes those blocks.
   */
  reopenImport(segmentId: string, reopen: ReopenImport, o?: CallOptions): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(segmentId);
      const asked = checkReopen(reopen);
      await this.store.writeSegments(o?.signal, async (tx, now) => {
        const segment = await tx.get(segmentId);
        if (segment.type !== 'csv') throw notCsv();
        if (isSameReopen(segment, asked)) return;
        if (segment.status === 'importing') throw alreadyImporting(segment.name);
        if (segment.version !== asked.expectedVersion) throw conflictError(segment.name);
        const generation = (segment.reopens ?? 0) + 1;
        await tx.put({
          ...segment,
          csv: asked.csv,
          status: 'importing',
          received: 0,
          reopen: {
            mode: asked.mode,
            generation,
            mark: await tx.nextMemberBlock(segmentId),
            previousCsv: segment.csv!,
            previousTotal: segment.memberTotal,
          },
          reopens: generation,
          memberTotal: asked.mode === 'replace' ? 0 : segment.memberTotal,
          version: segment.version + 1,
          updatedAt: now,
        });
      });
      return this.getSegment(segmentId, o);
    });
  }

  abandonImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    return this.store.run(o?.signal, async () => {
      this.store.assertWritable(segmentId);
      await this.store.writeSegments(o?.signal, async (tx, now) => {
        const segment = await tx.get(segmentId);
        if (segment.type !== 'csv') throw notCsv();
        if (segment.status !== 'importing') return;
        const { status: _status, received: _received, reopen, ...rest } = segment;
        if (!reopen) throw notReopened();
        await tx.removeMemberBlocks(segmentId, reopen.mark);
        await tx.put({
          ...rest,
          csv: reopen.previousCsv,
          memberTotal: reopen.previousTotal,
          version: segment.version + 1,
          updatedAt: now,
        });
      });
      return this.getSegment(segmentId, o);
    });
  }

  /** A filter that names segments is checked against this store's segments (and for cycles). */
  private async checkFilter(filter: SegmentDraft['filter'], selfId: string): Promise<void> {
    if (!filter) return;
    this.store.assertReferencesReady(filter);
    const data = await this.store.customers();
    await this.store.preloadMembers([{ filter }], data);
    const issues = validateFilter(filter, undefined, {
      segments: this.store.lookup(data),
      selfId,
      defaultCountry: this.store.defaultCountry,
    });
    if (issues.length) throw invalidFilterError(issues);
  }
}

/** The segment changed between working out a batch's newcomers and writing them. */
class StaleMembers extends Error {}

function notCsv(): SegmentError {
  return new SegmentError('invalid', 'Members can only be added to a CSV segment.', {
    issues: [{ path: 'segmentId', code: 'not-csv', message: 'Not a CSV segment.' }],
  });
}
