import { SegmentError } from '../errors.ts';
import type {
  CsvSummary,
  FilterGroup,
  FilterRule,
  Issue,
  Segment,
  SegmentDraft,
} from '../model.ts';
import { isFilterGroup } from '../model.ts';
import type { Page } from '../adapter.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import { validateFilter } from '../filter/validate.ts';

/**
 * The rules of the segment list that do not depend on storage, shared by every adapter and by
 * the reference backend: names, drafts, the order and paging of listSegments, copy names and
 * which segments depend on which.
 */

/** At most this many issues are reported for one refused batch or import. */
export const MAX_ISSUES = 100;

/** A platform-wide segment given to the adapter by the host: read-only, listed under 'global'. */
export interface GlobalSegmentDefinition {
  id: string;
  name: string;
  filter: FilterGroup;
  createdAt?: string;
  updatedAt?: string;
}

/** A segment as listed, before its member count is known. */
export type Listed = Omit<Segment, 'memberCount'>;

/** The longest segment name, in UTF-16 code units after trimming. */
export const MAX_NAME_LENGTH = 100;
/** The page size of `listSegments` and `listMembers` when the caller names none. */
export const DEFAULT_PAGE_SIZE = 50;
/** The most segments or members one page may hold, in every adapter and on the wire. */
export const MAX_PAGE_SIZE = 200;

/**
 * The page size a `listSegments` or `listMembers` call asks for (50 when absent), or an
 * `invalid` error when it is not a whole number from 1 to 200: every adapter refuses a larger
 * page the same way, so an element that asks for one fails on each of them alike.
 */
export function pageSize(limit: unknown, what: 'segments' | 'members'): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_PAGE_SIZE) {
    throw invalidQuery('limit', `Ask for 1 to ${MAX_PAGE_SIZE} ${what} a page.`);
  }
  return limit as number;
}

/** Segments that were never written have this as their date (predefined, global by default). */
const EPOCH = new Date(0).toISOString();

/**
 * Names are unique per store and scope, compared NFC-normalised, trimmed and case-insensitively:
 * "Café" typed with a precomposed é and with e + U+0301 is one name.
 */
export const nameKey = (name: string): string => cleanName(name).toLowerCase();

/** A name as it is stored: NFC-normalised and trimmed. */
export const cleanName = (name: string): string => name.normalize('NFC').trim();

/** The draft's parts that are stored, or an `invalid` error listing what is wrong with it. */
export function checkDraft(draft: SegmentDraft): {
  name: string;
  type: 'csv' | 'filter';
  filter?: FilterGroup;
  csv?: CsvSummary;
} {
  if (!draft || typeof draft !== 'object') {
    throw new SegmentError('invalid', 'A segment needs a name and a type.', {
      issues: [{ path: '', code: 'not-an-object', message: 'Send a segment draft object.' }],
    });
  }
  const name = typeof draft.name === 'string' ? cleanName(draft.name) : '';
  const issues = nameIssues(name);
  if (draft.type === 'filter') {
    if (!draft.filter || typeof draft.filter !== 'object') {
      issues.push({ path: 'filter', code: 'required', message: 'Add the filter conditions.' });
    }
  } else if (draft.type === 'csv') {
    const problem = csvProblem(draft.csv);
    if (problem) issues.push({ path: 'csv', code: 'invalid-csv', message: problem });
  } else {
    issues.push({ path: 'type', code: 'invalid-type', message: 'Choose CSV or Filter.' });
  }
  if (issues.length) throw new SegmentError('invalid', issues[0].message, { issues });
  return draft.type === 'filter'
    ? // A copy: the caller may go on editing its draft after saving it.
      { name, type: 'filter', filter: structuredClone(draft.filter) }
    : { name, type: 'csv', csv: { ...(draft.csv as CsvSummary) } };
}

/** A segment name, trimmed, or `invalid` when it is empty or longer than 100 characters. */
export function checkName(name: unknown): string {
  const trimmed = typeof name === 'string' ? cleanName(name) : '';
  const issues = nameIssues(trimmed);
  if (issues.length) throw new SegmentError('invalid', issues[0].message, { issues });
  return trimmed;
}

/**
 * Platform-wide segments as a host gives them (LocalAdapter's `globalSegments`, the backend's
 * `setGlobalSegments`): each needs a distinct id that a URL can carry, a valid name and a filter
 * within every limit of validateFilter. Anything else is refused as `invalid`, listing each
 * problem, before one of them could be listed where it breaks a page.
 */
