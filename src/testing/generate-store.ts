import type { Customer, Order } from '../model.ts';
import { SegmentError } from '../errors.ts';
import {
  CITIES,
  EMAIL_DOMAINS,
  FIRST_LOWER,
  FIRST_NAMES,
  LAST_LOWER,
  LAST_NAMES,
  TAGS,
} from './vocabulary.ts';

export interface GenerateStoreOptions {
  /**
   * Any number. The same seed gives the same store wherever V8 runs (Node, Chromium): its
   * Math.exp and Math.log are the same fdlibm code on every platform.
   */
  seed: number;
  customers: number;
  orders: number;
  /** Earliest sign-up; defaults to three years before `endDate`. */
  startDate?: string | Date;
  /** No sign-up or order is later than this; defaults to 2026-11-28T23:59:59Z. */
  endDate?: string | Date;
}

export interface GeneratedStore {
  customers: Customer[];
  orders: Order[];
}

export const DEFAULT_END_DATE = '2026-11-28T23:59:59.000Z';

/** Phone numbers are unique by construction up to this many customers (see phoneSequence). */
export const MAX_CUSTOMERS = 2_000_000;

/**
 * A realistic Indian store, the same for the same seed in Node and in Chromium, so tests,
 * benches and the demo can state exact expected answers: Indian names, +91 mobiles in E.164, emails on
 * common providers (every customer has a phone or an email, most both), cities with their
 * states, tags, sign-ups over three years, and long-tailed orders placed after sign-up.
 * Customers come out with no order statistics (ordersCount 0, totalSpent 0): an adapter derives
 * those on import, and `deriveOrderStats` computes them independently.
 */
export function generateStore(options: GenerateStoreOptions): GeneratedStore {
  const { customers: customerCount, orders: orderCount } = options;
  if (!Number.isInteger(customerCount) || customerCount < 0 || customerCount > MAX_CUSTOMERS) {
    throw new SegmentError(
      'invalid',
      `customers must be a whole number from 0 to ${MAX_CUSTOMERS}, got ${customerCount}`,
    );
  }
  if (!Number.isInteger(orderCount) || orderCount < 0) {
    throw new SegmentError('invalid', `orders must be a whole number ≥ 0, got ${orderCount}`);
  }
  if (orderCount > 0 && customerCount === 0) {
    throw new SegmentError('invalid', 'orders need at least one customer to belong to');
  }
  const end = toTime(options.endDate ?? DEFAULT_END_DATE, 'endDate');
  const start =
    options.startDate === undefined
      ? threeYearsBefore(end)
      : toTime(options.startDate, 'startDate');
  if (!(start < end)) throw new SegmentError('invalid', 'startDate must be before endDate');

  const random = mulberry32(options.seed);
  const signUps = signUpTimes(random, customerCount, start, end);
  const customers = makeCustomers(random, signUps);
  const orders = makeOrders(random, customers, signUps, orderCount, end);
  return { customers, orders };
}

/**
 * Customers with ordersCount, totalSpent, firstOrderAt, lastOrderAt and spendRank computed from
 * the orders by the documented rule: rank 1 is the highest totalSpent, ties go to
 * the earlier createdAt, then the smaller id; customers without orders have no rank. Orders for
 * unknown customers are ignored. The input is not modified.
 */
