import { SegmentError } from '../../errors.ts';
import type { Customer, Issue, Order } from '../../model.ts';
import { normalisePhone } from '../../phone.ts';
import { canonicalInstant } from '../../filter/dates.ts';
import type { CustomerProfile } from './database.ts';
import { MAX_ISSUES } from '../../segments/rules.ts';
import { IdIndex } from './id-index.ts';

/**
 * Checking seed data before anything is written: an import is all or nothing, so every bad
 * record is found first and reported as one `invalid` error (an issue per bad record, the first
 * 100), and only a clean call reaches IndexedDB. Each record is read once into plain data: a
 * record whose getters throw (or a Proxy) is a bad record, never an `unavailable` store. Dates
 * are stored in one canonical form (canonicalInstant), so compileFilter, SQLite and PostgreSQL
 * read every stored date alike; one they could read differently ('T24:00', '2024-02-30') is
 * refused.
 */

/**
 * What importCustomers accepts: a Customer whose order statistics may be left out. Statistics
 * given here are ignored; the adapter derives them from imported orders so they never disagree.
 */
export type CustomerInput = Omit<
  Customer,
  'ordersCount' | 'totalSpent' | 'firstOrderAt' | 'lastOrderAt' | 'spendRank'
> &
  Partial<Customer>;

/** Orders as columns: compact to keep in memory and cheap to store. */
export interface OrderColumns {
  ids: string[];
  /** Where each order's customer is in the store's customer list. */
  customerAt: number[];
  totals: number[];
  placedAt: string[];
  placedAtMs: number[];
}

export function checkCustomers(
  input: readonly CustomerInput[],
  defaultCountry: string,
): CustomerProfile[] {
  const length = listLength(input, 'customers');
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const profiles: CustomerProfile[] = [];
  for (let i = 0; i < length && issues.length < MAX_ISSUES; i++) {
    let result: CustomerProfile | Problem;
    try {
      result = checkCustomer(input[i], defaultCountry);
    } catch {
      result = 'unreadable'; // a throwing getter or Proxy trap
    }
    if (typeof result === 'string') {
      issues.push(issue(`customers.${i}`, result));
    } else if (seen.has(result.id)) {
      issues.push(
        issue(`customers.${i}.id`, 'duplicate-id', `Customer ${result.id} appears twice.`),
      );
    } else {
      seen.add(result.id);
      profiles.push(result);
    }
  }
  if (issues.length) throw refused('customers', issues);
  return profiles;
}

export function checkOrders(
  input: readonly Order[],
  customerIndex: (id: string) => number | undefined,
): OrderColumns {
  const length = listLength(input, 'orders');
  const issues: Issue[] = [];
  const seen = new IdIndex(length);
  // Sized once: a clean call (the only one that returns) accepts every order, in order.
  const columns: OrderColumns = {
    ids: new Array<string>(length),
    customerAt: new Array<number>(length),
    totals: new Array<number>(length),
    placedAt: new Array<string>(length),
    placedAtMs: new Array<number>(length),
  };
  // One record object reused for every order: 300,000 orders make no garbage of their own.
  const order: OrderRecord = { id: '', total: 0, placedAt: '', at: 0 };
  let n = 0;
  for (let i = 0; i < length && issues.length < MAX_ISSUES; i++) {
    let problem: Problem | undefined;
    try {
      problem = readOrder(input[i], customerIndex, order);
    } catch {
      problem = 'unreadable'; // a throwing getter or Proxy trap
    }
    if (problem) {
      issues.push(issue(`orders.${i}`, problem));
      continue;
    }
    const { id } = order;
    if (!seen.add(id)) {
      issues.push(issue(`orders.${i}.id`, 'duplicate-id', `Order ${id} appears twice.`));
      continue;
    }
    columns.ids[n] = id;
    columns.customerAt[n] = order.at;
    columns.totals[n] = order.total;
    columns.placedAt[n] = order.placedAt;
    columns.placedAtMs[n] = canonicalMs(order.placedAt);
    n++;
  }
  if (issues.length) throw refused('orders', issues);
  return columns;
}

// ---- helpers ----

type Problem = keyof typeof MESSAGES;

const MESSAGES = {
  'not-an-object': 'is not an object',
  'missing-id': 'has no id',
  'invalid-date': 'has a date that is not a real ISO 8601 date and time',
  'invalid-phone': 'has a phone number that is not valid',
  'invalid-email': 'has an email that is not text',
  'invalid-text': 'has a name, city or state that is not text',
  'invalid-tags': 'has tags that are not a list of text',
  'invalid-boolean': 'has acceptsMarketing that is not true or false',
  'unknown-customer': 'belongs to a customer that was never imported',
  unreadable: 'could not be read',
  'invalid-total': 'has a total that is not a whole number of minor units',
  'negative-total': 'has a negative total',
} as const;

const E164 = /^\+[1-9]\d{6,14}$/;

