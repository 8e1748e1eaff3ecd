/**
 * The browser side of drafts kept on the device (`SealedDraftStore`): their keys live in
 * IndexedDB, which keeps a non-extractable `CryptoKey` as the object it is (structured clone), so
 * the key's bytes never exist in the page and are never stored beside the draft in
 * `localStorage`. Loaded only when a citizen chooses to keep a draft, when one is kept, or when a
 * sweep (`draft-sweep.ts`) found work.
 */
import { DraftStore, type Draft } from '../../core/draft.js';
import type { Swept } from '../../core/draft-sweep.js';
import { SealedDraftStore, type KeyStore, type SealingKey } from '../../core/sealed-draft.js';

const DATABASE = 'ozg-forms';
const KEYS = 'draft-keys';
let database: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(KEYS);
    request.onsuccess = () => {
      const db = request.result;
      // Another page deletes or upgrades the database (clearing site data): let it.
      db.onversionchange = () => {
        db.close();
        database = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
  database.catch(() => (database = undefined));
  return database;
}

async function inStore<T>(
  mode: IDBTransactionMode,
  make: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(KEYS, mode);
    const request = make(transaction.objectStore(KEYS));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = transaction.onabort = () =>
      reject(transaction.error ?? request.error ?? new Error('IndexedDB'));
  });
}

/** The drafts' keys in IndexedDB (database `ozg-forms`, store `draft-keys`, by draft name). */
export const indexedDbKeys: KeyStore = {
  get: (name) => inStore('readonly', (s) => s.get(name) as IDBRequest<SealingKey | undefined>),
  put: (name, key) => inStore('readwrite', (s) => s.put(key, name)).then(() => undefined),
  delete: (name) => inStore('readwrite', (s) => s.delete(name)).then(() => undefined),
};

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined; // blocked (sandboxed frame, privacy settings)
  }
}

const stores = new Map<string, SealedDraftStore>();

/**
 * The store of the draft `name` kept on this device; undefined where it cannot be sealed (no Web
 * Crypto, e.g. a page on plain http, or no IndexedDB or localStorage, e.g. some private modes).
 * One per name and page, so two callers never race for a draft or its key.
 */
export function sealedDrafts(name: string): SealedDraftStore | undefined {
  const local = storage('localStorage');
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB || !local) return undefined;
  let store = stores.get(name);
  if (!store) stores.set(name, (store = new SealedDraftStore(name, local, indexedDbKeys)));
  return store;
}

/**
 * A draft that cannot be sealed here leaves `localStorage` for this tab's `sessionStorage` (where
 * the tab has no draft of that form yet): clear text never stays on the device. Returns the tab's
 * draft of that form.
 */
export function moveToSession(name: string, draft?: Draft): Draft | undefined {
  const local = storage('localStorage');
  const session = new DraftStore(name, storage('sessionStorage'));
  try {
    const raw = local?.getItem(name);
    draft ??= raw ? (JSON.parse(raw) as { draft?: Draft }).draft : undefined;
  } catch {
    draft = undefined;
  }
  try {
    local?.removeItem(name);
  } catch {
    /* blocked: nothing kept */
  }
  if (draft && !session.load()) session.save({ ...draft, remember: false, expiresAt: undefined });
  return session.load();
}

/** What the sweep leaves: the keys of expired drafts, and sealing drafts still in clear text. */
export async function afterSweep({ expired, clearText }: Swept): Promise<void> {
  for (const name of clearText) {
    const store = sealedDrafts(name);
    if (!store) moveToSession(name);
    else {
      const draft = await store.load();
      if (draft && !draft.remember) moveToSession(name, draft);
    }
  }
  await Promise.all(expired.map((name) => sealedDrafts(name)?.remove()));
}
