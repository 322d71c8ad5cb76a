/**
 * Registers `<filter-builder>` (never twice) and types its tag for TypeScript hosts.
 * Import `./filter-builder.component.ts` instead for the class without the registration.
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
