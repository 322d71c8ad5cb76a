/**
 * Writes demo/sample-customers.csv from the demo store's own generated customers, in the messy
 * shapes sellers' spreadsheets really have, plus contacts that are not customers and rows that
 * are broken on purpose. Run: node --import tsx scripts/make-demo-csv.ts
 */
import { writeFileSync } from 'node:fs';
import { generateStore } from '../src/testing/index.ts';
import { DEMO_STORE } from '../demo/store.ts';

const { customers } = generateStore({
  seed: DEMO_STORE.seed,
  customers: DEMO_STORE.customers,
  orders: DEMO_STORE.orders,
});

const national = (e164: string) => e164.slice(3);
const messyPhone = (e164: string, i: number) =>
  [
    national(e164),
    `${national(e164).slice(0, 5)} ${national(e164).slice(5)}`,
    `+91-${national(e164).slice(0, 5)}-${national(e164).slice(5)}`,
    `0${national(e164)}`,
    `91${national(e164)}`,
  ][i % 5];

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const lines = [['name', 'mobile_no', 'email', 'city']];
customers.slice(0, 60).forEach((customer, i) => {
  lines.push([
    customer.name ?? '',
    customer.phone ? messyPhone(customer.phone, i) : '',
    i % 3 === 0 ? (customer.email ?? '').toUpperCase() : (customer.email ?? ''),
    customer.city ?? '',
  ]);
});
lines.push(
  ['Walk-in buyer', '98450 12345', 'walkin.buyer@gmail.com', 'Mysuru'],
  ['Exhibition lead', '', 'lead.exhibition@yahoo.co.in', 'Pune'],
  ['Spreadsheet victim', '9.87654321E+09', '', 'Delhi'],
  ['Typo', '12345', 'not-an-email', 'Jaipur'],
  [lines[1][0], lines[1][1], lines[1][2], lines[1][3]],
);
writeFileSync(
  new URL('../demo/sample-customers.csv', import.meta.url),
  lines.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n',
);
console.log(`demo/sample-customers.csv: ${lines.length - 1} data rows`);
