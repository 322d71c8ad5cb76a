/**
 * The browser path of the CSV pipeline: the same parse and peek as parse.ts / peek.ts, run in a
 * module Web Worker so the page stays responsive. The worker is a file of its own (no blob: URL),
 * so a Content-Security-Policy of `worker-src 'self'` allows it, and its URL goes through the
 * Trusted Types policy `user-segments`, so `require-trusted-types-for 'script'` allows it too.
 */
import type { CsvAcceptedRow, CsvRejectedRow, CsvReport } from '../model.ts';
import { SegmentError, type SegmentErrorCode } from '../errors.ts';
import { unpackAccepted } from './accepted-batch.ts';
import { readPrefix } from './decode.ts';
import { checkInput, checkParseOptions, checkPeekOptions } from './input.ts';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.ts';
import type { CsvInput, CsvParseOptions, CsvPeek, CsvPeekOptions } from './types.ts';

/**
 * The name of the Trusted Types policy that vouches for the CSV worker's script URL. A page whose
 * CSP lists allowed policies (`trusted-types …`) must list this one.
 */
export const TRUSTED_TYPES_POLICY = 'user-segments';

/**
 * `parseCustomerCsv` in a Web Worker: the same report, progress through `onProgress`, and
 * aborting `signal` terminates the worker and rejects with the signal's reason.
 */
export async function parseCustomerCsvInWorker(
  input: CsvInput,
  options: CsvParseOptions = {},
): Promise<CsvReport> {
  const { onProgress, signal, ...rest } = checkParseOptions(options);
  const sent = await toWorkerInput(input, signal);
  let accepted: CsvAcceptedRow[] = [];
  let rejected: CsvRejectedRow[] = [];
  return runInWorker<CsvReport>(
    { type: 'parse', input: sent, options: rest },
    signal,
    (message) => {
      switch (message.type) {
        case 'accepted':
          unpackAccepted(message, accepted);
          return undefined;
        case 'rejected':
          for (const row of message.rows) rejected.push(row);
          return undefined;
        case 'reset':
          accepted = [];
          rejected = [];
          return undefined;
        case 'progress':
          onProgress?.(message.progress);
          return undefined;
        case 'parsed':
          return { ...message.summary, accepted, rejected };
        default:
          return undefined;
      }
    },
  );
}

/** `peekCustomerCsv` in a Web Worker; aborting `options.signal` terminates it. */
export async function peekCustomerCsvInWorker(
  input: CsvInput,
  options: CsvPeekOptions & { signal?: AbortSignal } = {},
): Promise<CsvPeek> {
  const { signal, ...rest } = checkPeekOptions(options);
  const sent = await toWorkerInput(input, signal);
  return runInWorker<CsvPeek>({ type: 'peek', input: sent, options: rest }, signal, (message) =>
    message.type === 'peeked' ? message.peek : undefined,
  );
}

/**
 * The input as a message can carry it: a File or Blob as it is (another realm's too: cloning
 * accepts it), text as text, bytes copied, and a host's Blob-like object read here first.
 */
async function toWorkerInput(input: CsvInput, signal?: AbortSignal): Promise<WorkerInput> {
  const checked = checkInput(input);
  if (checked.kind === 'text') return checked.text;
  if (checked.kind === 'bytes') return checked.bytes.slice().buffer;
  if (isPlatformBlob(checked.original)) return checked.original as Blob;
  return (await readPrefix(checked.blob, checked.size, checked.size, signal)).slice().buffer;
}

/**
 * Starts a worker for one request; `handle` returns the result once a message completes it. The
 * worker is terminated when the request settles, fails or is aborted.
 */
