/**
 * Announcing and moving focus, once for every element: a polite live region that says a text
 * again even when it is the same words, and focus moved after the render that shows its target.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** A polite live region: `announce(text)`, and `render()` where the region belongs. */
export class Announcer implements ReactiveController {
  #text = '';

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Says `text` (cleared first, so the same words are announced again). */
  announce(text: string): void {
    this.#text = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      this.#text = text;
      this.host.requestUpdate();
    });
  }

  render() {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.#text}</div>`;
  }
}

/** Moves focus after the next render (to what that render shows). */
export class FocusController implements ReactiveController {
  #after: (() => void) | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostUpdated(): void {
    const focus = this.#after;
    this.#after = undefined;
    focus?.();
  }

  /** After the next render, focus what `target` finds (a selector, or a function that focuses). */
  after(target: string | (() => void)): void {
    this.#after = typeof target === 'string' ? () => this.focus(target) : target;
    this.host.requestUpdate();
  }

  /** Focuses the first match of `selector` and brings it into view. */
  focus(selector: string, block: ScrollLogicalPosition = 'nearest'): HTMLElement | undefined {
    const target = this.host.renderRoot.querySelector<HTMLElement>(selector) ?? undefined;
    target?.focus();
    target?.scrollIntoView?.({ block });
    return target;
  }

  /** Focuses the control of the field at `id` (itself, or its first control inside). */
  focusControl(id: string, block?: ScrollLogicalPosition): boolean {
    const container = this.host.renderRoot.querySelector<HTMLElement>(`#${id}`);
    if (!container) return false;
    const target = container.matches('input, select, textarea')
      ? container
      : container.querySelector<HTMLElement>('input, select, textarea, button');
    target?.focus();
    if (block) container.scrollIntoView?.({ block });
    return true;
  }
}
