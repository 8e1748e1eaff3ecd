import { css } from 'lit';

export const styles = css`
  h3.progress {
    font-size: 1rem;
    font-weight: 600;
  }
  .privacy {
    border-inline-start: 4px solid var(--_primary);
    padding: 0.25rem 0 0.25rem 0.75rem;
  }
  details.why {
    margin: -0.75rem 0 1.5rem;
  }
  details.why summary {
    cursor: pointer;
    color: var(--_primary);
    text-decoration: underline;
    width: fit-content;
  }
  details.why p {
    margin: 0.5rem 0 0;
  }
  .basis {
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .verdict {
    border: 4px solid var(--_primary);
    padding: 1rem 1.25rem;
    margin-bottom: 1.5rem;
  }
  .verdict.met {
    border-color: var(--_success);
  }
  .verdict.not-met {
    border-color: var(--_danger);
  }
  .verdict p {
    margin: 0.25rem 0;
  }
  .verdict .headline {
    font-size: 1.25rem;
    font-weight: 700;
  }
  ul.criteria {
    list-style: none;
    padding: 0;
    margin: 0 0 1.5rem;
  }
  ul.criteria > li {
    border-inline-start: 4px solid var(--_primary);
    padding: 0.5rem 0 0.5rem 1rem;
    margin-bottom: 1rem;
  }
  ul.criteria > li.met {
    border-color: var(--_success);
  }
  ul.criteria > li.not-met {
    border-color: var(--_danger);
  }
  ul.criteria p {
    margin: 0.25rem 0;
  }
  .outcome {
    font-weight: 700;
  }
  .met .outcome {
    color: var(--_success);
  }
  .not-met .outcome {
    color: var(--_danger);
  }
  .handoff {
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
    margin-bottom: 1.5rem;
  }
  a.apply {
    display: inline-block;
    margin-top: 0.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    text-decoration: none;
    min-height: 2.75rem;
  }
  a.apply:hover {
    text-decoration: underline;
  }
  @media (forced-colors: active) {
    .verdict,
    ul.criteria > li {
      border-color: CanvasText;
    }
    a.apply {
      border: 2px solid LinkText;
    }
  }
  @media print {
    .actions,
    .handoff,
    .progress,
    .bar,
    details.why,
    [role='status'] {
      display: none !important;
    }
    :host {
      max-width: none;
      color: #000;
      background: #fff;
    }
    ul.criteria > li {
      break-inside: avoid;
    }
  }
`;
