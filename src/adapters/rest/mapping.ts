import type { AudienceMember, AudiencePage, CountPoint, Page } from '../../adapter.ts';
import { SegmentError } from '../../errors.ts';
import type { CsvSummary, Customer, FilterGroup, Segment } from '../../model.ts';
import { validateFilter } from '../../filter/validate.ts';
import { parseCalendarDate } from '../../filter/dates.ts';

/**
 * Answers of the server as model values. Only the fields the model knows are kept, and a
 * missing or mistyped required field is an `unavailable` error (the server is not speaking the
 * contract) rather than a value that breaks an element later.
 */

export function toSegment(value: unknown): Segment {
  const raw = record(value, 'segment');
  const segment: Segment = {
    id: text(raw.id, 'segment.id'),
    name: text(raw.name, 'segment.name'),
    type: oneOf(raw.type, ['csv', 'filter', 'predefined'] as const, 'segment.type'),
    scope: oneOf(raw.scope, ['store', 'global'] as const, 'segment.scope'),
    memberCount: raw.memberCount === null ? null : count(raw.memberCount, 'segment.memberCount'),
    readOnly: flag(raw.readOnly, 'segment.readOnly'),
    version: count(raw.version, 'segment.version'),
    createdAt: instant(raw.createdAt, 'segment.createdAt'),
    updatedAt: instant(raw.updatedAt, 'segment.updatedAt'),
  };
  if (raw.status !== undefined && raw.status !== 'ready') {
    segment.status = oneOf(raw.status, ['importing'] as const, 'segment.status');
    const progress = record(raw.progress, 'segment.progress');
    segment.progress = {
      received: count(progress.received, 'progress.received'),
      expected: count(progress.expected, 'progress.expected'),
    };
  }
  if (raw.filter !== undefined) {
    // The same limits every adapter holds a filter to (depth, conditions, values): a filter
    // past them could not be shown or counted, and a deep one would crash a renderer.
    const issue = validateFilter(raw.filter)[0];
    if (issue) throw malformed(`segment.filter (${issue.path || 'filter'}: ${issue.message})`);
    segment.filter = raw.filter as unknown as FilterGroup;
  }
  if (raw.csv !== undefined) {
    const csv = record(raw.csv, 'segment.csv');
    segment.csv = {
      fileName: text(csv.fileName, 'csv.fileName'),
      phoneColumn: text(csv.phoneColumn, 'csv.phoneColumn'),
      emailColumn: text(csv.emailColumn, 'csv.emailColumn'),
      accepted: count(csv.accepted, 'csv.accepted'),
      rejected: count(csv.rejected, 'csv.rejected'),
      duplicates: count(csv.duplicates, 'csv.duplicates'),
    } satisfies CsvSummary;
  }
  return segment;
}

/**
 * A page of segments. A segment that is not the contract does not fail the page: it is listed
 * as what can be read of it, marked `unreadable`, so the seller sees it and can delete it.
 */
export function toSegmentPage(value: unknown): Page<Segment> {
  return page(value, toListedSegment);
}

function toListedSegment(value: unknown): Segment {
  try {
    return toSegment(value);
  } catch (error) {
    const raw = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const either = <T>(read: () => T, fallback: T): T => {
      try {
        return read();
      } catch {
        return fallback;
      }
    };
    const id = typeof raw.id === 'string' ? raw.id : '';
    return {
      id,
      name: typeof raw.name === 'string' ? raw.name.slice(0, 200) : '',
      type: either(() => oneOf(raw.type, ['csv', 'filter', 'predefined'] as const, ''), 'filter'),
      scope: either(() => oneOf(raw.scope, ['store', 'global'] as const, ''), 'store'),
      memberCount: null,
      // Without an id nothing can be asked about it; with one it can be deleted.
      readOnly: !id || raw.readOnly !== false,
      version: either(() => count(raw.version, ''), 0),
      createdAt: either(() => instant(raw.createdAt, ''), EPOCH),
      updatedAt: either(() => instant(raw.updatedAt, ''), EPOCH),
      unreadable: (error as Error).message,
    };
  }
}

