/**
 * Bytes to text for the CSV pipeline: reads the input in chunks, detects the encoding (BOM,
 * then UTF-8 validity with a Windows-1252 fallback) and notices files that are not text at all.
 */
import { SegmentError } from '../errors.ts';
import { breathe } from '../breathe.ts';
import {
  throwIfAborted,
  unlessAborted,
  unreadable,
  type BlobLike,
  type CheckedInput,
} from './input.ts';

/** Bytes read and decoded per step: big enough to be cheap, small enough for steady progress. */
export const CHUNK_BYTES = 1 << 19;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text';

export interface TextChunk {
  text: string;
  /** Input consumed so far (bytes; characters for text input). */
  bytes: number;
}

/** What the first bytes say about a file that is not CSV text. */
export type BinaryKind = 'workbook' | 'binary' | 'utf-32';

/**
 * Thrown (internally) when bytes that are not UTF-8 show up after non-ASCII text was already
 * decoded as UTF-8: the whole file must be read again as Windows-1252.
 */
export class EncodingRestart extends Error {
  constructor() {
    super('Not UTF-8: read again as Windows-1252');
  }
}

/**
 * A forward-only reader of the input as text. `encoding` can change from 'utf-8' to
 * 'windows-1252' while reading when the first invalid byte comes after pure ASCII (the text so far
 * reads the same either way); later than that, `next()` throws `EncodingRestart`.
 */
export class TextSource {
  readonly totalBytes: number;
  encoding: CsvEncoding;
  private offset = 0;
  private done = false;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private leftover: Uint8Array | undefined;
  /** The Blob's stream ended before `totalBytes` (the file changed while being read). */
  private ended = false;
  private decoder: ((bytes: Uint8Array, end: boolean) => string) | undefined;
  private asciiSoFar = true;
  /** Where the stream's parts are put together into one chunk; its bytes are decoded at once. */
  private scratch: Uint8Array | undefined;
  private readonly forced: boolean;
  /** A Blob-like with no stream() and no slice(): its bytes, read whole on the first chunk. */
  private whole: Uint8Array | undefined;
  /** The first chunk, when head() had to read it to see the first bytes. */
  private ahead: Uint8Array | undefined;

  constructor(
    private readonly input: CheckedInput,
    encoding?: string,
    private readonly signal?: AbortSignal,
  ) {
    this.totalBytes =
      input.kind === 'text'
        ? input.text.length
        : input.kind === 'bytes'
          ? input.bytes.length
          : input.size;
    this.forced = encoding !== undefined;
    this.encoding = input.kind === 'text' ? 'text' : encoding ? toEncoding(encoding) : 'utf-8';
  }

  /** The next chunk of text, or undefined at the end of the input. */
  async next(): Promise<TextChunk | undefined> {
    if (this.done) return undefined;
    const start = this.offset;
    const { input } = this;
    if (input.kind === 'text') {
      // In memory, so read without waiting on anything: let an abort in between.
      await breathe();
      throwIfAborted(this.signal);
      const end = Math.min(start + CHUNK_BYTES, this.totalBytes);
      this.offset = end;
      this.done = end >= this.totalBytes;
      const text = input.text.slice(start, end);
      return {
        text: start === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
        bytes: end,
      };
    }
    let bytes: Uint8Array;
    if (input.kind === 'bytes') {
      await breathe();
      throwIfAborted(this.signal);
      bytes = input.bytes.subarray(start, Math.min(start + CHUNK_BYTES, this.totalBytes));
    } else {
      bytes = this.ahead ?? (await this.readBlob(input.blob, start));
      this.ahead = undefined;
    }
    this.offset = start + bytes.length;
    this.done =
      this.offset >= this.totalBytes || (this.ended && !this.leftover) || bytes.length === 0;
    if (this.done) this.close();
    if (start === 0) bytes = this.chooseDecoder(bytes);
    return { text: this.decode(bytes, this.done), bytes: this.offset };
  }

