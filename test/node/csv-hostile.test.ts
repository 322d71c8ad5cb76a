// Hostile values fed to the CSV pipeline's entry points: throwing getters, proxies whose every
// trap throws, wrong types, Blob-likes whose methods lie. Each call either reads the input and
// answers a consistent report or rejects with a SegmentError — never a TypeError, never a hang.
// (An error thrown by the caller's own onProgress is the caller's, and comes back unchanged.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkAsyncProperty } from './helpers/seeds.ts';
import { parseCustomerCsv, peekCustomerCsv } from '../../src/csv/index.ts';
import { SegmentError } from '../../src/errors.ts';
import type { CsvReport } from '../../src/model.ts';

const CALLER_ERROR = new Error("the caller's own onProgress failed");

const thrower = () => {
  throw new TypeError('hostile getter');
};

/** How fast-check prints a hostile value (reading its members to print them would throw). */
const printed = (description: string) => ({
  [fc.toStringMethod]: () => description,
});

/** An object whose listed keys throw when read, the rest holding `values`. */
const withThrowingGetters = (keys: string[], values: Record<string, unknown>) => {
  const object: Record<string | symbol, unknown> = {
    ...values,
    ...printed(`{ ${keys.join(', ')} throwing, ${Object.keys(values).join(', ')} }`),
  };
  for (const key of keys) Object.defineProperty(object, key, { get: thrower, enumerable: true });
  return object;
};

const FAST_CHECK_SYMBOLS = new Set<symbol>([
  fc.toStringMethod,
  fc.asyncToStringMethod,
  fc.cloneMethod,
]);

/** A proxy whose every trap throws, but for the printing fast-check does on a failure. */
const hostileProxy = (target: object) =>
  new Proxy(target, {
    // fast-check looks for its own symbols (printing, cloning): those alone do not throw.
    get: (_, key) => {
      if (key === fc.toStringMethod) return () => `a throwing proxy of ${String(target)}`;
      return typeof key === 'symbol' && FAST_CHECK_SYMBOLS.has(key) ? undefined : thrower();
    },
    has: (_, key) =>
      typeof key === 'symbol' && FAST_CHECK_SYMBOLS.has(key)
        ? key === fc.toStringMethod
        : thrower(),
    ownKeys: thrower,
    getPrototypeOf: thrower,
    getOwnPropertyDescriptor: thrower,
  });

const blobKeys = fc.subarray(['size', 'stream', 'slice', 'arrayBuffer', 'byteLength', 'buffer']);
const junk = fc.oneof(
  fc.anything(),
  fc.constant(() => 42),
  fc.constant(async () => 'not bytes'),
  fc.constant(() => ({
    getReader: () => ({ read: async () => ({ done: false, value: 'text' }) }),
  })),
  fc.constant(() => {
    throw new RangeError('method throws');
  }),
  fc.constant(() => new Promise(() => {})),
);

/** Inputs: anything at all, Blob-likes with junk members, throwing getters and proxies. */
const hostileInput = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.constantFrom('size', 'stream', 'slice', 'arrayBuffer', 'type', 'name'), junk),
  fc.record(
    {
      size: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), fc.string()),
      slice: junk,
      arrayBuffer: junk,
      stream: junk,
    },
    { requiredKeys: ['size'] },
  ),
  blobKeys.map((keys) =>
    withThrowingGetters(keys, { size: 10, stream: () => new ReadableStream() }),
  ),
  fc.constantFrom(
    hostileProxy({}),
    hostileProxy(new Blob(['phone\n1\n'])),
    new Proxy(new Blob(['phone,email\n98765 43210,\n']), {}),
    new Proxy(new Uint8Array(4), {}),
    Object.create(Blob.prototype),
    Symbol('csv'),
    10n,
  ),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }),
);

const optionKeys = [
  'phoneColumn',
  'emailColumn',
  'defaultCountry',
  'delimiter',
  'encoding',
  'onProgress',
  'signal',
  'previewRows',
];

