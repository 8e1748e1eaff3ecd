/**
 * A draft kept on the device by the citizen's choice, encrypted: AES-GCM (Web Crypto) with a key
 * that is not stored beside it. The key is made non-extractable and kept by a `KeyStore` (in the
 * browser: IndexedDB, which stores a `CryptoKey` as it is; see
 * `src/elements/shared/device-drafts.ts`), so what sits in `localStorage` is only
 * `{ format: 2, expiresAt, iv, sealed }`. `expiresAt` stays readable, so that expired drafts can be
 * removed without the key, and is bound to the ciphertext (additional data): changing it breaks the
 * seal. A draft from before (format 1, clear text) is read once, sealed and the clear text deleted;
 * where it cannot be sealed, it is deleted all the same. Removing a draft deletes its key too.
 *
 * This protects what is stored on the disk and what leaves it in a copy of the browser profile's
 * `localStorage`; it does not protect against script running in the page, which may use the key.
 */
import type { Draft, StorageLike } from './draft.js';

/** A Web Crypto key (`CryptoKey`), typed without the DOM library. */
export type SealingKey = Parameters<SubtleCrypto['encrypt']>[1];
type SubtleCrypto = typeof crypto.subtle;

/** Where the keys are kept (never beside the drafts). */
export interface KeyStore {
  get(name: string): Promise<SealingKey | undefined>;
  put(name: string, key: SealingKey): Promise<void>;
  delete(name: string): Promise<void>;
}

interface Envelope {
  format: 2;
  expiresAt: number;
  iv: string;
  sealed: string;
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class SealedDraftStore {
  /** Runs one operation at a time, in order (a save never overtakes a removal, or the reverse). */
  #queue: Promise<unknown> = Promise.resolve();
  /** Bumped by `remove()`: a save that began before it writes nothing. */
  #generation = 0;

  constructor(
    readonly name: string,
    private readonly local: StorageLike,
    private readonly keys: KeyStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** When the kept draft expires (read without the key), or undefined when none is kept. */
  expiresAt(): number | undefined {
    const record = this.#read();
    const expiresAt = record?.format === 2 ? record.expiresAt : record?.draft?.expiresAt;
    return typeof expiresAt === 'number' ? expiresAt : undefined;
  }

  /**
   * The kept draft, decrypted; undefined when there is none, it expired or it cannot be opened
   * (then it is removed; not when only the key store failed: it may work next time). A clear-text
   * draft is sealed now (`remember` says whether that worked).
   */
  load(): Promise<Draft | undefined> {
    return this.#run(async () => {
      const record = this.#read();
      if (!record) return undefined;
      if (record.format !== 2) return this.#migrate(record.draft);
      const { iv, sealed } = record;
      const expiresAt = Number(record.expiresAt);
      let key: SealingKey | undefined;
      if (expiresAt > this.now()) {
        try {
          key = await this.keys.get(this.name);
        } catch {
          return undefined;
        }
      }
      try {
        if (!key || typeof iv !== 'string' || typeof sealed !== 'string') throw new Error('sealed');
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64(iv), additionalData: this.#aad(expiresAt) },
          key,
          fromBase64(sealed),
        );
        const draft = JSON.parse(new TextDecoder().decode(plain)) as Draft;
        return { ...draft, remember: true, expiresAt };
      } catch {
        await this.#forget();
        return undefined;
      }
    });
  }

  /**
   * Seals and keeps `draft` until `draft.expiresAt`; false when that failed (what was kept before,
   * if anything, stays).
   */
  save(draft: Draft & { expiresAt: number }): Promise<boolean> {
    const generation = this.#generation;
    return this.#run(async () => {
      if (generation !== this.#generation) return false;
      try {
        const envelope = await this.#seal(draft);
        if (generation !== this.#generation) return false;
        this.local.setItem(this.name, JSON.stringify(envelope));
        return true;
      } catch {
        return false;
      }
    });
  }

  /** Deletes the kept draft and its key. */
  remove(): Promise<void> {
    this.#generation++;
    this.#removeItem();
    return this.#run(() => this.#forget());
  }

  #run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #aad(expiresAt: number): Uint8Array<ArrayBuffer> {
    return new TextEncoder().encode(`${this.name}\n${expiresAt}`);
  }

  async #seal(draft: Draft & { expiresAt: number }): Promise<Envelope> {
    const key = await this.#keyToSeal();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: this.#aad(draft.expiresAt) },
      key,
      new TextEncoder().encode(JSON.stringify(draft)),
    );
    return {
      format: 2,
      expiresAt: draft.expiresAt,
      iv: toBase64(iv),
      sealed: toBase64(new Uint8Array(sealed)),
    };
  }

  /** This draft's key: the one kept (asked for each time: it may have been deleted), else a new one. */
  async #keyToSeal(): Promise<SealingKey> {
    const kept = await this.keys.get(this.name);
    if (kept) return kept;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await this.keys.put(this.name, key);
    return key;
  }

  async #migrate(draft: Draft | undefined): Promise<Draft | undefined> {
    this.#removeItem(); // clear text never stays, whatever happens next
    if (!draft || typeof draft !== 'object' || !(Number(draft.expiresAt) > this.now()))
      return undefined;
    const expiresAt = Number(draft.expiresAt);
    try {
      const envelope = await this.#seal({ ...draft, remember: true, expiresAt });
      this.local.setItem(this.name, JSON.stringify(envelope));
      return { ...draft, remember: true, expiresAt };
    } catch {
      await this.#forget();
      return { ...draft, remember: false, expiresAt: undefined };
    }
  }

  async #forget(): Promise<void> {
    this.#removeItem();
    try {
      await this.keys.delete(this.name);
    } catch {
      /* no key store: no key kept either */
    }
  }

  #read(): (Partial<Envelope> & { draft?: Draft }) | undefined {
    try {
      const raw = this.local.getItem(this.name);
      const record = raw ? (JSON.parse(raw) as unknown) : undefined;
      return typeof record === 'object' && record !== null ? record : undefined;
    } catch {
      return undefined;
    }
  }

  #removeItem(): void {
    try {
      this.local.removeItem(this.name);
    } catch {
      /* storage blocked: nothing kept */
    }
  }
}
