import { sweepDrafts } from '../../core/draft-sweep.js';

/**
 * Removes the drafts kept on this device whose expiry has passed (of any form), and has what is
 * left to do — their keys, sealing drafts still in clear text — done by code loaded only then.
 * Every element of the library calls it when it connects (through `LanguageController`).
 */
export function sweepExpiredDrafts(): void {
  try {
    const swept = sweepDrafts(localStorage, Date.now());
    if (swept.expired.length + swept.clearText.length > 0)
      import('./device-drafts.js').then((m) => m.afterSweep(swept)).catch(() => undefined);
  } catch {
    // localStorage blocked: nothing is kept there either.
  }
}
