/**
 * The page side of bench/add-members.bench.ts: saves a 100,000-contact CSV segment into a store of
 * 100,000 customers with LocalAdapter.addMembers, and, as the baseline, with the per-contact path
 * addMembers used before (a loose regex per email, one IndexedDB record per member, the segment's
 * members re-read on every call) on a Dexie database of its own, in the same page and run. Both
 * sides must end with the same members; main-thread long tasks are watched while ours runs.
 */
import Dexie, { type Table } from 'dexie';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import { normalisePhone } from '../../src/phone.ts';
import { generateStore, mulberry32 } from '../../src/testing/generate-store.ts';
import type { Customer } from '../../src/model.ts';

export interface AddMembersBenchResult {
  customers: number;
  contacts: number;
  batches: number;
  oursMs: number;
  baselineMs: number;
  oursAdded: number;
  baselineAdded: number;
  /** Sorted member ids (customer id or contact:<phone or email>) compared side by side. */
  sameMembers: boolean;
  members: number;
  longestTaskMs: number;
  longTasks: number;
  calibrationTaskMs: number;
  craftedEmailMs: number;
  craftedEmailBaselineMs: number;
  /** Scripts that ran 30 ms or more in a long animation frame while ours ran (LoAF attribution). */
  longScripts: string[];
}

declare global {
  interface Window {
    runAddMembersBench(sizes: {
      customers: number;
      contacts: number;
      batchSize: number;
    }): Promise<AddMembersBenchResult>;
  }
}

interface Contact {
  phone?: string;
  email?: string;
}

window.runAddMembersBench = async ({ customers: size, contacts: count, batchSize }) => {
  const { customers } = generateStore({ seed: 42, customers: size, orders: 0 });
  const contacts = contactsFor(customers, count);
  const batches: Contact[][] = [];
  for (let i = 0; i < contacts.length; i += batchSize)
    batches.push(contacts.slice(i, i + batchSize));
  const run = crypto.randomUUID();
  const storeId = `bench-members-${run}`;
  const csv = {
    fileName: 'customers.csv',
    phoneColumn: 'phone',
    emailColumn: 'email',
    accepted: count,
    rejected: 0,
    duplicates: 0,
  };

  // Ours, on a store seeded and warmed (customers loaded) as a seller's tab would have it.
  const adapter = new LocalAdapter({ storeId });
  await adapter.importCustomers(customers);
  await adapter.countMembers({ segmentId: 'first-time-customers' });
  const segment = await adapter.createSegment({ name: 'Diwali list', type: 'csv', csv });
  await pause(300);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  // What ran in the long frames, to tell where a long task came from.
  const frames: string[] = [];
  const frameObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      scripts?: {
        duration: number;
        invoker: string;
        sourceFunctionName: string;
        sourceURL: string;
        sourceCharPosition: number;
      }[];
    })[]) {
      for (const script of entry.scripts ?? []) {
        if (script.duration < 30) continue;
        const file = script.sourceURL.replace(/^.*\//, '').replace(/\?.*$/, '');
        frames.push(
          `${Math.round(script.duration)} ms in ${script.invoker} (${script.sourceFunctionName || '?'} ${file}:${script.sourceCharPosition})`,
        );
      }
    }
  });
  frameObserver.observe({ type: 'long-animation-frame', buffered: false });
  // Proof the observer sees long tasks here: an 80 ms busy task must show up before we trust a 0.
  setTimeout(() => busyFor(80));
  await pause(300);
  const calibrationTaskMs = Math.max(0, ...longTasks);
  longTasks.length = 0;
  frames.length = 0;
  let start = performance.now();
  let oursAdded = 0;
  for (const [i, batch] of batches.entries()) {
    oursAdded += (await adapter.addMembers(segment.id, batch, { batchId: `rows-${i}` })).added;
  }
  const oursMs = performance.now() - start;
  await pause(100);
  observer.disconnect();
  frameObserver.disconnect();
  // Untimed: members are listed once the import is finished.
  await adapter.finishImport(segment.id);
  const ours = await memberIds(adapter, segment.id);

  // The baseline: the per-contact path on its own database.
  const baseline = new PerContactDb(`bench-members-baseline-${run}`);
  const byPhone = indexBy(customers, (c) => c.phone);
  const byEmail = indexBy(customers, (c) => c.email?.toLowerCase());
  start = performance.now();
  let baselineAdded = 0;
  for (const [i, batch] of batches.entries()) {
    baselineAdded += await baseline.addMembers('s', batch, `rows-${i}`, byPhone, byEmail);
  }
  const baselineMs = performance.now() - start;
  const members = await baseline.members.where('segmentId').equals('s').sortBy('seq');
  const theirs = members.map((m) => memberId(m, byPhone, byEmail)).sort();

  // Emails crafted against a backtracking regex: a long run of dots with no final label.
  const crafted = Array.from({ length: 5 }, (_, i) => ({
    email: `${i}@` + 'a.'.repeat(25_000) + '@',
  }));
  const other = await adapter.createSegment({ name: 'Crafted', type: 'csv', csv });
  start = performance.now();
  await adapter
    .addMembers(other.id, [...crafted, { email: 'ok@x.in' }], { batchId: 'c' })
    .catch(() => {});
  const craftedEmailMs = performance.now() - start;
  start = performance.now();
  for (const contact of crafted) LOOSE_EMAIL.test(contact.email.trim());
  const craftedEmailBaselineMs = performance.now() - start;

  adapter.close();
  baseline.close();
  await LocalAdapter.deleteStore(storeId);
  await Dexie.delete(baseline.name);
  return {
    customers: customers.length,
    contacts: contacts.length,
    batches: batches.length,
    oursMs,
    baselineMs,
    oursAdded,
    baselineAdded,
    sameMembers: ours.length === theirs.length && ours.every((id, i) => id === theirs[i]),
    members: ours.length,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    calibrationTaskMs,
    craftedEmailMs,
    craftedEmailBaselineMs,
    longScripts: frames,
  };
};

