/**
 * A host backend's view of filterToSql: it builds a WHERE clause for its own customers table
 * (PostgreSQL through PGlite, SQLite through better-sqlite3) and gets exactly the customers the
 * filter describes, whatever characters the seller typed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIELDS,
  compileFilter,
  filterToSql,
  isSegmentError,
  type Customer,
  type EvaluationContext,
  type FilterGroup,
  type FilterRule,
} from '../../src/core.ts';
import { everyDatabase, openSqlite, type Membership } from './helpers/sql-databases.ts';

const DROP = "'; DROP TABLE customers; --";

const customers: Customer[] = [
  customer('c1', {
    name: 'Asha Rao',
    email: 'Asha@Gmail.com',
    phone: '+919876543210',
    city: 'Pune',
    tags: ['VIP', 'gold'],
    acceptsMarketing: true,
    // 23:59:59.999 on 1 Jan 2024 in India; the same day in UTC.
    createdAt: '2024-01-01T18:29:59.999Z',
    ordersCount: 3,
    totalSpent: 150000,
    lastOrderAt: '2026-11-20T10:00:00+05:30',
  }),
  customer('c2', {
    name: "O'Brien",
    email: "o'brien@example.com",
    phone: '+14155552671',
    city: 'Mumbai',
    tags: ["o'neil"],
    acceptsMarketing: false,
    // Midnight starting 2 Jan 2024 in India, written with its offset; still 1 Jan in UTC.
    createdAt: '2024-01-02T00:00:00.000+05:30',
    ordersCount: 1,
    totalSpent: 150000,
  }),
  customer('c3', { name: DROP, email: '50%_off@shop.in', city: '', tags: ['50%'] }),
  customer('c4', {
    name: 'back\\slash',
    email: 'a_b@x.io',
    city: 'PUNE',
    tags: [],
    ordersCount: 2,
    totalSpent: 99,
  }),
  customer('c5', { name: '50%', email: 'axb@x.io', city: 'Élan', tags: ['a_b'] }),
  customer('c6', { name: 'a_b', city: 'élan', tags: ['axb'], ordersCount: 1, totalSpent: 5000 }),
  customer('c7', { name: 'axb', phone: '', ordersCount: 1, totalSpent: 5000 }),
];

const members: Membership[] = [
  { segmentId: 'csv-diwali', customerId: 'c2' },
  { segmentId: 'csv-diwali', customerId: 'c5' },
  { segmentId: 'csv-other', customerId: 'c1' },
];

const segments = (id: string) =>
  id === 'csv-diwali'
    ? { memberIds: new Set(['c2', 'c5']) }
    : id === 'flt-pune'
      ? { filter: only({ field: 'city', operator: 'equals', value: 'pune' }) }
      : undefined;

const ctx: EvaluationContext = { now: '2026-11-28T12:00:00Z', timeZone: 'Asia/Kolkata' };

/** PGlite and SQLite, plus the PostgreSQL server DATABASE_URL names, if any. */
const databases = everyDatabase(customers, members);

/** The ids each database returns for `filter`, checked to be the same on both. */
async function select(filter: FilterGroup, context: EvaluationContext = ctx): Promise<string[]> {
  const results: string[][] = [];
  for (const db of databases) {
    const { sql, params } = filterToSql(filter, { dialect: db.dialect, ctx: context, segments });
    results.push(await db.ids(sql, params));
  }
  for (const [i, db] of databases.entries()) {
    assert.deepEqual(results[i], results[0], `${db.name} and ${databases[0]!.name} disagree`);
  }
  return results[0]!;
}

