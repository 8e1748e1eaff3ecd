/**
 * The reference intake server and demo: validates submissions with the very same core and
 * definitions as the browser, stores them (SQLite by default), and serves the demo pages and a
 * token-protected inbox for the authority. node:http only; binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { normalizeStrings } from '../src/core/payload.js';
import { paysOnline } from '../src/core/fees.js';
import { OUTDATED_DEFINITION } from '../src/core/http.js';
import { jsonDepthExceeds } from '../src/core/definition.js';
import { newPaymentId, TestProvider, type PaymentProvider } from './payments.js';
import { createUploads, type UploadLimits } from './uploads.js';
import { loadDefinitions, type Assessment, type ServedDefinition } from './definitions.js';
import {
  createValidationPool,
  ValidationBusyError,
  ValidationTimeoutError,
  type ValidationOptions,
} from './validation.js';
import { inboxPage } from './inbox.js';
import { createSealer } from './seal.js';
import {
  ClaimLostError,
  PaymentUnusableError,
  UploadUsedError,
  type ClaimRef,
  type PaymentRecord,
  type Store,
  type StoredResponse,
} from './store.js';

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
  log?: (entry: Record<string, unknown>) => void;
}

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const HTML_HEADERS = {
  'content-security-policy': STRICT_CSP,
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The folders under the root whose files are served as they are: the build and the demo pages.
 * Nothing else is, and the data directory may not lie in one of them.
 */
export const STATIC_DIRS = ['dist', 'demo'] as const;

/** A path segment a static file may have: no dot segments, no hidden files, nothing encoded. */
const STATIC_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** How deeply a request body may nest (an application is a few levels deep). */
export const BODY_DEPTH = 64;

/** Throws when `dir` is, or is inside, a folder the server serves files from. */
export function assertNotServed(root: string, dir: string, name: string): void {
  for (const served of STATIC_DIRS) {
    const inside = relative(resolve(root, served), resolve(dir));
    if (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep)))
      throw new Error(`${name} (${dir}) lies inside the served folder ${served}/: choose another`);
  }
}

