/**
 * `user-segments/testing`: a deterministic store generator and the adapter conformance kit —
 * named checks any SegmentAdapter factory can run against, with no test framework imposed.
 * Framework-free and DOM-free: it runs in Node against a RestAdapter and in the browser against
 * the LocalAdapter.
 */
export {
  DEFAULT_END_DATE,
  MAX_CUSTOMERS,
  generateStore,
  type GenerateStoreOptions,
  type GeneratedStore,
} from './generate-store.ts';
export {
  FILTER_CASES,
  KIT_GLOBAL_SEGMENTS,
  KIT_TIME_ZONE,
  adapterChecks,
  kitSeed,
  runAdapterChecks,
  type AdapterCheck,
  type AdapterCheckResult,
  type AdapterFactory,
  type AdapterHandle,
  type AdapterSeed,
  type FilterCase,
  type GlobalSegmentSeed,
  type RunAdapterChecksOptions,
} from './checks/index.ts';
