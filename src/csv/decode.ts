/**
 * Bytes to text for the CSV pipeline: reads the input in chunks, detects the encoding (BOM,
 * then UTF-8 validity with a Windows-1252 fallback) and notices files that are not text at all.
 */
import type { CsvInput } from './types.ts';

/** Bytes read and decoded per step: big enough to be cheap, small enough for steady progress. */
export const CHUNK_BYTES = 1 << 19;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text';

export interface TextChunk {
  text: string;
  /** Input consumed so far (bytes; characters for text input). */
  bytes: number;
}

/** What the first bytes say about a file that is not CSV text. */
export type BinaryKind = 'workbook' | 'binary';

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

  constructor(
    private readonly input: CsvInput,
    encoding?: string,
  ) {
    this.totalBytes =
      typeof input === 'string'
        ? input.length
        : input instanceof Blob
          ? input.size
          : input.byteLength;
    this.forced = encoding !== undefined;
    this.encoding = typeof input === 'string' ? 'text' : encoding ? toEncoding(encoding) : 'utf-8';
  }

  /** The next chunk of text, or undefined at the end of the input. */
  async next(): Promise<TextChunk | undefined> {
    if (this.done) return undefined;
    const start = this.offset;
    if (typeof this.input === 'string') {
      const end = Math.min(start + CHUNK_BYTES, this.totalBytes);
      this.offset = end;
      this.done = end >= this.totalBytes;
      const text = this.input.slice(start, end);
      return {
        text: start === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
        bytes: end,
      };
    }
    let bytes =
      this.input instanceof Blob
        ? await this.readStream()
        : new Uint8Array(this.input, start, Math.min(CHUNK_BYTES, this.totalBytes - start));
    this.offset = start + bytes.length;
    this.done = this.offset >= this.totalBytes || (this.ended && !this.leftover);
    if (this.done) this.close();
    if (start === 0) bytes = this.chooseDecoder(bytes);
    return { text: this.decode(bytes, this.done), bytes: this.offset };
  }

  /** Stops reading a Blob before its end (the import was aborted or has seen enough). */
  close(): void {
    this.reader?.cancel().catch(() => {});
    this.reader = undefined;
  }

  /** The first bytes of the input, for binary-file detection; settles a BOM's encoding. */
  async head(length = 4096): Promise<Uint8Array> {
    if (typeof this.input === 'string') return new Uint8Array(0);
    const head = await this.readBytes(0, Math.min(length, this.totalBytes));
    const bom = detectBom(head);
    if (bom && !this.forced) this.encoding = bom.encoding;
    return head;
  }

  private async readBytes(start: number, end: number): Promise<Uint8Array> {
    const input = this.input as Blob | ArrayBuffer;
    if (input instanceof Blob) return new Uint8Array(await input.slice(start, end).arrayBuffer());
    return new Uint8Array(input, start, end - start);
  }

  /**
   * At least CHUNK_BYTES more of a Blob (less at its end), from its stream: in Chromium streaming
   * 70 MB took 89 ms where 512 KiB slice().arrayBuffer() reads took 327 ms.
   */
  private async readStream(): Promise<Uint8Array> {
    this.reader ??= (this.input as Blob).stream().getReader();
    const parts: Uint8Array[] = this.leftover ? [this.leftover] : [];
    let size = this.leftover?.length ?? 0;
    this.leftover = undefined;
    while (size < CHUNK_BYTES && this.offset + size < this.totalBytes) {
      const { done, value } = await this.reader.read();
      if (done) {
        this.ended = true;
        break;
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
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return undefined;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return 'binary';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  // Text has tabs and line breaks but almost no other control bytes.
  return head.length > 0 && control / head.length > 0.05 ? 'binary' : undefined;
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
