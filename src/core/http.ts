/**
 * Submitting to an endpoint the way trusted systems do: one `Idempotency-Key` per application,
 * reused on every retry; a timeout per attempt; retries with full jitter on network errors,
 * 408, 409, 429 and 5xx (honouring `Retry-After`), never on other 4xx; RFC 9457 problem details
 * with JSON pointers mapped back to fields. An HTML error page from a proxy is never passed on.
 *
 * A 409 means "a request with this key is still in progress": the server's claim on the key
 * expires when that request died (a lease), so it is retried like a 503 and, when the attempts
 * run out, reported as a `server` failure (try again later), not as a rejection.
 */

export interface ServerFieldError {
  /**
   * JSON pointer, in either form a server may write it (`/person/birthDate` or, as RFC 9457's
   * examples do, the URI fragment `#/person/birthDate`), decoded; a leading `/data` of the request
   * body is removed.
   */
  pointer: string;
  /** Whether the pointer named `/data/…` (so it is surely into the answers, not e.g. `/documents`). */
  inData: boolean;
  detail: string;
}

/**
 * The problem `type` a server answers when it does not serve the definition version the page has
 * (the page is older than the server's definition): reloading the page is the remedy.
 */
export const OUTDATED_DEFINITION = 'urn:ozg-forms:problem:definition-version';

export type SubmitResult =
  | {
      ok: true;
      status: number;
      reference: string | undefined;
      location: string | undefined;
      body: unknown;
    }
  | {
      ok: false;
      kind: 'validation';
      status: number;
      errors: ServerFieldError[];
      title: string | undefined;
    }
  | { ok: false; kind: 'auth'; status: number }
  /** The server does not serve this definition version: the page must be reloaded. */
  | { ok: false; kind: 'outdated'; status: number }
  | { ok: false; kind: 'rejected'; status: number; title: string | undefined }
  | { ok: false; kind: 'server'; status: number }
  | { ok: false; kind: 'network' }
  | { ok: false; kind: 'timeout' }
  | { ok: false; kind: 'aborted' };

export type SubmitFailure = Exclude<SubmitResult, { ok: true }>;

export interface RetryInfo {
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface SubmitOptions {
  endpoint: string;
  body: unknown;
  idempotencyKey: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxAttempts?: number;
  /** Default 1 s. */
  baseDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

const RETRY_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/** Full jitter: a random delay between 0 and min(cap, base · 2^attempt). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** `Retry-After` as milliseconds (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /^application\/([a-z.+-]*\+)?json\b/i.test(type);
}

async function readJson(response: Response): Promise<unknown> {
  if (!isJson(response)) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** A JSON pointer as such, also from its URI-fragment form (`#/a%20b` → `/a b`); else undefined. */
function plainPointer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let pointer = value;
  if (pointer.startsWith('#')) {
    try {
      pointer = decodeURIComponent(pointer.slice(1));
    } catch {
      return undefined;
    }
  }
  return pointer === '' || pointer.startsWith('/') ? pointer : undefined;
}

function toFieldErrors(problem: unknown): ServerFieldError[] {
  if (typeof problem !== 'object' || problem === null) return [];
  const errors = (problem as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { pointer: given, detail } = e as { pointer?: unknown; detail?: unknown };
    const pointer = plainPointer(given);
    if (pointer === undefined) return [];
    const inData = pointer === '/data' || pointer.startsWith('/data/');
    return [
      {
        pointer: inData ? pointer.slice(5) : pointer,
        inData,
        detail: typeof detail === 'string' ? detail : '',
      },
    ];
  });
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** POSTs `body` as JSON, retrying what is safe to retry. Never throws. */
export async function submitJson(options: SubmitOptions): Promise<SubmitResult> {
  const {
    endpoint,
    body,
    idempotencyKey,
    headers = {},
    fetch: doFetch = globalThis.fetch.bind(globalThis),
    timeoutMs = 30_000,
    maxAttempts = 5,
    baseDelayMs = 1000,
    maxDelayMs = 30_000,
    signal,
    random = Math.random,
    onRetry,
  } = options;
  const payload = JSON.stringify(body);
  let last: SubmitFailure = { ok: false, kind: 'network' };

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (signal?.aborted) return { ok: false, kind: 'aborted' };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    let retryAfter: number | undefined;
    try {
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json, application/problem+json',
          'idempotency-key': idempotencyKey,
        },
        body: payload,
        credentials: 'same-origin',
        signal: controller.signal,
      });
      const json = await readJson(response);
      if (response.ok) {
        return {
          ok: true,
          status: response.status,
          reference: stringField(json, 'reference'),
          location: response.headers.get('location') ?? undefined,
          body: json,
        };
      }
      if (RETRY_STATUS.has(response.status)) {
        last = { ok: false, kind: 'server', status: response.status };
        retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      } else if (response.status === 401 || response.status === 403 || response.status === 419) {
        // 419 "page expired" (CSRF middleware of common back ends): a session to refresh.
        return { ok: false, kind: 'auth', status: response.status };
      } else if (stringField(json, 'type') === OUTDATED_DEFINITION) {
        return { ok: false, kind: 'outdated', status: response.status };
      } else {
        const errors = toFieldErrors(json);
        const title = stringField(json, 'title');
        if (errors.length > 0)
          return { ok: false, kind: 'validation', status: response.status, errors, title };
        return { ok: false, kind: 'rejected', status: response.status, title };
      }
    } catch {
      if (signal?.aborted) return { ok: false, kind: 'aborted' };
      last = controller.signal.aborted
        ? { ok: false, kind: 'timeout' }
        : { ok: false, kind: 'network' };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    if (attempt === maxAttempts) break;
    const jitter = backoffDelay(attempt - 1, baseDelayMs, maxDelayMs, random);
    const delayMs =
      retryAfter !== undefined ? Math.min(Math.max(retryAfter, jitter), maxDelayMs * 4) : jitter;
    onRetry?.({
      attempt,
      delayMs,
      reason: last.kind === 'server' ? `HTTP ${last.status}` : last.kind,
    });
    try {
      await sleep(delayMs, signal);
    } catch {
      return { ok: false, kind: 'aborted' };
    }
  }
  return last;
}
