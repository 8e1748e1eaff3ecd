import { css, type CSSResult } from 'lit';

/**
 * Adds `styles` to a shadow root after its own, once: code loaded later (the pages after the steps,
 * the language switch, the KERN look) brings its styles along.
 */
export function addStyles(root: ShadowRoot | null, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * Public tokens (`--ozg-*`) with our own values, mapped onto the private `--_*` properties used
 * inside. On a page with KERN (the public sector's design system) the KERN look (`kern-look.ts`,
 * loaded only there) maps them onto KERN's tokens instead.
 */
export const tokens = css`
  :host {
    --_font: var(--ozg-font-family, system-ui, sans-serif);
    --_text: var(--ozg-color-text, #1a1a1a);
    --_muted: var(--ozg-color-text-muted, #4a4f55);
    --_background: var(--ozg-color-background, #ffffff);
    --_primary: var(--ozg-color-primary, #0b4f8a);
    --_on-primary: var(--ozg-color-on-primary, #ffffff);
    --_danger: var(--ozg-color-danger, #b00020);
    --_success: var(--ozg-color-success, #1b6b2f);
    --_border: var(--ozg-color-border, #5a6069);
    --_focus: var(--ozg-color-focus, #0b4f8a);
    --_radius: var(--ozg-radius, 4px);
    --_space: var(--ozg-space, 1rem);
    --_max-width: var(--ozg-max-width, 44rem);
  }
`;

export const base = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_background);
    line-height: 1.5;
    font-size: 1rem;
    max-width: var(--_max-width);
  }
  :host([hidden]) {
    display: none;
  }
  /* Written as its language is: right to left in Arabic and Persian, also when only the element
     (not the page) is in that language; a dir attribute on the element wins. Layout uses logical
     properties only (inline-start/end), so everything mirrors with it. */
  :host(:not([dir])) {
    direction: ltr;
  }
  :host(:is(:lang(ar), :lang(fa)):not([dir])) {
    direction: rtl;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  button {
    font: inherit;
    cursor: pointer;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
  }
  button.link {
    min-height: auto;
    padding: 0;
    border: none;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    font-weight: 400;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
