/** The events of `<payment-step>`: typed, bubbling, composed. */
const init = { bubbles: true, composed: true } as const;

export interface PaymentCreatedDetail {
  /** The opaque payment id (what the return URL will carry). */
  id: string;
  /** The provider's pay page the citizen is about to be sent to. */
  redirectUrl: string;
  /** Cents. */
  amount: number;
  currency: string;
}

/**
 * Fired when the endpoint created the payment, just before the citizen is sent to the provider:
 * save whatever must survive the round trip now (`<applicant-form>` saves its draft). What is
 * saved asynchronously is handed to `waitUntil()`: the redirect waits for it (at most 3 s).
 */
export class PaymentCreatedEvent extends CustomEvent<PaymentCreatedDetail> {
  #pending: Promise<unknown>[] = [];

  constructor(detail: PaymentCreatedDetail) {
    super('payment-created', { ...init, detail });
  }

  /** Holds the redirect until `promise` settles (e.g. the encrypted draft kept on the device). */
  waitUntil(promise: Promise<unknown>): void {
    this.#pending.push(promise);
  }

  /** Resolves once every promise given to `waitUntil` has settled, or after `timeoutMs`. */
  settled(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void Promise.allSettled(this.#pending).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export interface PaymentCompleteDetail {
  id: string;
  amount: number;
  currency: string;
  /** The platform's reference, e.g. the Kassenzeichen. */
  transactionReference: string | undefined;
}

/** Fired when the endpoint confirms, server to server, that the payment succeeded. */
export class PaymentCompleteEvent extends CustomEvent<PaymentCompleteDetail> {
  constructor(detail: PaymentCompleteDetail) {
    super('payment-complete', { ...init, detail });
  }
}

export interface PaymentFailedDetail {
  /** Absent when no payment could be created. */
  id: string | undefined;
  /** `cancelled` or `failed` as the provider reports it; `error` when the endpoint could not be reached or refused. */
  status: 'cancelled' | 'failed' | 'error';
}

/** Fired when the payment was cancelled, failed, or could not be started or checked. */
export class PaymentFailedEvent extends CustomEvent<PaymentFailedDetail> {
  constructor(detail: PaymentFailedDetail) {
    super('payment-failed', { ...init, detail });
  }
}

/** Fired when the citizen chooses to pay later (only where the definition's policy allows it). */
export class PaymentLaterEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('payment-later', { ...init, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'payment-created': PaymentCreatedEvent;
    'payment-complete': PaymentCompleteEvent;
    'payment-failed': PaymentFailedEvent;
    'payment-later': PaymentLaterEvent;
  }
}
