/**
 * Loading a store's customers or orders from a file, for the admin command line. The file is
 * read as a stream (CSV with a header row, or NDJSON: one JSON object a line), every row checked
 * as it arrives, and the good ones put in a staging table inside one transaction: with COPY on a
 * PostgreSQL server, in batched INSERTs on PGlite. Only when the whole file has been read are the
 * rows merged into the store (added, or replaced by id), order statistics recomputed and the
 * store marked changed, in the same transaction; the first bad row stops everything with its
 * line number, and nothing of the file is left behind.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  CsvRecordReader,
  SegmentError,
  loadCsvSupport,
  loadPhoneSupport,
  normalisePhone,
} from '../../src/core.ts';
import type { Db, Queryable } from '../db.ts';
import { matchWaitingMembers, recountCustomers, refreshOrderStats, touchStore } from '../stores.ts';

export type ImportKind = 'customers' | 'orders';
export type ImportFormat = 'csv' | 'ndjson';

export interface ImportProgress {
  rows: number;
  /** Bytes of the file read so far (as UTF-8). */
  read: number;
}

export interface ImportRequest {
  storeId: string;
  kind: ImportKind;
  format: ImportFormat;
  /** The file's text (decoded as UTF-8; a byte order mark is skipped). */
  input: Readable;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  /** Rows read from the file. */
  rows: number;
  /** Of those, rows that were new to the store (the others replaced a row with their id). */
  added: number;
  /** The store's customers (or orders) after the import. */
  storeTotal: number;
}

/** Where the rows go: a PostgreSQL server (a client of its own, for COPY) or PGlite. */
export type ImportTarget = { client: pg.Client } | { db: Db };

