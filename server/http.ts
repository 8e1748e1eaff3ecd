/**
 * HTTP plumbing of the reference server: problem details (RFC 9457), bodies within limits, the
 * headers every response carries, CORS for configured origins, the inbox's authorisation and the
 * CSRF check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonDepthExceeds } from '../src/core/definition.js';
import type { StoredResponse } from './store.js';

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

export const HTML_HEADERS = {
  'content-security-policy': STRICT_CSP,
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** How deeply a request body may nest (an application is a few levels deep). */
export const BODY_DEPTH = 64;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string | string[]> = {},
  ) {
    super(title);
  }
}

export function send(
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

export function problem(res: ServerResponse, error: HttpError): void {
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

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
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

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The server, and when it is ready to validate (its workers are up): for readiness probes. */
/** A JSON request body, parsed, within `limit` bytes and `BODY_DEPTH` levels. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
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

export function reply(
  res: ServerResponse,
  response: StoredResponse,
  cors: Record<string, string>,
): void {
  send(res, response.status, { ...response.headers, ...cors }, response.body);
}

/** CORS headers for a request from one of `allowedOrigins` (none for any other). */
export function corsHeaders(
  req: IncomingMessage,
  allowedOrigins: string[],
): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowedOrigins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers':
      'content-type, idempotency-key, x-csrf-token, x-handoff-token, x-status-secret',
    'access-control-expose-headers': 'location, retry-after',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

/** The inbox's check: the token as Bearer, or as the password of Basic. */
export function authorize(req: IncomingMessage, inboxToken: string | undefined): void {
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

/** A request that carries a CSRF token (the Liferay-like page sends one) must carry the right one. */
export function checkCsrf(req: IncomingMessage, csrfToken: string | undefined): void {
  const csrf = req.headers['x-csrf-token'];
  if (typeof csrf === 'string' && (!csrfToken || !sameSecret(csrf, csrfToken)))
    throw new HttpError(403, 'Invalid CSRF token');
}

/**
 * A limit of requests per client (its address) within a sliding minute: past `perMinute`, the
 * request is refused with 429 and `Retry-After`. For lookups by something a client might try to
 * guess (a Kassenzeichen, a capability).
 */
export function rateLimit(perMinute: number): (req: IncomingMessage) => void {
  const seen = new Map<string, number[]>();
  return (req) => {
    const client = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const recent = (seen.get(client) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= perMinute)
      throw new HttpError(
        429,
        'Zu viele Versuche. Bitte warten Sie eine Minute.',
        {},
        { 'retry-after': '60' },
      );
    recent.push(now);
    seen.set(client, recent);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value!);
  };
}
