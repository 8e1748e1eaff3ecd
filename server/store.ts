/**
 * Where received applications are kept. A narrow interface, so that a PostgreSQL store can follow
 * (see docs/operations.md); the default is SQLite in a file under the data directory.
 */
import type { SubmittedIdentity } from '../src/core/payload.js';
import type { OutcomeType } from '../src/core/types.js';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An idempotency key as one request holds it: only the holder's token can complete or release it. */
export interface ClaimRef {
  key: string;
  token: string;
}

export type Claim =
  /** The key is this request's now (new, or taken over from a request whose lease ran out). */
  | { state: 'new'; token: string }
  /** The same key and body were answered before: send that answer again. */
  | { state: 'replay'; response: StoredResponse }
  /** The same key came with another body. */
  | { state: 'mismatch' }
  /** The same key is being processed right now (its lease has not run out). */
  | { state: 'in-flight'; retryAfterSeconds: number };

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
  /**
   * The application as the citizen confirmed it on the review, sealed (server/seal.ts), kept with
   * the payment so that it can be sent even when the tab was closed on the provider's page.
   * Dropped when it is sent, and at `heldUntil`.
   */
  held?: string | undefined;
  heldUntil?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

/**
 * Who may touch an upload before it is part of an application: the browser session that created
 * it (the hash of its `x-upload-session` secret), from which client address, and until when an
 * unfinished upload is kept.
 */
