/** `POST /api/submissions`: an application, checked and stored once per Idempotency-Key. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Applications } from './applications.js';
import { reply } from './http.js';
import { claimJson, type IdempotencyOptions } from './idempotency.js';
import type { Store, StoredResponse } from './store.js';

export function createSubmissions(
  apps: Applications,
  idempotency: IdempotencyOptions & { store: Store },
) {
  const { store } = idempotency;
  const { check, assessed, verifiedPayment, verifiedDocuments, storeApplication, storingProblem } =
    apps;
  async function submit(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    const claimed = await claimJson(req, '', idempotency);
    if ('replay' in claimed) return reply(res, claimed.replay, cors);
    const { claim, body } = claimed;
    let response: StoredResponse;
    try {
      const { served, locale, data } = check(body);
      const assessment = await assessed(served, data);
      const paid = await verifiedPayment(
        assessment,
        served,
        (body as { payment?: unknown }).payment,
      );
      const uploadIds = verifiedDocuments(
        served,
        assessment,
        (body as { documents?: unknown }).documents,
      );
      response = storeApplication(claim, { served, locale, data, paid, uploadIds });
    } catch (error) {
      // A failure stores nothing: the citizen fixes the answer and resends with the same key.
      store.release(claim);
      throw storingProblem(error);
    }
    reply(res, response, cors);
  }

  return { submit };
}
