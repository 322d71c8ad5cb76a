/**
 * Runs in headless Chromium for bench/list-trends.bench.ts: `<segment-list>` over ROWS segments
 * whose adapter answers at once (so the element's own work is what is timed), once with every
 * segment's 30-day history answered at once and once with histories never answered (no
 * sparkline is ever drawn: the list as it paints without them).
 */
import '../../components/segment-list/segment-list.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { SegmentAdapter } from '../../src/adapter.ts';
import type { Segment } from '../../src/model.ts';

export interface TrendVisit {
  rows: number;
  /** 'now': every history answered at once; 'never': histories stay pending. */
  histories: 'now' | 'never';
}

export interface TrendVisitResult {
  /** Attach → the frame painting all rows. */
  paintMs: number;
  /** Attach → every row's trend sentence in the DOM (histories 'now' only). */
  trendsMs?: number;
  /** One full re-render of the list (requestUpdate → updateComplete), median of 20. */
  renderMs: number;
  /** Each row's Trend cell as read. */
  sentences: string[];
}

declare global {
  interface Window {
    listTrendsVisit(visit: TrendVisit): Promise<TrendVisitResult>;
  }
}

/** Segment i has 30 days counted, 100 members on the first and 100 + i on the last. */
export function historyOf(i: number): { date: string; count: number }[] {
  return Array.from({ length: 30 }, (_, day) => ({
    date: `2026-03-${String(day + 1).padStart(2, '0')}`,
    count: day === 0 ? 100 : day === 29 ? 100 + i : 100 + ((day * 7 + i) % 13),
  }));
}

function adapterFor(visit: TrendVisit): SegmentAdapter {
  const now = '2026-03-30T10:00:00.000Z';
  const segments: Segment[] = Array.from({ length: visit.rows }, (_, i) => ({
    id: `s${i}`,
    name: `Segment ${String(i).padStart(3, '0')}`,
    type: 'filter',
    scope: 'store',
    filter: { combinator: 'and', rules: [] },
    memberCount: 100 + i,
    readOnly: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
  const adapter = Object.assign(new EventTarget(), {
    listSegments: async (q: { scope: string }) => {
      const items = q.scope === 'store' ? structuredClone(segments) : [];
      return { items, total: items.length };
    },
    countHistory: (id: string) =>
      visit.histories === 'never'
        ? new Promise<never>(() => {})
        : Promise.resolve(historyOf(Number(id.slice(1)))),
  });
  return adapter as unknown as SegmentAdapter;
}

window.listTrendsVisit = async (visit) => {
  const list = document.createElement('segment-list') as SegmentList;
  list.adapter = adapterFor(visit);
  const start = performance.now();
  document.body.append(list);
  const root = list.shadowRoot!;
  await until(root, () => root.querySelectorAll('.body [role=row]').length >= visit.rows);
  const paintMs = await new Promise<number>((resolve) =>
    requestAnimationFrame(() => resolve(performance.now() - start)),
  );
  const cells = () => [...root.querySelectorAll('.body [role=row] .trend')];
  let trendsMs: number | undefined;
  if (visit.histories === 'now') {
    await until(root, () => cells().every((cell) => cell.textContent!.trim() !== ''));
    trendsMs = performance.now() - start;
  }
  const renders: number[] = [];
  for (let i = 0; i < 21; i++) {
    const begun = performance.now();
    list.requestUpdate();
    await list.updateComplete;
    if (i > 0) renders.push(performance.now() - begun);
  }
  renders.sort((a, b) => a - b);
  const sentences = cells().map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());
  list.remove();
  return { paintMs, trendsMs, renderMs: renders[Math.floor(renders.length / 2)]!, sentences };
};

/** Resolves when `ready()` holds, checked on every change of `root` (the DOM's time, no polling). */
function until(root: ShadowRoot, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}
