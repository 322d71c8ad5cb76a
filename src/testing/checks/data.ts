import type { Customer, FilterGroup } from '../../model.ts';
import { deriveOrderStats, generateStore, type GeneratedStore } from '../generate-store.ts';
import type { AdapterSeed, GlobalSegmentSeed } from './kit.ts';

/**
 * The store every check starts from and the answers the adapter must give on it. Expected
 * answers are computed here in plain JavaScript over deriveOrderStats, never through the
 * package's own filter engine, so an engine bug cannot hide an adapter bug.
 */

/** Calendar days in the kit's filters are Indian days, a zone with no daylight saving. */
export const KIT_TIME_ZONE = 'Asia/Kolkata';
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The documented names of the predefined segments, in that order. */
export const PREDEFINED_NAMES = [
  'First Time Customers',
  'Returning Customers',
  'Top 10 High-Value Spenders',
  'Top 50 High-Value Spenders',
  'Top 100 High-Value Spenders',
] as const;

export const KIT_GLOBAL_SEGMENTS: readonly GlobalSegmentSeed[] = [
  {
    id: 'kit-global-newsletter',
    name: 'Platform Newsletter Readers',
    filter: {
      combinator: 'and',
      rules: [{ field: 'tags', operator: 'hasAny', value: ['newsletter'] }],
    },
  },
  {
    id: 'kit-global-metros',
    name: 'Metro Shoppers',
    filter: {
      combinator: 'and',
      rules: [{ field: 'city', operator: 'in', value: ['Mumbai', 'Delhi', 'Bengaluru'] }],
    },
  },
  {
    id: 'kit-global-lapsed',
    name: 'Lapsed Before 2026',
    filter: {
      combinator: 'and',
      rules: [{ field: 'lastOrderOn', operator: 'before', value: '2026-01-01' }],
    },
  },
];

/** Expected membership of each global segment, by id. */
export const GLOBAL_MATCHES: Readonly<Record<string, (c: Customer) => boolean>> = {
  'kit-global-newsletter': (c) => hasTag(c, 'newsletter'),
  'kit-global-metros': (c) => ['mumbai', 'delhi', 'bengaluru'].includes(lower(c.city) ?? ''),
  'kit-global-lapsed': (c) => c.lastOrderAt !== undefined && istDay(c.lastOrderAt) < '2026-01-01',
};

let cached: { store: GeneratedStore; derived: Customer[] } | undefined;

/** The kit's store: 400 customers, 1,200 orders, generated once. */
export function kitStore(): { store: GeneratedStore; derived: Customer[] } {
  if (!cached) {
    const store = generateStore({ seed: 20_261_128, customers: 400, orders: 1_200 });
    cached = { store, derived: deriveOrderStats(store.customers, store.orders) };
  }
  return cached;
}

/** A filter and, independently, which customers it must match. */
export interface FilterCase {
  name: string;
  filter: FilterGroup;
  matches: (customer: Customer) => boolean;
}

const one = (field: string, operator: string, value?: unknown): FilterGroup => ({
  combinator: 'and',
  rules: [value === undefined ? { field, operator } : { field, operator, value }],
});

/**
 * "Today" in India, read when a check runs (relative cases count back from it, as the adapter
 * does with the current time), and the first day of the kit's relative cases.
 */
const istToday = () => istDay(new Date().toISOString());

/**
 * Relative amounts reach back from today to a fixed day inside the store's dates (it ends on
 * 2026-11-28), so "in the last N" keeps splitting the store however long after 2026 it runs.
 */
