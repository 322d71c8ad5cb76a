/**
 * `peekCustomerCsv`: the header, delimiter, encoding and first rows of a CSV file from its first
 * 64 KiB, so a mapper can show them the moment a file is chosen, before the full import.
 */
import { decodeSample, detectBinary, detectBinaryText, type CsvEncoding } from './decode.ts';
import { detectDelimiter, toDelimiter } from './dialect.ts';
import { looksLikeData, matchColumns, resolveColumns } from './headers.ts';
import { binaryIssue, emptyIssue, noHeaderIssue, noRowsIssue } from './parse.ts';
import { CsvRecordReader } from './records.ts';
import type { CsvInput, CsvPeek, CsvPeekOptions } from './types.ts';

/** Bytes read from the start of the file. */
export const PEEK_BYTES = 64 * 1024;

/**
 * What the start of a file says: headers (trimmed), delimiter (detected unless given), encoding,
 * the first `previewRows` (5) data rows, the columns `matchColumns` suggests, and the file-level
 * issues visible so far. The encoding is judged from the sample, so a file whose first
 * non-UTF-8 byte lies past it peeks as UTF-8 and imports as Windows-1252.
 */
export async function peekCustomerCsv(
  input: CsvInput,
  options: CsvPeekOptions = {},
): Promise<CsvPeek> {
  const previewRows = options.previewRows ?? 5;
  let text: string;
  let encoding: CsvEncoding;
  let complete: boolean;
  let binary: ReturnType<typeof detectBinary>;
  if (typeof input === 'string') {
    text = input.slice(0, PEEK_BYTES).replace(/^\uFEFF/, '');
    encoding = 'text';
    complete = input.length <= PEEK_BYTES;
    binary = detectBinaryText(text);
  } else {
    const size = input instanceof Blob ? input.size : input.byteLength;
    const bytes =
      input instanceof Blob
        ? new Uint8Array(await input.slice(0, PEEK_BYTES).arrayBuffer())
        : new Uint8Array(input, 0, Math.min(PEEK_BYTES, size));
    ({ text, encoding } = decodeSample(bytes));
    complete = size <= PEEK_BYTES;
    binary = detectBinary(bytes.subarray(0, 4096), encoding);
  }
  const peek: CsvPeek = {
    headers: [],
    delimiter: toDelimiter(options.delimiter) ?? ',',
    encoding,
    preview: [],
    suggested: {},
    issues: [],
  };
  if (binary) return { ...peek, issues: [binaryIssue(binary)] };
  peek.delimiter = toDelimiter(options.delimiter) ?? detectDelimiter(text, complete);

  let header: string[] | undefined;
  const reader = new CsvRecordReader(peek.delimiter, (record) => {
    if (record.isBlank()) return;
    if (!header) header = record.toArray().map((cell) => cell.trim());
    else peek.preview.push(record.toArray());
    if (peek.preview.length >= previewRows) reader.stop();
  });
  reader.push(text);
  if (complete) reader.end();

  if (!header) return { ...peek, issues: complete ? [emptyIssue] : [] };
  peek.headers = header;
  peek.suggested = matchColumns(header);
  if (complete && peek.preview.length === 0) return { ...peek, issues: [noRowsIssue] };
  const { issues } = resolveColumns(header, {});
  peek.issues = issues.length && looksLikeData(header) ? [noHeaderIssue] : issues;
  return peek;
}
