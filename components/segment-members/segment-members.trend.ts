/**
 * The members view's chart of a segment's size over the last 90 days, as a controller of
 * `<segment-members>`: the line in SVG (hidden from screen readers), and over it a slider that
 * takes the keyboard — Left/Right move a day, Home/End go to the first and last, Page Up/Down a
 * week — whose value text ("12 Mar 2026: 1,234 people") screen readers announce as it moves and
 * which is shown beside the chart too. "Show as a table" lists every day's count. A history that
 * cannot be read is said quietly with Retry; the rest of the view does not wait for it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import type { LocalizeController } from '../shared/localize.ts';
import { linePath, pointAt, type LineBox } from '../shared/sparkline.ts';
import {
  dayNumber,
  dayString,
  summarizeTrend,
  trendSentence,
  type HistoryPoint,
} from '../shared/trend.ts';

/** The days the chart covers, today included. */
export const CHART_DAYS = 90;
/** What Page Up and Page Down move by. */
const WEEK = 7;
/** The SVG's own units; it is stretched to the chart's box (the stroke keeps its width). */
const VIEW_WIDTH = 1000;
const VIEW_HEIGHT = 200;

export class TrendChartController {
  /** The day the slider is on, as an index into the history; -1 = the last day. */
  private index = -1;
  private tableShown = false;
  private readonly history: AdapterTask<readonly [string], HistoryPoint[] | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost,
    adapters: SegmentAdapterController,
    private readonly localize: LocalizeController,
    segmentId: () => string,
  ) {
    this.history = new AdapterTask(host, adapters, {
      args: () => [segmentId()] as const,
      task: async (adapter, [id], { signal }) => {
        if (!id) return undefined;
        const points = await adapter.countHistory(id, { days: CHART_DAYS }, { signal });
        if (!signal.aborted) this.index = -1;
        return points;
      },
    });
  }

  template(): TemplateResult {
    const t = this.localize.section('trend');
    // The box keeps the chart's height whatever it holds (loading, the chart, a failure), so
    // the members table and Export CSV below it stay where they are when the history answers.
    return html`<section class="trend" part="trend" aria-labelledby="trend-heading">
      <h3 id="trend-heading">${t.heading}</h3>
      <div class="trend-box">
        ${sizerTemplate()}
        <div class="trend-state">
          ${this.history.render({
            pending: () => html`<p class="muted trend-loading" role="status">${t.loading}</p>`,
            complete: (points) => (points ? this.chartTemplate(points) : nothing),
            error: () =>
              html`<p class="muted trend-error" part="trend-error">
                ${t.unavailable}
                <button @click=${() => void this.history.run()}>${t.retry}</button>
              </p>`,
          })}
        </div>
      </div>
    </section>`;
  }

  private chartTemplate(points: readonly HistoryPoint[]): TemplateResult {
    const t = this.localize.section('trend');
    const sentence = trendSentence(summarizeTrend(points), t, this.localize);
    if (points.length === 0) return html`<p class="muted" part="trend-text">${sentence}</p>`;
    const box = chartBox(points);
    const index = this.index < 0 || this.index >= points.length ? points.length - 1 : this.index;
    const current = points[index]!;
    const at = pointAt(current, box);
    const valueText = this.pointText(current);
    return html`<p class="trend-text" part="trend-text">${sentence}</p>
      <div class="chart">
        <div class="chart-scale" aria-hidden="true">
          <span>${this.localize.number(box.max)}</span><span>${this.localize.number(0)}</span>
        </div>
        <div
          class="chart-plot"
          part="chart"
          role="slider"
          tabindex="0"
          aria-label=${this.localize.plural(t.chartLabel, CHART_DAYS)}
          aria-describedby="chart-help"
          aria-valuemin="0"
          aria-valuemax=${points.length - 1}
          aria-valuenow=${index}
          aria-valuetext=${valueText}
          @keydown=${(event: KeyboardEvent) => this.onKeyDown(event, points.length)}
          @pointermove=${(event: PointerEvent) => this.onPointer(event, points, box)}
          @pointerdown=${(event: PointerEvent) => this.onPointer(event, points, box)}
        >
          <svg
            viewBox="0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}"
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
          >
            <line class="axis" x1="0" y1=${VIEW_HEIGHT} x2=${VIEW_WIDTH} y2=${VIEW_HEIGHT}></line>
            <line class="cursor" x1=${at.x} y1="0" x2=${at.x} y2=${VIEW_HEIGHT}></line>
            <path class="line" d=${linePath(points, box)}></path>
          </svg>
          <span
            class="marker"
            style="left: ${(at.x / VIEW_WIDTH) * 100}%; top: ${(at.y / VIEW_HEIGHT) * 100}%"
          ></span>
        </div>
        <div class="chart-days" aria-hidden="true">
          <span>${this.day(dayString(box.fromDay))}</span
          ><span>${this.day(dayString(box.toDay))}</span>
        </div>
      </div>
      <p class="chart-readout" part="chart-readout" aria-hidden="true">${valueText}</p>
      <p id="chart-help" class="sr-only">${t.chartHelp}</p>
      <button
        class="table-toggle"
        aria-expanded=${this.tableShown}
        aria-controls="trend-table"
        @click=${() => this.toggleTable()}
      >
        ${this.tableShown ? t.hideTable : t.showTable}
      </button>
      ${this.tableShown ? this.tableTemplate(points) : nothing}`;
  }

  private tableTemplate(points: readonly HistoryPoint[]): TemplateResult {
    const t = this.localize.section('trend');
    // It scrolls (90 days): focusable, so that a keyboard scrolls it too.
    return html`<div
      class="trend-table-scroll"
      tabindex="0"
      role="region"
      aria-label=${this.localize.plural(t.chartLabel, CHART_DAYS)}
    >
      <table id="trend-table" part="trend-table">
        <caption class="sr-only">
          ${this.localize.plural(t.chartLabel, CHART_DAYS)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.colDate}</th>
            <th scope="col" class="num">${t.colCount}</th>
          </tr>
        </thead>
        <tbody>
          ${[...points].reverse().map(
            (point) =>
              html`<tr>
                <th scope="row">${this.day(point.date)}</th>
                <td class="num">${this.localize.number(point.count)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** "12 Mar 2026: 1,234 people". */
  private pointText(point: HistoryPoint): string {
    const t = this.localize.section('trend');
    return this.localize.plural(t.point, point.count, { date: this.day(point.date) });
  }

  /** A calendar day in the page's language; the day is a date, not an instant: no shift. */
  private day(date: string): string {
    return dayFormat(this.localize.lang).format(new Date(`${date}T00:00:00Z`));
  }

  private onKeyDown(event: KeyboardEvent, length: number): void {
    const last = length - 1;
    const index = this.index < 0 || this.index > last ? last : this.index;
    const next =
      event.key === 'ArrowLeft' || event.key === 'ArrowDown'
        ? index - 1
        : event.key === 'ArrowRight' || event.key === 'ArrowUp'
          ? index + 1
          : event.key === 'PageDown'
            ? index - WEEK
            : event.key === 'PageUp'
              ? index + WEEK
              : event.key === 'Home'
                ? 0
                : event.key === 'End'
                  ? last
                  : undefined;
    if (next === undefined) return;
    event.preventDefault();
    this.index = Math.min(last, Math.max(0, next));
    this.host.requestUpdate();
  }

  /** The pointer over the chart picks the day nearest to it. */
  private onPointer(event: PointerEvent, points: readonly HistoryPoint[], box: LineBox): void {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (rect.width <= 0) return;
    const day =
      box.fromDay + ((event.clientX - rect.left) / rect.width) * (box.toDay - box.fromDay);
    let nearest = 0;
    for (let i = 1; i < points.length; i++) {
      const distance = Math.abs(dayNumber(points[i]!.date) - day);
      if (distance < Math.abs(dayNumber(points[nearest]!.date) - day)) nearest = i;
    }
    if (nearest !== this.index) {
      this.index = nearest;
      this.host.requestUpdate();
    }
  }

  private toggleTable(): void {
    this.tableShown = !this.tableShown;
    this.host.requestUpdate();
  }
}

/**
 * The chart's lines without their content, unseen, under whatever the box holds: it gives the
 * box the chart's height from the first render, in any font size or language, without a number
 * to keep in step with the styles. Hidden from everyone (and its button is never focusable).
 */
function sizerTemplate(): TemplateResult {
  return html`<div class="trend-sizer" aria-hidden="true">
    <p class="trend-text">&nbsp;</p>
    <div class="chart">
      <div class="chart-scale"><span>&nbsp;</span></div>
      <div class="chart-plot"></div>
      <div class="chart-days"><span>&nbsp;</span></div>
    </div>
    <p class="chart-readout">&nbsp;</p>
    <button class="table-toggle" disabled tabindex="-1">&nbsp;</button>
  </div>`;
}

/**
 * The chart's box: the 90 days up to the last counted one (a shorter history sits at the right,
 * showing how short it is), and counts from 0 — a chart cut above 0 would make a small change
 * look large.
 */
function chartBox(points: readonly HistoryPoint[]): LineBox {
  const lastDay = dayNumber(points[points.length - 1]!.date);
  const firstDay = dayNumber(points[0]!.date);
  const max = Math.max(...points.map((p) => p.count));
  return {
    width: VIEW_WIDTH,
    height: VIEW_HEIGHT,
    fromDay: Math.min(firstDay, lastDay - (CHART_DAYS - 1)),
    toDay: lastDay,
    min: 0,
    max: max > 0 ? max : 1,
  };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(lang: string): Intl.DateTimeFormat {
  let format = dayFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
    }
    dayFormats.set(lang, format);
  }
  return format;
}
