/** The default store: SQLite (better-sqlite3) in `<dataDir>/ozg-forms.sqlite`, migrated on open. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Claim,
  NewSubmission,
  Store,
  StoredResponse,
  SubmissionRecord,
  SubmissionSummary,
} from './store.js';

/** Schema migrations, applied in order once each (`PRAGMA user_version` counts them). */
const MIGRATIONS = [
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
];

interface SummaryRow {
  id: string;
  reference: string;
  definition_id: string;
  definition_version: string;
  locale: string;
  received_at: string;
}

function summary(row: SummaryRow): SubmissionSummary {
  return {
    id: row.id,
    reference: row.reference,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    locale: row.locale,
    receivedAt: row.received_at,
  };
}

export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'ozg-forms.sqlite'));
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

  const getKey = db.prepare<[string], { fingerprint: string; response: string | null }>(
    'SELECT fingerprint, response FROM idempotency_keys WHERE key = ?',
  );
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key, fingerprint, response, created_at) VALUES (?, ?, NULL, ?)',
  );
  const deleteKey = db.prepare('DELETE FROM idempotency_keys WHERE key = ? AND response IS NULL');
  const completeKey = db.prepare('UPDATE idempotency_keys SET response = ? WHERE key = ?');
  const nextNumber = db.prepare<[string], { value: number }>(
    `INSERT INTO reference_counters (scope, value) VALUES (?, 1)
     ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value`,
  );
  const insertSubmission = db.prepare(
    `INSERT INTO submissions (id, reference, definition_id, definition_version, locale, received_at, data)
     VALUES (@id, @reference, @definitionId, @definitionVersion, @locale, @receivedAt, @data)`,
  );
  const countAll = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM submissions');
  const listPage = db.prepare<[number, number], SummaryRow>(
    `SELECT id, reference, definition_id, definition_version, locale, received_at
     FROM submissions ORDER BY received_at DESC, reference DESC LIMIT ? OFFSET ?`,
  );
  const getOne = db.prepare<[string], SummaryRow & { data: string }>(
    'SELECT * FROM submissions WHERE id = ?',
  );

  const claim = db.transaction((key: string, fingerprint: string): Claim => {
    const row = getKey.get(key);
    if (!row) {
      insertKey.run(key, fingerprint, new Date().toISOString());
      return { state: 'new' };
    }
    if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (row.response === null) return { state: 'in-flight' };
    return { state: 'replay', response: JSON.parse(row.response) as StoredResponse };
  });

  const store = db.transaction(
    (
      key: string,
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
      };
      insertSubmission.run({ ...record, data: JSON.stringify(submission.data) });
      const response = respond(record);
      completeKey.run(JSON.stringify(response), key);
      return response;
    },
  );

  return {
    claim: (key, fingerprint) => claim(key, fingerprint),
    release: (key) => void deleteKey.run(key),
    store: (key, submission, respond) => store(key, submission, respond),
    list: ({ limit, offset }) => ({
      total: countAll.get()!.total,
      items: listPage.all(limit, offset).map(summary),
    }),
    get(id) {
      const row = getOne.get(id);
      return row
        ? ({ ...summary(row), data: JSON.parse(row.data) } as SubmissionRecord)
        : undefined;
    },
    close: () => db.close(),
  };
}
