import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCustomerCsv, peekCustomerCsv } from '../../src/csv/index.ts';

const fixture = (name: string) =>
  new Blob([readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url))]);

// Each fixture holds the same three lines, saved in a different encoding.
const names = ['José', 'Müller “Café” €5 – ok'];

for (const [file, encoding] of [
  ['utf8.csv', 'utf-8'],
  ['utf8-bom.csv', 'utf-8'],
  ['utf16le-bom.csv', 'utf-16le'],
  ['utf16be-bom.csv', 'utf-16be'],
  ['windows-1252.csv', 'windows-1252'],
]) {
  test(`a file saved as ${file} reads with its accents, quotes and euro sign intact`, async () => {
    const report = await parseCustomerCsv(fixture(file));
    assert.equal(report.encoding, encoding);
    assert.deepEqual(report.headers, ['name', 'phone', 'email'], 'no BOM left on the first header');
    assert.deepEqual(report.accepted, [
      { line: 2, phone: '+919876543210', email: 'jose@example.com' },
    ]);
    assert.deepEqual(report.rejected[0].values, [names[1], 'not a phone', 'nope']);

    const peek = await peekCustomerCsv(fixture(file));
    assert.equal(peek.encoding, encoding);
    assert.deepEqual(
      peek.preview.map((row) => row[0]),
      names,
    );
  });
}

test('a Windows-1252 file whose first non-UTF-8 byte comes after other accents is read again as Windows-1252', async () => {
  // "Ã©" is C3 A9 in Windows-1252: valid UTF-8 (é) by accident. The first byte that is not UTF-8
  // ("é" alone, E9) comes more than a megabyte later, after that text was decoded.
  const head = Buffer.from('name,phone,email\r\nMaÃ©va,9876543210,\r\n', 'latin1');
  const filler = Buffer.from('Filler,,\r\n'.repeat(120_000), 'latin1');
  const tail = Buffer.from([
    ...Buffer.from('Jos', 'latin1'),
    0xe9,
    ...Buffer.from(',9876543211,\r\n'),
  ]);
  const report = await parseCustomerCsv(new Blob([head, filler, tail]));
  assert.equal(report.encoding, 'windows-1252');
  assert.equal(report.rows, 120_002);
  assert.deepEqual(
    report.accepted.map((row) => row.line),
    [2, 120_003],
  );
  assert.equal(report.rejected.length, 120_000, 'no row counted twice after the restart');
  assert.equal(report.rejected[0].values[0], 'Filler');
});

test('an encoding given by the caller is used as is', async () => {
  const report = await parseCustomerCsv(fixture('windows-1252.csv'), { encoding: 'utf-8' });
  assert.equal(report.encoding, 'utf-8');
  assert.equal(report.rejected[0].values[0], 'M\uFFFDller \uFFFDCaf\uFFFD \uFFFD5 \uFFFD ok');
});

test('a UTF-8 BOM before a quoted header is dropped, from a Blob and from an ArrayBuffer', async () => {
  // Excel's "CSV UTF-8" puts EF BB BF before the first byte; left in, the header would read
  // '\uFEFF"phone"' and the phone column would go missing.
  const text = '"phone","email"\r\n"98765 43210","asha@example.in"\r\n"12345",""\r\n';
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  for (const [kind, input] of [
    ['Blob', new Blob([bytes])],
    ['ArrayBuffer', bytes.buffer],
  ] as const) {
    const report = await parseCustomerCsv(input);
    assert.equal(report.encoding, 'utf-8', kind);
    assert.deepEqual(report.headers, ['phone', 'email'], kind);
    assert.deepEqual(report.issues, [], kind);
    assert.deepEqual(
      report.accepted,
      [{ line: 2, phone: '+919876543210', email: 'asha@example.in' }],
      kind,
    );
    assert.equal(report.rejected.length, 1, kind);
    assert.equal(report.rows, 2, kind);
  }
});

/** `text` as UTF-32 bytes, written here code point by code point (not by the code under test). */
function utf32(text: string, order: 'le' | 'be', bom: boolean): Blob {
  const points = [...((bom ? '\ufeff' : '') + text)].map((c) => c.codePointAt(0)!);
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((point, i) => view.setUint32(i * 4, point, order === 'le'));
  return new Blob([view.buffer]);
}

for (const order of ['le', 'be'] as const) {
  for (const bom of [true, false]) {
    test(`a UTF-32${order.toUpperCase()} file ${bom ? 'with' : 'without'} a BOM is refused as an unsupported encoding`, async () => {
      const file = utf32('name,phone,email\r\nJosé,9876543210,jose@example.com\r\n', order, bom);
      const report = await parseCustomerCsv(file);
      assert.deepEqual(
        report.issues.map((i) => [i.code, i.params]),
        [['unsupported-encoding', { encoding: 'UTF-32' }]],
      );
      assert.deepEqual(report.accepted, []);
      const peek = await peekCustomerCsv(file);
      assert.deepEqual(peek.preview, []);
    });
  }
}

test('UTF-16 text of one-byte characters is not taken for UTF-32', async () => {
  const text = '\ufeffname,phone,email\r\nA,9876543210,a@example.com\r\n';
  const le = new Blob([Buffer.from(text, 'utf16le')]);
  const report = await parseCustomerCsv(le);
  assert.equal(report.encoding, 'utf-16le');
  assert.deepEqual(report.issues, []);
  assert.equal(report.accepted.length, 1);
});
