import { css } from 'lit';

/** The impact, preview and "Check a customer" panels under a filter segment's rules. */
export const insightStyles = css`
  .insight {
    display: grid;
    gap: var(--_gap);
    min-width: 0;
    border-top: 1px solid var(--_track);
    padding-top: var(--_gap);
  }

  /* Grid and flex items may shrink below their tables: the tables scroll inside them instead. */
  .insight > *,
  .impact > * {
    min-width: 0;
  }

  .insight h3 {
    margin: 0 0 0.3rem;
    font-size: 1em;
  }

  .impact {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.3rem 0.5rem;
  }

  .impact-label {
    color: var(--_muted);
  }

  .impact-list {
    flex-basis: 100%;
    min-width: 0;
  }

  button.link {
    border: none;
    background: none;
    padding: 0.15rem 0.1rem;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }

  button.link:disabled {
    color: var(--_muted);
    text-decoration: none;
    cursor: default;
  }

  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }

  .scroll:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  table.customers {
    border-collapse: collapse;
    min-width: 100%;
    font-size: 0.92em;
  }

  table.customers th,
  table.customers td {
    text-align: start;
    padding: 0.3rem 0.6rem 0.3rem 0;
    border-bottom: 1px solid var(--_track);
    white-space: nowrap;
  }

  table.customers .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .check input[type='search'] {
    width: 100%;
    max-width: 24rem;
    box-sizing: border-box;
  }

  .found {
    list-style: none;
    margin: 0.3rem 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.8rem;
  }

  .explanation ul {
    margin: 0.2rem 0;
    padding-inline-start: 1.2rem;
  }

  .explanation li {
    overflow-wrap: anywhere;
  }

  .verdict {
    margin: 0.4rem 0 0.2rem;
    font-weight: 600;
  }

  .mark.yes,
  .verdict.in {
    color: var(--_success);
  }

  .mark.no,
  .verdict.out {
    color: var(--_danger);
  }
`;
