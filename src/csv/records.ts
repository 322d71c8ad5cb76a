/**
 * CSV text to records, tokenised by papaparse's core parser: fed chunk by chunk, it hands out each
 * record with the 1-based line where it starts, so quoted fields with line breaks keep later line
 * numbers right. Each chunk is parsed up to its last complete record (papaparse's ignoreLastRow,
 * as its own streamers do) and the rest waits for the next chunk. papaparse splits records on one
 * kind of line end only, so lone CRs (old Mac files, or mixed with LF) are turned into LF before
 * parsing and turned back inside quoted values afterwards; CR of CRLF is dropped from last cells.
 * Runs of rows without quotes are parsed on their own, as papaparse splits those far faster.
 * A record is a view over papaparse's row, valid only during the handler call.
 *
 * Reading stays linear in the text's length whatever its shape. A record cut off at the end of a
 * chunk is not parsed again with every chunk that follows (one 80 MB line took 79 s that way):
 * text without a line break cannot end it, so such chunks are only collected, and after a parse
 * that ended no record the next one waits until the unread text has doubled, so a record spread
 * over many chunks costs at most about twice its length in parsing however it is cut.
 */
import type Papa from 'papaparse';
import type { ParseError, ParseResult } from 'papaparse';
import { CR, LF } from '../char-codes.ts';
import { papaLibrary } from './papa.ts';

/** One record, valid only during the handler call it is passed to. */
export interface CsvRecord {
  readonly length: number;
  /** The cell at `index` ('' past the end of a short row). */
  field(index: number): string;
  /** Whether every cell is empty or whitespace. */
  isBlank(): boolean;
  toArray(): string[];
}

/** Receives one record; `problem` is set when the record could not be read as written. */
export type RecordHandler = (record: CsvRecord, line: number, problem?: string) => void;

/**
 * Loads the tokenizer a CsvRecordReader needs (papaparse, loaded on demand). Await it once before
 * making a reader outside the package's own CSV entry points, e.g. in a server's import command.
 */
export async function loadCsvSupport(): Promise<void> {
  await papaLibrary.load();
}

/**
 * Reads CSV text given in chunks of any size, one record at a time, with the line each record
 * starts on; quoted fields may hold the delimiter and line breaks.
 */
export class CsvRecordReader implements CsvRecord {
  length = 0;
  /**
   * Characters handed to the tokenizer so far: what reading costs, for tests that prove it stays
   * proportional to the text's length.
   */
  scanned = 0;
  /** Text of a record cut off at the end of the previous chunk, and the chunks since. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** Parse again once this much text waits (a parse of the waiting text ended no record). */
  private retryAt = 0;
  /** Line where the next record starts. */
  private line = 1;
  private stopped = false;
  private readonly parser: Papa.Parser;
  private cells: string[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: RecordHandler,
  ) {
    // Loaded by the pipeline's entry points (parse.ts, peek.ts) before any reader is made.
    this.parser = new (papaLibrary.get().Parser)({ delimiter, quoteChar: '"', newline: '\n' });
  }

  /** Reads every complete record in `text` (plus what was left over from the last chunk). */
  push(text: string): void {
    if (this.stopped || text === '') return;
    if (this.pendingLength > 0 && this.retryAt === 0) {
      // Most chunks cut a record in two, and the line break that ends it is near the start of the
      // next chunk: finish that record on its own rather than join its start with the whole chunk
      // (a fresh copy of every chunk). When a quoted value runs on past that line break, its text
      // waits below as before, now with a retry threshold, so this is tried once per record.
      const lineFeed = text.indexOf('\n');
      if (lineFeed >= 0) {
        this.read(this.takePending() + text.slice(0, lineFeed + 1), false);
        text = text.slice(lineFeed + 1);
        if (text === '' || this.stopped) return;
      }
    }
    if (this.pendingLength > 0) {
      this.pending.push(text);
      this.pendingLength += text.length;
      // Only a line break ends a record (and a parse that ended none waits for twice the text).
      if (this.pendingLength < this.retryAt || !hasLineBreak(text)) return;
      text = this.takePending();
    }
    this.read(text, false);
  }

  /** Reads what is left; a record without a final line break ends here. */
  end(): void {
    this.read(this.takePending(), true);
  }

  /** Stops handing out records (the caller has seen enough). */
  stop(): void {
    this.stopped = true;
  }

