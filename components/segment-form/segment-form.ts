/**
 * `user-segments/define/segment-form`: registers `<segment-form>` (never twice) and the
 * `<csv-mapper>` and `<filter-builder>` it embeds, and types its tag for TypeScript hosts.
 * `user-segments/elements/segment-form` is the class without any registration.
 */
import { SegmentForm } from './segment-form.component.ts';
import { defineElement } from '../shared/define.ts';
import '../csv-mapper/csv-mapper.ts';
import '../filter-builder/filter-builder.ts';

export { SegmentForm };

defineElement('segment-form', SegmentForm);

declare global {
  interface HTMLElementTagNameMap {
    'segment-form': SegmentForm;
  }
}