const EPOCH = new Date(0).toISOString();

export function toCustomerPage(value: unknown): Page<Customer> {
  return page(value, toCustomer);
}

export function toCount(value: unknown): { count: number; total: number } {
  const raw = record(value, 'count');
  return { count: count(raw.count, 'count'), total: count(raw.total, 'total') };
}

/** `{ points }` of GET /segments/{id}/history: calendar days, each once, oldest first. */
export function toHistory(value: unknown): CountPoint[] {
  const raw = record(value, 'history');
  if (!Array.isArray(raw.points)) throw malformed('history.points');
  let previous = '';
  return raw.points.map((item: unknown) => {
    const point = record(item, 'history point');
    const date = text(point.date, 'history point date');
    if (parseCalendarDate(date) === undefined || date <= previous) throw malformed('history date');
    previous = date;
    return { date, count: count(point.count, 'history point count') };
  });
}

export function toCustomer(value: unknown): Customer {
  const raw = record(value, 'customer');
  const customer: Customer = {
    id: text(raw.id, 'customer.id'),
    createdAt: instant(raw.createdAt, 'customer.createdAt'),
    ordersCount: count(raw.ordersCount, 'customer.ordersCount'),
    totalSpent: count(raw.totalSpent, 'customer.totalSpent'),
  };
  for (const key of ['name', 'email', 'phone', 'city', 'state'] as const) {
    if (raw[key] != null) customer[key] = text(raw[key], `customer.${key}`);
  }
  if (raw.tags != null) {
    if (!Array.isArray(raw.tags)) throw malformed('customer.tags');
    customer.tags = raw.tags.map((tag) => text(tag, 'customer.tags'));
  }
  if (raw.acceptsMarketing != null) {
    customer.acceptsMarketing = flag(raw.acceptsMarketing, 'customer.acceptsMarketing');
  }
  if (raw.firstOrderAt != null) customer.firstOrderAt = instant(raw.firstOrderAt, 'firstOrderAt');
  if (raw.lastOrderAt != null) customer.lastOrderAt = instant(raw.lastOrderAt, 'lastOrderAt');
  if (raw.spendRank != null) customer.spendRank = count(raw.spendRank, 'customer.spendRank');
  return customer;
}

export function toAudiencePage(value: unknown): AudiencePage {
  const listed = page(value, (item) => {
    const raw = record(item, 'audience member');
    const member: AudienceMember = {};
    if (raw.customerId != null) member.customerId = text(raw.customerId, 'member.customerId');
    if (raw.phone != null) member.phone = text(raw.phone, 'member.phone');
    if (raw.email != null) member.email = text(raw.email, 'member.email');
    return member;
  });
  const removed = record(record(value, 'audience').removed, 'audience.removed');
  return {
    ...listed,
    removed: {
      duplicates: count(removed.duplicates, 'removed.duplicates'),
      noConsent: count(removed.noConsent, 'removed.noConsent'),
      noChannel: count(removed.noChannel, 'removed.noChannel'),
    },
  };
}

// ---- helpers ----

function page<T>(value: unknown, item: (value: unknown) => T): Page<T> {
  const raw = record(value, 'page');
  if (!Array.isArray(raw.items)) throw malformed('page.items');
  const result: Page<T> = { items: raw.items.map(item), total: count(raw.total, 'page.total') };
  if (raw.next != null) result.next = text(raw.next, 'page.next');
  return result;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed(what);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(what);
  return value;
}

function count(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw malformed(what);
  return value as number;
}

function flag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw malformed(what);
  return value;
}

function instant(value: unknown, what: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw malformed(what);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw malformed(what);
  return value as T;
}

function malformed(what: string): SegmentError {
  return new SegmentError('unavailable', `The server's answer has no valid ${what}.`);
}