export interface UploadGrant {
  id: string;
  /** SHA-256 (hex) of the session secret; the secret itself is never stored. */
  sessionHash: string;
  /** The client it came from (its address), for the per-client limits. */
  client: string;
  /** Declared length in bytes. */
  size: number;
  createdAt: string;
  /** An unfinished upload is removed after this. */
  expiresAt: string;
  /** When all its bytes arrived and passed the checks. */
  completedAt?: string | undefined;
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

/**
 * Where an application stands: `received` (complete, for the authority), `waiting-for-party` (the
 * first party's part, until a later party completes it through the hand-off), `expired` (the
 * hand-off ran out: its personal data is deleted, reference, state and dates are kept),
 * `prepared` (an appointment's preparation, deleted after its retention).
 */
export type SubmissionState = 'received' | 'waiting-for-party' | 'expired' | 'prepared';

/** A hand-off to a later party: its token is a capability, stored only as its SHA-256. */
export interface HandOffRecord {
  /** Hex SHA-256 of the token. */
  tokenHash: string;
  submissionId: string;
  /** The party it hands the application to. */
  party: string;
  createdAt: string;
  expiresAt: string;
  /** When the party completed the application with it (it is used up then). */
  completedAt?: string | undefined;
}

/** What the citizen may learn with their status secret. */
export interface SubmissionStatus {
  id: string;
  /** Hex SHA-256 of the status secret (compared in constant time by the route). */
  statusSecretHash: string;
  reference: string;
  state: SubmissionState;
  /** Waiting: when the hand-off runs out; prepared: when it is deleted. */
  expiresAt?: string | undefined;
  /** Waiting: the party it waits for. */
  party?: string | undefined;
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
  /** Default `received`. */
  state?: SubmissionState;
  /** Default `submission`. */
  outcome?: OutcomeType;
  /** What a portal verified, as the application states it. */
  identity?: SubmittedIdentity | undefined;
  /** Hex SHA-256 of the citizen's status secret (the secret itself is never stored). */
  statusSecretHash?: string | undefined;
  /** Prepared: deleted after this; waiting: the hand-off's expiry. */
  expiresAt?: Date | undefined;
  /** Waiting: the hand-off to the later party, stored with the application in one transaction. */
  handOff?: { tokenHash: string; party: string; expiresAt: Date } | undefined;
}

export interface SubmissionSummary {
  id: string;
  reference: string;
  definitionId: string;
  definitionVersion: string;
  locale: string;
  receivedAt: string;
  state: SubmissionState;
  outcome: OutcomeType;
  /** Waiting: when the hand-off runs out; prepared: when it is deleted. */
  expiresAt?: string | undefined;
  /** When a later party completed it (hand-off). */
  completedAt?: string | undefined;
}

export interface SubmissionRecord extends SubmissionSummary {
  /** `null` once an expired hand-off's personal data is deleted. */
  data: unknown;
  /** What a portal verified, as the application stated it. */
  identity?: SubmittedIdentity;
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

/** A hand-off that was used already, ran out, or whose application no longer waits. */
export class HandOffGoneError extends Error {}

/**
 * The idempotency key is no longer this request's: its lease ran out and a retry took it over.
 * Nothing was stored; the retry's answer is the one that counts.
 */
export class ClaimLostError extends Error {}

export interface Store {
  /**
   * Claims an idempotency key for a request body (by its fingerprint), for `leaseMs`: a claim
   * whose request died with its process is taken over by the next request with that key once
   * the lease has run out.
   */
  claim(key: string, fingerprint: string, leaseMs: number): Claim;
  /** Gives a claim up without storing anything (e.g. the body was invalid). */
  release(claim: ClaimRef): void;
  /**
   * Stores a submission, numbers it, and records the response for the key — all or nothing, and
   * only while the claim is still this request's (else `ClaimLostError`). `respond` builds the
   * response from the stored record.
   */
  store(
    claim: ClaimRef,
    submission: NewSubmission,
    respond: (record: SubmissionSummary) => StoredResponse,
  ): StoredResponse;
  list(options: { limit: number; offset: number }): { total: number; items: SubmissionSummary[] };
  /** Stores a new payment and records the response for the key — all or nothing (as `store`). */
  createPayment(
    claim: ClaimRef,
    payment: PaymentRecord,
    respond: (payment: PaymentRecord) => StoredResponse,
  ): StoredResponse;
  getPayment(id: string): PaymentRecord | undefined;
  /** Payments with this transaction reference (the Kassenzeichen on the citizen's receipt). */
  paymentsByReference(transactionReference: string): PaymentRecord[];
  /** Payments not yet settled that hold an application until after `now`, newest first. */
  pendingHeldPayments(now: string, limit: number): PaymentRecord[];
  /** Drops held applications whose time ran out; returns how many. */
  dropExpiredHolds(now: string): number;
  /** Drops the application held with one payment (it was cancelled or failed). */
  dropHold(id: string): void;
  /** Records a complete, checked upload (and marks its grant complete). */
  recordUpload(upload: UploadRecord): void;
  /** Records who created an upload, when it is created. */
  grantUpload(grant: UploadGrant): void;
  getUploadGrant(id: string): UploadGrant | undefined;
  /** Unfinished, unexpired uploads (of one client, or of all): how many, and their declared bytes. */
  unfinishedUploads(now: string, client?: string): { count: number; bytes: number };
  /**
   * Uploads to remove: unfinished ones past their expiry, and complete ones that no application
   * used and that were completed before `completedBefore`.
   */
  expiredUploads(now: string, completedBefore: string): string[];
  /** Forgets an upload that no application uses (its grant and its record); false if one does. */
  forgetUpload(id: string): boolean;
  /** Keeps uploads (from the sweep) until then: an application held with a payment uses them. */
  keepUploads(ids: string[], until: string): void;
  getUpload(id: string): UploadRecord | undefined;
  /** Records what the provider said (status, reference). */
  updatePayment(id: string, update: Pick<PaymentRecord, 'status' | 'transactionReference'>): void;
  get(id: string): SubmissionRecord | undefined;
  /** The hand-off with this token hash (used, expired or not). */
  getHandOff(tokenHash: string): HandOffRecord | undefined;
  /**
   * Completes a waiting application with the later party's answers (`data`: the joined
   * application), uses its hand-off up and records the response for the key — all or nothing,
   * and only while the hand-off is unused and unexpired at `now` and the application waits (else
   * `HandOffGoneError`), and the claim is this request's (else `ClaimLostError`).
   */
  completeHandOff(
    claim: ClaimRef,
    completion: { tokenHash: string; data: unknown; definitionVersion: string; now: string },
    respond: (record: SubmissionSummary) => StoredResponse,
  ): StoredResponse;
  /** The application a status secret (by its hash) belongs to. */
  statusBySecret(secretHash: string): SubmissionStatus | undefined;
  /**
   * Replaces an application's status secret and, while it waits, its hand-off's token (by their
   * hashes): a replayed answer carries new ones, since only hashes are kept.
   */
  renewSecrets(
    submissionId: string,
    hashes: { statusSecretHash: string; tokenHash?: string | undefined },
  ): void;
  /**
   * Applications whose hand-off ran out before `now`: marked `expired`, their personal data
   * (answers, identity, uploaded files' records) deleted; reference, state and dates kept.
   * Returns their references and the ids of the uploads whose files are to be removed.
   */
  expireHandOffs(now: string): { references: string[]; uploadIds: string[] };
  /**
   * Prepared applications whose retention ended before `now`: deleted with their uploads'
   * records. Returns how many, and the ids of the uploads whose files are to be removed.
   */
  deletePrepared(now: string): { count: number; uploadIds: string[] };
  close(): void;
}
