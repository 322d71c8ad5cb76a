/**
 * The DOM-light decisions of `<csv-mapper>`, apart from rendering: which files look like CSV,
 * which column field a mapping problem belongs to, how rejected rows are grouped, and how a
 * text download is handed to the browser.
 */
import {
  columnMappingIssues,
  type CsvFileIssue,
  type CsvPeek,
  type CsvRejectedRow,
  type CsvRejectionCode,
  type CsvReport,
} from '../../src/core.ts';
import { format } from '../shared/localize.ts';
import type { Translation } from '../shared/localize.ts';
import { saveBlob } from '../shared/save-file.ts';

export type CsvMapperStrings = Translation['csvMapper'];
export type CsvIssueStrings = Translation['csvIssues'];
export type CsvRejectionStrings = Translation['csvRejections'];

/**
 * A file-level issue in the element's language, chosen by its `code` and filled from its
 * `params` (never by reading the English message).
 */
export function issueMessage(issue: CsvFileIssue, strings: CsvIssueStrings): string {
  const params = issue.params ?? {};
  const key: keyof CsvIssueStrings =
    issue.code === 'binary-file' && params.kind === 'workbook'
      ? 'binary-file-workbook'
      : issue.code === 'unknown-column' && params.suggestion !== undefined
        ? 'unknown-column-near'
        : issue.code in strings
          ? issue.code
          : 'unknown';
  return format(strings[key], params);
}

/** The label of a group of rejected rows: the same for every row with that code. */
export const rejectionLabel = (code: CsvRejectionCode, strings: CsvRejectionStrings): string =>
  strings[code] ?? strings.unknown;

export type ColumnField = 'phone' | 'email';

export type Phase = 'empty' | 'reading' | 'mapping' | 'validating' | 'done' | 'cancelled';

/** What the element knows at a moment: enough to say what is wrong. */
export interface MapperState {
  phase: Phase;
  file: File | null;
  /** The file could not be taken or read, or the worker failed. */
  fileError: string;
  peek: CsvPeek | null;
  columns: Record<ColumnField, string>;
  report: CsvReport | null;
  strictHeaders: boolean;
}

export interface Problems {
  /** For the alert: why the file cannot be imported. */
  file: string[];
  /** For the column fields. */
  columns: Partial<Record<ColumnField, string>>;
  /** The file itself is unusable, so no mapping is checked or validated. */
  blocked: boolean;
  /** The form's `customError` message; '' when only `valueMissing` (or nothing) applies. */
  customError: string;
}

/**
 * Everything wrong at this moment, each where the user fixes it: file problems in the alert,
 * mapping problems on their fields, and one message for the form's validity.
 */
export function findProblems(
  state: MapperState,
  s: CsvMapperStrings,
  issueStrings: CsvIssueStrings,
): Problems {
  const text = (issue: CsvFileIssue) => issueMessage(issue, issueStrings);
  const { phase, file, fileError, peek, report } = state;
  const peekIssues = peek?.issues.filter((issue) => !isColumnIssue(issue)) ?? [];
  const blocked = peekIssues.length > 0;
  const fileIssues = blocked ? peekIssues : (report?.issues ?? []);
  const fileMessages = fileError ? [fileError] : fileIssues.map(text);
  const columns =
    peek && !blocked
      ? columnErrors(peek.headers, state.columns, state.strictHeaders, {
          missing: s.columnMissing,
          notFound: (name, list) => format(s.columnNotFound, { name, columns: list }),
          issue: text,
        })
      : {};
  const customError = !file
    ? ''
    : fileMessages[0] ||
      (phase === 'reading' || phase === 'validating' ? s.invalidPending : '') ||
      (phase === 'cancelled' ? s.invalidCancelled : '') ||
      Object.values(columns)[0] ||
      (!report ? s.invalidPending : report.accepted.length ? '' : s.invalidNoneAccepted);
  return { file: fileMessages, columns, blocked, customError };
}

