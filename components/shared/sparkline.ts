/**
 * The line of a history drawn in SVG: the list's sparkline (a small picture beside its
 * sentence, hidden from screen readers, which read the sentence) and the members view's chart
 * share it. Days sit on the x axis by their date; in the chart a day without a count breaks the
 * line rather than being drawn as if it had one.
 */
import { css, html, type TemplateResult } from 'lit';
import { dayNumber, type HistoryPoint } from './trend.ts';

/** The box a line is drawn in and the ranges of days and counts it spans. */
export interface LineBox {
  width: number;
  height: number;
  /** First and last day of the x axis (`dayNumber`s). */
  fromDay: number;
  toDay: number;
  /** Counts at the bottom and the top of the y axis. */
  min: number;
  max: number;
}

/** Where a point sits in `box`: x by its day, y by its count (0 at the top, as SVG counts). */
export function pointAt(point: HistoryPoint, box: LineBox): { x: number; y: number } {
  const days = box.toDay - box.fromDay;
  const range = box.max - box.min;
  const x = days > 0 ? ((dayNumber(point.date) - box.fromDay) / days) * box.width : box.width / 2;
  const y =
    range > 0 ? box.height - ((point.count - box.min) / range) * box.height : box.height / 2;
  return { x: round(x), y: round(y) };
}

/**
 * SVG path data through `points` (oldest first). With `breakAtGaps` a new stroke starts after
 * each missing day, and a lone point is a zero-length stroke that a round line cap shows as a
 * dot; without it (a sparkline, too small to show single days) the line goes straight across.
 */
export function linePath(
  points: readonly HistoryPoint[],
  box: LineBox,
  breakAtGaps = true,
): string {
  let d = '';
  let previous: number | undefined;
  let strokeLength = 0;
  for (const point of points) {
    const day = dayNumber(point.date);
    const { x, y } = pointAt(point, box);
    if (previous === undefined || (breakAtGaps && day - previous > 1)) {
      if (strokeLength === 1) d += 'h0';
      d += `${d ? ' ' : ''}M${x} ${y}`;
      strokeLength = 1;
    } else {
      d += `L${x} ${y}`;
      strokeLength++;
    }
    previous = day;
  }
  if (strokeLength === 1) d += 'h0';
  return d;
}

/** The box of a sparkline: its own days, and its counts from the lowest to the highest. */
export function sparklineBox(
  points: readonly HistoryPoint[],
  width: number,
  height: number,
): LineBox {
  const counts = points.map((p) => p.count);
  return {
    width,
    height,
    fromDay: points.length ? dayNumber(points[0]!.date) : 0,
    toDay: points.length ? dayNumber(points[points.length - 1]!.date) : 0,
    min: Math.min(...counts),
    max: Math.max(...counts),
  };
}

const WIDTH = 64;
const HEIGHT = 20;
/** Room around the line so that its stroke and round caps are not cut at the edges. */
const INSET = 2;

/** The sparkline of `points` as path data, worked out once per history (see `sparkline`). */
export function sparklinePath(points: readonly HistoryPoint[]): string {
  return linePath(points, sparklineBox(points, WIDTH - 2 * INSET, HEIGHT - 2 * INSET), false);
}

/** A small picture of a history (`sparklinePath`); `aria-hidden`: the sentence beside it is read. */
export function sparkline(path: string): TemplateResult {
  return html`<svg
    class="sparkline"
    part="sparkline"
    viewBox="${-INSET} ${-INSET} ${WIDTH} ${HEIGHT}"
    aria-hidden="true"
    focusable="false"
  >
    <path d=${path}></path>
  </svg>`;
}

export const sparklineStyles = css`
  .sparkline {
    width: 4rem;
    height: 1.25rem;
    flex: none;
    overflow: visible;
  }

  .sparkline path {
    fill: none;
    stroke: var(--_trend);
    stroke-width: 1.5;
    stroke-linecap: round;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }
`;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
