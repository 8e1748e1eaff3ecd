/**
 * The payment routes: a payment request for an application's fees (or an amount), its status,
 * and sending the application held with a paid payment.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { paysOnline } from '../src/core/fees.js';
import { firstPartyData, hasHandOff } from '../src/core/parties.js';
import { normalizeStrings } from '../src/core/payload.js';
import { localeOf, PAYMENT_ID, SUBMISSION_KEYS, type Applications } from './applications.js';
import { checkCsrf, HttpError, rateLimit, readJson, reply } from './http.js';
import { inProgress, type IdempotencyOptions } from './idempotency.js';
import { newPaymentId, type PaymentProvider } from './payments.js';
import type { Sealer } from './seal.js';
import type { PaymentRecord, StoredResponse } from './store.js';
import { citizenProblem, say } from './problems.js';

const PAYMENT_KEYS = new Set(['definition', 'locale', 'data', 'documents', 'returnUrl', 'outcome']);
const DIRECT_PAYMENT_KEYS = new Set(['amount', 'currency', 'purpose', 'locale', 'returnUrl']);

export interface PaymentRoutesContext {
  provider: PaymentProvider;
  sealer: Sealer;
  allowedOrigins: string[];
  publicOrigin: string | undefined;
  /** Where the server listens (the default public origin). */
  address: () => string | import('node:net').AddressInfo | null;
  holdMs: number;
  log: (entry: Record<string, unknown>) => void;
}

