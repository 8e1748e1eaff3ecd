/** The events of `<quick-check>`: typed, bubbling, composed. */
import type { QuickCheckResult } from '../../core/quick-check.js';

const init = { bubbles: true, composed: true } as const;

export interface QuickCheckCompleteDetail {
  /** The verdict, each criterion's outcome (and from when an unmet one will be met), the day and the legal state. */
  result: QuickCheckResult;
  /** The answers that applied. */
  answers: Record<string, unknown>;
}

/** Fired when the citizen has answered every question and sees the result. */
export class QuickCheckCompleteEvent extends CustomEvent<QuickCheckCompleteDetail> {
  constructor(detail: QuickCheckCompleteDetail) {
    super('quick-check-complete', { ...init, detail });
  }
}

export interface PrefillChangeDetail {
  /** Whether the citizen agreed to carry the answers over into the application. */
  consent: boolean;
  /** The application's data to prefill; only present with consent. */
  data?: Record<string, unknown>;
}

/** Fired when the citizen gives or withdraws consent to carry the answers over. */
export class PrefillChangeEvent extends CustomEvent<PrefillChangeDetail> {
  constructor(detail: PrefillChangeDetail) {
    super('prefill-change', { ...init, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'quick-check-complete': QuickCheckCompleteEvent;
    'prefill-change': PrefillChangeEvent;
  }
}
