import type { Customer } from '../../model.ts';
import type { CustomerProfile, StatsBlock } from './database.ts';

/**
 * A customer block's profiles as the JSON text of one array per field instead of one object per
 * customer. Writing a large IndexedDB value costs Chromium's renderer about the same for every
 * byte, whatever the bytes are, and in the object form the field names alone were a third of the
 * text; a repeated city, state or tag is written once per block and named by its number.
 *
 * The text is `[ids, names, emails, phones, createdAt, words, cities, states, tags, marketing]`:
 * `words` lists each distinct city, state and tag of the block once; `cities`, `states` hold a
 * word's number or -1 (none), `tags` a list of word numbers or null (none), `marketing` 1 / 0 /
 * -1 (true / false / none); the other fields hold the text or null.
 */
type ProfileColumns = [
  ids: string[],
  names: (string | null)[],
  emails: (string | null)[],
  phones: (string | null)[],
  createdAt: string[],
  words: string[],
  cities: number[],
  states: number[],
  tags: (number[] | null)[],
  marketing: number[],
];

/** The profiles of customers[start, end) as columns text. */
export function encodeProfiles(
  customers: readonly CustomerProfile[],
  start: number,
  end: number,
): string {
  const size = end - start;
  const ids = new Array<string>(size);
  const names = new Array<string | null>(size);
  const emails = new Array<string | null>(size);
  const phones = new Array<string | null>(size);
  const createdAt = new Array<string>(size);
  const cities = new Array<number>(size);
  const states = new Array<number>(size);
  const tags = new Array<number[] | null>(size);
  const marketing = new Array<number>(size);
  const words: string[] = [];
  const numbers = new Map<string, number>();
  const word = (text: string): number => {
    let n = numbers.get(text);
    if (n === undefined) numbers.set(text, (n = words.push(text) - 1));
    return n;
  };
  for (let k = 0; k < size; k++) {
    const c = customers[start + k]!;
    ids[k] = c.id;
    names[k] = c.name ?? null;
    emails[k] = c.email ?? null;
    phones[k] = c.phone ?? null;
    createdAt[k] = c.createdAt;
    cities[k] = c.city === undefined ? -1 : word(c.city);
    states[k] = c.state === undefined ? -1 : word(c.state);
    tags[k] = c.tags === undefined ? null : c.tags.map(word);
    marketing[k] = c.acceptsMarketing === undefined ? -1 : c.acceptsMarketing ? 1 : 0;
  }
  const columns: ProfileColumns = [
    ids,
    names,
    emails,
    phones,
    createdAt,
    words,
    cities,
    states,
    tags,
    marketing,
  ];
  return JSON.stringify(columns);
}

/**
 * The customers of a columns text, with the order statistics of their stats block. Each record
 * is its own object with its own tags list (callers may keep and change them), keys in the order
 * an imported record has them.
 */
export function decodeProfiles(text: string, stats: StatsBlock): Customer[] {
  const [ids, names, emails, phones, createdAt, words, cities, states, tags, marketing] =
    JSON.parse(text) as ProfileColumns;
  const customers = new Array<Customer>(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const c = { id: ids[k]! } as Customer;
    const name = names[k];
    if (name !== null) c.name = name;
    const email = emails[k];
    if (email !== null) c.email = email;
    const phone = phones[k];
    if (phone !== null) c.phone = phone;
    c.createdAt = createdAt[k]!;
    if (cities[k]! >= 0) c.city = words[cities[k]!]!;
    if (states[k]! >= 0) c.state = words[states[k]!]!;
    const tagNumbers = tags[k];
    if (tagNumbers !== null) c.tags = tagNumbers.map((n) => words[n]!);
    if (marketing[k]! >= 0) c.acceptsMarketing = marketing[k] === 1;
    c.ordersCount = stats.ordersCount[k]!;
    c.totalSpent = stats.totalSpent[k]!;
    const first = stats.firstOrderAt[k];
    if (first != null) c.firstOrderAt = first;
    const last = stats.lastOrderAt[k];
    if (last != null) c.lastOrderAt = last;
    if (stats.spendRank[k]! > 0) c.spendRank = stats.spendRank[k];
    customers[k] = c;
  }
  return customers;
}
