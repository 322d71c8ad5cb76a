import Dexie, { type Table } from 'dexie';
import type { CsvSummary, Customer, FilterGroup } from '../../model.ts';
import type { ReopenState } from '../../segments/imports.ts';
import { databaseName } from './database-name.ts';
import { encodeProfiles } from './profile-columns.ts';

/**
 * The LocalAdapter's IndexedDB schema: one database per store (`user-segments:<storeId>`), so
 * stores never see each other's data and a store can be wiped by deleting one database.
 *
 * Customers and orders are kept in blocks of a few thousand per record, because one IndexedDB
 * record costs ~50–100 µs to write in Chromium: 100,000 customers as rows would take seconds,
 * as 20 blocks they take a fraction of one. Order statistics live in their own blocks of typed
 * arrays so an order import rewrites compact columns instead of every customer profile.
 */
export class LocalDatabase extends Dexie {
  meta!: Table<StoreState, string>;
  customerBlocks!: Table<CustomerBlock, number>;
  statsBlocks!: Table<StatsBlock, number>;
  orderBlocks!: Table<OrderBlock, number>;
  segments!: Table<StoredSegment, string>;
  memberBlocks!: Table<MemberBlock, [string, number]>;
  batches!: Table<StoredBatch, [string, string]>;
  countSnapshots!: Table<CountSnapshot, [string, string]>;

  constructor(storeId: string, indexedDB?: IDBFactory) {
    super(
      databaseName(storeId),
      indexedDB ? { indexedDB, IDBKeyRange: globalThis.IDBKeyRange } : undefined,
    );
    this.version(1).stores({
      meta: '&key',
      customerBlocks: '&block',
      statsBlocks: '&block',
      orderBlocks: '&block',
      segments: '&id, &nameKey',
      members: '++seq, segmentId',
      batches: '&[segmentId+batchId]',
    });
    // Version 2 keeps CSV segment members in blocks (a record per member made saving 100,000 of
    // them take ~35 s); the rows of version 1 are moved into blocks, in their order.
    this.version(2)
      .stores({ memberBlocks: '&[segmentId+block]' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('members').orderBy('seq').toArray()) as (StoredMember & {
          seq: number;
        })[];
        const bySegment = new Map<string, StoredMember[]>();
        for (const { seq: _seq, ...row } of rows) {
          const list = bySegment.get(row.segmentId) ?? [];
          list.push(row);
          bySegment.set(row.segmentId, list);
        }
        const blocks: MemberBlock[] = [];
        for (const [segmentId, members] of bySegment) {
          for (let at = 0; at < members.length; at += MEMBER_BLOCK_SIZE) {
            const part = members.slice(at, at + MEMBER_BLOCK_SIZE);
            blocks.push(memberBlock(segmentId, blocks.length, part[0].addedAt, part));
          }
        }
        await tx.table('memberBlocks').bulkAdd(blocks);
      });
    this.version(3).stores({ members: null });
    // Version 4 adds each segment's daily member counts (countHistory); nothing else changes.
    this.version(4).stores({ countSnapshots: '&[segmentId+date]' });
    // Version 5 keeps a customer block's profiles as columns (profile-columns.ts) instead of a
    // JSON array of records, and an order block's customers and dates as typed arrays instead of
    // text: the same data in about half the bytes.
    this.version(5).upgrade(async (tx) => {
      const customerBlocks = tx.table('customerBlocks');
      const stored = (await customerBlocks.orderBy('block').toArray()) as {
        block: number;
        json?: string;
        profiles?: string;
      }[];
      const positions = new Map<string, number>();
      const blocks = stored.map((block): CustomerBlock => {
        const profiles = JSON.parse(block.json!) as CustomerProfile[];
        for (const { id } of profiles) positions.set(id, positions.size);
        return { block: block.block, profiles: encodeProfiles(profiles, 0, profiles.length) };
      });
      await customerBlocks.bulkPut(blocks);
      const orderBlocks = tx.table('orderBlocks');
      const orders = (await orderBlocks.toArray()) as Version4OrderBlock[];
      await orderBlocks.bulkPut(
        orders.map((old): OrderBlock => {
          const block = orderBlock(old.block, old.ids, old.totals, old.placedAt);
          old.customerIds.forEach((id, i) => (block.customerAt[i] = positions.get(id) ?? -1));
          return block;
        }),
      );
    });
  }
}