export function createPaymentRoutes(
  apps: Applications,
  idempotency: IdempotencyOptions,
  { provider, sealer, allowedOrigins, publicOrigin, address, holdMs, log }: PaymentRoutesContext,
) {
  const { store, claimLeaseMs, csrfToken } = idempotency;
  const {
    assessed,
    check,
    trustedIdentity,
    created,
    paymentProblem,
    refreshed,
    storeApplication,
    storingProblem,
    underKey,
    verifiedDocuments,
    verifiedPayment,
  } = apps;
  /** This server's public origin: configured, else the address it listens on. */
  function ownOrigin(): string | undefined {
    if (publicOrigin) return new URL(publicOrigin).origin;
    const listening = address();
    if (!listening || typeof listening !== 'object') return undefined;
    const host = listening.family === 'IPv6' ? `[${listening.address}]` : listening.address;
    return `http://${host}:${listening.port}`;
  }

  /**
   * A return URL after payment: on this server's public origin or an allowed origin — configured
   * origins only, never what a request's headers say.
   */
  function returnUrlOf(value: unknown): URL {
    const origins = new Set(allowedOrigins);
    const own = ownOrigin();
    if (own) origins.add(own);
    let url: URL | undefined;
    try {
      url = typeof value === 'string' && value.length <= 2000 ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !origins.has(url.origin) || url.username || url.password) {
      throw new HttpError(400, 'returnUrl missing or not allowed', {
        detail:
          'Send the absolute URL of the page that started the payment, on an origin the server is configured for (PUBLIC_ORIGIN, ALLOWED_ORIGINS).',
      });
    }
    url.searchParams.delete('ozg-payment');
    url.hash = '';
    return url;
  }

  function paymentView(record: PaymentRecord) {
    return {
      id: record.id,
      status: record.status,
      amount: record.amount,
      currency: record.currency,
      lines: record.lines,
      ...(record.status === 'pending' ? { redirectUrl: record.payPageUrl } : {}),
      ...(record.transactionReference ? { transactionReference: record.transactionReference } : {}),
    };
  }

  function isDirect(body: unknown): boolean {
    return typeof body === 'object' && body !== null && !('definition' in body) && 'amount' in body;
  }

  /**
   * A payment request for an application: the server computes the amount from its definition.
   * Not for an appointment (the authority takes the fee there). For an application a later party
   * completes (format 2), the first party's part is what is paid for, and nothing is held: the
   * element sends that part with the payment itself.
   */
  async function applicationRequest(body: unknown) {
    const checked = check(body, PAYMENT_KEYS);
    const { served, locale, outcome } = checked;
    if (outcome.type === 'appointment')
      throw paymentProblem(locale, say(locale, 'appointmentNoFee'));
    // Nobody pays for an application the endpoint would refuse for its identity.
    await trustedIdentity(checked);
    const handOff = hasHandOff(served.definition);
    const data = handOff ? firstPartyData(served.definition, checked.data) : checked.data;
    const assessment = await assessed(served, data, locale, {
      outcome: 'submission',
      ...(handOff ? { part: 'first-party' } : {}),
    });
    const { fees } = assessment;
    if (!paysOnline(fees)) {
      throw citizenProblem(422, locale, 'nothingToPay', {
        detail: `policy ${fees.policy}, total ${fees.total}`,
      });
    }
    // A complete application (its documents given, or none required) is held with the payment,
    // so that it can be sent even if the tab is closed on the provider's page.
    const given = (body as { documents?: unknown }).documents;
    const documents = handOff
      ? undefined
      : (given ?? (assessment.documents.some((d) => d.required) ? undefined : ({} as unknown)));
    const uploadIds =
      documents === undefined ? [] : verifiedDocuments(served, assessment, documents, locale);
    return {
      uploadIds,
      held:
        documents === undefined
          ? undefined
          : {
              definition: { id: served.definition.id, version: served.definition.version },
              locale,
              data,
              documents,
              outcome: outcome.type,
            },
      amount: fees.total,
      currency: fees.currency,
      purpose: served.texts.get('/title'),
      locale,
      definitionId: served.definition.id,
      definitionVersion: served.definition.version,
      lines: fees.lines.map((l) => ({
        id: l.id,
        quantity: l.quantity,
        amount: l.amount,
      })) as unknown,
    };
  }

  /**
   * A payment request with the amount given directly (no definition). The reference server takes
   * it, but such a payment never counts toward an application's fees; a production endpoint
   * decides amounts itself.
   */
  function directRequest(body: unknown) {
    const unknown = Object.keys(body as object).filter((k) => !DIRECT_PAYMENT_KEYS.has(k));
    if (unknown.length > 0)
      throw new HttpError(400, 'Unknown fields', { detail: `Not allowed: ${unknown.join(', ')}` });
    const { amount, currency = 'EUR', purpose } = body as Record<string, unknown>;
    if (
      typeof amount !== 'number' ||
      !Number.isInteger(amount) ||
      amount < 1 ||
      amount > 100_000_000
    )
      throw new HttpError(422, 'amount must be a whole number of cents from 1 to 100000000');
    if (currency !== 'EUR') throw new HttpError(422, 'Only EUR is supported');
    if (typeof purpose !== 'string' || purpose.trim() === '' || purpose.length > 250)
      throw new HttpError(422, 'purpose must be a text of 1 to 250 characters');
    return {
      amount,
      currency,
      purpose: normalizeStrings(purpose.trim()),
      locale: localeOf(body),
      definitionId: '',
      definitionVersion: '',
      lines: [{ id: 'amount', quantity: 1, amount }] as unknown,
    };
  }

  /** `POST /api/payments`: a payment request for an application's fees (idempotent). */
  async function createPayment(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    // Keys of payments and of submissions are separate spaces.
    return underKey(req, res, cors, 'payment:', idempotency, async (claim, body) => {
      const request = isDirect(body) ? directRequest(body) : await applicationRequest(body);
      const id = newPaymentId();
      const returnUrl = returnUrlOf((body as { returnUrl?: unknown }).returnUrl);
      returnUrl.searchParams.set('ozg-payment', id);
      const { amount, currency, purpose, locale, definitionId, definitionVersion, lines } = request;
      const held = 'held' in request ? request.held : undefined;
      const heldUntil = new Date(Date.now() + holdMs).toISOString();
      const transaction = await provider.createTransaction({
        paymentId: id,
        amount,
        currency,
        purpose,
        returnUrl: returnUrl.href,
        locale,
      });
      const now = new Date().toISOString();
      const response = store.createPayment(
        claim,
        {
          id,
          definitionId,
          definitionVersion,
          amount,
          currency,
          lines,
          purpose,
          provider: provider.id,
          transactionId: transaction.transactionId,
          payPageUrl: transaction.payPageUrl,
          status: 'pending',
          ...(held
            ? {
                held: sealer.seal(held, id),
                heldUntil,
              }
            : {}),
          createdAt: now,
          updatedAt: now,
        },
        (record) => ({
          status: 201,
          headers: { 'content-type': 'application/json', location: `/api/payments/${record.id}` },
          body: JSON.stringify(paymentView(record)),
        }),
      );
      // The files of a held application stay as long as it does.
      if (held && 'uploadIds' in request)
        store.keepUploads(request.uploadIds as string[], heldUntil);
      log({ event: 'payment.created', payment: id, amount, held: held !== undefined });
      return response;
    });
  }

  /**
   * The payment a citizen names to finish: by our id (the return URL's), or by the transaction
   * reference on the provider's receipt. A reference not yet known here may belong to a payment
   * the citizen finished without coming back: those that hold an application are asked for.
   */
  async function paymentNamed(body: Record<string, unknown>): Promise<PaymentRecord | undefined> {
    const { payment, transactionReference: ref } = body;
    if (typeof payment === 'string')
      return PAYMENT_ID.test(payment) ? store.getPayment(payment) : undefined;
    if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 100) return undefined;
    const reference = ref.trim();
    const known = store.paymentsByReference(reference)[0];
    if (known) return known;
    // Each pending payment is asked for at most once a minute, and 25 at most per lookup.
    const now = Date.now();
    let asked = 0;
    for (const pending of store.pendingHeldPayments(new Date(now).toISOString(), 500)) {
      if (asked >= 25) break;
      if (now - (lastAsked.get(pending.id) ?? 0) < 60_000) continue;
      lastAsked.set(pending.id, now);
      asked++;
      try {
        const current = await refreshed(pending);
        if (current.transactionReference === reference) return current;
      } catch (error) {
        log({ event: 'payment.status-error', payment: pending.id, message: String(error) });
      }
    }
    if (lastAsked.size > 10_000)
      for (const [id, at] of lastAsked) if (now - at >= 60_000) lastAsked.delete(id);
    return undefined;
  }
  const lastAsked = new Map<string, number>();

  /**
   * `POST /api/payments/<id>/submission`, or `POST /api/payments/submission` with
   * `{ transactionReference }`: sends the application held with a paid payment — once; asked
   * again, it answers the same.
   */
  async function submitHeld(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
    paymentId: string | undefined,
  ): Promise<void> {
    checkCsrf(req, csrfToken);
    const given = /^application\/json\b/i.test(req.headers['content-type'] ?? '')
      ? await readJson(req, 10_000)
      : {};
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw new HttpError(400, 'The body must be a JSON object');
    const { definition, transactionReference } = given as {
      definition?: { id?: unknown };
      transactionReference?: unknown;
    };
    if (!paymentId) limitLookups(req);
    const record = await paymentNamed(
      paymentId ? { payment: paymentId } : { transactionReference },
    );
    // Only a payment for an application, and (when the form says which) for its service.
    if (
      !record ||
      !record.definitionId ||
      (definition?.id !== undefined && definition.id !== record.definitionId)
    )
      throw new HttpError(404, 'Zu dieser Angabe ist keine Zahlung bekannt.', {
        detail: 'Prüfen Sie das Kassenzeichen auf Ihrem Zahlungsbeleg.',
      });
    // The Kassenzeichen alone is no capability: its answer names the reference, not the ids.
    const answer = (response: StoredResponse) =>
      reply(res, paymentId ? response : withoutIds(response), cors);
    const claimed = store.claim(`held:${record.id}`, record.id, claimLeaseMs);
    if (claimed.state === 'replay') return answer(claimed.response);
    if (claimed.state !== 'new')
      throw inProgress(claimed.state === 'in-flight' ? claimed.retryAfterSeconds : 1);
    const claim = { key: `held:${record.id}`, token: claimed.token };
    let response: StoredResponse;
    // The language of the application held with the payment, once it is open.
    let language: string | undefined;
    try {
      const current = await refreshed(record);
      if (current.submissionId) {
        // Sent already, with the answers from the citizen's tab: that is the application.
        const sent = store.get(current.submissionId)!;
        response = {
          status: 200,
          headers: { 'content-type': 'application/json', location: `/api/submissions/${sent.id}` },
          body: JSON.stringify(created(sent, current)),
        };
        store.release(claim);
        return answer(response);
      }
      const held = current.held ? sealer.open(current.held, current.id) : undefined;
      if (held) language = localeOf(held);
      if (current.status !== 'paid')
        throw paymentProblem(
          language,
          say(language, current.status === 'pending' ? 'paymentOpen' : 'paymentFailed'),
        );
      if (!held)
        throw new HttpError(410, 'Der Antrag zu dieser Zahlung ist nicht mehr gespeichert.', {
          detail:
            'Bitte stellen Sie den Antrag neu und wenden Sie sich wegen der Zahlung an die Behörde.',
        });
      const checked = check(held, SUBMISSION_KEYS);
      const { served, locale, data } = checked;
      // The assertion held with it must have been valid when the payment was requested.
      const identity = await trustedIdentity(checked, new Date(current.createdAt));
      const assessment = await assessed(served, data, locale, { outcome: 'submission' });
      const paid = await verifiedPayment(assessment, served, { id: current.id }, locale);
      const uploadIds = verifiedDocuments(
        served,
        assessment,
        (held as { documents?: unknown }).documents,
        locale,
      );
      response = storeApplication(
        claim,
        { served, locale, data, paid, uploadIds },
        { outcome: checked.outcome.type, identity },
      );
    } catch (error) {
      store.release(claim);
      throw storingProblem(error, language);
    }
    answer(response);
  }

  /** A stored 201 without the ids (of the application and the payment) and its Location. */
  function withoutIds(response: StoredResponse): StoredResponse {
    const body = JSON.parse(response.body) as Record<string, unknown> & {
      payment?: Record<string, unknown>;
    };
    delete body.id;
    if (body.payment) delete body.payment.id;
    return {
      status: response.status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  /**
   * Looking a payment up by its Kassenzeichen, per client: at most 10 a minute (a reference is
   * short and may be guessed; each lookup may ask the provider).
   */
  const limitLookups = rateLimit(10);

  return { createPayment, submitHeld, paymentView };
}
