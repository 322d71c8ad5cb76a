/**
 * fast-check generators for the differential test: stores of awkward customers and random valid
 * filters over every field and operator. Both draw on the same small pools of values, so filters
 * actually match some customers and ties, case variants and boundary instants are common.
 */
import fc from 'fast-check';
import type { Customer, EvaluationContext, FilterGroup, FilterRule } from '../../../src/model.ts';
import type { Membership } from './sql-databases.ts';
import { addDays, localDate, startOfLocalDay } from './calendar.ts';

/** Where a generated store is evaluated: a fixed "now", a time zone and a default country. */
export interface Scenario {
  name: string;
  ctx: EvaluationContext & { now: string | Date; timeZone: string; defaultCountry: string };
  /** Phone values that normalise in this default country (national and international forms). */
  phones: readonly string[];
  /** startsWith values: E.164 prefixes and national ones for this country. */
  phonePrefixes: readonly string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    // 01:30 in New York during the hour that happens twice (DST ends at 06:00Z).
    name: 'New York, night DST ends',
    ctx: { now: '2024-11-03T05:30:00.000Z', timeZone: 'America/New_York', defaultCountry: 'US' },
    phones: [
      '(415) 555-2671',
      '415.555.2671',
      '+1 415 555 2671',
      '+919876543210',
      '+44 7911 123456',
    ],
    phonePrefixes: ['+1', '+1415', '415', '(415) 555', '+91', '+9198', '+44', '4'],
  },
  {
    // Just after New York skipped 02:00–03:00; the evaluation time is a Date.
    name: 'New York, morning DST starts, Indian numbers',
    ctx: {
      now: new Date('2024-03-10T07:30:00.000Z'),
      timeZone: 'America/New_York',
      defaultCountry: 'IN',
    },
    phones: ['98765 43210', '09876543210', '+1 415 555 2671', '+918765432109'],
    phonePrefixes: ['+1', '98765', '098', '+91', '+9187', '0'],
  },
  {
    // One millisecond before midnight in India: "today" ends a moment later.
    name: 'Kolkata, last millisecond of the day',
    ctx: { now: '2026-11-28T18:29:59.999Z', timeZone: 'Asia/Kolkata', defaultCountry: 'IN' },
    phones: ['98765 43210', '098765-43210', '+14155552671', '+91 98765 00000'],
    phonePrefixes: ['+91', '98', '098765', '+1', '+44 79', '9'],
  },
  {
    // 31 March: "in the last 1 month" clamps to 28 February.
    name: 'Kolkata, end of March, US numbers',
    ctx: { now: '2025-03-31T12:00:00.000Z', timeZone: 'Asia/Kolkata', defaultCountry: 'US' },
    phones: ['(415) 555-2671', '+919876543210', '+1 (415) 555-0000'],
    phonePrefixes: ['415', '+1', '+91', '+9198765', '1'],
  },
];

export const SEGMENT_IDS = [
  'csv-a',
  'csv-empty',
  'flt-pune',
  'flt-nested',
  'top-10-spenders',
  'top-50-spenders',
  'first-time-customers',
  'returning-customers',
] as const;

/** A store to load, with the CSV segment memberships it implies. */
export interface Store {
  customers: Customer[];
  members: Membership[];
}

/** The `segments` lookup for a store: two CSV segments and two filter segments. */
export function segmentLookup(store: Store) {
  const csvA = new Set(
    store.members.filter((m) => m.segmentId === 'csv-a').map((m) => m.customerId),
  );
  const segments: Record<string, { filter: FilterGroup } | { memberIds: ReadonlySet<string> }> = {
    'csv-a': { memberIds: csvA },
    'csv-empty': { memberIds: new Set() },
    'flt-pune': {
      filter: {
        combinator: 'and',
        rules: [{ field: 'city', operator: 'in', value: ['pune', 'Mumbai'] }],
      },
    },
    'flt-nested': {
      filter: {
        combinator: 'or',
        not: true,
        rules: [
          { field: 'segment', operator: 'in', value: ['csv-a', 'top-10-spenders'] },
          { field: 'tags', operator: 'hasAny', value: ['VIP'] },
        ],
      },
    },
  };
  return (id: string) => segments[id];
}