function checkCustomer(raw: unknown, defaultCountry: string): CustomerProfile | Problem {
  if (!raw || typeof raw !== 'object') return 'not-an-object';
  // Each property read once (a getter could answer differently the second time), in this order.
  const r = raw as Record<string, unknown>;
  const id = r.id;
  const rawCreatedAt = r.createdAt;
  const name = r.name;
  const city = r.city;
  const state = r.state;
  const email = r.email;
  const rawPhone = r.phone;
  const rawTags = r.tags;
  const acceptsMarketing = r.acceptsMarketing;
  // Our own copy, read once, is what is checked and kept.
  const tags = Array.isArray(rawTags) ? Array.from(rawTags as unknown[]) : rawTags;
  if (typeof id !== 'string' || !id) return 'missing-id';
  const createdAt = canonicalInstant(rawCreatedAt);
  if (!createdAt) return 'invalid-date';
  if (!isOptionalText(name) || !isOptionalText(city) || !isOptionalText(state))
    return 'invalid-text';
  if (email != null && typeof email !== 'string') return 'invalid-email';
  let phone: string | undefined;
  if (rawPhone != null) {
    // Customers are meant to hold E.164 already; only other spellings pay for libphonenumber.
    phone =
      typeof rawPhone === 'string'
        ? E164.test(rawPhone)
          ? rawPhone
          : normalisePhone(rawPhone, defaultCountry)
        : undefined;
    if (!phone) return 'invalid-phone';
  }
  if (tags != null && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string')))
    return 'invalid-tags';
  if (acceptsMarketing != null && typeof acceptsMarketing !== 'boolean') return 'invalid-boolean';
  // Keys in the order decodeProfiles gives a stored customer (profile-columns.ts), so a record
  // just imported has its keys in the order it will have when read back.
  const profile: CustomerProfile = { id } as CustomerProfile;
  if (name != null) profile.name = name;
  if (email != null) profile.email = email.trim();
  if (phone !== undefined) profile.phone = phone;
  profile.createdAt = createdAt;
  if (city != null) profile.city = city;
  if (state != null) profile.state = state;
  if (tags != null) profile.tags = tags as string[];
  if (acceptsMarketing != null) profile.acceptsMarketing = acceptsMarketing;
  return profile;
}

/** Absent (undefined or null) or text. */
function isOptionalText(value: unknown): value is string | null | undefined {
  return value == null || typeof value === 'string';
}

interface OrderRecord {
  id: string;
  total: number;
  placedAt: string;
  at: number;
}

/** Reads one order into `into`, or says what is wrong with it (leaving `into` half-written). */
function readOrder(
  raw: unknown,
  customerIndex: (id: string) => number | undefined,
  into: OrderRecord,
): Problem | undefined {
  if (!raw || typeof raw !== 'object') return 'not-an-object';
  const { id, customerId, total, placedAt: rawPlacedAt } = raw as Partial<Order>;
  if (typeof id !== 'string' || !id) return 'missing-id';
  if (typeof total !== 'number' || !Number.isSafeInteger(total)) return 'invalid-total';
  if (total < 0) return 'negative-total';
  const placedAt = canonicalInstant(rawPlacedAt);
  if (!placedAt) return 'invalid-date';
  const at = typeof customerId === 'string' ? customerIndex(customerId) : undefined;
  if (at === undefined) return 'unknown-customer';
  into.id = id;
  into.total = total;
  into.placedAt = placedAt;
  into.at = at;
  return undefined;
}

/**
 * Epoch ms of a canonicalInstant answer ('YYYY-MM-DDTHH:mm:ss.sssZ' or 'YYYY-MM-DDTHH:mm:ssZ'),
 * from its digits: several times cheaper than Date.parse over 300,000 orders. Date.UTC reads
 * years 0–99 as 1900–1999, so those few go through Date.parse.
 */
function canonicalMs(text: string): number {
  const year = digitsAt(text, 0, 4);
  if (year < 100) return Date.parse(text);
  return Date.UTC(
    year,
    digitsAt(text, 5, 2) - 1,
    digitsAt(text, 8, 2),
    digitsAt(text, 11, 2),
    digitsAt(text, 14, 2),
    digitsAt(text, 17, 2),
    text.length === 24 ? digitsAt(text, 20, 3) : 0,
  );
}

/** The number written by `count` ASCII digits at `start` (canonical text: digits only there). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The length of a list of records, read once; anything else is refused. */
function listLength(input: unknown, what: 'customers' | 'orders'): number {
  try {
    if (Array.isArray(input)) return input.length;
  } catch {
    // A revoked Proxy cannot even say whether it is an array.
  }
  throw notAList(what);
}

function issue(path: string, code: Problem | 'duplicate-id', message?: string): Issue {
  const kind = path.startsWith('orders') ? 'Order' : 'Customer';
  const index = Number(path.split('.')[1]) + 1;
  return {
    path,
    code,
    message: message ?? `${kind} ${index} ${MESSAGES[code as Problem]}.`,
  };
}

function refused(what: 'customers' | 'orders', issues: Issue[]): SegmentError {
  const more = issues.length >= MAX_ISSUES ? ' (first 100 shown)' : '';
  return new SegmentError(
    'invalid',
    `Nothing was imported: ${issues.length} ${what === 'customers' ? 'customer' : 'order'} record(s) are not valid${more}.`,
    { issues },
  );
}

const notAList = (what: string) =>
  new SegmentError('invalid', `Expected a list of ${what}.`, {
    issues: [{ path: what, code: 'not-a-list', message: `Pass ${what} as an array.` }],
  });
