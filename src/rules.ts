/**
 * `user-segments/rules`: the segment rules that do not depend on storage — draft and name checks,
 * copy names, list order and paging cursors, the checks of an `addMembers` batch and the coded
 * errors every adapter answers with. The package's adapters and the reference backend in
 * `server/` all use these, so a backend built on them refuses and names things as they do.
 *
 * Every name here is public API, recorded in `api/rules.api.md`.
 */
export {
  DEFAULT_PAGE_SIZE,
  MAX_ISSUES,
  MAX_NAME_LENGTH,
  MAX_PAGE_SIZE,
  PREDEFINED_LISTED,
  checkDraft,
  checkGlobalSegments,
  checkName,
  conflictError,
  copyName,
  decodeOffset,
  encodeOffset,
  globalToListed,
  inUseError,
  invalidFilterError,
  invalidQuery,
  nameKey,
  nameTakenError,
  notFound,
  pageOf,
  pageSize,
  readOnlyError,
  referencedSegmentIds,
  sortKey,
  typeChangeError,
  type GlobalSegmentDefinition,
  type Listed,
} from './segments/rules.ts';
export {
  AUDIENCE_CHANNELS,
  MAX_AUDIENCE_SEGMENTS,
  checkAudienceQuery,
  type CheckedAudienceQuery,
} from './segments/audience.ts';
export {
  assertFinishable,
  assertReady,
  checkIdempotencyKey,
  draftFingerprint,
  importProgress,
  incomplete,
  keyReused,
  type ImportState,
} from './segments/imports.ts';
export {
  HISTORY_KEPT_DAYS,
  MAX_HISTORY_DAYS,
  checkHistoryQuery,
  dayIn,
  daysBefore,
  historyPoints,
} from './segments/history.ts';
export { checkContacts, looksLikeEmail, type Contact } from './segments/contacts.ts';
