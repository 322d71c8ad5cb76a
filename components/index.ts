/**
 * `user-segments`: registers the elements and re-exports the DOM-free core.
 * Each element module defines its tag only when it is not defined yet.
 */
export * from '../src/core.ts';
