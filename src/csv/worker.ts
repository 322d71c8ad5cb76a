/**
 * The CSV worker: runs `parseCustomerCsv` / `peekCustomerCsv` off the page's thread and streams
 * rows and progress back (see protocol.ts). Started by worker-client.ts, one worker per call.
 */
import Papa from 'papaparse';
import * as libphonenumber from 'libphonenumber-js/max';
import type { CsvRejectedRow } from '../model.ts';
import { isSegmentError } from '../errors.ts';
import { phoneLibrary } from '../phone.ts';
import { papaLibrary } from './papa.ts';
import { AcceptedPacker } from './accepted-batch.ts';
import { importCustomerCsv } from './parse.ts';
import { peekCustomerCsv } from './peek.ts';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.ts';

// The worker is its own bundle: its libraries come with it rather than a request later.
papaLibrary.provide(Papa);
phoneLibrary.provide(libphonenumber);

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  const work = request.type === 'parse' ? parse(request.input, request.options) : peek(request);
  work.catch((error: unknown) => {
    scope.postMessage({
      type: 'failed',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      ...(isSegmentError(error) ? { code: error.code } : {}),
    });
  });
};

async function peek(request: Extract<ToWorker, { type: 'peek' }>): Promise<void> {
  scope.postMessage({
    type: 'peeked',
    peek: await peekCustomerCsv(request.input, request.options),
  });
}

async function parse(
  input: WorkerInput,
  options: Extract<ToWorker, { type: 'parse' }>['options'],
): Promise<void> {
  const accepted = new AcceptedPacker();
  let rejected: CsvRejectedRow[] = [];
  // Rows leave in one batch per chunk of the file, just before that chunk's progress event.
  const flush = () => {
    if (accepted.size) {
      const batch = accepted.take();
      scope.postMessage({ type: 'accepted', ...batch }, [batch.lines.buffer, batch.values.buffer]);
    }
    if (rejected.length) {
      scope.postMessage({ type: 'rejected', rows: rejected });
      rejected = [];
    }
  };
  const summary = await importCustomerCsv(
    input,
    {
      ...options,
      onProgress: (progress) => {
        flush();
        scope.postMessage({ type: 'progress', progress });
      },
    },
    {
      accept: (line, phone, email) => accepted.add(line, phone, email),
      reject: (row) => rejected.push(row),
      reset: () => {
        accepted.clear();
        rejected = [];
        scope.postMessage({ type: 'reset' });
      },
    },
  );
  flush();
  scope.postMessage({ type: 'parsed', summary });
}
