import type { Customer } from '../../model.ts';
import {
  CUSTOMER_BLOCK_SIZE,
  type CustomerBlock,
  type CustomerProfile,
  type LocalDatabase,
  type OrderBlock,
  type StatsBlock,
} from './database.ts';
import type { OrderColumns } from './import.ts';
import { OrderLog } from './order-log.ts';
import { breathe } from '../../breathe.ts';
import { IdIndex } from './id-index.ts';
import { decodeProfiles, encodeProfiles } from './profile-columns.ts';

/**
 * The store's customers held in memory as plain Customer records (what compileFilter reads),
 * loaded from blocks in one read. An import is planned first — blocks to write, nothing changed —
 * and applied to memory only once its transaction has committed. Order statistics and spendRank
 * are derived here, by the documented rule, from every order.
 */
export class CustomerData {
  /** Customer indices in rank order: rankOrder[0] is the customer with spendRank 1. */
  readonly rankOrder: Int32Array;
  private phones?: Map<string, number>;
  private emails?: Map<string, number>;

  private constructor(
    /** The dataVersion of the database this copy reflects. */
    readonly version: number,
    readonly customers: readonly Customer[],
    /** Where each customer id is; built on first use when not given (a count never needs it). */
    private idMap: IdIndex | undefined,
    rankOrder: Int32Array | undefined,
    private orders?: OrderLog,
  ) {
    this.rankOrder = rankOrder ?? rankOrderOf(customers);
  }

  static empty(version = 0): CustomerData {
    return new CustomerData(version, [], new IdIndex(), new Int32Array(0), new OrderLog());
  }

  /**
   * Reads every block in one transaction, so the copy is of one consistent version. Customer
   * blocks are asked for one by one and each is parsed as it arrives: the main thread turns
   * block k into records while IndexedDB is still reading and copying the blocks after it.
   */
  static async load(db: LocalDatabase): Promise<CustomerData> {
    const parsed: Customer[][] = [];
    const state = await db.transaction(
      'r',
      [db.meta, db.customerBlocks, db.statsBlocks],
      async () => {
        const [state, keys, statsBlocks] = await Promise.all([
          db.meta.get('state'),
          db.customerBlocks.toCollection().primaryKeys(),
          db.statsBlocks.toArray(),
        ]);
        const stats = new Map(statsBlocks.map((block) => [block.block, block]));
        await Promise.all(
          keys.map((key, at) =>
            db.customerBlocks.get(key).then((stored) => {
              parsed[at] = decodeProfiles(stored!.profiles, stats.get(key)!);
            }),
          ),
        );
        return state;
      },
    );
    const customers = parsed.length === 1 ? parsed[0]! : ([] as Customer[]).concat(...parsed);
    // The id look-up waits for an import or a member list: a fresh tab's first count is sooner.
    return new CustomerData(state?.dataVersion ?? 0, customers, undefined, undefined);
  }

  get size(): number {
    return this.customers.length;
  }

  indexOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  private get ids(): IdIndex {
    if (!this.idMap) {
      const ids = new IdIndex(this.customers.length);
      // Ids are unique (imports upsert by id): customer i is the i-th id added.
      for (let i = 0; i < this.customers.length; i++) ids.add(this.customers[i].id);
      this.idMap = ids;
    }
    return this.idMap;
  }

  /**
   * Builds the phone and email look-ups ahead of a large batch of contacts, in slices that give
   * the page a turn (on 100,000 customers they are a long task of their own otherwise).
   */
  async indexContacts(): Promise<void> {
    if (this.phones && this.emails) return;
    const phones = new Map<string, number>();
    const emails = new Map<string, number>();
    for (let i = 0; i < this.customers.length; i++) {
      if (i % 256 === 0) await breathe();
      const { phone, email } = this.customers[i];
      // The first customer with a contact wins, as in indexBy.
      if (phone && !phones.has(phone)) phones.set(phone, i);
      const key = email?.toLowerCase();
      if (key && !emails.has(key)) emails.set(key, i);
    }
    this.phones ??= phones;
    this.emails ??= emails;
  }

  /** The customer whose E.164 phone this is, if any. */
  byPhone(phone: string): Customer | undefined {
    this.phones ??= indexBy(this.customers, (c) => c.phone);
    const at = this.phones.get(phone);
    return at === undefined ? undefined : this.customers[at];
  }

  /** The customer with this email, compared lower-cased. */
  byEmail(email: string): Customer | undefined {
    this.emails ??= indexBy(this.customers, (c) => c.email?.toLowerCase());
    const at = this.emails.get(email.toLowerCase());
    return at === undefined ? undefined : this.customers[at];
  }

