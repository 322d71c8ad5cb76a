/**
 * `user-segments/core`: everything that runs without a DOM — in the browser, in a worker and in
 * Node 20 (a host backend validates filters and compiles them to SQL with it).
 *
 * Every name here is public API, recorded in `api/core.api.md`: adding or removing one is a
 * deliberate change (`npm run api:update`, see README). Internals stay in their modules.
 */

// The model.
export {
  isFilterGroup,
  type Combinator,
  type CsvAcceptedRow,
  type CsvFileIssue,
  type CsvIssueCode,
  type CsvParams,
  type CsvRejectedRow,
  type CsvRejectionCode,
  type CsvReport,
  type CsvSummary,
  type Customer,
  type EvaluationContext,
  type FilterGroup,
  type FilterRule,
  type Issue,
  type Order,
  type Segment,
  type SegmentDraft,
  type SegmentScope,
  type SegmentType,
} from './model.ts';
export { SegmentError, isSegmentError, type SegmentErrorCode } from './errors.ts';

// The adapter contract, and the RestAdapter that speaks openapi.yaml.
export {
  SEGMENTS_CHANGED,
  type AudienceChannel,
  type AudienceMember,
  type AudiencePage,
  type AudienceQuery,
  type CallOptions,
  type CountHistoryQuery,
  type CountPoint,
  type CountTarget,
  type ListSegmentsQuery,
  type MemberContact,
  type Page,
  type SegmentAdapter,
} from './adapter.ts';
export type { MembersTarget } from './adapter.ts';
export { RestAdapter, type RestAdapterOptions } from './adapters/rest/index.ts';
export { MAX_HISTORY_DAYS } from './segments/history.ts';

// Phones and predefined segments.
export { loadPhoneSupport, normalisePhone } from './phone.ts';
export { PREDEFINED_SEGMENTS, type PredefinedSegment } from './predefined.ts';

// The filter engine.
export {
  FIELDS,
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_LIST_VALUES,
  MAX_RELATIVE_AMOUNT,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
  SQL_FOLD_FUNCTION,
  compileFilter,
  ENGLISH_FILTER_WORDS,
  describeFilter,
  describeRule,
  filterToSql,
  foldText,
  operatorWord,
  registerFoldFunction,
  validateFilter,
  type CustomerPredicate,
  type DescribeOptions,
  type DescribeValueFormat,
  type RuleWords,
  type FilterSentenceWords,
  type FilterWords,
  type OperatorWords,
  type PluralWords,
  type FieldDefinition,
  type FieldType,
  type FilterIssueCode,
  type FilterToSqlOptions,
  type Operator,
  type ResolveContext,
  type SegmentLookup,
  type SqlColumnKey,
  type SqlColumns,
  type SqlDialectName,
  type SqlMembersTable,
  type SqlWhere,
  type ValidateOptions,
} from './filter/index.ts';
export {
  explainFilter,
  type FilterExplanation,
  type GroupExplanation,
  type RuleExplanation,
} from './filter/explain.ts';

// The CSV pipeline, and saving a CSV segment through any adapter.
export {
  TRUSTED_TYPES_POLICY,
  columnMappingIssues,
  parseCustomerCsv,
  parseCustomerCsvInWorker,
  peekCustomerCsv,
  peekCustomerCsvInWorker,
  rejectedRowsToCsv,
  type BlobLike,
  type ColumnMapping,
  type CsvInput,
  type CsvParseOptions,
  type CsvPeek,
  type CsvPeekOptions,
  type CsvProgress,
} from './csv/index.ts';
export {
  CsvRecordReader,
  loadCsvSupport,
  type CsvRecord,
  type RecordHandler,
} from './csv/records.ts';
export {
  IncompleteSegmentError,
  saveCsvSegment,
  type SaveCsvProgress,
  type SaveCsvSegmentOptions,
} from './segments/save-csv-segment.ts';
export {
  AUDIENCE_COLUMNS,
  MEMBER_COLUMNS,
  exportAudienceCsv,
  exportMembersCsv,
  type AudienceColumn,
  type ExportCsvOptions,
  type ExportProgress,
  type MemberColumn,
} from './segments/export-members.ts';

// CSV segments while they import (status 'importing' until finishImport).
export { type CreateOptions } from './adapter.ts';
export { type ImportProgress, type SegmentStatus } from './model.ts';
