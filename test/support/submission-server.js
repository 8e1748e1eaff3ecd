// A local submission endpoint for the browser tests, mounted in the test runner's own server
// (127.0.0.1). Each scenario records what it received; tests read that back over HTTP.
const received = new Map();
const counters = new Map();

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/**
 * A payments endpoint for the browser tests: the status of `pay_<x>…` is decided by its first hex
 * digit (a paid, b cancelled, c failed, d pending, e server error). Creating a payment answers with
 * a pay page on a foreign origin, so the element's allow-list must refuse to go there.
 */
const STATUSES = { a: 'paid', b: 'cancelled', c: 'failed', d: 'pending' };
function payments(ctx) {
  if (ctx.method === 'POST' && ctx.path === '/api/test-payments') {
    ctx.status = 201;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      id: `pay_d${'0'.repeat(31)}`,
      status: 'pending',
      amount: 35700,
      currency: 'EUR',
      redirectUrl: 'https://pay.example.net/checkout/123',
    });
    return true;
  }
  const match = /^\/api\/test-payments\/(pay_([0-9a-f])[0-9a-f]{31})$/.exec(ctx.path);
  if (!match || ctx.method !== 'GET') return false;
  const [, id, kind] = match;
  if (kind === 'e') {
    ctx.status = 500;
    ctx.type = 'application/problem+json';
    ctx.body = JSON.stringify({ title: 'Internal Server Error', status: 500 });
    return true;
  }
  const status = STATUSES[kind] ?? 'pending';
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    id,
    status,
    amount: 35700,
    currency: 'EUR',
    ...(status === 'paid' ? { transactionReference: 'KZ-TEST-2026-000042' } : {}),
    ...(status === 'pending' ? { redirectUrl: '/test-provider/pay/T000' } : {}),
  });
  return true;
}

const STATUS_SECRET = 's'.repeat(43);

export function submissionServer() {
  return async (ctx, next) => {
    if (payments(ctx)) return;
    // Where a hand-off application stands (the status link's question).
    const standing = /^\/api\/test\/([\w-]+)\/handoff\/status$/.exec(ctx.path);
    if (standing && ctx.method === 'GET') {
      const ok = ctx.get('x-status-secret') === STATUS_SECRET;
      ctx.status = ok ? 200 : 404;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(
        ok ? { reference: 'BE-2026-000007', status: 'waiting-for-party' } : { status: 404 },
      );
      return;
    }
    const match = /^\/api\/test\/([\w-]+)\/([\w-]+)$/.exec(ctx.path);
    if (!match) return next();
    const [, scenario, mode] = match;
    if (ctx.method === 'GET' && mode === 'received') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(received.get(scenario) ?? []);
      return;
    }
    const text = await readBody(ctx.req);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const list = received.get(scenario) ?? [];
    list.push({ method: ctx.method, headers: ctx.headers, body });
    received.set(scenario, list);
    const count = (counters.get(scenario) ?? 0) + 1;
    counters.set(scenario, count);

    const created = () => {
      ctx.status = 201;
      ctx.set('location', `/api/submissions/${scenario}`);
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ reference: 'EB-2026-000123', status: 'received' });
    };
    switch (mode) {
      case 'ok':
        return created();
      case 'handoff':
        // The first party's part of a two-party application, stored to wait for the next party.
        ctx.status = 202;
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({
          reference: 'BE-2026-000007',
          status: 'waiting-for-party',
          handOff: {
            token: 'h'.repeat(43),
            party: 'employer',
            expiresAt: '2026-12-08T10:00:00.000Z',
          },
          statusSecret: STATUS_SECRET,
        });
        return;
      case 'flaky':
        if (count === 1) {
          ctx.status = 503;
          ctx.set('retry-after', '0');
          ctx.type = 'application/problem+json';
          ctx.body = JSON.stringify({ title: 'Service Unavailable', status: 503 });
          return;
        }
        return created();
      case 'in-progress-once':
      case 'in-progress': {
        // 409: a request with this Idempotency-Key is still being processed (the server's claim
        // on the key expires when that request died). `in-progress-once` then accepts.
        if (mode === 'in-progress-once' && count > 1) return created();
        ctx.status = 409;
        ctx.set('retry-after', '0');
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({
          title: 'A request with this Idempotency-Key is in progress',
          status: 409,
        });
        return;
      }
      case 'invalid':
        ctx.status = 422;
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({
          type: 'about:blank',
          title: 'Unprocessable Content',
          status: 422,
          errors: [
            {
              pointer: '/data/person/birthPlace',
              detail: 'Dieser Geburtsort ist uns nicht bekannt.',
            },
          ],
        });
        return;
      case 'invalid-mixed':
        // Pointers as back ends write them: a URI fragment without /data (as RFC 9457's
        // examples), one with /data on another step, and one that names no field of the form.
        ctx.status = 422;
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({
          title: 'Unprocessable Content',
          status: 422,
          errors: [
            { pointer: '#/person/birthDate', detail: 'Das Geburtsdatum passt nicht zum Pass.' },
            {
              pointer: '/data/residence/postalCode',
              detail: 'Diese Postleitzahl gehört nicht zu uns.',
            },
            { pointer: '/data/aktenzeichen', detail: 'Bitte wenden Sie sich an die Behörde.' },
          ],
        });
        return;
      case 'expired':
        // 419 "page expired" (CSRF middleware): a session to refresh, not a rejection.
        if (count > 1) return created();
        ctx.status = 419;
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({ title: 'Page Expired', status: 419 });
        return;
      case 'outdated':
        ctx.status = 400;
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({
          type: 'urn:ozg-forms:problem:definition-version',
          title: 'Unknown definition version',
          status: 400,
        });
        return;
      case 'proxy-error':
        ctx.status = 502;
        ctx.type = 'text/html';
        ctx.body = '<h1>Bad Gateway</h1><script>alert(1)</script>';
        return;
      case 'down':
        ctx.req.socket.destroy();
        ctx.respond = false;
        return;
      default:
        ctx.status = 404;
    }
  };
}
