/**
 * `user-segments/define/user-segments`: registers `<user-segments>` (never twice) with the
 * `<segment-list>` it shows first; the form and its editors load when first opened.
 * `user-segments/elements/user-segments` is the class without any registration.
 */
import { UserSegments } from './user-segments.component.ts';
import { defineElement } from '../shared/define.ts';
import '../segment-list/segment-list.ts';

export { UserSegments };

defineElement('user-segments', UserSegments);

declare global {
  interface HTMLElementTagNameMap {
    'user-segments': UserSegments;
  }
}
