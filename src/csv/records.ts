/**
 * CSV text to records (RFC 4180, leniently): fed chunk by chunk, it hands out each record with the
 * 1-based line where it starts, so quoted fields with line breaks keep later line numbers right.
 * A record is a view that makes a cell's string only when asked: an import reads two cells of
 * most rows, and a million rows of unused strings would cost more than the parsing itself.
 */
import { CR, LF, QUOTE } from '../char-codes.ts';

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

export class CsvRecordReader implements CsvRecord {
  length = 0;
  /** Text of a record cut off at the end of the previous chunk. */
  private pending = '';
  /** Line of the next character to read. */
  private line = 1;
  private stopped = false;
  private readonly delimiter: number;
  private text = '';
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  /** Unescaped values of quoted cells; unquoted cells are sliced from `text` on demand. */
  private quoted: (string | undefined)[] = [];
  private hasQuoted = false;

  constructor(
    delimiter: string,
    private readonly onRecord: RecordHandler,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Reads every complete record in `text` (plus what was left over from the last chunk). */
  push(text: string): void {
    this.read(this.pending ? this.pending + text : text, false);
  }

  /** Reads what is left; a record without a final line break ends here. */
  end(): void {
    this.read(this.pending, true);
    this.pending = '';
  }

  /** Stops handing out records (the caller has seen enough). */
  stop(): void {
    this.stopped = true;
  }

  field(index: number): string {
    if (index >= this.length || index < 0) return '';
    return this.quoted[index] ?? this.text.slice(this.starts[index], this.ends[index]);
  }

  isBlank(): boolean {
    for (let i = 0; i < this.length; i++) {
      const value = this.quoted[i];
      if (
        value !== undefined
          ? value.trim() !== ''
          : !isBlankRange(this.text, this.starts[i], this.ends[i])
      )
        return false;
    }
    return true;
  }

  toArray(): string[] {
    const values: string[] = [];
    for (let i = 0; i < this.length; i++) values.push(this.field(i));
    return values;
  }

  private read(text: string, final: boolean): void {
    this.text = text;
    const n = text.length;
    const delimiter = this.delimiter;
    const delimiterText = String.fromCharCode(delimiter);
    // indexOf finds separators many times faster than a loop over characters, but only when
    // every CR is part of a CRLF; text with old Mac line ends (lone CR) is read char by char.
    // Most files have no CR at all, and indexOf answers that far faster than the regex.
    const byIndexOf = text.indexOf('\r') < 0 || !LONE_CR.test(text);
    let nextDelimiter = -1;
    let nextLineFeed = -1;
    let i = 0;
    while (i < n && !this.stopped) {
      const start = i;
      const startLine = this.line;
      let line = this.line;
      let count = 0;
      let complete = false;
      if (this.hasQuoted) {
        this.quoted = [];
        this.hasQuoted = false;
      }
      let problem: string | undefined;
      for (;;) {
        if (count === this.starts.length) this.grow();
        if (text.charCodeAt(i) === QUOTE) {
          const quoted = readQuoted(text, i + 1, final);
          if (!quoted) break;
          line += quoted.lineBreaks;
          let value = quoted.value;
          i = quoted.next;
          if (quoted.unclosed) {
            problem = `a quote opened on line ${startLine} is never closed, so the rest of the file was read as one value`;
          } else {
            // Text after the closing quote is kept as written ("ab"c → abc), as spreadsheets do.
            const tail = i;
            while (i < n && !isFieldEnd(text.charCodeAt(i), delimiter)) i++;
            if (i > tail) value += text.slice(tail, i);
          }
          this.quoted[count] = value;
          this.hasQuoted = true;
          count++;
        } else {
          this.starts[count] = i;
          if (byIndexOf) {
            if (nextDelimiter < i) {
              nextDelimiter = text.indexOf(delimiterText, i);
              if (nextDelimiter < 0) nextDelimiter = n;
            }
            if (nextLineFeed < i) {
              nextLineFeed = text.indexOf('\n', i);
              if (nextLineFeed < 0) nextLineFeed = n;
            }
            i = nextDelimiter < nextLineFeed ? nextDelimiter : nextLineFeed;
            if (i === nextLineFeed && i > this.starts[count] && text.charCodeAt(i - 1) === CR) i--;
          } else {
            while (i < n && !isFieldEnd(text.charCodeAt(i), delimiter)) i++;
          }
          this.ends[count] = i;
          count++;
        }
        if (i >= n) {
          complete = final;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i++;
          if (i >= n && final) {
            if (count === this.starts.length) this.grow();
            this.starts[count] = this.ends[count] = i;
            count++;
            complete = true;
            break;
          }
          continue;
        }
        if (c === CR) {
          // A CR at the very end of a chunk may be the first half of a CRLF.
          if (i + 1 >= n && !final) break;
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        complete = true;
        break;
      }
      if (!complete) {
        this.pending = text.slice(start);
        return;
      }
      this.line = line;
      this.length = count;
      this.onRecord(this, startLine, problem);
    }
    this.pending = '';
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

const LONE_CR = /\r(?!\n)/;

const isFieldEnd = (c: number, delimiter: number) => c === delimiter || c === LF || c === CR;

function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    // Other Unicode spaces are rare: let trim() decide what counts as one.
    return c < 128 ? false : text.slice(start, end).trim() === '';
  }
  return true;
}

/**
 * A quoted value starting after its opening quote; undefined when the chunk ends inside it and
 * more text may follow.
 */
function readQuoted(
  text: string,
  from: number,
  final: boolean,
): { value: string; next: number; lineBreaks: number; unclosed: boolean } | undefined {
  let value = '';
  let i = from;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) {
      if (!final) return undefined;
      value += text.slice(i);
      return { value, next: text.length, lineBreaks: countLineBreaks(value), unclosed: true };
    }
    // A quote at the very end of a chunk may be the first half of an escaped "".
    if (close === text.length - 1 && !final) return undefined;
    value += text.slice(i, close);
    if (text.charCodeAt(close + 1) === QUOTE) {
      value += '"';
      i = close + 2;
      continue;
    }
    return { value, next: close + 1, lineBreaks: countLineBreaks(value), unclosed: false };
  }
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) count++;
  // A lone CR (old Mac line ending) is a line break too; CRLF was counted once above.
  for (let i = value.indexOf('\r'); i >= 0; i = value.indexOf('\r', i + 1))
    if (value.charCodeAt(i + 1) !== LF) count++;
  return count;
}
