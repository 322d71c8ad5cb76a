/**
 * `user-segments/define/segment-list`: registers `<segment-list>` (never twice) and types its tag and events for
 * TypeScript hosts. `user-segments/elements/segment-list` is the class without the registration.
 */
import { SegmentList } from './segment-list.component.ts';
import { defineElement } from '../shared/define.ts';
import type { SegmentDeletedEvent, SegmentEvent } from '../shared/events.ts';

export { SegmentList };

defineElement('segment-list', SegmentList);

declare global {
  interface HTMLElementTagNameMap {
    'segment-list': SegmentList;
  }
  interface GlobalEventHandlersEventMap {
    'segment-select': SegmentEvent;
    'segment-edit': SegmentEvent;
    'segment-resume': SegmentEvent;
    'segment-view': SegmentEvent;
    'segment-export': SegmentEvent;
    'segment-duplicated': SegmentEvent;
    'segment-saved': SegmentEvent;
    'segment-deleted': SegmentDeletedEvent;
  }
}
