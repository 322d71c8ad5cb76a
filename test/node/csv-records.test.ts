// The record reader against the definition: any records, written as RFC 4180 CSV with any line
// ends and cut into any chunks, read back as the same records starting on the right lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvRecordReader } from '../../src/csv/records.ts';
import { checkProperty } from './helpers/seeds.ts';

const cell = fc.stringMatching(/^[a-z ,;"\r\n\t|é]{0,6}$/);
const record = fc.array(cell, { minLength: 1, maxLength: 5 }).filter(
  // A lone empty cell is a blank line, which callers skip; keep records unambiguous.
  (cells) => !(cells.length === 1 && cells[0] === ''),
);

function write(records: string[][], delimiter: string, lineEnds: string[]): string {
  return records
    .map((cells, i) => {
      const line = cells
        .map((value) =>
          /["\r\n]/.test(value) || value.includes(delimiter)
            ? `"${value.replace(/"/g, '""')}"`
            : value,
        )
        .join(delimiter);
      return line + lineEnds[i % lineEnds.length];
    })
    .join('');
}

/** 1-based line where each record starts: one more than the line breaks before it. */
function startLines(records: string[][], delimiter: string, lineEnds: string[]) {
  const lines: number[] = [];
  let line = 1;
  records.forEach((cells, i) => {
    lines.push(line);
    const written = write([cells], delimiter, [lineEnds[i % lineEnds.length]]);
    line += (written.match(/\r\n|\r|\n/g) ?? []).length;
  });
  return lines;
}

test('records survive writing and reading, whatever the line ends, delimiter and chunking', () => {
  checkProperty(
    fc.property(
      fc.array(record, { minLength: 1, maxLength: 8 }),
      fc.constantFrom(',', ';', '\t', '|'),
      fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      (records, delimiter, lineEnds, cuts, finalLineEnd) => {
        let text = write(records, delimiter, lineEnds);
        if (!finalLineEnd) text = text.replace(/(\r\n|\r|\n)$/, '');
        const read: { cells: string[]; line: number }[] = [];
        const reader = new CsvRecordReader(delimiter, (r, line) =>
          read.push({ cells: r.toArray(), line }),
        );
        for (let i = 0, k = 0; i < text.length; k++) {
          const size = cuts[k % cuts.length];
          reader.push(text.slice(i, i + size));
          i += size;
        }
        reader.end();
        assert.deepEqual(
          read.map((r) => r.cells),
          records,
        );
        assert.deepEqual(
          read.map((r) => r.line),
          startLines(records, delimiter, lineEnds),
        );
      },
    ),
    { numRuns: 3000 },
  );
});

test('a record view reads cells lazily and blank lines are recognisable', () => {
  const seen: { length: number; blank: boolean; second: string; past: string }[] = [];
  const reader = new CsvRecordReader(',', (r) =>
    seen.push({ length: r.length, blank: r.isBlank(), second: r.field(1), past: r.field(9) }),
  );
  reader.push('a,"b ""x"""\n\n , \t,\n');
  reader.end();
  assert.deepEqual(seen, [
    { length: 2, blank: false, second: 'b "x"', past: '' },
    { length: 1, blank: true, second: '', past: '' },
    { length: 3, blank: true, second: ' \t', past: '' },
  ]);
});

test('text after a closing quote costs that row at most, never the rows after it', () => {
  const text = 'name,phone\r\nAsha,"98765"43210\r\nRavi,"x,y"z\r\nMeera,9876543211\r\n';
  const expected = [
    { cells: ['name', 'phone'], line: 1 },
    { cells: ['Asha', '9876543210'], line: 2 },
    { cells: ['Ravi', 'x,yz'], line: 3 },
    { cells: ['Meera', '9876543211'], line: 4 },
  ];
  for (const size of [text.length, 3]) {
    const read: { cells: string[]; line: number; problem?: string }[] = [];
    const reader = new CsvRecordReader(',', (r, line, problem) =>
      read.push({ cells: r.toArray(), line, ...(problem ? { problem } : {}) }),
    );
    for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
    reader.end();
    assert.deepEqual(read, expected, `in chunks of ${size}`);
  }
});
