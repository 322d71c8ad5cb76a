/**
 * The CSV pipeline's public names, re-exported by `user-segments/core`. Header matching, row
 * rules and delimiter detection are internal: import them from their modules inside the package.
 */
export { parseCustomerCsv } from './parse.ts';
export { peekCustomerCsv } from './peek.ts';
export {
  parseCustomerCsvInWorker,
  peekCustomerCsvInWorker,
  TRUSTED_TYPES_POLICY,
} from './worker-client.ts';
export { rejectedRowsToCsv } from './export.ts';
export { columnMappingIssues, type ColumnMapping } from './headers.ts';
export type {
  BlobLike,
  CsvInput,
  CsvParseOptions,
  CsvPeek,
  CsvPeekOptions,
  CsvProgress,
} from './types.ts';
