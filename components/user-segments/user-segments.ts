/**
 * Registers `<user-segments>` (never twice) with the `<segment-list>` it shows first; the form
 * and its editors load when first opened. Import `./user-segments.component.ts` for the class
 * without the registration.
 */
import { UserSegments } from './user-segments.component.ts';
import { defineElement } from '../shared/define.ts';

export { UserSegments };

defineElement('user-segments', UserSegments);

declare global {
  interface HTMLElementTagNameMap {
    'user-segments': UserSegments;
  }
}
