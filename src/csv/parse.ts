/**
 * `parseCustomerCsv`: a customer CSV file to a `CsvReport`, streaming chunk by chunk on the
 * current thread (Node, a worker, or a page that can afford it).
 */
import type { CsvAcceptedRow, CsvFileIssue, CsvRejectedRow, CsvReport } from '../model.ts';
import {
  EncodingRestart,
  TextSource,
  detectBinary,
  detectBinaryText,
  type BinaryKind,
} from './decode.ts';
import { detectDelimiter, toDelimiter } from './dialect.ts';
import { looksLikeData, resolveColumns } from './headers.ts';
import { CsvRecordReader, type CsvRecord } from './records.ts';
import { CustomerRows, type RowSink } from './rows.ts';
import {
  checkInput,
  checkParseOptions,
  throwIfAborted,
  type CheckedInput,
  type CheckedParseOptions,
} from './input.ts';
import type { CsvInput, CsvParseOptions } from './types.ts';
import { papaLibrary } from './papa.ts';
import { phoneLibrary } from '../phone.ts';

/**
 * Reads a customer CSV and reports every data row as accepted, rejected (with its line and
 * reason) or duplicate, plus file-level issues (empty or binary file, no data rows, missing,
 * unknown, ambiguous or space-containing mapped columns). When there is a file-level issue no
 * row is classified (`rows` is 0). `rows` counts data rows: lines that are blank or hold only
 * delimiters and whitespace are not rows. Text input reports the encoding 'text' and measures
 * progress in characters.
 *
 * Reads a File or Blob (also another realm's, or any object with `size` and `stream`, `slice` or
 * `arrayBuffer`), an ArrayBuffer, typed array or DataView, or text. Any other input or option
 * is refused at once with `SegmentError('invalid')`. Rejects with the signal's reason when
 * aborted, and with `SegmentError('unavailable')` when a file cannot be read.
 */
export async function parseCustomerCsv(
  input: CsvInput,
  options: CsvParseOptions = {},
): Promise<CsvReport> {
  let accepted: CsvAcceptedRow[] = [];
  let rejected: CsvRejectedRow[] = [];
  const summary = await importCustomerCsv(input, options, {
    accept: (line, phone, email) => {
      const row: CsvAcceptedRow = { line };
      if (phone !== undefined) row.phone = phone;
      // A copy, so the report does not keep each chunk of file text alive through a slice.
      if (email !== undefined) row.email = flatCopy(email);
      accepted.push(row);
    },
    reject: (row) => rejected.push(row),
    reset: () => {
      accepted = [];
      rejected = [];
    },
  });
  return { ...summary, accepted, rejected };
}

/** The report without its rows, which went to the sink. */
export type CsvSummary = Omit<CsvReport, 'accepted' | 'rejected'>;

/** A sink that can be told to forget what it got, when the file is read again from the start. */
export interface RestartableSink extends RowSink {
  reset(): void;
}

/**
 * The streaming core of `parseCustomerCsv`: rows go to `sink` as they are classified. A file that
 * turns out not to be UTF-8 after non-ASCII text is read again as Windows-1252: the sink is reset
 * and progress starts over.
 */
export async function importCustomerCsv(
  input: CsvInput,
  options: CsvParseOptions,
  sink: RestartableSink,
): Promise<CsvSummary> {
  const checkedInput = checkInput(input);
  const checked = checkParseOptions(options);
  // Reading a customer file parses phones: both libraries load now (at once in the worker).
  await Promise.all([papaLibrary.load(), phoneLibrary.load()]);
  try {
    return await readOnce(checkedInput, checked, sink);
  } catch (error) {
    if (!(error instanceof EncodingRestart)) throw error;
    sink.reset();
    return readOnce(checkedInput, { ...checked, encoding: 'windows-1252' }, sink);
  }
}

