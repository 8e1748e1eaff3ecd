/**
 * `npm start`: the demo pages, the reference endpoint and the inbox on http://127.0.0.1:8080.
 * Environment: HOST, PORT, DATA_DIR (default ./data), INBOX_TOKEN (default: a random one, printed),
 * ALLOWED_ORIGINS (comma-separated, for CORS; none by default).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { openSqliteStore } from './sqlite-store.js';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
const dataDir = resolve(process.env.DATA_DIR ?? `${root}/data`);
const inboxToken = process.env.INBOX_TOKEN || randomBytes(18).toString('base64url');
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

const store = openSqliteStore(dataDir);
const server = createApp({
  root,
  store,
  uploadsDir: resolve(dataDir, 'uploads'),
  inboxToken,
  allowedOrigins,
  csrfToken: randomBytes(12).toString('base64url'),
});
server.listen(port, host, () => {
  const address = server.address();
  const base = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`ozg-forms demo:          ${base}/`);
  console.log(`quick-check:             ${base}/quick-check`);
  console.log(`document upload:         ${base}/documents`);
  console.log(`Liferay-like page:       ${base}/liferay`);
  console.log(`submission endpoint:     ${base}/api/submissions`);
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
