import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.ts';

/**
 * Two lists side by side where there is room, one above the other on a phone (360 px); the
 * popup of options lies over what follows, within the list's width.
 */
export const segmentPickerStyles = [
  ...tokenStyles,
  css`
    .lists {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
      gap: var(--_gap);
    }

    .list {
      display: flex;
      flex-direction: column;
      gap: 0.35rem;
      min-width: 0;
    }

    label {
      font-weight: 600;
    }

    .hint {
      margin: 0;
      font-size: 0.875em;
      color: var(--_muted);
    }

    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      max-width: 100%;
      padding: 0.1rem 0.1rem 0.1rem 0.6rem;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_button);
    }

    .chip.missing {
      border-color: var(--_danger);
      color: var(--_danger);
    }

    .chip-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .chip button {
      /* A 24 px target at least, the chip's own height on a phone. */
      min-width: 1.75rem;
      min-height: 1.75rem;
      padding: 0;
      border: none;
      border-radius: 999px;
      background: transparent;
      line-height: 1;
      font-size: 1.1em;
    }

    .chip button:hover {
      background: var(--_hover);
    }

    .combo {
      position: relative;
    }

    .combo input {
      width: 100%;
    }

    .popup {
      position: absolute;
      z-index: 10;
      top: calc(100% + 2px);
      left: 0;
      right: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_raised);
      box-shadow: 0 6px 18px rgb(0 0 0 / 18%);
    }

    .popup[hidden] {
      display: none;
    }

    /* The listbox itself scrolls: it is the combobox's popup, moved through by the arrow keys. */
    [role='listbox'] {
      max-height: 18rem;
      overflow-y: auto;
    }

    .option {
      display: grid;
      grid-template-columns: 1.25rem 1fr auto;
      align-items: baseline;
      gap: 0 0.4rem;
      padding: 0.45rem 0.6rem;
      cursor: pointer;
    }

    .option:hover {
      background: var(--_hover);
    }

    .option.active {
      background: var(--_selected);
      outline: 2px solid var(--_accent);
      outline-offset: -2px;
    }

    .option.disabled {
      cursor: not-allowed;
      color: var(--_muted);
    }

    .option-name {
      overflow-wrap: anywhere;
    }

    .option-meta {
      display: inline-flex;
      gap: 0.4rem;
      font-size: 0.875em;
      color: var(--_muted);
      white-space: nowrap;
    }

    .tag {
      padding: 0 0.35rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .why {
      grid-column: 2 / -1;
      font-size: 0.875em;
    }

    .popup-status {
      margin: 0;
      padding: 0.5rem 0.6rem;
      color: var(--_muted);
    }

    .popup-status.error {
      color: var(--_danger);
    }

    p.error {
      margin: 0.5rem 0 0;
    }

    .audience {
      margin-top: var(--_gap);
      padding: 0.6rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .audience-label {
      display: block;
      font-size: 0.875em;
      color: var(--_muted);
    }

    .sentence {
      margin: 0.15rem 0 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .sentence[aria-busy='true'] {
      font-weight: 400;
      color: var(--_muted);
    }
  `,
];
