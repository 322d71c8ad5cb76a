import { css } from 'lit';
import { sparklineStyles } from '../shared/sparkline.ts';
import { tokenStyles } from '../shared/tokens.styles.ts';

export const segmentListStyles = [
  tokenStyles,
  sparklineStyles,
  css`
    [role='tablist'] {
      display: flex;
      gap: 0.25rem;
      border-bottom: 1px solid var(--_border);
    }

    [role='tab'] {
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: var(--_radius) var(--_radius) 0 0;
      background: none;
      padding: 0.6em 1em;
      color: var(--_muted);
      font-weight: 600;
    }

    [role='tab'][aria-selected='true'] {
      color: var(--_accent);
      border-bottom-color: var(--_accent);
    }

    .panel {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
      padding-top: var(--_gap);
      min-width: 0;
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

    .add {
      margin-inline-start: auto;
      white-space: nowrap;
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

    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 6.5rem 5.5rem 9.5rem 11rem 2.75rem;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      padding: 0.25rem 0.25rem 0.25rem 0.75rem;
      border-top: 1px solid var(--_border);
      min-height: 2.75rem;
    }

    /* Room between the numbers of Users and the words of Updated. */
    .row > :nth-child(4) {
      padding-inline-start: 1rem;
    }

    .body .row {
      /* A fixed height: the virtualizer measures each row once, and nothing moves after. */
      height: 3rem;
    }

    .row.head {
      border-top: none;
      font-weight: 600;
      color: var(--_muted);
      font-size: 0.875em;
    }

    .body .row:hover {
      background: var(--_hover);
    }

    .body .row.selected {
      background: var(--_selected);
    }

    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .name {
      min-width: 0;
    }

    .link {
      display: block;
      max-width: 100%;
      border: none;
      background: none;
      padding: 0.2em 0;
      text-align: start;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: inherit;
      font-weight: 500;
    }

    .badge {
      display: inline-block;
      padding: 0.1em 0.55em;
      border-radius: 999px;
      border: 1px solid var(--_border);
      font-size: 0.8125em;
      white-space: nowrap;
    }

    .badge.unreadable {
      border-color: var(--_danger, currentColor);
    }

    .dots {
      display: grid;
      place-items: center;
      width: 2.25rem;
      height: 2.25rem;
      padding: 0;
      border-color: transparent;
      background: none;
    }

    .dots svg {
      fill: currentColor;
    }

    .menu {
      position: fixed;
      z-index: 10;
      display: grid;
      min-width: 10rem;
      padding: 0.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_raised);
      box-shadow: 0 6px 20px rgb(0 0 0 / 18%);
    }

    .menu [role='menuitem'] {
      border: none;
      background: none;
      text-align: start;
      padding: 0.55em 0.8em;
    }

    .menu [role='menuitem']:hover,
    .menu [role='menuitem']:focus {
      background: var(--_hover);
    }

    dialog {
      max-width: min(28rem, calc(100vw - 2rem));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_raised);
      color: inherit;
      padding: calc(var(--_gap) * 1.5);
    }

    dialog::backdrop {
      background: rgb(0 0 0 / 40%);
    }

    dialog h2 {
      margin: 0 0 0.5rem;
      font-size: 1.15em;
    }

    .dialog-buttons {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: var(--_gap);
    }

    /* Sort buttons in the headers: the whole header is the button. */
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      max-width: 100%;
      border: none;
      background: none;
      padding: 0.35em 0.25em;
      margin-inline-start: -0.25em;
      color: inherit;
      font: inherit;
      font-weight: 600;
    }

    .num .sort {
      margin-inline: 0 -0.25em;
    }

    .sort .arrow {
      font-size: 0.75em;
      opacity: 0.55;
    }

    [aria-sort='ascending'] .sort,
    [aria-sort='descending'] .sort {
      color: inherit;
    }

    [aria-sort='ascending'] .arrow,
    [aria-sort='descending'] .arrow {
      opacity: 1;
    }

    /* Shown on phones only, where the headers are hidden. */
    .sort-select {
      display: none;
      align-items: center;
      gap: 0.5em;
      color: var(--_muted);
    }

    .sort-select select {
      min-width: 0;
      max-width: 14rem;
    }

    .updated {
      position: relative;
      min-width: 0;
      white-space: nowrap;
      overflow: visible;
      color: var(--_muted);
    }

    .updated time {
      border-radius: 0.25em;
      text-decoration: underline dotted;
      text-underline-offset: 0.2em;
    }

    /* The exact date, above the cell while it is hovered or focused (Escape hides it). */
    .tooltip {
      position: absolute;
      inset-inline-end: 0;
      bottom: calc(100% + 0.25rem);
      z-index: 5;
      display: none;
      padding: 0.3em 0.6em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_raised);
      color: inherit;
      box-shadow: 0 4px 12px rgb(0 0 0 / 18%);
      font-size: 0.8125em;
      white-space: nowrap;
      pointer-events: none;
    }

    .updated:hover .tooltip,
    .updated time:focus-visible + .tooltip {
      display: block;
    }

    .updated time + .tooltip.dismissed {
      display: none;
    }

    .trend {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      min-width: 0;
      font-size: 0.75em;
      line-height: 1.15;
      color: var(--_muted);
    }

    .trend-text {
      /* Two lines at most: the row's height is fixed. */
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }

    /* Between phones and desktops the line alone fits; its sentence is still read. */
    @media (min-width: 30.01rem) and (max-width: 56rem) {
      .row {
        grid-template-columns: minmax(0, 1fr) 6.5rem 5.5rem 9.5rem 4rem 2.75rem;
      }

      .trend-text {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }

    /* Phones: cards — the name gets the whole first line; type, users and updated go below it,
       then the trend. */
    @media (max-width: 30rem) {
      .sort-select {
        display: flex;
        flex: 1 1 100%;
        min-width: 0;
      }

      .sort-select select {
        flex: 1;
        max-width: none;
      }

      .row {
        grid-template-columns: auto minmax(0, 1fr) auto 2.5rem;
        grid-template-areas:
          'name name name menu'
          'type users updated menu'
          'trend trend trend menu';
        row-gap: 0.1rem;
        padding-left: 0.5rem;
      }

      .row > :nth-child(3) {
        text-align: start;
      }

      .row > :nth-child(4) {
        grid-area: updated;
        text-align: end;
        padding-inline-start: 0;
      }

      .row > :nth-child(5) {
        grid-area: trend;
      }

      .row > :nth-child(6) {
        grid-area: menu;
      }

      .row.head {
        position: absolute;
        width: 1px;
        height: 1px;
        min-height: 0;
        padding: 0;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }

      .body .row {
        height: 5.25rem;
      }

      .row > :nth-child(1) {
        grid-area: name;
      }

      .row > :nth-child(2) {
        grid-area: type;
      }

      .row > :nth-child(3) {
        grid-area: users;
      }
    }
  `,
];
