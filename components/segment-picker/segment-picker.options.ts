/**
 * Where `<segment-picker>`'s options come from: one search per list (Include, Exclude) that asks
 * the adapter once typing pauses, aborting the previous question, and the counts of options
 * whose segment has none yet, asked only for the options on show and dropped when they go.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Segment, SegmentAdapter } from '../../src/core.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import type { SegmentAdapterController } from '../shared/adapter.ts';
import { isAbort } from '../shared/error-messages.ts';

/** How long typing must pause before the segments are searched. */
const SEARCH_DELAY_MS = 200;
/** Options listed per scope: enough to scroll, well within every adapter's 200. */
const OPTIONS_PER_SCOPE = 50;
/** Counts asked at once, so a long list does not flood a backend. */
const COUNTS_IN_FLIGHT = 4;

/** The combobox of one list: what is typed, whether its listbox is open, the active option. */
export class OptionSearch {
  query = '';
  open = false;
  /** Index of the active option (aria-activedescendant); -1: none. */
  active = -1;

  private readonly task: AdapterTask<readonly [string | undefined], Segment[]>;

  constructor(host: ReactiveControllerHost, adapter: SegmentAdapterController) {
    this.task = new AdapterTask(host, adapter, {
      // Nothing is asked while the listbox is closed.
      args: () => [this.open ? this.query.trim() : undefined] as const,
      task: async (current, [search], { signal }) =>
        search === undefined ? [] : searchSegments(current, search, signal),
      delay: SEARCH_DELAY_MS,
    });
  }

  /** The options found for the current query; the previous ones while a search runs. */
  get options(): Segment[] {
    return this.task.value ?? [];
  }

  get pending(): boolean {
    return this.task.pending;
  }

  get error(): unknown {
    return this.task.error;
  }

  retry(): void {
    void this.task.run();
  }
}

/**
 * Member counts of segments listed without one (`memberCount: null`), by id. `show` asks for
 * those not known yet; `drop` aborts what is still being asked (the listbox closed, or the
 * options changed), so a closed list costs the backend nothing more.
 */
export class OptionCounts {
  private readonly counts = new Map<string, number | 'error'>();
  private asking = new Set<string>();
  private abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The count of a segment: its own, else one asked for; undefined while unknown. */
  get(segment: Segment): number | 'error' | undefined {
    return segment.memberCount ?? this.counts.get(segment.id);
  }

  /** Asks for the counts `segments` lack, a few at a time. */
  show(adapter: SegmentAdapter | undefined, segments: readonly Segment[]): void {
    if (!adapter) return;
    const wanted = segments.filter(
      (s) =>
        s.memberCount === null &&
        s.status !== 'importing' &&
        !this.counts.has(s.id) &&
        !this.asking.has(s.id),
    );
    if (!wanted.length) return;
    this.abort ??= new AbortController();
    const { signal } = this.abort;
    for (const s of wanted) this.asking.add(s.id);
    const queue = [...wanted];
    const next = async (): Promise<void> => {
      for (let s = queue.shift(); s && !signal.aborted; s = queue.shift()) {
        try {
          const { count } = await adapter.countMembers({ segmentId: s.id }, { signal });
          this.counts.set(s.id, count);
        } catch (error) {
          if (isAbort(error) || signal.aborted) return;
          this.counts.set(s.id, 'error');
        } finally {
          this.asking.delete(s.id);
        }
        this.host.requestUpdate();
      }
    };
    // Counted before starting: each worker takes its first segment off the queue at once.
    const workers = Math.min(COUNTS_IN_FLIGHT, queue.length);
    for (let i = 0; i < workers; i++) void next();
  }

  /** Aborts the counts still being asked; those already known stay. */
  drop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.asking = new Set();
  }

  /** Forgets every count (the segments changed). */
  clear(): void {
    this.drop();
    this.counts.clear();
  }
}

/** Store segments (predefined first, as the adapter lists them), then global ones. */
async function searchSegments(
  adapter: SegmentAdapter,
  search: string,
  signal: AbortSignal,
): Promise<Segment[]> {
  const pages = await Promise.all(
    (['store', 'global'] as const).map((scope) =>
      adapter.listSegments(
        { scope, limit: OPTIONS_PER_SCOPE, ...(search ? { search } : {}) },
        { signal },
      ),
    ),
  );
  return pages.flatMap((page) => page.items);
}