  field(index: number): string {
    return index < this.length && index >= 0 ? this.cells[index] : '';
  }

  isBlank(): boolean {
    for (let i = 0; i < this.length; i++) if (!isBlankText(this.cells[i])) return false;
    return true;
  }

  toArray(): string[] {
    return this.cells.slice(0, this.length);
  }

  private takePending(): string {
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return text;
  }

  private read(text: string, final: boolean): void {
    if (this.stopped || text === '') return;
    // A CR at the very end of a chunk may be the first half of a CRLF: wait for the next chunk.
    const held = !final && text.charCodeAt(text.length - 1) === CR ? 1 : 0;
    let input = held ? text.slice(0, -1) : text;
    const hasCr = input.indexOf('\r') >= 0;
    // Same length, so offsets in `input` are offsets in `text` too.
    const loneCrs = hasCr && LONE_CR.test(input);
    if (loneCrs) input = input.replace(LONE_CRS, '\n');
    const chunk = { text, input, hasCr, loneCrs, lineFeedFrom: 0 };
    let at = 0;
    while (at < input.length && !this.stopped) {
      // papaparse splits quote-free text far faster than it scans quoted text, so runs of rows
      // without quotes go to it on their own.
      let end = segmentEnd(input, at);
      let result = this.parse(input, at, end, final);
      if (result.data.length === 0 && end < input.length) {
        // No row ended on the quote's line. With its quotes paired, no value runs on past the
        // line: it has text after a closing quote ("98765"43210), which papaparse would read on
        // to a later quote, swallowing the rows after it. Read that one line leniently instead.
        // Otherwise a quoted value holds the line break: read on to the end of the chunk.
        if (hasPairedQuotes(input, at, end)) {
          result = lenientLine(input, at, end, this.delimiter);
          this.scanned += end - at;
        } else result = this.parse(input, at, (end = input.length), final);
      }
      this.emit(result, at, chunk);
      at += result.meta.cursor;
      if (end === input.length) break;
    }
    if (!final && at < text.length) {
      const rest = at === 0 ? text : text.slice(at);
      this.pending = [rest];
      this.pendingLength = rest.length;
      // Nothing ended here: parsing the same text again is worth it only once it has doubled.
      this.retryAt = at === 0 ? 2 * rest.length : 0;
    }
    this.cells = [];
    this.length = 0;
  }

  /** Rows of input[at, end); the last one only if the file ends there. */
  private parse(input: string, at: number, end: number, final: boolean): ParseResult<string[]> {
    const last = final && end === input.length;
    const segment = at === 0 && end === input.length ? input : input.slice(at, end);
    this.scanned += segment.length;
    const result = this.parser.parse(segment, 0, !last) as ParseResult<string[]>;
    const rows = result.data;
    // papaparse ends a last line break with one more, empty row, which is not in the file.
    if (last && segment.charCodeAt(segment.length - 1) === LF && isLoneEmpty(rows[rows.length - 1]))
      rows.pop();
    if (last) result.meta.cursor = segment.length;
    return result;
  }

  private emit(result: ParseResult<string[]>, at: number, chunk: Chunk): void {
    const rows = result.data;
    const problems = result.errors.length ? problemsByRow(result.errors, rows.length) : undefined;
    const quote = chunk.input.indexOf('"', at);
    const hasQuotes = quote >= 0 && quote < at + result.meta.cursor;
    const { text, input, hasCr, loneCrs } = chunk;
    for (let r = 0; r < rows.length && !this.stopped; r++) {
      const cells = rows[r];
      const startLine = this.line;
      let lineBreaks = 1;
      if (hasCr) {
        // Every CR left in `input` is the first half of a CRLF, so one ending a cell ended the row.
        const last = cells.length - 1;
        const value = cells[last];
        if (value.charCodeAt(value.length - 1) === CR) cells[last] = value.slice(0, -1);
      }
      if (hasQuotes) {
        // Only quoted values hold line breaks; in `input` every one of them is an LF.
        for (let c = 0; c < cells.length; c++) {
          const count = countLineFeeds(cells[c]);
          if (count === 0) continue;
          lineBreaks += count;
          if (loneCrs)
            [cells[c], chunk.lineFeedFrom] = restoreLoneCrs(
              cells[c],
              text,
              input,
              chunk.lineFeedFrom,
            );
        }
      }
      if (loneCrs) chunk.lineFeedFrom = input.indexOf('\n', chunk.lineFeedFrom) + 1;
      this.line += lineBreaks;
      this.cells = cells;
      this.length = cells.length;
      const problem = problems?.get(r);
      this.onRecord(
        this,
        startLine,
        problem === undefined ? undefined : describeProblem(problem, startLine),
      );
    }
  }
}

