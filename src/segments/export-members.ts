import type { AudienceQuery, SegmentAdapter } from '../adapter.ts';
import { CsvBytes } from '../csv/csv-bytes.ts';
import type { Customer } from '../model.ts';
import { breathe } from '../breathe.ts';
import { dayText } from './day-text.ts';

/**
 * Host flows that write a segment's members, or an audience, as a CSV file: page by page through
 * the adapter (200 a page, the most any adapter serves; the next one asked for while one is
 * written), each page written straight into UTF-8 bytes (CsvBytes), with a turn for the event
 * loop between pages, so a million members never freeze a page and never sit in memory as
 * strings. UTF-8 with a BOM (Excel reads accents right), CRLF line ends, and every cell that a
 * spreadsheet would run as a formula made safe with a leading apostrophe (as `rejectedRowsToCsv`
 * does). Runs in Node 20 as in the browser.
 */

/** The columns of a members file, in order. */
export const MEMBER_COLUMNS = [
  'name',
  'email',
  'phone',
  'city',
  'ordersCount',
  'totalSpent',
  'createdOn',
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

/** The columns of an audience file, in order. */
export const AUDIENCE_COLUMNS = ['customerId', 'phone', 'email'] as const;
export type AudienceColumn = (typeof AUDIENCE_COLUMNS)[number];

export interface ExportProgress {
  /** Rows written so far. */
  written: number;
  /** Rows the file will hold, as the adapter counts them. */
  total: number;
}

export interface ExportCsvOptions<Column extends string> {
  /** Called after every page. */
  onProgress?: (progress: ExportProgress) => void;
  /** Stops the export: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Header names in the page's language; English names by default. */
  headers?: Partial<Record<Column, string>>;
  /** Calendar days of `createdOn` in this IANA time zone; default 'UTC'. */
  timeZone?: string;
  /** Rows asked for a page, 1–200; default 200. */
  pageSize?: number;
}

const MEMBER_HEADERS: Record<MemberColumn, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  city: 'City',
  ordersCount: 'Orders',
  totalSpent: 'Total spent',
  createdOn: 'Created on',
};

const AUDIENCE_HEADERS: Record<AudienceColumn, string> = {
  customerId: 'Customer ID',
  phone: 'Phone',
  email: 'Email',
};

/**
 * Every member of the segment as a CSV Blob (`text/csv;charset=utf-8`): name, email, phone,
 * city, orders, total spent (in major units, two decimals: 123456 paise → 1234.56) and created
 * on (YYYY-MM-DD). Rejects with the adapter's SegmentError, or the signal's reason.
 */
export async function exportMembersCsv(
  adapter: SegmentAdapter,
  segmentId: string,
  options: ExportCsvOptions<MemberColumn> = {},
): Promise<Blob> {
  const day = dayText(options.timeZone ?? 'UTC');
  const headers = { ...MEMBER_HEADERS, ...options.headers };
  return writeCsv(
    MEMBER_COLUMNS.map((c) => headers[c]),
    (cursor, limit, signal) => adapter.listMembers(segmentId, { cursor, limit }, { signal }),
    (c: Customer, file) => {
      file.cell(c.name ?? '');
      file.cell(c.email ?? '');
      file.cell(c.phone ?? '');
      file.cell(c.city ?? '');
      file.cell(String(c.ordersCount));
      file.cell(money(c.totalSpent));
      file.cell(day(c.createdAt));
    },
    options,
  );
}

/** Every person of an audience (see `resolveAudience`) as a CSV Blob: customer id, phone, email. */
export async function exportAudienceCsv(
  adapter: SegmentAdapter,
  query: Omit<AudienceQuery, 'cursor' | 'limit'>,
  options: ExportCsvOptions<AudienceColumn> = {},
): Promise<Blob> {
  const headers = { ...AUDIENCE_HEADERS, ...options.headers };
  return writeCsv(
    AUDIENCE_COLUMNS.map((c) => headers[c]),
    (cursor, limit, signal) => adapter.resolveAudience({ ...query, cursor, limit }, { signal }),
    (m, file) => {
      file.cell(m.customerId ?? '');
      file.cell(m.phone ?? '');
      file.cell(m.email ?? '');
    },
    options,
  );
}

// ---- helpers ----

async function writeCsv<T>(
  header: readonly string[],
  page: (
    cursor: string | undefined,
    limit: number,
    signal: AbortSignal | undefined,
  ) => Promise<{ items: T[]; total: number; next?: string }>,
  row: (item: T, file: CsvBytes) => void,
  options: ExportCsvOptions<string>,
): Promise<Blob> {
  const { signal, onProgress } = options;
  const limit = options.pageSize ?? 200;
  signal?.throwIfAborted();
  const file = new CsvBytes();
  file.bom();
  for (const name of header) file.cell(name);
  file.endRow();
  let written = 0;
  let coming = page(undefined, limit, signal);
  for (;;) {
    const result = await coming;
    signal?.throwIfAborted();
    if (result.next) {
      // The next page is asked for before this one is written, so the adapter's wait (an
      // IndexedDB read, a request) overlaps the writing: a million rows are 5,000 pages.
      coming = page(result.next, limit, signal);
      // Awaited next turn; if this one throws first (an abort), its rejection is not unhandled.
      coming.catch(() => undefined);
    }
    for (const item of result.items) {
      row(item, file);
      file.endRow();
    }
    written += result.items.length;
    onProgress?.({ written, total: Math.max(result.total, written) });
    if (!result.next) break;
    await breathe();
    signal?.throwIfAborted();
  }
  return file.blob('text/csv;charset=utf-8');
}

/** Minor units as major units with two decimals, without float rounding. */
function money(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
