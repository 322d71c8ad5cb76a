import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FIELDS,
  compileFilter,
  validateFilter,
  isSegmentError,
  type Customer,
  type FilterGroup,
  type FilterRule,
  type ResolveContext,
} from '../../src/core.ts';
import { NEGATIVE_OPERATORS } from '../../src/filter/fields.ts';
import { resolveFilter, type DateCondition } from '../../src/filter/resolve.ts';
import { sampleValue } from './helpers/sample-values.ts';
import { checkProperty } from './helpers/seeds.ts';

/** A customer with only what a test cares about; the rest is the minimum a record holds. */
const customer = (id: string, fields: Partial<Customer> = {}): Customer => ({
  id,
  createdAt: '2024-06-01T10:00:00Z',
  ordersCount: 0,
  totalSpent: 0,
  ...fields,
});

const all = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'and', rules });
const any = (...rules: (FilterRule | FilterGroup)[]): FilterGroup => ({ combinator: 'or', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule =>
  value === undefined ? { field, operator } : { field, operator, value };

/** The ids of the customers a filter selects, in the order given. */
function matching(filter: unknown, customers: Customer[], ctx: ResolveContext = {}): string[] {
  const matches = compileFilter(filter, ctx);
  return customers.filter(matches).map((c) => c.id);
}

/** Which of the customers one rule selects. */
const selects = (r: FilterRule, customers: Customer[], ctx?: ResolveContext) =>
  matching(all(r), customers, ctx);

describe('a seller building a filter', () => {
  test('Gmail customers created after 1 Jan 2024 are exactly the Gmail addresses from 2 Jan on', () => {
    const customers = [
      customer('old-gmail', { email: 'asha@gmail.com', createdAt: '2023-12-31T09:00:00Z' }),
      customer('new-year-day', { email: 'ravi@gmail.com', createdAt: '2024-01-01T23:59:59Z' }),
      customer('new-gmail', { email: 'Meera@GMAIL.com', createdAt: '2024-01-02T00:00:00Z' }),
      customer('new-yahoo', { email: 'kiran@yahoo.com', createdAt: '2024-03-01T09:00:00Z' }),
      customer('no-email', { createdAt: '2024-03-01T09:00:00Z' }),
    ];
    const filter = all(
      rule('email', 'endsWith', '@gmail.com'),
      rule('createdOn', 'after', '2024-01-01'),
    );
    assert.deepEqual(matching(filter, customers), ['new-gmail']);
  });

  test('the filter JSON example (a nested "or" group) selects loyal or VIP Gmail customers', () => {
    const customers = [
      customer('loyal', {
        email: 'a@gmail.com',
        createdAt: '2024-05-01T00:00:00Z',
        ordersCount: 3,
      }),
      customer('vip', { email: 'b@gmail.com', createdAt: '2024-05-01T00:00:00Z', tags: ['VIP'] }),
      customer('neither', {
        email: 'c@gmail.com',
        createdAt: '2024-05-01T00:00:00Z',
        ordersCount: 1,
      }),
      customer('too-early', {
        email: 'd@gmail.com',
        createdAt: '2023-05-01T00:00:00Z',
        ordersCount: 9,
      }),
    ];
    const filter = all(
      rule('email', 'endsWith', '@gmail.com'),
      rule('createdOn', 'after', '2024-01-01'),
      any(rule('ordersCount', 'gte', 3), rule('tags', 'hasAny', ['vip'])),
    );
    assert.deepEqual(matching(filter, customers), ['loyal', 'vip']);
  });

  test('"not" turns a group around, and missing values stay on the negative side', () => {
    const customers = [
      customer('pune', { city: 'Pune' }),
      customer('delhi', { city: 'Delhi' }),
      customer('no-city'),
    ];
    const notPune: FilterGroup = {
      combinator: 'and',
      not: true,
      rules: [rule('city', 'equals', 'pune')],
    };
    assert.deepEqual(matching(notPune, customers), ['delhi', 'no-city']);
    const deep = all(any(all({ ...notPune, not: false }, any(rule('city', 'isNotEmpty')))));
    assert.deepEqual(matching(deep, customers), ['pune']);
  });

  test('an invalid filter is refused with the issues, never compiled into "matches nobody"', () => {
    const bad = all(rule('createdOn', 'on', '2024-02-30'), rule('shoeSize', 'gt', 9));
    assert.throws(
      () => compileFilter(bad),
      (error) =>
        isSegmentError(error, 'invalid') &&
        error.issues.map((i) => `${i.path} ${i.code}`).join(', ') ===
          'rules.0.value invalid-date, rules.1.field unknown-field',
    );
  });

  test('an unknown time zone, time or country in the context is refused', () => {
    const filter = all(rule('ordersCount', 'gt', 0));
    assert.throws(
      () => compileFilter(filter, { timeZone: 'Mars/Olympus' }),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'invalid-time-zone',
    );
    assert.throws(
      () => compileFilter(filter, { now: 'yesterday' }),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'invalid-now',
    );
    assert.throws(
      () => compileFilter(filter, { defaultCountry: 'XX' }),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'invalid-country',
    );
  });

  test("'now' may be any time from year 1000 to year 9998, both included", () => {
    const lastDay = all(rule('createdOn', 'inLast', { amount: 1, unit: 'days' }));
    const customers = [
      customer('dec30', { createdAt: '9998-12-30T00:00:00Z' }),
      customer('dec31', { createdAt: '9998-12-31T23:59:59Z' }),
    ];
    const ctx = { now: '9998-12-31T23:59:59Z', timeZone: 'Pacific/Kiritimati' };
    // In Kiritimati (+14:00) it is already 9999-01-01: the last day began 9998-12-30T10:00Z.
    assert.deepEqual(matching(lastDay, customers, ctx), ['dec31']);
    assert.deepEqual(
      matching(lastDay, [customer('y1000', { createdAt: '1000-01-01T00:00:00Z' })], {
        now: '1000-01-01T00:00:00Z',
      }),
      ['y1000'],
    );
    for (const now of ['9999-01-01T00:00:00Z', '0999-12-31T23:59:59Z']) {
      assert.throws(
        () => compileFilter(lastDay, { now }),
        (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'invalid-now',
        now,
      );
    }
  });
});

describe('missing values', () => {
  test('every operator of every field: negative ones and isEmpty match a missing value, no other does', () => {
    // Even the fields a record always has are tested missing: in SQL they can be NULL.
    const bare = { id: 'bare' } as Customer;
    const ctx = { now: '2026-11-28T12:00:00Z' };
    for (const field of FIELDS.filter((f) => f.type !== 'segment')) {
      for (const operator of field.operators) {
        const value = sampleValue(field.type, operator);
        const expected = NEGATIVE_OPERATORS.has(operator) || operator === 'isEmpty';
        const matches = compileFilter(all(rule(field.id, operator, value)), ctx)(bare);
        assert.equal(matches, expected, `${field.id} ${operator} on a missing value`);
      }
    }
  });
});

describe("a host's own fields", () => {
  test('a field the host adds to the catalogue reads the customer property of the same name', () => {
    const fields = [
      ...FIELDS,
      { id: 'loyaltyTier', label: 'Loyalty tier', type: 'string', operators: ['in'] } as const,
    ];
    const customers = [
      { ...customer('gold'), loyaltyTier: 'Gold' } as Customer,
      { ...customer('silver'), loyaltyTier: 'silver' } as Customer,
      customer('none'),
    ];
    const filter = all(rule('loyaltyTier', 'in', ['gold', 'platinum']));
    assert.deepEqual(matching(filter, customers, { fields }), ['gold']);
  });

  test('predefined segments still work when the catalogue leaves out the fields they use', () => {
    const fields = FIELDS.filter((field) => field.id === 'email' || field.id === 'segment');
    const customers = [
      customer('top', { ordersCount: 4, totalSpent: 90_000, spendRank: 1 }),
      customer('once', { ordersCount: 1, totalSpent: 500, spendRank: 2 }),
      customer('never'),
    ];
    const filter = all(rule('segment', 'in', ['top-10-spenders']));
    assert.deepEqual(validateFilter(filter, fields), []);
    assert.deepEqual(matching(filter, customers, { fields }), ['top', 'once']);
    const firstTime = all(rule('segment', 'notIn', ['first-time-customers']));
    assert.deepEqual(matching(firstTime, customers, { fields }), ['top', 'never']);
  });

  test('a null context (from plain JavaScript) means the defaults', () => {
    const customers = [customer('utc-jan1', { createdAt: '2024-01-01T20:00:00Z' })];
    const filter = all(rule('createdOn', 'on', '2024-01-01'));
    assert.deepEqual(matching(filter, customers, null as unknown as ResolveContext), ['utc-jan1']);
  });
});

describe('text fields (email, name, city, state)', () => {
  const people = [
    customer('upper', { name: 'ASHA Rao' }),
    customer('lower', { name: 'asha rao' }),
    customer('other', { name: 'Ravi Kumar' }),
    customer('blank', { name: '' }),
    customer('missing'),
  ];
  const cases: [string, unknown, string[]][] = [
    ['equals', 'Asha RAO', ['upper', 'lower']],
    ['notEquals', 'asha rao', ['other', 'blank', 'missing']],
    ['contains', 'HA R', ['upper', 'lower']],
    ['notContains', 'rao', ['other', 'blank', 'missing']],
    ['startsWith', 'ravi', ['other']],
    ['endsWith', 'KUMAR', ['other']],
    ['in', ['ravi kumar', 'Nobody'], ['other']],
    ['notIn', ['ravi kumar'], ['upper', 'lower', 'blank', 'missing']],
    ['isEmpty', undefined, ['blank', 'missing']],
    ['isNotEmpty', undefined, ['upper', 'lower', 'other']],
  ];
  for (const [operator, value, expected] of cases) {
    test(`name ${operator} ${JSON.stringify(value) ?? ''} → ${expected.join(', ')}`, () => {
      assert.deepEqual(selects(rule('name', operator, value), people), expected);
    });
  }

  test('every cased letter folds: accented capitals match their small letters', () => {
    const customers = [
      customer('accented-upper', { city: 'ÉVRY' }),
      customer('accented-lower', { city: 'évry' }),
      customer('plain', { city: 'EVRY' }),
    ];
    assert.deepEqual(selects(rule('city', 'equals', 'évry'), customers), [
      'accented-upper',
      'accented-lower',
    ]);
    assert.deepEqual(selects(rule('city', 'endsWith', 'ÉvRY'), customers), [
      'accented-upper',
      'accented-lower',
    ]);
  });

  test('long lists (a seller pasting many cities or tags) match the same way as short ones', () => {
    const cities = [
      'Agra',
      'Bhopal',
      'Chennai',
      'Delhi',
      'Goa',
      'Indore',
      'Jaipur',
      'Kochi',
      'PUNE',
    ];
    const customers = [
      customer('pune', { city: 'pune', tags: ['Tag-9'] }),
      customer('surat', { city: 'Surat', tags: ['tag-10'] }),
      customer('nowhere'),
    ];
    assert.deepEqual(selects(rule('city', 'in', cities), customers), ['pune']);
    assert.deepEqual(selects(rule('city', 'notIn', cities), customers), ['surat', 'nowhere']);
    const tags = Array.from({ length: 9 }, (_, i) => `TAG-${i + 1}`);
    assert.deepEqual(selects(rule('tags', 'hasAny', tags), customers), ['pune']);
    assert.deepEqual(selects(rule('tags', 'hasNone', tags), customers), ['surat', 'nowhere']);
  });

  test('the same text rules work for email, city and state', () => {
    const customers = [
      customer('a', { email: 'X@Shop.IN', city: 'Goa', state: 'GOA' }),
      customer('b'),
    ];
    assert.deepEqual(selects(rule('email', 'contains', '@shop.'), customers), ['a']);
    assert.deepEqual(selects(rule('city', 'in', ['GOA']), customers), ['a']);
    assert.deepEqual(selects(rule('state', 'startsWith', 'go'), customers), ['a']);
  });
});

describe('phone numbers (stored as E.164, default country IN)', () => {
  const customers = [
    customer('mobile', { phone: '+919876543210' }),
    customer('other-mobile', { phone: '+918123456789' }),
    customer('us', { phone: '+14155552671' }),
    customer('no-phone'),
  ];
  const cases: [string, unknown, string[]][] = [
    ['equals', '98765 43210', ['mobile']],
    ['equals', '+91-98765-43210', ['mobile']],
    ['notEquals', '09876543210', ['other-mobile', 'us', 'no-phone']],
    ['startsWith', '098765', ['mobile']],
    ['startsWith', '81234', ['other-mobile']],
    ['startsWith', '+1 (415)', ['us']],
    ['contains', '4321', ['mobile']],
    ['contains', '555-2671', ['us']],
    // A '+' in front of a contains value is not part of the digits looked for.
    ['contains', '+(555) 2671', ['us']],
    ['contains', '+91 98765', ['mobile']],
    ['in', ['9876543210', '+1 415 555 2671'], ['mobile', 'us']],
    ['notIn', ['9876543210'], ['other-mobile', 'us', 'no-phone']],
    ['isEmpty', undefined, ['no-phone']],
    ['isNotEmpty', undefined, ['mobile', 'other-mobile', 'us']],
  ];
  for (const [operator, value, expected] of cases) {
    test(`phone ${operator} ${JSON.stringify(value) ?? ''} → ${expected.join(', ')}`, () => {
      assert.deepEqual(selects(rule('phone', operator, value), customers), expected);
    });
  }

  test('the default country decides how a national number is read', () => {
    const ctx = { defaultCountry: 'US' };
    assert.deepEqual(selects(rule('phone', 'equals', '(415) 555-2671'), customers, ctx), ['us']);
    assert.deepEqual(selects(rule('phone', 'startsWith', '415'), customers, ctx), ['us']);
  });

  test('a value that is not a phone number is refused', () => {
    assert.throws(
      () => compileFilter(all(rule('phone', 'equals', '12345'))),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'invalid-phone',
    );
  });
});

describe('dates are calendar days in the evaluation time zone', () => {
  const kolkata = { timeZone: 'Asia/Kolkata', now: '2026-11-28T12:00:00Z' };
  // Kolkata is UTC+05:30: 2024-01-01T18:30Z is midnight starting 2 January there.
  const around = [
    customer('jan1-late-utc', { createdAt: '2024-01-01T18:29:59Z' }),
    customer('jan2-after-midnight', { createdAt: '2024-01-01T19:00:00Z' }),
    customer('jan2-evening', { createdAt: '2024-01-02T18:29:59.999Z' }),
    customer('jan3', { createdAt: '2024-01-02T18:30:00.000Z' }),
    customer('with-offset', { createdAt: '2024-01-02T00:15:00+05:30' }),
  ];

  test('a customer created 2024-01-01T19:00Z was created on 2 January in Kolkata', () => {
    assert.deepEqual(selects(rule('createdOn', 'on', '2024-01-02'), around, kolkata), [
      'jan2-after-midnight',
      'jan2-evening',
      'with-offset',
    ]);
    // In UTC the same instant is still 1 January.
    assert.deepEqual(selects(rule('createdOn', 'on', '2024-01-01'), around), [
      'jan1-late-utc',
      'jan2-after-midnight',
      'with-offset',
    ]);
  });

  test('around midnight UTC it is already morning in Kolkata: both sides are the same local day', () => {
    // 05:30 in Kolkata is midnight UTC, so the UTC date changes in the middle of the local day.
    const customers = [
      customer('nov26-late-ist', { createdAt: '2026-11-26T18:29:59Z' }),
      customer('nov27-first-ist', { createdAt: '2026-11-26T18:30:00Z' }),
      customer('nov28-before-utc-midnight', { createdAt: '2026-11-27T23:59:59.999Z' }),
      customer('nov28-at-utc-midnight', { createdAt: '2026-11-28T00:00:00Z' }),
    ];
    const onNov28 = rule('createdOn', 'on', '2026-11-28');
    assert.deepEqual(selects(onNov28, customers, kolkata), [
      'nov28-before-utc-midnight',
      'nov28-at-utc-midnight',
    ]);
    assert.deepEqual(selects(onNov28, customers), ['nov28-at-utc-midnight']);
    // Half an hour before midnight UTC it is 28 November in Kolkata: yesterday is the 27th.
    const now = '2026-11-27T23:30:00Z';
    const lastDay = rule('createdOn', 'inLast', { amount: 1, unit: 'days' });
    assert.deepEqual(selects(lastDay, customers, { timeZone: 'Asia/Kolkata', now }), [
      'nov27-first-ist',
      'nov28-before-utc-midnight',
      'nov28-at-utc-midnight',
    ]);
    assert.deepEqual(selects(lastDay, customers, { now }), [
      'nov26-late-ist',
      'nov27-first-ist',
      'nov28-before-utc-midnight',
    ]);
  });

  test('a stored date and time without an offset is UTC (as in SQL), wherever the code runs', () => {
    const customers = [
      customer('evening', { createdAt: '2024-01-01T20:00:00' }),
      customer('with-space', { createdAt: '2024-01-01 23:59:59.5' }),
      customer('next-day', { createdAt: '2024-01-02T00:00:00' }),
    ];
    const saved = process.env.TZ;
    // A browser in California must not read "20:00" as 20:00 there (04:00 UTC the next day).
    process.env.TZ = 'America/Los_Angeles';
    try {
      assert.deepEqual(selects(rule('createdOn', 'on', '2024-01-01'), customers), [
        'evening',
        'with-space',
      ]);
      // The same goes for ctx.now: 23:30 UTC on 1 January, so "today" is 1 January.
      const today = rule('createdOn', 'inLast', { amount: 1, unit: 'days' });
      assert.deepEqual(selects(today, customers, { now: '2024-01-01T23:30:00' }), [
        'evening',
        'with-space',
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('before, after and between (inclusive) count whole local days', () => {
    assert.deepEqual(selects(rule('createdOn', 'before', '2024-01-02'), around, kolkata), [
      'jan1-late-utc',
    ]);
    assert.deepEqual(selects(rule('createdOn', 'after', '2024-01-02'), around, kolkata), ['jan3']);
    const between = rule('createdOn', 'between', ['2024-01-01', '2024-01-02']);
    assert.deepEqual(selects(between, around, kolkata), [
      'jan1-late-utc',
      'jan2-after-midnight',
      'jan2-evening',
      'with-offset',
    ]);
    const oneDay = rule('createdOn', 'between', ['2024-01-03', '2024-01-03']);
    assert.deepEqual(selects(oneDay, around, kolkata), ['jan3']);
  });

  test('on 2026-11-28, "in the last 7 days" covers 21 November through 28 November', () => {
    const ctx = { now: '2026-11-28T12:00:00Z' };
    const customers = [
      customer('nov20', { createdAt: '2026-11-20T23:59:59Z' }),
      customer('nov21', { createdAt: '2026-11-21T00:00:00Z' }),
      customer('today', { createdAt: '2026-11-28T23:59:59Z' }),
      customer('tomorrow', { createdAt: '2026-11-29T00:00:00Z' }),
    ];
    const week = { amount: 7, unit: 'days' };
    assert.deepEqual(selects(rule('createdOn', 'inLast', week), customers, ctx), [
      'nov21',
      'today',
    ]);
    assert.deepEqual(selects(rule('createdOn', 'notInLast', week), customers, ctx), [
      'nov20',
      'tomorrow',
    ]);
    const oneWeek = { amount: 1, unit: 'weeks' };
    assert.deepEqual(selects(rule('createdOn', 'inLast', oneWeek), customers, ctx), [
      'nov21',
      'today',
    ]);
  });

  test('"today" is the day of ctx.now where the seller is, not in UTC', () => {
    // 2026-11-28T20:00Z is already 29 November in Kolkata.
    const ctx = { timeZone: 'Asia/Kolkata', now: new Date('2026-11-28T20:00:00Z') };
    const customers = [
      customer('nov21-ist', { createdAt: '2026-11-21T10:00:00Z' }),
      customer('nov22-ist', { createdAt: '2026-11-21T18:30:00Z' }),
    ];
    const week = { amount: 7, unit: 'days' };
    assert.deepEqual(selects(rule('createdOn', 'inLast', week), customers, ctx), ['nov22-ist']);
  });

  test('months step back to the same day, clamped: from 2026-03-31 one month back is 2026-02-28', () => {
    const ctx = { now: '2026-03-31T08:00:00Z' };
    const customers = [
      customer('feb27', { createdAt: '2026-02-27T23:59:59Z' }),
      customer('feb28', { createdAt: '2026-02-28T00:00:00Z' }),
      customer('mar31', { createdAt: '2026-03-31T22:00:00Z' }),
    ];
    const month = { amount: 1, unit: 'months' };
    assert.deepEqual(selects(rule('createdOn', 'inLast', month), customers, ctx), [
      'feb28',
      'mar31',
    ]);
    const year = { amount: 13, unit: 'months' };
    const older = [customer('feb-2025', { createdAt: '2025-02-28T00:00:00Z' })];
    assert.deepEqual(selects(rule('createdOn', 'inLast', year), older, ctx), ['feb-2025']);
  });

  test('a day shortened by a DST change is still one whole calendar day', () => {
    // São Paulo skipped 2018-11-04 00:00–01:00 (clocks went to 01:00 at -02:00).
    const ctx = { timeZone: 'America/Sao_Paulo' };
    const customers = [
      customer('nov3-late', { createdAt: '2018-11-04T02:59:59Z' }),
      customer('nov4-first', { createdAt: '2018-11-04T03:00:00Z' }),
    ];
    assert.deepEqual(selects(rule('createdOn', 'on', '2018-11-04'), customers, ctx), [
      'nov4-first',
    ]);
  });

  test('a day whose midnight comes twice (DST ends at 01:00) starts at the first midnight', () => {
    // Amman went from 01:00 (+03:00) back to 00:00 (+02:00) on 2021-10-29: local 00:00 was
    // 2021-10-28T21:00Z and again 22:00Z. The day runs from 21:00Z to 2021-10-30 00:00 = 22:00Z.
    const ctx = { timeZone: 'Asia/Amman' };
    const customers = [
      customer('oct28-last', { createdAt: '2021-10-28T20:59:59Z' }),
      customer('first-midnight', { createdAt: '2021-10-28T21:00:00Z' }),
      customer('first-hour', { createdAt: '2021-10-28T21:30:00+00:00' }),
      customer('second-midnight', { createdAt: '2021-10-28T22:00:00Z' }),
      customer('oct30-first', { createdAt: '2021-10-29T22:00:00Z' }),
    ];
    assert.deepEqual(selects(rule('createdOn', 'on', '2021-10-29'), customers, ctx), [
      'first-midnight',
      'first-hour',
      'second-midnight',
    ]);
    assert.deepEqual(selects(rule('createdOn', 'before', '2021-10-29'), customers, ctx), [
      'oct28-last',
    ]);
  });

  test('however a date is written (UTC, fractions, offsets), it is the same instant', () => {
    const zones = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Pacific/Chatham'];
    const instant = fc.integer({ min: Date.UTC(2023, 11, 25), max: Date.UTC(2024, 0, 8) });
    const written = fc.constantFrom('utc-ms', 'utc', 'offset');
    const day = fc.integer({ min: 26, max: 31 }).map((d) => `2023-12-${d}`);
    checkProperty(
      fc.property(fc.constantFrom(...zones), instant, written, day, (timeZone, ms, form, date) => {
        const iso = new Date(ms).toISOString();
        const createdAt =
          form === 'utc-ms'
            ? iso
            : form === 'utc'
              ? iso.replace(/\.\d{3}Z$/, 'Z')
              : new Date(ms + 19_800_000).toISOString().replace('Z', '+05:30');
        const seconds = Date.parse(createdAt);
        const on = resolveFilter(all(rule('createdOn', 'on', date)), { timeZone });
        const { from, to } = on.children[0] as DateCondition;
        const expected = seconds >= from! && seconds < to!;
        const actual = compileFilter(all(rule('createdOn', 'on', date)), { timeZone });
        assert.equal(actual(customer('c', { createdAt })), expected, `${createdAt} on ${date}`);
      }),
      { numRuns: 500 },
    );
  });

  test('first and last order dates: missing means never ordered', () => {
    const ctx = { now: '2026-11-28T12:00:00Z' };
    const customers = [
      customer('recent', {
        firstOrderAt: '2025-01-05T00:00:00Z',
        lastOrderAt: '2026-11-27T00:00:00Z',
      }),
      customer('lapsed', {
        firstOrderAt: '2024-01-05T00:00:00Z',
        lastOrderAt: '2024-02-01T00:00:00Z',
      }),
      customer('never'),
    ];
    const month = { amount: 30, unit: 'days' };
    assert.deepEqual(selects(rule('lastOrderOn', 'inLast', month), customers, ctx), ['recent']);
    assert.deepEqual(selects(rule('lastOrderOn', 'notInLast', month), customers, ctx), [
      'lapsed',
      'never',
    ]);
    assert.deepEqual(selects(rule('firstOrderOn', 'before', '2025-01-01'), customers, ctx), [
      'lapsed',
    ]);
    assert.deepEqual(selects(rule('firstOrderOn', 'isEmpty'), customers, ctx), ['never']);
    assert.deepEqual(selects(rule('firstOrderOn', 'isNotEmpty'), customers, ctx), [
      'recent',
      'lapsed',
    ]);
  });
});

describe('numbers and money', () => {
  const customers = [
    customer('none', { ordersCount: 0, totalSpent: 0 }),
    customer('one', { ordersCount: 1, totalSpent: 49_900, spendRank: 2 }),
    customer('three', { ordersCount: 3, totalSpent: 150_000, spendRank: 1 }),
  ];
  const cases: [string, string, unknown, string[]][] = [
    ['ordersCount', 'equals', 1, ['one']],
    ['ordersCount', 'notEquals', 1, ['none', 'three']],
    ['ordersCount', 'gt', 1, ['three']],
    ['ordersCount', 'gte', 1, ['one', 'three']],
    ['ordersCount', 'lt', 1, ['none']],
    ['ordersCount', 'lte', 1, ['none', 'one']],
    ['ordersCount', 'between', [1, 3], ['one', 'three']],
    ['totalSpent', 'gte', 49_900, ['one', 'three']],
    ['totalSpent', 'between', [0, 49_900], ['none', 'one']],
    // Customers without orders have no rank: positive operators leave them out.
    ['spendRank', 'lte', 10, ['one', 'three']],
    ['spendRank', 'equals', 1, ['three']],
    ['spendRank', 'notEquals', 1, ['none', 'one']],
    ['spendRank', 'gt', 0, ['one', 'three']],
    ['spendRank', 'between', [1, 2], ['one', 'three']],
  ];
  for (const [field, operator, value, expected] of cases) {
    test(`${field} ${operator} ${JSON.stringify(value)} → ${expected.join(', ')}`, () => {
      assert.deepEqual(selects(rule(field, operator, value), customers), expected);
    });
  }
});

describe('accepts marketing and tags', () => {
  test('a yes/no field matches only customers who said so; unknown is neither', () => {
    const customers = [
      customer('yes', { acceptsMarketing: true }),
      customer('no', { acceptsMarketing: false }),
      customer('unknown'),
    ];
    assert.deepEqual(selects(rule('acceptsMarketing', 'equals', true), customers), ['yes']);
    assert.deepEqual(selects(rule('acceptsMarketing', 'equals', false), customers), ['no']);
  });

  const tagged = [
    customer('vip-wholesale', { tags: ['VIP', 'Wholesale'] }),
    customer('vip', { tags: ['vip'] }),
    customer('empty', { tags: [] }),
    customer('missing'),
  ];
  const cases: [string, string[], string[]][] = [
    ['hasAny', ['vip', 'retail'], ['vip-wholesale', 'vip']],
    ['hasAll', ['wholesale', 'VIP'], ['vip-wholesale']],
    ['hasNone', ['wholesale'], ['vip', 'empty', 'missing']],
  ];
  for (const [operator, value, expected] of cases) {
    test(`tags ${operator} ${JSON.stringify(value)} → ${expected.join(', ')} (any case)`, () => {
      assert.deepEqual(selects(rule('tags', operator, value), tagged), expected);
    });
  }

  test('tags isEmpty: no list or an empty one; a list holding "" is not empty', () => {
    const customers = [...tagged, customer('blank-tag', { tags: [''] })];
    assert.deepEqual(selects(rule('tags', 'isEmpty'), customers), ['empty', 'missing']);
    assert.deepEqual(selects(rule('tags', 'isNotEmpty'), customers), [
      'vip-wholesale',
      'vip',
      'blank-tag',
    ]);
  });
});

describe('segments inside filters', () => {
  const customers = [
    customer('big', { ordersCount: 5, totalSpent: 900_000, spendRank: 1, city: 'Pune' }),
    customer('first', { ordersCount: 1, totalSpent: 1_000, spendRank: 2, city: 'Goa' }),
    customer('none', { city: 'Pune' }),
  ];
  const stored: Record<string, { filter: FilterGroup } | { memberIds: ReadonlySet<string> }> = {
    pune: { filter: all(rule('city', 'equals', 'Pune')) },
    'pune-returning': {
      filter: all(rule('segment', 'in', ['pune']), rule('segment', 'in', ['returning-customers'])),
    },
    uploaded: { memberIds: new Set(['first', 'someone-else']) },
    loop: { filter: all(rule('segment', 'in', ['loop'])) },
  };
  const ctx: ResolveContext = { segments: (id) => stored[id] };

  test('a predefined segment needs no lookup', () => {
    const filter = all(rule('segment', 'in', ['first-time-customers']));
    assert.deepEqual(matching(filter, customers), ['first']);
  });

  test('predefined segments include their boundary customers: 2 orders return, rank 10 is top 10', () => {
    const people = [
      customer('o0'),
      customer('o1', { ordersCount: 1, spendRank: 101 }),
      customer('o2', { ordersCount: 2, spendRank: 100 }),
      customer('o3', { ordersCount: 3, spendRank: 51 }),
      customer('r50', { ordersCount: 4, spendRank: 50 }),
      customer('r11', { ordersCount: 5, spendRank: 11 }),
      customer('r10', { ordersCount: 6, spendRank: 10 }),
    ];
    const members = (id: string) => matching(all(rule('segment', 'in', [id])), people);
    assert.deepEqual(members('first-time-customers'), ['o1']);
    assert.deepEqual(members('returning-customers'), ['o2', 'o3', 'r50', 'r11', 'r10']);
    assert.deepEqual(members('top-10-spenders'), ['r10']);
    assert.deepEqual(members('top-50-spenders'), ['r50', 'r11', 'r10']);
    assert.deepEqual(members('top-100-spenders'), ['o2', 'o3', 'r50', 'r11', 'r10']);
  });

  test('a filter segment is applied as its own filter, also through other segments', () => {
    assert.deepEqual(matching(all(rule('segment', 'in', ['pune'])), customers, ctx), [
      'big',
      'none',
    ]);
    assert.deepEqual(matching(all(rule('segment', 'notIn', ['pune'])), customers, ctx), ['first']);
    const nested = all(rule('segment', 'in', ['pune-returning']));
    assert.deepEqual(matching(nested, customers, ctx), ['big']);
  });

  test('an uploaded (CSV) segment matches its members; "is one of" means any of them', () => {
    const filter = all(rule('segment', 'in', ['uploaded', 'top-10-spenders']));
    assert.deepEqual(matching(filter, customers, ctx), ['big', 'first']);
  });

  test('a segment that includes itself, or does not exist, is refused', () => {
    for (const [id, code] of [
      ['loop', 'segment-cycle'],
      ['deleted', 'unknown-segment'],
    ] as const) {
      assert.throws(
        () => compileFilter(all(rule('segment', 'in', [id])), ctx),
        (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === code,
      );
    }
    // Without a lookup only predefined segments can be named.
    assert.throws(
      () => compileFilter(all(rule('segment', 'in', ['pune']))),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.code === 'unknown-segment',
    );
  });
});