export function checkGlobalSegments(
  segments: unknown,
): readonly { id: string; name: string; filter: FilterGroup }[] {
  if (!Array.isArray(segments)) {
    throw new SegmentError('invalid', 'Give the global segments as a list.', {
      issues: [{ path: '', code: 'not-a-list', message: 'Pass an array of segments.' }],
    });
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  segments.forEach((segment: unknown, index) => {
    const at = (path: string) => (path ? `${index}.${path}` : String(index));
    const raw = (segment && typeof segment === 'object' ? segment : {}) as Record<string, unknown>;
    const id = raw.id;
    if (typeof id !== 'string' || !id || id === '.' || id === '..' || /[/\\]/.test(id)) {
      issues.push({ path: at('id'), code: 'invalid-id', message: 'Give each segment an id.' });
    } else if (seen.has(id)) {
      issues.push({ path: at('id'), code: 'duplicate-id', message: `The id ${id} is used twice.` });
    } else {
      seen.add(id);
    }
    const name = typeof raw.name === 'string' ? cleanName(raw.name) : '';
    for (const issue of nameIssues(name)) issues.push({ ...issue, path: at(issue.path) });
    for (const issue of validateFilter(raw.filter)) {
      issues.push({ ...issue, path: at(issue.path ? `filter.${issue.path}` : 'filter') });
    }
  });
  if (issues.length) {
    throw new SegmentError('invalid', issues[0].message, { issues: issues.slice(0, MAX_ISSUES) });
  }
  return segments as { id: string; name: string; filter: FilterGroup }[];
}

/** The predefined segments as every store lists them, in their fixed order. */
export const PREDEFINED_LISTED: readonly Listed[] = PREDEFINED_SEGMENTS.map((p) => ({
  id: p.id,
  name: p.name,
  type: 'predefined',
  scope: 'store',
  filter: p.filter,
  readOnly: true,
  version: 1,
  createdAt: EPOCH,
  updatedAt: EPOCH,
}));

/** A host's global segment as listed: read-only, scope 'global'. */
export const globalToListed = (g: GlobalSegmentDefinition): Listed => ({
  id: g.id,
  name: g.name,
  type: 'filter',
  scope: 'global',
  filter: g.filter,
  readOnly: true,
  version: 1,
  createdAt: g.createdAt ?? EPOCH,
  updatedAt: g.updatedAt ?? g.createdAt ?? EPOCH,
});

/**
 * Store scope: predefined segments first (in their fixed order), then the store's own by name;
 * global scope: by name. The sort key doubles as the opaque cursor, so a page boundary stays put
 * when segments are added or removed elsewhere in the list.
 */
export function sortKey(segment: Listed): string {
  if (segment.type === 'predefined') {
    return `0${String(PREDEFINED_LISTED.findIndex((p) => p.id === segment.id)).padStart(4, '0')}`;
  }
  return `1${nameKey(segment.name)}\u0000${segment.id}`;
}

/** One page of `sorted` (ascending by sortKey) after a case-insensitive name search. */
export function pageOf(
  sorted: readonly { key: string; segment: Listed }[],
  q: { search?: string; cursor?: string; limit?: number },
): Page<Listed> {
  const limit = pageSize(q.limit, 'segments');
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const needle = typeof q.search === 'string' ? nameKey(q.search) : '';
  const matches = needle
    ? sorted.filter((entry) => entry.segment.name.toLowerCase().includes(needle))
    : sorted;
  let start = 0;
  if (after !== undefined) {
    // Binary search: the first entry whose key sorts after the cursor.
    let high = matches.length;
    while (start < high) {
      const mid = (start + high) >>> 1;
      if (matches[mid].key <= after) start = mid + 1;
      else high = mid;
    }
  }
  const slice = matches.slice(start, start + limit);
  const page: Page<Listed> = { items: slice.map((e) => e.segment), total: matches.length };
  if (start + limit < matches.length) page.next = encodeCursor(slice[slice.length - 1].key);
  return page;
}

/** "<name> (copy)", then "(copy 2)", "(copy 3)" … — the first one not taken, within 100 chars. */
export function copyName(name: string, isTaken: (key: string) => boolean): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = name.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd() + suffix;
    if (!isTaken(nameKey(candidate))) return candidate;
  }
}

/** Every segment id named by a `segment` rule anywhere in the filter. */
export function referencedSegmentIds(filter: FilterGroup | undefined): string[] {
  const ids: string[] = [];
  const walk = (node: FilterRule | FilterGroup) => {
    if (isFilterGroup(node)) {
      if (Array.isArray(node.rules)) node.rules.forEach(walk);
    } else if (node.field === 'segment') {
      const value = node.value;
      for (const id of Array.isArray(value) ? value : [value]) {
        if (typeof id === 'string') ids.push(id);
      }
    }
  };
  if (filter) walk(filter);
  return ids;
}

