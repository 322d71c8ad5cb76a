import { css } from 'lit';
import { hostTokens } from '../shared/tokens.styles.ts';

/**
 * Themed through `--us-*` custom properties (the same ones `<csv-mapper>` reads) and `::part`.
 * Rows wrap on narrow screens: at 360 px each condition stacks field, operator and value.
 */
export const filterBuilderStyles = [
  hostTokens,
  css`
    .builder {
      display: grid;
      gap: var(--_gap);
    }
    .group {
      display: grid;
      gap: calc(var(--_gap) * 0.75);
      padding: var(--_gap);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--us-color-surface, #f6f8fa);
      min-width: 0;
    }
    .group.root {
      background: transparent;
    }
    .group .group {
      border-left: 4px solid var(--_accent);
    }
    .group-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_gap) * 0.75);
      margin: 0;
    }
    .rules {
      display: grid;
      gap: calc(var(--_gap) * 0.75);
    }
    .switch {
      display: inline-flex;
      margin: 0;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .switch label {
      position: relative;
      display: inline-flex;
    }
    .switch input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }
    .switch span {
      padding: 0.3rem 0.8rem;
      font-weight: 600;
      font-size: 0.875rem;
      background: var(--us-color-button, #fff);
    }
    .switch input:checked + span {
      background: var(--_accent);
      color: var(--us-color-accent-contrast, #fff);
    }
    .switch input:focus-visible + span {
      outline: var(--us-focus-ring, 3px solid #0b5cad80);
      outline-offset: -3px;
    }
    .not {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      font-weight: 600;
      font-size: 0.875rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: calc(var(--_gap) * 0.5);
    }
    .row.readonly {
      align-items: baseline;
    }
    .field-name {
      font-weight: 600;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_gap) * 0.5);
      flex: 1 1 32rem;
      min-width: 0;
    }
    .controls > select {
      flex: 0 1 13rem;
      min-width: 8rem;
    }
    .value > select[data-control='unit'],
    .value > select[data-control='value'] {
      flex: 0 1 12rem;
    }
    /* A narrow group (a phone, a side panel): field and operator each take a line. */
    .group {
      container-type: inline-size;
    }
    .value > input[data-control='amount'] {
      flex: 0 1 8rem;
    }
    /* A date is ten characters in every order: the box fits them, not the row. */
    .value > input.date {
      flex: 0 1 10rem;
      font-variant-numeric: tabular-nums;
    }
    @container (max-width: 32rem) {
      .controls > select {
        flex: 1 1 100%;
      }
      /* Stacked conditions need a line between them to be told apart. */
      .rules > .row:not(:last-child) {
        padding-bottom: calc(var(--_gap) * 0.75);
        border-bottom: 1px solid var(--_border);
      }
      .value > select[data-control='unit'],
      .value > select[data-control='value'] {
        flex: 1 1 8rem;
      }
    }
    .value {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_gap) * 0.5);
      flex: 1 1 12rem;
      min-width: 0;
    }
    .value > input,
    .value > select {
      flex: 1 1 8rem;
      min-width: 0;
    }
    .row-actions {
      display: flex;
      gap: 0.25rem;
    }
    select,
    input,
    button {
      font: inherit;
      color: inherit;
      min-height: 2.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      /* Fields (selects too) on the surface colour, like the page's other inputs. */
      background: var(--_surface);
      padding: 0.3rem 0.5rem;
    }
    button {
      cursor: pointer;
      padding: 0.3rem 0.75rem;
      background: var(--_button);
    }
    button:disabled,
    select:disabled,
    input:disabled {
      cursor: not-allowed;
      opacity: 0.55;
    }
    button.icon {
      min-width: 2.25rem;
      padding: 0.3rem;
    }
    :is(select, input, button):focus-visible {
      outline: var(--us-focus-ring, 3px solid #0b5cad80);
      outline-offset: 1px;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .money {
      display: inline-flex;
      align-items: center;
      flex: 1 1 8rem;
      min-width: 0;
    }
    .money input {
      flex: 1;
      min-width: 0;
      border-top-left-radius: 0;
      border-bottom-left-radius: 0;
    }
    .currency {
      padding: 0.3rem 0.5rem;
      border: 1px solid var(--_border);
      border-right: 0;
      border-radius: var(--_radius) 0 0 var(--_radius);
      min-height: 2.25rem;
      display: inline-flex;
      align-items: center;
    }
    .join {
      color: var(--_muted);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem;
      flex: 1 1 12rem;
      min-width: 0;
    }
    .chips > input,
    .chips > select {
      flex: 1 1 8rem;
      min-width: 6rem;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.1rem 0.2rem 0.1rem 0.6rem;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--us-color-button, #fff);
      font-size: 0.875rem;
    }
    .chip-remove {
      min-height: 1.5rem;
      min-width: 1.5rem;
      padding: 0;
      border: 0;
      border-radius: 999px;
      background: transparent;
      line-height: 1;
    }
    .hint,
    .muted,
    .summary {
      color: var(--_muted);
      font-size: 0.875rem;
      margin: 0;
    }
    .row .hint {
      flex-basis: 100%;
    }
    .summary-label {
      font-weight: 600;
    }
    /* The last count while the next is asked: muted, yet as readable as any hint (a faded
       opacity fell below the contrast a low-vision seller needs). */
    .stale {
      color: var(--_muted);
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--_danger);
      font-size: 0.875rem;
    }
    .empty {
      margin: 0;
    }
    .too-large {
      margin: 0;
      color: var(--_danger);
    }
    .group-actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_gap) * 0.5);
    }
    .count {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.25rem;
    }
    .retry {
      padding: 0.2rem 0.6rem;
    }
  `,
];
