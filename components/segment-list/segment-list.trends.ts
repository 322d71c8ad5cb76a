/**
 * The list's trends: each row's last 30 days, asked for only after the rows have painted (a
 * first paint never waits for 50 histories), a few at a time, for the rows actually rendered
 * (a virtualized list renders those on screen), and again when a row's count changes. Every
 * call is aborted when the element leaves the page or its adapter is replaced. A history that
 * fails is said quietly in its row; the list itself never fails for it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { TemplateResult } from 'lit';
import type { Segment, SegmentAdapter } from '../../src/core.ts';
import type { SegmentAdapterController } from '../shared/adapter.ts';
import { isAbort } from '../shared/error-messages.ts';
import type { LocalizeController } from '../shared/localize.ts';
import { sparkline, sparklinePath } from '../shared/sparkline.ts';
import { summarizeTrend, trendSentence, type HistoryPoint } from '../shared/trend.ts';

/**
 * The days a row's trend spans: "up 12% in 30 days" compares today with 30 days before, so
 * the history asked for holds 31 days (countHistory's last point is today).
 */
export const LIST_TREND_DAYS = 30;
/** Histories asked for at once: enough to fill a screen quickly, few enough not to flood a backend. */
const AT_ONCE = 4;

/**
 * A row's trend as drawn, kept between renders: the list renders often (a tick of its clock,
 * each history arriving) and 50 rows' sentences and paths are not worth working out each time.
 */
interface Drawn {
  /** The strings it was said in: a new table or language makes a new object. */
  strings: object;
  sentence: string;
  path: string;
}

type Loaded =
  | { key: string; state: 'loading'; drawn?: Drawn }
  | { key: string; state: 'done'; points: readonly HistoryPoint[]; drawn?: Drawn }
  | { key: string; state: 'failed' };

export class ListTrendsController implements ReactiveController {
  private readonly loaded = new Map<string, Loaded>();
  /** Rows rendered by the last update whose history is not asked for yet, by segment id. */
  private readonly wanted = new Map<string, string>();
  private running = 0;
  private adapter?: SegmentAdapter;
  private abort = new AbortController();
  private scheduled = false;
  private repaintPending = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly adapters: SegmentAdapterController,
    private readonly localize: LocalizeController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page after leaving it: the rows ask again for what leaving aborted.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** After an update: start on the rows it rendered, once the browser has painted them. */
  hostUpdated(): void {
    if (this.adapters.value !== this.adapter) {
      this.reset();
      this.adapter = this.adapters.value;
    }
    if (!this.wanted.size || this.scheduled) return;
    this.scheduled = true;
    // The frame after this one: the rows are on screen before any history is asked for.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.scheduled = false;
        this.pump();
      }),
    );
  }

  /** The Trend cell of `segment`; renders nothing for segments without a history to show. */
  cell(segment: Segment): TemplateResult {
    const t = this.localize.section('trend');
    const body = () => {
      if (segment.status === 'importing' || segment.progress || segment.unreadable) return nothing;
      const key = keyOf(segment);
      const entry = this.loaded.get(segment.id);
      if (!entry || entry.key !== key) this.want(segment.id, key);
      if (!entry || entry.state === 'failed') {
        return entry ? html`<span class="trend-quiet">${t.unavailable}</span>` : nothing;
      }
      if (entry.state === 'loading') return entry.drawn ? this.drawnTemplate(entry.drawn) : nothing;
      if (entry.drawn?.strings !== t) {
        entry.drawn = {
          strings: t,
          sentence: trendSentence(summarizeTrend(entry.points), t, this.localize),
          // One day is no line: a lone dot beside "Not enough history yet" reads as a glitch.
          path: entry.points.length > 1 ? sparklinePath(entry.points) : '',
        };
      }
      return this.drawnTemplate(entry.drawn);
    };
    return html`<span role="cell" class="trend">${body()}</span>`;
  }

  private drawnTemplate(drawn: Drawn): TemplateResult {
    return html`${sparkline(drawn.path)}<span class="trend-text" part="trend-text"
        >${drawn.sentence}</span
      >`;
  }

  private want(id: string, key: string): void {
    const entry = this.loaded.get(id);
    if (entry?.state === 'loading' && entry.key === key) return;
    this.wanted.set(id, key);
  }

  /** Asks for the wanted histories, AT_ONCE at a time. */
  private pump(): void {
    const adapter = this.adapter;
    if (!adapter) return;
    const signal = this.abort.signal;
    for (const [id, key] of this.wanted) {
      if (this.running >= AT_ONCE) return;
      this.wanted.delete(id);
      const before = this.loaded.get(id);
      // A count changed: the old line stays until the new one is there.
      const drawn = before && before.state !== 'failed' ? before.drawn : undefined;
      this.loaded.set(id, { key, state: 'loading', drawn });
      this.running++;
      // Called inside a promise: an adapter that throws at once (or was written before
      // countHistory existed) fails this row quietly instead of the list.
      Promise.resolve()
        .then(() => adapter.countHistory(id, { days: LIST_TREND_DAYS + 1 }, { signal }))
        .then(
          (answer) => ({ key, state: 'done', points: answer }) as const,
          (error: unknown) => (isAbort(error) ? undefined : ({ key, state: 'failed' } as const)),
        )
        .then((settled) => {
          if (signal.aborted) return;
          this.running--;
          if (settled && this.loaded.get(id)?.key === key) this.loaded.set(id, settled);
          this.repaint();
          this.pump();
        });
    }
  }

  /** One update a frame for however many answers arrived in it, not one per answer. */
  private repaint(): void {
    if (this.repaintPending) return;
    this.repaintPending = true;
    requestAnimationFrame(() => {
      this.repaintPending = false;
      this.host.requestUpdate();
    });
  }

  private reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.loaded.clear();
    this.wanted.clear();
    this.running = 0;
    this.scheduled = false;
  }
}

/** What a row's history depends on: a new count or edit may have a new last day. */
function keyOf(segment: Segment): string {
  return `${segment.memberCount}|${segment.updatedAt}`;
}