describe('a host selects customers with the WHERE clause', () => {
  test('the filter JSON example selects Gmail customers with enough orders', async () => {
    const filter: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'endsWith', value: '@gmail.com' },
        { field: 'createdOn', operator: 'after', value: '2023-12-31' },
        {
          combinator: 'or',
          rules: [
            { field: 'ordersCount', operator: 'gte', value: 3 },
            { field: 'tags', operator: 'hasAny', value: ['vip'] },
          ],
        },
      ],
    };
    assert.deepEqual(await select(filter), ['c1']);
  });

  test('every value is a bound parameter, numbered for PostgreSQL and "?" for SQLite', () => {
    const filter = only({ field: 'city', operator: 'in', value: ['Pune', 'Mumbai'] });
    const postgres = filterToSql(filter, { dialect: 'postgres', ctx });
    // PostgreSQL compares ASCII text lower-cased with the folded list, and other text with
    // bound patterns that name each letter's case variants.
    assert.deepEqual(postgres.params[0], ['pune', 'mumbai']);
    assert.equal(postgres.params.length, 2);
    assert.match(postgres.sql, /= ANY\(\$1::text\[\]\)/);
    assert.match(postgres.sql, /~ ANY\(\$2::text\[\]\)/);
    const sqlite = filterToSql(filter, { dialect: 'sqlite', ctx });
    assert.deepEqual(sqlite.params, ['pune', 'mumbai']);
    assert.equal(sqlite.sql.split('?').length - 1, sqlite.params.length);
    assert.doesNotMatch(sqlite.sql + postgres.sql, /pune|mumbai/i);
  });

  test('calendar days are the evaluation time zone’s, and offsets in stored text are honoured', async () => {
    const onNewYear = only({ field: 'createdOn', operator: 'on', value: '2024-01-01' });
    assert.deepEqual(await select(onNewYear, { ...ctx, timeZone: 'UTC' }), ['c1', 'c2']);
    assert.deepEqual(await select(onNewYear, ctx), ['c1']);
    const recent = only({
      field: 'lastOrderOn',
      operator: 'inLast',
      value: { amount: 8, unit: 'days' },
    });
    assert.deepEqual(await select(recent), ['c1']);
    assert.deepEqual(await select({ ...recent, not: true }), ['c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
  });

  test('missing values fail positive operators and pass negative ones', async () => {
    assert.deepEqual(await select(only({ field: 'phone', operator: 'isEmpty' })), [
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
    ]);
    assert.deepEqual(
      await select(only({ field: 'acceptsMarketing', operator: 'equals', value: false })),
      ['c2'],
    );
    assert.deepEqual(
      await select(only({ field: 'email', operator: 'notEquals', value: 'ASHA@gmail.COM' })),
      ['c2', 'c3', 'c4', 'c5', 'c6', 'c7'],
    );
    assert.deepEqual(await select(only({ field: 'tags', operator: 'hasNone', value: ['VIP'] })), [
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
    ]);
  });

  test('case folding covers accented letters, the same on both databases', async () => {
    assert.deepEqual(await select(only({ field: 'city', operator: 'equals', value: 'pUNE' })), [
      'c1',
      'c4',
    ]);
    assert.deepEqual(await select(only({ field: 'city', operator: 'equals', value: 'élan' })), [
      'c5',
      'c6',
    ]);
    assert.deepEqual(await select(only({ field: 'tags', operator: 'hasAny', value: ['Ó'] })), []);
  });

  test('phone values typed the usual ways find the stored E.164 number', async () => {
    assert.deepEqual(
      await select(only({ field: 'phone', operator: 'equals', value: '98765 43210' })),
      ['c1'],
    );
    assert.deepEqual(await select(only({ field: 'phone', operator: 'startsWith', value: '+1' })), [
      'c2',
    ]);
    assert.deepEqual(
      await select(only({ field: 'phone', operator: 'contains', value: '555-26' })),
      ['c2'],
    );
  });

  test('spend rank is computed in the query: ties go to the earlier customer, then the id', async () => {
    const top = (n: number) => select(only({ field: 'spendRank', operator: 'lte', value: n }));
    assert.deepEqual(await top(1), ['c1']);
    assert.deepEqual(await top(3), ['c1', 'c2', 'c6']);
    assert.deepEqual(await select(only({ field: 'spendRank', operator: 'notEquals', value: 1 })), [
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
    ]);
    assert.deepEqual(
      await select(only({ field: 'segment', operator: 'in', value: ['top-10-spenders'] })),
      ['c1', 'c2', 'c4', 'c6', 'c7'],
    );
  });

  test('segment rules test CSV membership and inline filter segments', async () => {
    assert.deepEqual(
      await select(only({ field: 'segment', operator: 'in', value: ['csv-diwali', 'flt-pune'] })),
      ['c1', 'c2', 'c4', 'c5'],
    );
    assert.deepEqual(
      await select(only({ field: 'segment', operator: 'notIn', value: ['csv-diwali'] })),
      ['c1', 'c3', 'c4', 'c6', 'c7'],
    );
  });

  test('an invalid filter is refused with the issues, before any SQL is written', () => {
    const filter = only({ field: 'totalSpent', operator: 'between', value: [500, 100] });
    assert.throws(
      () => filterToSql(filter, { dialect: 'postgres', ctx }),
      (error) => isSegmentError(error, 'invalid') && error.issues.length > 0,
    );
    assert.throws(
      () =>
        filterToSql(only({ field: 'segment', operator: 'in', value: ['nope'] }), {
          dialect: 'sqlite',
          ctx,
          segments,
        }),
      (error) => isSegmentError(error, 'invalid'),
    );
    assert.throws(
      () =>
        filterToSql(only({ field: 'city', operator: 'isEmpty' }), { dialect: 'mysql' as 'sqlite' }),
      (error) => isSegmentError(error, 'invalid') && /mysql/.test(error.message),
    );
  });
});