  /** Upserts profiles: a new id is appended, a known id keeps its order statistics. */
  planCustomers(profiles: CustomerProfile[]): DataPlan {
    const customers = this.customers.slice();
    // Positions follow the order ids are added, so a new id's position is customers.length.
    const ids = this.ids.copy();
    const dirty = new Set<number>();
    let reRank = false;
    for (const profile of profiles) {
      // The checked profiles are fresh objects, so they become the records themselves.
      const customer = profile as Customer;
      const at = ids.get(profile.id);
      if (at === undefined) {
        customer.ordersCount = 0;
        customer.totalSpent = 0;
        ids.add(profile.id);
        dirty.add(Math.floor(customers.length / CUSTOMER_BLOCK_SIZE));
        customers.push(customer);
      } else {
        const old = customers[at];
        copyStats(old, customer);
        // A new createdAt can reorder customers who spent the same.
        if (old.spendRank !== undefined && old.createdAt !== profile.createdAt) reRank = true;
        customers[at] = customer;
        dirty.add(Math.floor(at / CUSTOMER_BLOCK_SIZE));
      }
    }
    let ranks: Int32Array | undefined;
    if (reRank) {
      ranks = rankAll(customers.length, (i) => customers[i]);
      for (let b = 0; b * CUSTOMER_BLOCK_SIZE < customers.length; b++) dirty.add(b);
    }
    const blocks = [...dirty].sort((a, b) => a - b);
    const rankOf = ranks && ((i: number) => ranks[i]);
    return {
      customers: customers.length,
      orders: this.orders?.size,
      customerBlocks: blocks.map((b) => profileBlock(customers, b)),
      statsBlocks: blocks.map((b) => statsBlockOf(customers, b, rankOf)),
      orderBlocks: [],
      apply: () => {
        if (ranks) applyRanks(customers, ranks);
        return new CustomerData(this.version + 1, customers, ids, undefined, this.orders);
      },
    };
  }

  /**
   * Adds orders (a known order id is replaced, so re-sending an order is harmless) and derives
   * every customer's statistics and rank again from all orders.
   */
  async planOrders(db: LocalDatabase, columns: OrderColumns): Promise<DataPlan> {
    this.orders ??= await OrderLog.load(db);
    const log = this.orders.copy();
    const dirtyOrders = new Set<number>();
    // A store's first orders are all new (checkOrders refuses an id twice): no look-up each.
    if (log.size === 0) for (const b of log.appendNew(columns)) dirtyOrders.add(b);
    else for (let i = 0; i < columns.ids.length; i++) dirtyOrders.add(log.put(columns, i));
    const stats = log.stats(this.customers.length);
    const ranks = rankAll(this.customers.length, (i) => ({
      ordersCount: stats.count[i],
      totalSpent: stats.spent[i],
      createdAt: this.customers[i].createdAt,
      id: this.customers[i].id,
    }));
    const statsBlocks: StatsBlock[] = [];
    for (let start = 0, b = 0; start < this.customers.length; start += CUSTOMER_BLOCK_SIZE, b++) {
      const end = Math.min(start + CUSTOMER_BLOCK_SIZE, this.customers.length);
      statsBlocks.push({
        block: b,
        ordersCount: stats.count.slice(start, end),
        totalSpent: stats.spent.slice(start, end),
        firstOrderAt: stats.firstAt.slice(start, end),
        lastOrderAt: stats.lastAt.slice(start, end),
        spendRank: ranks.slice(start, end),
      });
    }
    return {
      customers: this.customers.length,
      orders: log.size,
      customerBlocks: [],
      statsBlocks,
      orderBlocks: [...dirtyOrders].sort((a, b) => a - b).map((b) => log.block(b)),
      apply: () => {
        // Committed: the records themselves take the new statistics.
        this.customers.forEach((customer, i) => {
          const b = Math.floor(i / CUSTOMER_BLOCK_SIZE);
          setStats(customer, statsBlocks[b], i - b * CUSTOMER_BLOCK_SIZE);
        });
        return new CustomerData(this.version + 1, this.customers, this.ids, undefined, log);
      },
    };
  }
}

/**
 * What an import writes, and how memory follows once it has been written: `apply` is called
 * only after the transaction commits, and returns the data of the new version.
 */
export interface DataPlan {
  /** How many customers and orders the store holds once it is written. */
  customers: number;
  orders?: number;
  customerBlocks: CustomerBlock[];
  statsBlocks: StatsBlock[];
  orderBlocks: OrderBlock[];
  apply(): CustomerData;
}

// ---- helpers ----

function profileBlock(customers: readonly Customer[], block: number): CustomerBlock {
  const start = block * CUSTOMER_BLOCK_SIZE;
  const end = Math.min(start + CUSTOMER_BLOCK_SIZE, customers.length);
  return { block, profiles: encodeProfiles(customers, start, end) };
}

