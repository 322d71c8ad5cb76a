// Every input to parseCustomerCsv / peekCustomerCsv is read, whatever its shape (a Blob-like,
// another realm's bytes, a typed array or DataView), or refused at once with
// SegmentError('invalid'); an abort stops any read, even one that never settles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { parseCustomerCsv, peekCustomerCsv } from '../../src/csv/index.ts';
import { isSegmentError } from '../../src/errors.ts';
import type { CsvInput } from '../../src/csv/types.ts';

const TEXT =
  'Name,Mobile,Email\r\nAsha,98765 43210,Asha@Example.com\r\nRavi,12345,\r\n"Müller, J",+91 98765 43211,m@x.in\r\n';
const BYTES = new TextEncoder().encode(TEXT);

/** Settles to 'pending' unless `promise` has settled once the event loop turns once. */
async function settledAtOnce(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise((resolve) => setImmediate(() => resolve('pending'))),
  ]);
}

/** An object shaped like a Blob, made of the methods named, over `bytes`, in 7-byte parts. */
function blobLike(bytes: Uint8Array, methods: ('stream' | 'slice' | 'arrayBuffer')[]) {
  const make = (from: Uint8Array): Record<string, unknown> => {
    const object: Record<string, unknown> = { size: from.length };
    if (methods.includes('stream'))
      object.stream = () => {
        let at = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at >= from.length) return controller.close();
            controller.enqueue(from.slice(at, (at += 7)));
          },
        });
      };
    if (methods.includes('slice'))
      object.slice = (start = 0, end = from.length) => make(from.slice(start, end));
    if (methods.includes('arrayBuffer')) object.arrayBuffer = async () => from.slice().buffer;
    return object;
  };
  return make(bytes) as unknown as CsvInput;
}

test('bytes in any wrapper give the same report as the File: typed arrays, DataView, another realm', async () => {
  const expected = await parseCustomerCsv(new Blob([BYTES]));
  assert.equal(expected.accepted.length, 2);
  const padded = new Uint8Array(BYTES.length + 10);
  padded.set(BYTES, 5);
  const otherRealm = vm.runInNewContext('(bytes) => new Uint8Array(bytes)')(
    Array.from(BYTES),
  ) as Uint8Array;
  assert.equal(otherRealm instanceof Uint8Array, false, 'made in another realm');
  const inputs: [string, CsvInput][] = [
    ['Uint8Array at an offset', padded.subarray(5, 5 + BYTES.length)],
    ['DataView at an offset', new DataView(padded.buffer, 5, BYTES.length)],
    ['Buffer', Buffer.from(BYTES)],
    ["another realm's Uint8Array", otherRealm],
    ["another realm's ArrayBuffer", otherRealm.buffer as ArrayBuffer],
  ];
  for (const [name, input] of inputs) {
    assert.deepEqual(await parseCustomerCsv(input), expected, name);
    assert.deepEqual(await peekCustomerCsv(input), await peekCustomerCsv(new Blob([BYTES])), name);
  }
});

test('an object shaped like a Blob is read through whichever of stream, slice and arrayBuffer it has', async () => {
  const expected = await parseCustomerCsv(new Blob([BYTES]));
  const expectedPeek = await peekCustomerCsv(new Blob([BYTES]));
  for (const methods of [['stream'], ['slice', 'arrayBuffer'], ['arrayBuffer']] as const) {
    const input = blobLike(BYTES, [...methods]);
    assert.deepEqual(await parseCustomerCsv(input), expected, methods.join('+'));
    assert.deepEqual(await peekCustomerCsv(input), expectedPeek, methods.join('+'));
  }
  // A stream that hands over bytes as another realm's arrays, or as ArrayBuffers.
  const foreign = vm.runInNewContext('(a) => new Uint8Array(a)') as (a: number[]) => Uint8Array;
  const streamed = {
    size: BYTES.length,
    stream: () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(foreign(Array.from(BYTES.subarray(0, 20))));
          controller.enqueue(BYTES.slice(20).buffer);
          controller.close();
        },
      }),
  } as unknown as CsvInput;
  assert.deepEqual(await parseCustomerCsv(streamed), expected);
});

test('anything else is refused at once with SegmentError invalid, never a hang', async () => {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
    },
  );
  const inputs: [string, unknown][] = [
    ['a plain object', {}],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [1, 2, 3]],
    ['a Map', new Map()],
    ['a size without methods', { size: 10 }],
    ['methods without a size', { stream: () => new ReadableStream() }],
    ['a negative size', { size: -1, slice: () => ({}) }],
    ['a fractional size', { size: 1.5, arrayBuffer: async () => new ArrayBuffer(1) }],
    ['a proxy whose every property throws', throwing],
  ];
  for (const [name, input] of inputs) {
    for (const run of [parseCustomerCsv, peekCustomerCsv]) {
      const outcome = (await settledAtOnce(run(input as CsvInput))) as { error?: unknown };
      assert.notEqual(outcome, 'pending', `${name}: settled at once`);
      assert.ok(isSegmentError(outcome.error, 'invalid'), `${name}: ${String(outcome.error)}`);
    }
  }
});