  /** Stops reading a Blob before its end (the import was aborted or has seen enough). */
  close(): void {
    const reader = this.reader;
    this.reader = undefined;
    try {
      reader?.cancel().catch(() => {});
    } catch {
      // A host's stream that cannot be cancelled is simply left alone.
    }
  }

  /** The first bytes of the input, for binary-file detection; settles a BOM's encoding. */
  async head(length = 4096): Promise<Uint8Array> {
    const { input } = this;
    if (input.kind === 'text') return new Uint8Array(0);
    const end = Math.min(length, this.totalBytes);
    let head: Uint8Array;
    if (input.kind === 'bytes') head = input.bytes.subarray(0, end);
    else if (typeof input.blob.slice === 'function')
      head = await readSlice(input.blob, 0, end, this.signal);
    else {
      // Only a stream or the whole buffer to read from: the first chunk is read now and kept.
      this.ahead = await this.readBlob(input.blob, 0);
      head = this.ahead.subarray(0, end);
    }
    const bom = detectBom(head);
    if (bom && !this.forced) this.encoding = bom.encoding;
    return head;
  }

  /** The next chunk of a Blob-like's bytes, undecoded (empty at its end). */
  async readBytes(): Promise<Uint8Array> {
    const { input } = this;
    if (input.kind !== 'blob' || this.done) return new Uint8Array(0);
    const bytes = await this.readBlob(input.blob, this.offset);
    this.offset += bytes.length;
    this.done = this.offset >= this.totalBytes || (this.ended && !this.leftover) || !bytes.length;
    return bytes;
  }

  private async readBlob(blob: BlobLike, start: number): Promise<Uint8Array> {
    if (typeof blob.stream === 'function') return this.readStream(blob);
    if (typeof blob.slice === 'function')
      return readSlice(blob, start, Math.min(start + CHUNK_BYTES, this.totalBytes), this.signal);
    this.whole ??= await readAll(blob, this.signal);
    return this.whole.subarray(start, Math.min(start + CHUNK_BYTES, this.whole.length));
  }

  /**
   * At least CHUNK_BYTES more of a Blob (less at its end), from its stream: in Chromium streaming
   * 70 MB took 89 ms where 512 KiB slice().arrayBuffer() reads took 327 ms.
   */
  private async readStream(blob: BlobLike): Promise<Uint8Array> {
    if (!this.reader) {
      try {
        this.reader = blob.stream!().getReader();
      } catch (error) {
        throw notAFile(error);
      }
    }
    const parts: Uint8Array[] = this.leftover ? [this.leftover] : [];
    let size = this.leftover?.length ?? 0;
    this.leftover = undefined;
    let empty = 0;
    while (size < CHUNK_BYTES && this.offset + size < this.totalBytes) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await unlessAborted(this.reader.read(), this.signal);
      } catch (error) {
        throw this.signal?.aborted ? this.signal.reason : unreadable(error);
      }
      if (result.done) {
        this.ended = true;
        break;
      }
      const value = asBytes(result.value);
      if (value.length === 0) {
        // A stream that keeps answering with nothing would spin here for ever.
        if (++empty > 1000) throw unreadable(new Error('The stream gives no bytes.'));
        await breathe();
        continue;
      }
      parts.push(value);
      size += value.length;
    }
    let bytes: Uint8Array;
    if (parts.length === 1) {
      bytes = parts[0];
    } else {
      // One buffer reused for every chunk: fresh memory each time cost more than the copy itself.
      // (A leftover may lie in it; `set` copies a source that shares the target's buffer safely.)
      if (!this.scratch || this.scratch.length < size) this.scratch = new Uint8Array(size);
      bytes = this.scratch.subarray(0, size);
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
    }
    // Some streams (Node's) hand over a whole Blob part at once: keep chunks small for progress.
    if (bytes.length > CHUNK_BYTES) {
      this.leftover = bytes.subarray(CHUNK_BYTES);
      bytes = bytes.subarray(0, CHUNK_BYTES);
    }
    return bytes;
  }

  /** Picks the decoder from the BOM (or the forced encoding) and returns the bytes after the BOM. */
  private chooseDecoder(bytes: Uint8Array): Uint8Array {
    const bom = detectBom(bytes);
    if (bom && !this.forced) this.encoding = bom.encoding;
    const rest = bom && bom.encoding === this.encoding ? bytes.subarray(bom.length) : bytes;
    this.decoder = makeDecoder(this.encoding, !this.forced && this.encoding === 'utf-8');
    return rest;
  }

  private decode(bytes: Uint8Array, end: boolean): string {
    const decoder = this.decoder!;
    if (this.encoding !== 'utf-8' || this.forced) return decoder(bytes, end);
    let text: string;
    try {
      text = decoder(bytes, end);
    } catch {
      if (!this.asciiSoFar) throw new EncodingRestart();
      this.encoding = 'windows-1252';
      this.decoder = makeDecoder('windows-1252', false);
      return this.decoder(bytes, end);
    }
    // UTF-8 text is pure ASCII exactly when every byte became one character.
    if (this.asciiSoFar && text.length !== bytes.length) this.asciiSoFar = false;
    return text;
  }
}

