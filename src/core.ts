/**
 * `user-segments/core`: everything that runs without a DOM — in the browser, in a worker and in
 * Node 20 (a host backend validates filters and compiles them to SQL with it).
 */
export * from './model.ts';
export * from './errors.ts';
export * from './adapter.ts';
export * from './phone.ts';
export * from './predefined.ts';
export * from './filter/index.ts';
export * from './csv/index.ts';
export * from './segments/save-csv-segment.ts';
export * from './adapters/rest/index.ts';
