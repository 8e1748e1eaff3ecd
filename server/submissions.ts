/**
 * `POST /api/submissions`: an application, checked and stored once per Idempotency-Key. What it
 * comes to depends on the definition (format 2): a submission (201, `received`); the first
 * party's part of an application a later party completes (202, `waiting-for-party`, with the
 * hand-off, see handoffs.ts); or an appointment's preparation (201, `prepared`, with the
 * checklist of what to bring).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasHandOff } from '../src/core/parties.js';
import type { ApplicationState, Applications, CheckedApplication } from './applications.js';
import { say } from './problems.js';
import { newCapability } from './capabilities.js';
import type { HandOffs } from './handoffs.js';
import { withSecrets } from './handoffs.js';
import type { IdempotencyOptions } from './idempotency.js';
import type { ClaimRef, StoredResponse } from './store.js';

export interface SubmissionsContext {
  handOffs: HandOffs;
  /** How long a prepared application (an appointment's) is kept (ms). */
  preparedMs: number;
  now: () => number;
}

export function createSubmissions(
  apps: Applications,
  idempotency: IdempotencyOptions,
  { handOffs, preparedMs, now }: SubmissionsContext,
) {
  const {
    check,
    trustedIdentity,
    assessed,
    paymentProblem,
    verifiedPayment,
    verifiedDocuments,
    storeApplication,
    underKey,
  } = apps;

  /**
   * An appointment's preparation: validated whole (documents brought in person are not asked
   * for), no payment taken, kept `prepared` for `preparedMs`; the answer lists what to bring.
   */
  async function prepare(
    claim: ClaimRef,
    application: CheckedApplication,
  ): Promise<StoredResponse> {
    const { served, locale, data } = application;
    if (application.payment !== undefined && application.payment !== null)
      throw paymentProblem(locale, say(locale, 'appointmentNoFee'));
    const assessment = await assessed(served, data, locale, { outcome: 'appointment' });
    const uploadIds = verifiedDocuments(served, assessment, application.documents, locale);
    const secret = newCapability();
    const expiresAt = new Date(now() + preparedMs);
    const stored = storeApplication(
      claim,
      { served, locale, data, paid: undefined, uploadIds },
      { ...application.state, state: 'prepared', statusSecretHash: secret.hash, expiresAt },
      (record) => ({
        status: 201,
        body: {
          id: record.id,
          reference: record.reference,
          receivedAt: record.receivedAt,
          status: 'prepared',
          expiresAt: expiresAt.toISOString(),
          checklist: assessment.checklist,
        },
      }),
    );
    return withSecrets(stored, { statusSecret: secret.secret });
  }

  async function submit(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    return underKey(
      req,
      res,
      cors,
      '',
      idempotency,
      async (claim, body) => {
        const checked = check(body);
        const { served, locale, data, outcome } = checked;
        const identity = await trustedIdentity(checked);
        const { payment, documents } = body as { payment?: unknown; documents?: unknown };
        const state: ApplicationState = { outcome: outcome.type, identity };
        if (outcome.type === 'appointment')
          return prepare(claim, { served, locale, data, payment, documents, state });
        if (hasHandOff(served.definition))
          return handOffs.start(claim, { served, locale, data, payment, documents, state });
        const assessment = await assessed(served, data, locale, { outcome: 'submission' });
        const paid = await verifiedPayment(assessment, served, payment, locale);
        const uploadIds = verifiedDocuments(served, assessment, documents, locale);
        return storeApplication(claim, { served, locale, data, paid, uploadIds }, state);
      },
      handOffs.replayed,
    );
  }

  return { submit };
}
