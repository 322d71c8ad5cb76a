/**
 * The CSV contract: every file-level issue and every rejected row carries a stable code (and the
 * column at fault and the values its message names), so elements translate and group by code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCustomerCsv, peekCustomerCsv } from '../../src/core.ts';

const codes = (rows: { code: string }[]) => rows.map((row) => row.code);

test('each way a row fails has its own code, field and values', async () => {
  const report = await parseCustomerCsv(
    [
      'name,phone,email',
      'A,,', // nothing
      'B,12345,', // bad phone, no email
      'C,,not-an-email', // bad email, no phone
      'D,12345,x@@y', // both bad
      'E,9.87654321E+09,', // spreadsheet mangled the phone
      'F,9.87654321E+09,bad@', // mangled phone, bad email
    ].join('\n'),
  );
  assert.deepEqual(codes(report.rejected), [
    'no-contact',
    'invalid-phone',
    'invalid-email',
    'invalid-contact',
    'scientific-phone',
    'scientific-phone',
  ]);
  const [none, phone, email, both] = report.rejected;
  assert.equal(none.field, undefined);
  assert.equal(none.params, undefined);
  assert.deepEqual([phone.field, phone.params], ['phone', { country: 'IN', phone: '12345' }]);
  assert.deepEqual(
    [email.field, email.params],
    ['email', { country: 'IN', email: 'not-an-email' }],
  );
  assert.deepEqual(
    [both.field, both.params],
    [undefined, { country: 'IN', phone: '12345', email: 'x@@y' }],
  );
  // The English reason still names the row's own values.
  assert.match(phone.reason, /"12345" is not a valid phone number for IN; no email/);
});

test('five thousand bad rows fall into a handful of codes', async () => {
  const lines = ['name,phone,email'];
  for (let i = 0; i < 5000; i++) {
    const kind = i % 3;
    lines.push(kind === 0 ? `n${i},,` : kind === 1 ? `n${i},${i},` : `n${i},,user${i}@`);
  }
  const report = await parseCustomerCsv(lines.join('\n'));
  assert.equal(report.rejected.length, 5000);
  assert.equal(new Set(report.rejected.map((row) => row.reason)).size > 3000, true);
  assert.deepEqual(
    new Set(codes(report.rejected)),
    new Set(['no-contact', 'invalid-phone', 'invalid-email']),
  );
});

test('a header with spaces is matched exactly by default, and the report names the columns used', async () => {
  const csv = 'Full Name,Mobile Number,Email Address\nAsha,98765 43210,asha@example.com\n';
  const matched = await parseCustomerCsv(csv);
  assert.deepEqual(matched.issues, []);
  assert.equal(matched.phoneColumn, 'Mobile Number');
  assert.equal(matched.emailColumn, 'Email Address');
  assert.deepEqual(matched.accepted, [
    { line: 2, phone: '+919876543210', email: 'asha@example.com' },
  ]);

  const named = await parseCustomerCsv(csv, {
    phoneColumn: 'Mobile Number',
    emailColumn: 'Email Address',
  });
  assert.deepEqual(named.issues, []);
  assert.equal(named.accepted.length, 1);
  // Exactly: another spacing or case is not the same header.
  const near = await parseCustomerCsv(csv, { phoneColumn: 'Mobile  Number' });
  assert.deepEqual(codes(near.issues), ['unknown-column']);

  const strict = await parseCustomerCsv(csv, { strictHeaders: true });
  assert.deepEqual(codes(strict.issues), ['header-space', 'header-space']);
  assert.deepEqual(
    strict.issues.map((issue) => [issue.field, issue.params]),
    [
      ['phone', { column: 'Mobile Number', suggestion: 'Mobile_Number' }],
      ['email', { column: 'Email Address', suggestion: 'Email_Address' }],
    ],
  );
});

test('column issues say which field they concern and what they name', async () => {
  const unknown = await parseCustomerCsv('name,Phone,email\nA,9876543210,\n', {
    phoneColumn: 'phone',
  });
  assert.deepEqual(
    unknown.issues.map(({ code, field, params }) => ({ code, field, params })),
    [{ code: 'unknown-column', field: 'phone', params: { column: 'phone', suggestion: 'Phone' } }],
  );
  const repeated = await parseCustomerCsv('phone,email,phone\n1,a@b.in,2\n');
  assert.deepEqual(
    repeated.issues.map(({ code, field, params }) => ({ code, field, params })),
    [{ code: 'ambiguous-column', field: 'phone', params: { column: 'phone', columns: '1, 3' } }],
  );
  const same = await parseCustomerCsv('contact,x\n1,2\n', {
    phoneColumn: 'contact',
    emailColumn: 'contact',
  });
  assert.deepEqual(
    same.issues.map(({ code, params }) => ({ code, params })),
    [{ code: 'same-column', params: { column: 'contact' } }],
  );
  const missing = await parseCustomerCsv('name,city\nA,Pune\n');
  assert.deepEqual(
    missing.issues.map(({ code, field }) => [code, field]),
    [
      ['missing-phone-column', 'phone'],
      ['missing-email-column', 'email'],
    ],
  );
});

test('a workbook and other binary files share a code and differ by params.kind', async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0]);
  const report = await parseCustomerCsv(zip.buffer);
  assert.deepEqual(
    report.issues.map(({ code, params }) => ({ code, params })),
    [{ code: 'binary-file', params: { kind: 'workbook' } }],
  );
  const peek = await peekCustomerCsv('phone,email\n');
  assert.deepEqual(codes(peek.issues), ['no-rows']);
});
