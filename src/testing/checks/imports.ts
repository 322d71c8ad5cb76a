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

  defineCheck(
    'a reopened CSV segment adds or replaces its members only at finishImport, or goes back',
    kitSeed,
    async (adapter) => {
      const { byPhone, byEmail, unmatched, unmatchedEmail } = csvContacts();
      const made = await adapter.createSegment(csvDraft('Grows and shrinks', 2));
      await adapter.addMembers(made.id, [byPhone.contact, unmatched[0]!], { batchId: 'g-0' });
      const first = await adapter.finishImport(made.id);
      expectEqual(first.memberCount, 2, 'memberCount of the first file');
      const file = (fileName: string, accepted: number) => ({
        ...csvDraft('', accepted).csv!,
        fileName,
      });

      await expectRejects(
        adapter.reopenImport(made.id, {
          mode: 'add',
          csv: file('more.csv', 2),
          expectedVersion: first.version - 1,
        }),
        'conflict',
        'reopenImport with a stale version',
      );
      const adding = await adapter.reopenImport(made.id, {
        mode: 'add',
        csv: file('more.csv', 2),
        expectedVersion: first.version,
      });
      expectEqual(adding.status, 'importing', 'status of a reopened segment');
      expectSame(
        adding.progress,
        { received: 0, expected: 2, reopened: { mode: 'add', generation: 1 } },
        'progress of a reopened segment',
      );
      expectEqual(adding.csv?.fileName, 'more.csv', 'csv.fileName while adding');
      // The same reopening asked again (its answer was lost): answered as it stands.
      const replay = await adapter.reopenImport(made.id, {
        mode: 'add',
        csv: file('more.csv', 2),
        expectedVersion: first.version,
      });
      expectEqual(replay.version, adding.version, 'version after reopenImport asked twice');
      await expectRejects(
        adapter.reopenImport(made.id, {
          mode: 'replace',
          csv: file('other.csv', 1),
          expectedVersion: adding.version,
        }),
        'incomplete',
        'reopenImport of a segment importing already',
      );
      // One contact already a member, one new.
      await adapter.addMembers(made.id, [byPhone.contact, unmatched[1]!], { batchId: 'g-1' });
      await expectRejects(
        adapter.countMembers({ segmentId: made.id }),
        'incomplete',
        'countMembers while a reopened import runs',
      );
      const grown = await adapter.finishImport(made.id);
      expectEqual(grown.memberCount, 3, 'memberCount after adding (a known contact once)');
      expectEqual((await adapter.listMembers(made.id, {})).total, 3, 'listMembers after adding');

      const replacing = await adapter.reopenImport(made.id, {
        mode: 'replace',
        csv: file('new.csv', 2),
        expectedVersion: grown.version,
      });
      expectSame(
        replacing.progress?.reopened,
        { mode: 'replace', generation: 2 },
        'progress.reopened of a second reopening',
      );
      // byPhone was a member: the new file has it again, and it stays.
      await adapter.addMembers(made.id, [byEmail.contact, byPhone.contact], { batchId: 'g-2' });
      const replaced = await adapter.finishImport(made.id);
      expectEqual(replaced.memberCount, 2, 'memberCount after replacing');
      const ids = async () =>
        (await adapter.listMembers(made.id, {})).items.map((c) => c.id).sort();
      expectSame(
        await ids(),
        [byPhone.customerId, byEmail.customerId].sort(),
        'members after replacing',
      );

      await adapter.reopenImport(made.id, {
        mode: 'replace',
        csv: file('wrong.csv', 2),
        expectedVersion: replaced.version,
      });
      await adapter.addMembers(made.id, [unmatchedEmail], { batchId: 'g-3' });
      const back = await adapter.abandonImport(made.id);
      ensure(back.status !== 'importing', `abandonImport answered ${show(back.status)}`);
      expectEqual(back.memberCount, 2, 'memberCount after abandoning');
      expectEqual(back.csv?.fileName, 'new.csv', 'csv.fileName after abandoning');
      expectSame(await ids(), [byPhone.customerId, byEmail.customerId].sort(), 'members after');
      const again = await adapter.abandonImport(made.id);
      expectEqual(again.version, back.version, 'version after abandonImport twice');

      const fresh = await adapter.createSegment(csvDraft('First file only', 1));
      await expectRejects(adapter.abandonImport(fresh.id), 'invalid', 'abandon a first import');
      const filter = await adapter.createSegment(filterDraft('Buyers, fixed', BUYERS));
      await expectRejects(
        adapter.reopenImport(filter.id, {
          mode: 'add',
          csv: file('x.csv', 1),
          expectedVersion: filter.version,
        }),
        'invalid',
        'reopenImport of a filter segment',
      );
    },
  ),
];

async function listedNamed(adapter: SegmentAdapter, name: string): Promise<Segment> {
  const found = (await listAll(adapter, 'store')).find((s) => s.name === name);
  ensure(found, `listSegments has no segment named ${show(name)}`);
  return found;
}
