import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { DefinitionElementListeners } from '../shared/form-events.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { computeFees, paysOnline, type FeeSummary } from '../../core/fees.js';
import type { Translations } from '../../core/texts.js';
import type { Definition } from '../../core/types.js';
import { DefinitionController } from '../shared/definition-controller.js';
import { formStyles } from '../shared/form-styles.js';
import { loadDefinition, type LoadedDefinition } from '../shared/loader.js';
import { base, tokens } from '../shared/styles.js';
import {
  forgetReturnParam,
  isPaymentId,
  RETURN_PARAM,
  returnedPayment,
} from '../shared/return-param.js';
import {
  PaymentCompleteEvent,
  PaymentCreatedEvent,
  PaymentFailedEvent,
  PaymentLaterEvent,
} from './events.js';
import { intlLocale } from '../../core/locale.js';

type Phase =
  | 'loading'
  | 'summary'
  | 'creating'
  | 'redirecting'
  | 'checking'
  | 'pending'
  | 'paid'
  | 'cancelled'
  | 'failed'
  | 'error';

interface PaymentView {
  id: string;
  status: 'pending' | 'paid' | 'cancelled' | 'failed';
  amount: number;
  currency: string;
  redirectUrl?: string;
  transactionReference?: string;
}

export { RETURN_PARAM };
/** Polite polling while a returned payment is still being confirmed: 2, 4, 8, 15, 15 s. */
const POLL_DELAYS = [2000, 4000, 8000, 15000, 15000];

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

// Types only: a listener gets the element's events by name (`error`: `DefinitionErrorEvent`), as
// the DOM's own elements declare theirs.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface PaymentStep {
  addEventListener: DefinitionElementListeners<PaymentStep>['add'];
  removeEventListener: DefinitionElementListeners<PaymentStep>['remove'];
}