/** Writes the statistics of row `i` of a stats block onto the record, absent ones removed. */
function setStats(customer: Customer, stats: StatsBlock, i: number): void {
  customer.ordersCount = stats.ordersCount[i];
  customer.totalSpent = stats.totalSpent[i];
  const first = stats.firstOrderAt[i];
  const last = stats.lastOrderAt[i];
  const rank = stats.spendRank[i];
  if (first !== null) customer.firstOrderAt = first;
  else if (customer.firstOrderAt !== undefined) delete customer.firstOrderAt;
  if (last !== null) customer.lastOrderAt = last;
  else if (customer.lastOrderAt !== undefined) delete customer.lastOrderAt;
  if (rank > 0) customer.spendRank = rank;
  else if (customer.spendRank !== undefined) delete customer.spendRank;
}

function copyStats(from: Customer, to: Customer): void {
  to.ordersCount = from.ordersCount;
  to.totalSpent = from.totalSpent;
  if (from.firstOrderAt !== undefined) to.firstOrderAt = from.firstOrderAt;
  if (from.lastOrderAt !== undefined) to.lastOrderAt = from.lastOrderAt;
  if (from.spendRank !== undefined) to.spendRank = from.spendRank;
}

function statsBlockOf(
  customers: readonly Customer[],
  block: number,
  rankOf?: (i: number) => number,
): StatsBlock {
  const start = block * CUSTOMER_BLOCK_SIZE;
  const size = Math.min(CUSTOMER_BLOCK_SIZE, customers.length - start);
  const stats: StatsBlock = {
    block,
    ordersCount: new Int32Array(size),
    totalSpent: new Float64Array(size),
    firstOrderAt: new Array<string | null>(size),
    lastOrderAt: new Array<string | null>(size),
    spendRank: new Int32Array(size),
  };
  for (let i = 0; i < size; i++) {
    const customer = customers[start + i];
    stats.ordersCount[i] = customer.ordersCount;
    stats.totalSpent[i] = customer.totalSpent;
    stats.firstOrderAt[i] = customer.firstOrderAt ?? null;
    stats.lastOrderAt[i] = customer.lastOrderAt ?? null;
    stats.spendRank[i] = rankOf ? rankOf(start + i) : (customer.spendRank ?? 0);
  }
  return stats;
}

type RankInput = Pick<Customer, 'ordersCount' | 'totalSpent' | 'createdAt' | 'id'>;

/**
 * Every customer's spendRank (0 = none): 1 is the highest totalSpent; ties go to the earlier
 * createdAt, then the smaller id; customers without orders have no rank.
 */
function rankAll(n: number, customerAt: (i: number) => RankInput): Int32Array {
  const ranked: number[] = [];
  const spent = new Float64Array(n);
  const created = new Float64Array(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const customer = customerAt(i);
    if (customer.ordersCount > 0) {
      ranked.push(i);
      spent[i] = customer.totalSpent;
      created[i] = Date.parse(customer.createdAt);
      ids[i] = customer.id;
    }
  }
  ranked.sort(
    (a, b) =>
      spent[b] - spent[a] ||
      created[a] - created[b] ||
      (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0),
  );
  const ranks = new Int32Array(n);
  for (let r = 0; r < ranked.length; r++) ranks[ranked[r]] = r + 1;
  return ranks;
}

function applyRanks(customers: Customer[], ranks: Int32Array): void {
  customers.forEach((customer, i) => {
    if (ranks[i] > 0) customer.spendRank = ranks[i];
    else if (customer.spendRank !== undefined) delete customer.spendRank;
  });
}

function rankOrderOf(customers: readonly Customer[]): Int32Array {
  let ranked = 0;
  for (const customer of customers) if (customer.spendRank) ranked++;
  const order = new Int32Array(ranked);
  customers.forEach((customer, i) => {
    if (customer.spendRank) order[customer.spendRank - 1] = i;
  });
  return order;
}

function indexBy(
  customers: readonly Customer[],
  key: (customer: Customer) => string | undefined,
): Map<string, number> {
  const map = new Map<string, number>();
  customers.forEach((customer, i) => {
    const k = key(customer);
    // The first customer with a contact wins, so a CSV row always matches the same one.
    if (k && !map.has(k)) map.set(k, i);
  });
  return map;
}

/**
 * A customer record its caller may change without changing the store's: its own object and its
 * own tags (the only field that is not a string, number or boolean). Several times faster than
 * structuredClone, which a million-member export would pay for every record.
 */
export function copyCustomer(customer: Customer): Customer {
  const copy = { ...customer };
  if (customer.tags) copy.tags = customer.tags.slice();
  return copy;
}
