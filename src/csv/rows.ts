/**
 * The row rules of a customer import: each data row is accepted (a valid phone or email),
 * rejected (with the reason), or a duplicate of an accepted row — never lost, never counted twice.
 */
import type { CsvParams, CsvRejectedRow, CsvRejectionCode } from '../model.ts';
import { indianNumberFastPath, normalisePhone } from '../phone.ts';
import { EmailSet, PhoneSet } from './dedupe.ts';
import { APOSTROPHE, DOT, DASH, ZERO, NINE, LOWER_A, LOWER_Z } from '../char-codes.ts';
import type { CsvRecord } from './records.ts';

/** Where classified rows go: collected into a report, or streamed out of a worker. */
export interface RowSink {
  /** `email` may be a slice of a large chunk of file text: copy it before keeping it long. */
  accept(line: number, phone: string | undefined, email: string | undefined): void;
  reject(row: CsvRejectedRow): void;
}

/**
 * Classifies data rows one by one. Duplicates are judged against accepted rows only: a row whose
 * phone or email was already accepted is a duplicate; the values of rejected and duplicate rows
 * are not remembered (a rejected row imports nothing, so it cannot be duplicated).
 */
export class CustomerRows {
  rows = 0;
  duplicates = 0;
  private readonly phones = new PhoneSet();
  private readonly emails = new EmailSet();

  constructor(
    private readonly phoneIndex: number,
    private readonly emailIndex: number,
    private readonly defaultCountry: string,
    private readonly sink: RowSink,
  ) {}

  /** Makes room for about `rows` rows at once, estimated from the start of a large file. */
  reserve(rows: number): void {
    this.phones.reserve(rows);
    this.emails.reserve(rows);
  }

  /** One data row as read from the file, `line` being where it starts (1-based). */
  add(record: CsvRecord, line: number, problem?: string): void {
    this.rows++;
    if (problem) {
      const code = readProblemCode(problem);
      this.sink.reject({ line, code, reason: capitalise(problem), values: record.toArray() });
      return;
    }
    const phoneCell = record.field(this.phoneIndex);
    const emailCell = record.field(this.emailIndex);
    const phone = phoneValue(phoneCell, this.defaultCountry);
    const email = emailValue(emailCell);
    if (phone === undefined && email === undefined) {
      const rejection = rejectionOf(
        checkPhone(phoneCell, this.defaultCountry),
        checkEmail(emailCell),
        this.defaultCountry,
      );
      this.sink.reject({ line, ...rejection, values: record.toArray() });
      return;
    }
    if (email !== undefined) this.emails.prepare(email);
    if (
      (phone !== undefined && this.phones.has(phone)) ||
      (email !== undefined && this.emails.has(email))
    ) {
      this.duplicates++;
      return;
    }
    if (phone !== undefined) this.phones.add(phone);
    if (email !== undefined) this.emails.add(email);
    this.sink.accept(line, phone, email);
  }
}

export interface Checked {
  value?: string;
  /** Why the value is not usable; undefined when the cell is empty. */
  problem?: string;
  /** The cell as read (trimmed, formula guard removed), when there is a problem. */
  text?: string;
  /** A phone a spreadsheet turned into scientific notation (its digits are lost). */
  scientific?: boolean;
}

/**
 * A phone cell in E.164, or why not. A number a spreadsheet displayed in scientific notation
 * (9.87654321E+09) lost digits when it was saved, so it is rejected rather than guessed.
 */
export function checkPhone(cell: string, defaultCountry: string): Checked {
  const text = unneutralise(cell.trim());
  if (text === '') return {};
  if (SCIENTIFIC.test(text)) {
    return {
      text,
      scientific: true,
      problem: `the phone "${text}" was turned into a number by a spreadsheet (scientific notation), so its digits are lost; format the column as Text and export it again`,
    };
  }
  const phone = normalisePhone(text, defaultCountry);
  return phone !== undefined
    ? { value: phone }
    : { text, problem: `"${text}" is not a valid phone number for ${defaultCountry}` };
}

/**
 * An email cell trimmed and lower-cased, or why not. The check is practical, not RFC 5322: one
 * "@"; a local part of letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ - in dot-separated
 * runs; a domain of at least two dot-separated labels (letters, digits, inner dashes) ending in
 * a 2–63 letter top-level domain; at most 64 characters before the "@" and 254 in all. Quoted
 * local parts, IP-address domains and non-ASCII addresses (use punycode) are not accepted.
 */
export function checkEmail(cell: string): Checked {
  const value = emailValue(cell);
  if (value !== undefined) return { value };
  const text = unneutralise(cell.trim()).toLowerCase();
  return text === '' ? {} : { text, problem: `"${text}" is not a valid email address` };
}

