// A File made in an iframe is not `instanceof Blob` here; once it hung parseCustomerCsv for good
// and froze the page. Now it reads like any File, on this thread and in the worker.
import { expect } from '@open-wc/testing';
import {
  parseCustomerCsv,
  parseCustomerCsvInWorker,
  peekCustomerCsv,
  peekCustomerCsvInWorker,
} from '../../src/csv/index.ts';
import { isSegmentError } from '../../src/errors.ts';

const TEXT = 'Name,Mobile,Email\nAsha,98765 43210,asha@x.in\nRavi,12345,\n';

async function otherRealm(): Promise<{ window: typeof globalThis; remove(): void }> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  return {
    window: frame.contentWindow as unknown as typeof globalThis,
    remove: () => frame.remove(),
  };
}

describe('inputs from another realm', () => {
  it("reads an iframe's File the same as this page's, here and in the worker", async () => {
    const realm = await otherRealm();
    try {
      const foreign = new realm.window.File([TEXT], 'customers.csv', { type: 'text/csv' });
      expect(foreign instanceof Blob).to.equal(false);
      const expected = await parseCustomerCsv(new File([TEXT], 'customers.csv'));
      expect(expected.accepted).to.deep.equal([
        { line: 2, phone: '+919876543210', email: 'asha@x.in' },
      ]);
      expect(await parseCustomerCsv(foreign)).to.deep.equal(expected);
      expect(await parseCustomerCsvInWorker(foreign)).to.deep.equal(expected);
      const peek = await peekCustomerCsv(new File([TEXT], 'customers.csv'));
      expect(await peekCustomerCsv(foreign)).to.deep.equal(peek);
      expect(await peekCustomerCsvInWorker(foreign)).to.deep.equal(peek);
      // And the iframe's bytes and signal.
      const bytes = new realm.window.Uint8Array(new TextEncoder().encode(TEXT));
      const view = new realm.window.DataView(bytes.buffer);
      const controller = new realm.window.AbortController();
      expect(await parseCustomerCsv(view, { signal: controller.signal })).to.deep.equal(expected);
      expect(await parseCustomerCsvInWorker(bytes, { signal: controller.signal })).to.deep.equal(
        expected,
      );
    } finally {
      realm.remove();
    }
  });

  it("an iframe's aborted signal stops the worker import with its reason", async () => {
    const realm = await otherRealm();
    try {
      const controller = new realm.window.AbortController();
      const run = parseCustomerCsvInWorker(new File([TEXT.repeat(20_000)], 'big.csv'), {
        signal: controller.signal,
      });
      const reason = new Error('seller left');
      controller.abort(reason);
      let error: unknown;
      await run.catch((caught: unknown) => (error = caught));
      expect(error).to.equal(reason);
    } finally {
      realm.remove();
    }
  });

  it('the worker client refuses what it cannot read at once, before starting a worker', async () => {
    for (const input of [{}, { size: 3 }, 12, null]) {
      let error: unknown;
      await parseCustomerCsvInWorker(input as never).catch((caught: unknown) => (error = caught));
      expect(isSegmentError(error, 'invalid'), String(error)).to.equal(true);
      error = undefined;
      await peekCustomerCsvInWorker(input as never).catch((caught: unknown) => (error = caught));
      expect(isSegmentError(error, 'invalid'), String(error)).to.equal(true);
    }
  });
});
