/**
 * `user-segments/define/filter-builder`: registers `<filter-builder>` (never twice) and types its tag for
 * TypeScript hosts. `user-segments/elements/filter-builder` is the class without the registration.
 */
import { FilterBuilder } from './filter-builder.component.ts';
import { defineElement } from '../shared/define.ts';

export { FilterBuilder };

defineElement('filter-builder', FilterBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'filter-builder': FilterBuilder;
  }
}
