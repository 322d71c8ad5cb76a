/**
 * The rules of `<segment-picker>` that need no DOM: what a value is, when it is valid, what the
 * options say, and the audience in words. Kept apart from the element so each rule reads on its
 * own and the element only wires them to the page.
 */
import type { AudienceChannel, AudiencePage, Segment } from '../../src/core.ts';
import type { LocalizeController } from '../shared/localize.ts';
import type { Translation } from '../shared/translations/en.ts';

/** The picker's value: the segments a campaign reaches, and those it leaves out. */
export interface SegmentPickerValue {
  include: string[];
  exclude: string[];
}

/** One of the picker's two lists. */
export type PickerList = keyof SegmentPickerValue;

export const PICKER_LISTS: readonly PickerList[] = ['include', 'exclude'];

export type SegmentPickerStrings = Translation['segmentPicker'];

/** A chosen id as the picker knows it: the segment, or gone from the store. */
export type Known = Segment | 'missing';

/**
 * Anything a host (or a restored form) hands over, as a value: lists of distinct non-empty
 * strings, in the order given. Anything else is left out rather than thrown on, so a stale
 * value from a saved draft cannot break the form.
 */
export function toValue(input: unknown): SegmentPickerValue {
  const source = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const ids = (list: unknown) =>
    Array.isArray(list)
      ? [...new Set(list.filter((id): id is string => typeof id === 'string' && id !== ''))]
      : [];
  return { include: ids(source.include), exclude: ids(source.exclude) };
}

/** The form-restore state and the submitted entry: the value as JSON. */
export function fromJson(json: unknown): SegmentPickerValue {
  if (typeof json !== 'string') return toValue(null);
  try {
    return toValue(JSON.parse(json));
  } catch {
    return toValue(null);
  }
}

export const sameValue = (a: SegmentPickerValue, b: SegmentPickerValue): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The value with `id` added to, or taken out of, one list. */
export function toggle(
  value: SegmentPickerValue,
  list: PickerList,
  id: string,
): SegmentPickerValue {
  const ids = value[list];
  const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
  return { ...value, [list]: next };
}

/**
 * Why the value cannot be sent, first problem first, or undefined when it can. A segment in
 * both lists is refused rather than resolved: included and excluded at once it reaches nobody,
 * which is never what a seller meant, and quietly dropping it from one list would change the
 * value behind their back.
 */
export function problem(
  value: SegmentPickerValue,
  known: (id: string) => Known | undefined,
  required: boolean,
):
  | { kind: 'both'; id: string }
  | { kind: 'missing'; ids: string[] }
  | { kind: 'importing'; id: string }
  | { kind: 'empty' }
  | undefined {
  const both = value.include.find((id) => value.exclude.includes(id));
  if (both) return { kind: 'both', id: both };
  const chosen = [...value.include, ...value.exclude];
  const missing = chosen.filter((id) => known(id) === 'missing');
  if (missing.length) return { kind: 'missing', ids: missing };
  const importing = chosen.find((id) => {
    const segment = known(id);
    return segment !== undefined && segment !== 'missing' && segment.status === 'importing';
  });
  if (importing) return { kind: 'importing', id: importing };
  if (required && !value.include.length) return { kind: 'empty' };
  return undefined;
}

/** How an option is offered in `list`: chosen there, or not choosable and why. */
export function optionState(
  segment: Segment,
  list: PickerList,
  value: SegmentPickerValue,
): { selected: boolean; disabledWhy?: 'importing' | 'inInclude' | 'inExclude' } {
  const other: PickerList = list === 'include' ? 'exclude' : 'include';
  const selected = value[list].includes(segment.id);
  if (segment.status === 'importing' && !selected) return { selected, disabledWhy: 'importing' };
  if (value[other].includes(segment.id)) {
    return { selected, disabledWhy: other === 'include' ? 'inInclude' : 'inExclude' };
  }
  return { selected };
}

/** The index `key` moves the active option to, among `count` options; undefined: not ours. */
export function moveActive(key: string, active: number, count: number): number | undefined {
  if (!count) return undefined;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** A segment's name in the page's language (the predefined ones have translated names). */
export function segmentName(segment: Segment, names: Record<string, string | undefined>): string {
  return (segment.type === 'predefined' && names[segment.id]) || segment.name;
}

/**
 * The audience in words: "12,340 people · 1,204 duplicates and 3,112 without consent removed".
 * Only the reasons that removed someone are named.
 */
export function audienceSentence(
  page: Pick<AudiencePage, 'total' | 'removed'>,
  channel: AudienceChannel,
  t: SegmentPickerStrings,
  localize: LocalizeController,
): string {
  const people = localize.plural(t.people, page.total);
  const { duplicates, noConsent, noChannel } = page.removed;
  const reasons: string[] = [];
  if (duplicates) reasons.push(localize.plural(t.duplicates, duplicates));
  if (noConsent) reasons.push(localize.plural(t.noConsent, noConsent));
  if (noChannel) {
    const forms = channel === 'sms' ? t.noPhone : channel === 'email' ? t.noEmail : t.noContact;
    reasons.push(localize.plural(forms, noChannel));
  }
  if (!reasons.length) return people;
  const list = listFormat(localize.lang).format(reasons);
  return `${people} · ${localize.format(t.removed, { list })}`;
}

// ---- helpers ----

const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(lang: string): Intl.ListFormat {
  let format = listFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.ListFormat(lang, { type: 'conjunction' });
    } catch {
      format = new Intl.ListFormat('en', { type: 'conjunction' });
    }
    listFormats.set(lang, format);
  }
  return format;
}
