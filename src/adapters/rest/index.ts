export { RestAdapter, type RestAdapterOptions } from './rest-adapter.ts';
