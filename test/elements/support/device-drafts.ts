/** Reading what the library keeps on the device, as a test (never through the library's code). */

export const DRAFT = 'ozg-forms:draft:einbuergerung';

/** Every raw string in localStorage, keys and values. */
export function localStrings(): string[] {
  return Object.keys(localStorage).flatMap((k) => [k, localStorage.getItem(k) ?? '']);
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The key kept in IndexedDB for the draft `name`, if any (without creating the database). */
export async function keptKey(name = DRAFT): Promise<CryptoKey | undefined> {
  const databases = await indexedDB.databases();
  if (!databases.some((d) => d.name === 'ozg-forms')) return undefined;
  const db = await request(indexedDB.open('ozg-forms'));
  try {
    if (!db.objectStoreNames.contains('draft-keys')) return undefined;
    return await request(db.transaction('draft-keys').objectStore('draft-keys').get(name));
  } finally {
    db.close();
  }
}

/** A draft as the version before kept it: clear text in localStorage. */
export function clearTextDraft(data: Record<string, unknown>, expiresAt: number): string {
  return JSON.stringify({
    format: 1,
    draft: {
      definitionId: 'einbuergerung',
      definitionVersion: '1.0.0',
      data,
      step: 0,
      idempotencyKey: '6b1f3c2e-0d4a-4f5e-9a8b-7c6d5e4f3a2b',
      remember: true,
      savedAt: expiresAt - 7 * 86_400_000,
      expiresAt,
    },
  });
}
