/**
 * The reference intake server and demo: validates submissions with the very same core and
 * definitions as the browser, stores them (SQLite by default), and serves the demo pages and a
 * token-protected inbox for the authority. node:http only; binds to 127.0.0.1 unless told otherwise.
 *
 * This file wires the parts and routes requests: HTTP plumbing (http.ts), static files
 * (static.ts), idempotency (idempotency.ts), the one check of an application (applications.ts),
 * submissions (submissions.ts), hand-offs to a second party and the applicant's status
 * (handoffs.ts, capabilities.ts), payments (payment-routes.ts, payments.ts), uploads
 * (uploads.ts), the inbox (inbox.ts).
 */
import { partPdf } from './part-pdf.js';
import type { IdentityTrust } from './identity-trust.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApplications } from './applications.js';
import { loadDefinitions } from './definitions.js';
import {
  authorize,
  checkCsrf,
  corsHeaders,
  HTML_HEADERS,
  HttpError,
  problem,
  readBody,
  send,
} from './http.js';
import { createHandOffs, stateAt } from './handoffs.js';
import { inboxPage } from './inbox.js';
import { createPaymentRoutes } from './payment-routes.js';
import { TestProvider, type PaymentProvider } from './payments.js';
import { createSealer } from './seal.js';
import { assertNotServed, serveFile } from './static.js';
import type { Store } from './store.js';
import { createSubmissions } from './submissions.js';
import { createUploads, type UploadLimits } from './uploads.js';
import { createValidationPool, type ValidationOptions } from './validation.js';

export { STRICT_CSP, BODY_DEPTH } from './http.js';
export { STATIC_DIRS, assertNotServed } from './static.js';

export interface AppOptions {
  /** The project root (dist/, demo/, src/definitions/). */
  root: string;
  store: Store;
  /** Bearer token for the inbox (`GET /api/submissions`, `/inbox`); without one the inbox is closed. */
  inboxToken?: string | undefined;
  /**
   * Origins allowed to post from other sites (CORS), and to be returned to after a payment; none
   * by default.
   */
  allowedOrigins?: string[];
  /**
   * The origin citizens reach this server at (e.g. `https://antrag.example.de`): payments may
   * return there. Default: the address the server listens on (`http://127.0.0.1:8080`).
   */
  publicOrigin?: string | undefined;
  /**
   * How long an idempotency key is held for a request in progress (ms, default 60 s). A request
   * whose process died gives its key up when this runs out; a retry then goes ahead.
   */
  claimLeaseMs?: number;
  /**
   * The key that seals what is kept for a while (an application held with its payment): 32 bytes.
   * Default: a random key for this process (held applications do not survive a restart);
   * `npm start` keeps one (DATA_KEY, or a key file in the data directory).
   */
  dataKey?: Buffer;
  /** How long an application is held with its payment for the citizen to finish (ms, default 3 days). */
  holdMs?: number;
  /** Validation in worker threads within a time budget. */
  validation?: ValidationOptions & { workerUrl?: URL };
  /** Expiry of uploads and limits per client and in all. */
  uploadLimits?: Partial<UploadLimits>;
  /** The CSRF token of the Liferay-like demo page; a request that carries `x-csrf-token` must match it. */
  csrfToken?: string | undefined;
  /** Largest accepted request body in bytes. Default 1 MB. */
  bodyLimit?: number;
  /** Where uploaded files are kept (the tus file store). Default: `<root>/data/uploads`. */
  uploadsDir?: string;
  /** More folders of definitions (one sub-folder with a `definition.json` per service). */
  definitionDirs?: string[];
  /** The ePayment platform. Default: the test provider, served at `/test-provider/…`. */
  paymentProvider?: PaymentProvider;
  /**
   * How long an appointment's prepared application is kept before it is deleted (ms, default 90
   * days; `PREPARED_DAYS`).
   */
  preparedRetentionMs?: number;
  /** Hand-off and status lookups one client may make a minute (default 60). */
  capabilityLookupsPerMinute?: number;
  /**
   * The clock hand-offs, their expiry and retentions are reckoned by (ms since the epoch; default
   * `Date.now`): tests move it on.
   */
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
  /**
   * Whose signed identity assertions the server accepts (`IDENTITY_JWKS`, `IDENTITY_ISSUER`,
   * `IDENTITY_AUDIENCE`): a submission that requires a trust level is taken only with a valid
   * one. None (default): no identity is confirmed, and such a submission is refused.
   */
  identityTrust?: IdentityTrust | undefined;
}

