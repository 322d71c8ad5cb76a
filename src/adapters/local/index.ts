/**
 * `user-segments/local-adapter`: the embedded adapter (IndexedDB through Dexie, which it loads
 * when the first adapter is made, beside the page rather than before it).
 */
export {
  LocalAdapter,
  type CustomerInput,
  type GlobalSegmentDefinition,
  type LocalAdapterOptions,
} from './local-adapter.ts';
