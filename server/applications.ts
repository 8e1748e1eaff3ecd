/**
 * The one check of an application, shared by the submission and the payment routes: its
 * definition and version, the answers (assessed in a validation worker), the payment it comes
 * with, its documents, and storing it with its key's answer.
 */
import { randomUUID } from 'node:crypto';
import { normalizeStrings, type SubmittedIdentity } from '../src/core/payload.js';
import { paysOnline } from '../src/core/fees.js';
import { OUTDATED_DEFINITION } from '../src/core/http.js';
import { TRUST_LEVELS } from '../src/core/identity.js';
import { confirmIdentity, type IdentityTrust } from './identity-trust.js';
import { chooseOutcome, identityEnough, outcomesOf } from '../src/core/outcome.js';
import type { Definition, Outcome } from '../src/core/types.js';
import type { Assessment, AssessOptions, ServedDefinition } from './definitions.js';
import { HttpError, reply } from './http.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { claimJson, inProgress, type IdempotencyOptions } from './idempotency.js';
import type { PaymentProvider } from './payments.js';
import {
  ClaimLostError,
  HandOffGoneError,
  PaymentUnusableError,
  UploadUsedError,
  type ClaimRef,
  type NewSubmission,
  type PaymentRecord,
  type Store,
  type StoredResponse,
  type SubmissionSummary,
} from './store.js';
import { ValidationBusyError, ValidationTimeoutError, type ValidationPool } from './validation.js';
import { citizenProblem, say, type ProblemText } from './problems.js';

export const SUBMISSION_KEYS = new Set([
  'definition',
  'locale',
  'data',
  'payment',
  'documents',
  'outcome',
  'identity',
]);
export const PAYMENT_ID = /^pay_[0-9a-f]{32}$/;

/** The language a request's body asks for (`locale`, BCP 47): German when it names none. */
export function localeOf(body: unknown): string {
  const locale = (body as { locale?: unknown } | null)?.locale;
  return typeof locale === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(locale) ? locale : 'de';
}

export interface ApplicationsContext {
  store: Store;
  definitions: Map<string, ServedDefinition>;
  validation: ValidationPool;
  provider: PaymentProvider;
  log: (entry: Record<string, unknown>) => void;
  /** The clock (ms since the epoch): hand-offs' and retentions' times are reckoned by it. */
  now: () => number;
  /** Whose signed identity assertions the server accepts (none: it confirms no identity). */
  identityTrust?: IdentityTrust | undefined;
}

/** What an application's state adds to storing it (see `NewSubmission`). */
export type ApplicationState = Pick<
  NewSubmission,
  'state' | 'identity' | 'statusSecretHash' | 'expiresAt' | 'handOff'
> & { outcome?: Outcome['type'] };

/** A checked application on its way to being stored: what the routes hand on to each other. */
export interface CheckedApplication {
  served: ServedDefinition;
  locale: string;
  data: unknown;
  payment: unknown;
  documents: unknown;
  state: ApplicationState;
}

/** The answer to a stored application: its status and body (the `Location` is added). */
export type Answer = (record: SubmissionSummary) => { status: number; body: unknown };

export type Applications = ReturnType<typeof createApplications>;

