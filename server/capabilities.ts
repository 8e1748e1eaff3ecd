/**
 * Capabilities: secrets whose possession is the permission (a hand-off link's token, the status
 * secret an applicant keeps). 256 bits from `crypto.randomBytes`, written base64url; the server
 * stores only their SHA-256 and compares hashes in constant time. A request that carries an
 * unknown or malformed one takes the same path as any other: hashed, looked up, compared.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 bytes: 256 bits. */
export const CAPABILITY_BYTES = 32;

/** Hex SHA-256 of a capability (what is stored and looked up). */
export function capabilityHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new capability and its hash. */
export function newCapability(): { secret: string; hash: string } {
  const secret = randomBytes(CAPABILITY_BYTES).toString('base64url');
  return { secret, hash: capabilityHash(secret) };
}

/** Whether two hex SHA-256 hashes are equal, in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

/**
 * The capability a request carries in `header` (any text, so that a malformed one takes the same
 * path as a wrong one), at most 200 characters; the empty text when it carries none.
 */
export function capabilityOf(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return text.slice(0, 200);
}
