/**
 * `user-segments`: registers the elements and re-exports the DOM-free core, plus the adapters
 * that need a browser (the LocalAdapter stores in IndexedDB, so it is not part of the core).
 * Each element module defines its tag only when it is not defined yet.
 */
export * from '../src/core.ts';
export * from '../src/adapters/local/local-adapter.ts';
export * from '../src/adapters/cached/cached-adapter.ts';
import './csv-mapper/csv-mapper.ts';
export * from './csv-mapper/csv-mapper.component.ts';
export * from './shared/events.ts';
export { setDefaultStrings, en as englishStrings, type Translations } from './shared/i18n.ts';
