import { SegmentError, isSegmentError } from '../../errors.ts';

/**
 * Any failure of IndexedDB as a SegmentError: the caller sees `unavailable` (cannot open, quota,
 * aborted transaction) or `invalid` (a value IndexedDB cannot store), never a raw DOMException.
 * An aborted signal's reason passes through untouched, as fetch does.
 */
export function toSegmentError(error: unknown, signal?: AbortSignal): unknown {
  // Whatever failed after the caller gave up (often the abort itself, wrapped by Dexie), the
  // caller asked to stop: that is the answer.
  if (signal?.aborted) return signal.reason;
  if (isSegmentError(error)) return error;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) {
    return new SegmentError('unavailable', 'The browser has no storage space left for segments.', {
      cause: error,
    });
  }
  if (names.includes('DataCloneError')) {
    return new SegmentError('invalid', 'A value could not be stored: it is not plain data.', {
      cause: error,
    });
  }
  return new SegmentError('unavailable', 'Segments cannot be stored in this browser right now.', {
    cause: error,
  });
}

/**
 * The names of an error and of the errors it wraps: Dexie wraps the DOMException it got from
 * IndexedDB in `inner`, sometimes twice (a quota failure arrives as an AbortError around a
 * QuotaExceededError).
 */
export function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}
