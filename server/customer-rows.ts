/**
 * Customers as the API answers them, read from the customers table. Timestamps come back from
 * PostgreSQL already as the model's ISO text ('2024-06-01T18:30:00.000Z', what toISOString
 * writes for the years 0001–9999 that imports accept), so `pg` never builds a Date for them:
 * on a page of 100 that is most of the cost of turning rows into customers.
 */
import type { Customer } from '../src/core.ts';

export interface CustomerRow {
  id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  created_at: string;
  first_order_at: string | null;
  last_order_at: string | null;
  orders_count: number;
  total_spent: string | number;
  tags: string[] | null;
  accepts_marketing: boolean | null;
}

const COLUMNS = 'id name email phone city state orders_count total_spent tags accepts_marketing';
const TIMESTAMPS = ['created_at', 'first_order_at', 'last_order_at'];

/** The select list toCustomer reads, over the customers table or an alias of it (`c`). */
export function customerColumns(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const iso = (name: string) =>
    `to_char(${column(name)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${name}`;
  return [...COLUMNS.split(' ').map(column), ...TIMESTAMPS.map(iso)].join(', ');
}

export function toCustomer(row: CustomerRow): Customer {
  const customer: Customer = {
    id: row.id!,
    createdAt: row.created_at,
    ordersCount: Number(row.orders_count),
    totalSpent: Number(row.total_spent),
  };
  for (const key of ['name', 'email', 'phone', 'city', 'state'] as const) {
    if (row[key] != null) customer[key] = row[key]!;
  }
  if (row.tags != null) customer.tags = row.tags;
  if (row.accepts_marketing != null) customer.acceptsMarketing = row.accepts_marketing;
  if (row.first_order_at) customer.firstOrderAt = row.first_order_at;
  if (row.last_order_at) customer.lastOrderAt = row.last_order_at;
  return customer;
}
