import {
  ORDER_BLOCK_SIZE,
  orderBlock,
  placedAtText,
  type LocalDatabase,
  type OrderBlock,
} from './database.ts';
import type { OrderColumns } from './import.ts';

/**
 * Every order of the store as columns, read from IndexedDB only when more orders are imported:
 * counting and listing never need orders, only the statistics derived from them.
 */
export class OrderLog {
  private index?: Map<string, number>;

  constructor(
    private ids: string[] = [],
    /** Index of each order's customer in the store's customer list; -1 if it is not there. */
    private customerAt: number[] = [],
    private totals: number[] = [],
    private placedAt: string[] = [],
    private placedAtMs: number[] = [],
  ) {}

  static async load(db: LocalDatabase): Promise<OrderLog> {
    const log = new OrderLog();
    for (const block of await db.orderBlocks.toArray()) {
      for (let i = 0; i < block.ids.length; i++) {
        log.ids.push(block.ids[i]!);
        log.customerAt.push(block.customerAt[i]!);
        log.totals.push(block.totals[i]!);
        log.placedAt.push(placedAtText(block, i));
        log.placedAtMs.push(block.placedAtMs[i]!);
      }
    }
    return log;
  }

  get size(): number {
    return this.ids.length;
  }

  /** A copy to change while the current one stays as it is until a write commits. */
  copy(): OrderLog {
    const copy = new OrderLog(
      this.ids.slice(),
      this.customerAt.slice(),
      this.totals.slice(),
      this.placedAt.slice(),
      this.placedAtMs.slice(),
    );
    if (this.index) copy.index = new Map(this.index);
    return copy;
  }

  /** Adds order i of the columns, or replaces the order with its id; returns its block. */
  put(columns: OrderColumns, i: number): number {
    this.index ??= new Map(this.ids.map((id, at) => [id, at]));
    const id = columns.ids[i];
    let at = this.index.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.index.set(id, at);
    }
    this.ids[at] = id;
    this.customerAt[at] = columns.customerAt[i];
    this.totals[at] = columns.totals[i];
    this.placedAt[at] = columns.placedAt[i];
    this.placedAtMs[at] = columns.placedAtMs[i];
    return Math.floor(at / ORDER_BLOCK_SIZE);
  }

  /**
   * Appends orders the log cannot hold yet — its first orders, whose ids checkOrders found
   * unique — without a look-up per order; returns the blocks they fill. The id index waits for
   * the next import that may replace an order (`put`).
   */
  appendNew(columns: OrderColumns): number[] {
    if (this.ids.length) throw new Error('appendNew is for an empty order log; use put.');
    const n = columns.ids.length;
    // The columns are this call's own, fresh from checkOrders: adopted rather than copied.
    this.ids = columns.ids;
    this.customerAt = columns.customerAt;
    this.totals = columns.totals;
    this.placedAt = columns.placedAt;
    this.placedAtMs = columns.placedAtMs;
    this.index = undefined;
    return Array.from({ length: Math.ceil(n / ORDER_BLOCK_SIZE) }, (_, b) => b);
  }

  block(block: number): OrderBlock {
    const start = block * ORDER_BLOCK_SIZE;
    const end = start + ORDER_BLOCK_SIZE;
    const stored = orderBlock(
      block,
      this.ids.slice(start, end),
      this.totals.slice(start, end),
      this.placedAt.slice(start, end),
      this.placedAtMs.slice(start, end),
    );
    stored.customerAt.set(this.customerAt.slice(start, end));
    return stored;
  }

  /**
   * Per customer: orders, total spent, and the placedAt text of the first and last order (null
   * without orders). Instants are compared as times, so mixed ISO spellings order correctly.
   */
  stats(customers: number): OrderStats {
    const count = new Int32Array(customers);
    const spent = new Float64Array(customers);
    const first = new Float64Array(customers);
    const last = new Float64Array(customers);
    const firstAt = new Array<string | null>(customers).fill(null);
    const lastAt = new Array<string | null>(customers).fill(null);
    for (let o = 0; o < this.ids.length; o++) {
      const at = this.customerAt[o];
      if (at < 0) continue;
      const time = this.placedAtMs[o];
      if (count[at] === 0 || time < first[at]) {
        first[at] = time;
        firstAt[at] = this.placedAt[o];
      }
      if (count[at] === 0 || time > last[at]) {
        last[at] = time;
        lastAt[at] = this.placedAt[o];
      }
      count[at] += 1;
      spent[at] += this.totals[o];
    }
    return { count, spent, firstAt, lastAt };
  }
}

export interface OrderStats {
  count: Int32Array;
  spent: Float64Array;
  firstAt: (string | null)[];
  lastAt: (string | null)[];
}
