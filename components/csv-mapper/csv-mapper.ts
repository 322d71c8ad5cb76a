/**
 * `user-segments/define/csv-mapper`: registers `<csv-mapper>` (never twice) and types its tag and events for
 * TypeScript hosts. `user-segments/elements/csv-mapper` is the class without the registration.
 */
import { CsvMapper } from './csv-mapper.component.ts';
import { defineElement } from '../shared/define.ts';
import type { CsvValidatedEvent } from '../shared/events.ts';

export { CsvMapper };

defineElement('csv-mapper', CsvMapper);

declare global {
  interface HTMLElementTagNameMap {
    'csv-mapper': CsvMapper;
  }
  interface GlobalEventHandlersEventMap {
    'csv-validated': CsvValidatedEvent;
  }
}
