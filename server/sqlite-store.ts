/** The default store: SQLite (better-sqlite3) in `<dataDir>/ozg-forms.sqlite`, migrated on open. */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ClaimLostError,
  HandOffGoneError,
  PaymentUnusableError,
  UploadUsedError,
  type Claim,
  type ClaimRef,
  type HandOffRecord,
  type PaymentRecord,
  type NewSubmission,
  type Store,
  type StoredResponse,
  type SubmissionRecord,
  type SubmissionState,
  type SubmissionSummary,
  type UploadRecord,
} from './store.js';

/** Schema migrations, applied in order once each (`PRAGMA user_version` counts them). */
export const MIGRATIONS = [
  `CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     definition_id TEXT NOT NULL,
     definition_version TEXT NOT NULL,
     locale TEXT NOT NULL,
     received_at TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX submissions_received_at ON submissions (received_at);
   CREATE TABLE reference_counters (
     scope TEXT PRIMARY KEY,
     value INTEGER NOT NULL
   );
   CREATE TABLE idempotency_keys (
     key TEXT PRIMARY KEY,
     fingerprint TEXT NOT NULL,
     response TEXT,
     created_at TEXT NOT NULL
   );`,
  `CREATE TABLE payments (
     id TEXT PRIMARY KEY,
     definition_id TEXT NOT NULL,
     definition_version TEXT NOT NULL,
     amount INTEGER NOT NULL,
     currency TEXT NOT NULL,
     lines TEXT NOT NULL,
     purpose TEXT NOT NULL,
     provider TEXT NOT NULL,
     transaction_id TEXT NOT NULL,
     pay_page_url TEXT NOT NULL,
     status TEXT NOT NULL,
     transaction_reference TEXT,
     submission_id TEXT UNIQUE REFERENCES submissions (id),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   ALTER TABLE submissions ADD COLUMN payment_id TEXT REFERENCES payments (id);`,
  `CREATE TABLE uploads (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     definition_id TEXT NOT NULL,
     document_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     submission_id TEXT REFERENCES submissions (id)
   );
   CREATE INDEX uploads_submission ON uploads (submission_id);`,
  // The token of the request that holds a key (a lease from created_at), and who owns an upload.
  `ALTER TABLE idempotency_keys ADD COLUMN token TEXT;
   CREATE TABLE upload_grants (
     id TEXT PRIMARY KEY,
     session_hash TEXT NOT NULL,
     client TEXT NOT NULL,
     size INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     completed_at TEXT,
     kept_until TEXT
   );
   CREATE INDEX upload_grants_client ON upload_grants (client, completed_at);
   CREATE INDEX upload_grants_expires ON upload_grants (expires_at);
   -- Uploads from before grants: no session may touch them, and the sweep removes unused ones.
   INSERT INTO upload_grants (id, session_hash, client, size, created_at, expires_at, completed_at)
     SELECT id, '', 'before-grants', size, created_at, created_at, created_at FROM uploads;`,
  // The application held with its payment (sealed), until it is sent or its time runs out.
  `ALTER TABLE payments ADD COLUMN held TEXT;
   ALTER TABLE payments ADD COLUMN held_until TEXT;
   CREATE INDEX payments_reference ON payments (transaction_reference);
   CREATE INDEX payments_held ON payments (status, held_until) WHERE held IS NOT NULL;`,
  // Definition format 2: where an application stands, its outcome and identity, the hash of the
  // citizen's status secret, and hand-offs to a later party (their tokens as hashes only).
  `ALTER TABLE submissions ADD COLUMN state TEXT NOT NULL DEFAULT 'received';
   ALTER TABLE submissions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'submission';
   ALTER TABLE submissions ADD COLUMN identity TEXT;
   ALTER TABLE submissions ADD COLUMN status_secret_hash TEXT;
   ALTER TABLE submissions ADD COLUMN expires_at TEXT;
   ALTER TABLE submissions ADD COLUMN completed_at TEXT;
   CREATE UNIQUE INDEX submissions_status_secret ON submissions (status_secret_hash);
   CREATE INDEX submissions_state_expires ON submissions (state, expires_at);
   CREATE TABLE handoffs (
     token_hash TEXT PRIMARY KEY,
     submission_id TEXT NOT NULL UNIQUE REFERENCES submissions (id),
     party TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     completed_at TEXT
   );
   CREATE INDEX handoffs_expires ON handoffs (expires_at) WHERE completed_at IS NULL;`,
];

