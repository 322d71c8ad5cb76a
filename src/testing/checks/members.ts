import type { FilterGroup } from '../../model.ts';
import {
  BUYERS,
  allMembers,
  csvDraft,
  filterDraft,
  listAll,
  sameSet,
  segmentNamed,
  uniqueIds,
} from './common.ts';
import {
  FILTER_CASES,
  filterCase,
  PREDEFINED_MATCHES,
  csvContacts,
  expected,
  kitSeed,
  kitStore,
  nationalForm,
} from './data.ts';
import { ensure, expectEqual, expectRejects, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** countMembers, listMembers and addMembers. */
export const memberChecks: readonly AdapterCheck[] = [
  defineCheck('countMembers of a filter matches an independent count', kitSeed, async (adapter) => {
    const total = kitStore().derived.length;
    const wrong: string[] = [];
    for (const { name, filter, matches } of FILTER_CASES) {
      const want = expected(matches).count;
      const got = await adapter.countMembers({ filter });
      if (got.count !== want) wrong.push(`${name}: ${got.count}, expected ${want}`);
      if (got.total !== total) wrong.push(`${name}: total ${got.total}, expected ${total}`);
    }
    ensure(
      wrong.length === 0,
      `countMembers disagreed on ${wrong.length} filters: ${wrong.join('; ')}`,
    );
  }),

  defineCheck(
    'a filter segment counts and lists the customers its filter selects',
    kitSeed,
    async (adapter) => {
      const { name, filter, matches } = filterCase('returning gmail customers');
      const segment = await adapter.createSegment(
        filterDraft('Returning gmail, Karnataka or VIP', filter),
      );
      const want = expected(matches);
      expectEqual(
        (await adapter.countMembers({ segmentId: segment.id })).count,
        want.count,
        `count of ${name}`,
      );
      // Once counted, the count is known: null ("not computed yet") is no longer an answer.
      expectEqual(
        (await adapter.getSegment(segment.id)).memberCount,
        want.count,
        `memberCount of ${name} from getSegment after countMembers`,
      );
      const listed = (await listAll(adapter, 'store')).find((s) => s.id === segment.id);
      expectEqual(
        listed?.memberCount,
        want.count,
        `memberCount of ${name} in listSegments after countMembers`,
      );
      const members = await allMembers(adapter, segment.id, 3);
      expectEqual(members.total, want.count, `listMembers total of ${name}`);
      sameSet(uniqueIds(members.items, `members of ${name}`), want.ids, `members of ${name}`);
    },
  ),

  defineCheck(
    'a segment rule selects the members of the segment it names',
    kitSeed,
    async (adapter) => {
      const mumbai = filterCase('city equals mumbai');
      const marketing = filterCase('acceptsMarketing');
      const base = await adapter.createSegment(filterDraft('Mumbai customers', mumbai.filter));
      const inside: FilterGroup = {
        combinator: 'and',
        rules: [
          { field: 'segment', operator: 'in', value: [base.id] },
          { field: 'acceptsMarketing', operator: 'equals', value: true },
        ],
      };
      const outside: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'segment', operator: 'notIn', value: [base.id] }],
      };
      const wantInside = expected((c) => mumbai.matches(c) && marketing.matches(c)).count;
      const wantOutside = expected((c) => !mumbai.matches(c)).count;
      expectEqual(
        (await adapter.countMembers({ filter: inside })).count,
        wantInside,
        'in Mumbai segment and marketing',
      );
      expectEqual(
        (await adapter.countMembers({ filter: outside })).count,
        wantOutside,
        'not in Mumbai segment',
      );

      // A CSV segment in a rule selects the customers its contacts matched.
      const { byPhone, byEmail, unmatched } = csvContacts();
      const csv = await adapter.createSegment(csvDraft('Stall visitors', 3));
      await adapter.addMembers(csv.id, [byPhone.contact, byEmail.contact, unmatched[0]], {
        batchId: 'stall',
      });
      await adapter.finishImport(csv.id);
      const fromCsv: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'segment', operator: 'in', value: [csv.id] }],
      };
      expectEqual(
        (await adapter.countMembers({ filter: fromCsv })).count,
        2,
        'customers in a CSV segment of two known contacts and one unknown',
      );
    },
  ),

  defineCheck(
    'CSV members match by phone in national form or email in any case; others still count',
    kitSeed,
    async (adapter) => {
      const { byPhone, byEmail, unmatched, unmatchedEmail } = csvContacts();
      const segment = await adapter.createSegment(csvDraft('Uploaded list', 4));
      const batch = [byPhone.contact, byEmail.contact, unmatched[0], unmatchedEmail];
      const { added } = await adapter.addMembers(segment.id, batch, { batchId: 'upload-1' });
      expectEqual(added, 4, `added for ${show(batch)}`);
      await adapter.finishImport(segment.id);
      expectEqual(
        (await adapter.countMembers({ segmentId: segment.id })).count,
        4,
        'members of the CSV segment',
      );
      expectEqual(
        (await adapter.getSegment(segment.id)).memberCount,
        4,
        'memberCount of the CSV segment after addMembers and countMembers',
      );
      const members = await allMembers(adapter, segment.id, 3);
      expectEqual(members.total, 4, 'listMembers total of the CSV segment');
      expectEqual(members.items.length, 4, 'members listed');
      const ids = uniqueIds(members.items, 'CSV members');
      ensure(
        ids.has(byPhone.customerId),
        `'${byPhone.contact.phone}' should be customer ${byPhone.customerId}`,
      );
      ensure(
        ids.has(byEmail.customerId),
        `'${byEmail.contact.email}' should be customer ${byEmail.customerId}`,
      );
      const matched = members.items.find((c) => c.id === byPhone.customerId)!;
      const original = kitStore().derived.find((c) => c.id === byPhone.customerId)!;
      expectEqual(
        matched.phone,
        original.phone,
        'phone of the matched customer, as stored (E.164)',
      );
    },
  ),

  defineCheck('a repeated batchId adds nothing twice', kitSeed, async (adapter) => {
    const { byPhone, byEmail, unmatched } = csvContacts();
    const segment = await adapter.createSegment(csvDraft('Retried upload', 3));
    const batch = [byPhone.contact, byEmail.contact, unmatched[0]];
    await adapter.addMembers(segment.id, batch, { batchId: 'batch-7' });
    await adapter.addMembers(segment.id, batch, { batchId: 'batch-7' });
    await adapter.finishImport(segment.id);
    expectEqual(
      (await adapter.countMembers({ segmentId: segment.id })).count,
      3,
      'members after a retried batch',
    );
    // A new batch with one known contact and one new: only the new one joins.
    await adapter.addMembers(segment.id, [byPhone.contact, unmatched[1]], { batchId: 'batch-8' });
    expectEqual(
      (await adapter.countMembers({ segmentId: segment.id })).count,
      4,
      'members after an overlapping batch',
    );
    const members = await allMembers(adapter, segment.id);
    expectEqual(
      uniqueIds(members.items, 'members after retries').size,
      4,
      'distinct members listed',
    );
  }),

  defineCheck('listMembers pages through every member exactly once', kitSeed, async (adapter) => {
    const { derived } = kitStore();
    const withPhone = derived.filter((c) => c.phone).slice(0, 20);
    const withEmail = derived.filter((c) => c.email && !withPhone.includes(c)).slice(0, 10);
    const segment = await adapter.createSegment(csvDraft('Big upload', 30));
    await adapter.addMembers(
      segment.id,
      withPhone.map((c) => ({ phone: nationalForm(c.phone!) })),
      { batchId: 'big-1' },
    );
    await adapter.addMembers(
      segment.id,
      withEmail.map((c) => ({ email: c.email!.toUpperCase() })),
      {
        batchId: 'big-2',
      },
    );
    await adapter.finishImport(segment.id);
    const members = await allMembers(adapter, segment.id, 7);
    expectEqual(members.total, 30, 'listMembers total');
    sameSet(
      uniqueIds(members.items, 'CSV members across pages'),
      new Set([...withPhone, ...withEmail].map((c) => c.id)),
      'CSV members across pages',
    );

    const returning = await segmentNamed(adapter, 'store', 'Returning Customers');
    const want = expected(PREDEFINED_MATCHES['Returning Customers']);
    const listed = await allMembers(adapter, returning.id, 25);
    expectEqual(listed.total, want.count, 'listMembers total of Returning Customers');
    sameSet(
      uniqueIds(listed.items, 'Returning Customers'),
      want.ids,
      'members of Returning Customers',
    );
    const sample = listed.items[0];
    if (sample) {
      const truth = derived.find((c) => c.id === sample.id)!;
      expectEqual(
        sample.ordersCount,
        truth.ordersCount,
        `ordersCount of listed member ${sample.id}`,
      );
      expectEqual(sample.totalSpent, truth.totalSpent, `totalSpent of listed member ${sample.id}`);
    }
  }),

  defineCheck('duplicating a CSV segment copies its members', kitSeed, async (adapter) => {
    const { byPhone, byEmail, unmatched } = csvContacts();
    const segment = await adapter.createSegment(csvDraft('Offline event', 3));
    await adapter.addMembers(segment.id, [byPhone.contact, byEmail.contact, unmatched[0]], {
      batchId: 'event',
    });
    await adapter.finishImport(segment.id);
    const copy = await adapter.duplicateSegment(segment.id);
    expectEqual(copy.name, 'Offline event (copy)', 'name of the copy');
    expectEqual(copy.type, 'csv', 'type of the copy');
    expectEqual(
      (await adapter.countMembers({ segmentId: copy.id })).count,
      3,
      'members of the copy',
    );
    const ids = uniqueIds((await allMembers(adapter, copy.id)).items, 'members of the copy');
    ensure(
      ids.has(byPhone.customerId) && ids.has(byEmail.customerId),
      `copy lost matched customers: ${show([...ids])}`,
    );
  }),
  defineCheck(
    'listMembers of a filter pages through the customers it selects, and the edit impact of two filters adds up',
    kitSeed,
    async (adapter) => {
      for (const name of ['email endsWith', 'returning gmail customers', 'city equals mumbai']) {
        const { filter, matches } = filterCase(name);
        const want = expected(matches);
        const listed = await allMembers(adapter, { filter }, 4);
        expectEqual(listed.total, want.count, `listMembers total of the filter ${name}`);
        sameSet(uniqueIds(listed.items, name), want.ids, `customers of the filter ${name}`);
      }
      // "Who joins, who leaves" when a saved filter is edited: new AND NOT old, old AND NOT new.
      const saved = filterCase('email endsWith');
      const edited = filterCase('city equals mumbai');
      const join: FilterGroup = {
        combinator: 'and',
        rules: [edited.filter, { ...saved.filter, not: !saved.filter.not }],
      };
      const leave: FilterGroup = {
        combinator: 'and',
        rules: [saved.filter, { ...edited.filter, not: !edited.filter.not }],
      };
      const joining = expected((c) => edited.matches(c) && !saved.matches(c));
      const leaving = expected((c) => saved.matches(c) && !edited.matches(c));
      expectEqual((await adapter.countMembers({ filter: join })).count, joining.count, 'joining');
      expectEqual((await adapter.countMembers({ filter: leave })).count, leaving.count, 'leaving');
      const firstJoiners = await adapter.listMembers({ filter: join }, { limit: 2 });
      expectEqual(firstJoiners.total, joining.count, 'listMembers total of those joining');
      ensure(
        firstJoiners.items.length === Math.min(2, joining.count) &&
          firstJoiners.items.every((c) => joining.ids.has(c.id)),
        `the first page of those joining holds joiners only: ${show(firstJoiners.items.map((c) => c.id))}`,
      );
      await expectRejects(
        adapter.listMembers(
          { filter: { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'gte' }] } },
          {},
        ),
        'invalid',
        'listMembers of a filter whose rule has no value',
      );
      await expectRejects(
        adapter.listMembers({ filter: BUYERS }, { limit: 201 }),
        'invalid',
        'listMembers of a filter, 201 a page',
      );
    },
  ),
];
