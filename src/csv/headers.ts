/**
 * The header row: which columns hold phones and emails, matched automatically or named by the
 * seller, and the file-level issues that stop an import before any row is read.
 */
import type { CsvFileIssue } from '../model.ts';

export interface ColumnMapping {
  phoneColumn?: string;
  emailColumn?: string;
  /** A mapped header with a space is an issue (`header-space`); see `CsvParseOptions`. */
  strictHeaders?: boolean;
}

/** The mapped columns' positions, or the issues that make the mapping unusable. */
export interface ResolvedColumns {
  phoneColumn?: string;
  emailColumn?: string;
  phoneIndex: number;
  emailIndex: number;
  issues: CsvFileIssue[];
}

/**
 * Header names (lower case, separators as `_`) recognised as the phone column, best first.
 * Compared ignoring case, surrounding whitespace and underscores, and with spaces, dashes and dots
 * read as underscores, so "Mobile No" and " _Phone_ " match too.
 */
export const PHONE_HEADERS = [
  'phone',
  'mobile',
  'mobile_no',
  'phone_no',
  'phone_number',
  'mobile_number',
  'contact',
  'contact_no',
  'contact_number',
  'ph_no',
  'whatsapp',
  'whatsapp_no',
  'whatsapp_number',
  'cell',
  'cell_phone',
  'mobile_phone',
  'telephone',
  'tel',
];

/** Header names recognised as the email column, best first; compared like `PHONE_HEADERS`. */
export const EMAIL_HEADERS = [
  'email',
  'e_mail',
  'email_address',
  'e_mail_address',
  'email_id',
  'mail',
  'mail_id',
];

/**
 * The phone and email columns matched from a header row, each named exactly as it is written in
 * `headers` (so a caller can show what was matched, e.g. "Mobile No"): first a header equal to one
 * of `PHONE_HEADERS` / `EMAIL_HEADERS` (in their order of preference), then one containing the
 * word phone, mobile or whatsapp / email or mail.
 */
export function matchColumns(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const find = (names: string[], words: string[]) => {
    for (const name of names) {
      const index = keys.indexOf(name);
      if (index >= 0) return headers[index];
    }
    // Then a longer name with one of the words in it, e.g. "Contact Phone Number".
    const index = keys.findIndex((key) => key.split('_').some((word) => words.includes(word)));
    return index >= 0 ? headers[index] : undefined;
  };
  const mapping: ColumnMapping = {};
  const phoneColumn = find(PHONE_HEADERS, ['phone', 'mobile', 'whatsapp']);
  const emailColumn = find(EMAIL_HEADERS, ['email', 'mail']);
  if (phoneColumn !== undefined) mapping.phoneColumn = phoneColumn;
  if (emailColumn !== undefined) mapping.emailColumn = emailColumn;
  return mapping;
}

/**
 * Explanations of empty and repeated header names. They are not errors while those columns are
 * not mapped (the import ignores them), so they are returned apart from the import's issues for a
 * mapper to show as hints.
 */
export function describeHeaders(headers: readonly string[]): CsvFileIssue[] {
  const notes: CsvFileIssue[] = [];
  const empty = headers.flatMap((header, index) => (header === '' ? [index + 1] : []));
  if (empty.length) {
    notes.push({
      code: 'empty-header',
      params: { columns: empty.join(', ') },
      message: `Column ${listNumbers(empty)} ${empty.length > 1 ? 'have' : 'has'} no name in the header row, so ${empty.length > 1 ? 'they' : 'it'} cannot be mapped; give ${empty.length > 1 ? 'them names' : 'it a name'} if ${empty.length > 1 ? 'they hold' : 'it holds'} phones or emails.`,
    });
  }
  for (const [header, columns] of repeatedHeaders(headers)) {
    notes.push({
      code: 'duplicate-header',
      params: { header, columns: columns.join(', ') },
      message: `The header "${header}" appears in columns ${listNumbers(columns)}; rename one so each column has its own name.`,
    });
  }
  return notes;
}

/**
 * The file-level issues of reading `headers` with this mapping (a column that is not in the
 * header, the same column for both, a header with a space under `strictHeaders`, …), before
 * any row is read: what `parseCustomerCsv` would report with the same options.
 */
