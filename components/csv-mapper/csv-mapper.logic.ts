/**
 * The DOM-light decisions of `<csv-mapper>`, apart from rendering: which files look like CSV,
 * which column field a mapping problem belongs to, how rejected rows are grouped, and how a
 * text download is handed to the browser.
 */
import type { CsvFileIssue, CsvRejectedRow, CsvReport } from '../../src/model.ts';
import type { CsvPeek } from '../../src/csv/types.ts';
import { resolveColumns } from '../../src/csv/headers.ts';
import { format } from '../shared/localize.ts';
import type { Translation } from '../shared/localize.ts';

export type CsvMapperStrings = Translation['csvMapper'];

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
export function findProblems(state: MapperState, s: CsvMapperStrings): Problems {
  const { phase, file, fileError, peek, report } = state;
  const peekIssues = peek?.issues.filter((issue) => !isColumnIssue(issue)) ?? [];
  const blocked = peekIssues.length > 0;
  const fileIssues = blocked ? peekIssues : (report?.issues ?? []);
  const fileMessages = fileError ? [fileError] : fileIssues.map((issue) => issue.message);
  const columns =
    peek && !blocked
      ? columnErrors(peek.headers, state.columns, {
          missing: s.columnMissing,
          notFound: (name, list) => format(s.columnNotFound, { name, columns: list }),
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
export const DELIMITERS: readonly { char: string; label: keyof CsvMapperStrings }[] = [
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
 * (`resolveColumns`: exact name, not repeated, no space, not both fields) so the fields show the
 * same messages an import would report, e.g. the "ph no" → "ph_no" fix. An empty field and a
 * name that is not in the header get the element's own (translatable) messages.
 */
export function columnErrors(
  headers: readonly string[],
  columns: Record<ColumnField, string>,
  messages: { missing: string; notFound: (name: string, columns: string) => string },
): Partial<Record<ColumnField, string>> {
  const errors: Partial<Record<ColumnField, string>> = {};
  for (const field of FIELDS) {
    const column = columns[field];
    if (!column) errors[field] = messages.missing;
    else if (!headers.includes(column)) {
      errors[field] = messages.notFound(column, headers.join(', '));
    }
  }
  const { issues } = resolveColumns(headers, {
    phoneColumn: columns.phone,
    emailColumn: columns.email,
  });
  for (const issue of issues) {
    for (const field of FIELDS) {
      const named = columns[field] !== '' && issue.message.includes(`"${columns[field]}"`);
      if (issue.code === `missing-${field}-column` || named) errors[field] ??= issue.message;
    }
  }
  return errors;
}

/** An encoding as people write it: UTF-8, UTF-16LE, Windows-1252. */
export function encodingLabel(encoding: string): string {
  return encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase();
}

/** Rejected rows counted by reason, the most common first. */
export function groupReasons(rejected: readonly CsvRejectedRow[]): [string, number][] {
  // A report never changes once made, and the summary is rendered again whenever the element
  // updates: group a large file's rejections once.
  const cached = groupedReasons.get(rejected);
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const row of rejected) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
  const grouped = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  groupedReasons.set(rejected, grouped);
  return grouped;
}

/** Saves text as a file through a temporary `a[download]` on an object URL. */
export function downloadText(parent: ParentNode, text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const groupedReasons = new WeakMap<readonly CsvRejectedRow[], [string, number][]>();
