// Accepted rows cross from the CSV worker to the page packed into bytes: what the page unpacks
// must be exactly the rows the worker accepted, batch after batch, whatever the values hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AcceptedPacker, unpackAccepted } from '../../src/csv/accepted-batch.ts';
import type { CsvAcceptedRow } from '../../src/model.ts';
import { checkProperty } from './helpers/seeds.ts';

/** The row as the report writes it: absent values are absent keys, not empty strings. */
function row(line: number, phone?: string, email?: string): CsvAcceptedRow {
  const expected: CsvAcceptedRow = { line };
  if (phone) expected.phone = phone;
  if (email) expected.email = email;
  return expected;
}

test('rows with a phone, an email or both come back as written, in order', () => {
  const packer = new AcceptedPacker();
  packer.add(2, '+919876543210', 'asha@example.com');
  packer.add(3, undefined, 'ravi@example.in');
  packer.add(5, '+14155550123', undefined);
  packer.add(2_000_000_000, '+447911123456', '');
  const rows: CsvAcceptedRow[] = [];
  unpackAccepted(packer.take(), rows);
  assert.deepEqual(rows, [
    row(2, '+919876543210', 'asha@example.com'),
    row(3, undefined, 'ravi@example.in'),
    row(5, '+14155550123'),
    row(2_000_000_000, '+447911123456'),
  ]);
  assert.equal(packer.size, 0, 'a take empties the packer');
});

test('non-ASCII values (which checked values never hold, but the packing must not corrupt) survive', () => {
  const packer = new AcceptedPacker();
  packer.add(1, '+91९८७६५४३२१०', 'आशा@उदाहरण.भारत');
  packer.add(2, '+91😀', 'x@example.com');
  const rows: CsvAcceptedRow[] = [];
  unpackAccepted(packer.take(), rows);
  assert.deepEqual(rows, [
    row(1, '+91९८७६५४३२१०', 'आशा@उदाहरण.भारत'),
    row(2, '+91😀', 'x@example.com'),
  ]);
});

test('batch after batch, past the initial buffers and after a clear, every row arrives once', () => {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/\n/g, '')),
  );
  checkProperty(
    fc.property(
      fc.array(fc.array(fc.tuple(value, value), { maxLength: 50 }), { maxLength: 6 }),
      fc.integer({ min: 0, max: 5 }),
      (batches, clearAt) => {
        const packer = new AcceptedPacker();
        const rows: CsvAcceptedRow[] = [];
        const expected: CsvAcceptedRow[] = [];
        let line = 1;
        batches.forEach((batch, b) => {
          for (const [phone, email] of batch) packer.add(line++, phone, email);
          if (b === clearAt) {
            packer.clear();
            return;
          }
          for (let i = 0; i < batch.length; i++)
            expected.push(row(line - batch.length + i, batch[i][0], batch[i][1]));
          unpackAccepted(packer.take(), rows);
        });
        assert.deepEqual(rows, expected);
      },
    ),
  );
  // Far past the first buffers (4,096 rows, 128 KiB), in one batch.
  const packer = new AcceptedPacker();
  const many = Array.from({ length: 20_000 }, (_, i) =>
    row(i + 2, `+9198${String(i).padStart(8, '0')}`, `customer.${i}.of.a.large.shop@example.co.in`),
  );
  for (const r of many) packer.add(r.line, r.phone, r.email);
  const rows: CsvAcceptedRow[] = [];
  unpackAccepted(packer.take(), rows);
  assert.deepEqual(rows, many);
});
