/**
 * Where tus-js-client keeps the URLs of unfinished uploads (to resume them after a reload): this
 * tab's `sessionStorage`, not `localStorage` — nothing outlives the tab, and entries go when an
 * upload finishes (`removeFingerprintOnSuccess`).
 */
import type { PreviousUpload, UrlStorage } from 'tus-js-client';

const PREFIX = 'ozg-forms:tus:';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export class SessionUrlStorage implements UrlStorage {
  findAllUploads(): Promise<PreviousUpload[]> {
    return Promise.resolve(this.#find(PREFIX));
  }

  findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return Promise.resolve(this.#find(`${PREFIX}${fingerprint}::`));
  }

  removeUpload(urlStorageKey: string): Promise<void> {
    storage()?.removeItem(urlStorageKey);
    return Promise.resolve();
  }

  addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = `${PREFIX}${fingerprint}::${Math.round(Math.random() * 1e12)}`;
    try {
      storage()?.setItem(key, JSON.stringify(upload));
    } catch {
      // Full or blocked: the upload still works, it just cannot resume after a reload.
    }
    return Promise.resolve(key);
  }

  #find(prefix: string): PreviousUpload[] {
    const store = storage();
    if (!store) return [];
    const found: PreviousUpload[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(prefix)) continue;
      try {
        const upload = JSON.parse(store.getItem(key) ?? '') as PreviousUpload;
        found.push({ ...upload, urlStorageKey: key });
      } catch {
        store.removeItem(key);
      }
    }
    return found;
  }
}

const SESSION_KEY = 'ozg-forms:upload-session';
let memorySession: string | undefined;

/**
 * This tab's upload secret: sent with every upload request (`x-upload-session`), it makes the
 * uploads this tab creates its own — the server lets no one else resume, read or delete them. It
 * lives as long as the tab's other upload state (`sessionStorage`), in memory where that is blocked.
 */
export function uploadSession(): string {
  const store = storage();
  let secret: string | null | undefined;
  try {
    secret = store?.getItem(SESSION_KEY);
  } catch {
    secret = undefined;
  }
  if (secret) return secret;
  secret = memorySession;
  if (!secret) {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    secret = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    memorySession = secret;
  }
  try {
    store?.setItem(SESSION_KEY, secret);
  } catch {
    // Blocked or full: the secret lives in memory for this page.
  }
  return secret;
}
