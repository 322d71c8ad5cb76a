/**
 * Tag rules on every side: a seller's tags can hold commas, quotes, braces, backslashes,
 * spaces, the word NULL and letters outside ASCII that fold into it (the Kelvin sign, long s,
 * dotted İ). PostgreSQL may read a customer's whole tag list at once as text, so these are the
 * characters that could make one tag look like another. Expectations are written by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, filterToSql, type Customer, type FilterRule } from '../../src/core.ts';
import { everyDatabase } from './helpers/sql-databases.ts';

const TAGGED: Record<string, string[] | undefined> = {
  t01: ['VIP', 'Festive-Sale'],
  t02: ['\u212AIT'], // Kelvin sign, then IT
  t03: ['ſale'],
  t04: ['İNDİA'],
  t05: ['a,b', 'say "hi"'],
  t06: ['back\\slash', '{x}'],
  t07: ['NULL'],
  t08: ['two words', ''],
  t09: undefined,
  t10: [],
  t11: ['Über', 'vip'],
  t12: ['a', 'b'],
};

const customers: Customer[] = Object.entries(TAGGED).map(([id, tags]) => ({
  id,
  createdAt: '2024-01-01T00:00:00Z',
  ordersCount: 0,
  totalSpent: 0,
  ...(tags ? { tags } : {}),
}));

const everyone = Object.keys(TAGGED);
const databases = everyDatabase(customers);

/** The ids `rule` selects, the same in the browser and in every database. */
async function tagged(operator: 'hasAny' | 'hasAll' | 'hasNone', value: string[]) {
  const filter = {
    combinator: 'and' as const,
    rules: [{ field: 'tags', operator, value } as FilterRule],
  };
  const browser = customers.filter(compileFilter(filter)).map((c) => c.id);
  for (const db of databases) {
    const { sql, params } = filterToSql(filter, { dialect: db.dialect });
    assert.deepEqual(await db.ids(sql, params), browser, `${db.name} disagrees with the browser`);
  }
  return browser;
}

describe('tag rules match whole tags, whatever characters they hold', () => {
  test('letters outside ASCII that fold into it match the ASCII a seller types', async () => {
    assert.deepEqual(await tagged('hasAny', ['kit']), ['t02']);
    assert.deepEqual(await tagged('hasAny', ['SALE']), ['t03']);
    assert.deepEqual(await tagged('hasAny', ['india']), ['t04']);
    assert.deepEqual(await tagged('hasAll', ['kit', 'Sale']), []);
  });

  test('commas, quotes, braces and backslashes are part of a tag, never between tags', async () => {
    assert.deepEqual(await tagged('hasAny', ['A,B']), ['t05']);
    assert.deepEqual(await tagged('hasAny', ['a']), ['t12']);
    assert.deepEqual(await tagged('hasAll', ['a', 'b']), ['t12']);
    assert.deepEqual(await tagged('hasAny', ['SAY "HI"']), ['t05']);
    assert.deepEqual(await tagged('hasAny', ['say']), []);
    assert.deepEqual(await tagged('hasAny', ['back\\slash']), ['t06']);
    assert.deepEqual(await tagged('hasAny', ['{X}']), ['t06']);
    assert.deepEqual(await tagged('hasAny', ['x']), []);
    assert.deepEqual(await tagged('hasAny', ['two words']), ['t08']);
  });

  test('a tag spelled NULL is a tag; a customer without tags has none', async () => {
    assert.deepEqual(await tagged('hasAny', ['null']), ['t07']);
    assert.deepEqual(
      await tagged('hasNone', ['null']),
      everyone.filter((id) => id !== 't07'),
    );
  });

  test('ASCII and other values in one rule', async () => {
    assert.deepEqual(await tagged('hasAll', ['vip', 'festive-sale']), ['t01']);
    assert.deepEqual(await tagged('hasAll', ['vip', 'über']), ['t11']);
    assert.deepEqual(await tagged('hasAll', ['VIP', 'ÜBER', 'sale']), []);
    assert.deepEqual(await tagged('hasAny', ['über', 'kit']), ['t02', 't11']);
    assert.deepEqual(
      await tagged('hasNone', ['vip', 'über']),
      everyone.filter((id) => id !== 't01' && id !== 't11'),
    );
  });

  test('a long list (hashed on PostgreSQL) matches the same whole tags', async () => {
    const fillers = Array.from({ length: 10 }, (_, i) => `filler-${i}`);
    assert.deepEqual(await tagged('hasAny', [...fillers, 'KIT', 'A,B', 'null']), [
      't02',
      't05',
      't07',
    ]);
    assert.deepEqual(
      await tagged('hasNone', [...fillers, 'vip', 'say']),
      everyone.filter((id) => id !== 't01' && id !== 't11'),
    );
  });
});
