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

export interface PaymentRecord {
  /** Our opaque id (what the return URL carries). */
  id: string;
  definitionId: string;
  definitionVersion: string;
  /** Cents; computed by the server from the definition and the data, never taken from the browser. */
  amount: number;
  currency: string;
  /** The fee lines that make up the amount, for the record. */
  lines: unknown;
  purpose: string;
  provider: string;
  transactionId: string;
  payPageUrl: string;
  status: 'pending' | 'paid' | 'cancelled' | 'failed';
  /** E.g. the Kassenzeichen, once the provider confirmed the payment. */
  transactionReference?: string | undefined;
  /** The application this payment was used for (once). */
  submissionId?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

/** A complete, checked upload (see server/uploads.ts). */
export interface UploadRecord {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** The definition and document it was uploaded for (empty for a standalone upload). */
  definitionId: string;
  documentId: string;
  createdAt: string;
  /** The application it was used for (once). */
  submissionId?: string | undefined;
}

export interface NewSubmission {
  id: string;
  definitionId: string;
  definitionVersion: string;
  locale: string;
  /** The reference number's prefix, e.g. `EB`; the store numbers per prefix and year. */
  prefix: string;
  receivedAt: Date;
  data: unknown;
  /** A payment the server saw succeed for this application's fees: used up with it, in one transaction. */
  paymentId?: string | undefined;
  /** Uploads the application references: used up with it, in the same transaction. */
  uploadIds?: string[];
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
  /** The files the application references, by document. */
  documents?: {
    documentId: string;
    id: string;
    name: string;
    type: string;
    size: number;
    sha256: string;
  }[];
  /** The payment: `{ id, amount, currency, transactionReference }`, when the application was paid online. */
  payment?: { id: string; amount: number; currency: string; transactionReference?: string };
}

/** A payment was already used by another application, or is not paid. */
export class PaymentUnusableError extends Error {}

/** An upload was already used by another application. */
export class UploadUsedError extends Error {}

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
  /** Stores a new payment and records the response for the key — all or nothing. */
  createPayment(
    key: string,
    payment: PaymentRecord,
    respond: (payment: PaymentRecord) => StoredResponse,
  ): StoredResponse;
  getPayment(id: string): PaymentRecord | undefined;
  recordUpload(upload: UploadRecord): void;
  getUpload(id: string): UploadRecord | undefined;
  /** Records what the provider said (status, reference). */
  updatePayment(id: string, update: Pick<PaymentRecord, 'status' | 'transactionReference'>): void;
  get(id: string): SubmissionRecord | undefined;
  close(): void;
}
