import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCustomerCsv } from '../../src/csv/index.ts';
import type { CsvReport } from '../../src/model.ts';

const fixture = (name: string) =>
  new Blob([readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url))]);

const accountedFor = (report: CsvReport) =>
  report.accepted.length + report.rejected.length + report.duplicates;

test('a messy customer file: every row is accepted, rejected with its line and reason, or a duplicate', async () => {
  const report = await parseCustomerCsv(fixture('customers-messy.csv'));

  assert.deepEqual(report.headers, ['Name', 'Mobile_No', 'E-mail', 'City']);
  assert.deepEqual(report.issues, []);
  assert.equal(report.rows, 10, 'the blank line is not a row; the two-line quoted name is one');
  assert.equal(accountedFor(report), report.rows);
  assert.deepEqual(report.accepted, [
    { line: 2, phone: '+919876543210', email: 'asha@example.com' },
    { line: 3, phone: '+919876543211', email: 'ravi@example.com' },
    { line: 4, phone: '+919876543212' },
    { line: 5, phone: '+919876543213' },
    { line: 13, phone: '+919876543214' },
  ]);
  assert.deepEqual(
    report.rejected.map((row) => row.line),
    [7, 8, 12],
  );
  assert.match(report.rejected[0].reason, /spreadsheet.*scientific notation/);
  assert.deepEqual(report.rejected[1].values, [
    'Anita\n(second line of name)',
    '12345',
    'anita@@example.com',
    'Goa',
  ]);
  assert.match(report.rejected[1].reason, /"12345" is not a valid phone number for IN/);
  assert.match(report.rejected[1].reason, /"anita@@example.com" is not a valid email address/);
  assert.equal(report.rejected[2].reason, 'No phone or email');
  assert.equal(report.duplicates, 2, 'same phone as line 2, same email as line 3');
});

test('the usual ways of writing an Indian mobile all become the same E.164 number', async () => {
  const csv = [
    'phone,email',
    '98765 43210,',
    '+91-98765-43210,',
    '09876543210,',
    '919876543210,',
  ].join('\n');
  const report = await parseCustomerCsv(csv);
  assert.deepEqual(report.accepted, [{ line: 2, phone: '+919876543210' }]);
  assert.equal(report.duplicates, 3);
});

test('a phone a spreadsheet turned into scientific notation is rejected, never guessed', async () => {
  const report = await parseCustomerCsv('phone,email\n9.87654321E+09,\n"9,87654321E+09",x@y.in\n');
  assert.equal(report.rejected.length, 1);
  assert.equal(report.rejected[0].line, 2);
  assert.match(report.rejected[0].reason, /turned into a number by a spreadsheet/);
  assert.deepEqual(report.accepted, [{ line: 3, email: 'x@y.in' }], 'the email still counts');
});

test('another default country reads national numbers its own way', async () => {
  const report = await parseCustomerCsv(
    'phone,email\n(415) 555-2671,\n98765 43210,\n+91 98765 43210,\n919876543210,\n',
    { defaultCountry: 'US' },
  );
  // Only a number written with +91 is Indian in a US store; the ten Indian digits are not a US
  // number, and neither is 91 followed by them.
  assert.deepEqual(report.accepted, [
    { line: 2, phone: '+14155552671' },
    { line: 4, phone: '+919876543210' },
  ]);
  assert.deepEqual(
    report.rejected.map((row) => [row.line, row.code]),
    [
      [3, 'invalid-phone'],
      [5, 'invalid-phone'],
    ],
  );
  assert.match(report.rejected[0]!.reason, /"98765 43210" is not a valid phone number for US/);
});

test('emails are trimmed, lower-cased and checked', async () => {
  const csv = [
    'email,phone',
    '  Asha.Rao+news@Example.CO.IN ,',
    'no-at-sign.example.com,',
    'two@@example.com,',
    'dots..twice@example.com,',
    'no-tld@example,',
    'space in@example.com,',
    '"quoted,comma"@example.com,',
  ].join('\n');
  const report = await parseCustomerCsv(csv);
  assert.deepEqual(report.accepted, [{ line: 2, email: 'asha.rao+news@example.co.in' }]);
  assert.deepEqual(
    report.rejected.map((row) => row.line),
    [3, 4, 5, 6, 7, 8],
  );
});

test('columns named by the seller are used exactly, whatever the automatic match would be', async () => {
  const csv = 'phone,email,alt_phone,alt_email\n123,bad,9876543210,a@b.in\n';
  const report = await parseCustomerCsv(csv, {
    phoneColumn: 'alt_phone',
    emailColumn: 'alt_email',
  });
  assert.deepEqual(report.accepted, [{ line: 2, phone: '+919876543210', email: 'a@b.in' }]);
});

