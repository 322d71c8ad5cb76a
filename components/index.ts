/**
 * `user-segments`: registers the elements and re-exports the DOM-free core, plus the adapters
 * that need a browser (the LocalAdapter stores in IndexedDB, so it is not part of the core).
 * Each element module defines its tag only when it is not defined yet.
 */
export * from '../src/core.ts';
export * from '../src/adapters/local/local-adapter.ts';
export * from '../src/adapters/cached/cached-adapter.ts';
import './csv-mapper/csv-mapper.ts';
import './filter-builder/filter-builder.ts';
export * from './csv-mapper/csv-mapper.component.ts';
export { FilterBuilder, COUNT_DELAY_MS } from './filter-builder/filter-builder.component.ts';
export type { FieldOption } from './filter-builder/filter-builder.logic.ts';
import './segment-list/segment-list.ts';
export * from './segment-list/segment-list.component.ts';
import './segment-form/segment-form.ts';
export * from './segment-form/segment-form.component.ts';
import './user-segments/user-segments.ts';
export * from './user-segments/user-segments.component.ts';
export * from './shared/events.ts';
export { provideSegmentAdapter, segmentAdapterContext } from './shared/adapter.ts';
export {
  registerTranslation,
  type Translation,
  type TranslationOverrides,
  type PluralForms,
} from './shared/localize.ts';
export { en as englishTranslation } from './shared/translations/en.ts';
export { hi as hindiTranslation } from './shared/translations/hi.ts';
