/**
 * `user-segments/local-adapter`: the embedded adapter (IndexedDB through Dexie, which it loads
 * when the first adapter is made, beside the page rather than before it).
 */
export { LocalAdapter } from './public-adapter.ts';
export type {
  CustomerInput,
  GlobalSegmentDefinition,
  LocalAdapterOptions,
} from './local-adapter.ts';
