/**
 * The rejected rows of an import as a CSV file the seller can open, fix and upload again.
 */
import type { CsvReport } from '../model.ts';
import { FORMULA_START } from './rows.ts';

/**
 * Columns "line" and "reason", then the file's own columns (`headers`, the report's by default),
 * one row per rejected row; CRLF line ends and a UTF-8 BOM so Excel reads accents right.
 *
 * Formula injection: a cell whose first non-blank character is = + - @ (or their full-width
 * forms), a tab or a carriage return would run as a formula in Excel, LibreOffice or Google Sheets
 * — including phones like "+91-98765-43210", which Excel evaluates as arithmetic. Every such cell
 * gets a leading apostrophe ('+91-98765-43210): spreadsheets show it as text, a person still reads
 * the phone, and `parseCustomerCsv` drops that apostrophe again when the fixed file is uploaded.
 */
export function rejectedRowsToCsv(
  report: Pick<CsvReport, 'headers' | 'rejected'>,
  headers: readonly string[] = report.headers,
): string {
  const lines = [['line', 'reason', ...headers].map(toCell).join(',')];
  for (const row of report.rejected) {
    const values = headers.map((_, index) => row.values[index] ?? '');
    const extra = row.values.slice(headers.length);
    lines.push([String(row.line), row.reason, ...values, ...extra].map(toCell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** One cell: neutralised if it could start a formula, quoted if it holds a separator or quote. */
export function toCell(value: string): string {
  const safe = formulaUnsafe(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Whether a spreadsheet would run the cell as a formula (it then gets a leading apostrophe). */
export function formulaUnsafe(value: string): boolean {
  // A letter or digit first starts no formula: most cells of a large export skip the pattern.
  return !startsAlphanumeric(value) && FORMULA_START.test(value);
}

const NEEDS_QUOTES = /[",\r\n]/;

function startsAlphanumeric(value: string): boolean {
  const code = value.charCodeAt(0);
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) // a-z
  );
}
