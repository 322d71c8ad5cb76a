import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvBytes } from '../../src/csv/csv-bytes.ts';

/**
 * CsvBytes writes cells straight into UTF-8. Its oracle is written here by hand: the cell rule
 * (apostrophe before a formula start, quotes around a comma, quote or line break) and Node's
 * own TextEncoder for the bytes.
 */

function byHand(value: string): string {
  const formula = /^[\s]*[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(formula) ? `"${formula.replaceAll('"', '""')}"` : formula;
}

async function written(rows: string[][], bom = true, chunkBytes?: number): Promise<Uint8Array> {
  const file = new CsvBytes(chunkBytes);
  if (bom) file.bom();
  for (const row of rows) {
    for (const cell of row) file.cell(cell);
    file.endRow();
  }
  const blob = file.blob('text/csv');
  assert.equal(blob.size, file.size);
  return new Uint8Array(await blob.arrayBuffer());
}

const expected = (rows: string[][], bom = true) =>
  new TextEncoder().encode(
    (bom ? '\uFEFF' : '') + rows.map((r) => r.map(byHand).join(',') + '\r\n').join(''),
  );

describe('CsvBytes', () => {
  it('writes plain, quoted, formula and empty cells as the CSV rule says', async () => {
    const rows = [
      ['Asha', '', 'a,b', 'say "hi"', 'two\r\nlines', 'cr\ronly', 'lf\nonly'],
      ['=1+1', '+919876543210', '-5', '@SUM(A1)', ' =x', '\t=x', '\rx', '＝１', 'a=b', "'"],
      ['=HYPERLINK("http://evil.example","click")', '', ''],
      [''],
    ];
    assert.deepEqual(await written(rows), expected(rows));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await written(rows));
    assert.ok(text.startsWith('\uFEFFAsha,,"a,b","say ""hi""","two\r\nlines"'));
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""click"")",,\r\n`));
  });

  it('writes every script, emoji and a lone surrogate as TextEncoder does', async () => {
    const rows = [
      ['आशा शर्मा', 'Malmö', 'Ĳssel', '東京', '😀 party', 'a\u{10FFFF}z'],
      ['\uD83D', 'x\uDE00y', '\uDBFF\uDFFF', '€', '\u07FF\u0800', '"नाम", "ईमेल"'],
      ['＋91 98765 43210', '－', '＠me'],
    ];
    assert.deepEqual(await written(rows, false), expected(rows, false));
  });

  it('keeps every byte where a cell crosses from one buffer into the next', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 150_000; i++) {
      rows.push([`name ${i}`, i % 3 ? `+91${i}` : `शहर ${i}`, i % 7 ? 'x' : 'a "b", c']);
    }
    // One cell larger than a chunk, non-ASCII, between ordinary rows.
    rows.splice(12_345, 0, ['ग'.repeat(1_500_000), '=' + 'q'.repeat(4_500_000)]);
    const bytes = await written(rows);
    assert.ok(bytes.length > 8 << 20, 'several 1 MiB buffers');
    assert.deepEqual(bytes, expected(rows));
    // Buffers of 7 to 64 bytes: a boundary inside nearly every cell, every UTF-8 sequence.
    const small = rows.slice(0, 3000);
    for (const size of [7, 13, 64])
      assert.deepEqual(await written(small, true, size), expected(small));
  });

  it('writes nothing but a BOM for an empty file', async () => {
    assert.deepEqual(await written([]), new Uint8Array([0xef, 0xbb, 0xbf]));
    assert.equal((await written([], false)).length, 0);
  });
});