test('a mapped column name that is not in the header is a file-level issue, with a hint', async () => {
  const report = await parseCustomerCsv('Phone,Email\n9876543210,a@b.in\n', {
    phoneColumn: 'phone',
  });
  assert.deepEqual(
    report.issues.map((issue) => issue.code),
    ['unknown-column'],
  );
  assert.match(report.issues[0].message, /no column named "phone".*did you mean "Phone"/);
  assert.equal(report.rows, 0, 'no row is judged with a broken mapping');
});

test('under strictHeaders, a mapped header with a space says how to rename it', async () => {
  const report = await parseCustomerCsv(fixture('header-space.csv'), {
    phoneColumn: 'ph no',
    strictHeaders: true,
  });
  assert.deepEqual(report.issues, [
    {
      code: 'header-space',
      field: 'phone',
      params: { column: 'ph no', suggestion: 'ph_no' },
      message:
        'The phone column "ph no" has a space in its name. Rename it to "ph_no" in the file and upload it again.',
    },
  ]);
});

test('a file without a phone or email column says which one is missing', async () => {
  const report = await parseCustomerCsv('name,city\nAsha,Pune\n');
  assert.deepEqual(
    report.issues.map((issue) => issue.code),
    ['missing-phone-column', 'missing-email-column'],
  );
  assert.deepEqual(
    report.issues.map((issue) => issue.message),
    [
      'No phone column was found in the header row. Choose it under Phone Column, or name the column "phone" or "mobile".',
      'No email column was found in the header row. Choose it under Email Column, or name the column "email".',
    ],
  );
});

test('a duplicated mapped header is ambiguous; other duplicate or empty headers are harmless', async () => {
  const ambiguous = await parseCustomerCsv(fixture('duplicate-headers.csv'));
  assert.deepEqual(
    ambiguous.issues.map((issue) => issue.code),
    ['ambiguous-column'],
  );
  assert.match(ambiguous.issues[0].message, /"phone" appears more than once.*columns 2 and 4/);

  const harmless = await parseCustomerCsv('name,name,,phone,email\nA,B,,9876543210,\n');
  assert.deepEqual(harmless.issues, []);
  assert.equal(harmless.accepted.length, 1);
});

test('a file whose first row is data says a header row is needed', async () => {
  const report = await parseCustomerCsv(fixture('no-header.csv'));
  assert.deepEqual(
    report.issues.map((issue) => issue.code),
    ['missing-header'],
  );
});

test('an empty file, a header-only file and a binary file each get one clear issue', async () => {
  for (const [name, code] of [
    ['empty.csv', 'empty-file'],
    ['blank-lines-only.csv', 'empty-file'],
    ['header-only.csv', 'no-rows'],
    ['image.png', 'binary-file'],
    ['customers.zip', 'binary-file'],
  ]) {
    const report = await parseCustomerCsv(fixture(name));
    assert.deepEqual(
      report.issues.map((issue) => issue.code),
      [code],
      name,
    );
    assert.equal(report.rows, 0, name);
  }
  const zip = await parseCustomerCsv(fixture('customers.zip'));
  assert.match(zip.issues[0].message, /save or download it as CSV/);
});

test('the delimiter is detected among comma, semicolon, tab and pipe', async () => {
  for (const [name, delimiter] of [
    ['semicolon.csv', ';'],
    ['tab.tsv', '\t'],
    ['pipe.csv', '|'],
    ['customers-messy.csv', ','],
  ]) {
    const report = await parseCustomerCsv(fixture(name));
    assert.equal(report.delimiter, delimiter, name);
    assert.deepEqual(report.issues, [], name);
    assert.ok(report.accepted.length >= 2, name);
  }
});

test('a delimiter given by the seller overrides detection', async () => {
  const csv = 'name;phone,email\nA;9876543210,a@b.in\n';
  assert.equal((await parseCustomerCsv(csv)).delimiter, ',');
  const forced = await parseCustomerCsv(csv, { delimiter: ';' });
  assert.equal(forced.delimiter, ';');
  assert.deepEqual(forced.headers, ['name', 'phone,email']);
});

test('ragged rows: missing cells are empty, extra cells are kept with the row', async () => {
  const report = await parseCustomerCsv(fixture('ragged.csv'));
  assert.equal(report.rows, 3);
  assert.deepEqual(report.accepted, [
    { line: 2, phone: '+919876543210' },
    { line: 3, phone: '+919876543211', email: 'ravi@example.com' },
  ]);
  assert.deepEqual(report.rejected, [
    { line: 4, code: 'no-contact', reason: 'No phone or email', values: ['Meena'] },
  ]);
});

