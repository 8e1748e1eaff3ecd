import { css } from 'lit';

/** What only the application has: the review, the confirmation, the remember choice. */
export const styles = css`
  .remember {
    margin-top: 1.5rem;
  }
  .review section {
    margin-bottom: 1.5rem;
  }
  .review dl {
    margin: 0;
  }
  .review .row {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    gap: 0.5rem 1rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid #d9dde3;
  }
  .review dt {
    font-weight: 600;
  }
  .review .row.wide dt {
    grid-column: 1 / -1;
    font-weight: 400;
  }
  .review dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .review .nested dt {
    padding-left: 1rem;
  }
  .confirmation {
    border: 4px solid var(--_success);
    padding: 1rem 1.25rem;
  }
  .reference {
    font-size: 1.5rem;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  @media (max-width: 30rem) {
    .review .row {
      grid-template-columns: 1fr;
    }
  }
  @media print {
    .actions,
    .remember,
    .bar {
      display: none;
    }
  }
`;
