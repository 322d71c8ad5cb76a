/**
 * The rules of an importing CSV segment that every adapter shares: a CSV segment is created
 * 'importing', counted and listed by no one until `finishImport` after its last contact landed,
 * and created at most once per idempotency key.
 */
import { SegmentError } from '../errors.ts';
import type { ImportProgress, Segment, SegmentDraft } from '../model.ts';

/**
 * An import as an adapter stores it (the status and the contacts received so far) or as a
 * Segment shows it (the status and its progress).
 */
export interface ImportState {
  name: string;
  type: string;
  status?: Segment['status'];
  received?: number;
  progress?: ImportProgress;
  csv?: { accepted: number };
}

/** The progress of an importing segment; undefined once it is ready. */
export function importProgress(state: ImportState): ImportProgress | undefined {
  if (state.status !== 'importing') return undefined;
  if (state.progress) return { ...state.progress };
  return { received: Number(state.received ?? 0), expected: state.csv?.accepted ?? 0 };
}

/** Refuses to count or list the members of a segment that is still importing. */
export function assertReady(state: ImportState): void {
  const progress = importProgress(state);
  if (progress) throw incomplete(state.name, progress);
}

/**
 * Refuses `finishImport` before every contact landed, and on segments that never import (a
 * filter segment has nothing to finish).
 */
export function assertFinishable(state: ImportState): void {
  if (state.type !== 'csv') {
    throw new SegmentError('invalid', 'Only a CSV segment imports contacts.', {
      issues: [{ path: 'segmentId', code: 'not-csv', message: 'Not a CSV segment.' }],
    });
  }
  const progress = importProgress(state);
  if (progress && progress.received < progress.expected) throw incomplete(state.name, progress);
}

export function incomplete(name: string, progress: ImportProgress): SegmentError {
  return new SegmentError(
    'incomplete',
    `"${name}" is still importing: ${progress.received} of ${progress.expected} contacts are in. Resume the upload or delete the segment.`,
  );
}

/** An idempotency key as the contract allows it: 1–200 characters. */
export function checkIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw new SegmentError('invalid', 'An idempotency key is 1 to 200 characters.', {
      issues: [{ path: 'idempotencyKey', code: 'invalid-key', message: 'Use 1–200 characters.' }],
    });
  }
  return key;
}

/** The same key sent with another draft: the caller reused a key it should not have. */
export function keyReused(): SegmentError {
  return new SegmentError('invalid', 'This Idempotency-Key was used for another segment.', {
    issues: [
      {
        path: 'Idempotency-Key',
        code: 'key-reused',
        message: 'Give every new segment its own key.',
      },
    ],
  });
}

/** A stable text of a draft, to tell a replayed create from another one under the same key. */
export function draftFingerprint(draft: SegmentDraft): string {
  return JSON.stringify([draft.name, draft.type, draft.filter ?? null, draft.csv ?? null]);
}