export async function importFile(
  target: ImportTarget,
  request: ImportRequest,
): Promise<ImportResult> {
  await loadPhoneSupport();
  await loadCsvSupport();
  const spec = SPECS[request.kind];
  if ('client' in target) {
    const { client } = target;
    const tx: Queryable = {
      query: async (sql, params = []) => (await client.query(sql, [...params])).rows,
      exec: async (sql) => void (await client.query(sql)),
    };
    await client.query('BEGIN');
    try {
      const defaultCountry = await storeCountry(tx, request.storeId);
      await tx.exec(spec.stage);
      const copy = client.query(
        copyFrom(`COPY import_stage (${spec.columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
      );
      const finished = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      // A failing COPY rejects `finished`; the read below stops at its next write.
      finished.catch(() => undefined);
      try {
        const rows = await readRows(request, spec, defaultCountry, async (row) => {
          if (!copy.write(copyLine(spec.columns.map((c) => row[c])))) await once(copy, 'drain');
        });
        copy.end();
        await finished;
        const result = await merge(tx, request, spec, rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        copy.destroy(error as Error);
        await finished.catch(() => undefined);
        throw error;
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  return target.db.transaction(async (tx) => {
    const defaultCountry = await storeCountry(tx, request.storeId);
    await tx.exec(spec.stage);
    let batch: StageRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await tx.query(
        `INSERT INTO import_stage (${spec.columns.join(', ')})
         SELECT ${spec.columns.join(', ')} FROM json_populate_recordset(NULL::import_stage, $1::json)`,
        [JSON.stringify(batch)],
      );
      batch = [];
    };
    const rows = await readRows(request, spec, defaultCountry, async (row) => {
      batch.push(row);
      if (batch.length >= PGLITE_BATCH) await flush();
    });
    await flush();
    return merge(tx, request, spec, rows);
  });
}

/** A bad row: `line N: …`, with the line as the issue's path. */
export class ImportRowError extends SegmentError {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super('invalid', `line ${line}: ${problem}`, {
      issues: [{ path: `line ${line}`, code: 'bad-row', message: problem }],
    });
    this.name = 'ImportRowError';
  }
}

// ---- helpers ----

const PGLITE_BATCH = 1000;

type StageRow = Record<string, string | number | boolean | string[] | null>;

interface Spec {
  /** Staging table, dropped when the transaction ends. */
  stage: string;
  columns: string[];
  /** Field name in the file → staging column, with the check of its value. */
  fields: Record<string, Field>;
  required: string[];
}

type Field = {
  column: string;
  read: (value: unknown, defaultCountry: string) => string | number | boolean | string[] | null;
};

const text =
  (max: number, column: string): Field['read'] =>
  (value) => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' && typeof value !== 'number') throw `${column} is not text`;
    const s = String(value).trim();
    if (s.includes('\u0000')) throw `${column} holds a NUL character`;
    if (s.length > max) throw `${column} is longer than ${max} characters`;
    return s === '' ? null : s;
  };

const timestamp =
  (column: string): Field['read'] =>
  (value) => {
    if (value === undefined || value === null || value === '') return null;
    const s = String(value).trim();
    // A date, or a date and time with an offset (or Z): nothing a time zone could read twice.
    const shape =
      /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;
    const time = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));
    if (!shape.test(s) || !Number.isFinite(time)) {
      throw `${column} "${s}" is not a date (write 2025-03-01 or 2025-03-01T10:00:00Z)`;
    }
    const day = s.slice(0, 10);
    if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw `${column} "${s}" is not a calendar date`;
    }
    return new Date(time).toISOString();
  };

const SPECS: Record<ImportKind, Spec> = {
  customers: {
    stage: `CREATE TEMP TABLE import_stage (
      line integer NOT NULL, id text NOT NULL, name text, email text, phone text, city text,
      state text, created_at timestamptz NOT NULL, tags text[], accepts_marketing boolean
    ) ON COMMIT DROP`,
    columns: [
      'line',
      'id',
      'name',
      'email',
      'phone',
      'city',
      'state',
      'created_at',
      'tags',
      'accepts_marketing',
    ],
    required: ['id', 'created_at'],
    fields: {
      id: { column: 'id', read: text(200, 'id') },
      name: { column: 'name', read: text(500, 'name') },
      email: { column: 'email', read: text(320, 'email') },
      phone: {
        column: 'phone',
        read: (value, country) => {
          const raw = text(50, 'phone')(value, country) as string | null;
          // As the HTTP import does: stored in E.164 when it can be read, else as written.
          return raw === null ? null : (normalisePhone(raw, country) ?? raw);
        },
      },
      city: { column: 'city', read: text(200, 'city') },
      state: { column: 'state', read: text(200, 'state') },
      createdAt: { column: 'created_at', read: timestamp('createdAt') },
      tags: {
        column: 'tags',
        read: (value) => {
          if (value === undefined || value === null || value === '') return null;
          const list = Array.isArray(value) ? value : String(value).split(';');
          if (!list.every((t) => typeof t === 'string')) throw 'tags are not a list of text';
          const tags = (list as string[]).map((t) => t.trim()).filter(Boolean);
          if (tags.some((t) => t.includes('\u0000') || t.length > 100)) {
            throw 'a tag is longer than 100 characters or holds a NUL character';
          }
          return tags;
        },
      },
      acceptsMarketing: {
        column: 'accepts_marketing',
        read: (value) => {
          if (value === undefined || value === null || value === '') return null;
          if (typeof value === 'boolean') return value;
          const word = String(value).trim().toLowerCase();
          if (['true', 'yes', 'y', '1'].includes(word)) return true;
          if (['false', 'no', 'n', '0'].includes(word)) return false;
          throw `acceptsMarketing "${String(value)}" is not yes or no`;
        },
      },
    },
  },
  orders: {
    stage: `CREATE TEMP TABLE import_stage (
      line integer NOT NULL, id text NOT NULL, customer_id text NOT NULL, total bigint NOT NULL,
      placed_at timestamptz NOT NULL
    ) ON COMMIT DROP`,
    columns: ['line', 'id', 'customer_id', 'total', 'placed_at'],
    required: ['id', 'customer_id', 'total', 'placed_at'],
    fields: {
      id: { column: 'id', read: text(200, 'id') },
      customerId: { column: 'customer_id', read: text(200, 'customerId') },
      total: {
        column: 'total',
        read: (value) => {
          if (value === undefined || value === null || value === '') return null;
          const n =
            typeof value === 'number'
              ? value
              : /^\s*\d+\s*$/.test(String(value))
                ? Number(value)
                : NaN;
          if (!Number.isSafeInteger(n) || n < 0) {
            throw `total "${String(value)}" is not a whole number of minor units (paise), 0 or more`;
          }
          return n;
        },
      },
      placedAt: { column: 'placed_at', read: timestamp('placedAt') },
    },
  },
};

/** Header names as files write them: `createdAt`, `created_at`, `Created At` all match. */
const fold = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase();

/** Reads every row, checks it and hands it on; resolves with the number of rows. */
async function readRows(
  request: ImportRequest,
  spec: Spec,
  defaultCountry: string,
  put: (row: StageRow) => Promise<void>,
): Promise<number> {
  const byName = new Map(Object.entries(spec.fields).map(([name, f]) => [fold(name), f]));
  const fieldNames = new Map(Object.entries(spec.fields).map(([name, f]) => [f.column, name]));
  let rows = 0;
  let read = 0;
  let lastReport = performance.now();
  const report = () => {
    const now = performance.now();
    if (now - lastReport >= 1000) {
      lastReport = now;
      request.onProgress?.({ rows, read });
    }
  };
  const toRow = (line: number, get: (field: Field) => unknown): StageRow => {
    const row: StageRow = { line };
    for (const field of byName.values()) {
      try {
        row[field.column] = field.read(get(field), defaultCountry);
      } catch (problem) {
        throw new ImportRowError(line, String(problem));
      }
    }
    for (const column of spec.required) {
      if (row[column] === null || row[column] === undefined) {
        throw new ImportRowError(line, `${fieldNames.get(column)} is missing`);
      }
    }
    return row;
  };

  const input = request.input;
  input.setEncoding('utf8');
  if (request.format === 'ndjson') {
    let line = 0;
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const raw of lines) {
      line += 1;
      read += Buffer.byteLength(raw) + 1;
      const textLine = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (textLine.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(textLine);
      } catch {
        throw new ImportRowError(line, 'is not a JSON object');
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new ImportRowError(line, 'is not a JSON object');
      }
      const object = new Map(Object.entries(value).map(([k, v]) => [fold(k), v]));
      for (const key of object.keys()) {
        if (!byName.has(key)) throw new ImportRowError(line, `unknown field "${key}"`);
      }
      const fieldKey = new Map([...byName].map(([k, f]) => [f, k]));
      await put(toRow(line, (field) => object.get(fieldKey.get(field)!)));
      rows += 1;
      report();
    }
    request.onProgress?.({ rows, read });
    return rows;
  }

  // CSV: records are collected by the synchronous reader and written out between chunks.
  let columns: (Field | undefined)[] | undefined;
  let failure: unknown;
  let pending: StageRow[] = [];
  const reader = new CsvRecordReader(',', (record, line, problem) => {
    if (failure) return;
    try {
      if (problem) throw new ImportRowError(line, problem);
      if (!columns) {
        const names = record.toArray().map((n, i) => (i === 0 ? n.replace(/^\uFEFF/, '') : n));
        columns = names.map((name) => {
          const field = byName.get(fold(name));
          if (!field && name.trim() !== '') {
            throw new ImportRowError(line, `unknown column "${name}"`);
          }
          return field;
        });
        for (const column of spec.required) {
          const field = Object.values(spec.fields).find((f) => f.column === column)!;
          if (!columns.includes(field)) {
            throw new ImportRowError(line, `the header has no ${fieldNames.get(column)} column`);
          }
        }
        return;
      }
      if (record.isBlank()) return;
      if (record.length > columns.length) {
        throw new ImportRowError(line, `has ${record.length} cells, the header ${columns.length}`);
      }
      const cells = new Map<Field, string>();
      columns.forEach((field, i) => field && cells.set(field, record.field(i)));
      pending.push(toRow(line, (field) => cells.get(field)));
    } catch (error) {
      failure = error;
      reader.stop();
    }
  });
  const drain = async () => {
    const ready = pending;
    pending = [];
    for (const row of ready) {
      await put(row);
      rows += 1;
    }
    report();
  };
  for await (const chunk of input) {
    read += Buffer.byteLength(chunk as string);
    reader.push(chunk as string);
    if (failure) break;
    await drain();
  }
  if (!failure) reader.end();
  if (failure) throw failure;
  await drain();
  if (!columns) throw new ImportRowError(1, 'the file is empty: a header row comes first');
  request.onProgress?.({ rows, read });
  return rows;
}

/** Staged rows into the store, statistics recomputed: the last step of the one transaction. */
async function merge(
  tx: Queryable,
  request: ImportRequest,
  spec: Spec,
  rows: number,
): Promise<ImportResult> {
  const { storeId, kind } = request;
  const [twice] = await tx.query<{ line: number; id: string }>(
    `SELECT line, id FROM (SELECT line, id, row_number() OVER (PARTITION BY id ORDER BY line) AS n
                             FROM import_stage) AS s
      WHERE n = 2 ORDER BY line LIMIT 1`,
  );
  if (twice) {
    throw new ImportRowError(twice.line, `the id "${twice.id}" is already on an earlier line`);
  }
  const table = kind === 'customers' ? 'customers' : 'orders';
  const [{ n: before }] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE store_id = $1`,
    [storeId],
  );
  if (kind === 'customers') {
    const columns = spec.columns.filter((c) => c !== 'line');
    await tx.query(
      `INSERT INTO customers (store_id, ${columns.join(', ')})
       SELECT $1, ${columns.join(', ')} FROM import_stage
       ON CONFLICT (store_id, id) DO UPDATE SET
         ${columns
           .filter((c) => c !== 'id')
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
      [storeId],
    );
    await matchWaitingMembers(tx, storeId);
    await recountCustomers(tx, storeId);
  } else {
    const [orphan] = await tx.query<{ line: number; customer_id: string }>(
      `SELECT s.line, s.customer_id FROM import_stage s
        WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.store_id = $1 AND c.id = s.customer_id)
        ORDER BY s.line LIMIT 1`,
      [storeId],
    );
    if (orphan) {
      throw new ImportRowError(
        orphan.line,
        `the store has no customer "${orphan.customer_id}" (import the customers first)`,
      );
    }
    await tx.query(
      `INSERT INTO orders (store_id, id, customer_id, total, placed_at)
       SELECT $1, id, customer_id, total, placed_at FROM import_stage
       ON CONFLICT (store_id, id) DO UPDATE SET customer_id = excluded.customer_id,
         total = excluded.total, placed_at = excluded.placed_at`,
      [storeId],
    );
    await refreshOrderStats(tx, storeId);
  }
  await touchStore(tx, storeId);
  const [{ n: after }] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE store_id = $1`,
    [storeId],
  );
  return { rows, added: after - before, storeTotal: after };
}

async function storeCountry(tx: Queryable, storeId: string): Promise<string> {
  const [store] = await tx.query<{ default_country: string }>(
    'SELECT default_country FROM stores WHERE store_id = $1',
    [storeId],
  );
  if (!store) throw new SegmentError('not-found', `There is no store "${storeId}".`);
  return store.default_country;
}

/** One row of COPY's CSV format: NULL unquoted and empty, every value quoted. */
function copyLine(values: StageRow[string][]): string {
  return (
    values
      .map((value) => {
        if (value === null || value === undefined) return '';
        const s = Array.isArray(value)
          ? `{${value.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
          : String(value);
        return `"${s.replaceAll('"', '""')}"`;
      })
      .join(',') + '\n'
  );
}
