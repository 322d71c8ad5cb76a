import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { peekCustomerCsv } from '../../src/csv/index.ts';
import { describeHeaders, matchColumns } from '../../src/csv/headers.ts';
import { PEEK_BYTES } from '../../src/csv/peek.ts';

const fixture = (name: string) =>
  new Blob([readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url))]);

test('peeking at a file shows its header, delimiter, encoding, first rows and suggested columns', async () => {
  const peek = await peekCustomerCsv(fixture('customers-messy.csv'), { previewRows: 3 });
  assert.deepEqual(peek, {
    headers: ['Name', 'Mobile_No', 'E-mail', 'City'],
    delimiter: ',',
    encoding: 'utf-8',
    preview: [
      ['Asha', '98765 43210', 'asha@example.com', 'Pune'],
      ['Ravi', '+91-98765-43211', 'RAVI@Example.com ', 'Delhi'],
      ['Meena, Dr.', '09876543212', '', 'Mumbai'],
    ],
    suggested: { phoneColumn: 'Mobile_No', emailColumn: 'E-mail' },
    issues: [],
  });
});

test('peeking reads only the start of a large file', async () => {
  const row = 'Customer,9876543210,customer@example.com\n';
  const reads: number[] = [];
  // A file that notes how many bytes each read asks for.
  class WatchedFile extends Blob {
    override slice(start = 0, end = this.size, type?: string): Blob {
      reads.push(Math.min(end, this.size) - start);
      return super.slice(start, end, type);
    }
  }
  const big = new WatchedFile(['name,phone,email\n', row.repeat(200_000)]);
  const peek = await peekCustomerCsv(big);
  assert.equal(peek.preview.length, 5);
  assert.deepEqual(peek.preview[4], ['Customer', '9876543210', 'customer@example.com']);
  assert.ok(reads.length > 0 && reads.every((bytes) => bytes <= PEEK_BYTES), `reads: ${reads}`);
  assert.ok(big.size > 100 * PEEK_BYTES);
});

test('peeking finds the delimiter and suggests a header with a space like any other', async () => {
  const peek = await peekCustomerCsv('Name;Mobile No;Email\nA;98765 43210;a@b.in\n');
  assert.equal(peek.delimiter, ';');
  assert.deepEqual(peek.suggested, { phoneColumn: 'Mobile No', emailColumn: 'Email' });
  assert.deepEqual(peek.issues, []);
  assert.equal(
    (await peekCustomerCsv('Name;Mobile No;Email\n', { delimiter: ',' })).headers.length,
    1,
  );
});

test('peeking at an empty, header-only or binary file gives its one issue', async () => {
  for (const [name, code] of [
    ['empty.csv', 'empty-file'],
    ['header-only.csv', 'no-rows'],
    ['image.png', 'binary-file'],
  ]) {
    const peek = await peekCustomerCsv(fixture(name));
    assert.deepEqual(
      peek.issues.map((issue) => issue.code),
      [code],
      name,
    );
  }
});

test('common phone and email headers are matched whatever their case and surrounding marks', () => {
  for (const [headers, expected] of [
    [['Name', 'PHONE', 'Email'], { phoneColumn: 'PHONE', emailColumn: 'Email' }],
    [['mobile', 'e-mail'], { phoneColumn: 'mobile', emailColumn: 'e-mail' }],
    [['Mobile_No', 'Email_Address'], { phoneColumn: 'Mobile_No', emailColumn: 'Email_Address' }],
    [['contact', 'mail'], { phoneColumn: 'contact', emailColumn: 'mail' }],
    [['ph_no', 'x'], { phoneColumn: 'ph_no' }],
    [['WhatsApp', 'E-Mail'], { phoneColumn: 'WhatsApp', emailColumn: 'E-Mail' }],
    [['_phone_', 'EMAIL '], { phoneColumn: '_phone_', emailColumn: 'EMAIL ' }],
    [
      ['Customer WhatsApp Number', 'Customer Email'],
      { phoneColumn: 'Customer WhatsApp Number', emailColumn: 'Customer Email' },
    ],
    [['whatsapp', 'phone'], { phoneColumn: 'phone' }],
    [['name', 'city'], {}],
  ] as const) {
    assert.deepEqual(matchColumns(headers), expected, headers.join(','));
  }
});

test('empty and repeated header names are explained', () => {
  assert.deepEqual(describeHeaders(['name', '', 'phone', 'phone', '']), [
    {
      code: 'empty-header',
      params: { columns: '2, 5' },
      message:
        'Column 2 and 5 have no name in the header row, so they cannot be mapped; give them names if they hold phones or emails.',
    },
    {
      code: 'duplicate-header',
      params: { header: 'phone', columns: '3, 4' },
      message:
        'The header "phone" appears in columns 3 and 4; rename one so each column has its own name.',
    },
  ]);
});