test('CRLF and LF files give the same rows and lines', async () => {
  const lf = 'name,phone,email\n"A\nB",9876543210,\n\nC,,c@d.in\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = await parseCustomerCsv(lf);
  const b = await parseCustomerCsv(crlf);
  assert.deepEqual(b.accepted, a.accepted);
  assert.deepEqual(a.accepted, [
    { line: 2, phone: '+919876543210' },
    { line: 5, email: 'c@d.in' },
  ]);
});

test('a quote that is never closed is reported on the row where it opens', async () => {
  const report = await parseCustomerCsv(
    'name,phone,email\nA,9876543210,\n"B,9876543211,\nC,9876543212,\n',
  );
  assert.equal(report.rows, 2);
  assert.equal(report.rejected[0].line, 3);
  assert.equal(
    report.rejected[0].reason,
    'A quote opened on line 3 is never closed, so the rest of the file was read as one value',
  );
  assert.equal(report.rejected[0].code, 'unclosed-quote');
});

test('rows and bytes are reported as the file is read, and the last event covers the whole file', async () => {
  const lines = ['name,phone,email'];
  for (let i = 0; i < 60_000; i++)
    lines.push(`Customer ${i},98${String(i).padStart(8, '0')},c${i}@example.com`);
  const file = new Blob([lines.join('\n')]);
  const events: { rows: number; bytes: number; totalBytes: number }[] = [];
  const report = await parseCustomerCsv(file, { onProgress: (p) => events.push(p) });
  assert.ok(events.length >= 2, `${events.length} progress events`);
  assert.deepEqual(events.at(-1), { rows: 60_000, bytes: file.size, totalBytes: file.size });
  assert.ok(events.every((e, i) => i === 0 || e.bytes > events[i - 1].bytes));
  assert.equal(report.rows, 60_000);
  assert.equal(accountedFor(report), 60_000);
});

test('aborting rejects with the signal reason', async () => {
  const lines = ['name,phone,email'];
  for (let i = 0; i < 60_000; i++) lines.push(`C${i},98${String(i).padStart(8, '0')},`);
  const controller = new AbortController();
  const run = parseCustomerCsv(new Blob([lines.join('\n')]), {
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  await assert.rejects(run, (error: Error) => error.name === 'AbortError');

  const already = AbortSignal.abort();
  await assert.rejects(parseCustomerCsv('phone,email\n', { signal: already }), {
    name: 'AbortError',
  });
});

test('user-segments/core exports the CSV pipeline', async () => {
  const core = await import('../../src/core.ts');
  for (const name of [
    'parseCustomerCsv',
    'peekCustomerCsv',
    'parseCustomerCsvInWorker',
    'peekCustomerCsvInWorker',
    'rejectedRowsToCsv',
    'columnMappingIssues',
  ]) {
    assert.equal(typeof (core as Record<string, unknown>)[name], 'function', name);
  }
});

test('a rejected row with one bad value and one blank names the blank one as missing', async () => {
  const report = await parseCustomerCsv(
    ['name,phone,email', 'Asha,12345,', 'Ravi,,ravi@@example.com', 'Meena,,'].join('\n'),
  );
  assert.deepEqual(
    report.rejected.map((row) => row.line),
    [2, 3, 4],
  );
  const [badPhone, badEmail, neither] = report.rejected.map((row) => row.reason);
  assert.match(badPhone, /"12345" is not a valid phone number/);
  assert.match(badPhone, /\bno email\b/i);
  assert.doesNotMatch(badPhone, /\bno phone\b/i);
  assert.match(badEmail, /"ravi@@example.com" is not a valid email address/);
  assert.match(badEmail, /\bno phone\b/i);
  assert.doesNotMatch(badEmail, /\bno email\b/i);
  assert.match(neither, /no phone or email/i);
});

test('a row repeating an earlier phone written another way, or an email in another case, is a duplicate', async () => {
  const report = await parseCustomerCsv(
    [
      'name,phone,email',
      'Asha,98765 43210,asha@example.in',
      'Asha again,+91 98765 43210,other@example.in',
      'Asha by mail, 98765 00001 , ASHA@Example.IN ',
      'Ravi,98765 00002,ravi@example.in',
      'Ravi by mail,,RAVI@EXAMPLE.IN',
    ].join('\n'),
  );
  assert.equal(report.rows, 5);
  assert.deepEqual(report.accepted, [
    { line: 2, phone: '+919876543210', email: 'asha@example.in' },
    { line: 5, phone: '+919876500002', email: 'ravi@example.in' },
  ]);
  assert.equal(report.duplicates, 3);
  assert.deepEqual(report.rejected, []);
});
