/**
 * A definition's fingerprint: SHA-256 of its canonical JSON (keys sorted), so a precompiled
 * validator can say which definition it was compiled from. Web Crypto, in browsers (secure
 * contexts) and Node alike.
 */

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of the canonical JSON, or undefined where Web Crypto is not available (plain http). */
export async function definitionDigest(definition: unknown): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const bytes = new TextEncoder().encode(canonicalJson(definition));
  const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}
