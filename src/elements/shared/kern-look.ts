import { css } from 'lit';

/**
 * The KERN look: on a page with KERN (the German public sector's design system,
 * `@kern-ux/native`) the elements' questions, buttons and errors look like KERN's own form
 * components. Adopted by every element after its own styles, and loaded only on such a page (see
 * `LanguageController`), so no other page pays for it.
 *
 * It reads KERN's tokens, the `-contextual` ones where KERN's components do, so a `kern-level-*`
 * layer or a dark context (`.kern-dark`, `data-kern-theme`, `prefers-color-scheme`) around the
 * element carries over as it does for KERN's own. The public `--ozg-*` tokens still win over
 * KERN's. KERN's CSS is not copied: token names only, with our own fallbacks.
 */
export const kernLook = css`
  :host {
    --_font: var(
      --ozg-font-family,
      var(--kern-typography-font-family-default, system-ui, sans-serif)
    );
    --_text: var(--ozg-color-text, var(--kern-color-layout-text-default-contextual, #131525));
    --_muted: var(--ozg-color-text-muted, var(--kern-color-layout-text-muted-contextual, #51577a));
    --_background: var(
      --ozg-color-background,
      var(--kern-color-layout-background-default-contextual, #ffffff)
    );
    --_primary: var(--ozg-color-primary, var(--kern-color-action-default-contextual, #2044aa));
    --_on-primary: var(
      --ozg-color-on-primary,
      var(--kern-color-action-on-default-contextual, #ffffff)
    );
    --_danger: var(--ozg-color-danger, var(--kern-color-feedback-danger-contextual, #c31c13));
    --_success: var(--ozg-color-success, var(--kern-color-feedback-success-contextual, #1b6b2f));
    --_border: var(--ozg-color-border, var(--kern-color-form-input-border-contextual, #1d2034));
    --_focus: var(--ozg-color-focus, var(--kern-color-action-focus-default-contextual, #454b6b));
    --_radius: var(--ozg-radius, var(--kern-metric-border-radius-default, 4px));
    --_space: var(--ozg-space, var(--kern-metric-space-default, 1rem));
    --_surface: var(--kern-color-layout-layer-surface-contextual, #f3f4f7);
    --_danger-background: var(--kern-color-feedback-danger-background-contextual, #fee4e0);
    --_line: var(--kern-color-decorative-border-contextual, #d9dde3);
    --_control-height: var(--kern-metric-dimension-x-large, 3rem);
    --_check-size: var(--kern-metric-dimension-large, 2rem);
    --_border-width: var(--kern-metric-border-width-default, 2px);
    --_bold-width: var(--kern-metric-border-width-bold, 4px);
    font-size: var(--kern-typography-font-size-medium-static, 1.125rem);
    line-height: var(--kern-typography-line-height-medium-static, 1.5rem);
  }
  :focus-visible {
    outline-width: var(--_bold-width);
  }

  /* Text, number, date, select, textarea: a surface with a line below, 48 px high. */
  :is(input:not([type='radio']):not([type='checkbox']), select, textarea) {
    background: var(--_surface);
    border: 0;
    border-bottom: var(--_border-width) solid var(--_border);
    border-radius: var(--kern-metric-border-radius-small, 2px);
    min-height: var(--_control-height);
    padding: 0 var(--_space);
  }
  textarea {
    min-height: 6rem;
    padding-block: 0.5rem;
  }
  :is(input:not([type='radio']):not([type='checkbox']), select, textarea):hover {
    border-bottom-width: var(--_bold-width);
  }
  :is(input:not([type='radio']):not([type='checkbox']), select, textarea):focus-visible {
    outline-offset: 0;
  }
  :is(input:not([type='radio']):not([type='checkbox']), select, textarea)[aria-invalid='true'] {
    border-bottom-color: var(--_danger);
    background: var(--_danger-background);
  }
  :is(
      input:not([type='radio']):not([type='checkbox']),
      select,
      textarea
    )[aria-invalid='true']:focus-visible {
    outline-color: var(--_danger);
  }

  /* Radios and checkboxes: 32 px, drawn as KERN draws them (the mark in the border's colour). */
  .option input {
    appearance: none;
    display: grid;
    place-content: center;
    width: var(--_check-size);
    height: var(--_check-size);
    background: var(--_surface);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--kern-metric-border-radius-small, 2px);
  }
  .option input[type='radio'] {
    border-radius: 100%;
  }
  .option input:hover {
    border-width: var(--_bold-width);
  }
  .option input:focus-visible {
    outline-offset: 0;
    border-width: 0;
  }
  .option input[type='radio']:checked::before {
    content: '';
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: currentColor;
  }
  .option input[type='checkbox']:checked::before {
    content: '';
    width: 0.5rem;
    height: 1rem;
    margin-top: -0.25rem;
    border: solid currentColor;
    border-width: 0 var(--_border-width) var(--_border-width) 0;
    transform: rotate(47deg);
  }
  .option input {
    color: var(--_border);
  }
  .option input[aria-invalid='true'] {
    color: var(--_danger);
    border-color: var(--_danger);
    background: var(--_danger-background);
  }
  .option label {
    padding-top: 0.25rem;
    margin-inline-start: var(--_space);
  }

  /* Labels and hints as KERN's: the hint in the text's colour. */
  label,
  legend {
    padding: 0.375rem 0 0.125rem;
    margin-bottom: 0.5rem;
  }
  .option label {
    margin-bottom: 0;
  }
  .hint {
    color: var(--_text);
    margin-bottom: 0.5rem;
  }

  /* An error: the bar beside the question, the message below it, in the text's colour after a
     danger sign. */
  .field,
  fieldset {
    display: flex;
    flex-direction: column;
  }
  .field > button.link {
    align-self: flex-start;
  }
  .error {
    order: 5;
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    color: var(--_text);
    font-weight: 400;
    margin: 0.5rem 0 0;
  }
  .error::before {
    content: '!';
    content: '!' / '';
    flex: none;
    display: grid;
    place-content: center;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    background: var(--_danger);
    color: var(--_background);
    font-weight: 700;
  }
  .invalid:not(fieldset.group):not(fieldset.list) {
    border-inline-start-width: var(--_bold-width);
    padding-inline-start: var(--_space);
  }
  .summary {
    border-width: var(--_border-width);
    border-radius: var(--_radius);
    background: var(--_danger-background);
  }

  /* Buttons: 48 px, the label 18 px. */
  button {
    min-height: var(--_control-height);
    padding: 0 var(--_space);
    border: 0;
  }
  button.secondary {
    border: var(--kern-metric-border-width-light, 1px) solid var(--_primary);
  }
  button.link {
    min-height: auto;
    padding: 0;
  }

  .bar,
  fieldset.group,
  fieldset.item {
    border-color: var(--_line);
  }
  .bar {
    background: var(--_line);
  }

  @media (forced-colors: active) {
    /* The system draws radios and checkboxes (a drawn mark would be painted over). */
    .option input {
      appearance: auto;
    }
    button {
      border: 2px solid ButtonText;
    }
  }
`;
