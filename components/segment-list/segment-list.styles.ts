import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.ts';

export const segmentListStyles = [
  tokenStyles,
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
      grid-template-columns: minmax(0, 1fr) 6.5rem 5.5rem 2.75rem;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      padding: 0.25rem 0.25rem 0.25rem 0.75rem;
      border-top: 1px solid var(--_border);
      min-height: 2.75rem;
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

    /* Phones: the name gets the whole first line; type and users go below it. */
    @media (max-width: 30rem) {
      .row {
        grid-template-columns: minmax(0, 1fr) auto 2.5rem;
        grid-template-areas:
          'name name menu'
          'type users menu';
        row-gap: 0.1rem;
        padding-left: 0.5rem;
      }

      .body .row {
        height: 4rem;
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

      .row > :nth-child(4) {
        grid-area: menu;
      }

      .row.head {
        grid-template-areas: 'name type users menu';
        grid-template-columns: minmax(0, 1fr) auto auto 2.5rem;
      }
    }
  `,
];
