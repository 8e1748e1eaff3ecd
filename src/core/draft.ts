/**
 * Drafts: the answers survive a reload. They are kept in `sessionStorage` (this tab, until it
 * closes); on the device beyond that only when the citizen chooses it, encrypted and with an expiry
 * (`sealed-draft.ts`; `draft-sweep.ts` removes expired ones); nothing is left after a successful
 * submit. Storage that fails (private mode, quota, blocked) never breaks the form.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  definitionId: string;
  definitionVersion: string;
  data: Record<string, unknown>;
  /** The flow's stage (`step:2`, `documents`, `review`, `payment`; see `flow.ts`). */
  stage?: string;
  /** At a step opened from the review (its Next leads back there). */
  returning?: boolean;
  idempotencyKey: string;
  /** Also kept on this device beyond the tab (encrypted, see `SealedDraftStore`), until `expiresAt`. */
  remember: boolean;
  /** The payment started at the payment stage, if any. */
  paymentId?: string | undefined;
  /** The files uploaded so far (by document id). */
  documents?: Record<
    string,
    { id: string; name: string; type: string; size: number; sha256: string }[]
  >;
  savedAt: number;
  /** When the copy kept on the device expires (fixed when the citizen chose to keep it). */
  expiresAt?: number | undefined;
  /** Drafts saved before stages had ids: the step index (`steps.length`: review) and two flags. */
  step?: number;
  paying?: boolean;
  documentsStage?: boolean;
}

const FORMAT = 1;

/** The draft of this tab (`sessionStorage`). */
export class DraftStore {
  constructor(
    private readonly key: string,
    private readonly session: StorageLike | undefined,
    /** Only to remove what an older version kept there in clear text. */
    private readonly local?: StorageLike,
    private readonly now: () => number = Date.now,
  ) {}

  /** `ozg-forms:draft:<id>` (`DRAFT_PREFIX` of `draft-sweep.ts`, which loads apart from this). */
  static keyFor(definitionId: string): string {
    return `ozg-forms:draft:${definitionId}`;
  }

  load(): Draft | undefined {
    return this.read(this.session);
  }

  /** Saves the draft in this tab; returns false when the browser refused to store it. */
  save(draft: Omit<Draft, 'savedAt'>): boolean {
    return this.write(this.session, { ...draft, savedAt: this.now() });
  }

  /** Removes the draft of this tab and any draft kept on the device (its key, if sealed, stays). */
  clear(): void {
    this.remove(this.session);
    this.remove(this.local);
  }

  private read(storage: StorageLike | undefined): Draft | undefined {
    try {
      const raw = storage?.getItem(this.key);
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as { format?: number; draft?: Draft };
      if (parsed.format !== FORMAT || typeof parsed.draft !== 'object' || parsed.draft === null)
        return undefined;
      const draft = parsed.draft;
      if (
        typeof draft.data !== 'object' ||
        draft.data === null ||
        typeof draft.idempotencyKey !== 'string'
      )
        return undefined;
      return draft;
    } catch {
      return undefined;
    }
  }

  private write(storage: StorageLike | undefined, draft: Draft): boolean {
    if (!storage) return false;
    try {
      storage.setItem(this.key, JSON.stringify({ format: FORMAT, draft }));
      return true;
    } catch {
      return false;
    }
  }

  private remove(storage: StorageLike | undefined): void {
    try {
      storage?.removeItem(this.key);
    } catch {
      /* nothing stored, nothing to remove */
    }
  }
}
