/**
 * Every string the elements show or announce, English first. Placeholders are `{name}` and are
 * filled by `translate`, so a translation is plain data (JSON-friendly) and never code.
 *
 * A host overrides strings in two ways:
 * - for one element: `el.strings = { phoneColumn: 'फ़ोन कॉलम' }` (a partial table of that
 *   element's section; missing keys fall back to the defaults);
 * - for the whole page, before the elements render: `setDefaultStrings('csvMapper', { ... })`.
 */

export const en = {
  csvMapper: {
    dropZoneLabel: 'CSV file',
    chooseFile: 'Choose CSV file',
    dropHint: 'or drop it here',
    fileRequirements: 'A header row with a phone column and an email column.',
    notCsv: '"{name}" is not a CSV file. Choose a file ending in .csv.',
    reading: 'Reading {name}…',
    readFailed: 'Could not read {name}. {message}',
    fileLabel: 'File',
    detectedDelimiter: 'Detected delimiter',
    delimiter: 'Delimiter',
    delimiterComma: 'Comma',
    delimiterSemicolon: 'Semicolon',
    delimiterTab: 'Tab',
    delimiterPipe: 'Pipe',
    delimiterOther: 'Other ({char})',
    encoding: 'Encoding',
    phoneColumn: 'Phone Column',
    emailColumn: 'Email Column',
    columnHint: 'Pick a column of the file or type its exact header name.',
    columnMissing: 'Choose the column that holds this value.',
    columnNotFound: 'No column named "{name}" in this file. Its columns are: {columns}.',
    fileIssuesHeading: 'This file cannot be imported',
    previewCaption: 'Preview: first {count} rows',
    previewCaptionOne: 'Preview: first row',
    progressLabel: 'Validation progress',
    progressText: 'Rows checked: {rows} ({percent}%)',
    cancel: 'Cancel',
    cancelled: 'Validation cancelled.',
    validateAgain: 'Validate again',
    validationFailed: 'Validation failed: {message}',
    summaryHeading: 'Validation result',
    accepted: 'Accepted',
    rejected: 'Rejected',
    duplicates: 'Duplicates',
    totalRows: 'Total rows',
    reasonsCaption: 'Rejected rows by reason',
    reason: 'Reason',
    rowCount: 'Rows',
    downloadRejected: 'Download rejected rows',
    downloadFileName: '{name}-rejected.csv',
    announceStarted: 'Validating {name}.',
    announceProgress: 'Validation {percent}% done. Rows checked: {rows}.',
    announceDone:
      'Validation finished. Accepted: {accepted}, rejected: {rejected}, duplicates: {duplicates}, total rows: {rows}.',
    announceIssues: 'This file cannot be imported: {message}',
    announceCancelled: 'Validation cancelled.',
    invalidMissing: 'Choose a CSV file.',
    invalidPending: 'Wait until the CSV file has been checked.',
    invalidNoneAccepted: 'No row of this file has a valid phone number or email.',
    invalidCancelled: 'Validation was cancelled. Validate the file again.',
  },
};

export type Translations = typeof en;
export type Section = keyof Translations;
export type CsvMapperStrings = Translations['csvMapper'];

const defaults: { [S in Section]: Translations[S] } = structuredClone(en);

/** Replaces strings for every element on the page; call it before the elements render. */
export function setDefaultStrings<S extends Section>(
  section: S,
  overrides: Partial<Translations[S]>,
): void {
  defaults[section] = { ...defaults[section], ...overrides };
}

/** The table an element renders with: page defaults overlaid with its own overrides. */
export function stringsFor<S extends Section>(
  section: S,
  overrides: Partial<Translations[S]> = {},
): Translations[S] {
  return { ...defaults[section], ...overrides };
}

/** Fills `{placeholders}`; an unknown placeholder stays visible rather than vanishing. */
export function translate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

/**
 * The language an element is shown in: the nearest `lang` attribute, looking through shadow
 * roots (an element inside another element's shadow DOM follows the page), or the browser's.
 */
export function languageOf(element: Element): string | undefined {
  for (let node: Element | null = element; node;) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    const parent: Element | null = node.parentElement;
    node = parent ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return undefined;
}

/** Formats counts for `element`'s language, e.g. 12,345 in English and 12.345 in German. */
export function numberFormatFor(element: Element): (value: number) => string {
  let formatter: Intl.NumberFormat;
  try {
    formatter = new Intl.NumberFormat(languageOf(element));
  } catch {
    // An invalid lang attribute must not break rendering.
    formatter = new Intl.NumberFormat();
  }
  return (value) => formatter.format(value);
}