/**
 * The server; when it is ready to validate (its workers are up), for readiness probes; and the
 * expiry sweep run now (it also runs every few minutes): hand-offs that ran out are marked
 * expired and their personal data deleted, prepared applications past their retention deleted.
 */
export type App = Server & { ready(): Promise<void>; expire(): Promise<void> };

export function createApp(options: AppOptions): App {
  const {
    root,
    store,
    inboxToken,
    allowedOrigins = [],
    csrfToken,
    bodyLimit = 1_000_000,
    claimLeaseMs = 60_000,
    holdMs = 3 * 24 * 60 * 60 * 1000,
    preparedRetentionMs = 90 * 24 * 60 * 60 * 1000,
    capabilityLookupsPerMinute = 60,
    now = Date.now,
    log = (entry) => console.log(JSON.stringify(entry)),
  } = options;
  const uploadsDir = options.uploadsDir ?? join(root, 'data', 'uploads');
  assertNotServed(root, uploadsDir, 'The uploads directory');
  const sealer = createSealer(options.dataKey ?? randomBytes(32));
  const testProvider = options.paymentProvider ? undefined : new TestProvider();
  const provider: PaymentProvider = options.paymentProvider ?? testProvider!;
  const definitions = loadDefinitions(root, options.definitionDirs);
  const uploads = createUploads({
    directory: uploadsDir,
    definitions,
    store,
    log,
    allowedOrigins,
    limits: options.uploadLimits,
  });
  const validation = createValidationPool({
    root,
    definitionDirs: options.definitionDirs ?? [],
    log,
    ...options.validation,
  });

  const apps = createApplications({
    store,
    definitions,
    validation,
    provider,
    log,
    now,
    identityTrust: options.identityTrust,
  });
  const idempotency = { store, claimLeaseMs, bodyLimit, csrfToken };
  const handOffs = createHandOffs(apps, idempotency, {
    store,
    definitions,
    now,
    log,
    lookupsPerMinute: capabilityLookupsPerMinute,
  });
  const submissions = createSubmissions(apps, idempotency, {
    handOffs,
    preparedMs: preparedRetentionMs,
    now,
  });
  const payments = createPaymentRoutes(apps, idempotency, {
    provider,
    sealer,
    allowedOrigins,
    publicOrigin: options.publicOrigin,
    address: () => server.address(),
    holdMs,
    log,
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cors = corsHeaders(req, allowedOrigins);
    const path = url.pathname;
    if (
      (path === '/api/submissions' ||
        path === '/api/submissions/status' ||
        path.startsWith('/api/payments') ||
        path === '/api/handoffs' ||
        path === '/api/handoffs/submission') &&
      req.method === 'OPTIONS'
    ) {
      if (Object.keys(cors).length === 0) throw new HttpError(403, 'Origin not allowed');
      return send(res, 204, cors, '');
    }
    if (path === '/api/submissions' && req.method === 'POST')
      return submissions.submit(req, res, cors);
    // Capabilities in headers, never in URLs (which reach logs): the status secret, the hand-off token.
    if (path === '/api/submissions/status' && req.method === 'GET')
      return handOffs.status(req, res, cors);
    if (path === '/api/handoffs' && req.method === 'GET') return handOffs.view(req, res, cors);
    if (path === '/api/handoffs/submission' && req.method === 'POST')
      return handOffs.complete(req, res, cors);
    if (path === '/api/submissions' && req.method === 'GET') {
      authorize(req, inboxToken);
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 50) || 50, 1), 500);
      const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
      const page = store.list({ limit, offset });
      const at = now();
      return send(
        res,
        200,
        { 'content-type': 'application/json' },
        JSON.stringify({
          ...page,
          items: page.items.map((item) => ({ ...item, state: stateAt(item, at) })),
        }),
      );
    }
    if (uploads.handles(path)) {
      checkCsrf(req, csrfToken);
      // Files are read back only by the authority, through the inbox (tus' download extension is off).
      if (req.method === 'GET')
        throw new HttpError(
          405,
          'Method Not Allowed',
          {},
          { allow: 'POST, HEAD, PATCH, DELETE, OPTIONS' },
        );
      return uploads.handle(req, res);
    }
    if (path === '/api/payments' && req.method === 'POST')
      return payments.createPayment(req, res, cors);
    const held = /^\/api\/payments\/(?:(pay_[0-9a-f]{32})\/)?submission$/.exec(path);
    if (held && req.method === 'POST') return payments.submitHeld(req, res, cors, held[1]);
    const pay = /^\/api\/payments\/(pay_[0-9a-f]{32})$/.exec(path);
    if (pay && req.method === 'GET') {
      // The id is the capability: unguessable, and the record holds no personal data.
      const record = store.getPayment(pay[1]!);
      if (!record) throw new HttpError(404, 'Not Found');
      const current = await apps.refreshed(record);
      return send(
        res,
        200,
        { 'content-type': 'application/json', ...cors },
        JSON.stringify(payments.paymentView(current)),
      );
    }
    const testPay = /^\/test-provider\/pay\/(T[0-9a-f]{24})$/.exec(path);
    if (testPay && testProvider) {
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req, 10_000));
        const back = testProvider.complete(testPay[1]!, form.get('outcome') ?? '');
        if (!back) throw new HttpError(404, 'Not Found');
        return send(res, 303, { location: back }, '');
      }
      const page = testProvider.payPage(testPay[1]!);
      if (!page) throw new HttpError(404, 'Not Found');
      return send(res, 200, { 'content-type': 'text/html; charset=utf-8', ...HTML_HEADERS }, page);
    }
    const file = /^\/api\/submissions\/([0-9a-f-]{36})\/documents\/([0-9a-f]{32})$/.exec(path);
    if (file && req.method === 'GET') {
      // The authority downloads a file of an application (behind the inbox token).
      authorize(req, inboxToken);
      const record = store.get(file[1]!);
      const entry = record?.documents?.find((d) => d.id === file[2]);
      if (!entry) throw new HttpError(404, 'Not Found');
      const content = await readFile(join(uploadsDir, entry.id));
      return send(
        res,
        200,
        {
          'content-type': entry.type,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
          'x-upload-sha256': entry.sha256,
        },
        content,
      );
    }
    const part =
      /^\/api\/submissions\/([0-9a-f-]{36})\/parts\/([A-Za-z][A-Za-z0-9_-]{0,63})\.pdf$/.exec(path);
    if (part && req.method === 'GET') {
      // The authority prints a later party's part (e.g. the employer's declaration for the BA),
      // made from the stored answers when asked for (behind the inbox token).
      authorize(req, inboxToken);
      const record = store.get(part[1]!);
      const served = record && definitions.get(record.definitionId);
      const party = served?.definition.parties?.slice(1).find((p) => p.id === part[2]);
      if (!record || !served || !party || stateAt(record, now()) !== 'received')
        throw new HttpError(404, 'Not Found');
      const pdf = await partPdf(served, party.id, record.data, {
        reference: record.reference,
        receivedAt: record.completedAt ?? record.receivedAt,
      });
      return send(
        res,
        200,
        {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${record.reference}-${party.id}.pdf"`,
        },
        Buffer.from(pdf),
      );
    }
    const one = /^\/api\/submissions\/([0-9a-f-]{36})$/.exec(path);
    if (one && req.method === 'GET') {
      authorize(req, inboxToken);
      const record = store.get(one[1]!);
      if (!record) throw new HttpError(404, 'Not Found');
      // A hand-off that ran out: its data is not served, also before the sweep deleted it.
      const state = stateAt(record, now());
      const shown =
        state === 'expired' ? { ...record, state, data: null, identity: undefined } : record;
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(shown));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpError(405, 'Method Not Allowed');
    if (path === '/inbox') {
      authorize(req, inboxToken);
      return send(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8', ...HTML_HEADERS },
        inboxPage(store.list({ limit: 200, offset: 0 }), store, definitions, now()),
      );
    }
    const pages: Record<string, string> = {
      '/': 'demo/index.html',
      '/liferay': 'demo/liferay.html',
      '/quick-check': 'demo/quick-check.html',
      '/documents': 'demo/documents.html',
      '/verpflichtungserklaerung': 'demo/verpflichtungserklaerung.html',
      '/verpflichtungserklaerung/vorbereiten': 'demo/verpflichtungserklaerung-vorbereiten.html',
      '/beschaeftigungserlaubnis': 'demo/beschaeftigungserlaubnis.html',
      '/beschaeftigungserlaubnis/antrag': 'demo/beschaeftigungserlaubnis-antrag.html',
    };
    if (Object.prototype.hasOwnProperty.call(pages, path))
      return serveFile(res, root, `/${pages[path]!}`);
    if (path === '/demo/liferay-globals.js') {
      // What a Liferay page provides globally: an AMD loader's `define` and `Liferay.authToken`.
      const script = `window.define = function define() {}; window.define.amd = {};\nwindow.Liferay = { authToken: ${JSON.stringify(csrfToken ?? '')}, ThemeDisplay: { getBCP47LanguageId: function () { return 'de-DE'; } } };\n`;
      return send(res, 200, { 'content-type': 'text/javascript; charset=utf-8' }, script);
    }
    if (path.startsWith('/dist/') || path.startsWith('/demo/'))
      return serveFile(res, root, (req.url ?? '').split('?')[0]!);
    throw new HttpError(404, 'Not Found');
  }

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      await route(req, res, url);
    } catch (error) {
      if (error instanceof HttpError) problem(res, error);
      else {
        // No stack traces in responses; the log gets the message only.
        log({ event: 'error', message: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) problem(res, new HttpError(500, 'Internal Server Error'));
      }
    } finally {
      // No personal data in logs: method, path and status only.
      log({
        event: 'request',
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Date.now() - started,
      });
    }
  });
  const sweeping = uploads.sweep();
  // Held applications go when their time runs out, whether or not anyone asks.
  const dropping = setInterval(
    () => {
      const dropped = store.dropExpiredHolds(new Date().toISOString());
      if (dropped > 0) log({ event: 'payment.holds-expired', count: dropped });
    },
    Math.min(holdMs, 10 * 60 * 1000),
  );
  dropping.unref();
  /** Hand-offs that ran out, and prepared applications past their retention. */
  async function expire(): Promise<void> {
    const at = new Date(now()).toISOString();
    const expired = store.expireHandOffs(at);
    const deleted = store.deletePrepared(at);
    await uploads.removeFiles([...expired.uploadIds, ...deleted.uploadIds]);
    if (expired.references.length > 0)
      log({ event: 'handoff.expired', references: expired.references });
    if (deleted.count > 0) log({ event: 'prepared.deleted', count: deleted.count });
  }
  const expiring = setInterval(
    () =>
      void expire().catch((error: Error) =>
        log({ event: 'expiry.sweep-error', message: error.message }),
      ),
    5 * 60 * 1000,
  );
  expiring.unref();
  server.on('close', () => {
    clearInterval(sweeping);
    clearInterval(dropping);
    clearInterval(expiring);
    void validation.close();
  });
  server.on('listening', () => {
    validation.warm();
    // What ran out while the server was down goes at once.
    void expire().catch((error: Error) =>
      log({ event: 'expiry.sweep-error', message: error.message }),
    );
  });
  return Object.assign(server, { ready: () => validation.ready(), expire });
}
