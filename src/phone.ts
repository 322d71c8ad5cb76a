import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 ("+919876543210"), or undefined when the text is not a valid number
 * for the default country. One function for filters, imports and CSV so they never disagree.
 */
export function normalisePhone(raw: string, defaultCountry = 'IN'): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