test('a Blob-like whose methods misbehave is a SegmentError, not a TypeError', async () => {
  const cases: [string, unknown, string][] = [
    [
      'stream() throws',
      {
        size: 5,
        stream: () => {
          throw new TypeError('Illegal invocation');
        },
      },
      'invalid',
    ],
    ['arrayBuffer() gives text', { size: 5, arrayBuffer: async () => 'hello' }, 'invalid'],
    [
      'the stream gives numbers',
      { size: 5, stream: () => new ReadableStream({ start: (c) => c.enqueue(12345) }) },
      'invalid',
    ],
    [
      'the read fails',
      { size: 5, arrayBuffer: () => Promise.reject(new Error('NotReadableError')) },
      'unavailable',
    ],
    [
      'the stream keeps giving nothing',
      { size: 5, stream: () => new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(0)) }) },
      'unavailable',
    ],
  ];
  for (const [name, input, code] of cases) {
    for (const run of [parseCustomerCsv, peekCustomerCsv]) {
      await assert.rejects(
        run(input as CsvInput),
        (error) => isSegmentError(error, code as 'invalid'),
        name,
      );
    }
  }
});

test('options of the wrong kind are refused at once with SegmentError invalid', async () => {
  const bad: [string, unknown][] = [
    ['options not an object', 'phone'],
    ['phoneColumn a number', { phoneColumn: 3 }],
    ['delimiter an object', { delimiter: {} }],
    ['onProgress not a function', { onProgress: 'yes' }],
    ['signal not a signal', { signal: { aborted: 'no' } }],
    [
      'a throwing getter',
      {
        get emailColumn() {
          throw new Error('boom');
        },
      },
    ],
  ];
  for (const [name, options] of bad) {
    const outcome = (await settledAtOnce(parseCustomerCsv(TEXT, options as never))) as {
      error?: unknown;
    };
    assert.ok(isSegmentError(outcome.error, 'invalid'), `${name}: ${String(outcome.error)}`);
  }
  for (const options of [{ previewRows: -1 }, { previewRows: 1.5 }, { delimiter: 9 }]) {
    await assert.rejects(peekCustomerCsv(TEXT, options as never), (e) =>
      isSegmentError(e, 'invalid'),
    );
  }
});

test('an abort stops a read that never settles, at once, with the signal reason', async () => {
  // Every read waits for ever, as a file on a stalled network drive can.
  const stalledBy = (method: 'stream' | 'slice', reading: () => void) =>
    (method === 'stream'
      ? {
          size: 1000,
          stream: () =>
            new ReadableStream({
              pull: () => {
                reading();
                return new Promise(() => {});
              },
            }),
        }
      : {
          size: 1000,
          slice: () => ({
            size: 1000,
            arrayBuffer: () => {
              reading();
              return new Promise(() => {});
            },
          }),
        }) as unknown as CsvInput;
  for (const method of ['stream', 'slice'] as const) {
    for (const run of [parseCustomerCsv, peekCustomerCsv]) {
      let reading!: () => void;
      const started = new Promise<void>((resolve) => (reading = resolve));
      const controller = new AbortController();
      const result = run(stalledBy(method, reading), { signal: controller.signal });
      await started;
      const reason = new Error('seller cancelled');
      controller.abort(reason);
      assert.deepEqual(await settledAtOnce(result), { error: reason }, `${method}, ${run.name}`);
    }
  }
});

test('an abort is seen between chunks of text in memory, which needs no waiting to read', async () => {
  const rows = Array.from(
    { length: 400_000 },
    (_, i) => `C${i},98765${String(i).padStart(5, '0')},c${i}@x.in`,
  );
  const text = 'name,phone,email\n' + rows.join('\n');
  const controller = new AbortController();
  let bytesAtAbort = -1;
  let chunksAfterAbort = 0;
  const run = parseCustomerCsv(text, {
    signal: controller.signal,
    onProgress: (progress) => {
      if (bytesAtAbort >= 0) chunksAfterAbort++;
      // A timer: it fires only when the import gives the event loop a turn.
      else
        setTimeout(() => {
          bytesAtAbort = progress.bytes;
          controller.abort();
        });
    },
  });
  await assert.rejects(run, (error: Error) => error.name === 'AbortError');
  assert.ok(bytesAtAbort >= 0 && bytesAtAbort < text.length, 'aborted before the end');
  assert.ok(chunksAfterAbort <= 1, `${chunksAfterAbort} chunks read after the abort`);
});

test('peek reads on past 64 KiB for a long header, and names a first row that never ends', async () => {
  const columns = Array.from({ length: 12_000 }, (_, i) => `column_${i}`);
  const wide =
    ['phone', ...columns, 'email'].join(',') + '\n98765 43210' + ','.repeat(12_001) + 'a@x.in\n';
  assert.ok(wide.length > 64 * 1024);
  for (const input of [wide, new Blob([wide])]) {
    const peek = await peekCustomerCsv(input);
    assert.equal(peek.headers.length, 12_002);
    assert.deepEqual(peek.suggested, { phoneColumn: 'phone', emailColumn: 'email' });
    assert.equal(peek.preview.length, 1);
    assert.deepEqual(peek.issues, []);
  }
  const endless = 'x'.repeat(5 * 1024 * 1024) + ',phone,email\n1,2,3\n';
  for (const input of [endless, new Blob([endless])]) {
    const peek = await peekCustomerCsv(input);
    assert.deepEqual(peek.headers, []);
    assert.deepEqual(
      peek.issues.map((issue) => issue.code),
      ['header-too-long'],
    );
  }
});
