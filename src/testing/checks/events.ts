import { SEGMENTS_CHANGED } from '../../adapter.ts';
import { BUYERS, csvDraft, filterDraft, listAll } from './common.ts';
import { kitSeed } from './data.ts';
import { describeError, ensure, show, within } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/** How long a check waits for an event before it calls the adapter silent. */
const EVENT_DEADLINE_MS = 10_000;

/** Change events and cancellation. */
export const eventChecks: readonly AdapterCheck[] = [
  defineCheck("'segments-changed' fires after each write", kitSeed, async (adapter) => {
    // Each write starts listening before it is made, then waits for the event itself; the
    // deadline only ends the wait for an adapter that never fires.
    const after = async <T>(what: string, write: () => Promise<T>): Promise<T> => {
      let listener: (() => void) | undefined;
      const fired = new Promise<void>((resolve) => {
        listener = () => resolve();
        adapter.addEventListener(SEGMENTS_CHANGED, listener, { once: true });
      });
      try {
        const result = await write();
        await within(fired, EVENT_DEADLINE_MS, `'${SEGMENTS_CHANGED}' after ${what}`);
        return result;
      } finally {
        adapter.removeEventListener(SEGMENTS_CHANGED, listener!);
      }
    };
    let segment = await after('createSegment', () =>
      adapter.createSegment(filterDraft('Watched', BUYERS)),
    );
    segment = await after('updateSegment', () =>
      adapter.updateSegment(segment.id, filterDraft('Watched closely', BUYERS), {
        expectedVersion: segment.version,
      }),
    );
    await after('duplicateSegment', () => adapter.duplicateSegment(segment.id));
    const csv = await after('createSegment (CSV)', () =>
      adapter.createSegment(csvDraft('Watched list', 1)),
    );
    await after('addMembers', () =>
      adapter.addMembers(csv.id, [{ email: 'watcher@example.in' }], { batchId: 'watch-1' }),
    );
    await after('finishImport', () => adapter.finishImport(csv.id));
    await after('deleteSegment', () => adapter.deleteSegment(segment.id));
  }),

  defineCheck('an already-aborted signal makes every method reject', kitSeed, async (adapter) => {
    const existing = await adapter.finishImport(
      (await adapter.createSegment(csvDraft('Existing', 0))).id,
    );
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    const draft = filterDraft('Never saved', BUYERS);
    const calls: [string, () => Promise<unknown>][] = [
      ['listSegments', () => adapter.listSegments({ scope: 'store' }, { signal })],
      ['getSegment', () => adapter.getSegment(existing.id, { signal })],
      ['createSegment', () => adapter.createSegment(draft, { signal })],
      [
        'updateSegment',
        () =>
          adapter.updateSegment(existing.id, draft, { expectedVersion: existing.version, signal }),
      ],
      ['duplicateSegment', () => adapter.duplicateSegment(existing.id, { signal })],
      ['countMembers', () => adapter.countMembers({ filter: BUYERS }, { signal })],
      ['listMembers', () => adapter.listMembers(existing.id, {}, { signal })],
      ['countHistory', () => adapter.countHistory(existing.id, { days: 7 }, { signal })],
      [
        'resolveAudience',
        () => adapter.resolveAudience({ include: [existing.id], channel: 'any' }, { signal }),
      ],
      [
        'addMembers',
        () =>
          adapter.addMembers(existing.id, [{ email: 'late@example.in' }], {
            batchId: 'late',
            signal,
          }),
      ],
      ['finishImport', () => adapter.finishImport(existing.id, { signal })],
      ['deleteSegment', () => adapter.deleteSegment(existing.id, { signal })],
    ];
    const resolved: string[] = [];
    for (const [method, call] of calls) {
      try {
        const value = await call();
        resolved.push(`${method} resolved with ${show(value)}`);
      } catch (error) {
        const name = (error as { name?: string } | null)?.name;
        ensure(
          error === signal.reason || name === 'AbortError',
          `${method}: expected the abort reason or an AbortError, got ${describeError(error)}`,
        );
      }
    }
    ensure(resolved.length === 0, `with an aborted signal: ${resolved.join('; ')}`);
    const names = (await listAll(adapter, 'store')).map((s) => s.name);
    ensure(names.includes('Existing'), 'an aborted deleteSegment still deleted the segment');
    ensure(!names.includes('Never saved'), 'an aborted createSegment still saved the segment');
    ensure(
      !names.some((n) => n.startsWith('Existing (copy')),
      'an aborted duplicateSegment still made a copy',
    );
    const { count } = await adapter.countMembers({ segmentId: existing.id });
    ensure(count === 0, `an aborted addMembers still added members: ${count}`);
  }),
];
