/**
 * Identity from the host (format 2). A portal that signed the citizen in (BundID, eID, through
 * its own login: the library never speaks SAML or OIDC) hands in verified attributes and a trust
 * level; the definition's `identity.attributes` maps attribute names to data pointers. The
 * answers are prefilled from them, and the submission says which answers are still exactly as
 * verified, and at which trust level. Without an identity everything works as before.
 */
import { getAt, isObject, setAt } from './pointer.js';
import type { SubmittedIdentity, TrustLevel } from './payload.js';
import type { Definition } from './types.js';

/** The trust levels, weakest first. */
export const TRUST_LEVELS: readonly TrustLevel[] = ['low', 'substantial', 'high'];

/** What a portal hands in: attributes by name (e.g. `familyName`), as it verified them. */
export interface HostIdentity {
  trustLevel: TrustLevel;
  /** Who verified it, e.g. `BundID`. */
  source?: string;
  attributes: Record<string, unknown>;
  /**
   * The portal's signed assertion of the same (a JWT its keys sign, with `acr` and `attributes`),
   * passed on to the endpoint unchanged. An endpoint that requires a trust level relies on it,
   * never on `trustLevel` as the page states it.
   */
  assertion?: string;
}

/** Whether `level` is at least `required`. */
export function trustAtLeast(level: TrustLevel | undefined, required: TrustLevel): boolean {
  return level !== undefined && TRUST_LEVELS.indexOf(level) >= TRUST_LEVELS.indexOf(required);
}

/** An attribute value as an answer: texts (NFC), numbers and booleans; nothing else is taken. */
function answerOf(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string') {
    const text = value.normalize('NFC').trim();
    return text === '' ? undefined : text;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  return undefined;
}

/** The definition's mapping applied to an identity: each pointer with its verified answer. */
function verifiedAnswers(
  definition: Definition,
  identity: HostIdentity,
): { pointer: string; value: string | number | boolean }[] {
  const mapping = definition.identity?.attributes ?? {};
  const attributes = isObject(identity.attributes) ? identity.attributes : {};
  const out: { pointer: string; value: string | number | boolean }[] = [];
  for (const [name, pointer] of Object.entries(mapping)) {
    if (!Object.prototype.hasOwnProperty.call(attributes, name)) continue;
    const value = answerOf(attributes[name]);
    if (value !== undefined) out.push({ pointer, value });
  }
  return out;
}

/**
 * `data` with the verified answers filled in (a copy), and the pointers filled. A verified value
 * replaces what the draft held there: it is what the authority can rely on; the citizen may still
 * correct it (then it is no longer reported as verified, see `verifiedPointers`). Attributes the
 * definition does not map, and values that are no text, number or boolean, are ignored.
 */
export function applyIdentity(
  definition: Definition,
  data: unknown,
  identity: HostIdentity,
): { data: Record<string, unknown>; filled: string[] } {
  let out: unknown = isObject(data) ? data : {};
  const filled: string[] = [];
  for (const { pointer, value } of verifiedAnswers(definition, identity)) {
    out = setAt(out, pointer, value);
    filled.push(pointer);
  }
  return { data: out as Record<string, unknown>, filled };
}

/** The pointers whose answers in `data` are still exactly the verified values. */
export function verifiedPointers(
  definition: Definition,
  data: unknown,
  identity: HostIdentity,
): string[] {
  return verifiedAnswers(definition, identity)
    .filter(({ pointer, value }) => getAt(data, pointer) === value)
    .map(({ pointer }) => pointer);
}

/** What the submission carries (`Submission.identity`) for `data` under an identity. */
export function submittedIdentity(
  definition: Definition,
  data: unknown,
  identity: HostIdentity,
): SubmittedIdentity {
  return {
    trustLevel: identity.trustLevel,
    ...(identity.source !== undefined ? { source: identity.source } : {}),
    verified: verifiedPointers(definition, data, identity),
    ...(typeof identity.assertion === 'string' ? { assertion: identity.assertion } : {}),
  };
}