describe('what a seller types is matched literally, never run as SQL', () => {
  const nasty = [DROP, "'", "o'", '\\', '%', '_', 'a_', '_b', '50%', '%_'];
  const operators = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith'];

  test('every string operator on every string field, on both databases', async () => {
    let checked = 0;
    for (const field of ['name', 'email', 'city', 'state'] as const) {
      for (const value of nasty) {
        for (const operator of operators) {
          const filter = only({ field, operator, value });
          const expected = customers.filter((c) => literally(c[field], operator, value));
          assert.deepEqual(await select(filter), ids(expected), `${field} ${operator} ${value}`);
          checked++;
        }
        const inList = only({ field, operator: 'in', value: [value, 'zzz'] });
        const expectedIn = customers.filter((c) => literally(c[field], 'equals', value));
        assert.deepEqual(await select(inList), ids(expectedIn), `${field} in ${value}`);
        const notIn = { ...inList, rules: [{ ...inList.rules[0]!, operator: 'notIn' }] };
        const expectedNotIn = customers.filter((c) => !literally(c[field], 'equals', value));
        assert.deepEqual(await select(notIn), ids(expectedNotIn), `${field} notIn ${value}`);
        checked += 2;
      }
    }
    assert.equal(checked, 4 * nasty.length * (operators.length + 2));
    for (const db of databases) {
      const [row] = await db.query('SELECT count(*) AS n FROM customers');
      assert.equal(Number(row!.n), customers.length, `${db.name} still has every customer`);
    }
  });

  test('the examples a seller would try match exactly the customers they name', async () => {
    const name = (operator: string, value: string) =>
      select(only({ field: 'name', operator, value }));
    assert.deepEqual(await name('equals', DROP), ['c3']);
    assert.deepEqual(await name('contains', "'"), ['c2', 'c3']);
    assert.deepEqual(await name('contains', '\\'), ['c4']);
    assert.deepEqual(await name('startsWith', 'a_'), ['c6']);
    assert.deepEqual(await name('endsWith', '%'), ['c5']);
    assert.deepEqual(await name('notContains', '%'), ['c1', 'c2', 'c3', 'c4', 'c6', 'c7']);
  });

  test('tags with quotes, % and _ match only the same tag', async () => {
    const tags = (value: string[]) => select(only({ field: 'tags', operator: 'hasAny', value }));
    assert.deepEqual(await tags(['a_b']), ['c5']);
    assert.deepEqual(await tags(['50%']), ['c3']);
    assert.deepEqual(await tags(["O'NEIL"]), ['c2']);
    assert.deepEqual(await tags([DROP]), []);
    assert.deepEqual(
      await select(only({ field: 'tags', operator: 'hasAll', value: ['gold', 'vip'] })),
      ['c1'],
    );
  });

  test('a phone value that is SQL rather than a number is refused, not run', () => {
    for (const operator of ['equals', 'startsWith', 'contains']) {
      assert.throws(
        () =>
          filterToSql(only({ field: 'phone', operator, value: DROP }), { dialect: 'sqlite', ctx }),
        (error) => isSegmentError(error, 'invalid'),
      );
    }
  });
});

