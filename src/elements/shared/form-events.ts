/** Events `<applicant-form>` and `<quick-check>` share: typed, bubbling, composed. */
import type { DefinitionErrorEvent } from '../applicant-form/events.js';

export interface DataChangeDetail {
  /** JSON pointer of the answer that changed, e.g. `/person/familyName`. */
  pointer: string;
  value: unknown;
  /** `true` for a committed answer (a change), `false` for a keystroke. */
  committed: boolean;
}

/** Fired when the citizen changed an answer (read every answer from the element's `data`). */
export class DataChangeEvent extends CustomEvent<DataChangeDetail> {
  constructor(detail: DataChangeDetail) {
    super('data-change', { bubbles: true, composed: true, detail });
  }
}

/** Fired once the definition, its texts and the validator are loaded and the first page shows. */
export class ReadyEvent extends Event {
  constructor() {
    super('ready', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'data-change': DataChangeEvent;
    ready: ReadyEvent;
  }
}

/**
 * The events of an element that loads a definition, by name, for `addEventListener`: the page's
 * own and the library's (`GlobalEventHandlersEventMap`), with `error` the library's
 * `DefinitionErrorEvent` rather than the DOM's `ErrorEvent`. Types only.
 */
export type DefinitionElementEventMap = Omit<HTMLElementEventMap, 'error'> & {
  error: DefinitionErrorEvent;
};

/** `addEventListener`/`removeEventListener` of such an element, typed by that map (types only). */
export interface DefinitionElementListeners<T> {
  add: {
    <K extends keyof DefinitionElementEventMap>(
      type: K,
      listener: (this: T, event: DefinitionElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void;
    (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void;
  };
  remove: {
    <K extends keyof DefinitionElementEventMap>(
      type: K,
      listener: (this: T, event: DefinitionElementEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions,
    ): void;
    (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ): void;
  };
}
