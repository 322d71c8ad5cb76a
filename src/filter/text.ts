/**
 * Text comparison shared by the engine and SQL. Case-insensitive means: both sides folded code
 * point by code point with one table (fold-table.ts) — Unicode simple case folding, plus
 * İ → i. So 'MÜLLER' contains 'müller', 'ΟΔΟΣ' equals 'οδος' (Σ, σ and ς fold together),
 * 'ẞ' equals 'ß'; but 'STRASSE' does not equal 'straße' (no letter becomes two) and 'ı' stays
 * 'ı'. No locale is consulted: String#toLowerCase (final sigma, İ → i̇) and the database's
 * lower() (its LC_CTYPE) would each fold differently, and the browser must select exactly the
 * customers the database selects. PostgreSQL applies the same table through regular
 * expressions that list each letter's case variants, SQLite through a `us_fold` function the
 * host registers (sql-dialect.ts).
 */
import { FOLD_RUNS } from './fold-table.ts';

/** The name filterToSql calls on SQLite, which the host registers (registerFoldFunction). */
export const SQL_FOLD_FUNCTION = 'us_fold';

/** `text` case-folded: each code point through the fold table, everything else kept. */
export function foldText(text: string): string {
  // Most stored values are ASCII and already lower case: a plain scan (cheaper than a regular
  // expression on short text) finds that out and returns them without copying.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) return foldFrom(text, i);
    if (code >= 128) return foldFrom(text, i);
  }
  return text;
}

/**
 * The SQLite side of the fold, for a better-sqlite3 (or node:sqlite) database:
 * `registerFoldFunction(db)` makes `us_fold(x)` fold text as foldText does (NULL stays NULL).
 */
export function registerFoldFunction(db: {
  function(
    name: string,
    options: { deterministic: boolean },
    fn: (value: unknown) => unknown,
  ): unknown;
}): void {
  db.function(SQL_FOLD_FUNCTION, { deterministic: true }, (value) =>
    typeof value === 'string' ? foldText(value) : value,
  );
}

/**
 * Every code point that folds to `folded` (a folded code point), itself first: what a
 * case-insensitive pattern must accept where the folded text has `folded` ('σ' → σ Σ ς).
 */
export function foldClass(folded: number): readonly number[] {
  if (!classes) {
    classes = new Map();
    for (const [source, target] of foldMap()) {
      const members = classes.get(target) ?? [target];
      members.push(source);
      classes.set(target, members);
    }
  }
  return classes.get(folded) ?? [folded];
}

/** Whether `text`, folded, is one of `folded` (already folded). */
export function foldedOneOf(text: string, folded: readonly string[]): boolean {
  for (let i = 0; i < folded.length; i++) if (foldedEquals(text, folded[i]!)) return true;
  return false;
}

/** Whether `text`, folded, equals `folded` (already folded), without a copy for ASCII text. */
export function foldedEquals(text: string, folded: string): boolean {
  return text.length === folded.length && foldedMatchAt(text, 0, folded);
}

/** Whether `text`, folded, starts with `folded`. */
export function foldedStartsWith(text: string, folded: string): boolean {
  return text.length >= folded.length && foldedMatchAt(text, 0, folded);
}

/** Whether `text`, folded, ends with `folded`. */
export function foldedEndsWith(text: string, folded: string): boolean {
  const start = text.length - folded.length;
  return start >= 0 && foldedMatchAt(text, start, folded);
}

/** Whether `text`, folded, contains `folded`. */
export function foldedIncludes(text: string, folded: string): boolean {
  return foldText(text).includes(folded);
}

// ---------------------------------------------------------------------------------------------

let map: Map<number, number> | undefined;
let classes: Map<number, number[]> | undefined;

/** The fold table as code point → code point, built on first use. */
function foldMap(): Map<number, number> {
  if (!map) {
    map = new Map();
    for (const run of FOLD_RUNS.split(',')) {
      const [start, count, step, delta] = run.split(' ').map((n) => parseInt(n, 36)) as [
        number,
        number,
        number,
        number,
      ];
      for (let k = 0, cp = start; k < count; k++, cp += step) map.set(cp, cp + delta);
    }
  }
  return map;
}

/** foldText from position `first`, the first unit that may change. */
function foldFrom(text: string, first: number): string {
  const table = foldMap();
  let out = text.slice(0, first);
  for (let i = first; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 128) {
      out += String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      code = (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
      i++;
    }
    // A lone surrogate is kept as it is.
    out += String.fromCodePoint(table.get(code) ?? code);
  }
  return out;
}

/** Compares in place while the text is ASCII; anything else is folded first (same length). */
function foldedMatchAt(text: string, start: number, folded: string): boolean {
  for (let i = 0; i < folded.length; i++) {
    let code = text.charCodeAt(start + i);
    if (code >= 128) return foldText(text.slice(start, start + folded.length)) === folded;
    if (code >= 65 && code <= 90) code += 32;
    if (code !== folded.charCodeAt(i)) return false;
  }
  return true;
}
