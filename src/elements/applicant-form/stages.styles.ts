import { css } from 'lit';

/**
 * The pages after the steps (review, outcome, hand-off): adopted into the form's shadow root when
 * their code loads, so they cost nothing before the first render.
 */
export const pageStyles = css`
  .review section {
    margin-bottom: 1.5rem;
  }
  .review dl {
    margin: 0;
  }
  .review .group-heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 1rem;
    border-bottom: 2px solid var(--_border);
  }
  .review .group-heading h4 {
    margin: 0.5rem 0;
  }
  .review .row {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    gap: 0.25rem 1rem;
    padding: 0.375rem 0;
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
    padding-inline-start: 1rem;
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
  .link-copy {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    padding: 0.5rem;
  }
  .qr {
    display: block;
    inline-size: 12rem;
    block-size: 12rem;
  }
  a.button {
    display: inline-block;
    padding: 0.6rem 1.25rem;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .shared {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: 1rem;
  }
  @media (max-width: 30rem) {
    .review .row {
      grid-template-columns: 1fr;
      gap: 0;
      padding: 0.25rem 0;
    }
    .review dt {
      font-size: 0.875rem;
      color: var(--_muted);
    }
  }
`;
