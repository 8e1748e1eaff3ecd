import type { SchemaModel } from './schema.js';

/** The body of a submission (`POST` to the endpoint). */
export interface Submission {
  definition: { id: string; version: string };
  /** The language the citizen used (BCP 47). */
  locale: string;
  /** The answers that apply; answers of fields that no longer apply are left out. */
  data: Record<string, unknown>;
  /** The payment made for this application's fees (the server checks it was paid, for this amount). */
  payment?: { id: string };
  /** Uploaded evidence by document id (`{ id, name, type, size, sha256 }` each). */
  documents?: Record<
    string,
    { id: string; name: string; type: string; size: number; sha256: string }[]
  >;
}

/** Unicode NFC for every string, so browser and server agree on what was typed. */
export function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normalizeStrings(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: normalizeStrings(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}

export function buildSubmission(model: SchemaModel, data: unknown, locale: string): Submission {
  return {
    definition: { id: model.definition.id, version: model.definition.version },
    locale,
    data: normalizeStrings(model.prune(data)),
  };
}
