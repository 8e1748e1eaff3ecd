/**
 * Encryption at rest for what the server keeps only for a while (an application held with its
 * payment): AES-256-GCM with a random IV per value, bound to the record it belongs to (as
 * additional data), so a sealed value moved to another record does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Sealer {
  seal(value: unknown, boundTo: string): string;
  /** The value, or undefined when it does not open (another key, another record, altered). */
  open(sealed: string, boundTo: string): unknown;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes (AES-256)');
  return {
    seal(value, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo));
      const text = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64');
    },
    open(sealed, boundTo) {
      try {
        const bytes = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12), {
          authTagLength: 16,
        });
        decipher.setAAD(Buffer.from(boundTo));
        decipher.setAuthTag(bytes.subarray(12, 28));
        const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
        return JSON.parse(text.toString('utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The data key: `DATA_KEY` (base64 of 32 bytes) from the platform's secret store, or else a key
 * file made once beside the data (readable by the server's user only). A key in a file next to the
 * database protects a copied database file, not a copied data directory: production sets DATA_KEY.
 */
export function dataKey(env: string | undefined, keyFile: string): Buffer {
  if (env) {
    const key = Buffer.from(env, 'base64');
    if (key.length !== 32) throw new Error('DATA_KEY must be the base64 of 32 random bytes');
    return key;
  }
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  const key = readFileSync(keyFile);
  if (key.length !== 32) throw new Error(`${keyFile} must hold 32 bytes`);
  return key;
}
