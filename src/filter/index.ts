/**
 * The filter engine's public names, re-exported by `user-segments/core`. Resolution
 * (`resolve.ts`), the checked copies (`checkFilter`) and the compiled form are internal: import
 * them from their modules inside the package.
 */
export { FIELDS, type FieldDefinition, type FieldType, type Operator } from './fields.ts';
export type { ResolveContext, SegmentLookup } from './resolve.ts';
export {
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_LIST_VALUES,
  MAX_RELATIVE_AMOUNT,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
  validateFilter,
  type FilterIssueCode,
  type ValidateOptions,
} from './validate.ts';
export { compileFilter, type CustomerPredicate } from './compile.ts';
export { foldText, registerFoldFunction, SQL_FOLD_FUNCTION } from './text.ts';
export {
  describeFilter,
  describeRule,
  type DescribeOptions,
  type DescribeValueFormat,
  type RuleWords,
} from './describe.ts';
export {
  ENGLISH_FILTER_WORDS,
  operatorWord,
  type FilterSentenceWords,
  type FilterWords,
  type OperatorWords,
  type PluralWords,
} from './words.ts';
export {
  filterToSql,
  type FilterToSqlOptions,
  type SqlColumnKey,
  type SqlColumns,
  type SqlDialectName,
  type SqlMembersTable,
  type SqlWhere,
} from './sql.ts';
