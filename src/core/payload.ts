import type { SchemaModel } from './schema.js';
import type { OutcomeType } from './types.js';

/** eIDAS levels of assurance, as BundID reports them (Basisregistrierung: `low`; eID: `high`). */
export type TrustLevel = 'low' | 'substantial' | 'high';

/** What a host portal that signed the citizen in verified, as sent with the application. */
export interface SubmittedIdentity {
  trustLevel: TrustLevel;
  /** Who verified it, e.g. `BundID`. */
  source?: string;
  /** Pointers of the answers that are exactly as verified (those the citizen corrected are left out). */
  verified: string[];
  /**
   * The portal's signed assertion (a JWT), passed on unchanged: what the server relies on where
   * an outcome requires a trust level.
   */
  assertion?: string;
  /** On the server's record only: the identity was confirmed by a valid assertion. */
  confirmed?: boolean;
}

/** The body of a submission (`POST` to the endpoint). */
export interface Submission {
  definition: { id: string; version: string };
  /** The language the citizen used (BCP 47). */
  locale: string;
  /** The answers that apply; answers of fields that no longer apply are left out. */
  data: Record<string, unknown>;
  /** The payment made for this application's fees (the server checks it was paid, for this amount). */
  payment?: { id: string };
  /** Format 2: what the flow ends in, when the definition offers more than a submission. */
  outcome?: OutcomeType;
  /** Format 2: identity attributes a portal verified (absent without a login). */
  identity?: SubmittedIdentity;
  /** Uploaded evidence by document id (`{ id, name, type, size, sha256 }` each). */
  documents?: Record<
    string,
    { id: string; name: string; type: string; size: number; sha256: string }[]
  >;
}

/** Unicode NFC for every string, so browser and server agree on what was typed. */
export function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeStrings) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const normalized = normalizeStrings((value as Record<string, unknown>)[key]);
      // A "__proto__" key is an own key like any other, never the prototype.
      if (key === '__proto__')
        Object.defineProperty(out, key, {
          value: normalized,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = normalized;
    }
    return out as T;
  }
  return value;
}

/**
 * The body of a submission of `data` in `locale`. `applicable`: the answers of `data` that apply,
 * when the caller has them already (else they are worked out here).
 */
export function buildSubmission(
  model: SchemaModel,
  data: unknown,
  locale: string,
  applicable: Readonly<Record<string, unknown>> = model.prune(data),
): Submission {
  return {
    definition: { id: model.definition.id, version: model.definition.version },
    locale,
    data: normalizeStrings(applicable),
  };
}
