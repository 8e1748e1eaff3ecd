import { css } from 'lit';

/** What only the application has at first render (the pages after the steps bring theirs: `pageStyles`). */
export const styles = css`
  .remember {
    margin-top: 1.5rem;
  }
  @media print {
    .actions,
    .remember,
    .bar {
      display: none;
    }
  }
`;
