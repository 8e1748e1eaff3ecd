/**
 * Payments in the vocabulary of XBezahldienste: the online service sends a **payment request**
 * (amount, purpose, return URL) to an ePayment platform, which opens a **transaction** with a pay
 * page; the citizen pays there and comes back; the service then asks the platform for the
 * transaction's status, server to server, and records the **transaction reference** (e.g. the
 * Kassenzeichen). The return URL carries only our opaque payment id: it is never proof of payment.
 *
 * A platform is plugged in as a `PaymentProvider` (docs/payments.md says how to write one for
 * ePayBL or pmPayment). `TestProvider` is the reference server's own test mode.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type PaymentStatus = 'pending' | 'paid' | 'cancelled' | 'failed';

/** What the service asks the platform for. */
export interface PaymentRequest {
  /** Our payment id (opaque); the platform may echo it as the service's own reference. */
  paymentId: string;
  /** Cents. */
  amount: number;
  currency: string;
  /** What the citizen pays for, as shown on the pay page and the statement. */
  purpose: string;
  /** Where the platform sends the citizen back (carries only `ozg-payment=<paymentId>`). */
  returnUrl: string;
  /** The citizen's language for the pay page. */
  locale: string;
}

export interface Transaction {
  /** The platform's id of the transaction. */
  transactionId: string;
  /** The platform's pay page, where the citizen is sent. */
  payPageUrl: string;
}

export interface TransactionStatus {
  status: PaymentStatus;
  /** Cents the platform says were paid (checked against the request). */
  amount?: number;
  /** E.g. the Kassenzeichen, once paid. */
  transactionReference?: string;
}

/** One ePayment platform. Calls are server to server; the citizen's browser never talks to these. */
export interface PaymentProvider {
  readonly id: string;
  /** Origins of the pay pages (none: the endpoint's own); give them to the element's `provider-origins`. */
  readonly origins: string[];
  createTransaction(request: PaymentRequest): Promise<Transaction>;
  transactionStatus(transactionId: string): Promise<TransactionStatus>;
}

interface TestTransaction {
  request: PaymentRequest;
  status: PaymentStatus;
  reference?: string;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The test provider, like a payment service provider's test mode: its pay page (clearly labelled,
 * no money moves) offers "Bezahlen", "Abbrechen" and "Fehler", records the outcome, and sends the
 * citizen back. Transactions live in memory: a restart forgets open ones (the service's own record
 * of a payment it saw succeed stays in the store).
 */
export class TestProvider implements PaymentProvider {
  readonly id = 'test';
  readonly #transactions = new Map<string, TestTransaction>();
  readonly #counter = { value: 0 };

  constructor(
    /** Where the pay page is served; default: on the reference server itself (a relative URL). */
    readonly baseUrl = '',
  ) {}

  /** Empty: the pay page is on the endpoint's own origin. */
  get origins(): string[] {
    return this.baseUrl ? [new URL(this.baseUrl).origin] : [];
  }

  createTransaction(request: PaymentRequest): Promise<Transaction> {
    const transactionId = `T${randomBytes(12).toString('hex')}`;
    this.#transactions.set(transactionId, { request, status: 'pending' });
    return Promise.resolve({
      transactionId,
      payPageUrl: `${this.baseUrl}/test-provider/pay/${transactionId}`,
    });
  }

  transactionStatus(transactionId: string): Promise<TransactionStatus> {
    const tx = this.#transactions.get(transactionId);
    if (!tx) return Promise.resolve({ status: 'pending' });
    return Promise.resolve({
      status: tx.status,
      amount: tx.request.amount,
      ...(tx.reference ? { transactionReference: tx.reference } : {}),
    });
  }

  /** The pay page (HTML without script: it works under the strict CSP). */
  payPage(transactionId: string): string | undefined {
    const tx = this.#transactions.get(transactionId);
    if (!tx) return undefined;
    const { request } = tx;
    const en = request.locale.startsWith('en');
    const amount = new Intl.NumberFormat(en ? 'en-GB' : 'de-DE', {
      style: 'currency',
      currency: request.currency,
    }).format(request.amount / 100);
    const t = en
      ? {
          title: 'Test payment provider',
          mode: 'TEST MODE — no money is moved. This page stands in for an ePayment platform such as ePayBL or pmPayment.',
          purpose: 'Purpose',
          amount: 'Amount',
          pay: 'Pay',
          cancel: 'Cancel',
          fail: 'Simulate an error',
          done: 'This payment is finished',
          receipt: 'Transaction reference (keep it: it finishes your application)',
        }
      : {
          title: 'Test-Zahlungsanbieter',
          mode: 'TESTMODUS – es wird kein Geld bewegt. Diese Seite steht für eine ePayment-Plattform wie ePayBL oder pmPayment.',
          purpose: 'Verwendungszweck',
          amount: 'Betrag',
          pay: 'Bezahlen',
          cancel: 'Abbrechen',
          fail: 'Fehler simulieren',
          done: 'Diese Zahlung ist abgeschlossen',
          receipt: 'Kassenzeichen (bitte aufbewahren: damit schließen Sie Ihren Antrag ab)',
        };
    const open = tx.status === 'pending';
    return `<!doctype html>
<html lang="${en ? 'en' : 'de'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title><link rel="stylesheet" href="/demo/demo.css"></head>
<body><main>
<h1>${t.title}</h1>
<p class="test-mode"><strong>${t.mode}</strong></p>
<dl><dt>${t.purpose}</dt><dd>${escape(request.purpose)}</dd><dt>${t.amount}</dt><dd>${amount}</dd></dl>
${
  open
    ? `<form method="post" action="/test-provider/pay/${transactionId}">
<button name="outcome" value="paid">${t.pay}</button>
<button name="outcome" value="cancelled">${t.cancel}</button>
<button name="outcome" value="failed">${t.fail}</button>
</form>`
    : `<p>${t.done}.</p>${
        tx.reference
          ? `<dl class="receipt"><dt>${t.receipt}</dt><dd>${escape(tx.reference)}</dd></dl>`
          : ''
      }`
}
</main></body></html>`;
  }

  /** Records the citizen's choice on the pay page; returns where to send them back. */
  complete(transactionId: string, outcome: string): string | undefined {
    const tx = this.#transactions.get(transactionId);
    if (!tx) return undefined;
    if (
      tx.status === 'pending' &&
      (outcome === 'paid' || outcome === 'cancelled' || outcome === 'failed')
    ) {
      tx.status = outcome;
      if (outcome === 'paid') {
        this.#counter.value++;
        tx.reference = `KZ-TEST-${new Date().getUTCFullYear()}-${String(this.#counter.value).padStart(6, '0')}`;
      }
    }
    return tx.request.returnUrl;
  }
}

/** A new opaque payment id (unguessable: it is all a return URL carries). */
export function newPaymentId(): string {
  return `pay_${randomUUID().replace(/-/g, '')}`;
}
