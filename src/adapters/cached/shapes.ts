import type { CacheEntry } from './cache-entry.ts';

/**
 * What a cached answer must look like to be served. IndexedDB holds whatever an older build, an
 * extension or a damaged disk left there (`null`, `{ items: 5 }`, `[null]`): an entry that fails
 * its check is dropped and asked of the inner adapter again, never handed to an element.
 */
export type AnswerCheck = (value: unknown) => boolean;

/** The envelope every entry has, whatever its answer: its own key, string tags, a time. */
export function isEntry(entry: unknown, key: string): entry is CacheEntry {
  if (!isRecord(entry)) return false;
  return (
    entry.key === key &&
    Array.isArray(entry.tags) &&
    entry.tags.every((tag) => typeof tag === 'string') &&
    typeof entry.storedAt === 'number' &&
    Number.isFinite(entry.storedAt)
  );
}

/** A segment as the elements read it: an id, a name, a type and a version at least. */
export function isSegment(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.type === 'string' &&
    isCount(value.version) &&
    (value.memberCount === null || value.memberCount === undefined || isCount(value.memberCount))
  );
}

/** A page whose items each pass `item`, with its total and an optional cursor. */
export const isPageOf =
  (item: AnswerCheck): AnswerCheck =>
  (value) =>
    isRecord(value) &&
    Array.isArray(value.items) &&
    value.items.every(item) &&
    isCount(value.total) &&
    (value.next === undefined || typeof value.next === 'string');

export const isSegmentPage: AnswerCheck = isPageOf(isSegment);

/** A member: a customer with an id (the rest is optional in the model). */
export const isMemberPage: AnswerCheck = isPageOf(
  (value) => isRecord(value) && typeof value.id === 'string',
);

export const isCountAnswer: AnswerCheck = (value) =>
  isRecord(value) && isCount(value.count) && isCount(value.total);

/** A count history: points with a calendar day and a count, days rising. */
export const isHistory: AnswerCheck = (value) =>
  Array.isArray(value) &&
  value.every(
    (point, i) =>
      isRecord(point) &&
      typeof point.date === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(point.date) &&
      isCount(point.count) &&
      (i === 0 || (value[i - 1] as { date: string }).date < point.date),
  );

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
