/**
 * `peekCustomerCsv`: the header, delimiter, encoding and first rows of a CSV file from its first
 * 64 KiB, so a mapper can show them the moment a file is chosen, before the full import. A header
 * row longer than that is read on (up to 4 MB); past that the peek says so with the issue
 * `header-too-long` rather than answering no headers without a word.
 */
import type { CsvFileIssue } from '../model.ts';
import {
  decodeSample,
  detectBinary,
  detectBinaryText,
  readPrefix,
  type CsvEncoding,
} from './decode.ts';
import { detectDelimiter, toDelimiter } from './dialect.ts';
import { looksLikeData, matchColumns, resolveColumns } from './headers.ts';
import { binaryIssue, emptyIssue, noHeaderIssue, noRowsIssue } from './parse.ts';
import { CsvRecordReader } from './records.ts';
import { checkInput, checkPeekOptions, throwIfAborted, type CheckedInput } from './input.ts';
import type { CsvInput, CsvPeek, CsvPeekOptions } from './types.ts';
import { papaLibrary } from './papa.ts';

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
  options: CsvPeekOptions & { signal?: AbortSignal } = {},
): Promise<CsvPeek> {
  const source = checkInput(input);
  const checked = checkPeekOptions(options);
  const { signal } = checked;
  throwIfAborted(signal);
  await papaLibrary.load();
  const previewRows = checked.previewRows ?? 5;
  // A header longer than the sample is read on, a bigger sample at a time, up to a limit.
  for (let sampleSize = PEEK_BYTES; ; sampleSize *= 4) {
    const sample = await readSample(source, sampleSize, signal);
    throwIfAborted(signal);
    const peek = peekSample(sample, checked.delimiter, previewRows);
    if (peek || sampleSize >= MAX_PEEK_BYTES) {
      return (
        peek ?? {
          headers: [],
          delimiter: toDelimiter(checked.delimiter) ?? ',',
          encoding: sample.encoding,
          preview: [],
          suggested: {},
          issues: [headerTooLongIssue],
        }
      );
    }
  }
}

/** The longest sample read when the header row does not end in the first one. */
export const MAX_PEEK_BYTES = 4 * 1024 * 1024;

export const headerTooLongIssue: CsvFileIssue = {
  code: 'header-too-long',
  message:
    'The first row of the file runs on for more than 4 MB without ending, so it is not a header row of column names. Check that the file is a CSV export with one customer per line.',
};

interface Sample {
  text: string;
  encoding: CsvEncoding;
  /** The sample is the whole file. */
  complete: boolean;
  binary: ReturnType<typeof detectBinary>;
}

async function readSample(
  input: CheckedInput,
  size: number,
  signal: AbortSignal | undefined,
): Promise<Sample> {
  if (input.kind === 'text') {
    const text = input.text.slice(0, size).replace(/^\uFEFF/, '');
    return {
      text,
      encoding: 'text',
      complete: input.text.length <= size,
      binary: detectBinaryText(text),
    };
  }
  const total = input.kind === 'bytes' ? input.bytes.length : input.size;
  const bytes =
    input.kind === 'bytes'
      ? input.bytes.subarray(0, size)
      : await readPrefix(input.blob, input.size, size, signal);
  const { text, encoding } = decodeSample(bytes);
  return {
    text,
    encoding,
    complete: total <= size,
    binary: detectBinary(bytes.subarray(0, 4096), encoding),
  };
}

/** What the sample says, or undefined when no header row ends in it and the file goes on. */
function peekSample(
  { text, encoding, complete, binary }: Sample,
  delimiter: string | undefined,
  previewRows: number,
): CsvPeek | undefined {
  const peek: CsvPeek = {
    headers: [],
    delimiter: toDelimiter(delimiter) ?? ',',
    encoding,
    preview: [],
    suggested: {},
    issues: [],
  };
  if (binary) return { ...peek, issues: [binaryIssue(binary)] };
  peek.delimiter = toDelimiter(delimiter) ?? detectDelimiter(text, complete);

  let header: string[] | undefined;
  let dataRowSeen = false;
  const reader = new CsvRecordReader(peek.delimiter, (record) => {
    if (record.isBlank()) return;
    if (!header) header = record.toArray().map((cell) => cell.trim());
    else {
      dataRowSeen = true;
      if (peek.preview.length < previewRows) peek.preview.push(record.toArray());
    }
    if (dataRowSeen && peek.preview.length >= previewRows) reader.stop();
  });
  reader.push(text);
  if (complete) reader.end();

  if (!header) return complete ? { ...peek, issues: [emptyIssue] } : undefined;
  peek.headers = header;
  peek.suggested = matchColumns(header);
  if (complete && !dataRowSeen) return { ...peek, issues: [noRowsIssue] };
  const { issues } = resolveColumns(header, {});
  peek.issues = issues.length && looksLikeData(header) ? [noHeaderIssue] : issues;
  return peek;
}
