import type { FilterGroup } from '../../model.ts';
import { filterDraft, segmentNamed } from './common.ts';
import { KIT_GLOBAL_SEGMENTS, filterCase, kitSeed, plainFilter } from './data.ts';
import { ensure, expectEqual, expectRejects, expectSame, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** Copies and segments that use other segments. */
export const copyChecks: readonly AdapterCheck[] = [
  defineCheck(
    'duplicateSegment names copies "(copy)", then "(copy 2)"',
    kitSeed,
    async (adapter) => {
      const filter = filterCase('ordersCount gte 3').filter;
      const original = await adapter.createSegment(filterDraft('Frequent buyers', filter));
      const first = await adapter.duplicateSegment(original.id);
      const second = await adapter.duplicateSegment(original.id);
      expectEqual(first.name, 'Frequent buyers (copy)', 'name of the first copy');
      expectEqual(second.name, 'Frequent buyers (copy 2)', 'name of the second copy');
      for (const copy of [first, second]) {
        ensure(copy.id !== original.id, `a copy reused the original's id ${show(copy.id)}`);
        expectEqual(copy.type, 'filter', `type of ${copy.name}`);
        expectEqual(copy.readOnly, false, `readOnly of ${copy.name}`);
        expectSame(plainFilter(copy.filter), plainFilter(filter), `filter of ${copy.name}`);
      }
      const named = await adapter.duplicateSegment(original.id, {
        name: 'Festive frequent buyers',
      });
      expectEqual(named.name, 'Festive frequent buyers', 'a copy given its own name');
      expectEqual(
        (await adapter.getSegment(original.id)).name,
        'Frequent buyers',
        'the original after copying',
      );
    },
  ),

  defineCheck(
    'duplicating a predefined or global segment gives an editable filter segment',
    kitSeed,
    async (adapter) => {
      const top10 = await segmentNamed(adapter, 'store', 'Top 10 High-Value Spenders');
      const copy = await adapter.duplicateSegment(top10.id);
      expectEqual(copy.name, 'Top 10 High-Value Spenders (copy)', 'name of the copy');
      expectEqual(copy.type, 'filter', 'type of the copy');
      expectEqual(copy.scope, 'store', 'scope of the copy');
      expectEqual(copy.readOnly, false, 'readOnly of the copy');
      expectSame(plainFilter(copy.filter), plainFilter(top10.filter), 'filter of the copy');
      expectEqual(
        (await adapter.countMembers({ segmentId: copy.id })).count,
        10,
        'members of the copy',
      );
      const top5: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'spendRank', operator: 'lte', value: 5 }],
      };
      const edited = await adapter.updateSegment(
        copy.id,
        filterDraft('Top 5 High-Value Spenders', top5),
        {
          expectedVersion: copy.version,
        },
      );
      expectEqual(
        (await adapter.countMembers({ segmentId: edited.id })).count,
        5,
        'members after editing',
      );

      const metros = await segmentNamed(adapter, 'global', KIT_GLOBAL_SEGMENTS[1].name);
      const local = await adapter.duplicateSegment(metros.id);
      expectEqual(local.name, `${KIT_GLOBAL_SEGMENTS[1].name} (copy)`, 'name of a global copy');
      expectEqual(local.scope, 'store', 'scope of a global copy');
      expectEqual(local.readOnly, false, 'readOnly of a global copy');
      expectEqual(local.type, 'filter', 'type of a global copy');
    },
  ),

  defineCheck(
    'deleteSegment is refused as invalid while another segment uses it',
    kitSeed,
    async (adapter) => {
      const mumbai = await adapter.createSegment(
        filterDraft('Mumbai customers', filterCase('city equals mumbai').filter),
      );
      const dependant = await adapter.createSegment(
        filterDraft('Mumbai marketing list', {
          combinator: 'and',
          rules: [
            { field: 'segment', operator: 'in', value: [mumbai.id] },
            { field: 'acceptsMarketing', operator: 'equals', value: true },
          ],
        }),
      );
      const error = await expectRejects(
        adapter.deleteSegment(mumbai.id),
        'invalid',
        'deleting a segment another segment uses',
      );
      const said = `${error.message} ${JSON.stringify(error.issues ?? [])}`;
      ensure(
        said.includes('Mumbai marketing list'),
        `the refusal should name the dependant 'Mumbai marketing list', got ${show(said)}`,
      );
      expectEqual(
        (await adapter.getSegment(mumbai.id)).name,
        'Mumbai customers',
        'the used segment survives',
      );
      await adapter.deleteSegment(dependant.id);
      await adapter.deleteSegment(mumbai.id);
      await expectRejects(
        adapter.getSegment(mumbai.id),
        'not-found',
        'once no segment uses it, it deletes',
      );
    },
  ),

  defineCheck(
    'a segment rule that closes a cycle is refused as invalid',
    kitSeed,
    async (adapter) => {
      const base = await adapter.createSegment(
        filterDraft('Mumbai customers', filterCase('city equals mumbai').filter),
      );
      const uses = (id: string): FilterGroup => ({
        combinator: 'and',
        rules: [{ field: 'segment', operator: 'in', value: [id] }],
      });
      const dependant = await adapter.createSegment(filterDraft('Mumbai, again', uses(base.id)));
      await expectRejects(
        adapter.updateSegment(base.id, filterDraft('Mumbai customers', uses(dependant.id)), {
          expectedVersion: base.version,
        }),
        'invalid',
        'making a segment use the segment that uses it',
      );
      await expectRejects(
        adapter.updateSegment(base.id, filterDraft('Mumbai customers', uses(base.id)), {
          expectedVersion: base.version,
        }),
        'invalid',
        'making a segment use itself',
      );
      await expectRejects(
        adapter.createSegment(filterDraft('Ghost', uses('no-such-segment'))),
        'invalid',
        'a segment rule naming an unknown segment',
      );
    },
  ),
];