/** A store of 5–40 customers around the scenario's "now", with spendRank set by the documented rule. */
export function storeArbitrary(scenario: Scenario): fc.Arbitrary<Store> {
  return fc
    .array(customerFields(scenario), { minLength: 5, maxLength: 40 })
    .chain((rows) =>
      fc
        .subarray([...rows.map((_, i) => customerId(i)), 'ghost-member'])
        .map((memberIds) => ({ rows, memberIds })),
    )
    .map(({ rows, memberIds }) => ({
      customers: rankBySpend(rows.map((row, i) => ({ id: customerId(i), ...row }))),
      members: memberIds.map((customerId) => ({ segmentId: 'csv-a', customerId })),
    }));
}

/**
 * A valid filter: every field and operator, groups nested up to 3 levels, `and` and `or`, `not`
 * anywhere (true, false or left out).
 */
export function filterArbitrary(scenario: Scenario): fc.Arbitrary<FilterGroup> {
  const rule = ruleArbitrary(scenario);
  const group = (level: number): fc.Arbitrary<FilterGroup> =>
    fc.record(
      {
        combinator: fc.constantFrom('and' as const, 'or' as const),
        not: fc.constantFrom(true, true, false),
        rules: fc.array(
          level < 3
            ? fc.oneof({ weight: 3, arbitrary: rule }, { weight: 1, arbitrary: group(level + 1) })
            : rule,
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
      },
      { requiredKeys: ['combinator', 'rules'] },
    );
  return group(1);
}

/** spendRank: 1 = highest totalSpent; ties to the earlier createdAt, then the smaller id. */
export function rankBySpend(customers: Customer[]): Customer[] {
  const ranked = customers
    .filter((c) => c.ordersCount > 0)
    .sort(
      (a, b) =>
        b.totalSpent - a.totalSpent ||
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  ranked.forEach((customer, index) => (customer.spendRank = index + 1));
  return customers;
}

// ---- helpers ----

const DROP = "'; DROP TABLE customers; --";

/**
 * Letters whose case is not ASCII's: Greek sigma in three forms, Turkish dotted and dotless i,
 * German ß and ẞ, accented Latin, Cyrillic, the Kelvin sign, fullwidth Latin, a pair outside
 * the BMP (Deseret), and caseless Devanagari. Short random words of them collide often, so the
 * three sides are compared on matches, not only on misses.
 */
const CASED_LETTERS = [
  ...['Σ', 'σ', 'ς', 'İ', 'I', 'i', 'ı', 'ß', 'ẞ', 'S', 's', 'É', 'é', 'Ü', 'ü'],
  ...['Ж', 'ж', '\u212A', 'k', '\u{10400}', '\u{10428}', 'Ａ', 'ａ', 'ध', ' '],
];

const casedWord = (minLength: number) =>
  fc.array(fc.constantFrom(...CASED_LETTERS), { minLength, maxLength: 3 }).map((a) => a.join(''));

/** Accented and non-Latin text, stored and typed. */
const NON_LATIN_TEXT = [
  ...['MÜLLER', 'müller', 'ÉLODIE', 'élodie', 'ΟΔΟΣ', 'οδος', 'Οδός', 'İstanbul', 'ISTANBUL'],
  ...['ısparta', 'STRAẞE', 'МОСКВА', 'москва', 'मुंबई', 'ＴＯＫＹＯ'],
];

/** Text stored in name, city and state: case variants, SQL and LIKE metacharacters, non-ASCII. */
const TEXT = [
  'Asha Rao',
  'ASHA RAO',
  'asha',
  "O'Brien",
  "o'brien",
  'Pune',
  'pune',
  'PUNE',
  'Mumbai',
  'Navi Mumbai',
  '50% off',
  'a_b',
  'axb',
  'back\\slash',
  'Élan',
  'élan',
  'straße',
  'STRASSE',
  'MÜLLER',
  'müller',
  'Ünal Şahin',
  'अमित',
  DROP,
  '',
  ' ',
  ...NON_LATIN_TEXT,
];

/** What sellers type into string conditions. */
const TEXT_VALUES = [
  'asha',
  'ASHA',
  'asha rao',
  'rao',
  "o'brien",
  "O'",
  "'",
  '%',
  '_',
  'a_b',
  'a_',
  '50%',
  '\\',
  'élan',
  'Élan',
  'pune',
  'PUNE',
  'mum',
  'MUMBAI',
  '@gmail.com',
  '@GMAIL.COM',
  'gmail',
  '.in',
  'x.io',
  DROP,
  'é',
  'ß',
  'ss',
  'müller',
  'MÜL',
  'ü',
  'अमित',
  ' ',
  'a',
  ...NON_LATIN_TEXT,
];

const EMAILS = [
  'asha@gmail.com',
  'Asha@GMAIL.com',
  "o'brien@example.com",
  '50%off@shop.in',
  'a_b@x.io',
  'axb@x.io',
  'back\\slash@x.io',
  'élan@gmail.com',
  'ÉLAN@gmail.com',
  'mumbai@mum.in',
  '',
];

const PHONES = [
  '+919876543210',
  '+919876500000',
  '+918765432109',
  '+14155552671',
  '+14155550000',
  '+447911123456',
  '',
];

const PHONE_CONTAINS = ['98765', '543', '555-26', '2671', '(415)', '+44', '0000', '9'];

const TAGS = [
  'vip',
  'VIP',
  'Gold',
  'gold',
  'new',
  "o'neil",
  '50%',
  'a_b',
  'axb',
  'é',
  'É',
  'Dīwali',
  'दिवाली',
  '',
];

const TAG_VALUES = [
  'vip',
  'VIP',
  'gold',
  'new',
  "O'NEIL",
  '50%',
  'a_b',
  'é',
  'É',
  'dīwali',
  'दिवाली',
  'absent',
];
TAGS.push('ΟΔΟΣ', 'İstanbul', 'STRAẞE', 'ÜBER', 'मुंबई');
TAG_VALUES.push('οδος', 'ISTANBUL', 'straße', 'über', 'मुंबई');
// Letters outside ASCII that fold into it (Kelvin sign, long s), and characters that PostgreSQL's
// array text form quotes or escapes (a tag test may read the array as text).
TAGS.push('\u212Ait', 'ſale', 'a,b', 'say "hi"', 'back\\slash', '{x}', 'two words', 'NULL');
TAG_VALUES.push('KIT', 'SALE', 'A,B', 'SAY "HI"', 'back\\slash', '{X}', 'two words', 'null');

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Times of day (ms after UTC midnight) at or next to midnights and DST changes in both zones. */
const TIMES = [
  0,
  1,
  -1,
  4 * HOUR,
  4 * HOUR - 1,
  5 * HOUR,
  5 * HOUR - 1,
  6 * HOUR,
  7 * HOUR,
  12 * HOUR,
  18.5 * HOUR,
  18.5 * HOUR - 1,
];

/**
 * How stored timestamps are written: UTC with milliseconds (toISOString), whole seconds or
 * microseconds, without an offset (which means UTC), or with an offset in minutes. The instant
 * is the same either way.
 */
const FORMATS = ['ms', 'ms', 'seconds', 'micro', 'zoneless', 0, 330, -300, -240] as const;

const customerId = (index: number) => `c${String(index).padStart(3, '0')}`;

const nowMs = (scenario: Scenario) => new Date(scenario.ctx.now).getTime();

function customerFields(scenario: Scenario) {
  const instant = instantArbitrary(scenario);
  const optional = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.option(arbitrary, { nil: undefined, freq: 4 });
  return fc
    .record({
      name: optional(fc.oneof(fc.constantFrom(...TEXT), casedWord(0))),
      email: optional(fc.constantFrom(...EMAILS)),
      phone: optional(fc.constantFrom(...PHONES)),
      city: optional(fc.oneof(fc.constantFrom(...TEXT), casedWord(0))),
      state: optional(fc.constantFrom(...TEXT)),
      createdAt: instant,
      tags: optional(fc.subarray(TAGS, { maxLength: 3 })),
      acceptsMarketing: optional(fc.boolean()),
      ordersCount: fc.constantFrom(0, 0, 1, 1, 2, 3, 7),
      // Ties in totalSpent are common, so spendRank's tie-breaks (createdAt, then id) matter.
      totalSpent: fc.constantFrom(99, 100, 5000, 150000, 150000, 150000, 150001),
      // '' is how some exports write "no date": every side must read it as missing.
      firstOrderAt: optional(fc.oneof({ weight: 5, arbitrary: instant }, fc.constant(''))),
      lastOrderAt: optional(fc.oneof({ weight: 5, arbitrary: instant }, fc.constant(''))),
    })
    .map(({ ordersCount, totalSpent, firstOrderAt, lastOrderAt, ...rest }) => {
      const fields: Omit<Customer, 'id'> = { ...rest, ordersCount, totalSpent: 0 };
      if (ordersCount > 0) {
        fields.totalSpent = totalSpent;
        if (firstOrderAt !== undefined) fields.firstOrderAt = firstOrderAt;
        if (lastOrderAt !== undefined) fields.lastOrderAt = lastOrderAt;
      }
      return dropUndefined(fields);
    });
}

/**
 * ISO 8601 instants near "now": at awkward UTC times of day, and (a third of them) exactly at or
 * 1 ms before the first instant of a calendar day in the scenario's time zone, on the days the
 * filters' dates name, so every bound of every date range has customers right on it.
 */
function instantArbitrary(scenario: Scenario): fc.Arbitrary<string> {
  const today = Math.floor(nowMs(scenario) / DAY) * DAY;
  const days = fc.oneof(
    fc.integer({ min: -40, max: 2 }),
    fc.constantFrom(-400, -95, -31, -30, -29, -8, -7, -1, 0),
  );
  const utcTimes = fc
    .record({ days, time: fc.constantFrom(...TIMES) })
    .map(({ days, time }) => today + days * DAY + time);
  const boundaries = fc
    .record({ day: fc.constantFrom(...localDays(scenario)), before: fc.boolean() })
    .map(({ day, before }) => startOfLocalDay(day, scenario.ctx.timeZone) - (before ? 1 : 0));
  return fc
    .record({
      ms: fc.oneof({ weight: 2, arbitrary: utcTimes }, { weight: 1, arbitrary: boundaries }),
      format: fc.constantFrom(...FORMATS),
    })
    .map(({ ms, format }) => formatInstant(ms, format));
}

/**
 * Calendar days in the scenario's zone that filters name and that relative ranges start on:
 * today and the days "in the last N days/weeks/months" begin, for the amounts ruleArbitrary uses.
 */
function localDays(scenario: Scenario): string[] {
  const today = localDate(nowMs(scenario), scenario.ctx.timeZone);
  const offsets = [-400, -366, -365, -95, -62, -49, -32, -31, -30, -29, -28, -14, -8, -7];
  return [...offsets, -6, -2, -1, 0, 1, 2].map((n) => addDays(today, n));
}

function formatInstant(ms: number, format: (typeof FORMATS)[number]): string {
  const iso = new Date(ms).toISOString();
  if (format === 'ms') return iso;
  if (format === 'seconds') return ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
  if (format === 'micro') return iso.replace('Z', '000Z');
  if (format === 'zoneless') return iso.slice(0, -1).replace('T', ' ');
  const offsetMinutes = format;
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * 'YYYY-MM-DD' calendar days near "now": the UTC date (which may be tomorrow locally) or, as
 * often, one of the local days whose boundaries the generated instants sit on.
 */
function dateValue(scenario: Scenario): fc.Arbitrary<string> {
  const today = Math.floor(nowMs(scenario) / DAY) * DAY;
  const utcDays = fc
    .oneof(fc.integer({ min: -45, max: 2 }), fc.constantFrom(-400, -95, -31, -30, -7, -1, 0, 1))
    .map((days) => new Date(today + days * DAY).toISOString().slice(0, 10));
  return fc.oneof(utcDays, fc.constantFrom(...localDays(scenario)));
}

function ruleArbitrary(scenario: Scenario): fc.Arbitrary<FilterRule> {
  const text = fc.oneof(
    { arbitrary: fc.constantFrom(...TEXT_VALUES), weight: 3 },
    { arbitrary: casedWord(1), weight: 1 },
  );
  const textList = fc.uniqueArray(text, { minLength: 1, maxLength: 3 });
  const date = dateValue(scenario);
  const sortedPair = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.tuple(arbitrary, arbitrary).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  const number = fc.constantFrom(-1, 0, 1, 2, 3, 7, 2.5, 10, 50);
  const money = fc.constantFrom(-5, 0, 99, 100, 5000, 150000, 150001, 1_000_000);
  const period = fc.oneof(
    fc.record({
      amount: fc.constantFrom(1, 2, 7, 30, 31),
      unit: fc.constantFrom('days', 'weeks', 'months'),
    }),
    // Amounts whose first day is one of localDays, so instants sit on the range's lower bound.
    fc.constantFrom(
      { amount: 7, unit: 'days' },
      { amount: 30, unit: 'days' },
      { amount: 1, unit: 'weeks' },
      { amount: 2, unit: 'weeks' },
      { amount: 1, unit: 'months' },
      { amount: 2, unit: 'months' },
      { amount: 12, unit: 'months' },
    ),
  );
  const rule = (field: string, operator: string, value?: fc.Arbitrary<unknown>) =>
    value
      ? value.map((v): FilterRule => ({ field, operator, value: v }))
      : fc.constant<FilterRule>({ field, operator });

  const stringRules = ['email', 'name', 'city', 'state'].flatMap((field) => [
    ...['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith'].map((op) =>
      rule(field, op, text),
    ),
    rule(field, 'in', textList),
    rule(field, 'notIn', textList),
    rule(field, 'isEmpty'),
    rule(field, 'isNotEmpty'),
  ]);
  const phone = fc.constantFrom(...scenario.phones);
  const phoneRules = [
    rule('phone', 'equals', phone),
    rule('phone', 'notEquals', phone),
    rule('phone', 'in', fc.uniqueArray(phone, { minLength: 1, maxLength: 3 })),
    rule('phone', 'notIn', fc.uniqueArray(phone, { minLength: 1, maxLength: 3 })),
    rule('phone', 'startsWith', fc.constantFrom(...scenario.phonePrefixes)),
    rule('phone', 'contains', fc.constantFrom(...PHONE_CONTAINS)),
    rule('phone', 'isEmpty'),
    rule('phone', 'isNotEmpty'),
  ];
  const dateRules = ['createdOn', 'firstOrderOn', 'lastOrderOn'].flatMap((field) => [
    rule(field, 'on', date),
    rule(field, 'before', date),
    rule(field, 'after', date),
    rule(field, 'between', sortedPair(date)),
    rule(field, 'inLast', period),
    rule(field, 'notInLast', period),
    rule(field, 'isEmpty'),
    rule(field, 'isNotEmpty'),
  ]);
  const numberRules = (['ordersCount', 'spendRank', 'totalSpent'] as const).flatMap((field) => {
    const value = field === 'totalSpent' ? money : number;
    return [
      ...['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'].map((op) => rule(field, op, value)),
      rule(field, 'between', sortedPair(value)),
    ];
  });
  const tagList = fc.uniqueArray(fc.constantFrom(...TAG_VALUES), { minLength: 1, maxLength: 3 });
  const otherRules = [
    ...['hasAny', 'hasAll', 'hasNone'].map((op) => rule('tags', op, tagList)),
    rule('tags', 'isEmpty'),
    rule('tags', 'isNotEmpty'),
    rule('acceptsMarketing', 'equals', fc.boolean()),
    ...['in', 'notIn'].map((op) =>
      rule(
        'segment',
        op,
        fc.uniqueArray(fc.constantFrom(...SEGMENT_IDS), { minLength: 1, maxLength: 2 }),
      ),
    ),
  ];
  return fc.oneof(...stringRules, ...phoneRules, ...dateRules, ...numberRules, ...otherRules);
}

function dropUndefined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}