export function createApplications({
  store,
  definitions,
  validation,
  provider,
  log,
  now,
  identityTrust,
}: ApplicationsContext) {
  /**
   * The answers' assessment (errors, fees, documents) from a validation worker; a 422 naming every
   * problem when there are any, and when the answers cannot be checked within the time budget,
   * worded in `locale`'s language.
   */
  async function assessed(
    served: ServedDefinition,
    data: unknown,
    locale: string,
    options: AssessOptions = {},
  ): Promise<Assessment> {
    let assessment: Assessment;
    try {
      assessment = await validation.assess(served.definition.id, data, { ...options, locale });
    } catch (error) {
      if (error instanceof ValidationBusyError)
        throw new HttpError(
          503,
          'Service Unavailable',
          { detail: 'Too many applications are being checked; send it again shortly.' },
          { 'retry-after': '1' },
        );
      if (error instanceof ValidationTimeoutError)
        throw citizenProblem(422, locale, 'tooSlow', { detail: say(locale, 'tooSlowDetail') });
      throw error;
    }
    if (assessment.errors.length > 0) {
      throw citizenProblem(422, locale, 'invalid', {
        errors: assessment.errors.map((e) => ({ pointer: '/data' + e.pointer, detail: e.detail })),
      });
    }
    return assessment;
  }

  function check(body: unknown, allowed = SUBMISSION_KEYS) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, 'The body must be a JSON object');
    const unknown = Object.keys(body).filter((k) => !allowed.has(k));
    if (unknown.length > 0)
      throw new HttpError(400, 'Unknown fields', { detail: `Not allowed: ${unknown.join(', ')}` });
    const {
      definition: ref,
      data,
      outcome: requested,
      identity,
    } = body as {
      definition?: { id?: unknown; version?: unknown };
      data?: unknown;
      outcome?: unknown;
      identity?: unknown;
    };
    const served = typeof ref?.id === 'string' ? definitions.get(ref.id) : undefined;
    if (!served) {
      throw new HttpError(400, 'Unknown definition', {
        detail: `No definition "${String(ref?.id)}". Known: ${[...definitions.keys()].join(', ')}.`,
      });
    }
    if (ref?.version !== served.definition.version) {
      throw new HttpError(400, 'Unknown definition version', {
        type: OUTDATED_DEFINITION,
        detail: `"${served.definition.id}" is served in version ${served.definition.version}. Reload the page.`,
      });
    }
    const locale = localeOf(body);
    const outcome = outcomeOf(served.definition, requested, locale);
    const stated = identityOf(served.definition, identity, locale);
    return { served, locale, data: normalizeStrings(data), outcome, identity: stated };
  }

  /**
   * The identity of a checked application as it is recorded: confirmed by the portal's signed
   * assertion where there is one (the trust level and the verified answers then come from it),
   * else as the browser states it. An outcome that requires a trust level takes only a confirmed
   * identity at that level: else `422` at `/identity` (an assertion that does not hold is
   * `identityUnconfirmed`, a missing or too weak one `identityRequired`). `at`: when the assertion
   * must have been valid (an application held with a payment: when the payment was requested).
   */
  async function trustedIdentity(
    application: {
      served: ServedDefinition;
      locale: string;
      data: unknown;
      outcome: Outcome;
      identity: SubmittedIdentity | undefined;
    },
    at?: Date,
  ): Promise<SubmittedIdentity | undefined> {
    const { served, locale, data, outcome, identity } = application;
    const refuse = (problem: 'identityRequired' | 'identityUnconfirmed') => {
      const detail = say(locale, `${problem}Detail`);
      return citizenProblem(422, locale, problem, {
        detail,
        errors: [{ pointer: '/identity', detail }],
      });
    };
    let recorded: SubmittedIdentity | undefined = identity && { ...identity };
    if (recorded) delete recorded.assertion;
    if (identity?.assertion) {
      const confirmation = await confirmIdentity(
        identityTrust,
        identity.assertion,
        served.definition,
        data,
        at,
      );
      if (confirmation.ok) recorded = confirmation.identity;
      else if (confirmation.reason === 'invalid') throw refuse('identityUnconfirmed');
    }
    // E.g. a declaration given online needs the eID (§ 3a Abs. 2 VwVfG); the element falls back
    // to the appointment without it, so only a page that ignores that ends up here.
    if (!identityEnough(outcome, recorded?.confirmed ? recorded.trustLevel : undefined))
      throw refuse('identityRequired');
    return recorded;
  }

  /** The outcome an application asks for (format 2): one the definition offers, else 422. */
  function outcomeOf(definition: Definition, requested: unknown, locale: string): Outcome {
    const choice = chooseOutcome(definition, typeof requested === 'string' ? requested : undefined);
    if (requested === undefined || (typeof requested === 'string' && !choice.problem))
      return choice.outcome;
    const offered = outcomesOf(definition)
      .map((o) => o.type)
      .join(', ');
    const detail = say(locale, 'outcomeNotOfferedDetail', {
      requested: String(requested),
      offered,
    });
    throw citizenProblem(422, locale, 'outcomeNotOffered', {
      detail,
      errors: [{ pointer: '/outcome', detail }],
    });
  }

  /**
   * The identity an application states (format 2): a trust level, who verified it, and the
   * answers still exactly as verified — only pointers the definition maps attributes to. The
   * server records it as the browser states it (see docs/operations.md).
   */
  function identityOf(
    definition: Definition,
    given: unknown,
    locale: string,
  ): SubmittedIdentity | undefined {
    if (given === undefined || given === null) return undefined;
    const mapped = new Set(Object.values(definition.identity?.attributes ?? {}));
    const { trustLevel, source, verified, assertion } = (
      typeof given === 'object' ? given : {}
    ) as Record<string, unknown>;
    const valid =
      typeof given === 'object' &&
      !Array.isArray(given) &&
      Object.keys(given).every((k) =>
        ['trustLevel', 'source', 'verified', 'assertion'].includes(k),
      ) &&
      (assertion === undefined ||
        (typeof assertion === 'string' && assertion.length > 0 && assertion.length <= 16384)) &&
      TRUST_LEVELS.includes(trustLevel as SubmittedIdentity['trustLevel']) &&
      (source === undefined ||
        (typeof source === 'string' && source.length > 0 && source.length <= 100)) &&
      Array.isArray(verified) &&
      verified.length <= 50 &&
      verified.every((p) => typeof p === 'string' && mapped.has(p));
    if (!valid) {
      const detail = say(locale, 'identityInvalidDetail');
      throw citizenProblem(422, locale, 'identityInvalid', {
        detail,
        errors: [{ pointer: '/identity', detail }],
      });
    }
    return {
      ...normalizeStrings({
        trustLevel: trustLevel as SubmittedIdentity['trustLevel'],
        ...(source !== undefined ? { source: source as string } : {}),
        verified: [...new Set(verified as string[])],
      }),
      ...(assertion !== undefined ? { assertion: assertion as string } : {}),
    };
  }

  /**
   * Stores a checked application with its key's answer (by default the 201 the citizen sees), in
   * one go. `state` says where it stands (default received); `answer` builds what is stored as
   * the key's answer — never a secret: only hashes of secrets are kept.
   */
  function storeApplication(
    claim: ClaimRef,
    {
      served,
      locale,
      data,
      paid,
      uploadIds,
    }: {
      served: ServedDefinition;
      locale: string;
      data: unknown;
      paid: PaymentRecord | undefined;
      uploadIds: string[];
    },
    state: ApplicationState = {},
    answer: Answer = (record) => ({ status: 201, body: created(record, paid) }),
  ): StoredResponse {
    const response = store.store(
      claim,
      {
        id: randomUUID(),
        definitionId: served.definition.id,
        definitionVersion: served.definition.version,
        locale,
        prefix: served.definition.referencePrefix ?? served.definition.id.slice(0, 2).toUpperCase(),
        receivedAt: new Date(now()),
        data,
        paymentId: paid?.id,
        uploadIds,
        ...state,
      },
      (record) => {
        const { status, body } = answer(record);
        return {
          status,
          headers: {
            'content-type': 'application/json',
            location: `/api/submissions/${record.id}`,
          },
          body: JSON.stringify(body),
        };
      },
    );
    log({
      event: 'submission.stored',
      definition: served.definition.id,
      reference: JSON.parse(response.body).reference,
      state: state.state ?? 'received',
    });
    return response;
  }

  /** What a stored application's 201 says. */
  function created(
    record: { id: string; reference: string; receivedAt: string },
    paid: Pick<PaymentRecord, 'id' | 'amount' | 'currency' | 'transactionReference'> | undefined,
  ) {
    return {
      id: record.id,
      reference: record.reference,
      receivedAt: record.receivedAt,
      ...(paid
        ? {
            payment: {
              id: paid.id,
              amount: paid.amount,
              currency: paid.currency,
              transactionReference: paid.transactionReference,
            },
          }
        : {}),
    };
  }

  /** The problem to answer for an error while storing (after the claim was released). */
  function storingProblem(error: unknown, locale: string | undefined): unknown {
    if (error instanceof ClaimLostError) return inProgress(1);
    if (error instanceof PaymentUnusableError) return paymentProblem(locale, error.message);
    if (error instanceof UploadUsedError)
      return documentProblem(locale, '', say(locale, 'fileUsed'));
    // Another request used the hand-off up meanwhile, or it ran out: as for a used link.
    if (error instanceof HandOffGoneError) return citizenProblem(410, locale, 'handOffGone');
    return error;
  }

  function documentProblem(
    locale: string | undefined,
    documentId: string,
    detail: string,
  ): HttpError {
    return citizenProblem(422, locale, 'documents', {
      detail,
      errors: [{ pointer: documentId ? `/documents/${documentId}` : '/documents', detail }],
    });
  }

  /**
   * The uploads an application references: each one complete and checked on this server, for this
   * service and document, with the name, type, size and checksum the application states, and not
   * used before (it is marked used when the application is stored). Every document the answers
   * call for as required has at least one file.
   */
  function verifiedDocuments(
    served: ServedDefinition,
    assessment: Assessment,
    given: unknown,
    locale: string,
  ): string[] {
    const problem = (documentId: string, detail: string) =>
      documentProblem(locale, documentId, detail);
    if (
      given !== undefined &&
      given !== null &&
      (typeof given !== 'object' || Array.isArray(given))
    )
      throw problem('', 'documents must be an object of lists of files');
    const listed = (given ?? {}) as Record<string, unknown>;
    const applicable = new Map(assessment.documents.map((d) => [d.id, d]));
    for (const document of assessment.documents) {
      const files = listed[document.id];
      if (document.required && !(Array.isArray(files) && files.length > 0))
        throw problem(document.id, say(locale, 'documentMissing'));
    }
    const ids: string[] = [];
    for (const [documentId, files] of Object.entries(listed)) {
      const document = applicable.get(documentId);
      if (!document) throw problem(documentId, say(locale, 'documentNotAsked'));
      if (!Array.isArray(files)) throw problem(documentId, say(locale, 'documentNotList'));
      if (files.length > document.maxFiles)
        throw problem(documentId, say(locale, 'documentTooMany', { n: document.maxFiles }));
      for (const file of files as Record<string, unknown>[]) {
        const upload = typeof file?.id === 'string' ? store.getUpload(file.id) : undefined;
        if (
          !upload ||
          upload.definitionId !== served.definition.id ||
          upload.documentId !== documentId ||
          upload.sha256 !== file.sha256 ||
          upload.size !== file.size ||
          upload.type !== file.type
        ) {
          throw problem(documentId, say(locale, 'fileUnknown'));
        }
        if (upload.submissionId) throw problem(documentId, say(locale, 'fileUsed'));
        if (ids.includes(upload.id)) throw problem(documentId, say(locale, 'fileTwice'));
        ids.push(upload.id);
      }
    }
    return ids;
  }

  function paymentProblem(locale: string | undefined, detail: string): HttpError {
    return citizenProblem(422, locale, 'payment', {
      detail,
      errors: [{ pointer: '/payment', detail }],
    });
  }

  /** The payment's status as the provider reports it now (recorded), for a payment not yet settled. */
  async function refreshed(record: PaymentRecord): Promise<PaymentRecord> {
    if (record.status !== 'pending') return record;
    const status = await provider.transactionStatus(record.transactionId);
    if (
      status.status === 'paid' &&
      status.amount !== undefined &&
      status.amount !== record.amount
    ) {
      log({ event: 'payment.amount-mismatch', payment: record.id });
      return record;
    }
    if (status.status === record.status) return record;
    store.updatePayment(record.id, {
      status: status.status,
      transactionReference: status.transactionReference,
    });
    // Not paid: the application held with it is not kept a moment longer.
    if (status.status === 'cancelled' || status.status === 'failed') store.dropHold(record.id);
    log({ event: `payment.${status.status}`, payment: record.id });
    return store.getPayment(record.id)!;
  }

  /**
   * The payment an application comes with, if it is one the server itself has seen succeed, for
   * this service and exactly this application's fees, and not used before. Required when the
   * definition's policy is `mandatory` and there is something to pay.
   */
  async function verifiedPayment(
    { fees }: Assessment,
    served: ServedDefinition,
    given: unknown,
    locale: string,
  ): Promise<PaymentRecord | undefined> {
    const problem = (text: ProblemText) => paymentProblem(locale, say(locale, text));
    const id = (given as { id?: unknown } | undefined)?.id;
    if (given === undefined || given === null) {
      if (fees.policy === 'mandatory' && paysOnline(fees)) throw problem('paymentRequired');
      return undefined;
    }
    const record = typeof id === 'string' && PAYMENT_ID.test(id) ? store.getPayment(id) : undefined;
    if (!record) throw problem('paymentUnknown');
    const current = await refreshed(record);
    if (current.status !== 'paid') throw problem('paymentOpen');
    if (
      current.definitionId !== served.definition.id ||
      current.amount !== fees.total ||
      current.currency !== fees.currency
    ) {
      throw problem('paymentMismatch');
    }
    if (current.submissionId) throw problem('paymentUsed');
    return current;
  }

  /**
   * A state-changing JSON request under an Idempotency-Key: the stored answer is replayed; else
   * `work` answers with the key claimed. A failure stores nothing and gives the key back, so the
   * citizen resends with the same key once the cause is mended.
   */
  async function underKey(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
    space: string,
    idempotency: IdempotencyOptions,
    work: (claim: ClaimRef, body: unknown) => Promise<StoredResponse>,
    /** What a replay answers, from the stored answer (default: that answer). */
    replayed: (stored: StoredResponse) => StoredResponse = (stored) => stored,
  ): Promise<void> {
    const claimed = await claimJson(req, space, idempotency);
    if ('replay' in claimed) return reply(res, replayed(claimed.replay), cors);
    let response: StoredResponse;
    try {
      response = await work(claimed.claim, claimed.body);
    } catch (error) {
      store.release(claimed.claim);
      throw storingProblem(error, localeOf(claimed.body));
    }
    reply(res, response, cors);
  }

  return {
    underKey,
    assessed,
    check,
    trustedIdentity,
    storeApplication,
    created,
    storingProblem,
    documentProblem,
    verifiedDocuments,
    paymentProblem,
    refreshed,
    verifiedPayment,
  };
}
