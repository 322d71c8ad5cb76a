import { BUYERS, filterDraft, listAll, uniqueIds } from './common.ts';
import {
  GLOBAL_MATCHES,
  KIT_GLOBAL_SEGMENTS,
  PREDEFINED_MATCHES,
  PREDEFINED_NAMES,
  expected,
  kitSeed,
  kitStore,
} from './data.ts';
import { ensure, expectEqual, expectRejects, expectSame, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** listSegments: order, search, paging, scopes and counts. */
export const listingChecks: readonly AdapterCheck[] = [
  defineCheck(
    'listSegments puts the predefined segments first, with their names',
    kitSeed,
    async (adapter) => {
      // Names that sort before "First Time Customers", so alphabetical order alone would fail.
      for (const name of ['A-list buyers', 'Aarambh launch', 'Big spenders']) {
        await adapter.createSegment(filterDraft(name, BUYERS));
      }
      const { items } = await adapter.listSegments({ scope: 'store', limit: 50 });
      const head = items.slice(0, PREDEFINED_NAMES.length);
      expectSame(
        head.map((s) => s.type),
        PREDEFINED_NAMES.map(() => 'predefined'),
        'types of the first five listed segments',
      );
      expectSame(
        head.map((s) => s.name).sort(),
        [...PREDEFINED_NAMES].sort(),
        'names of the predefined segments',
      );
      for (const segment of head) {
        expectEqual(segment.readOnly, true, `readOnly of '${segment.name}'`);
        expectEqual(segment.scope, 'store', `scope of '${segment.name}'`);
      }
      const rest = items.slice(PREDEFINED_NAMES.length);
      expectSame(
        rest.map((s) => s.name).sort(),
        ['A-list buyers', 'Aarambh launch', 'Big spenders'],
        'the store segments listed after the predefined ones',
      );
    },
  ),

  defineCheck(
    'predefined segments count first-time, returning and top spenders',
    kitSeed,
    async (adapter) => {
      const { derived } = kitStore();
      const listed = await listAll(adapter, 'store');
      const wrong: string[] = [];
      for (const name of PREDEFINED_NAMES) {
        const segment = listed.find((s) => s.name === name);
        ensure(segment, `no predefined segment named '${name}'`);
        const want = expected(PREDEFINED_MATCHES[name]).count;
        const { count, total } = await adapter.countMembers({ segmentId: segment.id });
        if (count !== want) wrong.push(`countMembers('${name}') = ${count}, expected ${want}`);
        if (segment.memberCount !== null && segment.memberCount !== want) {
          wrong.push(`listed memberCount of '${name}' = ${segment.memberCount}, expected ${want}`);
        }
        if (total !== derived.length)
          wrong.push(`total for '${name}' = ${total}, expected ${derived.length}`);
      }
      // Counted once, every predefined count is known: a listing may no longer say null.
      for (const segment of await listAll(adapter, 'store')) {
        if (segment.type !== 'predefined') continue;
        const want = expected(
          PREDEFINED_MATCHES[segment.name as keyof typeof PREDEFINED_MATCHES],
        ).count;
        if (segment.memberCount !== want) {
          wrong.push(
            `memberCount of '${segment.name}' listed after counting = ${segment.memberCount}, expected ${want}`,
          );
        }
      }
      ensure(wrong.length === 0, wrong.join('; '));
    },
  ),

  defineCheck('search finds a case-insensitive substring of the name', kitSeed, async (adapter) => {
    for (const name of [
      'Mumbai VIPs',
      'Pune wholesale',
      'mumbai newsletter',
      'Navi Mumbai movers',
    ]) {
      await adapter.createSegment(filterDraft(name, BUYERS));
    }
    const names = async (search: string, scope: 'store' | 'global' = 'store') =>
      (await listAll(adapter, scope, search, 2)).map((s) => s.name).sort();
    expectSame(
      await names('MUMBAI'),
      ['Mumbai VIPs', 'Navi Mumbai movers', 'mumbai newsletter'],
      "search 'MUMBAI'",
    );
    expectSame(
      await names('spenders'),
      ['Top 10 High-Value Spenders', 'Top 100 High-Value Spenders', 'Top 50 High-Value Spenders'],
      "search 'spenders'",
    );
    expectSame(await names('i m'), ['Navi Mumbai movers'], "search 'i m' (a space inside)");
    expectSame(await names('zzz'), [], "search 'zzz'");
    expectSame(
      await names('metro', 'global'),
      ['Metro Shoppers'],
      "search 'metro' among global segments",
    );
  }),

  defineCheck(
    'cursor paging lists every segment exactly once, with the right total',
    kitSeed,
    async (adapter) => {
      const created = new Set<string>();
      for (let n = 1; n <= 12; n++) {
        created.add(
          (await adapter.createSegment(filterDraft(`Paging ${String(n).padStart(2, '0')}`, BUYERS)))
            .id,
        );
      }
      const seen: { id: string }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await adapter.listSegments({ scope: 'store', cursor, limit: 5 });
        pages += 1;
        ensure(pages <= 10, 'listSegments kept returning a next cursor');
        ensure(page.items.length <= 5, `a page of limit 5 held ${page.items.length} segments`);
        expectEqual(page.total, 17, `total on page ${pages} (12 created + 5 predefined)`);
        seen.push(...page.items);
        if (!page.next) break;
        cursor = page.next;
      }
      const ids = uniqueIds(seen, 'paging through store segments');
      expectEqual(ids.size, 17, 'segments seen across pages');
      for (const id of created) ensure(ids.has(id), `created segment ${show(id)} never listed`);

      const searched = await listAll(adapter, 'store', 'paging', 5);
      expectEqual(
        uniqueIds(searched, "paging through search 'paging'").size,
        12,
        "segments matching 'paging'",
      );
    },
  ),

  defineCheck(
    'a page holds at most 200: limit 201 is refused as invalid, 200 is served',
    kitSeed,
    async (adapter) => {
      // Elements page within 200 because every adapter refuses more; an adapter that quietly
      // served 500 would let an element that asks for 500 pass its tests and fail elsewhere.
      for (const scope of ['store', 'global'] as const) {
        await expectRejects(
          adapter.listSegments({ scope, limit: 201 }),
          'invalid',
          `listSegments({ scope: '${scope}', limit: 201 })`,
        );
      }
      const listed = await adapter.listSegments({ scope: 'store', limit: 200 });
      const returning = listed.items.find((s) => s.name === 'Returning Customers');
      ensure(returning, "listSegments({ limit: 200 }) did not list 'Returning Customers'");
      await expectRejects(
        adapter.listMembers(returning.id, { limit: 201 }),
        'invalid',
        "listMembers('Returning Customers', { limit: 201 })",
      );
      const members = await adapter.listMembers(returning.id, { limit: 200 });
      const want = expected(PREDEFINED_MATCHES['Returning Customers']).count;
      expectEqual(
        members.items.length,
        Math.min(200, want),
        "members on the first page of listMembers('Returning Customers', { limit: 200 })",
      );
    },
  ),

  defineCheck(
    'the global scope lists the platform segments, read-only, with counts',
    kitSeed,
    async (adapter) => {
      const global = await listAll(adapter, 'global');
      expectSame(
        global.map((s) => s.id).sort(),
        KIT_GLOBAL_SEGMENTS.map((s) => s.id).sort(),
        'ids of the global segments',
      );
      const wrong: string[] = [];
      for (const segment of global) {
        const want = expected(GLOBAL_MATCHES[segment.id]).count;
        expectEqual(segment.scope, 'global', `scope of '${segment.name}'`);
        expectEqual(segment.readOnly, true, `readOnly of '${segment.name}'`);
        if (segment.memberCount !== want) {
          wrong.push(
            `listed memberCount of '${segment.name}' = ${segment.memberCount}, expected ${want}`,
          );
        }
        const { count } = await adapter.countMembers({ segmentId: segment.id });
        if (count !== want)
          wrong.push(`countMembers('${segment.name}') = ${count}, expected ${want}`);
      }
      ensure(wrong.length === 0, wrong.join('; '));
      const store = await listAll(adapter, 'store');
      const leaked = store.filter((s) => KIT_GLOBAL_SEGMENTS.some((g) => g.id === s.id));
      ensure(
        leaked.length === 0,
        `global segments listed in the store scope: ${show(leaked.map((s) => s.name))}`,
      );
    },
  ),
];