const SUBMISSION_KEYS = new Set(['definition', 'locale', 'data', 'payment', 'documents']);
const PAYMENT_KEYS = new Set(['definition', 'locale', 'data', 'documents', 'returnUrl']);
const DIRECT_PAYMENT_KEYS = new Set(['amount', 'currency', 'purpose', 'locale', 'returnUrl']);
const PAYMENT_ID = /^pay_[0-9a-f]{32}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string | string[]> = {},
  ) {
    super(title);
  }
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): void {
  res.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function problem(res: ServerResponse, error: HttpError): void {
  send(
    res,
    error.status,
    { 'content-type': 'application/problem+json', ...error.headers },
    JSON.stringify({
      type: 'about:blank',
      title: error.title,
      status: error.status,
      ...error.extra,
    }),
  );
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new HttpError(413, 'Content Too Large', {
      detail: `The body may have at most ${limit} bytes.`,
    });
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The server, and when it is ready to validate (its workers are up): for readiness probes. */
export type App = Server & { ready(): Promise<void> };

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

  function authorize(req: IncomingMessage): void {
    // One challenge a header line: browsers (Chromium) show no login prompt for a combined line.
    const challenge = {
      'www-authenticate': ['Basic realm="inbox", charset="UTF-8"', 'Bearer realm="inbox"'],
    };
    if (!inboxToken)
      throw new HttpError(401, 'The inbox is closed: no INBOX_TOKEN is configured', {}, challenge);
    const header = req.headers.authorization ?? '';
    const [scheme, value = ''] = header.split(' ', 2);
    let given = '';
    if (scheme?.toLowerCase() === 'bearer') given = value;
    if (scheme?.toLowerCase() === 'basic')
      given = Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':');
    if (!given || !sameSecret(given, inboxToken))
      throw new HttpError(401, 'Unauthorized', {}, challenge);
  }

  /**
   * The answers' assessment (errors, fees, documents) from a validation worker; a 422 naming every
   * problem when there are any, and when the answers cannot be checked within the time budget.
   */
  async function assessed(served: ServedDefinition, data: unknown): Promise<Assessment> {
    let assessment: Assessment;
    try {
      assessment = await validation.assess(served.definition.id, data);
    } catch (error) {
      if (error instanceof ValidationBusyError)
        throw new HttpError(
          503,
          'Service Unavailable',
          { detail: 'Too many applications are being checked; send it again shortly.' },
          { 'retry-after': '1' },
        );
      if (error instanceof ValidationTimeoutError)
        throw new HttpError(422, 'Die Angaben konnten nicht in angemessener Zeit geprüft werden.', {
          detail: 'Checking these answers took too long; they were not accepted.',
        });
      throw error;
    }
    if (assessment.errors.length > 0) {
      throw new HttpError(422, 'Die Angaben sind nicht vollständig oder nicht gültig.', {
        errors: assessment.errors.map((e) => ({ pointer: '/data' + e.pointer, detail: e.detail })),
      });
    }
    return assessment;
  }

  function check(body: unknown, allowed = SUBMISSION_KEYS) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, 'The body must be a JSON object');
    const unknown = Object.keys(body).filter((k) => !allowed.has(k));
    if (unknown.length > 0)
      throw new HttpError(400, 'Unknown fields', { detail: `Not allowed: ${unknown.join(', ')}` });
    const {
      definition: ref,
      locale,
      data,
    } = body as {
      definition?: { id?: unknown; version?: unknown };
      locale?: unknown;
      data?: unknown;
    };
    const served = typeof ref?.id === 'string' ? definitions.get(ref.id) : undefined;
    if (!served) {
      throw new HttpError(400, 'Unknown definition', {
        detail: `No definition "${String(ref?.id)}". Known: ${[...definitions.keys()].join(', ')}.`,
      });
    }
    if (ref?.version !== served.definition.version) {
      throw new HttpError(400, 'Unknown definition version', {
        type: OUTDATED_DEFINITION,
        detail: `"${served.definition.id}" is served in version ${served.definition.version}. Reload the page.`,
      });
    }
    return {
      served,
      locale:
        typeof locale === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(locale) ? locale : 'de',
      data: normalizeStrings(data),
    };
  }

  /** A request that carries a CSRF token (the Liferay-like page sends one) must carry the right one. */
  function checkCsrf(req: IncomingMessage): void {
    const csrf = req.headers['x-csrf-token'];
    if (typeof csrf === 'string' && (!csrfToken || !sameSecret(csrf, csrfToken)))
      throw new HttpError(403, 'Invalid CSRF token');
  }

  /** A JSON request body, parsed, within `limit` bytes and `BODY_DEPTH` levels. */
  async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
    const text = await readBody(req, limit);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'The body is not valid JSON');
    }
    if (jsonDepthExceeds(body, BODY_DEPTH) !== undefined)
      throw new HttpError(400, 'The body nests too deeply', {
        detail: `JSON may nest at most ${BODY_DEPTH} levels deep.`,
      });
    return body;
  }

  /**
   * The common start of a state-changing JSON request: content type, CSRF token, Idempotency-Key,
   * the parsed body, and the claim of the key (a stored answer is replayed; a key in flight or used
   * with another body is refused).
   */
  async function claimJson(
    req: IncomingMessage,
    space: string,
  ): Promise<{ claim: ClaimRef; body: unknown } | { replay: StoredResponse }> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'Unsupported Media Type', { detail: 'Send application/json.' });
    }
    checkCsrf(req);
    const header = req.headers['idempotency-key'];
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
      throw new HttpError(400, 'Idempotency-Key missing or malformed', {
        detail: 'Send an Idempotency-Key header of 16 to 128 letters, digits, "-" or "_".',
      });
    }
    const key = space + header;
    const body = await readJson(req, bodyLimit);
    // The fingerprint is of the parsed body, so white space does not make a retry "different".
    const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const claim = store.claim(key, fingerprint, claimLeaseMs);
    if (claim.state === 'replay') return { replay: claim.response };
    if (claim.state === 'mismatch')
      throw new HttpError(422, 'This Idempotency-Key was used with a different body');
    if (claim.state === 'in-flight') throw inProgress(claim.retryAfterSeconds);
    return { claim: { key, token: claim.token }, body };
  }

  /** 409: the key's first request is still being processed; retry the same request later. */
  function inProgress(retryAfterSeconds: number): HttpError {
    return new HttpError(
      409,
      'A request with this Idempotency-Key is in progress',
      { detail: 'Send the same request again after Retry-After seconds.' },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }

  async function submit(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    const claimed = await claimJson(req, '');
    if ('replay' in claimed) return reply(res, claimed.replay, cors);
    const { claim, body } = claimed;
    let response: StoredResponse;
    try {
      const { served, locale, data } = check(body);
      const assessment = await assessed(served, data);
      const paid = await verifiedPayment(
        assessment,
        served,
        (body as { payment?: unknown }).payment,
      );
      const uploadIds = verifiedDocuments(
        served,
        assessment,
        (body as { documents?: unknown }).documents,
      );
      response = storeApplication(claim, { served, locale, data, paid, uploadIds });
    } catch (error) {
      // A failure stores nothing: the citizen fixes the answer and resends with the same key.
      store.release(claim);
      throw storingProblem(error);
    }
    reply(res, response, cors);
  }

  /** Stores a checked application with its key's answer (the 201 the citizen sees), in one go. */
  function storeApplication(
    claim: ClaimRef,
    {
      served,
      locale,
      data,
      paid,
      uploadIds,
    }: {
      served: ServedDefinition;
      locale: string;
      data: unknown;
      paid: PaymentRecord | undefined;
      uploadIds: string[];
    },
  ): StoredResponse {
    const response = store.store(
      claim,
      {
        id: randomUUID(),
        definitionId: served.definition.id,
        definitionVersion: served.definition.version,
        locale,
        prefix: served.definition.referencePrefix ?? served.definition.id.slice(0, 2).toUpperCase(),
        receivedAt: new Date(),
        data,
        paymentId: paid?.id,
        uploadIds,
      },
      (record) => ({
        status: 201,
        headers: {
          'content-type': 'application/json',
          location: `/api/submissions/${record.id}`,
        },
        body: JSON.stringify(created(record, paid)),
      }),
    );
    log({
      event: 'submission.stored',
      definition: served.definition.id,
      reference: JSON.parse(response.body).reference,
    });
    return response;
  }

  /** What a stored application's 201 says. */
  function created(
    record: { id: string; reference: string; receivedAt: string },
    paid: Pick<PaymentRecord, 'id' | 'amount' | 'currency' | 'transactionReference'> | undefined,
  ) {
    return {
      id: record.id,
      reference: record.reference,
      receivedAt: record.receivedAt,
      ...(paid
        ? {
            payment: {
              id: paid.id,
              amount: paid.amount,
              currency: paid.currency,
              transactionReference: paid.transactionReference,
            },
          }
        : {}),
    };
  }

  /** The problem to answer for an error while storing (after the claim was released). */
  function storingProblem(error: unknown): unknown {
    if (error instanceof ClaimLostError) return inProgress(1);
    if (error instanceof PaymentUnusableError) return paymentProblem(error.message);
    if (error instanceof UploadUsedError)
      return documentProblem('', 'Eine Datei gehört zu einem anderen Antrag.');
    return error;
  }

  function documentProblem(documentId: string, detail: string): HttpError {
    return new HttpError(422, 'Die Unterlagen passen nicht zu diesem Antrag.', {
      detail,
      errors: [{ pointer: documentId ? `/documents/${documentId}` : '/documents', detail }],
    });
  }

  /**
   * The uploads an application references: each one complete and checked on this server, for this
   * service and document, with the name, type, size and checksum the application states, and not
   * used before (it is marked used when the application is stored). Every document the answers
   * call for as required has at least one file.
   */
  function verifiedDocuments(
    served: ServedDefinition,
    assessment: Assessment,
    given: unknown,
  ): string[] {
    if (
      given !== undefined &&
      given !== null &&
      (typeof given !== 'object' || Array.isArray(given))
    )
      throw documentProblem('', 'documents must be an object of lists of files');
    const listed = (given ?? {}) as Record<string, unknown>;
    const applicable = new Map(assessment.documents.map((d) => [d.id, d]));
    for (const document of assessment.documents) {
      const files = listed[document.id];
      if (document.required && !(Array.isArray(files) && files.length > 0))
        throw documentProblem(document.id, 'Für diese Unterlage fehlt eine Datei.');
    }
    const ids: string[] = [];
    for (const [documentId, files] of Object.entries(listed)) {
      const document = applicable.get(documentId);
      if (!document)
        throw documentProblem(documentId, 'Diese Unterlage wird für diesen Antrag nicht verlangt.');
      if (!Array.isArray(files))
        throw documentProblem(documentId, 'Erwartet wird eine Liste von Dateien.');
      if (files.length > document.maxFiles)
        throw documentProblem(documentId, 'Zu viele Dateien für diese Unterlage.');
      for (const file of files as Record<string, unknown>[]) {
        const upload = typeof file?.id === 'string' ? store.getUpload(file.id) : undefined;
        if (
          !upload ||
          upload.definitionId !== served.definition.id ||
          upload.documentId !== documentId ||
          upload.sha256 !== file.sha256 ||
          upload.size !== file.size ||
          upload.type !== file.type
        ) {
          throw documentProblem(
            documentId,
            'Eine Datei ist unbekannt, unvollständig oder verändert.',
          );
        }
        if (upload.submissionId)
          throw documentProblem(documentId, 'Eine Datei gehört zu einem anderen Antrag.');
        if (ids.includes(upload.id))
          throw documentProblem(documentId, 'Eine Datei ist doppelt angegeben.');
        ids.push(upload.id);
      }
    }
    return ids;
  }

  function paymentProblem(detail: string): HttpError {
    return new HttpError(422, 'Die Zahlung kann für diesen Antrag nicht verwendet werden.', {
      detail,
      errors: [{ pointer: '/payment', detail }],
    });
  }

  /** The payment's status as the provider reports it now (recorded), for a payment not yet settled. */
  async function refreshed(record: PaymentRecord): Promise<PaymentRecord> {
    if (record.status !== 'pending') return record;
    const status = await provider.transactionStatus(record.transactionId);
    if (
      status.status === 'paid' &&
      status.amount !== undefined &&
      status.amount !== record.amount
    ) {
      log({ event: 'payment.amount-mismatch', payment: record.id });
      return record;
    }
    if (status.status === record.status) return record;
    store.updatePayment(record.id, {
      status: status.status,
      transactionReference: status.transactionReference,
    });
    // Not paid: the application held with it is not kept a moment longer.
    if (status.status === 'cancelled' || status.status === 'failed') store.dropHold(record.id);
    log({ event: `payment.${status.status}`, payment: record.id });
    return store.getPayment(record.id)!;
  }

  /**
   * The payment an application comes with, if it is one the server itself has seen succeed, for
   * this service and exactly this application's fees, and not used before. Required when the
   * definition's policy is `mandatory` and there is something to pay.
   */
  async function verifiedPayment(
    { fees }: Assessment,
    served: ServedDefinition,
    given: unknown,
  ): Promise<PaymentRecord | undefined> {
    const id = (given as { id?: unknown } | undefined)?.id;
    if (given === undefined || given === null) {
      if (fees.policy === 'mandatory' && paysOnline(fees))
        throw paymentProblem('Für diesen Antrag muss die Gebühr vorab bezahlt werden.');
      return undefined;
    }
    const record = typeof id === 'string' && PAYMENT_ID.test(id) ? store.getPayment(id) : undefined;
    if (!record) throw paymentProblem('Diese Zahlung ist unbekannt.');
    const current = await refreshed(record);
    if (current.status !== 'paid') throw paymentProblem('Diese Zahlung ist nicht abgeschlossen.');
    if (
      current.definitionId !== served.definition.id ||
      current.amount !== fees.total ||
      current.currency !== fees.currency
    ) {
      throw paymentProblem('Diese Zahlung passt nicht zu den Gebühren dieses Antrags.');
    }
    if (current.submissionId) throw paymentProblem('Diese Zahlung gehört zu einem anderen Antrag.');
    return current;
  }

  /** This server's public origin: configured, else the address it listens on. */
  function ownOrigin(): string | undefined {
    if (options.publicOrigin) return new URL(options.publicOrigin).origin;
    const address = server.address();
    if (!address || typeof address !== 'object') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /**
   * A return URL after payment: on this server's public origin or an allowed origin — configured
   * origins only, never what a request's headers say.
   */
  function returnUrlOf(value: unknown): URL {
    const origins = new Set(allowedOrigins);
    const own = ownOrigin();
    if (own) origins.add(own);
    let url: URL | undefined;
    try {
      url = typeof value === 'string' && value.length <= 2000 ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !origins.has(url.origin) || url.username || url.password) {
      throw new HttpError(400, 'returnUrl missing or not allowed', {
        detail:
          'Send the absolute URL of the page that started the payment, on an origin the server is configured for (PUBLIC_ORIGIN, ALLOWED_ORIGINS).',
      });
    }
    url.searchParams.delete('ozg-payment');
    url.hash = '';
    return url;
  }

  function paymentView(record: PaymentRecord) {
    return {
      id: record.id,
      status: record.status,
      amount: record.amount,
      currency: record.currency,
      lines: record.lines,
      ...(record.status === 'pending' ? { redirectUrl: record.payPageUrl } : {}),
      ...(record.transactionReference ? { transactionReference: record.transactionReference } : {}),
    };
  }

  function isDirect(body: unknown): boolean {
    return typeof body === 'object' && body !== null && !('definition' in body) && 'amount' in body;
  }

  /** A payment request for an application: the server computes the amount from its definition. */
  async function applicationRequest(body: unknown) {
    const { served, locale, data } = check(body, PAYMENT_KEYS);
    const assessment = await assessed(served, data);
    const { fees } = assessment;
    if (!paysOnline(fees)) {
      throw new HttpError(422, 'Für diesen Antrag ist online nichts zu bezahlen.', {
        detail: `policy ${fees.policy}, total ${fees.total}`,
      });
    }
    // A complete application (its documents given, or none required) is held with the payment,
    // so that it can be sent even if the tab is closed on the provider's page.
    const given = (body as { documents?: unknown }).documents;
    const documents =
      given ?? (assessment.documents.some((d) => d.required) ? undefined : ({} as unknown));
    const uploadIds =
      documents === undefined ? [] : verifiedDocuments(served, assessment, documents);
    return {
      uploadIds,
      held:
        documents === undefined
          ? undefined
          : {
              definition: { id: served.definition.id, version: served.definition.version },
              locale,
              data,
              documents,
            },
      amount: fees.total,
      currency: fees.currency,
      purpose: served.texts.get('/title'),
      locale,
      definitionId: served.definition.id,
      definitionVersion: served.definition.version,
      lines: fees.lines.map((l) => ({
        id: l.id,
        quantity: l.quantity,
        amount: l.amount,
      })) as unknown,
    };
  }

  /**
   * A payment request with the amount given directly (no definition). The reference server takes
   * it, but such a payment never counts toward an application's fees; a production endpoint
   * decides amounts itself.
   */
  function directRequest(body: unknown) {
    const unknown = Object.keys(body as object).filter((k) => !DIRECT_PAYMENT_KEYS.has(k));
    if (unknown.length > 0)
      throw new HttpError(400, 'Unknown fields', { detail: `Not allowed: ${unknown.join(', ')}` });
    const { amount, currency = 'EUR', purpose, locale } = body as Record<string, unknown>;
    if (
      typeof amount !== 'number' ||
      !Number.isInteger(amount) ||
      amount < 1 ||
      amount > 100_000_000
    )
      throw new HttpError(422, 'amount must be a whole number of cents from 1 to 100000000');
    if (currency !== 'EUR') throw new HttpError(422, 'Only EUR is supported');
    if (typeof purpose !== 'string' || purpose.trim() === '' || purpose.length > 250)
      throw new HttpError(422, 'purpose must be a text of 1 to 250 characters');
    return {
      amount,
      currency,
      purpose: normalizeStrings(purpose.trim()),
      locale:
        typeof locale === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(locale) ? locale : 'de',
      definitionId: '',
      definitionVersion: '',
      lines: [{ id: 'amount', quantity: 1, amount }] as unknown,
    };
  }

  /** `POST /api/payments`: a payment request for an application's fees (idempotent). */
  async function createPayment(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    // Keys of payments and of submissions are separate spaces.
    const claimed = await claimJson(req, 'payment:');
    if ('replay' in claimed) return reply(res, claimed.replay, cors);
    const { claim, body } = claimed;
    let response: StoredResponse;
    try {
      const request = isDirect(body) ? directRequest(body) : await applicationRequest(body);
      const id = newPaymentId();
      const returnUrl = returnUrlOf((body as { returnUrl?: unknown }).returnUrl);
      returnUrl.searchParams.set('ozg-payment', id);
      const { amount, currency, purpose, locale, definitionId, definitionVersion, lines } = request;
      const held = 'held' in request ? request.held : undefined;
      const heldUntil = new Date(Date.now() + holdMs).toISOString();
      const transaction = await provider.createTransaction({
        paymentId: id,
        amount,
        currency,
        purpose,
        returnUrl: returnUrl.href,
        locale,
      });
      const now = new Date().toISOString();
      response = store.createPayment(
        claim,
        {
          id,
          definitionId,
          definitionVersion,
          amount,
          currency,
          lines,
          purpose,
          provider: provider.id,
          transactionId: transaction.transactionId,
          payPageUrl: transaction.payPageUrl,
          status: 'pending',
          ...(held
            ? {
                held: sealer.seal(held, id),
                heldUntil,
              }
            : {}),
          createdAt: now,
          updatedAt: now,
        },
        (record) => ({
          status: 201,
          headers: { 'content-type': 'application/json', location: `/api/payments/${record.id}` },
          body: JSON.stringify(paymentView(record)),
        }),
      );
      // The files of a held application stay as long as it does.
      if (held && 'uploadIds' in request)
        store.keepUploads(request.uploadIds as string[], heldUntil);
      log({ event: 'payment.created', payment: id, amount, held: held !== undefined });
    } catch (error) {
      store.release(claim);
      if (error instanceof ClaimLostError) throw inProgress(1);
      throw error;
    }
    reply(res, response, cors);
  }

  /**
   * The payment a citizen names to finish: by our id (the return URL's), or by the transaction
   * reference on the provider's receipt. A reference not yet known here may belong to a payment
   * the citizen finished without coming back: those that hold an application are asked for.
   */
  async function paymentNamed(body: Record<string, unknown>): Promise<PaymentRecord | undefined> {
    const { payment, transactionReference: ref } = body;
    if (typeof payment === 'string')
      return PAYMENT_ID.test(payment) ? store.getPayment(payment) : undefined;
    if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 100) return undefined;
    const reference = ref.trim();
    const known = store.paymentsByReference(reference)[0];
    if (known) return known;
    // Each pending payment is asked for at most once a minute, and 25 at most per lookup.
    const now = Date.now();
    let asked = 0;
    for (const pending of store.pendingHeldPayments(new Date(now).toISOString(), 500)) {
      if (asked >= 25) break;
      if (now - (lastAsked.get(pending.id) ?? 0) < 60_000) continue;
      lastAsked.set(pending.id, now);
      asked++;
      try {
        const current = await refreshed(pending);
        if (current.transactionReference === reference) return current;
      } catch (error) {
        log({ event: 'payment.status-error', payment: pending.id, message: String(error) });
      }
    }
    if (lastAsked.size > 10_000)
      for (const [id, at] of lastAsked) if (now - at >= 60_000) lastAsked.delete(id);
    return undefined;
  }
  const lastAsked = new Map<string, number>();

  /**
   * `POST /api/payments/<id>/submission`, or `POST /api/payments/submission` with
   * `{ transactionReference }`: sends the application held with a paid payment — once; asked
   * again, it answers the same.
   */
  async function submitHeld(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
    paymentId: string | undefined,
  ): Promise<void> {
    checkCsrf(req);
    const given = /^application\/json\b/i.test(req.headers['content-type'] ?? '')
      ? await readJson(req, 10_000)
      : {};
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw new HttpError(400, 'The body must be a JSON object');
    const { definition, transactionReference } = given as {
      definition?: { id?: unknown };
      transactionReference?: unknown;
    };
    if (!paymentId) limitLookups(req);
    const record = await paymentNamed(
      paymentId ? { payment: paymentId } : { transactionReference },
    );
    // Only a payment for an application, and (when the form says which) for its service.
    if (
      !record ||
      !record.definitionId ||
      (definition?.id !== undefined && definition.id !== record.definitionId)
    )
      throw new HttpError(404, 'Zu dieser Angabe ist keine Zahlung bekannt.', {
        detail: 'Prüfen Sie das Kassenzeichen auf Ihrem Zahlungsbeleg.',
      });
    // The Kassenzeichen alone is no capability: its answer names the reference, not the ids.
    const answer = (response: StoredResponse) =>
      reply(res, paymentId ? response : withoutIds(response), cors);
    const claimed = store.claim(`held:${record.id}`, record.id, claimLeaseMs);
    if (claimed.state === 'replay') return answer(claimed.response);
    if (claimed.state !== 'new')
      throw inProgress(claimed.state === 'in-flight' ? claimed.retryAfterSeconds : 1);
    const claim = { key: `held:${record.id}`, token: claimed.token };
    let response: StoredResponse;
    try {
      const current = await refreshed(record);
      if (current.submissionId) {
        // Sent already, with the answers from the citizen's tab: that is the application.
        const sent = store.get(current.submissionId)!;
        response = {
          status: 200,
          headers: { 'content-type': 'application/json', location: `/api/submissions/${sent.id}` },
          body: JSON.stringify(created(sent, current)),
        };
        store.release(claim);
        return answer(response);
      }
      if (current.status !== 'paid')
        throw paymentProblem(
          current.status === 'pending'
            ? 'Diese Zahlung ist nicht abgeschlossen.'
            : 'Diese Zahlung wurde abgebrochen oder ist fehlgeschlagen.',
        );
      const held = current.held ? sealer.open(current.held, current.id) : undefined;
      if (!held)
        throw new HttpError(410, 'Der Antrag zu dieser Zahlung ist nicht mehr gespeichert.', {
          detail:
            'Bitte stellen Sie den Antrag neu und wenden Sie sich wegen der Zahlung an die Behörde.',
        });
      const { served, locale, data } = check(held, SUBMISSION_KEYS);
      const assessment = await assessed(served, data);
      const paid = await verifiedPayment(assessment, served, { id: current.id });
      const uploadIds = verifiedDocuments(
        served,
        assessment,
        (held as { documents?: unknown }).documents,
      );
      response = storeApplication(claim, { served, locale, data, paid, uploadIds });
    } catch (error) {
      store.release(claim);
      throw storingProblem(error);
    }
    answer(response);
  }

  /** A stored 201 without the ids (of the application and the payment) and its Location. */
  function withoutIds(response: StoredResponse): StoredResponse {
    const body = JSON.parse(response.body) as Record<string, unknown> & {
      payment?: Record<string, unknown>;
    };
    delete body.id;
    if (body.payment) delete body.payment.id;
    return {
      status: response.status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  /**
   * Looking a payment up by its Kassenzeichen, per client: at most 10 a minute (a reference is
   * short and may be guessed; each lookup may ask the provider).
   */
  const lookups = new Map<string, number[]>();
  function limitLookups(req: IncomingMessage): void {
    const client = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const recent = (lookups.get(client) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 10)
      throw new HttpError(
        429,
        'Zu viele Versuche. Bitte warten Sie eine Minute.',
        {},
        { 'retry-after': '60' },
      );
    recent.push(now);
    lookups.set(client, recent);
    if (lookups.size > 10_000) lookups.delete(lookups.keys().next().value!);
  }

  function reply(
    res: ServerResponse,
    response: StoredResponse,
    cors: Record<string, string>,
  ): void {
    send(res, response.status, { ...response.headers, ...cors }, response.body);
  }

  /**
   * A file of a served folder (`dist/…`, `demo/…`), by the raw request path: anything encoded, a
   * dot segment, a hidden file, a link or anything but a regular file under that folder is 404.
   */
  async function serveFile(res: ServerResponse, rawPath: string): Promise<void> {
    const [dir, ...segments] = rawPath.split('/').slice(1);
    const notFound = new HttpError(404, 'Not Found');
    if (
      !STATIC_DIRS.includes(dir as (typeof STATIC_DIRS)[number]) ||
      segments.length === 0 ||
      !segments.every((segment) => STATIC_SEGMENT.test(segment))
    )
      throw notFound;
    let content: Buffer;
    let path: string;
    try {
      const base = await realpath(join(root, dir!));
      path = join(base, ...segments);
      // lstat: a symbolic link is not a regular file; realpath: no folder on the way is a link out.
      const [stats, real] = await Promise.all([lstat(path), realpath(path)]);
      if (!stats.isFile() || real !== path || !real.startsWith(base + sep)) throw notFound;
      content = await readFile(path);
    } catch {
      throw notFound;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    send(
      res,
      200,
      { 'content-type': type, ...(type.startsWith('text/html') ? HTML_HEADERS : {}) },
      content,
    );
  }

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, idempotency-key, x-csrf-token',
      'access-control-expose-headers': 'location, retry-after',
      'access-control-max-age': '600',
      vary: 'origin',
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cors = corsHeaders(req);
    const path = url.pathname;
    if (
      (path === '/api/submissions' || path.startsWith('/api/payments')) &&
      req.method === 'OPTIONS'
    ) {
      if (Object.keys(cors).length === 0) throw new HttpError(403, 'Origin not allowed');
      return send(res, 204, cors, '');
    }
    if (path === '/api/submissions' && req.method === 'POST') return submit(req, res, cors);
    if (path === '/api/submissions' && req.method === 'GET') {
      authorize(req);
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 50) || 50, 1), 500);
      const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
      return send(
        res,
        200,
        { 'content-type': 'application/json' },
        JSON.stringify(store.list({ limit, offset })),
      );
    }
    if (uploads.handles(path)) {
      checkCsrf(req);
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
    if (path === '/api/payments' && req.method === 'POST') return createPayment(req, res, cors);
    const held = /^\/api\/payments\/(?:(pay_[0-9a-f]{32})\/)?submission$/.exec(path);
    if (held && req.method === 'POST') return submitHeld(req, res, cors, held[1]);
    const pay = /^\/api\/payments\/(pay_[0-9a-f]{32})$/.exec(path);
    if (pay && req.method === 'GET') {
      // The id is the capability: unguessable, and the record holds no personal data.
      const record = store.getPayment(pay[1]!);
      if (!record) throw new HttpError(404, 'Not Found');
      const current = await refreshed(record);
      return send(
        res,
        200,
        { 'content-type': 'application/json', ...cors },
        JSON.stringify(paymentView(current)),
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
      authorize(req);
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
    const one = /^\/api\/submissions\/([0-9a-f-]{36})$/.exec(path);
    if (one && req.method === 'GET') {
      authorize(req);
      const record = store.get(one[1]!);
      if (!record) throw new HttpError(404, 'Not Found');
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(record));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpError(405, 'Method Not Allowed');
    if (path === '/inbox') {
      authorize(req);
      return send(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8', ...HTML_HEADERS },
        inboxPage(store.list({ limit: 200, offset: 0 }), store),
      );
    }
    const pages: Record<string, string> = {
      '/': 'demo/index.html',
      '/liferay': 'demo/liferay.html',
      '/quick-check': 'demo/quick-check.html',
      '/documents': 'demo/documents.html',
    };
    if (Object.prototype.hasOwnProperty.call(pages, path))
      return serveFile(res, `/${pages[path]!}`);
    if (path === '/demo/liferay-globals.js') {
      // What a Liferay page provides globally: an AMD loader's `define` and `Liferay.authToken`.
      const script = `window.define = function define() {}; window.define.amd = {};\nwindow.Liferay = { authToken: ${JSON.stringify(csrfToken ?? '')}, ThemeDisplay: { getBCP47LanguageId: function () { return 'de-DE'; } } };\n`;
      return send(res, 200, { 'content-type': 'text/javascript; charset=utf-8' }, script);
    }
    if (path.startsWith('/dist/') || path.startsWith('/demo/'))
      return serveFile(res, (req.url ?? '').split('?')[0]!);
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
  server.on('close', () => {
    clearInterval(sweeping);
    clearInterval(dropping);
    void validation.close();
  });
  server.on('listening', () => validation.warm());
  return Object.assign(server, { ready: () => validation.ready() });
}
