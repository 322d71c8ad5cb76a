/**
 * Text comparison shared by the engine and SQL. Case-insensitivity is ASCII case folding only
 * (A–Z ↔ a–z): SQLite's lower() and PostgreSQL's lower() in the C locale fold only ASCII, and
 * the browser must select exactly the customers the database selects. So 'É' and 'é' differ,
 * and String#toLowerCase (which folds every script) is never used on a customer's value.
 */

const UPPER_RUNS = /[A-Z]+/g;

/** `text` with A–Z replaced by a–z and every other character kept. */
export function foldAscii(text: string): string {
  // Most stored values are already lower case: a plain scan (cheaper than a regular expression
  // on short text) finds that out and returns them without copying.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) return text.replace(UPPER_RUNS, lowerAscii);
  }
  return text;
}

/** Whether `text`, ASCII-folded, is one of `folded` (already folded), without building a copy. */
export function foldedOneOf(text: string, folded: readonly string[]): boolean {
  for (let i = 0; i < folded.length; i++) if (foldedEquals(text, folded[i]!)) return true;
  return false;
}

/** Whether `text`, ASCII-folded, equals `folded` (already folded), without building a copy. */
export function foldedEquals(text: string, folded: string): boolean {
  return text.length === folded.length && foldedMatchAt(text, 0, folded);
}

/** Whether `text`, ASCII-folded, starts with `folded`. */
export function foldedStartsWith(text: string, folded: string): boolean {
  return text.length >= folded.length && foldedMatchAt(text, 0, folded);
}

/** Whether `text`, ASCII-folded, ends with `folded`. */
export function foldedEndsWith(text: string, folded: string): boolean {
  const start = text.length - folded.length;
  return start >= 0 && foldedMatchAt(text, start, folded);
}

/** Whether `text`, ASCII-folded, contains `folded`. */
export function foldedIncludes(text: string, folded: string): boolean {
  return foldAscii(text).includes(folded);
}

// ---------------------------------------------------------------------------------------------

// The run holds only A–Z, so toLowerCase cannot touch anything beyond ASCII here.
const lowerAscii = (run: string) => run.toLowerCase();

function foldedMatchAt(text: string, start: number, folded: string): boolean {
  for (let i = 0; i < folded.length; i++) {
    let code = text.charCodeAt(start + i);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== folded.charCodeAt(i)) return false;
  }
  return true;
}
