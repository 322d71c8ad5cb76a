/**
 * Accepted rows packed for the trip from the CSV worker to the page: line numbers in an
 * Int32Array and every phone and email, each followed by a line feed (nothing before it when the
 * row has none), as UTF-8 bytes — two buffers transferred, not copied. Joining a batch's values
 * into strings and cloning those into the message cost the worker about a tenth of a million-row
 * import; writing the (almost always ASCII) characters into bytes as rows arrive costs little.
 * Neither an E.164 phone nor a checked email can hold a line feed.
 */
import type { CsvAcceptedRow } from '../model.ts';
import { LF } from '../char-codes.ts';

/** One batch as it crosses to the page. */
export interface AcceptedBatch {
  lines: Int32Array;
  /** For each row: its phone, LF, its email, LF, in UTF-8. */
  values: Uint8Array;
}

/** Collects accepted rows in the worker, reusing its buffers from batch to batch. */
export class AcceptedPacker {
  private lines = new Int32Array(1 << 12);
  private bytes = new Uint8Array(1 << 17);
  private count = 0;
  private used = 0;
  private readonly encoder = new TextEncoder();

  get size(): number {
    return this.count;
  }

  add(line: number, phone: string | undefined, email: string | undefined): void {
    if (this.count === this.lines.length) this.lines = grown(this.lines, this.count * 2);
    this.lines[this.count++] = line;
    this.write(phone ?? '');
    this.write(email ?? '');
  }

  /** The rows added since the last take, as copies sized to fit (so they can be transferred). */
  take(): AcceptedBatch {
    const batch = {
      lines: this.lines.slice(0, this.count),
      values: this.bytes.slice(0, this.used),
    };
    this.clear();
    return batch;
  }

  clear(): void {
    this.count = 0;
    this.used = 0;
  }

  /** `text` and a line feed. ASCII byte by byte: far cheaper than a call per value. */
  private write(text: string): void {
    const length = text.length;
    // At most three UTF-8 bytes per UTF-16 unit, and the line feed.
    if (this.used + length * 3 + 1 > this.bytes.length)
      this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, this.used + length * 3 + 1));
    const bytes = this.bytes;
    const at = this.used;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.used = at + this.encoder.encodeInto(text, bytes.subarray(at)).written;
        bytes[this.used++] = LF;
        return;
      }
      bytes[at + i] = c;
    }
    bytes[at + length] = LF;
    this.used = at + length + 1;
  }
}

/** Appends a batch's rows to `rows`, as the report has them ({ line, phone?, email? }). */
export function unpackAccepted(batch: AcceptedBatch, rows: CsvAcceptedRow[]): void {
  const text = decoder.decode(batch.values);
  const { lines } = batch;
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const phoneEnd = text.indexOf('\n', at);
    const emailEnd = text.indexOf('\n', phoneEnd + 1);
    const row: CsvAcceptedRow = { line: lines[i] };
    if (phoneEnd > at) row.phone = text.slice(at, phoneEnd);
    if (emailEnd > phoneEnd + 1) row.email = text.slice(phoneEnd + 1, emailEnd);
    rows.push(row);
    at = emailEnd + 1;
  }
}

const decoder = new TextDecoder();

function grown<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
