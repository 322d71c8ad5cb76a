import { css } from 'lit';
import { hostTokens } from '../shared/tokens.styles.ts';

// Every colour and size comes from a `--us-*` custom property with a fallback, so a host themes
// all the elements at once from one place (documented on the class).
export const csvMapperStyles = [
  hostTokens,
  css`
    .stack {
      display: grid;
      /* One column no wider than the element: a wide preview scrolls inside, never the page. */
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
    }

    .drop-zone {
      display: grid;
      justify-items: center;
      gap: calc(var(--_gap) / 2);
      padding: calc(var(--_gap) * 2);
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      background: var(--us-color-surface, transparent);
      text-align: center;
      cursor: pointer;
    }

    .drop-zone.compact {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-items: start;
      padding: calc(var(--_gap) / 2) var(--_gap);
      text-align: start;
    }

    [hidden] {
      display: none !important;
    }

    .drop-zone.drag-over {
      border-color: var(--_accent);
      background: var(--us-color-drop-active, #ddf4ff);
    }

    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }

    button,
    input,
    select {
      font: inherit;
    }

    button {
      padding: 0.4em 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--us-color-button, #f6f8fa);
      color: inherit;
      cursor: pointer;
    }

    button.primary {
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--us-color-accent-contrast, #fff);
    }

    button:disabled,
    input:disabled,
    select:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    [tabindex='-1']:focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }

    .details {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_gap) calc(var(--_gap) * 2);
      margin: 0;
    }

    .details div,
    .summary-numbers div {
      display: grid;
    }

    dt {
      color: var(--_muted);
      font-size: 0.875em;
    }

    dd {
      margin: 0;
    }

    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: var(--_gap);
    }

    .field {
      display: grid;
      gap: 0.25rem;
      align-content: start;
    }

    /* Inputs and selects on the surface colour in the theme's text colour, like the other elements. */
    .field input,
    .field select {
      block-size: 2.5rem;
      padding: 0 0.6em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
    }

    .field input[aria-invalid='true'] {
      border-color: var(--_danger);
    }

    .field-error,
    .issues {
      margin: 0;
      color: var(--_danger);
    }

    .issues {
      padding: var(--_gap);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
    }

    .issues ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }

    .table-frame {
      display: grid;
      /* No wider than the element, whatever the table's width: the table scrolls inside. */
      grid-template-columns: minmax(0, 1fr);
      gap: 0.25rem;
    }

    .table-edges {
      position: relative;
    }

    .table-scroll {
      overflow-x: auto;
    }

    .table-scroll:focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }

    /*
     * Shades at the edges with more columns beyond them, following the scroll position; in the
     * text colour by default, so they show on light and dark surfaces alike.
     */
    .table-edges::before,
    .table-edges::after {
      content: '';
      position: absolute;
      inset-block: 0;
      width: 1.5rem;
      pointer-events: none;
      opacity: 0;
      transition: opacity 150ms linear;
    }

    .table-edges::before {
      inset-inline-start: 0;
      background: linear-gradient(
        to right,
        var(--us-color-scroll-shadow, color-mix(in srgb, currentColor 30%, transparent)),
        transparent
      );
    }

    .table-edges::after {
      inset-inline-end: 0;
      background: linear-gradient(
        to left,
        var(--us-color-scroll-shadow, color-mix(in srgb, currentColor 30%, transparent)),
        transparent
      );
    }

    .table-frame[data-more-start] .table-edges::before,
    .table-frame[data-more-end] .table-edges::after {
      opacity: 1;
    }

    .table-edges:dir(rtl)::before,
    .table-edges:dir(rtl)::after {
      transform: scaleX(-1);
    }

    .table-frame:not([data-overflow]) .scroll-hint {
      display: none;
    }

    table {
      border-collapse: collapse;
      font-size: 0.875em;
    }

    caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.25rem;
    }

    /* The caption stays in view while the table scrolls sideways under it. */
    .caption-text {
      position: sticky;
      inset-inline-start: 0;
      display: inline-block;
    }

    th,
    td {
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--_border);
      text-align: start;
      white-space: nowrap;
    }

    /* Reasons are sentences: they wrap, so the result fits a phone screen. */
    .summary td:first-child {
      white-space: normal;
    }

    th.mapped,
    td.mapped {
      background: var(--us-color-highlight, #fff8c5);
    }

    .badge {
      display: block;
      font-weight: 400;
      color: var(--_muted);
    }

    .progress {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }

    .progress-track {
      flex: 1 1 12rem;
      height: 0.5rem;
      border-radius: var(--_radius);
      background: var(--us-color-track, #d0d7de);
      overflow: hidden;
    }

    .progress-bar {
      height: 100%;
      background: var(--_accent);
      transition: width 120ms linear;
    }

    .summary h3 {
      margin: 0;
      font-size: 1.1em;
    }

    .summary-numbers {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_gap) calc(var(--_gap) * 2);
      margin: 0;
    }

    .summary-numbers dd {
      font-size: 1.4em;
      font-variant-numeric: tabular-nums;
    }
  `,
];