async function readOnce(
  input: CheckedInput,
  options: CheckedParseOptions,
  sink: RowSink,
): Promise<CsvSummary> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const source = new TextSource(input, options.encoding, signal);
  const summary: CsvSummary = {
    headers: [],
    delimiter: toDelimiter(options.delimiter) ?? ',',
    encoding: source.encoding,
    rows: 0,
    duplicates: 0,
    issues: [],
  };
  const binary =
    input.kind === 'text'
      ? detectBinaryText(input.text)
      : detectBinary(await source.head(), source.encoding);
  if (binary) return { ...summary, issues: [binaryIssue(binary)] };

  let customers: CustomerRows | undefined;
  let reader: CsvRecordReader | undefined;
  let dataRowSeen = false;
  let reserved = false;
  const onRecord = (record: CsvRecord, line: number, problem?: string) => {
    if (record.isBlank()) return;
    if (!customers && summary.headers.length === 0) {
      summary.headers = record.toArray().map((cell) => cell.trim());
      const resolved = resolveColumns(summary.headers, options);
      summary.issues = resolved.issues;
      if (resolved.phoneColumn !== undefined) summary.phoneColumn = resolved.phoneColumn;
      if (resolved.emailColumn !== undefined) summary.emailColumn = resolved.emailColumn;
      if (resolved.issues.length && looksLikeData(summary.headers))
        summary.issues = [noHeaderIssue];
      if (!summary.issues.length) {
        const country = options.defaultCountry ?? 'IN';
        customers = new CustomerRows(resolved.phoneIndex, resolved.emailIndex, country, sink);
      }
      return;
    }
    dataRowSeen = true;
    if (customers) customers.add(record, line, problem);
    else reader!.stop();
  };

  try {
    for (let chunk = await source.next(); chunk; chunk = await source.next()) {
      throwIfAborted(signal);
      if (!reader) {
        summary.delimiter =
          toDelimiter(options.delimiter) ??
          detectDelimiter(chunk.text, chunk.bytes >= source.totalBytes);
        reader = new CsvRecordReader(summary.delimiter, onRecord);
      }
      reader.push(chunk.text);
      if (chunk.bytes >= source.totalBytes) reader.end();
      else if (customers && !reserved) {
        // The first chunk shows how long rows are, hence about how many the file holds.
        reserved = true;
        customers.reserve(Math.ceil((customers.rows * source.totalBytes) / chunk.bytes));
      }
      onProgress?.({
        rows: customers?.rows ?? 0,
        bytes: chunk.bytes,
        totalBytes: source.totalBytes,
      });
      if (!customers && dataRowSeen) break;
    }
  } finally {
    // Stops reading the rest of a Blob when the import is aborted or stopped early.
    source.close();
  }
  throwIfAborted(signal);
  summary.encoding = source.encoding;
  if (summary.headers.length === 0) return { ...summary, issues: [emptyIssue] };
  if (!dataRowSeen) return { ...summary, issues: [noRowsIssue] };
  return { ...summary, rows: customers?.rows ?? 0, duplicates: customers?.duplicates ?? 0 };
}

/** A string that shares no memory with the (large) text it was sliced from. */
function flatCopy(text: string): string {
  return (' ' + text).slice(1);
}

export function binaryIssue(kind: BinaryKind): CsvFileIssue {
  if (kind === 'utf-32') {
    return {
      code: 'unsupported-encoding',
      params: { encoding: 'UTF-32' },
      message:
        'This file is saved as UTF-32, which cannot be read. Save it as "CSV UTF-8" and upload that file.',
    };
  }
  return kind === 'workbook'
    ? {
        code: 'binary-file',
        params: { kind: 'workbook' },
        message:
          'This is a spreadsheet workbook or a ZIP archive, not a CSV file. Open it in Excel or Google Sheets and save or download it as CSV (or unzip it), then upload that file.',
      }
    : {
        code: 'binary-file',
        params: { kind: 'binary' },
        message:
          'This file is not text, so it cannot be a CSV file. Choose the CSV export of your customer list.',
      };
}

export const emptyIssue: CsvFileIssue = {
  code: 'empty-file',
  message: 'The file is empty. Choose a CSV file with a header row and one customer per line.',
};

export const noRowsIssue: CsvFileIssue = {
  code: 'no-rows',
  message: 'The file has a header row but no customer rows below it.',
};

export const noHeaderIssue: CsvFileIssue = {
  code: 'missing-header',
  message:
    'The first row holds customer data, not column names. Add a header row (for example "name,phone,email") at the top of the file.',
};