describe('dates stored as empty text in SQLite', () => {
  test("'' is no date: isEmpty and the negative operators match it, the positive ones do not", async () => {
    // A SQLite host that imports "no order yet" as '' rather than NULL (PostgreSQL's timestamptz
    // cannot hold ''), beside one with a real date and one with none at all.
    const sqlite = await openSqlite();
    try {
      const rows = [
        customer('blank', { lastOrderAt: '', firstOrderAt: '' }),
        customer('dated', {
          lastOrderAt: '2026-11-20T10:00:00Z',
          firstOrderAt: '2026-01-02T10:00:00Z',
        }),
        customer('none', {}),
      ];
      await sqlite.load(rows);
      const cases: [FilterRule, string[]][] = [
        [{ field: 'lastOrderOn', operator: 'isEmpty' }, ['blank', 'none']],
        [{ field: 'lastOrderOn', operator: 'isNotEmpty' }, ['dated']],
        [{ field: 'firstOrderOn', operator: 'isEmpty' }, ['blank', 'none']],
        [{ field: 'lastOrderOn', operator: 'before', value: '2030-01-01' }, ['dated']],
        [{ field: 'lastOrderOn', operator: 'after', value: '1990-01-01' }, ['dated']],
        [
          { field: 'lastOrderOn', operator: 'notInLast', value: { amount: 30, unit: 'days' } },
          ['blank', 'none'],
        ],
      ];
      for (const [rule, expected] of cases) {
        const { sql, params } = filterToSql(only(rule), { dialect: 'sqlite', ctx });
        assert.deepEqual(await sqlite.ids(sql, params), expected, JSON.stringify(rule));
        assert.deepEqual(
          ids(rows.filter(compileFilter(only(rule), ctx))),
          expected,
          `compileFilter, ${JSON.stringify(rule)}`,
        );
      }
    } finally {
      await sqlite.close();
    }
  });
});