/** Bytes [start, end) of a Blob-like through slice().arrayBuffer() (or its whole buffer). */
export async function readSlice(
  blob: BlobLike,
  start: number,
  end: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  let part: BlobLike;
  try {
    part = blob.slice!(start, end);
  } catch (error) {
    throw notAFile(error);
  }
  return (await readAll(part, signal)).subarray(0, end - start);
}

/**
 * The first `length` bytes of a Blob-like (fewer at its end), through slice() where it has one,
 * else from the start of its stream, else from its whole buffer.
 */
export async function readPrefix(
  blob: BlobLike,
  size: number,
  length: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const end = Math.min(length, size);
  if (typeof blob.slice === 'function') return readSlice(blob, 0, end, signal);
  if (typeof blob.stream !== 'function') return (await readAll(blob, signal)).subarray(0, end);
  const source = new TextSource({ kind: 'blob', blob, size, original: blob }, undefined, signal);
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < end) {
      const bytes = await source.readBytes();
      if (bytes.length === 0) break;
      parts.push(bytes.slice());
      total += bytes.length;
    }
  } finally {
    source.close();
  }
  const prefix = new Uint8Array(total);
  parts.reduce((at, part) => (prefix.set(part, at), at + part.length), 0);
  return prefix.subarray(0, end);
}

async function readAll(blob: BlobLike, signal: AbortSignal | undefined): Promise<Uint8Array> {
  let pending: Promise<ArrayBuffer>;
  try {
    if (typeof blob?.arrayBuffer !== 'function') throw new TypeError('no arrayBuffer()');
    pending = Promise.resolve(blob.arrayBuffer());
  } catch (error) {
    throw notAFile(error);
  }
  let buffer: unknown;
  try {
    buffer = await unlessAborted(pending, signal);
  } catch (error) {
    throw signal?.aborted ? signal.reason : unreadable(error);
  }
  return asBytes(buffer);
}

/** Bytes handed over by a host's object, from any realm, or `invalid`. */
function asBytes(value: unknown): Uint8Array {
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]')
    return new Uint8Array(value as ArrayBuffer);
  throw new SegmentError('invalid', 'The file gave something other than bytes when read.');
}

/** An object that looked like a File but whose methods do not work as a File's do. */
function notAFile(cause: unknown): SegmentError {
  return new SegmentError('invalid', 'The CSV input looks like a File but cannot be read as one.', {
    cause,
  });
}

