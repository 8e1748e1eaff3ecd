/** `POST /api/submissions`: an application, checked and stored once per Idempotency-Key. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Applications } from './applications.js';
import type { IdempotencyOptions } from './idempotency.js';

export function createSubmissions(apps: Applications, idempotency: IdempotencyOptions) {
  const { check, assessed, verifiedPayment, verifiedDocuments, storeApplication, underKey } = apps;
  async function submit(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    return underKey(req, res, cors, '', idempotency, async (claim, body) => {
      const { served, locale, data } = check(body);
      const assessment = await assessed(served, data, locale);
      const paid = await verifiedPayment(
        assessment,
        served,
        (body as { payment?: unknown }).payment,
        locale,
      );
      const uploadIds = verifiedDocuments(
        served,
        assessment,
        (body as { documents?: unknown }).documents,
        locale,
      );
      return storeApplication(claim, { served, locale, data, paid, uploadIds });
    });
  }

  return { submit };
}
