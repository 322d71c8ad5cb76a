import type { SegmentAdapter } from '../../adapter.ts';
import type { FilterGroup, Segment } from '../../model.ts';
import { BUYERS, csvDraft, filterDraft, listAll } from './common.ts';
import { KIT_GLOBAL_SEGMENTS, filterCase, kitSeed, plainFilter } from './data.ts';
import {
  describeError,
  ensure,
  expectEqual,
  expectRejects,
  expectSame,
  show,
  type CodedError,
} from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** Segment writes and their errors. */
export const segmentChecks: readonly AdapterCheck[] = [
  defineCheck(
    'createSegment and getSegment round-trip filter and CSV segments',
    kitSeed,
    async (adapter) => {
      const filter = filterCase('email endsWith').filter;
      const created = await adapter.createSegment(filterDraft('Gmail shoppers', filter));
      ensure(typeof created.id === 'string' && created.id !== '', `id: got ${show(created.id)}`);
      expectEqual(created.name, 'Gmail shoppers', 'name of the created segment');
      expectEqual(created.type, 'filter', 'type of the created segment');
      expectEqual(created.scope, 'store', 'scope of the created segment');
      expectEqual(created.readOnly, false, 'readOnly of a created segment');
      ensure(
        Number.isInteger(created.version),
        `version: expected an integer, got ${show(created.version)}`,
      );
      for (const key of ['createdAt', 'updatedAt'] as const) {
        ensure(
          !Number.isNaN(Date.parse(created[key])),
          `${key}: expected ISO 8601, got ${show(created[key])}`,
        );
      }
      expectSame(plainFilter(created.filter), plainFilter(filter), 'filter of the created segment');

      const read = await adapter.getSegment(created.id);
      expectSame(
        pick(read),
        pick(created),
        'getSegment after createSegment (id, name, type, scope, version, filter)',
      );

      const csv = await adapter.createSegment(csvDraft('Diwali mailing list', 3));
      expectEqual(csv.type, 'csv', 'type of a CSV segment');
      expectSame(csv.csv, csvDraft('', 3).csv, 'csv summary of the created segment');
      expectSame((await adapter.getSegment(csv.id)).csv, csv.csv, 'csv summary read back');
    },
  ),

  defineCheck('updateSegment saves the draft and bumps the version', kitSeed, async (adapter) => {
    const created = await adapter.createSegment(
      filterDraft('Gmail shoppers', filterCase('email endsWith').filter),
    );
    const mumbai = filterCase('city equals mumbai').filter;
    const updated = await adapter.updateSegment(
      created.id,
      filterDraft('Mumbai shoppers', mumbai),
      {
        expectedVersion: created.version,
      },
    );
    ensure(
      updated.version > created.version,
      `version after update: expected more than ${created.version}, got ${updated.version}`,
    );
    expectEqual(updated.id, created.id, 'id after update');
    expectEqual(updated.name, 'Mumbai shoppers', 'name after update');
    expectSame(plainFilter(updated.filter), plainFilter(mumbai), 'filter after update');
    ensure(
      Date.parse(updated.updatedAt) >= Date.parse(created.updatedAt),
      `updatedAt went back: ${created.updatedAt} then ${updated.updatedAt}`,
    );
    expectSame(
      pick(await adapter.getSegment(created.id)),
      pick(updated),
      'getSegment after update',
    );

    const again = await adapter.updateSegment(created.id, filterDraft('Mumbai buyers', mumbai), {
      expectedVersion: updated.version,
    });
    ensure(
      again.version > updated.version,
      `second update: version ${updated.version} → ${again.version}`,
    );
  }),

  defineCheck(
    'updateSegment from a stale version fails with conflict',
    kitSeed,
    async (adapter) => {
      const created = await adapter.createSegment(filterDraft('Buyers', BUYERS));
      await adapter.updateSegment(created.id, filterDraft('Buyers (edited in tab 1)', BUYERS), {
        expectedVersion: created.version,
      });
      await expectRejects(
        adapter.updateSegment(created.id, filterDraft('Buyers (edited in tab 2)', BUYERS), {
          expectedVersion: created.version,
        }),
        'conflict',
        'updateSegment with the version from before another update',
      );
      expectEqual(
        (await adapter.getSegment(created.id)).name,
        'Buyers (edited in tab 1)',
        'name after the refused update',
      );
    },
  ),

  defineCheck(
    'updateSegment without expectedVersion is refused, changing nothing',
    kitSeed,
    async (adapter) => {
      // From plain JavaScript or JSON the version can go missing; that must not turn the
      // optimistic-concurrency check off.
      const created = await adapter.createSegment(filterDraft('Buyers', BUYERS));
      for (const options of [{}, { expectedVersion: undefined }]) {
        await expectRejectsWithOneOf(
          adapter.updateSegment(
            created.id,
            filterDraft('Buyers, overwritten', BUYERS),
            options as unknown as { expectedVersion: number },
          ),
          ['conflict', 'invalid'],
          `updateSegment with ${show(options)}`,
        );
      }
      const read = await adapter.getSegment(created.id);
      expectEqual(read.name, 'Buyers', 'name after the refused updates');
      expectEqual(read.version, created.version, 'version after the refused updates');
    },
  ),

  defineCheck('deleteSegment removes the segment', kitSeed, async (adapter) => {
    const created = await adapter.createSegment(filterDraft('Short-lived', BUYERS));
    await adapter.deleteSegment(created.id);
    await expectRejects(
      adapter.getSegment(created.id),
      'not-found',
      'getSegment after deleteSegment',
    );
    const listed = await listAll(adapter, 'store');
    ensure(!listed.some((s) => s.id === created.id), 'the deleted segment is still listed');
    await expectRejects(adapter.deleteSegment(created.id), 'not-found', 'deleteSegment twice');
  }),

  defineCheck(
    'names are unique per scope, trimmed and case-insensitive (name-taken)',
    kitSeed,
    async (adapter) => {
      const vips = await adapter.createSegment(filterDraft('Mumbai VIPs', BUYERS));
      await expectRejects(
        adapter.createSegment(filterDraft('  mumbai vips ', BUYERS)),
        'name-taken',
        "createSegment '  mumbai vips ' beside 'Mumbai VIPs'",
      );
      const pune = await adapter.createSegment(filterDraft('Pune VIPs', BUYERS));
      await expectRejects(
        adapter.updateSegment(pune.id, filterDraft('MUMBAI VIPS', BUYERS), {
          expectedVersion: pune.version,
        }),
        'name-taken',
        "renaming 'Pune VIPs' to 'MUMBAI VIPS'",
      );
      await expectRejects(
        adapter.duplicateSegment(pune.id, { name: 'mumbai vips' }),
        'name-taken',
        "duplicating under the name 'mumbai vips'",
      );
      // A segment keeps its own name in another case; only other segments' names are taken.
      const renamed = await adapter.updateSegment(vips.id, filterDraft('Mumbai vips', BUYERS), {
        expectedVersion: vips.version,
      });
      expectEqual(renamed.name, 'Mumbai vips', 'a segment renamed to its own name in another case');
      // Global segments live in another scope, so their names are free in the store.
      const sameAsGlobal = await adapter.createSegment(
        filterDraft(KIT_GLOBAL_SEGMENTS[1].name, BUYERS),
      );
      expectEqual(sameAsGlobal.scope, 'store', 'a store segment named like a global one');
    },
  ),

  defineCheck("a predefined segment's name is taken in the store", kitSeed, async (adapter) => {
    await expectRejects(
      adapter.createSegment(filterDraft('first time customers', BUYERS)),
      'name-taken',
      "createSegment 'first time customers'",
    );
  }),

  defineCheck('a bad filter is refused as invalid, with issues', kitSeed, async (adapter) => {
    const bad: [string, FilterGroup][] = [
      [
        'an unknown field',
        { combinator: 'and', rules: [{ field: 'shoeSize', operator: 'equals', value: 9 }] },
      ],
      [
        'an operator the field does not have',
        { combinator: 'and', rules: [{ field: 'ordersCount', operator: 'contains', value: '3' }] },
      ],
      ['a missing value', { combinator: 'and', rules: [{ field: 'city', operator: 'equals' }] }],
      [
        'a number where a date belongs',
        { combinator: 'and', rules: [{ field: 'createdOn', operator: 'after', value: 42 }] },
      ],
    ];
    for (const [what, filter] of bad) {
      await expectRejects(
        adapter.createSegment(filterDraft('Bad', filter)),
        'invalid',
        `createSegment with ${what}`,
      );
    }
    const good = await adapter.createSegment(filterDraft('Good', BUYERS));
    await expectRejects(
      adapter.updateSegment(good.id, filterDraft('Good', bad[0][1]), {
        expectedVersion: good.version,
      }),
      'invalid',
      'updateSegment with an unknown field',
    );
    await expectRejects(
      adapter.countMembers({ filter: bad[1][1] }),
      'invalid',
      'countMembers of a filter with a wrong operator',
    );
    const listed = await listAll(adapter, 'store');
    ensure(!listed.some((s) => s.name === 'Bad'), 'a refused segment was stored');
  }),

  defineCheck(
    'names are compared NFC-normalised; a name with no visible character is refused',
    kitSeed,
    async (adapter) => {
      // "Café" with a precomposed é (U+00E9) and with e + a combining acute (U+0301).
      const composed = 'Caf\u00e9 regulars';
      const decomposed = 'Cafe\u0301 regulars';
      const made = await adapter.createSegment(filterDraft(decomposed, BUYERS));
      expectEqual(made.name, composed, 'the name is stored NFC-normalised');
      await expectRejects(
        adapter.createSegment(filterDraft(composed, BUYERS)),
        'name-taken',
        'the same name in the other normal form',
      );
      const found = await adapter.listSegments({ scope: 'store', search: 'cafe\u0301' });
      expectEqual(
        found.items.map((s) => s.id).join(),
        made.id,
        'a search typed decomposed finds the name',
      );
      for (const name of ['\u200b', ' \u200b\u200d ', '\u2060\ufe0f', '\u3164']) {
        await expectRejects(
          adapter.createSegment(filterDraft(name, BUYERS)),
          'invalid',
          `createSegment named ${show(name)}`,
        );
      }
    },
  ),

  defineCheck(
    'an empty name or one over 100 characters is refused as invalid',
    kitSeed,
    async (adapter) => {
      for (const name of ['', '   ', 'x'.repeat(101)]) {
        await expectRejects(
          adapter.createSegment(filterDraft(name, BUYERS)),
          'invalid',
          `createSegment named ${show(name.length > 20 ? `${name.length} × x` : name)}`,
        );
      }
      const longest = await adapter.createSegment(filterDraft('y'.repeat(100), BUYERS));
      expectEqual(longest.name.length, 100, 'a 100-character name is allowed');
      await expectRejects(
        adapter.updateSegment(longest.id, filterDraft(' ', BUYERS), {
          expectedVersion: longest.version,
        }),
        'invalid',
        'renaming a segment to a blank name',
      );
    },
  ),

  defineCheck('unknown ids are not-found in every method', kitSeed, async (adapter) => {
    const id = 'no-such-segment';
    const draft = filterDraft('Anything', BUYERS);
    const calls: [string, () => Promise<unknown>][] = [
      ['getSegment', () => adapter.getSegment(id)],
      ['updateSegment', () => adapter.updateSegment(id, draft, { expectedVersion: 1 })],
      ['deleteSegment', () => adapter.deleteSegment(id)],
      ['duplicateSegment', () => adapter.duplicateSegment(id)],
      ['countMembers', () => adapter.countMembers({ segmentId: id })],
      ['listMembers', () => adapter.listMembers(id, {})],
      ['countHistory', () => adapter.countHistory(id, { days: 30 })],
      [
        'addMembers',
        () => adapter.addMembers(id, [{ email: 'a@example.com' }], { batchId: 'b-404' }),
      ],
    ];
    for (const [method, call] of calls)
      await expectRejects(call(), 'not-found', `${method}('${id}')`);
  }),

  defineCheck('predefined segments are read-only', kitSeed, async (adapter) => {
    const predefined = (await listAll(adapter, 'store')).filter((s) => s.type === 'predefined');
    expectEqual(predefined.length, 5, 'number of predefined segments');
    for (const segment of predefined) await expectReadOnly(adapter, segment);
    expectEqual(
      (await listAll(adapter, 'store')).filter((s) => s.type === 'predefined').length,
      5,
      'predefined segments after the refused writes',
    );
  }),

  defineCheck('global segments are read-only', kitSeed, async (adapter) => {
    const global = await listAll(adapter, 'global');
    expectEqual(global.length, KIT_GLOBAL_SEGMENTS.length, 'number of global segments');
    for (const segment of global) await expectReadOnly(adapter, segment);
  }),
];

