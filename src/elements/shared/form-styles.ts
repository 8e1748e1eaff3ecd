import { css } from 'lit';

/** What every element with questions shares: headings, fields, errors, the error summary, buttons' row, status boxes. */
export const formStyles = css`
  .header {
    margin-bottom: var(--_space);
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  h2 {
    font-size: 1.75rem;
  }
  h3 {
    font-size: 1.375rem;
  }
  h4 {
    font-size: 1.125rem;
  }
  .progress {
    color: var(--_muted);
    margin: 0 0 0.25rem;
  }
  .bar {
    height: 0.375rem;
    background: #d9dde3;
    border-radius: 999px;
    overflow: hidden;
    margin-bottom: var(--_space);
  }
  .bar > span {
    display: block;
    height: 100%;
    background: var(--_primary);
  }
  .note {
    color: var(--_muted);
  }
  .field,
  .group,
  .list {
    margin: 0 0 1.5rem;
  }
  /* A long step costs what is on screen: its questions come in runs (see \`chunked\`), and a run
     out of view skips style, layout and paint until it comes near. It stays in the accessibility
     tree, the tab order and find-in-page; the clip margin keeps focus outlines visible. */
  .chunk {
    content-visibility: auto;
    contain-intrinsic-size: auto 100rem;
    overflow-clip-margin: 0.5rem;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0 0 1.5rem;
    min-width: 0;
  }
  fieldset.group,
  fieldset.item {
    border-inline-start: 4px solid #d9dde3;
    padding-inline-start: 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.25rem;
  }
  fieldset.list > legend,
  fieldset.group > legend {
    font-size: 1.125rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .option label {
    display: inline;
    font-weight: 400;
    margin: 0;
    margin-inline-start: 0.5rem;
  }
  .checkbox .option label {
    font-weight: 600;
  }
  .option {
    display: flex;
    align-items: flex-start;
    margin: 0.5rem 0;
  }
  .option input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  .options.inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .hint {
    color: var(--_muted);
    margin-bottom: 0.375rem;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0 0 0.375rem;
  }
  .invalid:not(fieldset.group):not(fieldset.list) {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }
  input:not([type='radio']):not([type='checkbox']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_background);
    width: 100%;
    max-width: 30rem;
    min-height: 2.75rem;
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  textarea {
    max-width: 100%;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  /* Required questions: an asterisk after the label, for the eye only (the control says
     aria-required). Browsers without alternative text for generated content take the first. */
  .required > label::after,
  .required > legend::after,
  .required > .option > label::after {
    content: ' *';
    content: ' *' / '';
    color: var(--_danger);
  }
  .summary {
    border: 4px solid var(--_danger);
    padding: 1rem;
    margin-bottom: 1.5rem;
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: center;
    margin-top: 2rem;
  }
  .status {
    border-inline-start: 4px solid var(--_primary);
    padding: 0.5rem 1rem;
    margin-bottom: 1rem;
  }
  .status.failure {
    border-color: var(--_danger);
  }
  .definition-error {
    border: 4px solid var(--_danger);
    padding: 1rem;
  }
  .definition-error code {
    overflow-wrap: anywhere;
  }
`;
