/**
 * Drafts: the answers survive a reload. `sessionStorage` (this tab, until it closes) by default;
 * `localStorage` with an expiry only when the citizen chooses it; nothing left after a successful
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
  step: number;
  idempotencyKey: string;
  /** Kept on this device beyond the tab (`localStorage`) until `expiresAt`. */
  remember: boolean;
  /** At the payment step (after the review), with the payment started there, if any. */
  paying?: boolean;
  paymentId?: string | undefined;
  /** At the documents page, and the files uploaded so far (by document id). */
  documentsStage?: boolean;
  documents?: Record<
    string,
    { id: string; name: string; type: string; size: number; sha256: string }[]
  >;
  savedAt: number;
  expiresAt?: number;
}

const FORMAT = 1;
const DAY = 24 * 60 * 60 * 1000;

export class DraftStore {
  constructor(
    private readonly key: string,
    private readonly session: StorageLike | undefined,
    private readonly local: StorageLike | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  static keyFor(definitionId: string): string {
    return `ozg-forms:draft:${definitionId}`;
  }

  load(): Draft | undefined {
    const fromSession = this.read(this.session);
    if (fromSession) return fromSession;
    const fromLocal = this.read(this.local);
    if (fromLocal && fromLocal.expiresAt !== undefined && fromLocal.expiresAt > this.now())
      return fromLocal;
    if (fromLocal) this.remove(this.local);
    return undefined;
  }

  /** Saves the draft; returns false when the browser refused to store it. */
  save(draft: Omit<Draft, 'savedAt' | 'expiresAt'>, rememberDays = 0): boolean {
    const savedAt = this.now();
    const record: Draft = { ...draft, savedAt };
    let ok = this.write(this.session, record);
    if (draft.remember && rememberDays > 0) {
      ok = this.write(this.local, { ...record, expiresAt: savedAt + rememberDays * DAY }) && ok;
    } else {
      this.remove(this.local);
    }
    return ok;
  }

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
