/**
 * The rules of an importing CSV segment that every adapter shares: a CSV segment is created
 * 'importing', counted and listed by no one until `finishImport` after its last contact landed,
 * and created at most once per idempotency key.
 */
import type { ReopenImport } from '../adapter.ts';
import { SegmentError } from '../errors.ts';
import type { CsvSummary, ImportProgress, ReopenMode, Segment, SegmentDraft } from '../model.ts';
import { csvProblem } from './rules.ts';

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
  reopen?: ReopenState | null;
}

/**
 * What an adapter keeps about a reopened import (`reopenImport`) until it is finished or
 * abandoned: the mode and generation, where the staged contacts start (`mark`: the LocalAdapter's
 * first member block of the upload, the server's last member position before it), and the
 * segment's `csv` and member total before it, which `abandonImport` puts back.
 */
export interface ReopenState {
  mode: ReopenMode;
  generation: number;
  mark: number;
  previousCsv: CsvSummary;
  previousTotal: number;
}

/** The progress of an importing segment; undefined once it is ready. */
export function importProgress(state: ImportState): ImportProgress | undefined {
  if (state.status !== 'importing') return undefined;
  if (state.progress) return structuredClone(state.progress);
  const progress: ImportProgress = {
    received: Number(state.received ?? 0),
    expected: state.csv?.accepted ?? 0,
  };
  if (state.reopen) {
    progress.reopened = { mode: state.reopen.mode, generation: state.reopen.generation };
  }
  return progress;
}

/** A `reopenImport` request as the contract allows it, or `invalid` saying what is wrong. */
export function checkReopen(reopen: ReopenImport): ReopenImport {
  const issues: { path: string; code: string; message: string }[] = [];
  if (!reopen || typeof reopen !== 'object') {
    issues.push({ path: '', code: 'not-an-object', message: 'Say how to reopen the import.' });
  } else {
    if (reopen.mode !== 'add' && reopen.mode !== 'replace') {
      issues.push({ path: 'mode', code: 'invalid-mode', message: "Choose 'add' or 'replace'." });
    }
    const problem = csvProblem(reopen.csv);
    if (problem) issues.push({ path: 'csv', code: 'invalid-csv', message: problem });
    if (!Number.isSafeInteger(reopen.expectedVersion) || reopen.expectedVersion < 1) {
      issues.push({
        path: 'expectedVersion',
        code: 'invalid-version',
        message: 'Name the version of the segment that was read.',
      });
    }
  }
  if (issues.length) throw new SegmentError('invalid', issues[0]!.message, { issues });
  return { mode: reopen.mode, csv: { ...reopen.csv }, expectedVersion: reopen.expectedVersion };
}

/**
 * Whether a segment is importing because of this very `reopenImport` (its answer was lost and it
 * is asked again): same mode and file, nothing received yet or since, one version on.
 */
export function isSameReopen(
  state: ImportState & { version: number; csv?: CsvSummary },
  reopen: ReopenImport,
): boolean {
  return (
    state.status === 'importing' &&
    state.reopen?.mode === reopen.mode &&
    state.version === reopen.expectedVersion + 1 &&
    JSON.stringify(csvKey(state.csv)) === JSON.stringify(csvKey(reopen.csv))
  );
}

const csvKey = (csv: CsvSummary | undefined) =>
  csv && [
    csv.fileName,
    csv.phoneColumn,
    csv.emailColumn,
    csv.accepted,
    csv.rejected,
    csv.duplicates,
  ];

/** `reopenImport` on a segment that is importing already (its first file or another reopening). */
export function alreadyImporting(name: string): SegmentError {
  return new SegmentError(
    'incomplete',
    `"${name}" is still importing a file. Resume that upload (or abandon it) before taking another file.`,
  );
}

/** `abandonImport` on a segment still importing its first file: there is nothing to go back to. */
export function notReopened(): SegmentError {
  return new SegmentError(
    'invalid',
    'This segment is importing its first file; there is nothing to go back to. Delete it instead.',
    { issues: [{ path: 'segmentId', code: 'not-reopened', message: 'Not a reopened import.' }] },
  );
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
