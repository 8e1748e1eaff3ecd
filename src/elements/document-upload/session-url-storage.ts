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
