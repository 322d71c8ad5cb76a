/**
 * Partial phone numbers in filters ("starts with 98765", "contains 4321"). Whole numbers go
 * through normalisePhone; a partial one cannot be parsed as a number, so it is read by these
 * rules instead: separators (spaces, dashes, dots, parentheses) are dropped, then
 * - a prefix starting with '+' is an E.164 prefix;
 * - a prefix without '+' is national: a leading trunk 0 is dropped and the default country's
 *   calling code is put in front ("098765" in IN → "+9198765");
 * - a `contains` value is the digits to find inside the E.164 number.
 */
import { countryCallingCode } from '../phone.ts';

/** The E.164 prefix a `startsWith` value means, or undefined when it is not a phone prefix. */
export function phonePrefix(value: string, defaultCountry: string): string | undefined {
  const text = stripSeparators(value);
  if (/^\+\d+$/.test(text)) return text;
  const callingCode = countryCallingCode(defaultCountry);
  if (!/^\d+$/.test(text) || callingCode === undefined) return undefined;
  return `+${callingCode}${text.replace(/^0/, '')}`;
}

/** The digits a `contains` value asks for ('+' allowed in front), or undefined. */
export function phoneDigits(value: string): string | undefined {
  const text = stripSeparators(value);
  return /^\+?\d+$/.test(text) ? text.replace('+', '') : undefined;
}

const stripSeparators = (value: string) => value.replace(/[\s\-.()]/g, '');