export function columnMappingIssues(
  headers: readonly string[],
  mapping: ColumnMapping,
): CsvFileIssue[] {
  return resolveColumns(headers, mapping).issues;
}

/**
 * Finds the mapped columns in the header. Explicit names must match a header exactly (headers
 * are trimmed of surrounding whitespace), spaces included unless `strictHeaders`; absent names
 * are matched with `matchColumns`.
 */
export function resolveColumns(
  headers: readonly string[],
  mapping: ColumnMapping,
): ResolvedColumns {
  const matched = matchColumns(headers);
  const phoneColumn = mapping.phoneColumn || matched.phoneColumn;
  const emailColumn = mapping.emailColumn || matched.emailColumn;
  const issues: CsvFileIssue[] = [];
  const strict = mapping.strictHeaders === true;
  const phoneIndex = locate(headers, phoneColumn, 'phone', strict, issues);
  const emailIndex = locate(headers, emailColumn, 'email', strict, issues);
  if (phoneIndex >= 0 && phoneIndex === emailIndex) {
    issues.push({
      code: 'same-column',
      params: { column: phoneColumn! },
      message: `"${phoneColumn}" is mapped as both the phone and the email column; choose a different column for one of them.`,
    });
  }
  const resolved: ResolvedColumns = { phoneIndex, emailIndex, issues };
  if (phoneColumn !== undefined) resolved.phoneColumn = phoneColumn;
  if (emailColumn !== undefined) resolved.emailColumn = emailColumn;
  return resolved;
}

/** Whether the header row looks like customer data (so the file has no header row at all). */
export function looksLikeData(headers: readonly string[]): boolean {
  return headers.some((cell) => /@/.test(cell) || /^\+?[\d\s().-]{7,}$/.test(cell.trim()));
}

/** Lower case, surrounding whitespace and underscores dropped, inner separators as `_`. */
function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/^[\s_]+|[\s_]+$/g, '')
    .replace(/[\s._-]+/g, '_');
}

function locate(
  headers: readonly string[],
  column: string | undefined,
  kind: 'phone' | 'email',
  strict: boolean,
  issues: CsvFileIssue[],
): number {
  const label = kind === 'phone' ? 'Phone Column' : 'Email Column';
  if (column === undefined) {
    const examples = kind === 'phone' ? '"phone" or "mobile"' : '"email"';
    issues.push({
      code: kind === 'phone' ? 'missing-phone-column' : 'missing-email-column',
      field: kind,
      message: `No ${kind} column was found in the header row. Choose it under ${label}, or name the column ${examples}.`,
    });
    return -1;
  }
  const index = headers.indexOf(column);
  if (index < 0) {
    const near = headers.find((header) => headerKey(header) === headerKey(column));
    issues.push({
      code: 'unknown-column',
      field: kind,
      params: near !== undefined ? { column, suggestion: near } : { column },
      message: `There is no column named "${column}" in the header row${near !== undefined ? ` (did you mean "${near}"?)` : ''}.`,
    });
    return -1;
  }
  const columns = headers.flatMap((header, i) => (header === column ? [i + 1] : []));
  if (columns.length > 1) {
    issues.push({
      code: 'ambiguous-column',
      field: kind,
      params: { column, columns: columns.join(', ') },
      message: `The ${kind} column "${column}" appears more than once in the header row (columns ${listNumbers(columns)}); rename the copies so it is clear which one holds the ${kind}s.`,
    });
    return -1;
  }
  if (strict && /\s/.test(column)) {
    const suggestion = column.replace(/\s+/g, '_');
    issues.push({
      code: 'header-space',
      field: kind,
      params: { column, suggestion },
      message: `The ${kind} column "${column}" has a space in its name. Rename it to "${suggestion}" in the file and upload it again.`,
    });
    return -1;
  }
  return index;
}

function repeatedHeaders(headers: readonly string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  headers.forEach((header, index) => {
    if (header === '') return;
    // Pushed, not copied: 20,000 copies of one name took 30 s when each step copied the list.
    const columns = positions.get(header);
    if (columns) columns.push(index + 1);
    else positions.set(header, [index + 1]);
  });
  for (const [header, columns] of positions) if (columns.length < 2) positions.delete(header);
  return positions;
}

function listNumbers(numbers: number[]): string {
  return numbers.length === 1
    ? String(numbers[0])
    : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
