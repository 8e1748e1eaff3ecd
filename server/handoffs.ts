/**
 * Hand-offs (definition format 2): an application a second party completes. The first party's
 * part is checked without the later party's subtree and stored `waiting-for-party`; the answer
 * carries a hand-off token (the element builds the link `<page>#ozg-handoff=<token>`: a fragment,
 * so the token never reaches a server log) and a status secret the applicant keeps. Both are
 * capabilities (server/capabilities.ts): 256 random bits, stored only as SHA-256 hashes.
 *
 * - `GET /api/handoffs` (`x-handoff-token`): what the later party sees — the definition, its
 *   party, and only the first party's answers the hand-off shows.
 * - `POST /api/handoffs/submission` (`x-handoff-token`, `Idempotency-Key`, `{ data, locale }`):
 *   the later party's answers, merged into the application at their pointers only, validated
 *   whole, stored `received`; the token is used up.
 * - `GET /api/submissions/status` (`x-status-secret`): where the application stands.
 *
 * An unknown or forged token is 404, an expired or used one 410; lookups are limited per client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeStrings } from '../src/core/payload.js';
import {
  firstPartyData,
  handOffDays,
  mergeParty,
  partiesOf,
  partyNamed,
  sharedView,
} from '../src/core/parties.js';
import { localeOf, type Applications, type CheckedApplication } from './applications.js';
import { say } from './problems.js';
import { capabilityHash, capabilityOf, newCapability, sameHash } from './capabilities.js';
import type { ServedDefinition } from './definitions.js';
import { HttpError, rateLimit, send } from './http.js';
import type { IdempotencyOptions } from './idempotency.js';
import type {
  ClaimRef,
  HandOffRecord,
  Store,
  StoredResponse,
  SubmissionRecord,
  SubmissionState,
} from './store.js';

const DAY = 24 * 60 * 60 * 1000;
const HANDOFF_KEYS = new Set(['data', 'locale']);
/** Compared against when a token names nothing, so that path costs what a found one costs. */
const NOTHING = '0'.repeat(64);

export interface HandOffsContext {
  store: Store;
  definitions: Map<string, ServedDefinition>;
  now: () => number;
  log: (entry: Record<string, unknown>) => void;
  /** Capability lookups (hand-off and status) one client may make a minute. */
  lookupsPerMinute: number;
}

/** Where an application stands now: one waiting past its hand-off's expiry has expired. */
export function stateAt(
  record: { state: SubmissionState; expiresAt?: string | undefined },
  now: number,
): SubmissionState {
  return record.state === 'waiting-for-party' &&
    record.expiresAt !== undefined &&
    Date.parse(record.expiresAt) <= now
    ? 'expired'
    : record.state;
}

/** An answer with secrets added to what was stored (which never holds them). */
export function withSecrets(
  stored: StoredResponse,
  secrets: { token?: string | undefined; statusSecret: string },
): StoredResponse {
  const body = JSON.parse(stored.body) as Record<string, unknown> & {
    handOff?: Record<string, unknown>;
  };
  if (secrets.token !== undefined && body.handOff) body.handOff.token = secrets.token;
  body.statusSecret = secrets.statusSecret;
  return { ...stored, body: JSON.stringify(body) };
}

export type HandOffs = ReturnType<typeof createHandOffs>;