export function deriveOrderStats(
  customers: readonly Customer[],
  orders: readonly Order[],
): Customer[] {
  // Columns rather than an object per customer: this runs on 100,000 customers in benches.
  const n = customers.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(customers[i].id, i);
  const count = new Uint32Array(n);
  const spent = new Float64Array(n);
  const first = new Float64Array(n);
  const last = new Float64Array(n);
  const firstAt: string[] = new Array<string>(n).fill('');
  const lastAt: string[] = new Array<string>(n).fill('');
  for (const order of orders) {
    const i = indexOf.get(order.customerId);
    if (i === undefined) continue;
    const at = Date.parse(order.placedAt);
    if (count[i] === 0 || at < first[i]) {
      first[i] = at;
      firstAt[i] = order.placedAt;
    }
    if (count[i] === 0 || at > last[i]) {
      last[i] = at;
      lastAt[i] = order.placedAt;
    }
    count[i] += 1;
    spent[i] += order.total;
  }

  const buyers: number[] = [];
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (count[i] === 0) continue;
    buyers.push(i);
    created[i] = Date.parse(customers[i].createdAt);
  }
  buyers.sort((a, b) => {
    if (spent[a] !== spent[b]) return spent[b] - spent[a];
    if (created[a] !== created[b]) return created[a] - created[b];
    const [idA, idB] = [customers[a].id, customers[b].id];
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  const rank = new Uint32Array(n);
  buyers.forEach((i, position) => (rank[i] = position + 1));

  return customers.map((customer, i) => {
    const next: Customer = { ...customer, ordersCount: count[i], totalSpent: spent[i] };
    // `delete` slows every later access to the object, so only when there is something stale.
    if ('spendRank' in next) delete next.spendRank;
    if ('firstOrderAt' in next) delete next.firstOrderAt;
    if ('lastOrderAt' in next) delete next.lastOrderAt;
    if (count[i] > 0) {
      next.firstOrderAt = firstAt[i];
      next.lastOrderAt = lastAt[i];
      next.spendRank = rank[i];
    }
    return next;
  });
}

/** A small, fast, seedable PRNG (mulberry32): floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- helpers ----

type Random = () => number;

const DAY = 86_400_000;

function toTime(value: string | Date, name: string): number {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time))
    throw new SegmentError('invalid', `${name} is not a date: ${String(value)}`);
  return time;
}

const dayPrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
// Packed, not sparse: a sparse array falls back to slow dictionary elements.
const timeSuffixes: string[] = new Array<string>(DAY / 1000).fill('');

/**
 * `new Date(ms).toISOString()` for whole-second times, several times faster: date and time of
 * day are cached separately and joined, which matters at 400,000 timestamps.
 */
function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 10);
    dayPrefixes.set(day, prefix);
  }
  const second = Math.floor((ms - day * DAY) / 1000);
  let suffix = timeSuffixes[second];
  if (suffix === '') {
    const h = Math.floor(second / 3600);
    const m = Math.floor(second / 60) % 60;
    suffix = `T${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[second % 60]}.000Z`;
    timeSuffixes[second] = suffix;
  }
  return prefix + suffix;
}

function threeYearsBefore(time: number): number {
  const date = new Date(time);
  date.setUTCFullYear(date.getUTCFullYear() - 3);
  return date.getTime();
}

/** Whole-second sign-up times, ascending, denser towards the end as a growing store's are. */
function signUpTimes(random: Random, count: number, start: number, end: number): Float64Array {
  const times = new Float64Array(count);
  const span = end - start;
  for (let i = 0; i < count; i++) {
    times[i] = Math.floor((start + span * Math.sqrt(random())) / 1000) * 1000;
  }
  return times.sort();
}

function makeCustomers(random: Random, signUps: Float64Array): Customer[] {
  const pickDomain = weighted(EMAIL_DOMAINS.map(([domain, w]) => [domain, w]));
  const pickCity = weighted(CITIES.map((city, index) => [index, city[2]] as const));
  const phoneAt = phoneSequence(random);
  const usedEmails = new Set<string>();
  const customers: Customer[] = new Array(signUps.length);
  const idWidth = Math.max(6, String(signUps.length).length);

  for (let i = 0; i < signUps.length; i++) {
    const first = Math.floor(random() * FIRST_NAMES.length);
    const last = Math.floor(random() * LAST_NAMES.length);
    // Every customer is reachable: 80% give both contacts, the rest exactly one.
    const contact = random();
    const hasPhone = contact < 0.92;
    const hasEmail = contact < 0.8 || contact >= 0.92;
    const city = CITIES[pickCity(random)];
    let tags: string[] | undefined;
    for (let t = 0; t < TAGS.length; t++) {
      if (random() < TAGS[t][1]) (tags ??= []).push(TAGS[t][0]);
    }
    const acceptsMarketing = tags?.[0] === 'newsletter' || random() < 0.45;

    const customer: Customer = {
      id: `cus_${String(i + 1).padStart(idWidth, '0')}`,
      createdAt: isoSeconds(signUps[i]),
      ordersCount: 0,
      totalSpent: 0,
      acceptsMarketing,
    };
    if (random() >= 0.02) customer.name = `${FIRST_NAMES[first]} ${LAST_NAMES[last]}`;
    if (hasPhone) customer.phone = phoneAt(i);
    if (hasEmail) {
      const local = emailLocalPart(random, FIRST_LOWER[first], LAST_LOWER[last]);
      customer.email = uniqueEmail(random, local, pickDomain(random), usedEmails);
    }
    if (random() >= 0.04) {
      customer.city = city[0];
      customer.state = city[1];
    }
    if (tags) customer.tags = tags;
    customers[i] = customer;
  }
  return customers;
}