/** `checkPhone` without the reason, for the hot path of an import. */
function phoneValue(cell: string, defaultCountry: string): string | undefined {
  const text = unneutralise(cell.trim());
  if (text === '') return undefined;
  // Most phones take the fast path, which reads only digits, spaces and dashes: nothing it accepts
  // is in scientific notation, so the regex below is left for the rest.
  const fast = defaultCountry === 'IN' ? indianNumberFastPath(text) : undefined;
  if (fast !== undefined) return fast;
  return SCIENTIFIC.test(text) ? undefined : normalisePhone(text, defaultCountry);
}

/** `checkEmail` without the reason, for the hot path of an import. */
function emailValue(cell: string): string | undefined {
  const text = unneutralise(cell.trim()).toLowerCase();
  if (text === '') return undefined;
  const at = text.indexOf('@');
  return text.length <= 254 && at > 0 && at <= 64 && isEmail(text, at) ? text : undefined;
}

/**
 * Whether lower-cased `text`, its first "@" at `at`, matches
 * /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
 * — written out as one pass over the characters, which costs a third of that regex on the import's
 * hot path. test/node/csv-email.test.ts checks the two agree.
 */
function isEmail(text: string, at: number): boolean {
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (i === 0 || i === at - 1 || text.charCodeAt(i - 1) === DOT) return false;
    } else if (c >= 128 || !LOCAL_CHAR[c]) {
      return false;
    }
  }
  // Labels of the domain: every one but the last is 1–63 letters, digits and inner dashes; the
  // last (the top-level domain) is 2–63 letters.
  const n = text.length;
  let labels = 0;
  let start = at + 1;
  let letters = true;
  for (let i = start; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : DOT;
    if (c === DOT) {
      const length = i - start;
      if (i === n) return labels > 0 && letters && length >= 2 && length <= 63;
      if (length === 0 || length > 63) return false;
      if (text.charCodeAt(start) === DASH || text.charCodeAt(i - 1) === DASH) return false;
      labels++;
      start = i + 1;
      letters = true;
    } else if (c >= LOWER_A && c <= LOWER_Z) {
      continue;
    } else if ((c >= ZERO && c <= NINE) || c === DASH) {
      letters = false;
    } else {
      return false;
    }
  }
  return false; // not reached: the loop ends at the last label
}

/**
 * Removes the apostrophe `rejectedRowsToCsv` puts before a cell that starts with a formula
 * character, so a corrected file of rejected rows imports as written ('+91… → +91…).
 */
export function unneutralise(text: string): string {
  return text.charCodeAt(0) === APOSTROPHE && FORMULA_START.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/** A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets. */
export const FORMULA_START = /^[\s]*[=+\-@\t\r＝＋－＠]/;

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
/** The characters of an email's local part, by ASCII code. */
const LOCAL_CHAR = Array.from({ length: 128 }, (_, c) =>
  /[a-z0-9!#$%&'*+/=?^_`{|}~-]/.test(String.fromCharCode(c)),
);

type Rejection = Pick<CsvRejectedRow, 'code' | 'reason' | 'field' | 'params'>;

/** The code, English reason, column at fault and values of a row with no usable contact. */
function rejectionOf(phone: Checked, email: Checked, country: string): Rejection {
  if (phone.problem === undefined && email.problem === undefined) {
    return { code: 'no-contact', reason: 'No phone or email' };
  }
  const params: CsvParams = { country };
  if (phone.text !== undefined) params.phone = phone.text;
  if (email.text !== undefined) params.email = email.text;
  const parts = [phone.problem, email.problem].filter((part): part is string => part !== undefined);
  const missing =
    phone.problem === undefined ? '; no phone' : email.problem === undefined ? '; no email' : '';
  const reason = capitalise(parts.join('; ') + missing);
  const code: CsvRejectionCode = phone.scientific
    ? 'scientific-phone'
    : phone.problem === undefined
      ? 'invalid-email'
      : email.problem === undefined
        ? 'invalid-phone'
        : 'invalid-contact';
  const field =
    code === 'invalid-contact' ? undefined : code === 'invalid-email' ? 'email' : 'phone';
  return field ? { code, reason, field, params } : { code, reason, params };
}

/**
 * The code of a record the reader could not read as written. The reader (records.ts) hands over
 * its English sentence; the two problems it knows are told apart here by their opening words.
 */
function readProblemCode(problem: string): CsvRejectionCode {
  return problem.startsWith('a quote opened') ? 'unclosed-quote' : 'text-after-quote';
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
