/**
 * The identity a portal confirmed, checked by the server (format 2). What the browser states about
 * an identity is only a statement; where an outcome requires a trust level (e.g. the eID for a
 * declaration given online, § 3a Abs. 2 VwVfG), the server relies on a signed assertion of the
 * portal instead: a JWT (JWS compact form) that the portal's keys sign, naming the trust level
 * (`acr`) and the attributes it verified. It is checked here with the operator's trust settings
 * (the portal's public keys, its issuer, this service as audience) and compared with the answers:
 * only answers still exactly as asserted count as verified.
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { verifiedPointers, TRUST_LEVELS } from '../src/core/identity.js';
import type { SubmittedIdentity, TrustLevel } from '../src/core/payload.js';
import type { Definition } from '../src/core/types.js';

/** Which portal's assertions the server accepts (`IDENTITY_JWKS`, `IDENTITY_ISSUER`, `IDENTITY_AUDIENCE`). */
export interface IdentityTrust {
  /** The portal's public keys. */
  jwks: JSONWebKeySet;
  /** The portal's `iss`. */
  issuer: string;
  /** This service as the portal names it in `aud`. */
  audience: string;
  /** How old an assertion may be (seconds since `iat`; default 30 minutes). */
  maxAgeSeconds?: number;
}

/** The eIDAS levels of assurance as `acr` values, and the plain names. */
const ACR: Record<string, TrustLevel> = {
  'http://eidas.europa.eu/LoA/low': 'low',
  'http://eidas.europa.eu/LoA/substantial': 'substantial',
  'http://eidas.europa.eu/LoA/high': 'high',
  low: 'low',
  substantial: 'substantial',
  high: 'high',
};

/** Asymmetric signatures only: a shared secret would let anyone holding it assert identities. */
const ALGORITHMS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'EdDSA'];

export type Confirmation =
  { ok: true; identity: SubmittedIdentity } | { ok: false; reason: 'untrusted' | 'invalid' };

/**
 * Checks a portal's assertion for `data`: its signature, issuer, audience and age, the trust level
 * it names and the attributes it verified. `at` is the moment it must have been valid (default
 * now; an application held with a payment is checked for when the payment was requested).
 * `untrusted`: this server trusts no portal. `invalid`: the assertion does not hold.
 */
export async function confirmIdentity(
  trust: IdentityTrust | undefined,
  assertion: string,
  definition: Definition,
  data: unknown,
  at?: Date,
): Promise<Confirmation> {
  if (!trust) return { ok: false, reason: 'untrusted' };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(trust.jwks), {
      issuer: trust.issuer,
      audience: trust.audience,
      algorithms: ALGORITHMS,
      maxTokenAge: trust.maxAgeSeconds ?? 30 * 60,
      requiredClaims: ['iat', 'exp'],
      ...(at ? { currentDate: at } : {}),
    }));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const trustLevel = typeof payload.acr === 'string' ? ACR[payload.acr] : undefined;
  const attributes = payload.attributes;
  if (
    !trustLevel ||
    !TRUST_LEVELS.includes(trustLevel) ||
    typeof attributes !== 'object' ||
    attributes === null ||
    Array.isArray(attributes)
  )
    return { ok: false, reason: 'invalid' };
  const verified = verifiedPointers(definition, data, {
    trustLevel,
    attributes: attributes as Record<string, unknown>,
  });
  return {
    ok: true,
    identity: { trustLevel, source: trust.issuer, verified, confirmed: true },
  };
}
