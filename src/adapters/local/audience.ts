import type { AudienceMember, AudiencePage } from '../../adapter.ts';
import type { Listed } from '../../segments/rules.ts';
import { encodeOffset, decodeOffset } from '../../segments/rules.ts';
import { assertReady } from '../../segments/imports.ts';
import {
  audienceMember,
  audienceRemoval,
  type CheckedAudienceQuery,
} from '../../segments/audience.ts';
import { breathe } from '../../breathe.ts';
import type { CustomerData } from './customer-store.ts';
import type { StoredMember } from './database.ts';
import { matchCustomer } from './members.ts';
import type { LocalStore } from './store.ts';

/**
 * resolveAudience over the in-memory customers. Customers are marked in typed arrays (one pass
 * per segment over its members), CSV contacts that match no customer are keyed as listMembers
 * ids them (`contact:<phone or email>`). The audience lists customers in import order, then
 * such contacts in upload order. The last audience is remembered, so paging through it (an
 * export) costs one evaluation, not one per page.
 */
export class LocalAudience {
  private last?: { key: string; inputs: readonly unknown[]; result: Resolved };

  constructor(private readonly store: LocalStore) {}

  async page(q: CheckedAudienceQuery): Promise<AudiencePage> {
    const offset = decodeOffset(q.cursor);
    const data = await this.store.customers();
    const include = q.include.map((id) => this.store.find(id));
    const exclude = q.exclude.map((id) => this.store.find(id));
    // A CSV segment still importing would reach only the contacts uploaded so far.
    for (const segment of [...include, ...exclude]) assertReady(segment);
    const sources = await Promise.all(
      [...include, ...exclude].map((segment) => this.membersOf(segment, data)),
    );
    const key = JSON.stringify([q.include, q.exclude, q.channel, q.consentOnly]);
    const inputs = [data, this.store.writeVersion, ...sources];
    let result: Resolved;
    if (
      this.last?.key === key &&
      this.last.inputs.length === inputs.length &&
      this.last.inputs.every((input, i) => input === inputs[i])
    ) {
      result = this.last.result;
    } else {
      result = await resolve(
        q,
        data,
        sources.slice(0, include.length),
        sources.slice(include.length),
      );
      this.last = { key, inputs, result };
    }
    const items: AudienceMember[] = [];
    const end = Math.min(offset + q.limit, result.total);
    for (let at = offset; at < end; at++) {
      if (at < result.customers.length) {
        const customer = data.customers[result.customers[at]!]!;
        items.push(audienceMember({ ...customer, customerId: customer.id }, q.channel));
      } else {
        items.push(audienceMember(result.contacts[at - result.customers.length]!, q.channel));
      }
    }
    const page: AudiencePage = { items, total: result.total, removed: { ...result.removed } };
    if (end < result.total) page.next = encodeOffset(end);
    return page;
  }

  /** A segment's members: customer indices, or a CSV segment's stored contacts. */
  private async membersOf(segment: Listed, data: CustomerData): Promise<Source> {
    if (segment.type === 'csv') return (await this.store.memberList(segment.id, data)).members;
    await this.store.preloadMembers([segment], data);
    return this.store.matchSegment(segment, data);
  }
}

// ---- helpers ----

/** Customer indices (filter, predefined and global segments) or CSV contacts. */
type Source = Int32Array | readonly StoredMember[];

interface Resolved {
  /** Indices of the customers reached, ascending. */
  customers: Int32Array;
  /** Contacts matching no customer that are reached, in the order first met. */
  contacts: { phone?: string; email?: string }[];
  total: number;
  removed: AudiencePage['removed'];
}

async function resolve(
  q: CheckedAudienceQuery,
  data: CustomerData,
  include: readonly Source[],
  exclude: readonly Source[],
): Promise<Resolved> {
  const excluded = new Uint8Array(data.size);
  const excludedContacts = new Set<string>();
  for (const source of exclude) {
    await each(
      source,
      data,
      (index) => (excluded[index] = 1),
      (contact) => {
        for (const key of contactKeys(contact)) excludedContacts.add(key);
      },
    );
  }
  // How many included segments hold each customer (at most 50 segments: a byte is enough).
  const hits = new Uint8Array(data.size);
  const contacts = new Map<string, { contact: StoredMember; hits: number }>();
  let appearances = 0;
  for (const source of include) {
    await each(
      source,
      data,
      (index) => {
        if (excluded[index]) return;
        appearances++;
        hits[index]!++;
      },
      (contact) => {
        if (contactKeys(contact).some((key) => excludedContacts.has(key))) return;
        appearances++;
        const key = `contact:${contact.phone ?? contact.email}`;
        const known = contacts.get(key);
        if (known) known.hits++;
        else contacts.set(key, { contact, hits: 1 });
      },
    );
  }
  const removed = { duplicates: 0, noConsent: 0, noChannel: 0 };
  const reached = new Int32Array(data.size);
  let people = 0;
  let n = 0;
  for (let index = 0; index < data.size; index++) {
    if (!hits[index]) continue;
    if (index % 4096 === 0) await breathe();
    people++;
    const why = audienceRemoval(data.customers[index]!, q);
    if (why) removed[why]++;
    else reached[n++] = index;
  }
  const reachedContacts: { phone?: string; email?: string }[] = [];
  for (const { contact } of contacts.values()) {
    people++;
    const why = audienceRemoval(contact, q);
    if (why) removed[why]++;
    else reachedContacts.push(contact);
  }
  removed.duplicates = appearances - people;
  return {
    customers: reached.slice(0, n),
    contacts: reachedContacts,
    total: n + reachedContacts.length,
    removed,
  };
}

async function each(
  source: Source,
  data: CustomerData,
  onCustomer: (index: number) => void,
  onContact: (contact: StoredMember) => void,
): Promise<void> {
  if (source instanceof Int32Array) {
    for (let k = 0; k < source.length; k++) onCustomer(source[k]!);
    return;
  }
  for (let k = 0; k < source.length; k++) {
    if (k % 1024 === 0) await breathe();
    const member = source[k]!;
    const customer = matchCustomer(member, data);
    const index = customer ? data.indexOf(customer.id) : undefined;
    if (index !== undefined) onCustomer(index);
    else onContact(member);
  }
}

function contactKeys(contact: { phone?: string; email?: string }): string[] {
  const keys: string[] = [];
  if (contact.phone) keys.push(`p:${contact.phone}`);
  if (contact.email) keys.push(`e:${contact.email}`);
  return keys;
}
