/**
 * The model shared by the browser, Node and the REST contract.
 * Money is always integer minor units (paise); dates are ISO 8601 strings.
 */

export type SegmentType = 'csv' | 'filter' | 'predefined';
export type SegmentScope = 'store' | 'global';

export interface CsvSummary {
  fileName: string;
  phoneColumn: string;
  emailColumn: string;
  accepted: number;
  rejected: number;
  duplicates: number;
}

export interface Segment {
  id: string;
  name: string;
  type: SegmentType;
  scope: SegmentScope;
  /** Present on 'filter' and 'predefined' segments. */
  filter?: FilterGroup;
  /** Present on 'csv' segments. */
  csv?: CsvSummary;
  /** null = not computed yet (always null while a CSV segment is importing). */
  memberCount: number | null;
  /**
   * Absent = ready. A CSV segment is 'importing' from its creation until `finishImport` after
   * its last batch landed; counting it, listing its members and naming it in a filter are
   * refused (`incomplete`) meanwhile.
   */
  status?: SegmentStatus;
  /** While importing: contacts received so far of the file's accepted ones (`csv.accepted`). */
  progress?: ImportProgress;
  /** Predefined and global segments are read-only. */
  readOnly: boolean;
  /** Optimistic concurrency: an update names the version it was made from. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * Set by an adapter on a listed segment it received but cannot read (a filter nested past
   * MAX_DEPTH, a count past 2^53 − 1, a missing field): why, in English, for developers. Such a
   * segment is listed so the list never fails because of it, and can only be deleted.
   */
  unreadable?: string;
}

export type SegmentStatus = 'ready' | 'importing';

export interface ImportProgress {
  /** Contacts in the batches that landed so far (a replayed batch counts once). */
  received: number;
  /** Contacts the file had to give: the segment's `csv.accepted`. */
  expected: number;
  /**
   * Present when a ready CSV segment takes another file (`reopenImport`): how its contacts are
   * taken, and which reopening this is (1 for the first, one more each time). Batch ids of that
   * upload name the generation, so a batch of an earlier upload is never taken for one of it.
   */
  reopened?: { mode: ReopenMode; generation: number };
}

/**
 * How a reopened CSV segment takes its new file: `add` adds the file's contacts to its members
 * (a contact already a member is not added twice); `replace` makes the file's contacts its only
 * members. Either way the new contacts become members only at `finishImport`.
 */
export type ReopenMode = 'add' | 'replace';

export interface Customer {
  id: string;
  name?: string;
  email?: string;
  /** E.164 */
  phone?: string;
  createdAt: string;
  city?: string;
  state?: string;
  tags?: string[];
  acceptsMarketing?: boolean;
  ordersCount: number;
  /** Integer minor units (paise). */
  totalSpent: number;
  firstOrderAt?: string;
  lastOrderAt?: string;
  /** 1 = highest totalSpent; kept by the adapter; absent without orders. */
  spendRank?: number;
}

export interface Order {
  id: string;
  customerId: string;
  /** Integer minor units (paise). */
  total: number;
  placedAt: string;
}

export interface SegmentDraft {
  name: string;
  type: 'csv' | 'filter';
  filter?: FilterGroup;
  csv?: CsvSummary;
}

export type Combinator = 'and' | 'or';

export interface FilterGroup {
  combinator: Combinator;
  not?: boolean;
  rules: (FilterRule | FilterGroup)[];
}

export interface FilterRule {
  field: string;
  operator: string;
  value?: unknown;
}

/** One problem found in a filter, a draft or an import; `path` locates it (e.g. "rules.2.value"). */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

/** Where and how a filter is evaluated: "today", calendar days and phone numbers depend on it. */
export interface EvaluationContext {
  /** ISO 8601 string or Date; defaults to the current time. */
  now?: string | Date;
  /** IANA time zone; defaults to 'UTC'. */
  timeZone?: string;
  /** ISO 3166 alpha-2; defaults to 'IN'. */
  defaultCountry?: string;
}

export const isFilterGroup = (node: FilterRule | FilterGroup): node is FilterGroup =>
  'rules' in node;

// ---- CSV ----

export interface CsvAcceptedRow {
  line: number;
  phone?: string;
  email?: string;
}

/** Values that fill a coded message's `{placeholders}` (see `CsvFileIssue`, `CsvRejectedRow`). */
export type CsvParams = Record<string, string | number>;

/**
 * Why a row was rejected. Elements group and translate by `code`; `reason` is the
 * English sentence for this row, with its own values.
 */
export type CsvRejectionCode =
  /** Neither a phone nor an email in the row. */
  | 'no-contact'
  /** The phone is not valid and there is no email. */
  | 'invalid-phone'
  /** The email is not valid and there is no phone. */
  | 'invalid-email'
  /** Both are there and neither is valid. */
  | 'invalid-contact'
  /** The phone was turned into a number in scientific notation by a spreadsheet. */
  | 'scientific-phone'
  /** A quote opened in the row is never closed. */
  | 'unclosed-quote'
  /** A quoted value has text right after its closing quote. */
  | 'text-after-quote';

export interface CsvRejectedRow {
  line: number;
  code: CsvRejectionCode;
  /** The English reason for this row, e.g. `"12345" is not a valid phone number for IN`. */
  reason: string;
  /** The column at fault, when one is. */
  field?: 'phone' | 'email';
  /** `phone`, `email` (the cells as written), `country`, where they apply. */
  params?: CsvParams;
  values: string[];
}

/** File-level problems, each with a stable `code`. */
export type CsvIssueCode =
  | 'binary-file'
  | 'empty-file'
  | 'no-rows'
  | 'missing-header'
  | 'missing-phone-column'
  | 'missing-email-column'
  | 'unknown-column'
  | 'ambiguous-column'
  | 'header-space'
  | 'same-column'
  | 'empty-header'
  | 'duplicate-header'
  /** The first row runs on past the peek's limit (4 MB) without ending. */
  | 'header-too-long'
  /** The file is UTF-32 (with a BOM or without), which is not read. */
  | 'unsupported-encoding';

export interface CsvFileIssue {
  code: CsvIssueCode;
  /** The English explanation. */
  message: string;
  /** The mapped column the issue is about ('phone' or 'email'), for column issues. */
  field?: 'phone' | 'email';
  /**
   * What the message names: `column`, `suggestion`, `columns` (1-based, as a list), `header`,
   * `kind` ('workbook' | 'binary' for `binary-file`).
   */
  params?: CsvParams;
}

export interface CsvReport {
  headers: string[];
  delimiter: string;
  encoding: string;
  /** Data rows; blank lines are not rows. */
  rows: number;
  accepted: CsvAcceptedRow[];
  rejected: CsvRejectedRow[];
  duplicates: number;
  /** File-level errors: missing or unmapped column, header with a space, empty file. */
  issues: CsvFileIssue[];
  /** The phone column the import used, named as in `headers` (matched when not given). */
  phoneColumn?: string;
  /** The email column the import used, named as in `headers` (matched when not given). */
  emailColumn?: string;
}