export { databaseName } from './database-name.ts';

/** Customers per customer/stats block and orders per order block. */
export const CUSTOMER_BLOCK_SIZE = 5000;
export const ORDER_BLOCK_SIZE = 20000;

/**
 * Versions that tell an adapter (in this tab or another) whether its in-memory copy is current:
 * every import bumps `dataVersion`, every segment or member write bumps `segmentsVersion`.
 */
export interface StoreState {
  key: 'state';
  dataVersion: number;
  segmentsVersion: number;
  customers: number;
  orders: number;
}

export const INITIAL_STATE: StoreState = {
  key: 'state',
  dataVersion: 0,
  segmentsVersion: 0,
  customers: 0,
  orders: 0,
};

/** A customer as the host gave it; order statistics are derived and kept in StatsBlock. */
export type CustomerProfile = Omit<
  Customer,
  'ordersCount' | 'totalSpent' | 'firstOrderAt' | 'lastOrderAt' | 'spendRank'
>;

/**
 * Profiles as JSON text of columns (profile-columns.ts): IndexedDB clones one string of 5,000
 * profiles several times faster than 5,000 objects, and JSON.parse reads it back faster than
 * structured cloning does. (Version 4 and before: `json`, the profiles as an array of records.)
 */
export interface CustomerBlock {
  block: number;
  profiles: string;
}

/** Order statistics of the customers of the block with the same number; spendRank 0 = none. */
export interface StatsBlock {
  block: number;
  ordersCount: Int32Array;
  totalSpent: Float64Array;
  firstOrderAt: (string | null)[];
  lastOrderAt: (string | null)[];
  spendRank: Int32Array;
}

/**
 * Orders as columns. Customers never move in the store's list (imports append or replace in
 * place), so an order names its customer by position; a date is its epoch ms and whether its
 * canonical text has milliseconds (see orderBlock).
 */
export interface OrderBlock {
  block: number;
  ids: string[];
  /** Where each order's customer is in the store's customer list; -1 if it is not there. */
  customerAt: Int32Array;
  totals: Float64Array;
  placedAtMs: Float64Array;
  /** 1 where placedAt was written without milliseconds ('…:ssZ'), 0 where with ('….sssZ'). */
  placedAtShort: Uint8Array;
}

/**
 * An order block of these orders (placedAt canonical text, and its epoch ms when known),
 * customerAt left for the caller to fill.
 */
export function orderBlock(
  block: number,
  ids: string[],
  totals: ArrayLike<number>,
  placedAt: readonly string[],
  placedAtMs?: readonly number[],
): OrderBlock {
  const size = ids.length;
  const stored: OrderBlock = {
    block,
    ids,
    customerAt: new Int32Array(size),
    totals: Float64Array.from(totals),
    placedAtMs: new Float64Array(size),
    placedAtShort: new Uint8Array(size),
  };
  for (let i = 0; i < size; i++) {
    stored.placedAtMs[i] = placedAtMs ? placedAtMs[i]! : Date.parse(placedAt[i]!);
    stored.placedAtShort[i] = placedAt[i]!.length === 20 ? 1 : 0;
  }
  return stored;
}

/**
 * The canonical text (canonicalInstant) of a stored order date: toISOString gives
 * 'YYYY-MM-DDTHH:mm:ss.sssZ' for every year the canonical form allows (1–9999).
 */
export function placedAtText(block: OrderBlock, i: number): string {
  const text = new Date(block.placedAtMs[i]!).toISOString();
  return block.placedAtShort[i] ? `${text.slice(0, 19)}Z` : text;
}

