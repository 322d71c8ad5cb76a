/**
 * The host flow that turns a validated CSV into a segment: create the
 * segment, then send its accepted contacts in batches. Any host — the elements, a page of its own,
 * a script — gets the same guarantees:
 *
 * - Batch ids come from the segment's id and the batch's position in the file
 *   (`<segment id>/members/<first>-<end>`), so a retried or resumed batch adds nothing twice.
 * - A failed batch is retried (`unavailable` only: a network blip or a busy store) before giving up.
 * - An interrupted upload is resumed by calling again with `resume` (the segment, or its id):
 *   nothing is created, every batch is sent again under its same id, and the adapter ignores
 *   the ones it already has.
 * - A segment is never left half-made without saying so: on failure the new segment is deleted
 *   (`onFailure: 'delete'`, the default) or kept for a later `resume` (`'keep'`); either way the
 *   call rejects with an `IncompleteSegmentError` that says which, and how far it got.
 */
import type { MemberContact, SegmentAdapter } from '../adapter.ts';
import { SegmentError, isSegmentError } from '../errors.ts';
import type { CsvReport, Segment, SegmentDraft } from '../model.ts';

export interface SaveCsvProgress {
  /** Contacts sent so far (including batches the adapter already had). */
  sent: number;
  /** Contacts to send: `report.accepted.length`. */
  total: number;
  /** The segment being filled. */
  segment: Segment;
}

export interface SaveCsvSegmentOptions {
  /** Contacts per `addMembers` call; 1,000 by default. */
  batchSize?: number;
  onProgress?: (progress: SaveCsvProgress) => void;
  /** Aborting stops between batches and rejects (after cleaning up as `onFailure` says). */
  signal?: AbortSignal;
  /** Continue an earlier upload into this segment (or segment id) instead of creating one. */
  resume?: Segment | string;
  /** What to do with a segment whose members could not all be sent. */
  onFailure?: 'delete' | 'keep';
  /** Extra attempts for a batch that failed with `unavailable`; 2 by default. */
  retries?: number;
}

/**
 * Thrown when the segment exists (or existed) but not all of its members were sent. `segment`
 * is the segment left behind for `resume` (`removed` false) or the one that was deleted
 * (`removed` true); `code` is the code of the failure that stopped the upload.
 */
export class IncompleteSegmentError extends SegmentError {
  constructor(
    readonly segment: Segment,
    readonly sent: number,
    readonly total: number,
    readonly removed: boolean,
    cause: unknown,
  ) {
    const code = isSegmentError(cause) ? cause.code : 'unavailable';
    super(
      code,
      removed
        ? `"${segment.name}" was not saved: only ${sent} of ${total} contacts could be sent, so the partial segment was deleted.`
        : `"${segment.name}" is incomplete: ${sent} of ${total} contacts were sent. Resume the upload or delete the segment.`,
      { cause, issues: isSegmentError(cause) ? cause.issues : [] },
    );
    this.name = 'IncompleteSegmentError';
  }
}

/** The batch id of contacts `[start, end)` of a segment's upload: the same on every retry. */
export function memberBatchId(segmentId: string, start: number, end: number): string {
  return `${segmentId}/members/${start}-${end}`;
}

/**
 * Creates a CSV segment from `draft` (type 'csv') and adds `report.accepted` to it in batches.
 * Resolves with the segment as the adapter reports it after the last batch (its member count
 * included). Rejects with the creation's own `SegmentError` (e.g. `name-taken`) when nothing
 * was created, or with an `IncompleteSegmentError` once a segment exists.
 */
export async function saveCsvSegment(
  adapter: SegmentAdapter,
  draft: SegmentDraft,
  report: Pick<CsvReport, 'accepted'>,
  options: SaveCsvSegmentOptions = {},
): Promise<Segment> {
  const { signal, onProgress, onFailure = 'delete', retries = 2 } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1_000));
  if (draft.type !== 'csv') {
    throw new SegmentError('invalid', 'saveCsvSegment saves CSV segments only.', {
      issues: [{ path: 'type', code: 'type', message: "The draft's type must be 'csv'." }],
    });
  }
  signal?.throwIfAborted();
  const contacts: MemberContact[] = report.accepted.map(({ phone, email }) =>
    phone !== undefined && email !== undefined ? { phone, email } : phone ? { phone } : { email },
  );
  const resuming = options.resume !== undefined;
  const segment =
    typeof options.resume === 'string'
      ? await adapter.getSegment(options.resume, { signal })
      : (options.resume ?? (await adapter.createSegment(draft, { signal })));

  let sent = 0;
  try {
    onProgress?.({ sent, total: contacts.length, segment });
    for (let start = 0; start < contacts.length; start += batchSize) {
      const end = Math.min(start + batchSize, contacts.length);
      const batchId = memberBatchId(segment.id, start, end);
      await withRetries(retries, signal, () =>
        adapter.addMembers(segment.id, contacts.slice(start, end), { batchId, signal }),
      );
      sent = end;
      onProgress?.({ sent, total: contacts.length, segment });
    }
    return await adapter.getSegment(segment.id, { signal });
  } catch (error) {
    if (sent === contacts.length) throw error; // every member is in; only the final read failed
    // A segment resumed by the caller is theirs to keep; one made here goes unless told otherwise.
    const remove = onFailure === 'delete' && !resuming;
    let removed = false;
    if (remove) {
      // Without the signal: an aborted upload must still clean up after itself.
      removed = await adapter.deleteSegment(segment.id).then(
        () => true,
        () => false,
      );
    }
    throw new IncompleteSegmentError(segment, sent, contacts.length, removed, error);
  }
}

async function withRetries<T>(
  retries: number,
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      if (attempt >= retries || !isSegmentError(error, 'unavailable') || signal?.aborted)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
