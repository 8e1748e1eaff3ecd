/**
 * Idempotency keys (IETF draft, as Stripe runs it), held as leases: the same key and body replay
 * the stored answer, another body is 422, a key in progress is 409 with Retry-After, and a key
 * whose request died is taken over once its lease has run out.
 */
import type { IncomingMessage } from 'node:http';
import { createHash } from 'node:crypto';
import { checkCsrf, HttpError, readJson } from './http.js';
import type { ClaimRef, Store, StoredResponse } from './store.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

export interface IdempotencyOptions {
  store: Store;
  claimLeaseMs: number;
  bodyLimit: number;
  csrfToken: string | undefined;
}

/**
 * The common start of a state-changing JSON request: content type, CSRF token, Idempotency-Key,
 * the parsed body, and the claim of the key (a stored answer is replayed; a key in flight or used
 * with another body is refused).
 */
export async function claimJson(
  req: IncomingMessage,
  space: string,
  { store, claimLeaseMs, bodyLimit, csrfToken }: IdempotencyOptions,
): Promise<{ claim: ClaimRef; body: unknown } | { replay: StoredResponse }> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Unsupported Media Type', { detail: 'Send application/json.' });
  }
  checkCsrf(req, csrfToken);
  const header = req.headers['idempotency-key'];
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new HttpError(400, 'Idempotency-Key missing or malformed', {
      detail: 'Send an Idempotency-Key header of 16 to 128 letters, digits, "-" or "_".',
    });
  }
  const key = space + header;
  const body = await readJson(req, bodyLimit);
  // The fingerprint is of the parsed body, so white space does not make a retry "different".
  const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const claim = store.claim(key, fingerprint, claimLeaseMs);
  if (claim.state === 'replay') return { replay: claim.response };
  if (claim.state === 'mismatch')
    throw new HttpError(422, 'This Idempotency-Key was used with a different body');
  if (claim.state === 'in-flight') throw inProgress(claim.retryAfterSeconds);
  return { claim: { key, token: claim.token }, body };
}

/** 409: the key's first request is still being processed; retry the same request later. */
export function inProgress(retryAfterSeconds: number): HttpError {
  return new HttpError(
    409,
    'A request with this Idempotency-Key is in progress',
    { detail: 'Send the same request again after Retry-After seconds.' },
    { 'retry-after': String(retryAfterSeconds) },
  );
}