/**
 * Unique 10-digit Indian mobile numbers (6000000000–9999999999) without a lookup: n ↦ a·n + b
 * modulo the range size is a bijection when a is coprime to it, and a large a scatters
 * neighbours so consecutive customers' numbers look unrelated.
 */
function phoneSequence(random: Random): (index: number) => string {
  const range = 4_000_000_000;
  const multipliers = [2_654_435_761, 2_246_822_519, 3_266_489_917, 1_597_334_677];
  const a = multipliers[Math.floor(random() * multipliers.length)];
  const b = Math.floor(random() * range);
  // a·n stays below 2^53 for any index under two million, so the arithmetic is exact.
  return (index) => `+91${6_000_000_000 + ((a * index + b) % range)}`;
}

function uniqueEmail(random: Random, local: string, domain: string, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const email = `${local}${attempt ? Math.floor(random() * 10_000) : ''}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

function emailLocalPart(random: Random, f: string, l: string): string {
  const style = Math.floor(random() * 6);
  const base =
    style === 0
      ? `${f}.${l}`
      : style === 1
        ? `${f}${l}`
        : style === 2
          ? `${f}_${l}`
          : style === 3
            ? `${f}.${l[0]}`
            : style === 4
              ? `${f[0]}${l}`
              : f;
  return random() < 0.4 ? `${base}${Math.floor(random() * 100)}` : base;
}

/**
 * Spread `count` orders over the customers: about a third never buy, the rest get a log-normal
 * appetite, so most customers have 0–3 orders and a few have dozens.
 */
function makeOrders(
  random: Random,
  customers: readonly Customer[],
  signUps: Float64Array,
  count: number,
  end: number,
): Order[] {
  if (count === 0) return [];
  const cumulative = new Float64Array(customers.length);
  let sum = 0;
  for (let i = 0; i < customers.length; i++) {
    if (random() >= 0.35) sum += Math.exp(1.1 * gaussian(random));
    cumulative[i] = sum;
  }
  if (sum === 0) {
    // Tiny stores can roll no buyers at all; the orders still need an owner.
    for (let i = 0; i < customers.length; i++) cumulative[i] = i + 1;
    sum = customers.length;
  }

  const perCustomer = new Uint32Array(customers.length);
  for (let k = 0; k < count; k++) perCustomer[lowerBound(cumulative, random() * sum)] += 1;

  const orders: Order[] = new Array(count);
  const idWidth = Math.max(7, String(count).length);
  let next = 0;
  for (let i = 0; i < customers.length; i++) {
    const created = signUps[i];
    for (let n = 0; n < perCustomer[i]; n++) {
      // Never before sign-up, never after the end: at least one second after createdAt.
      const placed = Math.min(
        end,
        created + 1000 + Math.floor((random() * (end - created)) / 1000) * 1000,
      );
      orders[next] = {
        id: `ord_${String(next + 1).padStart(idWidth, '0')}`,
        customerId: customers[i].id,
        total: orderTotal(random),
        placedAt: isoSeconds(placed),
      };
      next += 1;
    }
  }
  return orders;
}

/** Log-normal basket in paise, median about ₹1,100, whole rupees, at least ₹49. */
function orderTotal(random: Random): number {
  const rupees = Math.round(Math.exp(7 + 0.9 * gaussian(random)));
  return Math.max(49, rupees) * 100;
}

function gaussian(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (random) => {
    let roll = random() * total;
    for (const [value, w] of entries) {
      roll -= w;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}
