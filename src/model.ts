/**
 * The model shared by the browser, Node and the REST contract (DESIGN.md §3).
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
  /** null = not computed yet. */
  memberCount: number | null;
  /** Predefined and global segments are read-only. */
  readOnly: boolean;
  /** Optimistic concurrency: an update names the version it was made from. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

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

// ---- CSV (DESIGN.md §8) ----

export interface CsvAcceptedRow {
  line: number;
  phone?: string;
  email?: string;
}

export interface CsvRejectedRow {
  line: number;
  reason: string;
  values: string[];
}

export interface CsvFileIssue {
  code: string;
  message: string;
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
}