describe('a host’s own schema', () => {
  test('renamed columns, integer ids and its own members table', async () => {
    for (const db of databases) {
      const time = db.dialect === 'postgres' ? 'timestamptz' : 'TEXT';
      await db.query(
        `CREATE TABLE clients (client_no integer, spent bigint, orders integer, joined ${time}, mail text)`,
      );
      await db.query(`INSERT INTO clients VALUES
        (9, 500, 1, '2024-01-01T00:00:00Z', 'A@x.io'),
        (10, 500, 1, '2024-01-01T05:30:00+05:30', 'b@x.io'),
        (11, 100, 2, '2023-01-01T00:00:00Z', NULL)`);
      await db.query('CREATE TABLE lists (list text, who integer)');
      // A host's list may hold a row with no customer: NOT IN over it must still be two-valued.
      await db.query(`INSERT INTO lists VALUES ('vip-list', 11), ('other', 9), ('vip-list', NULL)`);
      const options = {
        dialect: db.dialect,
        ctx,
        table: 'clients',
        columns: {
          id: 'client_no',
          total_spent: 'spent',
          ordersCount: 'orders',
          created_at: 'joined',
          email: 'mail',
        },
        membersTable: { table: 'lists', segmentId: 'list', customerId: 'who' },
        segments: (id: string) => (id === 'vip-list' ? { memberIds: new Set(['11']) } : undefined),
      };
      const select = async (filter: FilterGroup) => {
        const { sql, params } = filterToSql(filter, options);
        const rows = await db.query(`SELECT client_no FROM clients WHERE ${sql}`, params);
        return rows.map((row) => Number(row.client_no)).sort((a, b) => a - b);
      };
      // Ids are strings in the model, so a tie in spend and sign-up goes to '10' before '9'.
      assert.deepEqual(
        await select(only({ field: 'spendRank', operator: 'equals', value: 1 })),
        [10],
        db.name,
      );
      assert.deepEqual(
        await select(only({ field: 'segment', operator: 'in', value: ['vip-list'] })),
        [11],
        db.name,
      );
      assert.deepEqual(
        await select(only({ field: 'segment', operator: 'notIn', value: ['vip-list'] })),
        [9, 10],
        db.name,
      );
      assert.deepEqual(
        await select(only({ field: 'email', operator: 'startsWith', value: 'a@' })),
        [9],
        db.name,
      );
    }
  });

  test("a host's own fields are columns of the same name, or of the name it maps them to", async () => {
    const fields = [
      ...FIELDS,
      // Named like a JavaScript built-in, which must not be mistaken for a mapping.
      { id: 'constructor', label: 'Made by', type: 'string', operators: ['equals'] } as const,
      { id: 'loyaltyTier', label: 'Loyalty tier', type: 'string', operators: ['in'] } as const,
    ];
    for (const db of databases) {
      await db.query('CREATE TABLE gadgets (id text, "constructor" text, tier text)');
      await db.query(`INSERT INTO gadgets VALUES ('g1', 'Acme', 'gold'), ('g2', 'Globex', NULL)`);
      const select = async (rule: FilterRule) => {
        const { sql, params } = filterToSql(only(rule), {
          dialect: db.dialect,
          ctx: { ...ctx, fields },
          table: 'gadgets',
          columns: { loyaltyTier: 'tier' },
        });
        return db.query(`SELECT id FROM gadgets WHERE ${sql}`, params);
      };
      const madeByAcme = { field: 'constructor', operator: 'equals', value: 'ACME' };
      assert.deepEqual(await select(madeByAcme), [{ id: 'g1' }], db.name);
      const gold = { field: 'loyaltyTier', operator: 'in', value: ['Gold', 'platinum'] };
      assert.deepEqual(await select(gold), [{ id: 'g1' }], db.name);
    }
  });

  test('predefined segments work with a host catalogue that leaves out the fields they use', async () => {
    // A host that lets sellers filter only by email still has "Top 10 High-Value Spenders".
    const fields = FIELDS.filter((field) => field.id === 'email' || field.id === 'segment');
    const filter = only({ field: 'segment', operator: 'in', value: ['first-time-customers'] });
    for (const db of databases) {
      const { sql, params } = filterToSql(filter, { dialect: db.dialect, ctx: { ...ctx, fields } });
      assert.deepEqual(await db.ids(sql, params), ['c2', 'c6', 'c7'], db.name);
    }
  });

  test('a null context means the defaults, like no context at all', async () => {
    const filter = only({ field: 'createdOn', operator: 'on', value: '2024-01-01' });
    for (const db of databases) {
      const { sql, params } = filterToSql(filter, {
        dialect: db.dialect,
        ctx: null as unknown as EvaluationContext,
      });
      // In UTC both early-January customers were created on 1 January.
      assert.deepEqual(await db.ids(sql, params), ['c1', 'c2'], db.name);
    }
  });

  test('table and column names are quoted, even with spaces and quotes in them', async () => {
    for (const db of databases) {
      await db.query('CREATE TABLE "shop ""customers""" ("key" text, "e-mail address" text)');
      await db.query(
        `INSERT INTO "shop ""customers""" VALUES ('k1', 'a@gmail.com'), ('k2', 'b@example.com')`,
      );
      const { sql, params } = filterToSql(
        only({ field: 'email', operator: 'endsWith', value: '@GMAIL.com' }),
        {
          dialect: db.dialect,
          ctx,
          table: 'shop "customers"',
          columns: { id: 'key', email: 'e-mail address' },
        },
      );
      const found = await db.query(`SELECT "key" FROM "shop ""customers""" WHERE ${sql}`, params);
      assert.deepEqual(found, [{ key: 'k1' }], db.name);
    }
  });
});

// ---- helpers ----

function customer(id: string, fields: Partial<Customer>): Customer {
  return { id, createdAt: '2025-06-01T00:00:00Z', ordersCount: 0, totalSpent: 0, ...fields };
}

function only(rule: FilterRule): FilterGroup {
  return { combinator: 'and', rules: [rule] };
}

const ids = (list: Customer[]) => list.map((c) => c.id).sort();

/** The plain meaning of each operator, with ASCII-only case folding. */
function literally(raw: string | undefined, operator: string, value: string): boolean {
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (raw === undefined) return operator.startsWith('not');
  const text = fold(raw);
  const operand = fold(value);
  switch (operator) {
    case 'equals':
      return text === operand;
    case 'notEquals':
      return text !== operand;
    case 'contains':
      return text.includes(operand);
    case 'notContains':
      return !text.includes(operand);
    case 'startsWith':
      return text.startsWith(operand);
    default:
      return text.endsWith(operand);
  }
}
