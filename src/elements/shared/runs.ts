import { nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';

/** How long a slice renders runs, in milliseconds: about a frame. */
const SLICE_MS = 16;

/**
 * A long step's later runs of questions, rendered right after the first paint: the first runs
 * (about two phone screens) render with the step, the rest in order, in tasks of about a frame
 * each (a keystroke or a frame in between waits no longer than that). Idle callbacks would wait
 * for idle time that a page still settling rarely has: the step took longer to complete. Until the last is in, the step says it is busy (`aria-busy`), so a screen
 * reader does not meet it half built; `flush()` renders every run at once (the error summary and
 * focus need their question in the DOM). One queue per element.
 */
export class RunQueue {
  #pending: DeferredRun[] = [];
  #scheduled = false;
  #settled: (() => void)[] = [];

  /** `done`: called when the last pending run is in. */
  constructor(private readonly done: () => void) {}

  /** Whether runs are still to come. */
  get busy(): boolean {
    return this.#pending.length > 0;
  }

  add(run: DeferredRun): void {
    this.#pending.push(run);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setTimeout(this.#slice);
    }
  }

  remove(run: DeferredRun): void {
    const i = this.#pending.indexOf(run);
    if (i >= 0) this.#pending.splice(i, 1);
    if (i >= 0 && this.#pending.length === 0) this.#done();
  }

  /** Renders every run still pending, now. */
  flush(): void {
    while (this.#pending.length > 0) this.#pending.shift()!.show();
    this.#done();
  }

  /** Resolves when no run is pending (at once when none is). */
  settled(): Promise<void> {
    return this.#pending.length === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.#settled.push(resolve));
  }

  #slice = (): void => {
    this.#scheduled = false;
    const until = performance.now() + SLICE_MS;
    do this.#pending.shift()?.show();
    while (this.#pending.length > 0 && performance.now() < until);
    if (this.#pending.length > 0) {
      this.#scheduled = true;
      setTimeout(this.#slice);
    } else this.#done();
  };

  #done(): void {
    this.done();
    for (const resolve of this.#settled.splice(0)) resolve();
  }
}

class DeferredRun extends AsyncDirective {
  #items: unknown;
  #queue: RunQueue | undefined;
  #queued = false;
  #shown = false;

  render(items: unknown, queue: RunQueue): unknown {
    this.#items = items;
    if (this.#shown) return items;
    this.#queue = queue;
    this.#enqueue();
    return nothing;
  }

  show(): void {
    this.#queued = false;
    this.#shown = true;
    if (this.isConnected) this.setValue(this.#items);
  }

  #enqueue(): void {
    if (this.#queued || !this.#queue) return;
    this.#queued = true;
    this.#queue.add(this);
  }

  protected override disconnected(): void {
    if (this.#queued) this.#queue?.remove(this);
    this.#queued = false;
  }

  protected override reconnected(): void {
    if (!this.#shown) this.#enqueue();
  }
}

/** A run rendered by `queue` after the first paint (see `RunQueue`). */
export const deferredRun = directive(DeferredRun);