/**
 * The fee: computed from the definition and the answers, itemised, and paid through an ePayment
 * platform's redirect. The element asks its endpoint to create the payment (with an idempotency
 * key), sends the citizen to the provider's pay page (allow-listed origins only), and on return asks
 * the endpoint for the verified status — the return URL is never taken as proof of payment.
 *
 * @summary The fee, itemised and paid through a provider's redirect, verified with the server.
 *
 * @fires payment-created - `PaymentCreatedEvent`: the payment exists; the citizen is sent to the pay page next, once what listeners hand to `event.waitUntil(promise)` is done (at most 3 s). `detail: { id, redirectUrl, amount, currency }`.
 * @fires payment-complete - `PaymentCompleteEvent`: the endpoint confirmed the payment. `detail: { id, amount, currency, transactionReference }`.
 * @fires payment-failed - `PaymentFailedEvent`: cancelled, failed, or not possible. `detail: { id, status }`.
 * @fires payment-later - `PaymentLaterEvent`: the citizen pays later (where the policy allows it).
 * @fires error - `DefinitionErrorEvent` (does not bubble): the definition could not be loaded or is not valid.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The step's heading.
 * @csspart fees - The table of fees.
 * @csspart total - The total row.
 * @csspart status - The payment's status (checking, pending, paid, cancelled, failed).
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 *
 * @cssprop --ozg-color-primary - Buttons and links.
 * @cssprop --ozg-color-danger - Failed payments.
 * @cssprop --ozg-color-success - Paid.
 * @cssprop --ozg-font-family - Font.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above: types only
export class PaymentStep extends LitElement {
  /** Marks the library's own element (see `registerComposed`), also under another tag name. */
  static readonly ozg = 'payment-step';

  static override styles = [
    tokens,
    base,
    formStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        margin-bottom: 1rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.5rem 0.5rem 0.5rem 0;
        border-bottom: 1px solid #d9dde3;
        vertical-align: top;
      }
      td.amount,
      th.amount {
        text-align: end;
        white-space: nowrap;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-bottom: none;
      }
      .basis {
        display: block;
        color: var(--_muted);
        font-size: 0.9375rem;
        font-weight: 400;
      }
      .status.paid {
        border-color: var(--_success);
      }
      .status.failed,
      .status.cancelled,
      .status.error {
        border-color: var(--_danger);
      }
    `,
  ];

  static override properties = {
    endpoint: { type: String },
    definition: {},
    validator: { type: String },
    data: { attribute: false },
    documents: { attribute: false },
    returnUrl: { type: String, attribute: 'return-url' },
    providerOrigins: { type: String, attribute: 'provider-origins' },
    paymentId: { type: String, attribute: 'payment-id' },
    amount: { type: Number },
    currency: { type: String },
    purpose: { type: String },
    headers: { attribute: false },
    translations: { attribute: false },
    _phase: { state: true },
    _payment: { state: true },
    _message: { state: true },
  };

  /** Where payments are created (`POST`) and their status asked (`GET <endpoint>/<id>`). */
  declare endpoint: string | undefined;
  /** The service: a built-in id, a definition URL, or (as a property) a definition object. */
  declare definition: string | Definition | undefined;
  /** A precompiled validator module for a definition that is not built in (strict CSP). */
  declare validator: string | undefined;
  /** The application's answers the fees are computed from. */
  declare data: Record<string, unknown>;
  /**
   * The application's documents, as `<applicant-form>` sends them (`{ [documentId]: files }`).
   * With them the application is complete, and the endpoint holds it with the payment: it can be
   * sent even when the citizen closes the tab on the provider's page.
   */
  declare documents: Record<string, unknown> | undefined;
  /** Where the provider sends the citizen back; default: this page. */
  declare returnUrl: string | undefined;
  /** Space-separated origins of the provider's pay pages; default: the endpoint's origin only. */
  declare providerOrigins: string | undefined;
  /** A payment to check on (set on return from the provider, or when a saved application resumes). */
  declare paymentId: string | undefined;
  /** Without a definition: the amount in cents, given directly (the endpoint decides what it accepts). */
  declare amount: number | undefined;
  /** With `amount`: ISO 4217 currency; default `EUR`. */
  declare currency: string;
  /** With `amount`: what the citizen pays for, as the table and the pay page show it. */
  declare purpose: string | undefined;
  /** Extra request headers (e.g. a CSRF token). */
  declare headers: Record<string, string>;
  /** Translations of a definition that is not built in. */
  declare translations: Record<string, Translations>;

  declare private _phase: Phase;
  declare private _payment: PaymentView | undefined;
  declare private _message: string;

  /** The definition, its texts and the language (shared with the other elements). */
  #definition = new DefinitionController<LoadedDefinition>(this, (loaded) => loaded.builtIn?.texts);

  #poll: ReturnType<typeof setTimeout> | undefined;
  #polls = 0;
  #fromReturn = false;

  constructor() {
    super();
    this.endpoint = undefined;
    this.definition = undefined;
    this.validator = undefined;
    this.data = {};
    this.documents = undefined;
    this.returnUrl = undefined;
    this.providerOrigins = undefined;
    this.paymentId = undefined;
    this.amount = undefined;
    this.currency = 'EUR';
    this.purpose = undefined;
    this.headers = {};
    this.translations = {};
    this._phase = 'loading';
    this._payment = undefined;
    this._message = '';
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pageshow', this.#onPageShow);
    // Back from the provider: the URL names the payment (and nothing else is taken from it).
    const returned = returnedPayment();
    if (returned && !this.paymentId) {
      this.paymentId = returned;
      this.#fromReturn = true;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#poll);
    removeEventListener('pageshow', this.#onPageShow);
  }

  /**
   * Back from the provider's page through the browser's back-forward cache: the page is not
   * loaded again, so the payment's status is asked for here.
   */
  #onPageShow = (event: PageTransitionEvent): void => {
    const id = this.paymentId ?? this._payment?.id;
    if (!event.persisted || !id) return;
    this.#fromReturn = true;
    this.#polls = 0;
    // A new payment id is checked by the update it causes.
    if (this.paymentId === id) void this.#check();
    else this.paymentId = id;
  };

  /** The amount is given directly (no definition). */
  #direct(): boolean {
    return !this.definition && typeof this.amount === 'number' && this.amount >= 0;
  }

  /** The fees for the current answers (once the definition is loaded), or the amount given directly. */
  get fees(): FeeSummary | undefined {
    if (this.#direct()) {
      const amount = Math.round(this.amount!);
      return {
        policy: 'mandatory',
        currency: this.currency || 'EUR',
        lines: [{ id: 'amount', pointer: '', quantity: 1, unitAmount: amount, amount }],
        total: amount,
      };
    }
    const loaded = this.#definition.loaded;
    if (!loaded) return undefined;
    return computeFees(
      loaded.definition,
      loaded.model.prune(this.data ?? {}),
      loaded.validator.test,
    );
  }

  /** The payment's last known state. */
  get payment(): PaymentView | undefined {
    return this._payment ? { ...this._payment } : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('validator')) void this.#load();
    const ready = this.#definition.loaded !== undefined || this.#direct();
    if (this.#direct() && changed.has('amount') && this._phase === 'loading')
      this._phase = this.paymentId ? 'checking' : 'summary';
    if ((changed.has('paymentId') || changed.has('amount')) && this.paymentId && ready)
      void this.#check();
  }

  async #load(): Promise<void> {
    const source = this.definition;
    const loaded = await this.#definition.load(source, () =>
      loadDefinition(source!, { validator: this.validator }),
    );
    if (!loaded) return;
    if (this.paymentId) await this.#check();
    else this._phase = 'summary';
  }

  #keyStore(): string {
    return `ozg-forms:payment-key:${this.#definition.loaded?.definition.id ?? `amount-${this.amount}`}`;
  }

  /** Starts the payment: one payment per attempt, however often the button is pressed. */
  async pay(): Promise<void> {
    const loaded = this.#definition.loaded;
    const direct = this.#direct();
    if (
      (!loaded && !direct) ||
      !this.endpoint ||
      this._phase === 'creating' ||
      this._phase === 'redirecting'
    )
      return;
    this._phase = 'creating';
    this._message = '';
    const store = session();
    let key = store?.getItem(this.#keyStore()) ?? undefined;
    if (!key) {
      key = crypto.randomUUID();
      try {
        store?.setItem(this.#keyStore(), key);
      } catch {
        // kept in memory only
      }
    }
    const { submitJson } = await import('../../core/http.js');
    const returnUrl = new URL(this.returnUrl ?? location.href, document.baseURI);
    returnUrl.searchParams.delete(RETURN_PARAM);
    returnUrl.hash = '';
    const result = await submitJson({
      endpoint: this.endpoint,
      idempotencyKey: key,
      headers: this.headers,
      maxAttempts: 3,
      body: loaded
        ? {
            definition: { id: loaded.definition.id, version: loaded.definition.version },
            locale: this.#definition.language,
            data: loaded.model.prune(this.data ?? {}),
            ...(this.documents ? { documents: this.documents } : {}),
            returnUrl: returnUrl.href,
          }
        : {
            amount: this.fees!.total,
            currency: this.fees!.currency,
            purpose: this.purpose ?? '',
            locale: this.#definition.language,
            returnUrl: returnUrl.href,
          },
    });
    if (!result.ok) {
      this.#fail(
        undefined,
        'error',
        result.kind === 'network' || result.kind === 'timeout' || result.kind === 'server'
          ? msg(
              'Die Bezahlung konnte nicht gestartet werden: Die Verbindung ist gestört. Bitte versuchen Sie es erneut.',
            )
          : msg(
              'Die Bezahlung konnte nicht gestartet werden. Bitte prüfen Sie Ihre Angaben oder versuchen Sie es später erneut.',
            ),
      );
      return;
    }
    const payment = result.body as PaymentView;
    const target = payment.redirectUrl ? this.#allowed(payment.redirectUrl) : undefined;
    if (!target) {
      this.#fail(
        payment.id,
        'error',
        msg(
          'Die Bezahlseite liegt nicht bei einem zugelassenen Zahlungsanbieter. Bitte wenden Sie sich an die Behörde.',
        ),
      );
      return;
    }
    this._payment = payment;
    this._phase = 'redirecting';
    // This attempt is done: a new attempt (after a cancel) gets a new key.
    try {
      store?.removeItem(this.#keyStore());
    } catch {
      // nothing to remove
    }
    const created = new PaymentCreatedEvent({
      id: payment.id,
      redirectUrl: target.href,
      amount: payment.amount,
      currency: payment.currency,
    });
    this.dispatchEvent(created);
    // What the listeners save asynchronously (an encrypted draft) is saved before the page goes.
    await created.settled();
    location.assign(target.href);
  }

  /** The provider's page, if its origin is allowed (default: the endpoint's origin). */
  #allowed(redirectUrl: string): URL | undefined {
    const endpoint = new URL(this.endpoint!, document.baseURI);
    let target: URL;
    try {
      target = new URL(redirectUrl, endpoint);
    } catch {
      return undefined;
    }
    const origins = (this.providerOrigins ?? '').split(/\s+/).filter(Boolean);
    const allowed = origins.length > 0 ? origins : [endpoint.origin];
    return target.protocol === 'https:' || target.origin === endpoint.origin
      ? allowed.includes(target.origin)
        ? target
        : undefined
      : undefined;
  }

  /** Asks the endpoint for the verified status of `paymentId`. */
  async #check(): Promise<void> {
    const id = this.paymentId;
    if (!isPaymentId(id) || !this.endpoint) return;
    clearTimeout(this.#poll);
    this._phase = 'checking';
    let view: PaymentView;
    try {
      const response = await fetch(`${this.endpoint.replace(/\/$/, '')}/${id}`, {
        headers: { accept: 'application/json', ...this.headers },
        credentials: 'same-origin',
      });
      if (!response.ok || !/json/.test(response.headers.get('content-type') ?? ''))
        throw new Error(`HTTP ${response.status}`);
      view = (await response.json()) as PaymentView;
    } catch {
      this._phase = 'error';
      this._message = msg(
        'Der Stand der Zahlung kann gerade nicht abgefragt werden. Bitte prüfen Sie ihn gleich noch einmal.',
      );
      return;
    }
    this._payment = view;
    forgetReturnParam();
    if (view.status === 'paid') {
      this._phase = 'paid';
      this.dispatchEvent(
        new PaymentCompleteEvent({
          id: view.id,
          amount: view.amount,
          currency: view.currency,
          transactionReference: view.transactionReference,
        }),
      );
    } else if (view.status === 'cancelled' || view.status === 'failed') {
      this.#fail(view.id, view.status, '');
    } else {
      this._phase = 'pending';
      if (this.#fromReturn && this.#polls < POLL_DELAYS.length) {
        this.#poll = setTimeout(() => void this.#check(), POLL_DELAYS[this.#polls++]);
      }
    }
  }

  /** Checks the status again now (e.g. after the citizen paid in another tab). */
  refresh(): Promise<void> {
    return this.#check();
  }

  #fail(id: string | undefined, status: 'cancelled' | 'failed' | 'error', message: string): void {
    this._phase = status;
    this._message = message;
    this.dispatchEvent(new PaymentFailedEvent({ id, status }));
  }

  #retry(): void {
    this.paymentId = undefined;
    this._payment = undefined;
    this.#fromReturn = false;
    this.#polls = 0;
    this._phase = 'summary';
    this._message = '';
  }

  #money(cents: number, currency: string): string {
    return new Intl.NumberFormat(intlLocale(this.#definition.language), {
      style: 'currency',
      currency,
    }).format(cents / 100);
  }

  override render() {
    if (this.#definition.problems) {
      return html`<div part="base" class="definition-error" role="alert">
        <h2>${msg('Die Gebühr kann nicht angezeigt werden.')}</h2>
        <ul>
          ${this.#definition.problems.map((p) => html`<li><code>${p.pointer || '/'}</code>: ${p.message}</li>`)}
        </ul>
      </div>`;
    }
    const fees = this.fees;
    if (!fees || (!this.#definition.texts && !this.#direct())) {
      return html`<div part="base">
        <p role="status">${msg('Die Gebühr wird berechnet …')}</p>
      </div>`;
    }
    return html`<div part="base">
      <h3 id="payment-heading" part="heading" tabindex="-1">${msg('Gebühr')}</h3>
      ${this.#renderFees(fees)} ${this.#renderStatus(fees)}
    </div>`;
  }

  #renderFees(fees: FeeSummary) {
    const texts = this.#definition.texts;
    const definition = this.#definition.loaded?.definition;
    if (fees.total === 0) return html`<p>${msg('Für diesen Antrag fällt keine Gebühr an.')}</p>`;
    const title = (pointer: string) =>
      texts && pointer ? texts.get(`${pointer}/title`) : (this.purpose ?? msg('Gebühr'));
    return html`${
        definition?.fees?.description && texts
          ? html`<p>${texts.get('/fees/description')}</p>`
          : nothing
      }
      <table part="fees">
        <caption class="visually-hidden">
          ${msg('Gebühren')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Leistung')}</th>
            <th scope="col" class="amount">${msg('Betrag')}</th>
          </tr>
        </thead>
        <tbody>
          ${fees.lines.map(
            (line) =>
              html`<tr>
                <td>
                  ${title(line.pointer)}
                  ${
                    line.quantity > 1
                      ? html`(${line.quantity} × ${this.#money(line.unitAmount, fees.currency)})`
                      : nothing
                  }
                  ${
                    texts &&
                    definition?.fees?.items[Number(line.pointer.split('/').pop())]?.legalBasis
                      ? html`<span class="basis">${texts.get(`${line.pointer}/legalBasis`)}</span>`
                      : nothing
                  }
                </td>
                <td class="amount">${this.#money(line.amount, fees.currency)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr part="total">
            <th scope="row">${msg('Gesamt')}</th>
            <td class="amount">${this.#money(fees.total, fees.currency)}</td>
          </tr>
        </tfoot>
      </table>`;
  }

  #renderStatus(fees: FeeSummary) {
    const total = this.#money(fees.total, fees.currency);
    const later = fees.policy === 'optional';
    const laterButton = later
      ? html`<button
          type="button"
          class="secondary later"
          part="button"
          @click=${() => this.dispatchEvent(new PaymentLaterEvent())}
        >
          ${msg('Später bezahlen')}
        </button>`
      : nothing;
    const payButton = (label: string) =>
      html`<button
        type="button"
        class="pay"
        part="button"
        aria-disabled=${this._phase === 'creating' || this._phase === 'redirecting' ? 'true' : 'false'}
        @click=${() => void this.pay()}
      >
        ${label}
      </button>`;
    if (!paysOnline(fees)) {
      return fees.policy === 'billed-afterwards' && fees.total > 0
        ? html`<p class="status" part="status">
            ${msg(str`Die Gebühr von ${total} bezahlen Sie später: Sie erhalten einen Gebührenbescheid.`)}
          </p>`
        : nothing;
    }
    const payment = this._payment;
    switch (this._phase) {
      case 'checking':
        return html`<p class="status" part="status" role="status">
          ${msg('Der Stand der Zahlung wird geprüft …')}
        </p>`;
      case 'paid':
        return html`<div class="status paid" part="status" role="status">
          <p><strong>${msg('Die Gebühr ist bezahlt. Vielen Dank!')}</strong></p>
          ${
            payment?.transactionReference
              ? html`<p>${msg(str`Kassenzeichen: ${payment.transactionReference}`)}</p>`
              : nothing
          }
        </div>`;
      case 'pending':
        return html`<div class="status" part="status" role="status">
            <p>
              ${
                this.#fromReturn && this.#polls < POLL_DELAYS.length
                  ? msg('Die Zahlung wird noch bestätigt. Wir fragen gleich noch einmal nach …')
                  : msg('Die Zahlung ist noch nicht abgeschlossen.')
              }
            </p>
          </div>
          <div class="actions" part="actions">
            ${
              payment?.redirectUrl && this.#allowed(payment.redirectUrl)
                ? html`<button
                    type="button"
                    class="continue"
                    part="button"
                    @click=${() => location.assign(this.#allowed(payment.redirectUrl!)!.href)}
                  >
                    ${msg('Zur Bezahlung')}
                  </button>`
                : nothing
            }
            <button
              type="button"
              class="secondary refresh"
              part="button"
              @click=${() => void this.refresh()}
            >
              ${msg('Stand prüfen')}
            </button>
            ${laterButton}
          </div>`;
      case 'cancelled':
      case 'failed':
      case 'error':
        return html`<div class="status ${this._phase}" part="status" role="alert">
            <p>
              ${
                this._phase === 'cancelled'
                  ? msg('Sie haben die Bezahlung abgebrochen. Es wurde nichts abgebucht.')
                  : this._phase === 'failed'
                    ? msg('Die Bezahlung ist fehlgeschlagen. Es wurde nichts abgebucht.')
                    : this._message
              }
            </p>
            <p>
              ${
                later
                  ? msg(
                      'Sie können es erneut versuchen oder später bezahlen. Ihre Angaben bleiben erhalten.',
                    )
                  : msg('Sie können es erneut versuchen. Ihre Angaben bleiben erhalten.')
              }
            </p>
          </div>
          <div class="actions" part="actions">
            <button
              type="button"
              class="retry"
              part="button"
              @click=${() => (this._phase === 'error' && this.paymentId ? void this.refresh() : this.#retry())}
            >
              ${msg('Erneut versuchen')}
            </button>
            ${laterButton}
          </div>`;
      default:
        return html`<p class="note">
            ${msg('Sie werden zur Bezahlseite des Zahlungsanbieters weitergeleitet und danach hierher zurückgebracht. Ihre Angaben bleiben erhalten.')}
          </p>
          <div class="actions" part="actions">
            ${payButton(msg(str`Jetzt bezahlen: ${total}`))} ${laterButton}
          </div>
          ${
            this._phase === 'creating' || this._phase === 'redirecting'
              ? html`<p class="visually-hidden" role="status">
                  ${msg('Weiterleitung zur Bezahlseite …')}
                </p>`
              : nothing
          }`;
    }
  }
}