const daysSince = (day: string) =>
  Math.round((Date.parse(`${istToday()}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
const LAST_DAYS = daysSince('2026-08-15');
const LAST_WEEKS = Math.ceil(daysSince('2026-05-01') / 7);
const LAST_MONTHS = Math.max(1, monthsSince('2026-02-28'));

/** A customer with a phone, and that phone as a seller writes it: '98765 43210' for '+9198…'. */
const PHONE_OWNER = kitStore().derived.find((c) => c.phone?.startsWith('+91'))!;

/** One case per field type and the tricky semantics: case folding, missing values, not, or. */
export const FILTER_CASES: readonly FilterCase[] = [
  {
    name: 'email endsWith @gmail.com',
    filter: one('email', 'endsWith', '@GMAIL.com'),
    matches: (c) => lower(c.email)?.endsWith('@gmail.com') ?? false,
  },
  {
    name: 'city equals mumbai (any case)',
    filter: one('city', 'equals', 'mumbai'),
    matches: (c) => lower(c.city) === 'mumbai',
  },
  {
    name: 'name contains sharma',
    filter: one('name', 'contains', 'SHARMA'),
    matches: (c) => lower(c.name)?.includes('sharma') ?? false,
  },
  {
    name: 'email isEmpty',
    filter: one('email', 'isEmpty'),
    matches: (c) => !c.email,
  },
  {
    name: 'city notEquals mumbai (no city counts)',
    filter: one('city', 'notEquals', 'MUMBAI'),
    matches: (c) => lower(c.city) !== 'mumbai',
  },
  {
    name: 'city in pune or chennai (any case)',
    filter: one('city', 'in', ['pune', 'CHENNAI']),
    matches: (c) => ['pune', 'chennai'].includes(lower(c.city) ?? ''),
  },
  {
    // Unicode simple case folding, not a locale's lower(): İ folds to i, the Kelvin sign to k and
    // the long ſ to s, so a value typed with them matches the plain ASCII stored.
    name: 'city in MUMBAİ, \u212AOLKATA or ſURAT (İ is i, Kelvin sign is k, ſ is s)',
    filter: one('city', 'in', ['MUMBAİ', '\u212AOLKATA', 'ſURAT']),
    matches: (c) => ['mumbai', 'kolkata', 'surat'].includes(lower(c.city) ?? ''),
  },
  {
    name: 'state notIn Maharashtra, Karnataka (no state counts)',
    filter: one('state', 'notIn', ['maharashtra', 'KARNATAKA']),
    matches: (c) => !['maharashtra', 'karnataka'].includes(lower(c.state) ?? ''),
  },
  {
    name: 'phone equals a number written the national way',
    filter: one('phone', 'equals', nationalForm(PHONE_OWNER.phone!)),
    matches: (c) => c.phone === PHONE_OWNER.phone,
  },
  {
    name: 'phone startsWith 98 (national prefix)',
    filter: one('phone', 'startsWith', '98'),
    matches: (c) => c.phone?.startsWith('+9198') ?? false,
  },
  {
    name: 'ordersCount gte 3',
    filter: one('ordersCount', 'gte', 3),
    matches: (c) => c.ordersCount >= 3,
  },
  {
    name: 'totalSpent between ₹2,000 and ₹10,000',
    filter: one('totalSpent', 'between', [200_000, 1_000_000]),
    matches: (c) => c.totalSpent >= 200_000 && c.totalSpent <= 1_000_000,
  },
  {
    name: 'spendRank lte 25',
    filter: one('spendRank', 'lte', 25),
    matches: (c) => c.spendRank !== undefined && c.spendRank <= 25,
  },
  {
    name: 'tags hasAny vip or wholesale',
    filter: one('tags', 'hasAny', ['VIP', 'wholesale']),
    matches: (c) => hasTag(c, 'vip') || hasTag(c, 'wholesale'),
  },
  {
    name: 'tags hasAny VİP or WHOLEſALE (İ is i, ſ is s)',
    filter: one('tags', 'hasAny', ['VİP', 'WHOLEſALE']),
    matches: (c) => hasTag(c, 'vip') || hasTag(c, 'wholesale'),
  },
  {
    name: 'tags hasAll newsletter and app-user',
    filter: one('tags', 'hasAll', ['newsletter', 'APP-USER']),
    matches: (c) => hasTag(c, 'newsletter') && hasTag(c, 'app-user'),
  },
  {
    name: 'tags isEmpty (no tags or an empty list)',
    filter: one('tags', 'isEmpty'),
    matches: (c) => !c.tags || c.tags.length === 0,
  },
  {
    name: 'tags hasNone newsletter (no tags counts)',
    filter: one('tags', 'hasNone', ['newsletter']),
    matches: (c) => !hasTag(c, 'newsletter'),
  },
  {
    name: 'acceptsMarketing equals true',
    filter: one('acceptsMarketing', 'equals', true),
    matches: (c) => c.acceptsMarketing === true,
  },
  {
    name: 'createdOn after 2025-06-01 (Indian calendar days)',
    filter: one('createdOn', 'after', '2025-06-01'),
    matches: (c) => istDay(c.createdAt) > '2025-06-01',
  },
  {
    name: 'createdOn on 2026-10-26 (a day that differs between India and UTC)',
    filter: one('createdOn', 'on', '2026-10-26'),
    matches: (c) => istDay(c.createdAt) === '2026-10-26',
  },
  {
    name: 'firstOrderOn between 2025-01-01 and 2025-12-31',
    filter: one('firstOrderOn', 'between', ['2025-01-01', '2025-12-31']),
    matches: (c) =>
      c.firstOrderAt !== undefined &&
      istDay(c.firstOrderAt) >= '2025-01-01' &&
      istDay(c.firstOrderAt) <= '2025-12-31',
  },
  {
    name: 'lastOrderOn before 2026-01-01 (no orders does not count)',
    filter: one('lastOrderOn', 'before', '2026-01-01'),
    matches: (c) => c.lastOrderAt !== undefined && istDay(c.lastOrderAt) < '2026-01-01',
  },
  {
    name: `lastOrderOn inLast ${LAST_DAYS} days (since 2026-08-15, Indian days)`,
    filter: one('lastOrderOn', 'inLast', { amount: LAST_DAYS, unit: 'days' }),
    matches: (c) => inLast(c.lastOrderAt, daysBack(istToday(), LAST_DAYS)),
  },
  {
    name: `lastOrderOn notInLast ${LAST_WEEKS} weeks (no orders counts)`,
    filter: one('lastOrderOn', 'notInLast', { amount: LAST_WEEKS, unit: 'weeks' }),
    matches: (c) => !inLast(c.lastOrderAt, daysBack(istToday(), 7 * LAST_WEEKS)),
  },
  {
    name: `createdOn inLast ${LAST_MONTHS} months (the same day of the month, clamped)`,
    filter: one('createdOn', 'inLast', { amount: LAST_MONTHS, unit: 'months' }),
    matches: (c) => inLast(c.createdAt, monthsBack(istToday(), LAST_MONTHS)),
  },
  {
    name: 'not (city is Delhi or state is Maharashtra)',
    filter: {
      combinator: 'or',
      not: true,
      rules: [
        { field: 'city', operator: 'equals', value: 'Delhi' },
        { field: 'state', operator: 'equals', value: 'Maharashtra' },
      ],
    },
    matches: (c) => !(lower(c.city) === 'delhi' || lower(c.state) === 'maharashtra'),
  },
  {
    name: 'returning gmail customers in Karnataka or with the vip tag',
    filter: {
      combinator: 'and',
      rules: [
        { field: 'ordersCount', operator: 'gte', value: 2 },
        { field: 'email', operator: 'contains', value: 'gmail' },
        {
          combinator: 'or',
          rules: [
            { field: 'state', operator: 'equals', value: 'Karnataka' },
            { field: 'tags', operator: 'hasAny', value: ['vip'] },
          ],
        },
      ],
    },
    matches: (c) =>
      c.ordersCount >= 2 &&
      (lower(c.email)?.includes('gmail') ?? false) &&
      (lower(c.state) === 'karnataka' || hasTag(c, 'vip')),
  },
];

/** A case by the start of its name, so checks do not depend on the order of the list. */
export function filterCase(name: string): FilterCase {
  const found = FILTER_CASES.find((c) => c.name.startsWith(name));
  if (!found) throw new Error(`the kit has no filter case named '${name}'`);
  return found;
}

/** A fresh copy of the kit's store for one factory call: adapters may keep what they are given. */
export function kitSeed(): AdapterSeed {
  const { store } = kitStore();
  return structuredClone({
    customers: store.customers,
    orders: store.orders,
    globalSegments: [...KIT_GLOBAL_SEGMENTS],
    timeZone: KIT_TIME_ZONE,
    defaultCountry: 'IN',
  });
}

/** How many of the kit's customers `matches` selects, and their ids. */
export function expected(matches: (customer: Customer) => boolean): {
  count: number;
  ids: Set<string>;
} {
  const ids = new Set(
    kitStore()
      .derived.filter(matches)
      .map((c) => c.id),
  );
  return { count: ids.size, ids };
}

/** Expected members of each predefined segment, by their documented names. */
export const PREDEFINED_MATCHES: Readonly<
  Record<(typeof PREDEFINED_NAMES)[number], (c: Customer) => boolean>
> = {
  'First Time Customers': (c) => c.ordersCount === 1,
  'Returning Customers': (c) => c.ordersCount >= 2,
  'Top 10 High-Value Spenders': (c) => c.spendRank !== undefined && c.spendRank <= 10,
  'Top 50 High-Value Spenders': (c) => c.spendRank !== undefined && c.spendRank <= 50,
  'Top 100 High-Value Spenders': (c) => c.spendRank !== undefined && c.spendRank <= 100,
};

/** Contacts a seller might upload: written the way people type them, not as stored. */
export function csvContacts(): {
  byPhone: { contact: { phone: string }; customerId: string };
  byEmail: { contact: { email: string }; customerId: string };
  unmatched: { phone: string }[];
  unmatchedEmail: { email: string };
} {
  const { derived } = kitStore();
  const phoneOwner = derived.find((c) => c.phone && !c.email) ?? derived.find((c) => c.phone)!;
  const emailOwner = derived.find((c) => c.email && !c.phone) ?? derived.find((c) => c.email)!;
  const used = new Set(derived.map((c) => c.phone));
  const unmatched: { phone: string }[] = [];
  for (let n = 9_000_000_000; unmatched.length < 2; n += 7_919) {
    if (!used.has(`+91${n}`)) unmatched.push({ phone: nationalForm(`+91${n}`) });
  }
  return {
    byPhone: { contact: { phone: nationalForm(phoneOwner.phone!) }, customerId: phoneOwner.id },
    byEmail: { contact: { email: mixedCase(emailOwner.email!) }, customerId: emailOwner.id },
    unmatched,
    unmatchedEmail: { email: 'new.shopper@example.in' },
  };
}

/** '+919876543210' → '98765 43210', as sellers write Indian mobiles. */
export function nationalForm(e164: string): string {
  const digits = e164.slice(3);
  return `${digits.slice(0, 5)} ${digits.slice(5)}`;
}

/** The calendar day of an instant in India. */
export function istDay(iso: string): string {
  return new Date(Date.parse(iso) + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A filter as an adapter may echo it back: `not: false` is the same as no `not`. */
export function plainFilter(filter: unknown): unknown {
  if (!filter || typeof filter !== 'object') return filter;
  if (Array.isArray(filter)) return filter.map(plainFilter);
  const entries = Object.entries(filter as Record<string, unknown>).filter(
    ([key, value]) => !(key === 'not' && value === false),
  );
  return Object.fromEntries(
    entries.map(([key, value]) => [key, key === 'rules' ? plainFilter(value) : value]),
  );
}

// ---- helpers ----

/** Whether the instant's Indian day is from `first` through today (missing: false). */
function inLast(iso: string | undefined, first: string): boolean {
  if (!iso) return false;
  const day = istDay(iso);
  return first <= day && day <= istToday();
}

/** 'YYYY-MM-DD' `days` calendar days before `day`. */
function daysBack(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day of the month `months` before `day`, clamped to that month's last day. */
function monthsBack(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const [year, month] = [Math.floor(index / 12), index % 12];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whole months from `day` to today in India, counted by the month number. */
function monthsSince(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const [ty, tm] = istToday().split('-').map(Number) as [number, number];
  return ty * 12 + tm - (y * 12 + m);
}

function lower(text: string | undefined): string | undefined {
  return text?.toLowerCase();
}

function hasTag(customer: Customer, tag: string): boolean {
  return customer.tags?.some((t) => t.toLowerCase() === tag) ?? false;
}

function mixedCase(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`;
}
