/**
 * Where received applications are kept. A narrow interface, so that a PostgreSQL store can follow
 * (see docs/operations.md); the default is SQLite in a file under the data directory.
 */

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim =
  | { state: 'new' }
  /** The same key and body were answered before: send that answer again. */
  | { state: 'replay'; response: StoredResponse }
  /** The same key came with another body. */
  | { state: 'mismatch' }
  /** The same key is being processed right now. */
  | { state: 'in-flight' };

export interface NewSubmission {
  id: string;
  definitionId: string;
  definitionVersion: string;
  locale: string;
  /** The reference number's prefix, e.g. `EB`; the store numbers per prefix and year. */
  prefix: string;
  receivedAt: Date;
  data: unknown;
}

export interface SubmissionSummary {
  id: string;
  reference: string;
  definitionId: string;
  definitionVersion: string;
  locale: string;
  receivedAt: string;
}

export interface SubmissionRecord extends SubmissionSummary {
  data: unknown;
}

export interface Store {
  /** Claims an idempotency key for a request body (by its fingerprint). */
  claim(key: string, fingerprint: string): Claim;
  /** Gives a claim up without storing anything (e.g. the body was invalid). */
  release(key: string): void;
  /**
   * Stores a submission, numbers it, and records the response for the key — all or nothing.
   * `respond` builds the response from the stored record.
   */
  store(
    key: string,
    submission: NewSubmission,
    respond: (record: SubmissionSummary) => StoredResponse,
  ): StoredResponse;
  list(options: { limit: number; offset: number }): { total: number; items: SubmissionSummary[] };
  get(id: string): SubmissionRecord | undefined;
  close(): void;
}
