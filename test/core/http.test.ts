import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backoffDelay, parseRetryAfter, submitJson } from '../../src/core/http.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const handlers = new Map<string, Handler>();
const seen = new Map<string, { headers: IncomingMessage['headers']; body: string }[]>();
let base = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const list = seen.get(req.url!) ?? [];
    list.push({ headers: req.headers, body });
    seen.set(req.url!, list);
    handlers.get(req.url!)!(req, res, body);
  });
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const fast = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 };

test('full jitter stays within min(cap, base·2^n)', () => {
  assert.equal(
    backoffDelay(3, 1000, 30_000, () => 0.999),
    7992,
  );
  assert.equal(
    backoffDelay(10, 1000, 30_000, () => 0.5),
    15_000,
  );
  assert.equal(
    backoffDelay(0, 1000, 30_000, () => 0),
    0,
  );
});

test('Retry-After in seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('3'), 3000);
  assert.equal(
    parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1)),
    10_000,
  );
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});

test('retries 429 honouring Retry-After, with the same key and body', async () => {
  let n = 0;
  handlers.set('/429', (_req, res) =>
    ++n === 1
      ? json(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '0' })
      : json(res, 201, { reference: 'R-1' }),
  );
  const retries: string[] = [];
  const result = await submitJson({
    ...fast,
    endpoint: `${base}/429`,
    body: { a: 1 },
    idempotencyKey: 'key-1234567890abcdef',
    onRetry: (info) => retries.push(info.reason),
  });
  assert.deepEqual(result.ok && result.reference, 'R-1');
  assert.deepEqual(retries, ['HTTP 429']);
  const [first, second] = seen.get('/429')!;
  assert.equal(first!.headers['idempotency-key'], second!.headers['idempotency-key']);
  assert.equal(first!.body, second!.body);
});

test('retries 409 (the key is still in progress) like a 503: same key and body, Retry-After', async () => {
  let n = 0;
  handlers.set('/409-then-201', (_req, res) =>
    ++n <= 2
      ? json(res, 409, { title: 'Conflict' }, { 'retry-after': '1' })
      : json(res, 201, { reference: 'R-409' }),
  );
  const retries: { reason: string; delayMs: number }[] = [];
  const result = await submitJson({
    ...fast,
    random: () => 0,
    endpoint: `${base}/409-then-201`,
    body: { a: 1 },
    idempotencyKey: 'key-409-1234567890ab',
    onRetry: ({ reason, delayMs }) => retries.push({ reason, delayMs }),
  });
  assert.equal(result.ok && result.reference, 'R-409');
  // Retry-After (1 s) wins over the jitter (0 here), within the cap (4 · maxDelayMs).
  assert.deepEqual(retries, [
    { reason: 'HTTP 409', delayMs: 80 },
    { reason: 'HTTP 409', delayMs: 80 },
  ]);
  const requests = seen.get('/409-then-201')!;
  assert.equal(requests.length, 3);
  for (const r of requests) {
    assert.equal(r.headers['idempotency-key'], 'key-409-1234567890ab');
    assert.equal(r.body, '{"a":1}');
  }
});

test('a 409 that outlasts every attempt is a server failure (try later), not a rejection', async () => {
  handlers.set('/409', (_req, res) => json(res, 409, { title: 'Conflict' }));
  const result = await submitJson({
    ...fast,
    maxAttempts: 3,
    endpoint: `${base}/409`,
    body: {},
    idempotencyKey: 'key-409-1234567890ab',
  });
  assert.deepEqual(result, { ok: false, kind: 'server', status: 409 });
  assert.equal(seen.get('/409')!.length, 3);
});

test('does not retry other 4xx; 401/403 are auth failures; 422 problems become field errors', async () => {
  handlers.set('/400', (_req, res) => json(res, 400, { title: 'Bad' }));
  handlers.set('/403', (_req, res) => json(res, 403, {}));
  handlers.set('/422', (_req, res) => {
    res.writeHead(422, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        title: 'Invalid',
        errors: [
          { pointer: '/data/person/birthDate', detail: 'Kaputt' },
          { nope: 1 },
          // RFC 9457's examples write pointers as URI fragments, relative to the body.
          { pointer: '#/person/birth%20place', detail: 'Als Fragment' },
          { pointer: '/documents/reisepass', detail: 'Fehlt' },
          { pointer: 'person', detail: 'no pointer' },
        ],
      }),
    );
  });
  const common = { ...fast, body: {}, idempotencyKey: 'key-1234567890abcdef' };
  const r400 = await submitJson({ ...common, endpoint: `${base}/400` });
  assert.equal(r400.ok === false && r400.kind, 'rejected');
  assert.equal(seen.get('/400')!.length, 1);
  const r403 = await submitJson({ ...common, endpoint: `${base}/403` });
  assert.equal(r403.ok === false && r403.kind, 'auth');
  const r422 = await submitJson({ ...common, endpoint: `${base}/422` });
  assert.deepEqual(r422, {
    ok: false,
    kind: 'validation',
    status: 422,
    title: 'Invalid',
    errors: [
      { pointer: '/person/birthDate', inData: true, detail: 'Kaputt' },
      { pointer: '/person/birth place', inData: false, detail: 'Als Fragment' },
      { pointer: '/documents/reisepass', inData: false, detail: 'Fehlt' },
    ],
  });
});

test('419 (page expired) is a session to refresh; an unknown definition version asks for a reload', async () => {
  handlers.set('/419', (_req, res) => json(res, 419, { title: 'Page Expired' }));
  handlers.set('/outdated', (_req, res) =>
    json(res, 400, { type: 'urn:ozg-forms:problem:definition-version', title: 'Unknown' }),
  );
  const common = { ...fast, body: {}, idempotencyKey: 'key-1234567890abcdef' };
  assert.deepEqual(await submitJson({ ...common, endpoint: `${base}/419` }), {
    ok: false,
    kind: 'auth',
    status: 419,
  });
  assert.equal(seen.get('/419')!.length, 1);
  assert.deepEqual(await submitJson({ ...common, endpoint: `${base}/outdated` }), {
    ok: false,
    kind: 'outdated',
    status: 400,
  });
});

test('times out a hanging attempt and gives up after the last one', async () => {
  handlers.set('/hang', () => undefined);
  const result = await submitJson({
    ...fast,
    timeoutMs: 50,
    maxAttempts: 2,
    endpoint: `${base}/hang`,
    body: {},
    idempotencyKey: 'key-1234567890abcdef',
  });
  assert.equal(result.ok === false && result.kind, 'timeout');
  assert.equal(seen.get('/hang')!.length, 2);
});

test('an HTML error page is a server failure, never content', async () => {
  handlers.set('/html', (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<h1>Bad Gateway</h1>');
  });
  const result = await submitJson({
    ...fast,
    maxAttempts: 2,
    endpoint: `${base}/html`,
    body: {},
    idempotencyKey: 'key-1234567890abcdef',
  });
  assert.deepEqual(result, { ok: false, kind: 'server', status: 502 });
});

test('network errors are retried and reported', async () => {
  const result = await submitJson({
    ...fast,
    maxAttempts: 2,
    endpoint: 'http://127.0.0.1:9/',
    body: {},
    idempotencyKey: 'key-1234567890abcdef',
  });
  assert.equal(result.ok === false && result.kind, 'network');
});
