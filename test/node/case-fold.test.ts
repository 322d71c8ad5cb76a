/**
 * "Case-insensitive" for every cased letter, not only A–Z, decided the same way by compileFilter,
 * PostgreSQL (lower() under "C" where only ASCII is at stake, else patterns naming each letter's
 * case variants, whatever the server's locale) and SQLite (the host's us_fold). The expectations
 * are written by hand from the README's definition — Unicode simple case folding, plus İ → i —
 * not computed by the code under test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileFilter,
  filterToSql,
  foldText,
  type Customer,
  type FilterGroup,
} from '../../src/core.ts';
import { everyDatabase } from './helpers/sql-databases.ts';

interface Case {
  what: string;
  stored: string;
  operator: 'equals' | 'contains' | 'startsWith' | 'endsWith' | 'in';
  typed: string;
  matches: boolean;
}

const CASES: Case[] = [
  { what: 'German umlaut', stored: 'MÜLLER', operator: 'contains', typed: 'müller', matches: true },
  { what: 'French accent', stored: 'ÉLODIE', operator: 'equals', typed: 'élodie', matches: true },
  {
    what: 'accents are not stripped',
    stored: 'Élan',
    operator: 'equals',
    typed: 'elan',
    matches: false,
  },
  { what: 'Greek final sigma', stored: 'ΟΔΟΣ', operator: 'equals', typed: 'οδος', matches: true },
  {
    what: 'Greek sigma mid-word',
    stored: 'ΣΟΦΊΑ',
    operator: 'equals',
    typed: 'σοφία',
    matches: true,
  },
  {
    what: 'Greek final sigma typed as capital',
    stored: 'Οδός',
    operator: 'endsWith',
    typed: 'ΌΣ',
    matches: true,
  },
  {
    what: 'German ß is not SS',
    stored: 'STRASSE',
    operator: 'equals',
    typed: 'straße',
    matches: false,
  },
  { what: 'capital ẞ is ß', stored: 'STRAẞE', operator: 'equals', typed: 'straße', matches: true },
  {
    what: 'Turkish İ folds to i',
    stored: 'İSTANBUL',
    operator: 'equals',
    typed: 'istanbul',
    matches: true,
  },
  {
    what: 'Turkish dotless ı is its own letter',
    stored: 'ISPARTA',
    operator: 'equals',
    typed: 'ısparta',
    matches: false,
  },
  {
    what: 'dotless ı matches itself',
    stored: 'ıSPARTA',
    operator: 'startsWith',
    typed: 'ısp',
    matches: true,
  },
  { what: 'Cyrillic', stored: 'МОСКВА', operator: 'equals', typed: 'москва', matches: true },
  { what: 'Armenian', stored: 'ԵՐԵՎԱՆ', operator: 'equals', typed: 'երեվան', matches: true },
  {
    what: 'Devanagari has no case',
    stored: 'मुंबई',
    operator: 'equals',
    typed: 'मुंबई',
    matches: true,
  },
  {
    what: 'fullwidth Latin',
    stored: 'ＴＯＫＹＯ',
    operator: 'contains',
    typed: 'ｏｋｙ',
    matches: true,
  },
  { what: 'Kelvin sign is K', stored: '5 \u212A', operator: 'endsWith', typed: 'k', matches: true },
  {
    what: 'Deseret (outside the BMP)',
    stored: 'x\u{10400}y',
    operator: 'contains',
    typed: '\u{10428}Y',
    matches: true,
  },
  { what: 'a list of cities', stored: 'ZÜRICH', operator: 'in', typed: 'zürich', matches: true },
  // A 'k' in text that is not all ASCII: PostgreSQL's long-list key probe must drop it on both
  // sides (K, k and the Kelvin sign are one class).
  { what: 'k beside a macron', stored: 'KŌCHI', operator: 'equals', typed: 'kōchi', matches: true },
];

const customers: Customer[] = CASES.map((c, i) => ({
  id: `case-${String(i).padStart(2, '0')}`,
  name: c.stored,
  tags: [c.stored],
  createdAt: '2024-01-01T00:00:00Z',
  ordersCount: 0,
  totalSpent: 0,
}));

const databases = everyDatabase(customers);

async function everySide(filter: FilterGroup): Promise<string[]> {
  const predicate = compileFilter(filter);
  const browser = customers.filter(predicate).map((c) => c.id);
  for (const db of databases) {
    const { sql, params } = filterToSql(filter, { dialect: db.dialect });
    assert.deepEqual(await db.ids(sql, params), browser, `${db.name} disagrees with compileFilter`);
  }
  return browser;
}

describe('text comparisons ignore case for every cased letter, on every side', () => {
  for (const [i, c] of CASES.entries()) {
    test(`${c.what}: "${c.stored}" ${c.operator} "${c.typed}" → ${c.matches}`, async () => {
      const value = c.operator === 'in' ? [c.typed] : c.typed;
      const filter: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'name', operator: c.operator, value }],
      };
      const ids = await everySide(filter);
      assert.equal(ids.includes(customers[i]!.id), c.matches);
      if (c.operator === 'equals') {
        const tags: FilterGroup = {
          combinator: 'and',
          rules: [{ field: 'tags', operator: 'hasAny', value: [c.typed] }],
        };
        assert.equal((await everySide(tags)).includes(customers[i]!.id), c.matches);
      }
    });
  }

  test('a long list (a key probe, then the pattern, on PostgreSQL) folds the same way', async () => {
    const fillers = ['pune', 'PURI', 'Ｐune', 'σ', 'k', 'ß', 'x\u{10428}', 'πόλη', 'ıi'];
    const typed = CASES.filter((c) => c.operator === 'equals' || c.operator === 'in');
    // By hand: stored texts whose fold is one typed value's ('ıSPARTA' is 'ısparta', typed for
    // the dotless case; 'Οδός' keeps its accent; 'STRASSE' is not 'straße').
    const expected = [1, 3, 4, 7, 8, 10, 11, 12, 13, 17, 18].map(
      (i) => `case-${String(i).padStart(2, '0')}`,
    );
    const values = [...fillers, ...typed.map((c) => c.typed)];
    for (const rule of [
      { field: 'name', operator: 'in', value: values },
      { field: 'tags', operator: 'hasAny', value: values },
    ]) {
      const ids = await everySide({ combinator: 'and', rules: [rule] });
      assert.deepEqual(ids, expected, rule.field);
    }
    const none = await everySide({
      combinator: 'and',
      rules: [{ field: 'tags', operator: 'hasNone', value: values }],
    });
    assert.deepEqual(
      none,
      customers.map((c) => c.id).filter((id) => !expected.includes(id)),
    );
  });

  test('the SQL never leans on the database locale (lower, upper, ILIKE, collations)', () => {
    const filter: FilterGroup = {
      combinator: 'or',
      rules: [
        { field: 'name', operator: 'contains', value: 'MÜLLER' },
        { field: 'tags', operator: 'hasAll', value: ['VIP', 'Über'] },
        { field: 'city', operator: 'notIn', value: ['PUNE', 'ΑΘΗΝΑ'] },
      ],
    };
    for (const dialect of ['postgres', 'sqlite'] as const) {
      const { sql, params } = filterToSql(filter, { dialect });
      assert.doesNotMatch(sql, /upper\(|ilike/i);
      // lower() only under "C", which lowers ASCII letters alone whatever the server's locale
      // (a Turkish one lowers I to ı), and only where the text is ASCII (its bytes are its
      // characters): there ASCII lower case is the fold.
      const lowered = sql.match(/lower\(\(([^()]+) COLLATE "C"\)\)/g) ?? [];
      // …or over the text form of the tags array, compared with values of ASCII and caseless
      // characters only, after the letters outside ASCII that fold into it (ſ, İ, K) are
      // replaced too ('vip' here; 'über' is matched tag by tag).
      const arrays = sql.match(/lower\(\("tags"\)::text COLLATE "C"\)/g) ?? [];
      assert.equal(arrays.length, dialect === 'postgres' ? 1 : 0);
      assert.equal(lowered.length + arrays.length, sql.split('lower(').length - 1);
      for (const call of lowered) {
        const text = call.slice('lower('.length, -1);
        const guard = `CASE WHEN octet_length(${text}) = char_length(${text}) THEN ${call}`;
        assert.ok(sql.includes(guard), `${call} is not guarded`);
      }
      if (dialect === 'postgres') assert.ok(lowered.length > 0);
      // The only collation named is "C", which reads no locale.
      const collations = sql.match(/collate "?\w+"?/gi) ?? [];
      assert.ok(collations.every((c) => c === 'COLLATE "C"'));
      assert.equal(collations.length > 0, dialect === 'postgres');
      assert.ok(params.flat().every((p) => typeof p === 'string'));
    }
  });

  test('folding keeps every string the same length, so positions in SQL and JS agree', () => {
    for (const c of CASES) assert.equal(foldText(c.stored).length, c.stored.length, c.what);
    assert.equal(foldText('ΑΣ Σ'), 'ασ σ');
    assert.equal(foldText('plain ascii 123'), 'plain ascii 123');
    // A lone surrogate in stored text is kept, never turned into something else.
    assert.equal(foldText('A\ud800B'), 'a\ud800b');
  });
});
