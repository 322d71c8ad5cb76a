/**
 * The host flow that turns a validated CSV into a segment: create the segment (status
 * 'importing'), send its accepted contacts in batches, then finish the import. Any host — the
 * elements, a page of its own, a script — gets the same guarantees:
 *
 * - The create carries an idempotency key, so a create whose answer was lost is sent again
 *   safely; after an abort or a network failure during the create, the flow asks again with
 *   that key to learn whether a segment was made, and cleans it up (or keeps it) like any other.
 * - Until `finishImport`, the segment is listed as importing and nothing counts it: a closed
 *   tab leaves an importing segment with a true `progress`, never one that looks complete.
 * - Batch ids come from the segment's id and the batch's position in the file
 *   (`<segment id>/members/<first>-<end>`), so a retried or resumed batch adds nothing twice.
 * - A failed batch is retried (`unavailable` only: a network blip or a busy store) before giving up.
 * - An interrupted upload is resumed by calling again with `resume` (the segment, or its id)
 *   and the same file: nothing is created, the batches from `progress.received` on are sent
 *   (a batch that landed without its answer is ignored by the adapter), then the import is
 *   finished. A file with another number of contacts is refused (`invalid`, `different-file`).
 * - A segment is never left half-made without saying so: on failure the new segment is deleted
 *   (`onFailure: 'delete'`, the default) or kept for a later `resume` (`'keep'`); either way the
 *   call rejects with an `IncompleteSegmentError` that says which, and how far it got.
 * - With `into`, the file goes into a ready CSV segment instead (`reopenImport`): its contacts
 *   are added to the members (`mode: 'add'`) or replace them (`'replace'`), at `finishImport`
 *   only. Batch ids then name the reopening's generation (`<id>/reopen-<n>/members/<first>-<end>`),
 *   so no batch of an earlier upload is taken for one of this file. On failure the segment goes
 *   back to the members it had (`abandonImport`; `onFailure: 'delete'`) or stays importing for
 *   a later `resume` (`'keep'`); never a mix of old and new shown as ready.
 */
import type { MemberContact, SegmentAdapter } from '../adapter.ts';
import { SegmentError, isSegmentError } from '../errors.ts';
import type { CsvReport, ReopenMode, Segment, SegmentDraft } from '../model.ts';

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
  /**
   * Send the file into this ready CSV segment (`reopenImport`) instead of creating one: `mode`
   * says whether its contacts are added to the members or replace them; `expectedVersion` is
   * the version the caller read (a stale one rejects `conflict`, nothing changed). The draft
   * gives the new file's `csv` summary; its name is not used.
   */
  into?: { id: string; mode: ReopenMode; expectedVersion: number };
  /**
   * What to do with a segment whose members could not all be sent: a new one is deleted, a
   * reopened one (`into`) goes back to the members it had (`'delete'`, the default); or it is
   * kept importing for a later `resume` (`'keep'`).
   */
  onFailure?: 'delete' | 'keep';
  /** Extra attempts for a call that failed with `unavailable`; 2 by default. */
  retries?: number;
  /** The key the segment is created with; a new random one by default. */
  idempotencyKey?: string;
}

/**
 * Thrown when the segment exists (or existed) but not all of its members were sent. `segment`
 * is the segment left behind for `resume` (`removed` and `restored` false), the one that was
 * deleted (`removed` true), or a reopened one that went back to its previous members
 * (`restored` true: `abandonImport`); `code` is the code of the failure that stopped the upload.
 */
export class IncompleteSegmentError extends SegmentError {
  constructor(
    readonly segment: Segment,
    readonly sent: number,
    readonly total: number,
    readonly removed: boolean,
    cause: unknown,
    readonly restored = false,
  ) {
    const code = isSegmentError(cause) ? cause.code : 'unavailable';
    super(
      code,
      removed
        ? `"${segment.name}" was not saved: only ${sent} of ${total} contacts could be sent, so the partial segment was deleted.`
        : restored
          ? `"${segment.name}" was not changed: only ${sent} of ${total} contacts could be sent, so it keeps the contacts it had.`
          : `"${segment.name}" is incomplete: ${sent} of ${total} contacts were sent. Resume the upload or delete the segment.`,
      { cause, issues: isSegmentError(cause) ? cause.issues : [] },
    );
    this.name = 'IncompleteSegmentError';
  }
}

/**
 * The batch id of contacts `[start, end)` of a segment's upload: the same on every retry. A
 * reopened import's (`generation` ≥ 1, its `progress.reopened.generation`) names it, so its
 * batches never share an id with the first upload's or another reopening's.
 */
export function memberBatchId(
  segmentId: string,
  start: number,
  end: number,
  generation = 0,
): string {
  const upload = generation > 0 ? `/reopen-${generation}` : '';
  return `${segmentId}${upload}/members/${start}-${end}`;
}

