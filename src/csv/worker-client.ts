/**
 * The browser path of the CSV pipeline: the same parse and peek as parse.ts / peek.ts, run in a
 * module Web Worker so the page stays responsive. The worker is a file of its own (no blob: URL),
 * so a Content-Security-Policy of `worker-src 'self'` allows it.
 */
import type { CsvAcceptedRow, CsvRejectedRow, CsvReport } from '../model.ts';
import { SegmentError, type SegmentErrorCode } from '../errors.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { CsvParseOptions, CsvPeek, CsvPeekOptions } from './types.ts';

/**
 * `parseCustomerCsv` in a Web Worker: the same report, progress through `onProgress`, and
 * aborting `signal` terminates the worker and rejects with the signal's reason.
 */
export function parseCustomerCsvInWorker(
  input: Blob,
  options: CsvParseOptions = {},
): Promise<CsvReport> {
  const { onProgress, signal, ...rest } = options;
  let accepted: CsvAcceptedRow[] = [];
  let rejected: CsvRejectedRow[] = [];
  return runInWorker<CsvReport>({ type: 'parse', input, options: rest }, signal, (message) => {
    switch (message.type) {
      case 'accepted':
        addAccepted(accepted, message);
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
  });
}

/** `peekCustomerCsv` in a Web Worker; aborting `options.signal` terminates it. */
export function peekCustomerCsvInWorker(
  input: Blob,
  options: CsvPeekOptions & { signal?: AbortSignal } = {},
): Promise<CsvPeek> {
  const { signal, ...rest } = options;
  return runInWorker<CsvPeek>({ type: 'peek', input, options: rest }, signal, (message) =>
    message.type === 'peeked' ? message.peek : undefined,
  );
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
      worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    } catch (cause) {
      reject(new SegmentError('unavailable', 'The CSV worker could not be started.', { cause }));
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

function addAccepted(
  rows: CsvAcceptedRow[],
  batch: Extract<FromWorker, { type: 'accepted' }>,
): void {
  const phones = batch.phones.split('\n');
  const emails = batch.emails.split('\n');
  for (let i = 0; i < batch.lines.length; i++) {
    const row: CsvAcceptedRow = { line: batch.lines[i] };
    if (phones[i]) row.phone = phones[i];
    if (emails[i]) row.email = emails[i];
    rows.push(row);
  }
}

function workerError(message: Extract<FromWorker, { type: 'failed' }>): Error {
  if (message.code) return new SegmentError(message.code as SegmentErrorCode, message.message);
  return new SegmentError('unavailable', `The CSV file could not be read: ${message.message}`);
}
