/**
 * One class per custom event, so the name, the detail and the propagation are set in one place
 * and listeners get typed events. Every event bubbles and is composed: hosts listen on any
 * ancestor, across shadow roots.
 */
import type { CsvReport, Segment } from '../../src/core.ts';

const PROPAGATES = { bubbles: true, composed: true } as const;

/** `<csv-mapper>` finished validating a file; `detail.report` includes file-level issues. */
export class CsvValidatedEvent extends CustomEvent<{ report: CsvReport }> {
  constructor(report: CsvReport) {
    super('csv-validated', { ...PROPAGATES, detail: { report } });
  }
}

/**
 * The native `change` name for value changes, as form controls use it; composed so a host
 * outside the element's shadow root hears it too.
 */
export const changeEvent = (): Event => new Event('change', PROPAGATES);

/**
 * The events of `<segment-list>`, `<segment-form>` and `<user-segments>`: one
 * class per name, the segment (or the id of a deleted one) in `detail`.
 */
export type SegmentEventName =
  | 'segment-select'
  | 'segment-edit'
  | 'segment-duplicated'
  | 'segment-saved'
  /** Resume was chosen for a CSV segment whose upload has not finished. */
  | 'segment-resume'
  | 'segment-view'
  | 'segment-export';

export class SegmentEvent extends CustomEvent<{ segment: Segment }> {
  constructor(type: SegmentEventName, segment: Segment) {
    super(type, { ...PROPAGATES, detail: { segment } });
  }
}

/** `<segment-list>` deleted a segment; only its id is left. */
export class SegmentDeletedEvent extends CustomEvent<{ id: string }> {
  constructor(id: string) {
    super('segment-deleted', { ...PROPAGATES, detail: { id } });
  }
}

/** "Add New" in `<segment-list>`, Cancel in `<segment-form>`: no detail. */
export const segmentAddEvent = (): Event => new Event('segment-add', PROPAGATES);
export const segmentCancelEvent = (): Event => new Event('segment-cancel', PROPAGATES);

/** "Back to segments" in `<segment-members>`: no detail. */
export const segmentBackEvent = (): Event => new Event('segment-back', PROPAGATES);
