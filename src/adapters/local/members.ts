import type { Customer } from '../../model.ts';
import { breathe } from '../../breathe.ts';
import type { StoredMember } from './database.ts';
import type { Contact } from '../../segments/contacts.ts';
import type { CustomerData } from './customer-store.ts';

/**
 * Members of CSV segments. A member is the contact from the file (E.164 phone and/or lower-cased
 * email), matched to a customer when it is read, so customers imported later are matched too.
 *
 * A contact that matches no customer still counts as a member and is listed as a minimal
 * Customer-shaped record: id `contact:<phone or email>`, its phone and email, `createdAt` = when
 * its batch was added, ordersCount 0 and totalSpent 0.
 */

/**
 * The members of one CSV segment in the order they were added, with the keys that make a
 * contact a duplicate: the same phone, the same email, or the same matched customer. Built for
 * one version of the customer data (matches depend on it) and dropped when that changes.
 */
export class MemberList {
  private readonly keys = new Set<string>();
  private ids?: Set<string>;

  private constructor(readonly members: StoredMember[]) {}

  /** The list of `members`, their keys worked out in slices that give the page a turn. */
  static async of(members: StoredMember[], data: CustomerData): Promise<MemberList> {
    const list = new MemberList(members);
    for (let i = 0; i < members.length; i++) {
      if (i % 128 === 0) await breathe();
      for (const key of keysOf(members[i], data)) list.keys.add(key);
    }
    return list;
  }

  /**
   * The contacts that are not members yet (nor repeated within the batch), in their order, and
   * the keys they bring (for `append`, once they are stored).
   */
  async newcomers<T extends Contact>(
    contacts: readonly T[],
    data: CustomerData,
  ): Promise<{ fresh: T[]; keys: Set<string> }> {
    const keys = new Set<string>();
    const fresh: T[] = [];
    for (let i = 0; i < contacts.length; i++) {
      if (i % 128 === 0) await breathe();
      const own = keysOf(contacts[i], data);
      if (own.some((key) => this.keys.has(key) || keys.has(key))) continue;
      for (const key of own) keys.add(key);
      fresh.push(contacts[i]);
    }
    return { fresh, keys };
  }

  /**
   * Appends the newcomers `fresh` (with the `keys` newcomers gave) as stored members, once they
   * are stored: a batch after a batch costs its own size, not the segment's.
   */
  async append(
    fresh: readonly Contact[],
    keys: ReadonlySet<string>,
    stored: Omit<StoredMember, 'phone' | 'email'>,
  ): Promise<void> {
    this.ids = undefined;
    for (let i = 0; i < fresh.length; i++) {
      if (i % 512 === 0) await breathe();
      this.members.push({ ...fresh[i], ...stored });
    }
    for (const key of keys) this.keys.add(key);
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

/** The customer a contact matches (by phone first, then email), if any. */
export function matchCustomer(
  contact: Pick<StoredMember, 'phone' | 'email'>,
  data: CustomerData,
): Customer | undefined {
  return (
    (contact.phone && data.byPhone(contact.phone)) ||
    (contact.email && data.byEmail(contact.email)) ||
    undefined
  );
}

// ---- helpers ----

function keysOf(contact: Pick<StoredMember, 'phone' | 'email'>, data: CustomerData): string[] {
  const keys: string[] = [];
  if (contact.phone) keys.push(`p:${contact.phone}`);
  if (contact.email) keys.push(`e:${contact.email}`);
  const customer = matchCustomer(contact, data);
  if (customer) keys.push(`c:${customer.id}`);
  return keys;
}
