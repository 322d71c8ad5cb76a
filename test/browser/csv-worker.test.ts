// The browser path: parseCustomerCsvInWorker / peekCustomerCsvInWorker run the pipeline in a
// module worker and must give the very report the current-thread (Node) pipeline gives.
import { expect } from '@open-wc/testing';
import {
  parseCustomerCsv,
  parseCustomerCsvInWorker,
  peekCustomerCsv,
  peekCustomerCsvInWorker,
  type CsvProgress,
} from '../../src/csv/index.ts';

const fixture = async (name: string) => {
  const response = await fetch(new URL(`../fixtures/csv/${name}`, import.meta.url));
  return new File([await response.text()], name, { type: 'text/csv' });
};

/** A customer export of `rows` rows with the usual mess: phone shapes, bad values, repeats. */
function messyCustomers(rows: number): File {
  const lines = ['Name,Mobile,Email,City'];
  for (let i = 0; i < rows; i++) {
    const national = String(7_000_000_000 + (i % 9_000) * 1997);
    const phone = [
      `${national.slice(0, 5)} ${national.slice(5)}`,
      `+91-${national.slice(0, 5)}-${national.slice(5)}`,
      `0${national}`,
      `91${national}`,
      '12345',
      '9.87654321E+09',
      '',
    ][i % 7];
    const email = i % 11 === 0 ? 'not an email' : i % 13 === 0 ? '' : `Customer${i}@Example.com`;
    lines.push(`"Customer ${i}",${phone},${email},${i % 5 === 0 ? '"Pune, MH"' : 'Delhi'}`);
  }
  return new File([lines.join('\r\n')], 'customers.csv', { type: 'text/csv' });
}

describe('parseCustomerCsvInWorker', () => {
  it('gives the same report as the current-thread pipeline for the messy fixture', async () => {
    const file = await fixture('customers-messy.csv');
    const inWorker = await parseCustomerCsvInWorker(file);
    expect(inWorker).to.deep.equal(await parseCustomerCsv(file));
    expect(inWorker.rows).to.equal(10);
    expect(inWorker.accepted.map((row) => row.line)).to.deep.equal([2, 3, 4, 5, 13]);
    expect(inWorker.rejected.map((row) => row.line)).to.deep.equal([7, 8, 12]);
    expect(inWorker.duplicates).to.equal(2);
  });

  it('gives the same report for 60,000 messy rows, with progress events on the way', async () => {
    const file = messyCustomers(60_000);
    const progress: CsvProgress[] = [];
    const inWorker = await parseCustomerCsvInWorker(file, { onProgress: (p) => progress.push(p) });
    const here = await parseCustomerCsv(file);
    expect(inWorker).to.deep.equal(here);
    expect(inWorker.rows).to.equal(60_000);
    expect(inWorker.accepted.length + inWorker.rejected.length + inWorker.duplicates).to.equal(
      60_000,
    );
    expect(inWorker.duplicates).to.be.greaterThan(0);
    expect(progress.length).to.be.greaterThan(2);
    expect(progress.at(-1)).to.deep.equal({
      rows: 60_000,
      bytes: file.size,
      totalBytes: file.size,
    });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytes).to.be.greaterThan(progress[i - 1].bytes);
      expect(progress[i].rows).to.be.at.least(progress[i - 1].rows);
    }
  });

  it('passes the mapping and options through to the worker', async () => {
    const file = new File(['a;b;c\r\n12345;98765 43210;x@y.in\r\n'], 'x.csv');
    const report = await parseCustomerCsvInWorker(file, { phoneColumn: 'b', emailColumn: 'c' });
    expect(report.delimiter).to.equal(';');
    expect(report.accepted).to.deep.equal([{ line: 2, phone: '+919876543210', email: 'x@y.in' }]);
    const us = await parseCustomerCsvInWorker(
      new File(['phone,email\n(415) 555-2671,\n'], 'us.csv'),
      {
        defaultCountry: 'US',
      },
    );
    expect(us.accepted).to.deep.equal([{ line: 2, phone: '+14155552671' }]);
  });

  it('cancelling stops the import: it rejects with the AbortError and no progress follows', async () => {
    const controller = new AbortController();
    const progress: CsvProgress[] = [];
    const run = parseCustomerCsvInWorker(messyCustomers(200_000), {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (progress.length === 1) controller.abort();
      },
    });
    let error: unknown;
    try {
      await run;
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    const seen = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(progress.length).to.equal(seen);
    expect(progress[0].bytes).to.be.lessThan(progress[0].totalBytes);
  });

  it('an already-aborted signal rejects at once', async () => {
    const reason = new DOMException('Seller changed their mind', 'AbortError');
    let error: unknown;
    try {
      await parseCustomerCsvInWorker(messyCustomers(10), { signal: AbortSignal.abort(reason) });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.equal(reason);
  });

  it('file-level issues come back from the worker too', async () => {
    const report = await parseCustomerCsvInWorker(
      new File(['name,ph no,email\nA,98765 43210,\n'], 'x.csv'),
      { phoneColumn: 'ph no', strictHeaders: true },
    );
    expect(report.issues.map((issue) => issue.code)).to.deep.equal(['header-space']);
  });
});

describe('peekCustomerCsvInWorker', () => {
  it('peeks the same as the current-thread peek', async () => {
    const file = await fixture('customers-messy.csv');
    const peek = await peekCustomerCsvInWorker(file, { previewRows: 2 });
    expect(peek).to.deep.equal(await peekCustomerCsv(file, { previewRows: 2 }));
    expect(peek.suggested).to.deep.equal({ phoneColumn: 'Mobile_No', emailColumn: 'E-mail' });
    expect(peek.preview).to.have.length(2);
  });
});

describe('the CSV worker under a strict Content-Security-Policy', () => {
  it("starts under worker-src 'self', where a blob: worker is refused", async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html>
      <meta http-equiv="Content-Security-Policy" content="worker-src 'self'">
      <script type="module">
        import { parseCustomerCsvInWorker } from '/src/csv/index.ts';
        const blobWorker = await new Promise((resolve) => {
          const worker = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'])));
          worker.onmessage = () => resolve('ran');
          worker.onerror = () => resolve('refused');
        }).catch(() => 'refused');
        const report = await parseCustomerCsvInWorker(new File(['phone,email\\n98765 43210,\\n'], 'x.csv'))
          .then((r) => r.accepted, (e) => String(e));
        parent.postMessage({ blobWorker, report }, '*');
      </script>`;
    const result = new Promise<{ blobWorker: string; report: unknown }>((resolve) => {
      window.addEventListener('message', (event) => resolve(event.data), { once: true });
    });
    document.body.append(frame);
    const { blobWorker, report } = await result;
    frame.remove();
    expect(blobWorker).to.equal('refused');
    expect(report).to.deep.equal([{ line: 2, phone: '+919876543210' }]);
  });
});