/**
 * A CSV's contacts as a seller's file has them: most match a customer (by a national-format
 * phone, or an email in other case), some are new, a few repeat within the file.
 */
function contactsFor(customers: Customer[], count: number): Contact[] {
  const random = mulberry32(7);
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const customer = customers[Math.floor(random() * customers.length)];
    if (r < 0.45 && customer.phone) contacts.push({ phone: national(customer.phone) });
    else if (r < 0.7 && customer.email) contacts.push({ email: customer.email.toUpperCase() });
    else if (r < 0.75 && i > 0) contacts.push(contacts[Math.floor(random() * i)]);
    else {
      const number = String(6_000_000_000 + i * 37);
      contacts.push(
        random() < 0.5
          ? { phone: `${number.slice(0, 5)} ${number.slice(5)}` }
          : { email: `new.${i}@example.in`, phone: `+91${number}` },
      );
    }
  }
  return contacts;
}

const national = (e164: string) => `${e164.slice(3, 8)} ${e164.slice(8)}`;

async function memberIds(adapter: LocalAdapter, segmentId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listMembers(segmentId, { cursor, limit: 200 });
    for (const item of page.items) ids.push(item.id);
    cursor = page.next;
  } while (cursor);
  return ids.sort();
}

function memberId(
  member: Contact,
  byPhone: Map<string, Customer>,
  byEmail: Map<string, Customer>,
): string {
  const customer =
    (member.phone && byPhone.get(member.phone)) || (member.email && byEmail.get(member.email));
  return customer ? customer.id : `contact:${member.phone ?? member.email}`;
}

function indexBy(customers: Customer[], key: (c: Customer) => string | undefined) {
  const map = new Map<string, Customer>();
  for (const customer of customers) {
    const k = key(customer);
    if (k && !map.has(k)) map.set(k, customer);
  }
  return map;
}

/** The email check addMembers used before: loose, and quadratic on crafted input. */
const LOOSE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** addMembers as it was: per-contact checks, a record per member, every member re-read per call. */
class PerContactDb extends Dexie {
  members!: Table<Contact & { seq?: number; segmentId: string; addedAt: string }, number>;
  batches!: Table<{ segmentId: string; batchId: string; added: number }, [string, string]>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ members: '++seq, segmentId', batches: '&[segmentId+batchId]' });
  }

  async addMembers(
    segmentId: string,
    batch: Contact[],
    batchId: string,
    byPhone: Map<string, Customer>,
    byEmail: Map<string, Customer>,
  ): Promise<number> {
    const contacts = batch.flatMap((raw) => {
      const phone = raw.phone?.trim() ? normalisePhone(raw.phone, 'IN') : undefined;
      const email =
        raw.email && LOOSE_EMAIL.test(raw.email.trim())
          ? raw.email.trim().toLowerCase()
          : undefined;
      if (!phone && !email) return [];
      const contact: Contact = {};
      if (phone) contact.phone = phone;
      if (email) contact.email = email;
      return [contact];
    });
    const now = new Date().toISOString();
    return this.transaction('rw', [this.members, this.batches], async () => {
      const done = await this.batches.get([segmentId, batchId]);
      if (done) return done.added;
      const keys = new Set<string>();
      const keysOf = (c: Contact) => {
        const own: string[] = [];
        if (c.phone) own.push(`p:${c.phone}`);
        if (c.email) own.push(`e:${c.email}`);
        const customer = (c.phone && byPhone.get(c.phone)) || (c.email && byEmail.get(c.email));
        if (customer) own.push(`c:${customer.id}`);
        return own;
      };
      for (const member of await this.members.where('segmentId').equals(segmentId).toArray())
        for (const key of keysOf(member)) keys.add(key);
      const fresh = contacts.filter((contact) => {
        const own = keysOf(contact);
        if (own.some((key) => keys.has(key))) return false;
        for (const key of own) keys.add(key);
        return true;
      });
      await this.members.bulkAdd(fresh.map((c) => ({ ...c, segmentId, addedAt: now })));
      await this.batches.put({ segmentId, batchId, added: fresh.length });
      return fresh.length;
    });
  }
}

function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a deliberate long task
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
