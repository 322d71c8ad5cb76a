/**
 * `user-segments/testing`: a deterministic store generator and the adapter conformance kit —
 * named checks any SegmentAdapter factory can run against, with no test framework imposed.
 * Framework-free and DOM-free: it runs in Node against a RestAdapter and in the browser against
 * the LocalAdapter.
 */
export * from './generate-store.ts';
export * from './checks/index.ts';