// ---- helpers ----

/** The error a call rejects with, whose code must be one of `codes`. */
async function expectRejectsWithOneOf(
  promise: Promise<unknown>,
  codes: readonly string[],
  what: string,
): Promise<CodedError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && codes.includes(code)) return error as CodedError;
    throw new Error(
      `${what}: expected a ${codes.join(' or ')} error, got ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  throw new Error(
    `${what}: expected a ${codes.join(' or ')} error, but it resolved with ${show(value)}`,
  );
}

function pick(segment: Segment): unknown {
  const { id, name, type, scope, version, readOnly } = segment;
  return { id, name, type, scope, version, readOnly, filter: plainFilter(segment.filter) };
}

async function expectReadOnly(adapter: SegmentAdapter, segment: Segment): Promise<void> {
  expectEqual(segment.readOnly, true, `readOnly of '${segment.name}'`);
  const draft = filterDraft(`${segment.name} edited`, BUYERS);
  await expectRejects(
    adapter.updateSegment(segment.id, draft, { expectedVersion: segment.version }),
    'read-only',
    `updateSegment('${segment.name}')`,
  );
  await expectRejects(
    adapter.deleteSegment(segment.id),
    'read-only',
    `deleteSegment('${segment.name}')`,
  );
  await expectRejects(
    adapter.addMembers(segment.id, [{ email: 'someone@example.com' }], {
      batchId: `ro-${segment.id}`,
    }),
    'read-only',
    `addMembers('${segment.name}')`,
  );
}
