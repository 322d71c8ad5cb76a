/**
 * One class per custom event, so the name, the detail and the propagation are set in one place
 * and listeners get typed events. Every event bubbles and is composed: hosts listen on any
 * ancestor, across shadow roots.
 */
import type { CsvReport } from '../../src/core.ts';

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
