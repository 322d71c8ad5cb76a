/**
 * `user-segments/page`: the lightest way to put the User Segments page on a host page. Registers
 * `<user-segments>` and the `<segment-list>` it shows first (never twice); the form and its
 * editors load when first opened. Exports what a host page needs beside the tag; the adapters
 * come from `user-segments/local-adapter`, `user-segments/cached-adapter` or
 * `user-segments/core` (`RestAdapter`).
 */
export { UserSegments } from './user-segments/user-segments.ts';
export { provideSegmentAdapter } from './shared/adapter.ts';
export {
  registerTranslation,
  type PluralForms,
  type Translation,
  type TranslationOverrides,
  type TranslationSection,
} from './shared/localize.ts';
export type { UserSegmentsView } from './user-segments/user-segments.component.ts';
