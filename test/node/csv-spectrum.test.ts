// The csv-spectrum acid test (npm csv-spectrum): tricky but valid CSV files and the records
// each one must give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseCustomerCsv } from '../../src/csv/index.ts';
import { CsvRecordReader } from '../../src/csv/records.ts';

type Row = Record<string, string>;

const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const cases = readdirSync(join(root, 'csvs')).map((file) => {
  const name = file.replace(/\.csv$/, '');
  const json = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as Row | Row[];
  let expected = Array.isArray(json) ? json : [json];
  // csv-spectrum 2.0.0's own mistake: this JSON (an object, not an array) gives the phone as
  // 1234567890 while its CSV says 2095257564.
  if (name === 'location_coordinates')
    expected = expected.map((row) => ({ ...row, 'Contact Phone Number': '2095257564' }));
  return { name, csv: readFileSync(join(root, 'csvs', file)), expected };
});

test('csv-spectrum has its twelve files', () => {
  assert.equal(cases.length, 12);
});

for (const { name, csv, expected } of cases) {
  test(`csv-spectrum ${name}: the records read back as the expected values, however the text is cut`, () => {
    const text = new TextDecoder().decode(csv);
    // Whole, and in 1-, 2- and 3-character pieces so quotes, CRLFs and "" escapes are split.
    for (const size of [text.length, 1, 2, 3]) {
      const records = readRecords(text, size).map((record) => record.fields);
      const [header, ...rows] = records;
      assert.deepEqual(
        rows.map((row) => Object.fromEntries(header.map((key, i) => [key, row[i]]))),
        expected,
        `pieces of ${size}`,
      );
    }
  });

  test(`csv-spectrum ${name}: parseCustomerCsv accounts for every row and keeps rejected values intact`, async () => {
    const keys = Object.keys(expected[0]);
    const report = await parseCustomerCsv(new Blob([csv]), {
      phoneColumn: keys[0],
      emailColumn: keys[1],
      defaultCountry: 'US',
    });
    if (/\s/.test(keys[0])) {
      // "Contact Phone Number": matched exactly by default; under strictHeaders it must be
      // renamed first.
      const strict = await parseCustomerCsv(new Blob([csv]), {
        phoneColumn: keys[0],
        emailColumn: keys[1],
        strictHeaders: true,
      });
      assert.deepEqual(
        strict.issues.map((issue) => issue.code),
        ['header-space', 'header-space'],
      );
      assert.match(strict.issues[0].message, /Rename it to "Contact_Phone_Number"/);
    }
    assert.deepEqual(report.issues, []);
    assert.equal(report.rows, expected.length);
    assert.equal(report.accepted.length + report.rejected.length + report.duplicates, report.rows);
    const starts = readRecords(new TextDecoder().decode(csv)).map((record) => record.line);
    for (const row of report.rejected) {
      const index = starts.indexOf(row.line) - 1;
      assert.deepEqual(row.values, Object.values(expected[index]), `line ${row.line}`);
    }
  });
}

function readRecords(text: string, pieceSize = text.length) {
  const records: { fields: string[]; line: number }[] = [];
  const reader = new CsvRecordReader(',', (record, line) =>
    records.push({ fields: record.toArray(), line }),
  );
  for (let i = 0; i < text.length; i += pieceSize) reader.push(text.slice(i, i + pieceSize));
  reader.end();
  return records;
}
