import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCustomerCsv, rejectedRowsToCsv } from '../../src/csv/index.ts';
import { CsvRecordReader } from '../../src/csv/records.ts';

const readCsv = (text: string) => {
  const records: string[][] = [];
  const reader = new CsvRecordReader(',', (record) => records.push(record.toArray()));
  reader.push(text.replace(/^\uFEFF/, ''));
  reader.end();
  return records;
};

test('the rejected rows download lists line, reason and the row as it was in the file', async () => {
  const report = await parseCustomerCsv(
    'name,phone,email\nAsha,98765 43210,\n"Rao, Ravi",12345,"ravi at example"\n',
  );
  const csv = rejectedRowsToCsv(report);
  assert.ok(csv.startsWith('\uFEFF'), 'a BOM so Excel reads UTF-8');
  assert.ok(csv.endsWith('\r\n'));
  assert.deepEqual(readCsv(csv), [
    ['line', 'reason', 'name', 'phone', 'email'],
    [
      '3',
      '"12345" is not a valid phone number for IN; "ravi at example" is not a valid email address',
      'Rao, Ravi',
      '12345',
      'ravi at example',
    ],
  ]);
});

test('cells that a spreadsheet would run as a formula are neutralised with an apostrophe', () => {
  const csv = rejectedRowsToCsv({
    headers: ['name', 'phone', 'email', 'note'],
    rejected: [
      {
        line: 2,
        code: 'no-contact',
        reason: 'No phone or email',
        values: ['=HYPERLINK("http://evil.example","click")', '+91-98765-4321', '@SUM(A1)', '-2+3'],
      },
      {
        line: 3,
        code: 'no-contact',
        reason: 'No phone or email',
        values: ['\tTAB', '\rCR', ' =1+1', '＝1+1'],
      },
      {
        line: 4,
        code: 'no-contact',
        reason: 'No phone or email',
        values: ['Asha', 'a-b', 'x@y', '1+1'],
      },
    ],
  });
  const [, formulas, whitespace, plain] = readCsv(csv);
  assert.deepEqual(formulas.slice(2), [
    `'=HYPERLINK("http://evil.example","click")`,
    "'+91-98765-4321",
    "'@SUM(A1)",
    "'-2+3",
  ]);
  assert.deepEqual(whitespace.slice(2), ["'\tTAB", "'\rCR", "' =1+1", "'＝1+1"]);
  assert.deepEqual(plain.slice(2), ['Asha', 'a-b', 'x@y', '1+1'], 'harmless cells are untouched');
});

test('a downloaded file of rejected rows, once fixed, imports with its +91 phones as phones', async () => {
  const first = await parseCustomerCsv('name,phone,email\nAsha,+91-98765-4321,\n');
  const download = rejectedRowsToCsv(first);
  assert.match(download, /'\+91-98765-4321/);
  // The seller adds the missing digit and uploads the same file again.
  const fixed = download.replaceAll('-4321', '-43210');
  const second = await parseCustomerCsv(fixed);
  assert.deepEqual(second.issues, []);
  assert.deepEqual(second.accepted, [{ line: 2, phone: '+919876543210' }]);
});

test('a header list given by the caller names the columns, extra cells follow', () => {
  const csv = rejectedRowsToCsv(
    {
      headers: ['a', 'b'],
      rejected: [
        { line: 9, code: 'no-contact', reason: 'No phone or email', values: ['1', '2', '3'] },
      ],
    },
    ['Name', 'Phone'],
  );
  assert.deepEqual(readCsv(csv), [
    ['line', 'reason', 'Name', 'Phone'],
    ['9', 'No phone or email', '1', '2', '3'],
  ]);
});
