/**
 * Customer blocks store profiles as columns (profile-columns.ts): whatever a profile holds comes
 * back as it went in, with the statistics of its stats block, and nothing it lacks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProfiles, encodeProfiles } from '../../src/adapters/local/profile-columns.ts';
import type { CustomerProfile, StatsBlock } from '../../src/adapters/local/database.ts';

function stats(
  size: number,
  rows: Partial<Record<number, [number, number, string, string, number]>>,
): StatsBlock {
  const block: StatsBlock = {
    block: 0,
    ordersCount: new Int32Array(size),
    totalSpent: new Float64Array(size),
    firstOrderAt: new Array<string | null>(size).fill(null),
    lastOrderAt: new Array<string | null>(size).fill(null),
    spendRank: new Int32Array(size),
  };
  for (const [at, row] of Object.entries(rows)) {
    const i = Number(at);
    [
      block.ordersCount[i],
      block.totalSpent[i],
      block.firstOrderAt[i],
      block.lastOrderAt[i],
      block.spendRank[i],
    ] = row!;
  }
  return block;
}

const PROFILES: CustomerProfile[] = [
  // Every field, non-ASCII text, a word that is both a city and a tag, and a repeated tag.
  {
    id: 'c-१',
    name: 'प्रिया',
    email: 'Priya@Example.com',
    phone: '+919812345678',
    createdAt: '2024-01-01T00:00:00.000Z',
    city: 'Goa',
    state: 'Goa',
    tags: ['Goa', 'नया', 'vip', 'vip'],
    acceptsMarketing: false,
  },
  // Nothing optional at all.
  { id: 'bare', createdAt: '2024-02-29T23:59:59Z' },
  // Empty texts and an empty tag list are values, not absences; true is kept as true.
  {
    id: '',
    name: '',
    email: '',
    createdAt: '2023-12-31T18:30:00.000Z',
    city: '',
    tags: [],
    acceptsMarketing: true,
  },
  // Text JSON has to escape, and a lone surrogate.
  { id: 'q"\\\n\u2028', name: 'a\ud800b', createdAt: '0001-01-01T00:00:00.000Z', state: 'Goa' },
];

test('profiles come back as they went in, with their statistics, keys in the imported order', () => {
  const text = encodeProfiles(PROFILES, 0, PROFILES.length);
  const block = stats(PROFILES.length, {
    1: [3, 120050, '2024-03-01T10:00:00Z', '2024-05-01T10:00:00.500Z', 2],
    3: [1, 0, '2024-03-01T10:00:00.000Z', '2024-03-01T10:00:00.000Z', 7],
  });
  const decoded = decodeProfiles(text, block);
  const expected = [
    { ...PROFILES[0], ordersCount: 0, totalSpent: 0 },
    {
      ...PROFILES[1],
      ordersCount: 3,
      totalSpent: 120050,
      firstOrderAt: '2024-03-01T10:00:00Z',
      lastOrderAt: '2024-05-01T10:00:00.500Z',
      spendRank: 2,
    },
    { ...PROFILES[2], ordersCount: 0, totalSpent: 0 },
    {
      ...PROFILES[3],
      ordersCount: 1,
      totalSpent: 0,
      firstOrderAt: '2024-03-01T10:00:00.000Z',
      lastOrderAt: '2024-03-01T10:00:00.000Z',
      spendRank: 7,
    },
  ];
  assert.deepEqual(decoded, expected);
  // Keys in the order checkCustomers gives an imported record, statistics last.
  assert.deepEqual(decoded.map(Object.keys), expected.map(Object.keys));
});

test('each record has its own tags list', () => {
  const text = encodeProfiles(PROFILES, 0, 1);
  const [a] = decodeProfiles(text, stats(1, {}));
  const [b] = decodeProfiles(text, stats(1, {}));
  a!.tags!.push('changed');
  assert.deepEqual(b!.tags, ['Goa', 'नया', 'vip', 'vip']);
});

test('a range of the list is encoded, and an empty range reads back empty', () => {
  assert.deepEqual(
    decodeProfiles(encodeProfiles(PROFILES, 1, 3), stats(2, {})).map((c) => c.id),
    ['bare', ''],
  );
  assert.deepEqual(decodeProfiles(encodeProfiles(PROFILES, 2, 2), stats(0, {})), []);
});

test('repeated words are stored once: the columns text is smaller than the records text', () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({
    id: `cus_${i}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    city: i % 2 ? 'Ahmedabad' : 'Thiruvananthapuram',
    state: 'Gujarat',
    tags: ['festive-sale', 'cod-preferred'],
    acceptsMarketing: i % 3 === 0,
  }));
  const text = encodeProfiles(many, 0, many.length);
  assert.ok(text.length < JSON.stringify(many).length / 2, `${text.length} characters`);
  assert.deepEqual(
    decodeProfiles(text, stats(many.length, {})),
    many.map((c) => ({ ...c, ordersCount: 0, totalSpent: 0 })),
  );
});
