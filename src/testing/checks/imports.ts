import type { SegmentAdapter } from '../../adapter.ts';
import type { FilterGroup, Segment } from '../../model.ts';
import { BUYERS, csvDraft, filterDraft, listAll } from './common.ts';
import { csvContacts, kitSeed } from './data.ts';
import { ensure, expectEqual, expectRejects, expectSame, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** CSV segments while they import: status, progress, finishImport, idempotent creates. */
export const importChecks: readonly AdapterCheck[] = [
  defineCheck(
    'a CSV segment is importing until finishImport, and nothing counts it meanwhile',
    kitSeed,
    async (adapter) => {
      const { byPhone, byEmail, unmatched } = csvContacts();
      const created = await adapter.createSegment(csvDraft('Festival list', 3));
      expectEqual(created.status, 'importing', 'status of a new CSV segment');
      expectSame(created.progress, { received: 0, expected: 3 }, 'progress of a new one');
      expectEqual(created.memberCount, null, 'memberCount while importing');

      await adapter.addMembers(created.id, [byPhone.contact, byEmail.contact], { batchId: 'f-1' });
      // The same batch again (a retry) is not received twice.
      await adapter.addMembers(created.id, [byPhone.contact, byEmail.contact], { batchId: 'f-1' });
      const listed = await listedNamed(adapter, 'Festival list');
      expectEqual(listed.status, 'importing', 'status listed after 2 of 3 contacts');
      expectSame(listed.progress, { received: 2, expected: 3 }, 'progress listed after 2 of 3');
      expectEqual(listed.memberCount, null, 'memberCount listed while importing');

      const inIt: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'segment', operator: 'in', value: [created.id] }],
      };
      await expectRejects(
        adapter.countMembers({ segmentId: created.id }),
        'incomplete',
        'countMembers of an importing segment',
      );
      await expectRejects(
        adapter.listMembers(created.id, {}),
        'incomplete',
        'listMembers of an importing segment',
      );
      await expectRejects(
        adapter.countMembers({ filter: inIt }),
        'incomplete',
        'countMembers of a filter naming an importing segment',
      );
      await expectRejects(
        adapter.resolveAudience({ include: [created.id], channel: 'any' }),
        'incomplete',
        'resolveAudience including an importing segment',
      );
      await expectRejects(
        adapter.resolveAudience({
          include: ['returning-customers'],
          exclude: [created.id],
          channel: 'any',
        }),
        'incomplete',
        'resolveAudience excluding an importing segment',
      );
      await expectRejects(
        adapter.duplicateSegment(created.id),
        'incomplete',
        'duplicateSegment of an importing segment',
      );
      await expectRejects(
        adapter.finishImport(created.id),
        'incomplete',
        'finishImport with 2 of 3 contacts in',
      );
      expectEqual(
        (await adapter.getSegment(created.id)).status,
        'importing',
        'status after a refused finishImport',
      );

      await adapter.addMembers(created.id, [unmatched[0]!], { batchId: 'f-2' });
      const ready = await adapter.finishImport(created.id);
      ensure(ready.status !== 'importing', `finishImport answered ${show(ready.status)}`);
      ensure(ready.progress === undefined, `a ready segment has progress ${show(ready.progress)}`);
      expectEqual(ready.memberCount, 3, 'memberCount once ready');
      expectEqual(
        (await adapter.countMembers({ segmentId: created.id })).count,
        3,
        'countMembers once ready',
      );
      expectEqual((await adapter.countMembers({ filter: inIt })).count, 2, 'filter naming it');
      // A lost answer asked again: the same ready segment, nothing changed.
      const again = await adapter.finishImport(created.id);
      expectEqual(again.version, ready.version, 'version after finishImport twice');
      ensure(again.status !== 'importing', 'finishImport twice leaves it ready');

      const filter = await adapter.createSegment(filterDraft('Buyers to finish', BUYERS));
      ensure(filter.status !== 'importing', 'a filter segment never imports');
      await expectRejects(adapter.finishImport(filter.id), 'invalid', 'finishImport of a filter');
      await expectRejects(adapter.finishImport('no-such-segment'), 'not-found', 'unknown id');
    },
  ),

  defineCheck(
    'an importing segment can be deleted, and finishing an empty file needs no batch',
    kitSeed,
    async (adapter) => {
      const half = await adapter.createSegment(csvDraft('Left half-made', 5));
      await adapter.addMembers(half.id, [{ email: 'one@example.in' }], { batchId: 'h-1' });
      await adapter.deleteSegment(half.id);
      const names = (await listAll(adapter, 'store')).map((s) => s.name);
      ensure(!names.includes('Left half-made'), 'the deleted importing segment is still listed');

      const empty = await adapter.createSegment(csvDraft('Nobody yet', 0));
      const ready = await adapter.finishImport(empty.id);
      expectEqual(ready.memberCount, 0, 'memberCount of a finished empty import');
    },
  ),

  defineCheck(
    'createSegment with an idempotency key answers a repeat with the same segment',
    kitSeed,
    async (adapter) => {
      const draft = csvDraft('Sent twice', 2);
      const first = await adapter.createSegment(draft, { idempotencyKey: 'create-1' });
      const repeat = await adapter.createSegment(draft, { idempotencyKey: 'create-1' });
      expectEqual(repeat.id, first.id, 'id answered to the repeated create');
      const named = (await listAll(adapter, 'store')).filter((s) => s.name === 'Sent twice');
      expectEqual(named.length, 1, 'segments named "Sent twice"');
      await expectRejects(
        adapter.createSegment(csvDraft('Something else', 2), { idempotencyKey: 'create-1' }),
        'invalid',
        'the same key with another draft',
      );
      await expectRejects(
        adapter.createSegment(draft, { idempotencyKey: 'create-2' }),
        'name-taken',
        'another key with a taken name',
      );
      const filter = filterDraft('Buyers, once', BUYERS);
      const a = await adapter.createSegment(filter, { idempotencyKey: 'create-3' });
      const b = await adapter.createSegment(filter, { idempotencyKey: 'create-3' });
      expectEqual(b.id, a.id, 'id answered to a repeated filter create');
    },
  ),
];

async function listedNamed(adapter: SegmentAdapter, name: string): Promise<Segment> {
  const found = (await listAll(adapter, 'store')).find((s) => s.name === name);
  ensure(found, `listSegments has no segment named ${show(name)}`);
  return found;
}
