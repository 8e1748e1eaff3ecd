/**
 * Drafts a citizen chose to keep on the device expire. Any element of the library clears the
 * expired ones when it connects (not only the form they belong to), so a draft is gone at the
 * first page load after its expiry. Small on purpose: every element's first render pays for it.
 */
import type { StorageLike } from './draft.js';

/** The prefix of every draft's storage key (`ozg-forms:draft:<definition id>`). */
export const DRAFT_PREFIX = 'ozg-forms:draft:';

export interface ListableStorage extends StorageLike {
  readonly length: number;
  key(index: number): string | null;
}

export interface Swept {
  /** Expired (or unreadable) drafts just removed: the keys of sealed ones go too. */
  expired: string[];
  /** Drafts still kept in clear text (written before drafts were encrypted): to be sealed. */
  clearText: string[];
}

/** Removes the drafts in `local` whose expiry has passed and lists what else needs doing. */
export function sweepDrafts(local: ListableStorage, now: number): Swept {
  const swept: Swept = { expired: [], clearText: [] };
  for (let i = local.length - 1; i >= 0; i--) {
    const name = local.key(i);
    if (!name?.startsWith(DRAFT_PREFIX)) continue;
    let record: { format?: unknown; expiresAt?: unknown; draft?: { expiresAt?: unknown } };
    try {
      record = JSON.parse(local.getItem(name) ?? 'null') ?? {};
    } catch {
      record = {};
    }
    const clear = record.format !== 2;
    const expiresAt = clear ? record.draft?.expiresAt : record.expiresAt;
    if (typeof expiresAt === 'number' && expiresAt > now) {
      if (clear) swept.clearText.push(name);
    } else {
      local.removeItem(name);
      swept.expired.push(name);
    }
  }
  return swept;
}
