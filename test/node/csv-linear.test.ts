// Reading a CSV costs work in proportion to its size, whatever its shape: one huge record, a
// stray quote that swallows the rest of the file, a huge quoted cell, thousands of columns.
// Work is counted (characters handed to the tokenizer), not timed, so a loaded machine cannot
// make these tests flaky; `npm run bench` times a 100 MB single-record file beside a normal one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvRecordReader } from '../../src/csv/records.ts';
import { parseCustomerCsv } from '../../src/csv/index.ts';
import { describeHeaders } from '../../src/csv/headers.ts';

const CHUNK = 64 * 1024;

/** Reads `text` in CHUNK-sized pieces; returns the work done and what was read. */
function read(text: string): { scanned: number; records: number; cells: number } {
  let records = 0;
  let cells = 0;
  const reader = new CsvRecordReader(',', (record) => {
    records++;
    cells += record.length;
  });
  for (let at = 0; at < text.length; at += CHUNK) reader.push(text.slice(at, at + CHUNK));
  reader.end();
  return { scanned: reader.scanned, records, cells };
}

const rows = (n: number, from = 0) =>
  Array.from(
    { length: n },
    (_, i) => `Customer ${from + i},98765${String(from + i).padStart(5, '0')},c${from + i}@x.in\n`,
  ).join('');

/** Files of about `size` characters, one per shape, with what reading them must find. */
const SHAPES: Record<string, (size: number) => { text: string; records: number }> = {
  'normal rows': (size) => {
    const n = Math.floor(size / 35);
    return { text: 'name,phone,email\n' + rows(n), records: n + 1 };
  },
  'one huge record on one line': (size) => ({
    text: 'name,phone,email\n' + 'x'.repeat(size) + ',98765 43210,a@x.in\n',
    records: 2,
  }),
  'a stray quote that runs to the end of the file': (size) => ({
    text: 'name,phone,email\nA,"98765 43210,a@x.in\n' + rows(Math.floor(size / 35)),
    records: 2,
  }),
  'a huge quoted cell with line breaks': (size) => ({
    text: 'name,phone,email\n"' + 'note\n'.repeat(size / 5) + '",98765 43210,a@x.in\nB,1,b@x.in\n',
    records: 3,
  }),
  'a huge quoted cell on one line': (size) => ({
    text: 'name,phone,email\n"' + 'y'.repeat(size) + '",98765 43210,a@x.in\nB,1,b@x.in\n',
    records: 3,
  }),
  'many columns': (size) => ({
    text: Array.from({ length: size / 4 }, (_, i) => `c${i % 100}`).join(',') + '\nA,B\n',
    records: 2,
  }),
};

for (const [shape, make] of Object.entries(SHAPES)) {
  test(`reading ${shape}: 4× the text costs at most ~5× the work`, () => {
    const small = make(1 << 20);
    const large = make(4 << 20);
    const a = read(small.text);
    const b = read(large.text);
    assert.equal(a.records, small.records);
    assert.equal(b.records, large.records);
    // Re-reading a cut-off record with every chunk made this ~60 (16 chunks against 64).
    assert.ok(b.scanned / a.scanned <= 5, `work grew ${(b.scanned / a.scanned).toFixed(1)}×`);
    // And in absolute terms: each character is tokenized a small number of times.
    assert.ok(a.scanned <= 3 * small.text.length, `${a.scanned} for ${small.text.length}`);
    assert.ok(b.scanned <= 3 * large.text.length, `${b.scanned} for ${large.text.length}`);
  });
}

test('a record cut into many chunks reads the same as the whole text at once', () => {
  const text =
    'name,phone,email\n"' + 'a,b\n"",'.repeat(40_000) + '",98765 43210,a@x.in\r\nB,1,b@x.in';
  const whole: string[][] = [];
  const once = new CsvRecordReader(',', (r) => whole.push(r.toArray()));
  once.push(text);
  once.end();
  for (const chunk of [1, 7, 4096, CHUNK]) {
    const pieces: string[][] = [];
    const lines: number[] = [];
    const reader = new CsvRecordReader(',', (r, line) => {
      pieces.push(r.toArray());
      lines.push(line);
    });
    for (let at = 0; at < text.length; at += chunk) reader.push(text.slice(at, at + chunk));
    reader.end();
    assert.deepEqual(pieces, whole, `chunks of ${chunk}`);
    assert.deepEqual(lines, [1, 2, 40_003], `chunks of ${chunk}`);
  }
  assert.equal(whole.length, 3);
  assert.equal(whole[1][0], 'a,b\n",'.repeat(40_000));
});

test('a single 8 MB record is one rejected row with its line, not a hang', async () => {
  const text = 'name,phone,email\n' + 'z'.repeat(8 << 20) + ',,\nA,98765 43210,\n';
  const report = await parseCustomerCsv(text);
  assert.equal(report.rows, 2);
  assert.deepEqual(
    report.accepted.map((row) => row.line),
    [3],
  );
  assert.deepEqual(
    report.rejected.map((row) => [row.line, row.values[0].length]),
    [[2, 8 << 20]],
  );
});

test(
  'describeHeaders lists 200,000 copies of one header without going quadratic',
  { timeout: 60_000 },
  () => {
    // Copying the list for each copy made 20,000 copies take 30 s; 200,000 would take ~50 minutes.
    const headers = ['phone', ...Array.from({ length: 200_000 }, () => 'x'), 'email', 'y', 'y'];
    const notes = describeHeaders(headers);
    assert.deepEqual(
      notes.map((note) => note.code),
      ['duplicate-header', 'duplicate-header'],
    );
    assert.match(notes[0].message, /^The header "x" appears in columns 2, 3, 4, /);
    assert.match(notes[0].message, /, 200000 and 200001; /);
    assert.match(notes[1].message, /columns 200003 and 200004;/);
  },
);
