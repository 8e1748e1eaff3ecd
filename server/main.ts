/**
 * `npm start`: the demo pages, the reference endpoint and the inbox on http://127.0.0.1:8080.
 * Environment: HOST, PORT, DATA_DIR (default ./data), INBOX_TOKEN (default: a random one, printed),
 * PUBLIC_ORIGIN (where citizens reach the server; default http://HOST:PORT), ALLOWED_ORIGINS
 * (comma-separated, for CORS and payment return pages; none by default), CLAIM_LEASE_SECONDS
 * (default 60), UPLOAD_EXPIRY_HOURS (unfinished uploads; default 24), PREPARED_DAYS (how long an
 * appointment's prepared application is kept; default 90), DATA_KEY (base64 of 32 bytes that seal
 * applications held with their payment; default: a key file in DATA_DIR), IDENTITY_JWKS (a file
 * with the public keys of the portal whose identity assertions are accepted, as a JWK set),
 * IDENTITY_ISSUER and IDENTITY_AUDIENCE (its `iss`, and this service as its `aud`; all three or
 * none).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertNotServed, createApp } from './app.js';
import { openSqliteStore } from './sqlite-store.js';
import { dataKey } from './seal.js';
import type { IdentityTrust } from './identity-trust.js';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
const dataDir = resolve(process.env.DATA_DIR ?? `${root}/data`);
const inboxToken = process.env.INBOX_TOKEN || randomBytes(18).toString('base64url');
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);
const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value * 1000;
};

// Errors are logged as one JSON line, like every other entry (no stack traces, no personal data).
const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));

/*
 * The last line of defence: an error that escapes a request's handler (thrown from a stream's
 * callback, say) is logged and the server keeps serving everyone else. Node's docs warn that
 * state may be inconsistent after one; every request here keeps its state in the store, whose
 * transactions are all or nothing, so the other requests are safe to go on.
 */
process.on('uncaughtException', (error) =>
  log({ event: 'uncaught', message: error instanceof Error ? error.message : String(error) }),
);
process.on('unhandledRejection', (reason) =>
  log({ event: 'unhandled', message: reason instanceof Error ? reason.message : String(reason) }),
);

/** The portal whose identity assertions are accepted: all three settings, or none. */
function identityTrust(): IdentityTrust | undefined {
  const { IDENTITY_JWKS: file, IDENTITY_ISSUER: issuer, IDENTITY_AUDIENCE: audience } = process.env;
  if (!file && !issuer && !audience) return undefined;
  if (!file || !issuer || !audience)
    throw new Error('IDENTITY_JWKS, IDENTITY_ISSUER and IDENTITY_AUDIENCE go together');
  const jwks = JSON.parse(readFileSync(resolve(file), 'utf8')) as IdentityTrust['jwks'];
  if (!Array.isArray(jwks.keys) || jwks.keys.some((key) => 'd' in key || key.kty === 'oct'))
    throw new Error('IDENTITY_JWKS must be a JWK set of public keys');
  return { jwks, issuer, audience };
}

assertNotServed(root, dataDir, 'DATA_DIR');
const store = openSqliteStore(dataDir);
const server = createApp({
  root,
  store,
  uploadsDir: resolve(dataDir, 'uploads'),
  dataKey: dataKey(process.env.DATA_KEY, resolve(dataDir, 'data.key')),
  inboxToken,
  allowedOrigins,
  publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
  claimLeaseMs: seconds('CLAIM_LEASE_SECONDS', 60),
  uploadLimits: { unfinishedTtlMs: seconds('UPLOAD_EXPIRY_HOURS', 24) * 3600 },
  preparedRetentionMs: seconds('PREPARED_DAYS', 90) * 24 * 3600,
  csrfToken: randomBytes(12).toString('base64url'),
  identityTrust: identityTrust(),
  log,
});
server.listen(port, host, () => {
  const address = server.address();
  const base = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`ozg-forms demo:          ${base}/`);
  console.log(`quick-check:             ${base}/quick-check`);
  console.log(`document upload:         ${base}/documents`);
  console.log(`Liferay-like page:       ${base}/liferay`);
  console.log(`submission endpoint:     ${base}/api/submissions`);
  console.log(`hand-offs, status:       ${base}/api/handoffs, ${base}/api/submissions/status`);
  console.log(`payments (test mode):    ${base}/api/payments`);
  console.log(`uploads (tus):           ${base}/api/uploads`);
  console.log(`inbox (token below):     ${base}/inbox   (user: any, password: the token)`);
  console.log(
    `inbox token:             ${process.env.INBOX_TOKEN ? '(from INBOX_TOKEN)' : inboxToken}`,
  );
  console.log(`data directory:          ${dataDir}`);
});
const stop = () =>
  server.close(() => {
    store.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
