/**
 * What the CSV pipeline accepts, checked at the door: text, bytes (an ArrayBuffer, any typed array
 * or a DataView) or anything shaped like a Blob — a File from another realm (an iframe's, whose
 * `instanceof Blob` is false) or a host's own object with `size` and `stream`, `slice` or
 * `arrayBuffer`. Anything else, options included, is refused at once with
 * `SegmentError('invalid')`: reading a plain object as a Blob once spun on microtasks for ever.
 * Each value is read once, so a getter cannot answer differently the second time.
 */
import { SegmentError } from '../errors.ts';
import type { CsvPeekOptions, CsvProgress } from './types.ts';

/** A Blob, or an object that reads like one. */
export interface BlobLike {
  readonly size: number;
  stream?(): ReadableStream<Uint8Array>;
  slice?(start?: number, end?: number): BlobLike;
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** The input, sorted by how it is read. */
export type CheckedInput =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | {
      kind: 'blob';
      /** The methods the input had when it was checked, each bound to it: never read again. */
      blob: BlobLike;
      size: number;
      /** The input itself (a File to hand to a worker as it is). */
      original: object;
    };

/** The options after checking: plain values, read once. */
export interface CheckedParseOptions {
  phoneColumn?: string;
  emailColumn?: string;
  defaultCountry?: string;
  delimiter?: string;
  encoding?: string;
  strictHeaders?: boolean;
  onProgress?: (progress: CsvProgress) => void;
  signal?: AbortSignal;
}

export function checkInput(input: unknown): CheckedInput {
  try {
    if (typeof input === 'string') return { kind: 'text', text: input };
    if (typeof input !== 'object' || input === null) throw refused('input', describe(input));
    if (ArrayBuffer.isView(input)) {
      return {
        kind: 'bytes',
        bytes: new Uint8Array(input.buffer, input.byteOffset, input.byteLength),
      };
    }
    const tag = Object.prototype.toString.call(input);
    if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
      // Works for another realm's buffer too: the constructor looks at the internal slot only.
      return { kind: 'bytes', bytes: new Uint8Array(input as ArrayBuffer) };
    }
    const size = (input as BlobLike).size;
    const blob: { -readonly [K in keyof BlobLike]: BlobLike[K] } = { size };
    for (const method of ['stream', 'slice', 'arrayBuffer'] as const) {
      const read = (input as Record<string, unknown>)[method];
      if (typeof read === 'function')
        blob[method] = (...args: unknown[]) =>
          (read as (...a: unknown[]) => never).apply(input, args);
    }
    const readable = blob.stream || blob.slice || blob.arrayBuffer;
    if (!readable || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw refused('input', 'an object that is neither text, bytes nor a File');
    }
    return { kind: 'blob', blob, size, original: input };
  } catch (error) {
    throw asInvalid(error, 'input');
  }
}

export function checkParseOptions(options: unknown): CheckedParseOptions {
  const read = readOptions(options);
  const checked: CheckedParseOptions = {};
  for (const key of [
    'phoneColumn',
    'emailColumn',
    'defaultCountry',
    'delimiter',
    'encoding',
  ] as const) {
    const value = read(key);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw refused(key, `${describe(value)}, not text`);
    checked[key] = value;
  }
  const strictHeaders = read('strictHeaders');
  if (strictHeaders !== undefined) {
    if (typeof strictHeaders !== 'boolean')
      throw refused('strictHeaders', `${describe(strictHeaders)}, not true or false`);
    checked.strictHeaders = strictHeaders;
  }
  const onProgress = read('onProgress');
  if (onProgress !== undefined) {
    if (typeof onProgress !== 'function') throw refused('onProgress', 'not a function');
    checked.onProgress = onProgress as CheckedParseOptions['onProgress'];
  }
  const signal = read('signal');
  if (signal !== undefined) checked.signal = checkSignal(signal);
  return checked;
}

export function checkPeekOptions(options: unknown): CsvPeekOptions & { signal?: AbortSignal } {
  const read = readOptions(options);
  const checked: CsvPeekOptions & { signal?: AbortSignal } = {};
  const delimiter = read('delimiter');
  if (delimiter !== undefined) {
    if (typeof delimiter !== 'string')
      throw refused('delimiter', `${describe(delimiter)}, not text`);
    checked.delimiter = delimiter;
  }
  const previewRows = read('previewRows');
  if (previewRows !== undefined) {
    if (typeof previewRows !== 'number' || !Number.isSafeInteger(previewRows) || previewRows < 0)
      throw refused('previewRows', 'not a whole number of rows');
    checked.previewRows = previewRows;
  }
  const signal = read('signal');
  if (signal !== undefined) checked.signal = checkSignal(signal);
  return checked;
}

/**
 * `promise`, or the signal's reason as soon as it aborts: a read that never settles (a stalled
 * stream, a host's Blob-like) must not keep an aborted import waiting.
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Rejects with the signal's reason when it has aborted (for signals without throwIfAborted). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** A failure of the input's own methods as a SegmentError, keeping the cause. */
export function unreadable(error: unknown): SegmentError {
  if (error instanceof SegmentError) return error;
  return new SegmentError('unavailable', 'The file could not be read; choose it again.', {
    cause: error,
  });
}

export function refused(path: string, what: string): SegmentError {
  const message =
    path === 'input'
      ? `A CSV file must be given as a File or Blob, bytes or text; got ${what}.`
      : `The CSV option "${path}" is not valid: ${what}.`;
  return new SegmentError('invalid', message, {
    issues: [{ path, code: 'invalid', message }],
  });
}

// ---- helpers ----

function readOptions(options: unknown): (key: string) => unknown {
  if (options === undefined || options === null) return () => undefined;
  if (typeof options !== 'object') throw refused('options', `${describe(options)}, not an object`);
  return (key) => {
    try {
      return (options as Record<string, unknown>)[key];
    } catch (error) {
      throw asInvalid(error, key);
    }
  };
}

/**
 * The caller's signal, or one from another realm (not `instanceof AbortSignal`), judged by its
 * shape and followed by a signal of our own, so the pipeline never touches the caller's object
 * again: a getter that throws later cannot break an import halfway.
 */
function checkSignal(signal: unknown): AbortSignal {
  const own = new AbortController();
  try {
    const given = signal as AbortSignal;
    if (
      typeof signal !== 'object' ||
      signal === null ||
      typeof given.aborted !== 'boolean' ||
      typeof given.addEventListener !== 'function'
    )
      throw refused('signal', 'not an AbortSignal');
    const follow = () => {
      let reason: unknown;
      try {
        reason = given.reason;
      } catch {
        reason = undefined;
      }
      own.abort(reason);
    };
    if (given.aborted) follow();
    else given.addEventListener('abort', follow, { once: true });
  } catch (error) {
    throw asInvalid(error, 'signal');
  }
  return own.signal;
}

function asInvalid(error: unknown, path: string): SegmentError {
  if (error instanceof SegmentError) return error;
  const reason = refused(path, 'a value that could not be read');
  return new SegmentError('invalid', reason.message, { issues: reason.issues, cause: error });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