/** A chunk being read: `input` is `text` with lone CRs made LFs. */
interface Chunk {
  text: string;
  input: string;
  hasCr: boolean;
  loneCrs: boolean;
  /** Where the search for the next LF of `input` resumes, to put lone CRs back in quoted values. */
  lineFeedFrom: number;
}

/**
 * Where the run of rows starting at `at` ends: before the line of the next quote, or (when that
 * line starts at `at`) after it, or at the end.
 */
function segmentEnd(input: string, at: number): number {
  const quote = input.indexOf('"', at);
  if (quote < 0) return input.length;
  const lineStart = input.lastIndexOf('\n', quote) + 1;
  if (lineStart > at) return lineStart;
  const lineFeed = input.indexOf('\n', quote);
  return lineFeed < 0 ? input.length : lineFeed + 1;
}

/** Whether input[at, end) holds an even number of quotes (escaped ones count twice). */
function hasPairedQuotes(input: string, at: number, end: number): boolean {
  let count = 0;
  for (let i = input.indexOf('"', at); i >= 0 && i < end; i = input.indexOf('"', i + 1)) count++;
  return count % 2 === 0;
}

/**
 * One line read as people meant it: quotes group text (a doubled quote is a quote) and text
 * after a closing quote joins the value ("98765"43210 is 9876543210).
 */
function lenientLine(
  input: string,
  at: number,
  end: number,
  delimiter: string,
): ParseResult<string[]> {
  const cells: string[] = [];
  let value = '';
  let quoted = false;
  const stop = input.charCodeAt(end - 1) === LF ? end - 1 : end;
  for (let i = at; i < stop; i++) {
    const c = input[i];
    if (c === '"') {
      if (quoted && input[i + 1] === '"') {
        value += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      cells.push(value);
      value = '';
    } else value += c;
  }
  cells.push(value);
  return { data: [cells], errors: [], meta: { cursor: end - at } } as unknown as ParseResult<
    string[]
  >;
}

/** Whether `text` holds an LF or a CR, one of which ends every record but the file's last. */
function hasLineBreak(text: string): boolean {
  return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
}

const LONE_CR = /\r(?!\n)/;
const LONE_CRS = /\r(?!\n)/g;

/** The worst papaparse error of each complete row: an unclosed quote outranks a malformed one. */
function problemsByRow(errors: ParseError[], rowCount: number): Map<number, ParseError['code']> {
  const problems = new Map<number, ParseError['code']>();
  for (const error of errors) {
    const row = error.row;
    // Errors on the cut-off last row come again when the rest of it arrives.
    if (row === undefined || row >= rowCount) continue;
    if (problems.get(row) !== 'MissingQuotes') problems.set(row, error.code);
  }
  return problems;
}

function describeProblem(code: ParseError['code'], line: number): string {
  return code === 'MissingQuotes'
    ? `a quote opened on line ${line} is never closed, so the rest of the file was read as one value`
    : `a quoted value on line ${line} has text right after its closing quote, so it was read on to a later quote`;
}

function isLoneEmpty(cells: string[] | undefined): boolean {
  return cells !== undefined && cells.length === 1 && cells[0] === '';
}

function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Space, tab and the line breaks a quoted value may hold, as trim() sees them.
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Other Unicode spaces are rare: let trim() decide what counts as one.
    return c < 128 ? false : text.trim() === '';
  }
  return true;
}

function countLineFeeds(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Puts back the lone CRs of `text` that became LFs in `input`: the value's LFs are, in order, the
 * next LFs of `input` from `from`, since outside quoted values an LF only ends a record.
 */
function restoreLoneCrs(
  value: string,
  text: string,
  input: string,
  from: number,
): [value: string, next: number] {
  let restored = '';
  let last = 0;
  let at = from;
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) {
    at = input.indexOf('\n', at);
    if (text.charCodeAt(at) === CR) {
      restored += value.slice(last, i) + '\r';
      last = i + 1;
    }
    at++;
  }
  return [last === 0 ? value : restored + value.slice(last), at];
}
