import { SegmentError } from '../../errors.ts';
import type { MemberContact } from '../../adapter.ts';
import type { Customer, Issue } from '../../model.ts';
import { normalisePhone } from '../../phone.ts';
import type { StoredMember } from './database.ts';
import type { CustomerData } from './customer-store.ts';
import { MAX_ISSUES } from './import.ts';

/**
 * Members of CSV segments. A member is the contact from the file (E.164 phone and/or lower-cased
 * email), matched to a customer when it is read, so customers imported later are matched too.
 *
 * A contact that matches no customer still counts as a member and is listed as a minimal
 * Customer-shaped record: id `contact:<phone or email>`, its phone and email, `createdAt` = when
 * its batch was added, ordersCount 0 and totalSpent 0.
 */

/** The contacts of a batch in stored form, or `invalid` naming each contact with neither. */
export function checkContacts(
  batch: readonly MemberContact[],
  defaultCountry: string,
): Omit<StoredMember, 'segmentId' | 'addedAt'>[] {
  if (!Array.isArray(batch)) {
    throw new SegmentError('invalid', 'Send members as a list of { phone, email }.', {
      issues: [{ path: 'batch', code: 'not-a-list', message: 'Send members as an array.' }],
    });
  }
  const issues: Issue[] = [];
  const contacts: Omit<StoredMember, 'segmentId' | 'addedAt'>[] = [];
  batch.forEach((raw, i) => {
    const phone =
      typeof raw?.phone === 'string' && raw.phone.trim()
        ? normalisePhone(raw.phone, defaultCountry)
        : undefined;
    const email =
      typeof raw?.email === 'string' && EMAIL.test(raw.email.trim())
        ? raw.email.trim().toLowerCase()
        : undefined;
    if (!phone && !email) {
      if (issues.length < MAX_ISSUES) {
        issues.push({
          path: `batch.${i}`,
          code: 'no-contact',
          message: `Member ${i + 1} has neither a valid phone number nor a valid email.`,
        });
      }
      return;
    }
    const contact: Omit<StoredMember, 'segmentId' | 'addedAt'> = {};
    if (phone) contact.phone = phone;
    if (email) contact.email = email;
    contacts.push(contact);
  });
  if (issues.length) {
    throw new SegmentError('invalid', `No members were added: ${issues.length} are not valid.`, {
      issues,
    });
  }
  return contacts;
}

/**
 * The members of one CSV segment in the order they were added, with the keys that make a
 * contact a duplicate: the same phone, the same email, or the same matched customer. Built for
 * one version of the customer data (matches depend on it) and dropped when that changes.
 */
export class MemberList {
  private readonly keys = new Set<string>();
  private ids?: Set<string>;

  constructor(
    readonly members: StoredMember[],
    data: CustomerData,
  ) {
    for (const member of members) this.remember(member, data);
  }

  /** The contacts that are not members yet (nor repeated within the batch). */
  newcomers<T extends Omit<StoredMember, 'segmentId' | 'addedAt'>>(
    contacts: readonly T[],
    data: CustomerData,
  ): T[] {
    const keys = new Set(this.keys);
    return contacts.filter((contact) => {
      const own = keysOf(contact, data);
      if (own.some((key) => keys.has(key))) return false;
      for (const key of own) keys.add(key);
      return true;
    });
  }

  /** Ids of the customers the members match: what a `segment` rule tests. */
  memberIds(data: CustomerData): ReadonlySet<string> {
    if (this.ids) return this.ids;
    const ids = new Set<string>();
    for (const member of this.members) {
      const customer = matchCustomer(member, data);
      if (customer) ids.add(customer.id);
    }
    return (this.ids = ids);
  }

  private remember(member: StoredMember, data: CustomerData): void {
    for (const key of keysOf(member, data)) this.keys.add(key);
  }
}

/** The member as listMembers shows it: its customer, or a record made from the contact. */
export function memberAsCustomer(member: StoredMember, data: CustomerData): Customer {
  const customer = matchCustomer(member, data);
  if (customer) return customer;
  const record: Customer = {
    id: `contact:${member.phone ?? member.email}`,
    createdAt: member.addedAt,
    ordersCount: 0,
    totalSpent: 0,
  };
  if (member.phone) record.phone = member.phone;
  if (member.email) record.email = member.email;
  return record;
}

// ---- helpers ----

/** Deliberately loose: the CSV pipeline has checked emails already; this only rejects junk. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function matchCustomer(
  contact: Pick<StoredMember, 'phone' | 'email'>,
  data: CustomerData,
): Customer | undefined {
  return (
    (contact.phone && data.byPhone(contact.phone)) ||
    (contact.email && data.byEmail(contact.email)) ||
    undefined
  );
}

function keysOf(contact: Pick<StoredMember, 'phone' | 'email'>, data: CustomerData): string[] {
  const keys: string[] = [];
  if (contact.phone) keys.push(`p:${contact.phone}`);
  if (contact.email) keys.push(`e:${contact.email}`);
  const customer = matchCustomer(contact, data);
  if (customer) keys.push(`c:${customer.id}`);
  return keys;
}