export const notFound = (id: string): SegmentError =>
  new SegmentError('not-found', `There is no segment "${id}".`);

export function invalidQuery(path: string, message: string): SegmentError {
  return new SegmentError('invalid', message, { issues: [{ path, code: 'invalid', message }] });
}

/** `conflict`: the segment's version is no longer the one the caller read. */
export const conflictError = (name: string): SegmentError =>
  new SegmentError(
    'conflict',
    `"${name}" was changed elsewhere; reload it and apply your changes again.`,
  );

/** `invalid` (`type-change`): a saved segment keeps its type. */
export const typeChangeError = (): SegmentError =>
  new SegmentError('invalid', 'A segment keeps its type; create a new one instead.', {
    issues: [{ path: 'type', code: 'type-change', message: 'The type cannot change.' }],
  });

/**
 * `invalid` for a draft's filter: the issues `validateFilter` found, their paths put under
 * `filter`.
 */
export const invalidFilterError = (issues: readonly Issue[]): SegmentError =>
  new SegmentError('invalid', `The filter is not valid: ${issues[0]?.message ?? ''}`, {
    issues: issues.map((issue) => ({
      ...issue,
      path: issue.path ? `filter.${issue.path}` : 'filter',
    })),
  });

/** `invalid` (`in-use`): another segment's filter names the one being deleted. */
export const inUseError = (name: string, dependant: string): SegmentError =>
  new SegmentError(
    'invalid',
    `"${name}" is used by the segment "${dependant}"; change that segment first.`,
    { issues: [{ path: 'id', code: 'in-use', message: `Used by "${dependant}".` }] },
  );

/** `read-only`: a predefined or global segment cannot be changed or deleted. */
export const readOnlyError = (segment: Pick<Listed, 'name' | 'type'>): SegmentError =>
  new SegmentError(
    'read-only',
    `"${segment.name}" is a ${segment.type === 'predefined' ? 'predefined' : 'global'} segment and cannot be changed; duplicate it to make your own.`,
  );

/** `name-taken`: names are unique per store, compared with `nameKey`. */
export const nameTakenError = (name?: string): SegmentError =>
  new SegmentError(
    'name-taken',
    name ? `A segment named "${name}" already exists.` : 'A segment with this name already exists.',
    { issues: [{ path: 'name', code: 'name-taken', message: 'Choose another name.' }] },
  );

// ---- helpers ----

function nameIssues(trimmed: string): Issue[] {
  if (!trimmed) return [{ path: 'name', code: 'required', message: 'Enter a name.' }];
  if (!VISIBLE.test(trimmed)) {
    return [
      {
        path: 'name',
        code: 'no-visible-character',
        message: 'Use at least one visible character in the name.',
      },
    ];
  }
  if (trimmed.length > MAX_NAME_LENGTH) {
    return [
      {
        path: 'name',
        code: 'too-long',
        message: `Use at most ${MAX_NAME_LENGTH} characters for the name.`,
      },
    ];
  }
  return [];
}

/**
 * A character that shows: not white space, a control, a surrogate half or a character that
 * is ignorable by default (zero-width space and joiners, the word joiner, variation selectors,
 * the Hangul filler, a BOM).
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

/** Why a CSV summary (a draft's or a reopened import's `csv`) is not one, or undefined. */
export function csvProblem(csv: CsvSummary | undefined): string | undefined {
  if (!csv || typeof csv !== 'object') return 'Upload a CSV file for a CSV segment.';
  for (const key of ['fileName', 'phoneColumn', 'emailColumn'] as const) {
    if (typeof csv[key] !== 'string') return `The CSV summary needs ${key} as text.`;
  }
  for (const key of ['accepted', 'rejected', 'duplicates'] as const) {
    if (!Number.isInteger(csv[key]) || csv[key] < 0) {
      return `The CSV summary needs ${key} as a whole number of rows.`;
    }
  }
  return undefined;
}

function encodeCursor(key: string): string {
  const bytes = new TextEncoder().encode(key);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): string {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    throw invalidQuery(
      'cursor',
      'This page link is not valid any more; start from the first page.',
    );
  }
}

/** Cursors of member pages: a position in the segment's member order. */
export function encodeOffset(offset: number): string {
  return encodeCursor(`m${offset}`);
}

/** The position a member-page cursor names (0 without one), or `invalid` for a forged one. */
export function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const key = decodeCursor(cursor);
  const offset = Number(key.slice(1));
  if (key[0] !== 'm' || !Number.isInteger(offset) || offset < 0) {
    throw invalidQuery(
      'cursor',
      'This page link is not valid any more; start from the first page.',
    );
  }
  return offset;
}
