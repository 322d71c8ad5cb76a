/**
 * `user-segments/rest-adapter`: the adapter that speaks openapi.yaml to the host's backend (also
 * exported by `user-segments/core`; this entry carries nothing else, for a page's first load).
 */
export { RestAdapter, type RestAdapterOptions } from './rest-adapter.ts';
