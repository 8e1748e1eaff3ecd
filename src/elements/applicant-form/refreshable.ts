import { AsyncDirective, directive } from 'lit/async-directive.js';

/**
 * A piece of the step that can be re-rendered alone: a field (keyed by its pointer) or the error
 * summary. Rendered with the step, and refreshed alone when only it changed (a keystroke, an error
 * appearing or going), so typing costs the same in a form of fifty fields and of five thousand.
 */
class RefreshableDirective extends AsyncDirective {
  #key = '';
  #registry: Map<string, RefreshableDirective> | undefined;
  #draw: (() => unknown) | undefined;

  render(key: string, registry: Map<string, RefreshableDirective>, draw: () => unknown) {
    // lit reuses this piece for another question in the same place (the next step's): the old
    // question's key must no longer reach it, or a late event of the old field (its change on
    // blur, as its input is removed) would re-render this piece in the middle of lit's own update.
    if (this.#key !== key && registry.get(this.#key) === this) registry.delete(this.#key);
    this.#key = key;
    this.#registry = registry;
    this.#draw = draw;
    registry.set(key, this);
    return draw();
  }

  /** Re-renders this piece only. */
  refresh(): void {
    if (this.isConnected && this.#draw) this.setValue(this.#draw());
  }

  protected override disconnected(): void {
    if (this.#registry?.get(this.#key) === this) this.#registry.delete(this.#key);
  }

  protected override reconnected(): void {
    this.#registry?.set(this.#key, this);
  }
}

export const refreshable = directive(RefreshableDirective);
export type Refreshable = RefreshableDirective;
