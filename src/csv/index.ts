// The CSV pipeline.
export { parseCustomerCsv } from './parse.ts';
export { peekCustomerCsv } from './peek.ts';
export {
  parseCustomerCsvInWorker,
  peekCustomerCsvInWorker,
  TRUSTED_TYPES_POLICY,
} from './worker-client.ts';
export { rejectedRowsToCsv } from './export.ts';
export {
  matchColumns,
  resolveColumns,
  describeHeaders,
  PHONE_HEADERS,
  EMAIL_HEADERS,
  type ColumnMapping,
  type ResolvedColumns,
} from './headers.ts';
export { checkEmail, checkPhone } from './rows.ts';
export { DELIMITERS, detectDelimiter } from './dialect.ts';
export type { CsvInput, CsvParseOptions, CsvPeek, CsvPeekOptions, CsvProgress } from './types.ts';