export function createHandOffs(
  apps: Applications,
  idempotency: IdempotencyOptions,
  { store, definitions, now, log, lookupsPerMinute }: HandOffsContext,
) {
  const { assessed, documentProblem, storeApplication, underKey, verifiedDocuments } = apps;
  const { verifiedPayment } = apps;
  const limit = rateLimit(lookupsPerMinute);

  /**
   * The first party's part of an application a later party completes: the later party's subtree
   * left out (the first party can neither fill it in nor change it), checked without it, stored
   * waiting with a new hand-off. Answers 202 with the token and the status secret.
   */
  async function start(claim: ClaimRef, application: CheckedApplication): Promise<StoredResponse> {
    const { served, locale } = application;
    const definition = served.definition;
    const data = firstPartyData(definition, application.data);
    const assessment = await assessed(served, data, locale, {
      part: 'first-party',
      outcome: 'submission',
    });
    const paid = await verifiedPayment(assessment, served, application.payment, locale);
    const uploadIds = verifiedDocuments(served, assessment, application.documents, locale);
    const party = partiesOf(definition)[1]!;
    const token = newCapability();
    const secret = newCapability();
    const expiresAt = new Date(now() + handOffDays(party) * DAY);
    const stored = storeApplication(
      claim,
      { served, locale, data, paid, uploadIds },
      {
        ...application.state,
        state: 'waiting-for-party',
        statusSecretHash: secret.hash,
        expiresAt,
        handOff: { tokenHash: token.hash, party: party.id, expiresAt },
      },
      (record) => ({
        status: 202,
        body: {
          id: record.id,
          reference: record.reference,
          receivedAt: record.receivedAt,
          status: 'waiting-for-party',
          handOff: { party: party.id, expiresAt: expiresAt.toISOString() },
        },
      }),
    );
    log({ event: 'handoff.issued', reference: JSON.parse(stored.body).reference });
    return withSecrets(stored, { token: token.secret, statusSecret: secret.secret });
  }

  /**
   * A replayed answer of an application that carried secrets: the stored answer holds none (only
   * hashes are kept), so the replay carries new ones, and the old ones stop working — a replay
   * means the first answer never arrived. An application no longer waiting gets a new status
   * secret only; one deleted (a prepared one past its retention) the stored answer.
   */
  function replayed(stored: StoredResponse): StoredResponse {
    let body: { id?: unknown; status?: unknown };
    try {
      body = JSON.parse(stored.body) as typeof body;
    } catch {
      return stored;
    }
    if ((body.status !== 'waiting-for-party' && body.status !== 'prepared') || !body.id)
      return stored;
    const record = store.get(String(body.id));
    if (!record) return stored;
    const state = stateAt(record, now());
    const secret = newCapability();
    const token = state === 'waiting-for-party' ? newCapability() : undefined;
    store.renewSecrets(record.id, { statusSecretHash: secret.hash, tokenHash: token?.hash });
    const renewed = JSON.parse(stored.body) as Record<string, unknown>;
    renewed.status = state;
    if (!token) delete renewed.handOff;
    return withSecrets(
      { ...stored, body: JSON.stringify(renewed) },
      { token: token?.secret, statusSecret: secret.secret },
    );
  }

  /**
   * The hand-off a request's token names, used or not: 404 for an unknown or forged one (the same
   * path: hashed, looked up, compared in constant time).
   */
  function known(req: IncomingMessage): { handOff: HandOffRecord; hash: string } {
    const hash = capabilityHash(capabilityOf(req.headers['x-handoff-token']));
    const found = store.getHandOff(hash);
    if (!sameHash(found?.tokenHash ?? NOTHING, hash) || !found)
      throw new HttpError(404, 'Dieser Link ist nicht bekannt.', {
        detail: 'Prüfen Sie, ob Sie den ganzen Link geöffnet haben.',
      });
    return { handOff: found, hash };
  }

  /**
   * The hand-off a request's token names, if it can still be used: 404 as `known`, 410 for one
   * used, expired, or whose application no longer waits or whose service is no longer served.
   */
  function handOffOf(req: IncomingMessage): {
    handOff: HandOffRecord;
    record: SubmissionRecord;
    served: ServedDefinition;
    hash: string;
  } {
    const { handOff: found, hash } = known(req);
    const record = store.get(found.submissionId);
    if (found.completedAt !== undefined)
      throw new HttpError(410, 'Dieser Link wurde schon verwendet.', {
        detail: 'Die Angaben zu diesem Antrag sind bereits übermittelt.',
      });
    if (!record || stateAt(record, now()) !== 'waiting-for-party' || expired(found))
      throw new HttpError(410, 'Dieser Link ist abgelaufen.', {
        detail: `Der Link war bis ${found.expiresAt} gültig. Die antragstellende Person kann den Antrag neu stellen.`,
      });
    const served = definitions.get(record.definitionId);
    if (!served || !partyNamed(served.definition, found.party))
      throw new HttpError(410, 'Diesen Antrag nimmt die Behörde nicht mehr an.', {
        detail: `Die Leistung "${record.definitionId}" wird nicht mehr angeboten.`,
      });
    return { handOff: found, record, served, hash };
  }

  function expired(handOff: HandOffRecord): boolean {
    return Date.parse(handOff.expiresAt) <= now();
  }

  /** `GET /api/handoffs`: what the later party sees (only what the hand-off shows). */
  function view(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    limit(req);
    const { handOff, record, served } = handOffOf(req);
    const { definition } = served;
    send(
      res,
      200,
      { 'content-type': 'application/json', ...cors },
      JSON.stringify({
        definition: { id: definition.id, version: definition.version },
        party: handOff.party,
        shared: sharedView(definition, handOff.party, record.data),
        expiresAt: handOff.expiresAt,
        locale: record.locale,
      }),
    );
  }

  /**
   * `POST /api/handoffs/submission`: the later party's answers, merged at their pointers only,
   * the joined application validated whole (422 with pointers, as for submissions), stored
   * `received` and the token used up — once: the same key replays, another is 410.
   */
  async function complete(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    limit(req);
    // 404 for a token that names nothing, before anything else; a used one may be a replay.
    const { hash } = known(req);
    return underKey(req, res, cors, `handoff:${hash}:`, idempotency, async (claim, body) => {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new HttpError(400, 'The body must be a JSON object');
      const unknown = Object.keys(body).filter((k) => !HANDOFF_KEYS.has(k));
      if (unknown.length > 0)
        throw new HttpError(400, 'Unknown fields', {
          detail: `Not allowed: ${unknown.join(', ')}`,
        });
      const given = normalizeStrings((body as { data?: unknown }).data);
      if (typeof given !== 'object' || given === null || Array.isArray(given))
        throw new HttpError(400, 'data must be a JSON object');
      // Again, now that the key is this request's: used, expired or no longer waiting is 410.
      const { handOff, record, served } = handOffOf(req);
      const merged = mergeParty(served.definition, handOff.party, record.data, given);
      const locale = localeOf(body);
      const assessment = await assessed(served, merged, locale, { outcome: 'submission' });
      // The documents were uploaded with the first party's part: the joined application's must
      // be among them (a definition's documents should depend on the first party's answers).
      for (const document of assessment.documents) {
        if (document.required && !record.documents?.some((d) => d.documentId === document.id))
          throw documentProblem(locale, document.id, say(locale, 'documentFirstParty'));
      }
      const response = store.completeHandOff(
        claim,
        {
          tokenHash: hash,
          data: merged,
          definitionVersion: served.definition.version,
          now: new Date(now()).toISOString(),
        },
        (completed) => ({
          status: 201,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            reference: completed.reference,
            status: 'received',
            receivedAt: completed.completedAt,
          }),
        }),
      );
      log({ event: 'handoff.completed', reference: record.reference, party: handOff.party });
      return response;
    });
  }

  /** `GET /api/submissions/status`: where the application of a status secret stands. */
  function status(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    limit(req);
    const hash = capabilityHash(capabilityOf(req.headers['x-status-secret']));
    const found = store.statusBySecret(hash);
    if (!sameHash(found?.statusSecretHash ?? NOTHING, hash) || !found)
      throw new HttpError(404, 'Zu dieser Angabe ist kein Antrag bekannt.');
    const state = stateAt(found, now());
    send(
      res,
      200,
      { 'content-type': 'application/json', ...cors },
      JSON.stringify({
        reference: found.reference,
        status: state,
        ...(found.expiresAt && (state === 'waiting-for-party' || state === 'prepared')
          ? { expiresAt: found.expiresAt }
          : {}),
        ...(found.party && state === 'waiting-for-party' ? { party: found.party } : {}),
      }),
    );
  }

  return { start, replayed, view, complete, status };
}