function runInWorker<T>(
  request: ToWorker,
  signal: AbortSignal | undefined,
  handle: (message: FromWorker) => T | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (cause) {
      reject(
        new SegmentError(
          'unavailable',
          `The CSV worker could not be started. If the page's Content-Security-Policy lists Trusted Types policies, add "${TRUSTED_TYPES_POLICY}" to its trusted-types directive.`,
          { cause },
        ),
      );
      return;
    }
    let settled = false;
    const finish = () => {
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      // Messages already queued when the request settled (e.g. was aborted) are dropped.
      if (settled) return;
      const message = event.data;
      if (message.type === 'failed') {
        finish();
        reject(workerError(message));
        return;
      }
      let result: T | undefined;
      try {
        result = handle(message);
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (result !== undefined) {
        finish();
        resolve(result);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(
        new SegmentError(
          'unavailable',
          `The CSV worker failed: ${event.message || 'it could not be loaded'}.`,
        ),
      );
    };
    worker.onmessageerror = () => {
      finish();
      reject(
        new SegmentError('unavailable', 'The CSV worker sent a message that could not be read.'),
      );
    };
    worker.postMessage(request);
  });
}

/** A File or Blob of this realm or another (a message clones those), not a look-alike object. */
function isPlatformBlob(value: object): boolean {
  try {
    const tag = Object.prototype.toString.call(value);
    return (tag === '[object Blob]' || tag === '[object File]') && !isProxyLike(value);
  } catch {
    return false;
  }
}

/** A proxy around a Blob reports the Blob's tag, yet cannot be cloned into a message. */
function isProxyLike(value: object): boolean {
  try {
    structuredClone(value);
    return false;
  } catch {
    return true;
  }
}

/**
 * A module worker running worker.ts. Bundlers (Vite, webpack, Parcel) find and bundle the worker
 * by the exact shape `new Worker(new URL('./worker.ts', import.meta.url), …)`, so that shape
 * stays; the `Worker` it calls is the wrapper below, which hands the URL to the real constructor
 * as a TrustedScriptURL wherever Trusted Types exist.
 */
function startWorker(): Worker {
  const Worker = TrustedWorker;
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

/** Constructs the real Worker from a TrustedScriptURL made by our policy (or the URL itself). */
const TrustedWorker = function (url: URL, options: WorkerOptions): Worker {
  const policy = trustedTypesPolicy();
  let scriptUrl: unknown = url;
  if (policy) {
    vouchFor = url.href;
    try {
      scriptUrl = policy.createScriptURL(url.href);
    } finally {
      vouchFor = undefined;
    }
  }
  return new globalThis.Worker(scriptUrl as URL, options);
} as unknown as new (url: URL, options: WorkerOptions) => Worker;

interface TrustedTypesPolicyLike {
  createScriptURL(input: string): unknown;
}

/** Made once per page (a second createPolicy of the same name is refused). */
let policy: TrustedTypesPolicyLike | null | undefined;
/** The one URL the policy vouches for, set only while TrustedWorker asks it to. */
let vouchFor: string | undefined;

/**
 * The `user-segments` policy, or null where Trusted Types do not exist or the page's CSP does not
 * allow the name (then the worker starts only if the page does not require Trusted Types). It
 * vouches for nothing but the CSV worker's script, at the moment this module starts it.
 */
function trustedTypesPolicy(): TrustedTypesPolicyLike | null {
  if (policy !== undefined) return policy;
  const factory = (
    globalThis as {
      trustedTypes?: {
        createPolicy(
          name: string,
          rules: { createScriptURL(input: string): string },
        ): TrustedTypesPolicyLike;
      };
    }
  ).trustedTypes;
  try {
    policy =
      factory?.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(input) {
          if (input !== vouchFor) {
            throw new TypeError(`${TRUSTED_TYPES_POLICY} only vouches for its CSV worker.`);
          }
          return input;
        },
      }) ?? null;
  } catch {
    policy = null;
  }
  return policy;
}

function workerError(message: Extract<FromWorker, { type: 'failed' }>): Error {
  if (message.code) return new SegmentError(message.code as SegmentErrorCode, message.message);
  return new SegmentError('unavailable', `The CSV file could not be read: ${message.message}`);
}