interface GrantRow {
  id: string;
  session_hash: string;
  client: string;
  size: number;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
}

interface UploadRow {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  definition_id: string;
  document_id: string;
  created_at: string;
  submission_id: string | null;
}

interface PaymentRow {
  id: string;
  definition_id: string;
  definition_version: string;
  amount: number;
  currency: string;
  lines: string;
  purpose: string;
  provider: string;
  transaction_id: string;
  pay_page_url: string;
  status: PaymentRecord['status'];
  transaction_reference: string | null;
  submission_id: string | null;
  held: string | null;
  held_until: string | null;
  created_at: string;
  updated_at: string;
}

function payment(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    amount: row.amount,
    currency: row.currency,
    lines: JSON.parse(row.lines) as unknown,
    purpose: row.purpose,
    provider: row.provider,
    transactionId: row.transaction_id,
    payPageUrl: row.pay_page_url,
    status: row.status,
    transactionReference: row.transaction_reference ?? undefined,
    submissionId: row.submission_id ?? undefined,
    held: row.held ?? undefined,
    heldUntil: row.held_until ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface SummaryRow {
  id: string;
  reference: string;
  definition_id: string;
  definition_version: string;
  locale: string;
  received_at: string;
  state: SubmissionState;
  outcome: SubmissionSummary['outcome'];
  expires_at: string | null;
  completed_at: string | null;
}

function summary(row: SummaryRow): SubmissionSummary {
  return {
    id: row.id,
    reference: row.reference,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    locale: row.locale,
    receivedAt: row.received_at,
    state: row.state,
    outcome: row.outcome,
    ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
  };
}

interface HandOffRow {
  token_hash: string;
  submission_id: string;
  party: string;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
}

function handOff(row: HandOffRow): HandOffRecord {
  return {
    tokenHash: row.token_hash,
    submissionId: row.submission_id,
    party: row.party,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    completedAt: row.completed_at ?? undefined,
  };
}

export function openSqliteStore(dataDir: string): Store {
  // Applications are personal data: the folder and the database are the server user's alone
  // (SQLite gives its -wal and -shm files the database's permissions).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'ozg-forms.sqlite');
  const db = new Database(file);
  chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }

  const getKey = db.prepare<
    [string],
    { fingerprint: string; response: string | null; created_at: string }
  >('SELECT fingerprint, response, created_at FROM idempotency_keys WHERE key = ?');
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key, fingerprint, response, created_at, token) VALUES (?, ?, NULL, ?, ?)',
  );
  const takeOverKey = db.prepare(
    'UPDATE idempotency_keys SET fingerprint = ?, created_at = ?, token = ? WHERE key = ? AND response IS NULL',
  );
  const deleteKey = db.prepare(
    'DELETE FROM idempotency_keys WHERE key = ? AND token = ? AND response IS NULL',
  );
  const completeKey = db.prepare(
    'UPDATE idempotency_keys SET response = ?, token = NULL WHERE key = ? AND token = ? AND response IS NULL',
  );
  const insertGrant = db.prepare(
    `INSERT INTO upload_grants (id, session_hash, client, size, created_at, expires_at, completed_at)
     VALUES (@id, @sessionHash, @client, @size, @createdAt, @expiresAt, NULL)`,
  );
  const getGrantRow = db.prepare<[string], GrantRow>('SELECT * FROM upload_grants WHERE id = ?');
  const completeGrant = db.prepare('UPDATE upload_grants SET completed_at = ? WHERE id = ?');
  const unfinishedOf = db.prepare<[string, string], { count: number; bytes: number | null }>(
    `SELECT count(*) AS count, sum(size) AS bytes FROM upload_grants
     WHERE completed_at IS NULL AND expires_at > ? AND client = ?`,
  );
  const unfinishedAll = db.prepare<[string], { count: number; bytes: number | null }>(
    `SELECT count(*) AS count, sum(size) AS bytes FROM upload_grants
     WHERE completed_at IS NULL AND expires_at > ?`,
  );
  const expiredGrants = db.prepare<[string, string, string], { id: string }>(
    `SELECT g.id FROM upload_grants g LEFT JOIN uploads u ON u.id = g.id
     WHERE u.submission_id IS NULL AND (g.kept_until IS NULL OR g.kept_until <= ?)
       AND ((g.completed_at IS NULL AND g.expires_at <= ?) OR (g.completed_at IS NOT NULL AND g.completed_at < ?))`,
  );
  const keepGrant = db.prepare(
    'UPDATE upload_grants SET kept_until = max(coalesce(kept_until, ?), ?) WHERE id = ?',
  );
  const dropHold = db.prepare('UPDATE payments SET held = NULL, held_until = NULL WHERE id = ?');
  const deleteGrant = db.prepare(
    `DELETE FROM upload_grants WHERE id = ?
     AND NOT EXISTS (SELECT 1 FROM uploads WHERE id = ? AND submission_id IS NOT NULL)`,
  );
  const deleteUnusedUpload = db.prepare(
    'DELETE FROM uploads WHERE id = ? AND submission_id IS NULL',
  );
  const nextNumber = db.prepare<[string], { value: number }>(
    `INSERT INTO reference_counters (scope, value) VALUES (?, 1)
     ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value`,
  );
  const insertSubmission = db.prepare(
    `INSERT INTO submissions (id, reference, definition_id, definition_version, locale, received_at, data, payment_id,
       state, outcome, identity, status_secret_hash, expires_at)
     VALUES (@id, @reference, @definitionId, @definitionVersion, @locale, @receivedAt, @data, @paymentId,
       @state, @outcome, @identity, @statusSecretHash, @expiresAt)`,
  );
  const insertHandOff = db.prepare(
    `INSERT INTO handoffs (token_hash, submission_id, party, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const getHandOffRow = db.prepare<[string], HandOffRow>(
    'SELECT * FROM handoffs WHERE token_hash = ?',
  );
  const useHandOff = db.prepare(
    'UPDATE handoffs SET completed_at = ? WHERE token_hash = ? AND completed_at IS NULL AND expires_at > ?',
  );
  const completeSubmission = db.prepare(
    `UPDATE submissions SET data = ?, state = 'received', completed_at = ?, expires_at = NULL,
       definition_version = ?
     WHERE id = ? AND state = 'waiting-for-party'`,
  );
  const bySecret = db.prepare<
    [string],
    {
      id: string;
      reference: string;
      state: SubmissionState;
      expires_at: string | null;
      party: string | null;
      status_secret_hash: string;
    }
  >(
    `SELECT s.id, s.reference, s.state, s.expires_at, s.status_secret_hash, h.party FROM submissions s
     LEFT JOIN handoffs h ON h.submission_id = s.id AND h.completed_at IS NULL
     WHERE s.status_secret_hash = ?`,
  );
  const setSecret = db.prepare('UPDATE submissions SET status_secret_hash = ? WHERE id = ?');
  const setToken = db.prepare(
    'UPDATE handoffs SET token_hash = ? WHERE submission_id = ? AND completed_at IS NULL',
  );
  const expiredHandOffs = db.prepare<[string], { id: string; reference: string }>(
    `SELECT s.id, s.reference FROM submissions s JOIN handoffs h ON h.submission_id = s.id
     WHERE s.state = 'waiting-for-party' AND h.completed_at IS NULL AND h.expires_at <= ?`,
  );
  const expireSubmission = db.prepare(
    `UPDATE submissions SET state = 'expired', data = 'null', identity = NULL
     WHERE id = ? AND state = 'waiting-for-party'`,
  );
  const expiredPrepared = db.prepare<[string], { id: string }>(
    `SELECT id FROM submissions WHERE state = 'prepared' AND expires_at <= ? AND payment_id IS NULL`,
  );
  const deleteSubmission = db.prepare('DELETE FROM submissions WHERE id = ?');
  const uploadIdsOf = db.prepare<[string], { id: string }>(
    'SELECT id FROM uploads WHERE submission_id = ?',
  );
  const deleteUploadOf = db.prepare('DELETE FROM uploads WHERE id = ?');
  const deleteGrantOf = db.prepare('DELETE FROM upload_grants WHERE id = ?');
  const insertPayment = db.prepare(
    `INSERT INTO payments (id, definition_id, definition_version, amount, currency, lines, purpose, provider,
       transaction_id, pay_page_url, status, transaction_reference, submission_id, held, held_until,
       created_at, updated_at)
     VALUES (@id, @definitionId, @definitionVersion, @amount, @currency, @lines, @purpose, @provider,
       @transactionId, @payPageUrl, @status, NULL, NULL, @held, @heldUntil, @createdAt, @updatedAt)`,
  );
  const getPaymentRow = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?');
  const setPaymentStatus = db.prepare(
    `UPDATE payments SET status = ?, transaction_reference = coalesce(?, transaction_reference), updated_at = ?
     WHERE id = ?`,
  );
  const insertUpload = db.prepare(
    `INSERT INTO uploads (id, name, type, size, sha256, definition_id, document_id, created_at)
     VALUES (@id, @name, @type, @size, @sha256, @definitionId, @documentId, @createdAt)`,
  );
  const getUploadRow = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
  const uploadsOf = db.prepare<[string], UploadRow>(
    'SELECT * FROM uploads WHERE submission_id = ? ORDER BY document_id, created_at',
  );
  const useUpload = db.prepare(
    'UPDATE uploads SET submission_id = ? WHERE id = ? AND submission_id IS NULL',
  );
  // Used: the application it held is not kept a moment longer.
  const usePayment = db.prepare(
    `UPDATE payments SET submission_id = ?, updated_at = ?, held = NULL, held_until = NULL
     WHERE id = ? AND status = 'paid' AND submission_id IS NULL`,
  );
  const byReference = db.prepare<[string], PaymentRow>(
    'SELECT * FROM payments WHERE transaction_reference = ? ORDER BY created_at DESC',
  );
  const pendingHeld = db.prepare<[string, number], PaymentRow>(
    `SELECT * FROM payments WHERE status = 'pending' AND held IS NOT NULL AND held_until > ?
     ORDER BY created_at DESC LIMIT ?`,
  );
  const dropHolds = db.prepare(
    'UPDATE payments SET held = NULL, held_until = NULL WHERE held IS NOT NULL AND held_until <= ?',
  );
  const countAll = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM submissions');
  const listPage = db.prepare<[number, number], SummaryRow>(
    `SELECT id, reference, definition_id, definition_version, locale, received_at, state, outcome,
       expires_at, completed_at
     FROM submissions ORDER BY received_at DESC, reference DESC LIMIT ? OFFSET ?`,
  );
  const getOne = db.prepare<
    [string],
    SummaryRow & { data: string; payment_id: string | null; identity: string | null }
  >('SELECT * FROM submissions WHERE id = ?');

  const claim = db.transaction((key: string, fingerprint: string, leaseMs: number): Claim => {
    const row = getKey.get(key);
    const now = Date.now();
    const token = randomUUID();
    if (!row) {
      insertKey.run(key, fingerprint, new Date(now).toISOString(), token);
      return { state: 'new', token };
    }
    if (row.response !== null) {
      if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
      return { state: 'replay', response: JSON.parse(row.response) as StoredResponse };
    }
    const leaseEnds = Date.parse(row.created_at) + leaseMs;
    if (leaseEnds > now) {
      // In flight: another body under the same key is refused as soon as it is answered.
      if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
      return {
        state: 'in-flight',
        retryAfterSeconds: Math.max(1, Math.ceil((leaseEnds - now) / 1000)),
      };
    }
    // The request that held the key died (or hangs) past its lease: this one takes it over.
    takeOverKey.run(fingerprint, new Date(now).toISOString(), token, key);
    return { state: 'new', token };
  });

  /** Completes a claim with its response, or throws (rolling back) when it is no longer ours. */
  function complete(claimed: ClaimRef, response: StoredResponse): void {
    if (completeKey.run(JSON.stringify(response), claimed.key, claimed.token).changes !== 1)
      throw new ClaimLostError('The idempotency key was taken over by a retry');
  }

  const store = db.transaction(
    (
      claimed: ClaimRef,
      submission: NewSubmission,
      respond: (record: SubmissionSummary) => StoredResponse,
    ) => {
      const year = submission.receivedAt.getUTCFullYear();
      const scope = `${submission.prefix}-${year}`;
      const { value } = nextNumber.get(scope)!;
      const record: SubmissionSummary = {
        id: submission.id,
        reference: `${scope}-${String(value).padStart(6, '0')}`,
        definitionId: submission.definitionId,
        definitionVersion: submission.definitionVersion,
        locale: submission.locale,
        receivedAt: submission.receivedAt.toISOString(),
        state: submission.state ?? 'received',
        outcome: submission.outcome ?? 'submission',
        ...(submission.expiresAt ? { expiresAt: submission.expiresAt.toISOString() } : {}),
      };
      insertSubmission.run({
        ...record,
        expiresAt: record.expiresAt ?? null,
        data: JSON.stringify(submission.data),
        paymentId: submission.paymentId ?? null,
        identity: submission.identity ? JSON.stringify(submission.identity) : null,
        statusSecretHash: submission.statusSecretHash ?? null,
      });
      if (submission.handOff)
        insertHandOff.run(
          submission.handOff.tokenHash,
          record.id,
          submission.handOff.party,
          record.receivedAt,
          submission.handOff.expiresAt.toISOString(),
        );
      for (const upload of submission.uploadIds ?? []) {
        if (useUpload.run(record.id, upload).changes !== 1)
          throw new UploadUsedError('An upload is unknown or was used for another application');
      }
      if (submission.paymentId !== undefined) {
        const used = usePayment.run(record.id, record.receivedAt, submission.paymentId);
        if (used.changes !== 1)
          throw new PaymentUnusableError(
            'The payment is not paid or was used for another application',
          );
      }
      const response = respond(record);
      complete(claimed, response);
      return response;
    },
  );

  const createPayment = db.transaction(
    (claimed: ClaimRef, record: PaymentRecord, respond: (p: PaymentRecord) => StoredResponse) => {
      insertPayment.run({
        ...record,
        lines: JSON.stringify(record.lines),
        held: record.held ?? null,
        heldUntil: record.heldUntil ?? null,
      });
      const response = respond(record);
      complete(claimed, response);
      return response;
    },
  );

  const recordUpload = db.transaction((upload: UploadRecord) => {
    insertUpload.run(upload);
    completeGrant.run(upload.createdAt, upload.id);
  });

  /** Forgets an unused upload; false when an application uses it (then nothing changes). */
  const forgetUpload = db.transaction((id: string): boolean => {
    if (useCount.get(id)!.used > 0) return false;
    deleteUnusedUpload.run(id);
    deleteGrant.run(id, id);
    return true;
  });
  const useCount = db.prepare<[string], { used: number }>(
    'SELECT count(*) AS used FROM uploads WHERE id = ? AND submission_id IS NOT NULL',
  );

  const completeHandOff = db.transaction(
    (
      claimed: ClaimRef,
      completion: { tokenHash: string; data: unknown; definitionVersion: string; now: string },
      respond: (record: SubmissionSummary) => StoredResponse,
    ) => {
      const row = getHandOffRow.get(completion.tokenHash);
      if (!row || useHandOff.run(completion.now, row.token_hash, completion.now).changes !== 1)
        throw new HandOffGoneError('The hand-off was used or has run out');
      const done = completeSubmission.run(
        JSON.stringify(completion.data),
        completion.now,
        completion.definitionVersion,
        row.submission_id,
      );
      if (done.changes !== 1) throw new HandOffGoneError('The application no longer waits');
      const response = respond(summary(getOne.get(row.submission_id)!));
      complete(claimed, response);
      return response;
    },
  );

  /** Forgets the uploads of an application (records and grants); their ids, to remove the files. */
  function forgetUploadsOf(submissionId: string): string[] {
    const ids = uploadIdsOf.all(submissionId).map((r) => r.id);
    for (const id of ids) {
      deleteUploadOf.run(id);
      deleteGrantOf.run(id);
    }
    return ids;
  }

  const expireHandOffs = db.transaction((now: string) => {
    const references: string[] = [];
    const uploadIds: string[] = [];
    for (const { id, reference } of expiredHandOffs.all(now)) {
      uploadIds.push(...forgetUploadsOf(id));
      expireSubmission.run(id);
      references.push(reference);
    }
    return { references, uploadIds };
  });

  const deletePrepared = db.transaction((now: string) => {
    const uploadIds: string[] = [];
    const rows = expiredPrepared.all(now);
    for (const { id } of rows) {
      uploadIds.push(...forgetUploadsOf(id));
      deleteSubmission.run(id);
    }
    return { count: rows.length, uploadIds };
  });

  const renewSecrets = db.transaction(
    (
      submissionId: string,
      hashes: { statusSecretHash: string; tokenHash?: string | undefined },
    ) => {
      setSecret.run(hashes.statusSecretHash, submissionId);
      if (hashes.tokenHash !== undefined) setToken.run(hashes.tokenHash, submissionId);
    },
  );

  return {
    claim: (key, fingerprint, leaseMs) => claim(key, fingerprint, leaseMs),
    createPayment: (claimed, record, respond) => createPayment(claimed, record, respond),
    recordUpload: (upload) => void recordUpload(upload),
    grantUpload(grant) {
      insertGrant.run(grant);
    },
    getUploadGrant(id) {
      const row = getGrantRow.get(id);
      return row
        ? {
            id: row.id,
            sessionHash: row.session_hash,
            client: row.client,
            size: row.size,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
            completedAt: row.completed_at ?? undefined,
          }
        : undefined;
    },
    unfinishedUploads(now, client) {
      const row = client === undefined ? unfinishedAll.get(now)! : unfinishedOf.get(now, client)!;
      return { count: row.count, bytes: row.bytes ?? 0 };
    },
    expiredUploads: (now, completedBefore) =>
      expiredGrants.all(now, now, completedBefore).map((r) => r.id),
    forgetUpload: (id) => forgetUpload(id),
    keepUploads(ids, until) {
      for (const id of ids) keepGrant.run(until, until, id);
    },
    dropHold: (id) => void dropHold.run(id),
    getUpload(id) {
      const row = getUploadRow.get(id);
      return row
        ? {
            id: row.id,
            name: row.name,
            type: row.type,
            size: row.size,
            sha256: row.sha256,
            definitionId: row.definition_id,
            documentId: row.document_id,
            createdAt: row.created_at,
            submissionId: row.submission_id ?? undefined,
          }
        : undefined;
    },
    getPayment(id) {
      const row = getPaymentRow.get(id);
      return row ? payment(row) : undefined;
    },
    paymentsByReference: (reference) => byReference.all(reference).map(payment),
    pendingHeldPayments: (now, limit) => pendingHeld.all(now, limit).map(payment),
    dropExpiredHolds: (now) => dropHolds.run(now).changes,
    updatePayment(id, update) {
      setPaymentStatus.run(
        update.status,
        update.transactionReference ?? null,
        new Date().toISOString(),
        id,
      );
    },
    release: (claimed) => void deleteKey.run(claimed.key, claimed.token),
    store: (claimed, submission, respond) => store(claimed, submission, respond),
    list: ({ limit, offset }) => ({
      total: countAll.get()!.total,
      items: listPage.all(limit, offset).map(summary),
    }),
    getHandOff(tokenHash) {
      const row = getHandOffRow.get(tokenHash);
      return row ? handOff(row) : undefined;
    },
    completeHandOff: (claimed, completion, respond) =>
      completeHandOff(claimed, completion, respond),
    statusBySecret(secretHash) {
      const row = bySecret.get(secretHash);
      if (!row) return undefined;
      return {
        id: row.id,
        statusSecretHash: row.status_secret_hash,
        reference: row.reference,
        state: row.state,
        ...(row.expires_at && (row.state === 'waiting-for-party' || row.state === 'prepared')
          ? { expiresAt: row.expires_at }
          : {}),
        ...(row.party && row.state === 'waiting-for-party' ? { party: row.party } : {}),
      };
    },
    renewSecrets: (submissionId, hashes) => renewSecrets(submissionId, hashes),
    expireHandOffs: (now) => expireHandOffs(now),
    deletePrepared: (now) => deletePrepared(now),
    get(id) {
      const row = getOne.get(id);
      if (!row) return undefined;
      const record: SubmissionRecord = { ...summary(row), data: JSON.parse(row.data) };
      if (row.identity) record.identity = JSON.parse(row.identity);
      const files = uploadsOf.all(row.id);
      if (files.length > 0) {
        record.documents = files.map((f) => ({
          documentId: f.document_id,
          id: f.id,
          name: f.name,
          type: f.type,
          size: f.size,
          sha256: f.sha256,
        }));
      }
      const paid = row.payment_id ? getPaymentRow.get(row.payment_id) : undefined;
      if (paid) {
        record.payment = {
          id: paid.id,
          amount: paid.amount,
          currency: paid.currency,
          ...(paid.transaction_reference
            ? { transactionReference: paid.transaction_reference }
            : {}),
        };
      }
      return record;
    },
    close: () => db.close(),
  };
}
