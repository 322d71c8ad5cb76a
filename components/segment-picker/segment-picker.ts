/**
 * `user-segments/define/segment-picker`: registers `<segment-picker>` (never twice) and types its
 * tag for TypeScript hosts. `user-segments/elements/segment-picker` is the class without the
 * registration.
 */
import { SegmentPicker, type SegmentPickerValue } from './segment-picker.component.ts';
import { defineElement } from '../shared/define.ts';

export { SegmentPicker, type SegmentPickerValue };

defineElement('segment-picker', SegmentPicker);

declare global {
  interface HTMLElementTagNameMap {
    'segment-picker': SegmentPicker;
  }
}
