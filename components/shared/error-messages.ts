/**
 * The one mapping from errors to what a seller reads: a `SegmentError`'s `code` picks the
 * message from the `errors` section of the translation table; anything else is "Something went
 * wrong". Never shows an exception's own text, which is English and often technical.
 */
import { isSegmentError } from '../../src/core.ts';
import type { Translation } from './translations/en.ts';

export type ErrorStrings = Translation['errors'];

export function errorMessage(error: unknown, strings: ErrorStrings): string {
  return isSegmentError(error) ? (strings[error.code] ?? strings.unknown) : strings.unknown;
}

/** An abort (a newer request, the user's Cancel, the element leaving): not an error to show. */
export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';
