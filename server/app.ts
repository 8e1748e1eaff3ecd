/**
 * The reference intake endpoint and demo server: validates submissions with the very same core and
 * definitions as the browser. node:http only; binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { normalizeStrings } from '../src/core/payload.js';
import { fieldErrorMessage } from '../src/i18n/messages.js';
import { loadDefinitions, type ServedDefinition } from './definitions.js';

export interface AppOptions {
  /** The project root (dist/, demo/, src/definitions/). */
  root: string;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Stored {
  id: string;
  reference: string;
  receivedAt: string;
  submission: unknown;
}

interface IdempotentEntry {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  extra: Record<string, unknown> = {},
): void {
  send(
    res,
    status,
    { 'content-type': 'application/problem+json' },
    JSON.stringify({ type: 'about:blank', title, status, ...extra }),
  );
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError(413, 'Content Too Large', {
        detail: `The body may have at most ${limit} bytes.`,
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

export function createApp(options: AppOptions): Server & { submissions: Stored[] } {
  const {
    root,
    bodyLimit = 1_000_000,
    log = (entry) => console.log(JSON.stringify(entry)),
  } = options;
  const definitions = loadDefinitions(root);
  const submissions: Stored[] = [];
  const idempotency = new Map<string, IdempotentEntry>();
  const inFlight = new Set<string>();
  const counters = new Map<string, number>();

  function nextReference(served: ServedDefinition): string {
    const prefix =
      served.definition.referencePrefix ?? served.definition.id.slice(0, 2).toUpperCase();
    const year = new Date().getFullYear();
    const key = `${prefix}-${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}-${String(n).padStart(6, '0')}`;
  }

  function validationErrors(served: ServedDefinition, data: unknown) {
    return served.validator.validate(data).map((error) => ({
      pointer: '/data' + error.pointer,
      detail: fieldErrorMessage(error, served.model, served.texts, data),
    }));
  }

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'Unsupported Media Type', { detail: 'Send application/json.' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpError(400, 'Idempotency-Key missing or malformed', {
        detail: 'Send an Idempotency-Key header of 16 to 128 letters, digits, "-" or "_".',
      });
    }
    const text = await readBody(req, bodyLimit);
    const fingerprint = createHash('sha256').update(text).digest('hex');
    const previous = idempotency.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw new HttpError(422, 'Idempotency-Key reused with a different body');
      }
      send(res, previous.status, previous.headers, previous.body);
      return;
    }
    if (inFlight.has(key))
      throw new HttpError(409, 'A request with this Idempotency-Key is in progress');
    inFlight.add(key);
    try {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'Body is not valid JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new HttpError(400, 'Body must be an object');
      const unknown = Object.keys(body).filter(
        (k) => !['definition', 'locale', 'data'].includes(k),
      );
      if (unknown.length > 0)
        throw new HttpError(400, 'Unknown fields', {
          detail: `Not allowed: ${unknown.join(', ')}`,
        });
      const { definition: ref, data } = body as {
        definition?: { id?: unknown; version?: unknown };
        data?: unknown;
      };
      const served = typeof ref?.id === 'string' ? definitions.get(ref.id) : undefined;
      if (!served)
        throw new HttpError(400, 'Unknown definition', {
          detail: `No definition "${String(ref?.id)}".`,
        });
      if (ref?.version !== served.definition.version) {
        throw new HttpError(400, 'Unknown definition version', {
          detail: `"${served.definition.id}" is served in version ${served.definition.version}.`,
        });
      }
      const normalized = normalizeStrings(data);
      const errors = validationErrors(served, normalized);
      if (errors.length > 0) {
        // A validation failure stores nothing: the citizen fixes the answer and resends with the same key.
        throw new HttpError(422, 'Die Angaben sind nicht vollständig oder nicht gültig.', {
          errors,
        });
      }
      const stored: Stored = {
        id: randomUUID(),
        reference: nextReference(served),
        receivedAt: new Date().toISOString(),
        submission: { ...(body as object), data: normalized },
      };
      submissions.push(stored);
      const headers = {
        'content-type': 'application/json',
        location: `/api/submissions/${stored.id}`,
      };
      const response = JSON.stringify({
        id: stored.id,
        reference: stored.reference,
        receivedAt: stored.receivedAt,
      });
      idempotency.set(key, { fingerprint, status: 201, headers, body: response });
      log({
        event: 'submission.stored',
        definition: served.definition.id,
        reference: stored.reference,
      });
      send(res, 201, headers, response);
    } finally {
      inFlight.delete(key);
    }
  }

  async function serveFile(res: ServerResponse, relative: string): Promise<void> {
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep)) throw new HttpError(404, 'Not Found');
    let content: Buffer;
    try {
      content = await readFile(path);
    } catch {
      throw new HttpError(404, 'Not Found');
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type };
    if (type.startsWith('text/html')) {
      Object.assign(headers, {
        'content-security-policy': STRICT_CSP,
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      });
    }
    send(res, 200, headers, content);
  }

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/api/submissions') {
        if (req.method !== 'POST') throw new HttpError(405, 'Method Not Allowed');
        await submit(req, res);
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, 'Method Not Allowed');
      } else if (url.pathname === '/') {
        await serveFile(res, 'demo/index.html');
      } else if (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/demo/')) {
        await serveFile(res, decodeURIComponent(url.pathname.slice(1)));
      } else {
        throw new HttpError(404, 'Not Found');
      }
    } catch (error) {
      if (error instanceof HttpError) problem(res, error.status, error.title, error.extra);
      else {
        log({ event: 'error', message: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) problem(res, 500, 'Internal Server Error');
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
  return Object.assign(server, { submissions });
}