/**
 * Creates a CSV segment from `draft` (type 'csv', status 'importing'), adds `report.accepted` to
 * it in batches, then finishes the import (`finishImport`). Resolves with the ready segment (its
 * member count included). Rejects with the creation's own `SegmentError` (e.g. `name-taken`)
 * when no segment was made, or with an `IncompleteSegmentError` once one exists.
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
  const { into } = options;
  const resuming = options.resume !== undefined;
  // One key for every attempt at this create: a create whose answer was lost, sent again,
  // answers the segment it made instead of making a second one (or failing as name-taken).
  const idempotencyKey = options.idempotencyKey ?? newKey();
  let segment: Segment | undefined;
  let sent = 0;
  if (resuming) {
    const id = typeof options.resume === 'string' ? options.resume : options.resume!.id;
    // Read again: the stored progress says which batches already landed. Nothing changes
    // until the file is known to be the same, so a failure here is the call's own error.
    segment = await adapter.getSegment(id, { signal });
    assertSameFile(segment, draft, contacts.length);
    if (segment.status !== 'importing') return segment; // finished already
    sent = Math.min(segment.progress?.received ?? 0, contacts.length);
  } else if (into) {
    // Nothing changes until the segment is reopened: a refusal (conflict, a segment importing
    // already) is the call's own error. Retried: the same reopening asked again is answered.
    const csv = draft.csv!;
    segment = await withRetries(retries, signal, () =>
      adapter.reopenImport(into.id, { ...into, csv }, { signal }),
    );
  }
  try {
    if (!segment) {
      segment = await withRetries(retries, signal, () =>
        adapter.createSegment(draft, { signal, idempotencyKey }),
      );
    }
    onProgress?.({ sent, total: contacts.length, segment });
    const made = segment;
    const generation = made.progress?.reopened?.generation ?? 0;
    for (let start = sent; start < contacts.length; start += batchSize) {
      const end = Math.min(start + batchSize, contacts.length);
      const batchId = memberBatchId(made.id, start, end, generation);
      await withRetries(retries, signal, () =>
        adapter.addMembers(made.id, contacts.slice(start, end), { batchId, signal }),
      );
      sent = end;
      onProgress?.({ sent, total: contacts.length, segment: made });
    }
    return await withRetries(retries, signal, () => adapter.finishImport(made.id, { signal }));
  } catch (error) {
    if (into && segment) {
      // A reopened segment goes back to the members it had, unless the caller keeps it to resume.
      let restored = false;
      if (onFailure === 'delete' && sent < contacts.length) {
        const back = await adapter.abandonImport(segment.id).catch(() => undefined);
        if (back) [segment, restored] = [back, true];
      }
      throw new IncompleteSegmentError(segment, sent, contacts.length, false, error, restored);
    }
    segment ??= await createdAnyway(adapter, draft, idempotencyKey, error);
    if (!segment) throw error;
    // A segment resumed by the caller is theirs to keep, and so is one whose every contact
    // landed (only finishing failed: resuming finishes it); others go unless told otherwise.
    const remove = onFailure === 'delete' && !resuming && sent < contacts.length;
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

/**
 * After a create that failed without a clear answer (the network, a timeout, an abort), the
 * segment it made, if it made one: the create is sent again with the same key, without the
 * caller's signal, and the adapter answers the segment the first attempt made. A create the
 * adapter refused (name-taken, invalid) made nothing.
 */
async function createdAnyway(
  adapter: SegmentAdapter,
  draft: SegmentDraft,
  idempotencyKey: string,
  error: unknown,
): Promise<Segment | undefined> {
  if (isSegmentError(error) && error.code !== 'unavailable') return undefined;
  try {
    return await adapter.createSegment(draft, { idempotencyKey });
  } catch {
    return undefined;
  }
}

/** A resumed upload must come from the same file the segment was being filled from. */
function assertSameFile(segment: Segment, draft: SegmentDraft, contacts: number): void {
  const expected = segment.csv;
  const given = draft.csv;
  const same =
    expected !== undefined &&
    expected.accepted === contacts &&
    (given === undefined ||
      (given.accepted === expected.accepted &&
        given.rejected === expected.rejected &&
        given.duplicates === expected.duplicates));
  if (same) return;
  const message = `This is not the file "${segment.name}" was being filled from${expected ? ` (${expected.fileName}, ${expected.accepted} contacts)` : ''}: pick the same file to resume.`;
  throw new SegmentError('invalid', message, {
    issues: [{ path: 'csv', code: 'different-file', message }],
  });
}

const newKey = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `csv-${Date.now()}-${Math.random().toString(36).slice(2)}`;

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
