import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.ts';
import { trendChartStyles } from './segment-members.trend.styles.ts';

export const segmentMembersStyles = [
  tokenStyles,
  trendChartStyles,
  css`
    :host {
      display: grid;
      gap: var(--_gap);
      min-width: 0;
    }

    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }

    h2 {
      margin: 0;
      font-size: 1.3em;
      overflow-wrap: anywhere;
    }

    h3 {
      margin: 0 0 0.4rem;
      font-size: 1em;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1rem;
      align-items: baseline;
      color: var(--_muted);
    }

    .count {
      color: inherit;
      font-weight: 600;
    }

    .note {
      margin: 0.4rem 0 0;
      color: var(--_muted);
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_gap);
      align-items: center;
    }

    .toolbar input {
      flex: 1 1 12rem;
    }

    .export {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }

    progress {
      width: 10rem;
      max-width: 100%;
    }

    .status {
      margin: 0;
      color: var(--_muted);
      min-height: 1.5em;
    }

    .error-box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
      padding: calc(var(--_gap) / 1.5) var(--_gap);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      color: var(--_danger);
    }

    .table {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      min-width: 0;
      overflow: clip;
    }

    /* Long lists scroll inside the table: the header stays in view, and the page's height does
       not follow the virtualizer's estimate as rows are measured. */
    .body.long {
      display: block;
      height: min(34rem, 65vh);
      overflow: auto;
      overscroll-behavior: contain;
    }

    .row {
      display: grid;
      grid-template-columns:
        minmax(6rem, 1.2fr) minmax(8rem, 1.6fr) minmax(7rem, 1fr) minmax(5rem, 0.8fr)
        4rem 6.5rem 6.5rem;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      padding: 0 0.75rem;
      border-top: 1px solid var(--_border);
      height: 2.75rem;
      box-sizing: border-box;
    }

    .row > * {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .row.head {
      border-top: none;
      font-weight: 600;
      color: var(--_muted);
      font-size: 0.875em;
    }

    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .muted {
      color: var(--_muted);
      font-style: italic;
    }

    .label {
      display: none;
    }

    /* Phones: each member is a card of labelled lines. */
    @media (max-width: 40rem) {
      .row.head {
        display: none;
      }

      .row {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        height: 8.75rem;
        align-content: center;
        row-gap: 0.1rem;
        font-size: 0.9375em;
      }

      /* Name, email and phone get a line each; the short values share lines in two columns. */
      .row > :nth-child(-n + 3) {
        grid-column: 1 / -1;
      }

      .row > :first-child {
        font-weight: 600;
      }

      .num {
        text-align: start;
      }

      .label {
        display: inline;
        color: var(--_muted);
      }
    }
  `,
];
