import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.ts';
import { insightStyles } from './segment-form.insight.styles.ts';

export const segmentFormStyles = [
  tokenStyles,
  css`
    form {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: calc(var(--_gap) * 1.25);
      min-width: 0;
    }

    h2 {
      margin: 0;
      font-size: 1.25em;
    }

    .field {
      display: grid;
      gap: 0.3rem;
      min-width: 0;
      max-width: 36rem;
    }

    label {
      font-weight: 600;
    }

    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1.25rem;
    }

    legend {
      font-weight: 600;
      padding: 0;
      margin-bottom: 0.3rem;
      width: 100%;
    }

    .radio {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-weight: normal;
    }

    fieldset .hint {
      flex-basis: 100%;
    }

    .hint {
      color: var(--_muted);
      font-size: 0.875em;
    }

    .error {
      margin: 0;
      font-size: 0.9em;
    }

    /* A field's message line is kept even when empty: a message appearing moves nothing. */
    .message {
      min-height: 1.4em;
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

    .note,
    .csv-current p {
      margin: 0;
    }

    /* The current file, the Contacts choices and the file picker, spaced like the form's fields. */
    .csv-current:not([hidden]) {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: calc(var(--_gap) * 1.25);
    }

    [hidden] {
      display: none !important;
    }

    csv-mapper,
    filter-builder {
      min-width: 0;
      max-width: 100%;
    }

    .progress {
      display: grid;
      gap: 0.3rem;
      max-width: 36rem;
    }

    progress {
      width: 100%;
      height: 0.6rem;
      accent-color: var(--_accent);
    }

    .error-box {
      padding: var(--_gap);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      color: var(--_danger);
    }

    .error-box p,
    .error-box ul {
      margin: 0 0 0.4rem;
    }

    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_gap);
    }
  `,
  insightStyles,
];
