import { css } from 'lit';

/** The members view's chart of the segment's size over time (`segment-members.trend.ts`). */
export const trendChartStyles = css`
  /* The sizer and what the box holds share one cell: the box is as tall as the taller. */
  .trend-box {
    display: grid;
  }

  .trend-sizer,
  .trend-state {
    grid-area: 1 / 1;
    min-width: 0;
  }

  .trend-sizer {
    visibility: hidden;
  }

  .trend-text {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }

  .chart {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-areas: 'scale plot' '. days';
    column-gap: 0.5rem;
    max-width: 48rem;
    /* Room for the marker on the last day: at 360 px the plot would end at the view's edge. */
    padding-inline-end: 0.75rem;
  }

  .chart-scale {
    grid-area: scale;
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    text-align: end;
    font-size: 0.8em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }

  .chart-plot {
    grid-area: plot;
    position: relative;
    height: 8rem;
    border-radius: 2px;
    touch-action: pan-y;
  }

  .chart-plot:focus-visible {
    outline: var(--_focus);
    outline-offset: 4px;
  }

  .chart-plot svg {
    display: block;
    width: 100%;
    height: 100%;
    overflow: visible;
  }

  .chart-plot .line {
    fill: none;
    stroke: var(--_trend);
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }

  .chart-plot .axis {
    stroke: var(--_border);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }

  .chart-plot .cursor {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 3 3;
    vector-effect: non-scaling-stroke;
  }

  .marker {
    position: absolute;
    width: 0.7rem;
    height: 0.7rem;
    margin: -0.35rem 0 0 -0.35rem;
    border-radius: 50%;
    background: var(--_surface);
    border: 2px solid var(--_trend);
    pointer-events: none;
  }

  .chart-days {
    grid-area: days;
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    font-size: 0.8em;
    color: var(--_muted);
  }

  .chart-readout {
    margin: 0.4rem 0;
    font-variant-numeric: tabular-nums;
  }

  .trend-loading {
    margin: 0;
  }

  .trend-error {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .trend-table-scroll {
    max-height: 16rem;
    overflow: auto;
    margin-top: 0.5rem;
    max-width: 24rem;
  }

  .trend-table-scroll table {
    border-collapse: collapse;
    width: 100%;
  }

  .trend-table-scroll th,
  .trend-table-scroll td {
    padding: 0.2rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    font-weight: normal;
  }

  .trend-table-scroll thead th {
    font-weight: 600;
  }

  .trend-table-scroll .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
