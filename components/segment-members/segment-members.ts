/**
 * `user-segments/define/segment-members`: registers `<segment-members>` (never twice) and types
 * its tag and events for TypeScript hosts. `user-segments/elements/segment-members` is the class
 * without the registration.
 */
import { SegmentMembers } from './segment-members.component.ts';
import { defineElement } from '../shared/define.ts';
import '../filter-builder/filter-builder.ts';

export { SegmentMembers };

defineElement('segment-members', SegmentMembers);

declare global {
  interface HTMLElementTagNameMap {
    'segment-members': SegmentMembers;
  }
  interface GlobalEventHandlersEventMap {
    'segment-back': Event;
  }
}