const hostileOptions = fc.oneof(
  fc.constant(undefined),
  fc.anything(),
  fc.dictionary(fc.constantFrom(...optionKeys), fc.oneof(fc.anything(), junk)),
  fc.subarray(optionKeys, { minLength: 1 }).map((keys) => withThrowingGetters(keys, {})),
  fc.constant(hostileProxy({})),
  fc.constant({ signal: hostileProxy({}) }),
  fc.constant({
    signal: withThrowingGetters(['reason'], { aborted: true, addEventListener() {} }),
  }),
  fc.constant({
    onProgress: () => {
      throw CALLER_ERROR;
    },
  }),
);

const WAITING = Symbol('still waiting on the input');

/**
 * `promise`'s outcome, or WAITING if it has not settled after `ms`: an input whose read never
 * settles (a stream that never gives a byte) is waited on, as a stalled file is. What must never
 * happen is a spin that freezes the thread: then this timer never fires and the test times out.
 */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof WAITING> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<typeof WAITING>((resolve) => (timer = setTimeout(() => resolve(WAITING), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** fast-check's printout, or what a value is when printing it throws. */
function show(value: unknown): string {
  try {
    return fc.stringify(value);
  } catch {
    return `a hostile ${typeof value}`;
  }
}

/**
 * Whether `error` is what the caller's own `onProgress` throws: parseCustomerCsv passes a caller's
 * error through unchanged (it is theirs, not ours), whatever the generator made the callback throw.
 */
function thrownByCallersOnProgress(options: unknown, error: unknown): boolean {
  let onProgress: unknown;
  try {
    onProgress = (options as { onProgress?: unknown } | undefined)?.onProgress;
  } catch {
    return false; // a throwing getter: read once by parseCustomerCsv and refused as invalid
  }
  if (typeof onProgress !== 'function') return false;
  try {
    onProgress({ rows: 0, bytes: 0, totalBytes: 0 });
  } catch (thrown) {
    return (
      thrown instanceof Error &&
      error instanceof Error &&
      thrown.constructor === error.constructor &&
      thrown.message === error.message
    );
  }
  return false;
}

function assertConsistent(report: CsvReport): void {
  assert.equal(typeof report.rows, 'number');
  assert.equal(report.accepted.length + report.rejected.length + report.duplicates, report.rows);
  assert.ok(Array.isArray(report.headers) && Array.isArray(report.issues));
}

test(
  'parseCustomerCsv and peekCustomerCsv answer hostile values with a report or a SegmentError',
  { timeout: 300_000 },
  async () => {
    await checkAsyncProperty(
      fc.asyncProperty(hostileInput, hostileOptions, async (input, options) => {
        for (const [name, run] of [
          ['parseCustomerCsv', parseCustomerCsv],
          ['peekCustomerCsv', peekCustomerCsv],
        ] as const) {
          let outcome: unknown;
          try {
            outcome = await within(
              (run as (i: unknown, o: unknown) => Promise<unknown>)(input, options),
              200,
            );
          } catch (error) {
            if (error === CALLER_ERROR || thrownByCallersOnProgress(options, error)) continue;
            // An aborted signal rejects with its reason; one whose reason cannot be read, as abort().
            if (error instanceof DOMException && error.name === 'AbortError') continue;
            if (!(error instanceof SegmentError))
              assert.fail(
                `${name} threw ${String(error)} for ${show(input)} with ${show(options)}`,
              );
            assert.ok(['invalid', 'unavailable'].includes(error.code), error.code);
            continue;
          }
          if (outcome === WAITING) continue;
          if (name === 'parseCustomerCsv') assertConsistent(outcome as CsvReport);
          else assert.ok(Array.isArray((outcome as { headers: unknown }).headers));
        }
      }),
      { numRuns: 400 },
    );
  },
);

test('a proxy around a real Blob or bytes, which forwards every trap, is still read', async () => {
  const text = 'phone,email\n98765 43210,a@x.in\n';
  const expected = await parseCustomerCsv(text);
  for (const input of [
    new Proxy(new TextEncoder().encode(text), {}),
    new Proxy(new Blob([text]), {}),
  ]) {
    let report: CsvReport | undefined;
    try {
      report = await parseCustomerCsv(input as never);
    } catch (error) {
      // A Blob's methods refuse a proxy as `this` (illegal invocation): refused, but as a SegmentError.
      assert.ok(error instanceof SegmentError, String(error));
      continue;
    }
    assert.deepEqual(report.accepted, expected.accepted);
  }
});
