/**
 * Dates in the value editors as the page's language writes them in numbers: "15/01/2024" in
 * Hindi or British English, "01/15/2024" in American English, "2024/01/15" in Japanese. The
 * filter keeps ISO `YYYY-MM-DD`; these turn one into the other. What cannot be read is kept as
 * typed, so that the filter's validation says "Enter a real date" beside the box.
 */

export type DatePart = 'day' | 'month' | 'year';

export interface DateLayout {
  /** The parts in the language's order. */
  order: DatePart[];
  /** What the language writes between them ("/", ".", "-"). */
  separator: string;
}

const layouts = new Map<string, DateLayout>();
const SAMPLE = new Date(Date.UTC(2024, 0, 15));

/**
 * The order and separator of a numeric date in `lang` (English when the language is unknown).
 * English without a region writes the day first, as the English summary does ("15 Jan 2024");
 * `en-US` asks for the month first.
 */
export function dateLayout(lang: string): DateLayout {
  let layout = layouts.get(lang);
  if (layout) return layout;
  const locale = dateLocale(lang);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
      numberingSystem: 'latn',
    }).formatToParts(SAMPLE);
  } catch {
    return dateLayout('en');
  }
  const order = parts
    .map((part) => part.type)
    .filter((type): type is DatePart => type === 'day' || type === 'month' || type === 'year');
  const literal = parts.find((part) => part.type === 'literal')?.value.trim() || '/';
  layout = order.length === 3 ? { order, separator: literal.slice(0, 1) } : dateLayout('en');
  layouts.set(lang, layout);
  return layout;
}

/**
 * The locale dates are written in for `lang`: English without a region writes the day first
 * ("15 Jan 2024", "15/01/2024"), as core's English sentences do; `en-US` keeps the month first.
 * The summary and the date box both use it, so they never disagree.
 */
export function dateLocale(lang: string): string {
  return !lang || lang.toLowerCase() === 'en' ? 'en-GB' : lang;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date as the box shows it in `lang`; anything else (typed text kept) as it is. */
export function dateInputText(value: string, lang: string): string {
  const match = ISO.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const part = { day, month, year } as Record<DatePart, string>;
  const { order, separator } = dateLayout(lang);
  return order.map((p) => part[p]).join(separator);
}

/**
 * What the seller typed, read in `lang`'s order: the parts split by any separator ("15/1/2024",
 * "15.01.2024", "15 01 2024"), or eight digits in a row ("15012024"); Devanagari digits count
 * too, and an ISO date is read as one. `undefined` for an empty box; the trimmed text when it
 * cannot be read (the filter's validation then says so).
 */
export function parseDateInput(text: string, lang: string): string | undefined {
  const trimmed = toLatinDigits(text).trim();
  if (trimmed === '') return undefined;
  if (ISO.test(trimmed)) return trimmed;
  const { order } = dateLayout(lang);
  let pieces = trimmed.split(/\D+/).filter(Boolean);
  if (pieces.length === 1 && /^\d{8}$/.test(pieces[0]!)) {
    const digits = pieces[0]!;
    const widths = order.map((p) => (p === 'year' ? 4 : 2));
    pieces = [];
    let at = 0;
    for (const width of widths) {
      pieces.push(digits.slice(at, at + width));
      at += width;
    }
  }
  if (pieces.length !== 3 || /[^\d\s./,-]/.test(trimmed)) return trimmed;
  const part = {} as Record<DatePart, string>;
  order.forEach((p, i) => (part[p] = pieces[i]!));
  if (part.year.length !== 4 || part.month.length > 2 || part.day.length > 2) return trimmed;
  return `${part.year}-${part.month.padStart(2, '0')}-${part.day.padStart(2, '0')}`;
}

/** The ISO date `days` away from `iso`, or undefined when `iso` is not a real date. */
export function addDays(iso: string, days: number): string | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== iso) return undefined;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The pattern the box asks for, from the words for each part ("DD/MM/YYYY", "दिन/माह/वर्ष"). */
export function datePattern(lang: string, words: Record<DatePart, string>): string {
  const { order, separator } = dateLayout(lang);
  return order.map((p) => words[p]).join(separator);
}

const DEVANAGARI_ZERO = 0x0966;

function toLatinDigits(text: string): string {
  return text.replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_ZERO));
}