const FIELDS: readonly ColumnField[] = ['phone', 'email'];

/** The delimiters a user can choose, in the order of the select. */
export const DELIMITERS: readonly {
  char: string;
  label: 'delimiterComma' | 'delimiterSemicolon' | 'delimiterTab' | 'delimiterPipe';
}[] = [
  { char: ',', label: 'delimiterComma' },
  { char: ';', label: 'delimiterSemicolon' },
  { char: '\t', label: 'delimiterTab' },
  { char: '|', label: 'delimiterPipe' },
];

/**
 * A dropped file bypasses the picker's `accept`, so it is checked here. Browsers and operating
 * systems label CSV inconsistently (Windows often says application/vnd.ms-excel, some say
 * nothing), so the extension decides when the type is not a text type.
 */
export function looksLikeCsv(file: File): boolean {
  if (/\.(csv|txt|tsv)$/i.test(file.name)) return true;
  return /^text\/(csv|plain|tab-separated-values)\b/i.test(file.type);
}

/**
 * Whether the user fixes an issue through the column fields (a peek reports these for the
 * suggested columns; the fields recompute them for what the user maps) rather than in the file.
 */
export const isColumnIssue = (issue: CsvFileIssue): boolean => COLUMN_ISSUES.has(issue.code);

const COLUMN_ISSUES = new Set([
  'missing-phone-column',
  'missing-email-column',
  'unknown-column',
  'ambiguous-column',
  'header-space',
  'same-column',
]);

/**
 * Why each mapped column cannot be used with this header, judged by the pipeline's own rules
 * (`columnMappingIssues`: exact name, not repeated, not both fields, and under `strictHeaders` no
 * space) so the fields show what an import would report, e.g. the "ph no" → "ph_no" fix. Each
 * issue goes to the field its `field` names; `same-column` to both. An empty field and a name
 * that is not in the header get the element's own messages.
 */
export function columnErrors(
  headers: readonly string[],
  columns: Record<ColumnField, string>,
  strictHeaders: boolean,
  messages: {
    missing: string;
    notFound: (name: string, columns: string) => string;
    issue: (issue: CsvFileIssue) => string;
  },
): Partial<Record<ColumnField, string>> {
  const errors: Partial<Record<ColumnField, string>> = {};
  for (const field of FIELDS) {
    const column = columns[field];
    if (!column) errors[field] = messages.missing;
    else if (!headers.includes(column)) {
      errors[field] = messages.notFound(column, headers.join(', '));
    }
  }
  const issues = columnMappingIssues(headers, {
    phoneColumn: columns.phone,
    emailColumn: columns.email,
    strictHeaders,
  });
  for (const issue of issues) {
    const fields = issue.field ? [issue.field] : issue.code === 'same-column' ? FIELDS : [];
    for (const field of fields) errors[field] ??= messages.issue(issue);
  }
  return errors;
}

/** An encoding as people write it: UTF-8, UTF-16LE, Windows-1252. */
export function encodingLabel(encoding: string): string {
  return encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase();
}

/**
 * Rejected rows counted by code, the most common first: a file of 5,000 bad rows gives a handful
 * of groups, whatever values each row holds.
 */
export function groupRejections(
  rejected: readonly CsvRejectedRow[],
): [code: CsvRejectionCode, count: number][] {
  // A report never changes once made, and the summary is rendered again whenever the element
  // updates: group a large file's rejections once.
  const cached = groupedRejections.get(rejected);
  if (cached) return cached;
  const counts = new Map<CsvRejectionCode, number>();
  for (const row of rejected) counts.set(row.code, (counts.get(row.code) ?? 0) + 1);
  const grouped = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  groupedRejections.set(rejected, grouped);
  return grouped;
}

/** Saves text as a CSV file (the rejected rows) through the shared download link. */
export function downloadText(parent: ParentNode, text: string, fileName: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName, parent);
}

const groupedRejections = new WeakMap<readonly CsvRejectedRow[], [CsvRejectionCode, number][]>();
