/** `user-segments/cached-adapter`: an IndexedDB cache in front of any adapter. */
export { CachedAdapter, type CachedAdapterOptions } from './cached-adapter.ts';
