/**
 * The page side of bench/export.bench.ts: a LocalAdapter store of generated customers and
 * orders, a filter segment every customer matches, and that segment written as a CSV Blob by
 * exportMembersCsv, end to end (every page read through the adapter). The baseline writes the
 * same rows, with the same columns, from the customers already in memory with papaparse's
 * `unparse` (its own formula escaping on) into a Blob. Both files are then parsed back with
 * papaparse and compared cell by cell through a hash, so neither side is timed writing less.
 */
import Papa from 'papaparse';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import type { Customer } from '../../src/model.ts';
import { exportMembersCsv } from '../../src/segments/export-members.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';

/** What a CSV file holds once parsed: its data rows (header and BOM left out). */
export interface CsvDigest {
  rows: number;
  /** cyrb53 of every cell, cells and rows separated by characters no cell holds. */
  hash: string;
  first: string[];
  last: string[];
  /** Cells that begin with an apostrophe (made formula-safe). */
  escaped: number;
}

export interface ExportBenchResult {
  customers: number;
  orders: number;
  importMs: number;
  /** exportMembersCsv runs, each to a Blob. */
  oursMs: number[];
  /** papaparse unparse runs of the same rows, each to a Blob. */
  baselineMs: number[];
  bytes: { ours: number; baseline: number };
  progressEvents: number;
  segmentTotal: number;
  ours: CsvDigest;
  baseline: CsvDigest;
}

declare global {
  interface Window {
    runExportBench(sizes: {
      customers: number;
      orders: number;
      runs: number;
    }): Promise<ExportBenchResult>;
  }
}

window.runExportBench = async ({ customers: size, orders: orderCount, runs }) => {
  const generated = generateStore({ seed: 7, customers: size, orders: orderCount });
  const adapter = new LocalAdapter({ storeId: `bench-export-${crypto.randomUUID()}` });
  try {
    let started = performance.now();
    await adapter.importCustomers(generated.customers);
    await adapter.importOrders(generated.orders);
    const importMs = performance.now() - started;
    // The rows in memory for the baseline, with statistics derived without the adapter.
    const derived = deriveOrderStats(generated.customers, generated.orders);
    generated.customers.length = 0;
    generated.orders.length = 0;
    // ordersCount ≥ 0 holds for every customer: a segment of the whole store, in import order.
    const everyone = await adapter.createSegment({
      name: 'Everyone',
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [{ field: 'ordersCount', operator: 'gte', value: 0 }],
      },
    });
    const { count: segmentTotal } = await adapter.countMembers({ segmentId: everyone.id });

    const oursMs: number[] = [];
    const baselineMs: number[] = [];
    let ours: Blob | undefined;
    let baseline: Blob | undefined;
    let progressEvents = 0;
    // Alternating, so a busy neighbour slows both sides alike; the first run of each is the
    // cold one (the segment's matches not known yet), kept in the figures.
    for (let run = 0; run < runs; run++) {
      ours = baseline = undefined;
      progressEvents = 0;
      started = performance.now();
      ours = await exportMembersCsv(adapter, everyone.id, {
        onProgress: () => progressEvents++,
      });
      oursMs.push(performance.now() - started);
      started = performance.now();
      baseline = unparseByHand(derived);
      baselineMs.push(performance.now() - started);
    }
    return {
      customers: size,
      orders: orderCount,
      importMs,
      oursMs,
      baselineMs,
      bytes: { ours: ours!.size, baseline: baseline!.size },
      progressEvents,
      segmentTotal,
      ours: await digest(ours!),
      baseline: await digest(baseline!),
    };
  } finally {
    adapter.close();
  }
};

/** exportMembersCsv's English column names. */
const HEADERS = ['Name', 'Email', 'Phone', 'City', 'Orders', 'Total spent', 'Created on'];

/**
 * The same file the plain way: one array per customer with the same seven columns (money from
 * paise by toFixed, the UTC day as the first ten characters of the ISO time), papaparse's
 * unparse with its formula escaping, a BOM, into a Blob.
 */
function unparseByHand(customers: readonly Customer[]): Blob {
  const rows = customers.map((c) => [
    c.name ?? '',
    c.email ?? '',
    c.phone ?? '',
    c.city ?? '',
    c.ordersCount,
    (c.totalSpent / 100).toFixed(2),
    c.createdAt.slice(0, 10),
  ]);
  const text = Papa.unparse(
    { fields: HEADERS, data: rows },
    { newline: '\r\n', escapeFormulae: true },
  );
  return new Blob(['\uFEFF', text, '\r\n'], { type: 'text/csv;charset=utf-8' });
}

/** Parses a file back (papaparse) and hashes its data rows cell by cell. */
async function digest(file: Blob): Promise<CsvDigest> {
  const text = await file.text();
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const rows = parsed.data.slice(1);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let escaped = 0;
  const feed = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (const row of rows) {
    for (const cell of row) {
      if (cell.charCodeAt(0) === 39) escaped++;
      for (let i = 0; i < cell.length; i++) feed(cell.charCodeAt(i));
      feed(0x1f);
    }
    feed(0x1e);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  return { rows: rows.length, hash, first: rows[0] ?? [], last: rows.at(-1) ?? [], escaped };
}
