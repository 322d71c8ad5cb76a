import { css } from 'lit';

/**
 * What every element shares: the `--us-*` custom properties read once into private `--_*` names
 * with their defaults, so a host themes all of them from one place.
 */
export const hostTokens = css`
  :host {
    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    font-family: var(--us-font-family, system-ui, sans-serif);
    color: var(--us-color-text, #1f2328);
    --_gap: var(--us-spacing, 0.75rem);
    --_radius: var(--us-radius, 6px);
    --_border: var(--us-color-border, #8c959f);
    --_accent: var(--us-color-accent, #0b5cad);
    --_accent-contrast: var(--us-color-accent-contrast, #fff);
    --_danger: var(--us-color-danger, #b42318);
    --_danger-contrast: var(--us-color-danger-contrast, #fff);
    --_success: var(--us-color-success, #1a7f37);
    --_muted: var(--us-color-muted, #57606a);
    --_surface: var(--us-color-surface, #fff);
    --_raised: var(--us-color-surface-raised, var(--_surface));
    --_hover: var(--us-color-hover, #f3f4f6);
    --_selected: var(--us-color-selected, #ddf4ff);
    --_button: var(--us-color-button, #f6f8fa);
    --_track: var(--us-color-track, #d0d7de);
    --_focus: var(--us-focus-ring, 2px solid var(--_accent));
    /* The line of the list's sparklines and the members view's chart. */
    --_trend: var(--us-color-trend, var(--_accent));
    /* Radios, checkboxes and progress bars in the theme's accent, not the browser's blue. */
    accent-color: var(--_accent);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* Read by screen readers, not shown: live announcements and labels that the layout implies. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * The page-level elements (`<segment-list>`, `<segment-form>`, `<user-segments>`): the tokens
 * and the look of their native controls.
 */
export const tokenStyles = [
  hostTokens,
  css`
    button,
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
    }

    button {
      padding: 0.45em 0.95em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_button);
      cursor: pointer;
    }

    button.primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_accent-contrast);
    }

    button.danger {
      background: var(--_danger);
      border-color: var(--_danger);
      color: var(--_danger-contrast);
    }

    button:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }

    input[type='text'],
    input[type='search'],
    input:not([type]),
    select {
      padding: 0.45em 0.6em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      min-width: 0;
    }

    :focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }

    .error {
      color: var(--_danger);
    }

    .muted {
      color: var(--_muted);
    }
  `,
];
