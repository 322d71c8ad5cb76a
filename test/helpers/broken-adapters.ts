/**
 * One broken adapter per conformance check: a wrapper around a working adapter that breaks
 * exactly the behaviour the check is about, the way a real adapter could get it wrong. The
 * kit's self-test runs each check against its broken adapter and expects it to fail, so a check
 * that turns vacuous (accepts anything) is noticed.
 */
import type { SegmentAdapter } from '../../src/adapter.ts';
import { SegmentError } from '../../src/errors.ts';
import type { FilterGroup, Segment, SegmentDraft } from '../../src/model.ts';
import type { AdapterSeed } from '../../src/testing/index.ts';

type Method = keyof SegmentAdapter;
type Replacement = (inner: SegmentAdapter) => unknown;

export interface Breakage {
  /** How the adapter goes wrong, in a few words. */
  what: string;
  /** Methods replaced: each receives the working adapter and returns the broken method. */
  methods?: Partial<Record<Method, Replacement>>;
  /** A change to the seed the factory gets (e.g. the wrong time zone). */
  seed?: (seed: AdapterSeed) => AdapterSeed;
}

/** The adapter with some methods replaced; everything else, events included, goes to it. */
export function withBug(inner: SegmentAdapter, methods: Breakage['methods'] = {}): SegmentAdapter {
  return new Proxy(inner, {
    get(target, property) {
      const replace = methods[property as Method];
      if (replace) return replace(target);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Check name → the breakage its check must notice. */
export const BREAKAGES: Readonly<Record<string, Breakage>> = {
  'a CSV segment is importing until finishImport, and nothing counts it meanwhile': {
    what: 'finishImport marks a segment ready before its last contact landed',
    methods: {
      finishImport: (inner) => async (id: string) => {
        const segment = await inner.getSegment(id);
        const missing = segment.progress
          ? segment.progress.expected - segment.progress.received
          : 0;
        // Makes up the difference with contacts nobody uploaded, then finishes.
        const filler = Array.from({ length: missing }, (_, i) => ({
          email: `filler${i}@example.in`,
        }));
        if (filler.length) await inner.addMembers(id, filler, { batchId: `filler-${id}` });
        return inner.finishImport(id);
      },
    },
  },
  'an importing segment can be deleted, and finishing an empty file needs no batch': {
    what: 'deleteSegment refuses an importing segment',
    methods: {
      deleteSegment: (inner) => async (id: string) => {
        if ((await inner.getSegment(id)).status === 'importing') {
          throw new SegmentError('incomplete', 'Still importing.');
        }
        return inner.deleteSegment(id);
      },
    },
  },
  'createSegment with an idempotency key answers a repeat with the same segment': {
    what: 'createSegment ignores the idempotency key',
    methods: {
      createSegment: (inner) => async (draft: SegmentDraft) => inner.createSegment(draft),
    },
  },
  'createSegment and getSegment round-trip filter and CSV segments': {
    what: 'getSegment loses the filter',
    methods: {
      getSegment: (inner) => async (id: string) => ({
        ...(await inner.getSegment(id)),
        filter: undefined,
      }),
    },
  },
  'updateSegment saves the draft and bumps the version': {
    what: 'updateSegment keeps the old version',
    methods: {
      updateSegment:
        (inner) => async (id: string, draft: SegmentDraft, o: { expectedVersion: number }) => ({
          ...(await inner.updateSegment(id, draft, o)),
          version: o.expectedVersion,
        }),
    },
  },
  'updateSegment from a stale version fails with conflict': {
    what: 'updateSegment ignores expectedVersion',
    methods: {
      updateSegment: (inner) => async (id: string, draft: SegmentDraft) =>
        inner.updateSegment(id, draft, {
          expectedVersion: (await inner.getSegment(id)).version,
        }),
    },
  },
  'updateSegment without expectedVersion is refused, changing nothing': {
    what: 'a missing expectedVersion skips the version check',
    methods: {
      updateSegment:
        (inner) => async (id: string, draft: SegmentDraft, o?: { expectedVersion?: number }) =>
          inner.updateSegment(id, draft, {
            expectedVersion: o?.expectedVersion ?? (await inner.getSegment(id)).version,
          }),
    },
  },
  'deleteSegment removes the segment': {
    what: 'deleteSegment resolves without deleting',
    methods: { deleteSegment: () => async () => undefined },
  },
  'names are unique per scope, trimmed and case-insensitive (name-taken)': {
    what: 'a taken name gets a suffix instead of an error',
    methods: { createSegment: (inner) => renameWhenTaken(inner) },
  },
  "a predefined segment's name is taken in the store": {
    what: 'a taken name gets a suffix instead of an error',
    methods: { createSegment: (inner) => renameWhenTaken(inner) },
  },
  'a bad filter is refused as invalid, with issues': {
    what: "'invalid' errors without their issues",
    methods: {
      createSegment: (inner) => withoutIssues(inner.createSegment.bind(inner)),
      updateSegment: (inner) => withoutIssues(inner.updateSegment.bind(inner)),
      countMembers: (inner) => withoutIssues(inner.countMembers.bind(inner)),
    },
  },
  'names are compared NFC-normalised; a name with no visible character is refused': {
    what: 'names are stored as typed, decomposed accents included',
    methods: {
      createSegment: (inner) => async (draft: SegmentDraft) => {
        const made = await inner.createSegment(draft);
        return { ...made, name: draft.name.trim() };
      },
    },
  },
  'an empty name or one over 100 characters is refused as invalid': {
    what: 'names are mended instead of refused',
    methods: {
      createSegment: (inner) => async (draft: SegmentDraft) =>
        inner.createSegment({
          ...draft,
          name: draft.name.trim() === '' ? 'Untitled segment' : draft.name.slice(0, 100),
        }),
    },
  },
  'unknown ids are not-found in every method': {
    what: 'listMembers of an unknown segment is an empty page',
    methods: {
      listMembers:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['listMembers']>) => {
          try {
            return await inner.listMembers(...args);
          } catch (error) {
            if ((error as SegmentError).code === 'not-found') return { items: [], total: 0 };
            throw error;
          }
        },
    },
  },
  'predefined segments are read-only': {
    what: 'predefined segments listed as editable',
    methods: { listSegments: (inner) => mapListed(inner, (s) => s.type === 'predefined') },
  },
  'global segments are read-only': {
    what: 'global segments listed as editable',
    methods: { listSegments: (inner) => mapListed(inner, (s) => s.scope === 'global') },
  },
  'duplicateSegment names copies "(copy)", then "(copy 2)"': {
    what: 'duplicateSegment ignores the name it is given',
    methods: {
      duplicateSegment: (inner) => async (id: string) => inner.duplicateSegment(id),
    },
  },
  'duplicating a predefined or global segment gives an editable filter segment': {
    what: 'copies of read-only segments stay read-only',
    methods: {
      duplicateSegment:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['duplicateSegment']>) => {
          const copy = await inner.duplicateSegment(...args);
          return { ...copy, readOnly: true };
        },
    },
  },
  'deleteSegment is refused as invalid while another segment uses it': {
    what: 'the refusal does not say which segment uses it',
    methods: {
      deleteSegment:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['deleteSegment']>) => {
          try {
            return await inner.deleteSegment(...args);
          } catch (error) {
            if ((error as SegmentError).code !== 'invalid') throw error;
            throw new SegmentError('invalid', 'This segment is in use.', {
              issues: [{ path: 'id', code: 'in-use', message: 'In use.' }],
            });
          }
        },
    },
  },
  'a segment rule that closes a cycle is refused as invalid': {
    what: 'an update the adapter refuses is reported as saved',
    methods: {
      updateSegment:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['updateSegment']>) => {
          try {
            return await inner.updateSegment(...args);
          } catch (error) {
            if ((error as SegmentError).code !== 'invalid') throw error;
            return inner.getSegment(args[0]);
          }
        },
      createSegment:
        (inner) =>
        async (draft: SegmentDraft): Promise<Segment> => {
          try {
            return await inner.createSegment(draft);
          } catch (error) {
            if ((error as SegmentError).code !== 'invalid') throw error;
            return inner.createSegment({ ...draft, filter: BUYERS });
          }
        },
    },
  },
  'listSegments puts the predefined segments first, with their names': {
    what: 'segments listed by name only',
    methods: {
      listSegments:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['listSegments']>) => {
          const page = await inner.listSegments(...args);
          const items = [...page.items].sort((a, b) => (a.name < b.name ? -1 : 1));
          return { ...page, items };
        },
    },
  },
  'predefined segments count first-time, returning and top spenders': {
    what: 'segment counts off by one',
    methods: {
      countMembers:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['countMembers']>) => {
          const result = await inner.countMembers(...args);
          return 'segmentId' in args[0] ? { ...result, count: result.count + 1 } : result;
        },
    },
  },
  'search finds a case-insensitive substring of the name': {
    what: 'search is case-sensitive',
    methods: {
      listSegments:
        (inner) =>
        async (...[q, o]: Parameters<SegmentAdapter['listSegments']>) => {
          if (!q.search) return inner.listSegments(q, o);
          const page = await inner.listSegments({ ...q, search: undefined, limit: 200 }, o);
          const items = page.items.filter((s) => s.name.includes(q.search!));
          return { items, total: items.length };
        },
    },
  },
  'a page holds at most 200: limit 201 is refused as invalid, 200 is served': {
    what: 'a page over 200 is quietly cut to 200 instead of refused',
    methods: {
      listSegments:
        (inner) =>
        (...[q, o]: Parameters<SegmentAdapter['listSegments']>) =>
          inner.listSegments({ ...q, limit: Math.min(q.limit ?? 50, 200) }, o),
      listMembers:
        (inner) =>
        (...[id, q, o]: Parameters<SegmentAdapter['listMembers']>) =>
          inner.listMembers(id, { ...q, limit: Math.min(q.limit ?? 50, 200) }, o),
    },
  },
  'cursor paging lists every segment exactly once, with the right total': {
    what: 'listSegments never hands out a next cursor',
    methods: {
      listSegments:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['listSegments']>) => {
          const { next: _dropped, ...page } = await inner.listSegments(...args);
          return page;
        },
    },
  },
  'the global scope lists the platform segments, read-only, with counts': {
    what: 'global segments listed without their counts',
    methods: {
      listSegments:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['listSegments']>) => {
          const page = await inner.listSegments(...args);
          return {
            ...page,
            items: page.items.map((s) => (s.scope === 'global' ? { ...s, memberCount: null } : s)),
          };
        },
    },
  },
  'countMembers of a filter matches an independent count': {
    what: 'calendar days taken in UTC, not the store’s time zone',
    seed: (seed) => ({ ...seed, timeZone: 'UTC' }),
  },
  'a filter segment counts and lists the customers its filter selects': {
    what: 'getSegment says "not computed yet" for a count it has',
    methods: {
      getSegment: (inner) => async (id: string) => ({
        ...(await inner.getSegment(id)),
        memberCount: null,
      }),
    },
  },
  'a segment rule selects the members of the segment it names': {
    what: 'notIn a segment counted as in it',
    methods: {
      countMembers:
        (inner) =>
        async (...[target, o]: Parameters<SegmentAdapter['countMembers']>) =>
          inner.countMembers(
            'filter' in target
              ? { filter: JSON.parse(JSON.stringify(target.filter).replaceAll('"notIn"', '"in"')) }
              : target,
            o,
          ),
    },
  },
  'CSV members match by phone in national form or email in any case; others still count': {
    what: 'contacts given by phone are dropped',
    methods: {
      addMembers:
        (inner) =>
        async (...[id, batch, o]: Parameters<SegmentAdapter['addMembers']>) =>
          inner.addMembers(
            id,
            batch.filter((contact) => !contact.phone),
            o,
          ),
    },
  },
  'a repeated batchId adds nothing twice': {
    what: "members counted by adding up every batch's size, batchId or not",
    methods: (() => {
      const sizes = new Map<string, number>();
      return {
        addMembers:
          (inner: SegmentAdapter) =>
          async (...args: Parameters<SegmentAdapter['addMembers']>) => {
            sizes.set(args[0], (sizes.get(args[0]) ?? 0) + args[1].length);
            return inner.addMembers(...args);
          },
        countMembers:
          (inner: SegmentAdapter) =>
          async (...args: Parameters<SegmentAdapter['countMembers']>) => {
            const result = await inner.countMembers(...args);
            const target = args[0];
            const added = 'segmentId' in target ? sizes.get(target.segmentId) : undefined;
            return added === undefined ? result : { ...result, count: added };
          },
      };
    })(),
  },
  'countHistory ends today in the store’s time zone, one point a day with its latest count': {
    what: 'a day keeps its first count: later counts that day are not recorded',
    methods: (() => {
      const firstAnswers = new Map<string, Awaited<ReturnType<SegmentAdapter['countHistory']>>>();
      return {
        countHistory:
          (inner: SegmentAdapter) =>
          async (...[id, q, o]: Parameters<SegmentAdapter['countHistory']>) => {
            const points = await inner.countHistory(id, q, o);
            const first = firstAnswers.get(id)?.at(-1);
            firstAnswers.set(id, points);
            const last = points.at(-1);
            return first && last && first.date === last.date
              ? [...points.slice(0, -1), first]
              : points;
          },
      };
    })(),
  },
  'countHistory refuses days outside 1–366 (invalid) and unknown segments (not-found)': {
    what: 'days past a year are cut to 366 instead of refused',
    methods: {
      countHistory:
        (inner) =>
        (...[id, q, o]: Parameters<SegmentAdapter['countHistory']>) =>
          inner.countHistory(id, { days: Math.min(q.days, 366) }, o),
    },
  },
  'listMembers pages through every member exactly once': {
    what: 'listMembers never hands out a next cursor',
    methods: {
      listMembers:
        (inner) =>
        async (...args: Parameters<SegmentAdapter['listMembers']>) => {
          const { next: _dropped, ...page } = await inner.listMembers(...args);
          return page;
        },
    },
  },
  'listMembers of a filter pages through the customers it selects, and the edit impact of two filters adds up':
    {
      what: 'listMembers of a filter ignores the NOT of its groups',
      methods: {
        listMembers:
          (inner) =>
          async (...[target, q, o]: Parameters<SegmentAdapter['listMembers']>) => {
            if (typeof target === 'string') return inner.listMembers(target, q, o);
            const rules = target.filter.rules.map((r) => ('rules' in r ? { ...r, not: false } : r));
            return inner.listMembers({ filter: { ...target.filter, rules } }, q, o);
          },
      },
    },
  'duplicating a CSV segment copies its members': {
    what: 'a copied CSV segment starts empty',
    methods: {
      duplicateSegment:
        (inner) =>
        async (...[id, o]: Parameters<SegmentAdapter['duplicateSegment']>) => {
          const source = await inner.getSegment(id);
          if (source.type !== 'csv') return inner.duplicateSegment(id, o);
          return inner.createSegment({
            name: o?.name ?? `${source.name} (copy)`,
            type: 'csv',
            csv: source.csv,
          });
        },
    },
  },
  "'segments-changed' fires after each write": {
    what: "listeners for 'segments-changed' are never called",
    methods: { addEventListener: () => () => undefined },
  },
  'resolveAudience: the included segments minus the excluded, each person once': {
    what: 'the excluded segments are ignored',
    methods: {
      resolveAudience:
        (inner) =>
        (...[q, o]: Parameters<SegmentAdapter['resolveAudience']>) =>
          inner.resolveAudience({ ...q, exclude: [] }, o),
    },
  },
  'resolveAudience keeps only people the channel reaches and gives only its contact': {
    what: 'every channel is treated as any',
    methods: {
      resolveAudience:
        (inner) =>
        (...[q, o]: Parameters<SegmentAdapter['resolveAudience']>) =>
          inner.resolveAudience({ ...q, channel: 'any' }, o),
    },
  },
  'resolveAudience with consentOnly removes who does not accept marketing, before the channel': {
    what: 'consentOnly is ignored',
    methods: {
      resolveAudience:
        (inner) =>
        (...[q, o]: Parameters<SegmentAdapter['resolveAudience']>) =>
          inner.resolveAudience({ ...q, consentOnly: false }, o),
    },
  },
  'resolveAudience counts CSV contacts once across segments; unknown contacts have no consent': {
    what: 'duplicates are not counted',
    methods: {
      resolveAudience:
        (inner) =>
        async (...[q, o]: Parameters<SegmentAdapter['resolveAudience']>) => {
          const page = await inner.resolveAudience(q, o);
          return { ...page, removed: { ...page.removed, duplicates: 0 } };
        },
    },
  },
  'resolveAudience pages within 200 and refuses what it cannot answer': {
    what: 'an unknown segment id is skipped instead of refused',
    methods: {
      resolveAudience:
        (inner) =>
        (...[q, o]: Parameters<SegmentAdapter['resolveAudience']>) =>
          inner.resolveAudience(
            {
              ...q,
              include: q.include?.filter((id) => id !== 'no-such-segment'),
              exclude: q.exclude?.filter((id) => id !== 'gone'),
            },
            o,
          ),
    },
  },
  'an already-aborted signal makes every method reject': {
    what: 'createSegment and listSegments ignore the signal',
    methods: {
      createSegment: (inner) => (draft: SegmentDraft) => inner.createSegment(draft),
      listSegments: (inner) => (q: Parameters<SegmentAdapter['listSegments']>[0]) =>
        inner.listSegments(q),
    },
  },
};

// ---- helpers ----

const BUYERS: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 1 }],
};

function renameWhenTaken(inner: SegmentAdapter) {
  return async (draft: SegmentDraft): Promise<Segment> => {
    try {
      return await inner.createSegment(draft);
    } catch (error) {
      if ((error as SegmentError).code !== 'name-taken') throw error;
      return inner.createSegment({ ...draft, name: `${draft.name} (2)` });
    }
  };
}

function withoutIssues<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await call(...args);
    } catch (error) {
      if ((error as SegmentError).code !== 'invalid') throw error;
      throw new SegmentError('invalid', (error as Error).message);
    }
  };
}

/** listSegments with readOnly false on the segments `which` picks. */
function mapListed(inner: SegmentAdapter, which: (segment: Segment) => boolean) {
  return async (...args: Parameters<SegmentAdapter['listSegments']>) => {
    const page = await inner.listSegments(...args);
    return { ...page, items: page.items.map((s) => (which(s) ? { ...s, readOnly: false } : s)) };
  };
}
