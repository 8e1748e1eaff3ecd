/**
 * Handing the quick-check's answers on to the application on the same site ("once only"), only
 * with the citizen's consent: the quick-check offers the application's prefill in this tab's
 * `sessionStorage` with a short expiry; `<applicant-form>` takes it once (reading removes it).
 */
import { isObject } from './pointer.js';
import type { StorageLike } from './draft.js';

/** How long an offered prefill waits for the application. */
export const PREFILL_TTL_MS = 30 * 60 * 1000;

interface Offer {
  format: 1;
  definitionId: string;
  data: Record<string, unknown>;
  expiresAt: number;
}

export function prefillKey(definitionId: string): string {
  return `ozg-forms:prefill:${definitionId}`;
}

/** Offers `data` to the application of `definitionId`; false when the browser refused to store it. */
export function offerPrefill(
  storage: StorageLike | undefined,
  definitionId: string,
  data: Record<string, unknown>,
  now = Date.now(),
  ttl = PREFILL_TTL_MS,
): boolean {
  if (!storage) return false;
  const offer: Offer = { format: 1, definitionId, data, expiresAt: now + ttl };
  try {
    storage.setItem(prefillKey(definitionId), JSON.stringify(offer));
    return true;
  } catch {
    return false;
  }
}

/** Withdraws an offer (the citizen took back the consent, or started again). */
export function withdrawPrefill(storage: StorageLike | undefined, definitionId: string): void {
  try {
    storage?.removeItem(prefillKey(definitionId));
  } catch {
    // storage blocked: nothing was stored either
  }
}

/** Takes the offer for `definitionId` if there is a valid one; it is removed either way. */
export function takePrefill(
  storage: StorageLike | undefined,
  definitionId: string,
  now = Date.now(),
): Record<string, unknown> | undefined {
  if (!storage) return undefined;
  let raw: string | null;
  try {
    raw = storage.getItem(prefillKey(definitionId));
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  withdrawPrefill(storage, definitionId);
  try {
    const offer = JSON.parse(raw) as Partial<Offer>;
    if (
      offer.format !== 1 ||
      offer.definitionId !== definitionId ||
      typeof offer.expiresAt !== 'number' ||
      offer.expiresAt <= now ||
      !isObject(offer.data)
    )
      return undefined;
    return offer.data;
  } catch {
    return undefined;
  }
}
