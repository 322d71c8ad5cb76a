/**
 * `user-segments`: registers every element (each tag only when it is not defined yet) and
 * exports the DOM-free core, the adapters that need a browser, the element classes, their
 * events, the adapter context and the translation tables.
 *
 * Every name here is public API, recorded in `api/index.api.md`. For a lighter first load, see
 * `user-segments/page`, `user-segments/define/<tag>` and the adapter entries.
 */
import './csv-mapper/csv-mapper.ts';
import './filter-builder/filter-builder.ts';
import './segment-list/segment-list.ts';
import './segment-form/segment-form.ts';
import './segment-members/segment-members.ts';
import './segment-picker/segment-picker.ts';
import './user-segments/user-segments.ts';

// The core, as `user-segments/core` exports it.
export {
  FIELDS,
  CsvRecordReader,
  IncompleteSegmentError,
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_HISTORY_DAYS,
  MAX_LIST_VALUES,
  MAX_RELATIVE_AMOUNT,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
  PREDEFINED_SEGMENTS,
  RestAdapter,
  SEGMENTS_CHANGED,
  SQL_FOLD_FUNCTION,
  SegmentError,
  TRUSTED_TYPES_POLICY,
  columnMappingIssues,
  compileFilter,
  ENGLISH_FILTER_WORDS,
  describeFilter,
  describeRule,
  filterToSql,
  foldText,
  operatorWord,
  isFilterGroup,
  isSegmentError,
  loadCsvSupport,
  loadPhoneSupport,
  normalisePhone,
  parseCustomerCsv,
  parseCustomerCsvInWorker,
  peekCustomerCsv,
  peekCustomerCsvInWorker,
  registerFoldFunction,
  rejectedRowsToCsv,
  saveCsvSegment,
  validateFilter,
  type BlobLike,
  type CallOptions,
  type ColumnMapping,
  type Combinator,
  type CountHistoryQuery,
  type CountPoint,
  type CountTarget,
  type CsvAcceptedRow,
  type CsvFileIssue,
  type CsvInput,
  type CsvIssueCode,
  type CsvParams,
  type CsvParseOptions,
  type CsvPeek,
  type CsvPeekOptions,
  type CsvProgress,
  type CsvRecord,
  type CsvRejectedRow,
  type CsvRejectionCode,
  type CsvReport,
  type CsvSummary,
  type Customer,
  type CustomerPredicate,
  type DescribeOptions,
  type DescribeValueFormat,
  type RuleWords,
  type FilterSentenceWords,
  type FilterWords,
  type OperatorWords,
  type PluralWords,
  type EvaluationContext,
  type FieldDefinition,
  type FieldType,
  type FilterGroup,
  type FilterIssueCode,
  type FilterRule,
  type FilterToSqlOptions,
  type Issue,
  type ListSegmentsQuery,
  type MemberContact,
  type Operator,
  type Order,
  type Page,
  type PredefinedSegment,
  type ResolveContext,
  type RestAdapterOptions,
  type RecordHandler,
  type SaveCsvProgress,
  type SaveCsvSegmentOptions,
  type Segment,
  type SegmentAdapter,
  type SegmentDraft,
  type SegmentErrorCode,
  type SegmentLookup,
  type SegmentScope,
  type SegmentType,
  type SqlColumnKey,
  type SqlColumns,
  type SqlDialectName,
  type SqlMembersTable,
  type SqlWhere,
  type ValidateOptions,
} from '../src/core.ts';
// Audiences and member exports (user-segments/core).
export {
  AUDIENCE_COLUMNS,
  MEMBER_COLUMNS,
  exportAudienceCsv,
  exportMembersCsv,
  type AudienceChannel,
  type AudienceColumn,
  type AudienceMember,
  type AudiencePage,
  type AudienceQuery,
  type ExportCsvOptions,
  type ExportProgress,
  type MemberColumn,
} from '../src/core.ts';
export {
  explainFilter,
  type MembersTarget,
  type FilterExplanation,
  type GroupExplanation,
  type RuleExplanation,
} from '../src/core.ts';

// The adapters that need a browser.
export {
  LocalAdapter,
  type CustomerInput,
  type GlobalSegmentDefinition,
  type LocalAdapterOptions,
} from '../src/adapters/local/index.ts';
export { CachedAdapter, type CachedAdapterOptions } from '../src/adapters/cached/index.ts';

// The elements and their events.
export { CsvMapper } from './csv-mapper/csv-mapper.component.ts';
export { FilterBuilder } from './filter-builder/filter-builder.component.ts';
export type { FieldOption } from './filter-builder/filter-builder.logic.ts';
export { SegmentList } from './segment-list/segment-list.component.ts';
export { SegmentForm } from './segment-form/segment-form.component.ts';
export { SegmentMembers } from './segment-members/segment-members.component.ts';
export {
  SegmentPicker,
  type SegmentPickerValue,
} from './segment-picker/segment-picker.component.ts';
export { UserSegments, type UserSegmentsView } from './user-segments/user-segments.component.ts';
export { FormAssociatedElement } from './shared/form-associated.ts';
export {
  CsvValidatedEvent,
  SegmentDeletedEvent,
  SegmentEvent,
  type SegmentEventName,
} from './shared/events.ts';

// The adapter context and the languages.
export { provideSegmentAdapter, segmentAdapterContext } from './shared/adapter.ts';
export {
  registerTranslation,
  type PluralForms,
  type Translation,
  type TranslationOverrides,
  type TranslationSection,
} from './shared/localize.ts';
export { en as englishTranslation } from './shared/translations/en.ts';
export { hi as hindiTranslation } from './shared/translations/hi.ts';

// CSV segments while they import.
export {
  type CreateOptions,
  type ImportProgress,
  type ReopenImport,
  type ReopenMode,
  type SegmentStatus,
} from '../src/core.ts';
