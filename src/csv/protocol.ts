/**
 * The messages between `worker-client.ts` (the page) and `worker.ts` (the CSV worker). Accepted
 * rows travel in compact batches of transferred buffers (accepted-batch.ts) because a million row objects cloned in one message would block the
 * page for a long time while they are rebuilt.
 */
import type { CsvRejectedRow } from '../model.ts';
import type { AcceptedBatch } from './accepted-batch.ts';
import type { CsvSummary } from './parse.ts';
import type { CsvParseOptions, CsvPeek, CsvPeekOptions, CsvProgress } from './types.ts';

/** The options that can cross to the worker (callbacks and signals stay on the page). */
export type WorkerParseOptions = Omit<CsvParseOptions, 'onProgress' | 'signal'>;

/** What the worker reads: a File or Blob, bytes, or text (all of which a message can carry). */
export type WorkerInput = Blob | ArrayBuffer | string;

export type ToWorker =
  | { type: 'parse'; input: WorkerInput; options: WorkerParseOptions }
  | { type: 'peek'; input: WorkerInput; options: CsvPeekOptions };

export type FromWorker =
  | ({ type: 'accepted' } & AcceptedBatch)
  | { type: 'rejected'; rows: CsvRejectedRow[] }
  | { type: 'reset' }
  | { type: 'progress'; progress: CsvProgress }
  | { type: 'parsed'; summary: CsvSummary }
  | { type: 'peeked'; peek: CsvPeek }
  | { type: 'failed'; name: string; code?: string; message: string };
