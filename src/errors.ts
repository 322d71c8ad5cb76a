import type { Issue } from './model.ts';

/** Every failure the adapters and the engine report. */
export type SegmentErrorCode =
  | 'name-taken'
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'read-only'
  | 'unavailable'
  | 'unauthorized'
  /** The segment is still importing its contacts: resume (or delete) it first. */
  | 'incomplete';

/**
 * An error as a value with a code, so components can map it to a message and hosts can branch
 * on it without parsing text. `issues` explains an `invalid` error item by item.
 */
export class SegmentError extends Error {
  readonly code: SegmentErrorCode;
  readonly issues: Issue[];

  constructor(
    code: SegmentErrorCode,
    message: string,
    options: { issues?: Issue[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SegmentError';
    this.code = code;
    this.issues = options.issues ?? [];
  }

  /** The JSON body of the REST contract: `{ code, message, issues? }`. */
  toJSON(): { code: SegmentErrorCode; message: string; issues?: Issue[] } {
    return this.issues.length
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export const isSegmentError = (error: unknown, code?: SegmentErrorCode): error is SegmentError =>
  error instanceof SegmentError && (code === undefined || error.code === code);