/** 'workbook' for an .xlsx/.ods (a ZIP) or legacy .xls, 'binary' for other non-text bytes. */
export function detectBinary(head: Uint8Array, encoding: CsvEncoding): BinaryKind | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4)
    return 'workbook';
  if (
    head.length >= 4 &&
    head[0] === 0xd0 &&
    head[1] === 0xcf &&
    head[2] === 0x11 &&
    head[3] === 0xe0
  )
    return 'workbook';
  // Before UTF-16: UTF-32LE's BOM begins as UTF-16LE's does.
  if (isUtf32(head)) return 'utf-32';
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return undefined;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return 'binary';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  // Text has tabs and line breaks but almost no other control bytes.
  return head.length > 0 && control / head.length > 0.05 ? 'binary' : undefined;
}

/**
 * UTF-32, LE or BE: by its BOM, or sniffed — every one of the first (up to 64) four-byte units
 * holds one character below U+10000 with its three high bytes zero, as text in UTF-32 does and
 * text in any other encoding does not (UTF-16 of ASCII alternates one zero byte, not three).
 */
function isUtf32(head: Uint8Array): boolean {
  const [a, b, c, d] = head;
  if (head.length >= 4 && a === 0xff && b === 0xfe && c === 0 && d === 0) return true;
  if (head.length >= 4 && a === 0 && b === 0 && c === 0xfe && d === 0xff) return true;
  const units = Math.min(64, Math.floor(head.length / 4));
  if (units < 2) return false;
  let le = true;
  let be = true;
  for (let i = 0; i < units * 4; i += 4) {
    le &&= head[i] !== 0 && head[i + 2] === 0 && head[i + 3] === 0;
    be &&= head[i + 3] !== 0 && head[i] === 0 && head[i + 1] === 0;
  }
  return le || be;
}

/** The same check for text that was handed over already decoded. */
export function detectBinaryText(text: string): BinaryKind | undefined {
  const head = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0) return 'binary';
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) control++;
  }
  return head.length > 0 && control / head.length > 0.05 ? 'binary' : undefined;
}

/**
 * Decodes a sample (the start of a file) the way `TextSource` would, without reading it all:
 * an incomplete character cut off at the end of the sample is not an error.
 */
export function decodeSample(
  bytes: Uint8Array,
  encoding?: string,
): { text: string; encoding: CsvEncoding } {
  const bom = detectBom(bytes);
  let chosen: CsvEncoding = encoding ? toEncoding(encoding) : (bom?.encoding ?? 'utf-8');
  const rest = bom && bom.encoding === chosen ? bytes.subarray(bom.length) : bytes;
  if (chosen === 'utf-8' && !encoding) {
    try {
      return {
        text: new TextDecoder('utf-8', { fatal: true }).decode(rest, { stream: true }),
        encoding: chosen,
      };
    } catch {
      chosen = 'windows-1252';
    }
  }
  return { text: makeDecoder(chosen, false)(rest, false), encoding: chosen };
}

export function toEncoding(label: string): CsvEncoding {
  const name = label.trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'utf-16le' || name === 'utf-16') return 'utf-16le';
  if (name === 'utf-16be') return 'utf-16be';
  if (['windows-1252', 'cp1252', 'latin1', 'iso-8859-1', 'ascii'].includes(name))
    return 'windows-1252';
  return 'utf-8';
}

function detectBom(bytes: Uint8Array): { encoding: CsvEncoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function makeDecoder(
  encoding: CsvEncoding,
  fatal: boolean,
): (bytes: Uint8Array, end: boolean) => string {
  if (encoding === 'windows-1252') return decodeWindows1252;
  // The BOM is removed by chooseDecoder, so a U+FEFF later in the text is kept as text.
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  return (bytes, end) => decoder.decode(bytes, { stream: !end });
}

/**
 * Windows-1252 by table rather than TextDecoder: Node 20's decoder maps 0x80–0x9F to C1 control
 * characters instead of € ‚ ƒ „ … “ ” and friends. Bytes the code page leaves undefined map to
 * the same code point, as the WHATWG Encoding standard says.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    units[i] = byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : byte;
  }
  return utf16Decoder.decode(units);
}

const utf16Decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
