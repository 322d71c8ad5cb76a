import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import { RestAdapter } from '../../src/adapters/rest/index.ts';
import { exportAudienceCsv, exportMembersCsv, type Customer, type Order } from '../../src/core.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * exportMembersCsv in Node, against the reference backend on PGlite: what a host's job would
 * write. The file is read back with papaparse, not with our own reader.
 */

const special: Customer[] = [
  {
    id: 'c-formula',
    name: '=HYPERLINK("http://evil.example","click")',
    email: 'asa@example.in',
    phone: '+919876543210',
    city: 'Malmö',
    createdAt: '2024-03-01T20:00:00.000Z',
    ordersCount: 0,
    totalSpent: 0,
  },
  {
    id: 'c-hindi',
    name: 'आशा शर्मा, "Asha"',
    email: 'asha@example.in',
    createdAt: '2025-12-31T23:30:00.000Z',
    ordersCount: 0,
    totalSpent: 0,
  },
];
const specialOrders: Order[] = [
  { id: 'o-1', customerId: 'c-formula', total: 123_456, placedAt: '2025-01-02T10:00:00.000Z' },
  { id: 'o-2', customerId: 'c-formula', total: 5, placedAt: '2025-02-02T10:00:00.000Z' },
  { id: 'o-3', customerId: 'c-hindi', total: 10_000, placedAt: '2025-03-02T10:00:00.000Z' },
  { id: 'o-4', customerId: 'c-hindi', total: 99, placedAt: '2025-04-02T10:00:00.000Z' },
];

let backend: TestBackend;
let adapter: RestAdapter;
let generated: ReturnType<typeof generateStore>;

before(async () => {
  backend = await startTestBackend();
  generated = generateStore({ seed: 18, customers: 450, orders: 1_400 });
  const { apiKey } = await backend.newStore({
    customers: [...generated.customers, ...special],
    orders: [...generated.orders, ...specialOrders],
    timeZone: 'Asia/Kolkata',
  });
  adapter = new RestAdapter({
    baseUrl: backend.baseUrl,
    headers: { authorization: `Bearer ${apiKey}` },
  });
});
after(() => backend?.close());

/** The file's bytes as UTF-8 (its BOM kept, so the test can see it) and its rows. */
const read = async (blob: Blob) => {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  return { text, rows };
};

/** Returning customers counted by hand from the orders: customer id → number of orders. */
function returningByHand(): Set<string> {
  const orders = new Map<string, number>();
  for (const o of [...generated.orders, ...specialOrders])
    orders.set(o.customerId, (orders.get(o.customerId) ?? 0) + 1);
  return new Set([...orders].filter(([, n]) => n >= 2).map(([id]) => id));
}

describe('exportMembersCsv', () => {
  it('writes every member once, page after page, with a BOM and the asked header names', async () => {
    const progress: { written: number; total: number }[] = [];
    const blob = await exportMembersCsv(adapter, 'returning-customers', {
      headers: { name: 'नाम', email: 'ईमेल', phone: 'फ़ोन', city: 'शहर' },
      timeZone: 'Asia/Kolkata',
      onProgress: (p) => progress.push(p),
      pageSize: 97,
    });
    const { text, rows } = await read(blob);
    assert.ok(text.startsWith('\uFEFF'), 'a BOM so Excel reads UTF-8');
    assert.ok(text.includes('\r\n'), 'CRLF line ends');
    const [header, ...members] = rows;
    assert.deepEqual(header, ['नाम', 'ईमेल', 'फ़ोन', 'शहर', 'Orders', 'Total spent', 'Created on']);
    const want = returningByHand();
    assert.equal(members.length, want.size, 'one row per returning customer');
    // Each returning customer exactly once, told apart by email and phone as the file shows them.
    const contactOf = (c: Customer) => `${c.email ?? ''}|${c.phone ? `'${c.phone}` : ''}`;
    assert.deepEqual(
      members.map((row) => `${row[1]}|${row[2]}`).sort(),
      [...generated.customers, ...special]
        .filter((c) => want.has(c.id))
        .map(contactOf)
        .sort(),
    );
    assert.ok(progress.length >= 2, `several pages reported, got ${progress.length}`);
    assert.deepEqual(progress.at(-1), { written: want.size, total: want.size });
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i]!.written > progress[i - 1]!.written, 'progress only grows');
    }

    const formula = members.find((row) => row[1] === 'asa@example.in');
    assert.deepEqual(formula, [
      `'=HYPERLINK("http://evil.example","click")`,
      'asa@example.in',
      "'+919876543210",
      'Malmö',
      '2',
      '1234.61',
      '2024-03-02',
    ]);
    const hindi = members.find((row) => row[1] === 'asha@example.in');
    assert.deepEqual(hindi, [
      'आशा शर्मा, "Asha"',
      'asha@example.in',
      '',
      '',
      '2',
      '100.99',
      '2026-01-01',
    ]);
  });

  it('stops when the signal aborts, with the abort reason', async () => {
    const controller = new AbortController();
    let pages = 0;
    await assert.rejects(
      exportMembersCsv(adapter, 'returning-customers', {
        pageSize: 50,
        signal: controller.signal,
        onProgress: () => {
          pages++;
          controller.abort();
        },
      }),
      (error: Error) => error.name === 'AbortError',
    );
    assert.equal(pages, 1, 'no page asked for after the abort');
  });

  it('writes only the header for a segment with no members', async () => {
    const empty = await adapter.createSegment({
      name: 'Nobody',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'gt', value: 1e6 }] },
    });
    const { rows } = await read(await exportMembersCsv(adapter, empty.id));
    assert.deepEqual(rows, [
      ['Name', 'Email', 'Phone', 'City', 'Orders', 'Total spent', 'Created on'],
    ]);
  });

  it('rejects with not-found for a segment that does not exist', async () => {
    await assert.rejects(exportMembersCsv(adapter, 'no-such-segment'), { code: 'not-found' });
  });
});

describe('exportAudienceCsv', () => {
  it('writes each person of the audience once, with the channel’s contact', async () => {
    const blob = await exportAudienceCsv(
      adapter,
      { include: ['returning-customers', 'first-time-customers'], channel: 'email' },
      { pageSize: 200 },
    );
    const [header, ...people] = (await read(blob)).rows;
    assert.deepEqual(header, ['Customer ID', 'Phone', 'Email']);
    const everyone = [...generated.customers, ...special];
    const buyersWithEmail = everyone.filter((c) => c.email && hasOrders(c.id)).map((c) => c.id);
    assert.deepEqual(people.map((row) => row[0]).sort(), buyersWithEmail.sort());
    assert.ok(
      people.every((row) => row[1] === '' && row[2] !== ''),
      'by email: emails only',
    );
  });
});

function hasOrders(id: string): boolean {
  return [...generated.orders, ...specialOrders].some((o) => o.customerId === id);
}