/** An order block as version 4 wrote it. */
interface Version4OrderBlock {
  block: number;
  ids: string[];
  customerIds: string[];
  totals: Float64Array;
  placedAt: string[];
}

export interface StoredSegment {
  id: string;
  name: string;
  /** Trimmed, lower-cased name: the unique key of store segments. */
  nameKey: string;
  type: 'csv' | 'filter';
  filter?: FilterGroup;
  csv?: CsvSummary;
  /** CSV segments: how many members were added. */
  memberTotal: number;
  /** A CSV segment until finishImport; absent once ready. */
  status?: 'importing';
  /** While importing: contacts in the batches that landed. */
  received?: number;
  /**
   * While a reopened import runs: its mode and generation, `mark` = the first member block of
   * its upload (the blocks before it are the members it found), and what abandoning puts back.
   * In 'replace' mode `memberTotal` counts the staged contacts only.
   */
  reopen?: ReopenState;
  /** How many times the segment was reopened: the next reopening is generation `reopens + 1`. */
  reopens?: number;
  /** The idempotency key it was created with, and what its draft was (a replay must match). */
  createKey?: string;
  createFingerprint?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A contact added to a CSV segment; matched to customers when read, so later imports count. */
export interface StoredMember {
  segmentId: string;
  phone?: string;
  email?: string;
  addedAt: string;
}

/** Members per block (fewer in a block written by a smaller batch). */
export const MEMBER_BLOCK_SIZE = 5000;

/**
 * Consecutive members of one CSV segment, in the order they were added: blocks are numbered in
 * that order per segment. Members as JSON text, for the reason customer blocks are: IndexedDB
 * clones one string far faster than thousands of objects. A member's `addedAt` is written only
 * where it differs from the block's.
 */
export interface MemberBlock {
  segmentId: string;
  block: number;
  addedAt: string;
  json: string;
}

/** A block of `members` (all of one segment), numbered `block`. */
export function memberBlock(
  segmentId: string,
  block: number,
  addedAt: string,
  members: readonly (Pick<StoredMember, 'phone' | 'email'> & { addedAt?: string })[],
): MemberBlock {
  return { segmentId, block, addedAt, json: membersJson(members, addedAt) };
}

/** The `json` of a member block whose `addedAt` is `addedAt` (or any, when none has its own). */
export function membersJson(
  members: readonly (Pick<StoredMember, 'phone' | 'email'> & { addedAt?: string })[],
  addedAt?: string,
): string {
  const entries = members.map(({ phone, email, addedAt: at }) => {
    const entry: { phone?: string; email?: string; addedAt?: string } = {};
    if (phone !== undefined) entry.phone = phone;
    if (email !== undefined) entry.email = email;
    if (at !== undefined && at !== addedAt) entry.addedAt = at;
    return entry;
  });
  return JSON.stringify(entries);
}

/** The members of a block, as stored members of its segment. */
export function blockMembers(block: MemberBlock): StoredMember[] {
  const entries = JSON.parse(block.json) as { phone?: string; email?: string; addedAt?: string }[];
  return entries.map((entry) => {
    const member: StoredMember = { segmentId: block.segmentId, addedAt: block.addedAt };
    if (entry.phone !== undefined) member.phone = entry.phone;
    if (entry.email !== undefined) member.email = entry.email;
    if (entry.addedAt !== undefined) member.addedAt = entry.addedAt;
    return member;
  });
}

/** A processed addMembers batch, so a retried batch adds nothing twice. */
export interface StoredBatch {
  segmentId: string;
  batchId: string;
  added: number;
}

/**
 * A segment's member count on one calendar day in the store's time zone (`YYYY-MM-DD`): the
 * latest count of that day. Kept for HISTORY_KEPT_DAYS days per segment.
 */
export interface CountSnapshot {
  segmentId: string;
  date: string;
  count: number;
}

/** Kept here too: the LocalAdapter's modules import it from their database module. */
export { toSegmentError } from '../idb/errors.ts';
