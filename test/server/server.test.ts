/**
 * The reference server over real HTTP on loopback, with a temporary data directory.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_TOKEN, documentsFor, INBOX_TOKEN, root, startServer } from '../e2e/helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
const sample = () =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));
const body = (data: unknown = sample()) => ({
  definition: { id: 'einbuergerung', version: '1.0.0' },
  locale: 'de',
  data,
});
const key = () => randomUUID();
const auth = { authorization: `Bearer ${INBOX_TOKEN}` };

/** Uploads the documents an application calls for, as the browser does before it sends. */
async function withDocuments(server: Server, payload: { data: unknown }) {
  return { ...payload, documents: await documentsFor(server.url, payload.data) };
}

/** Posts an application; one without `documents` gets the files it calls for uploaded first. */
async function post(server: Server, payload: unknown, headers: Record<string, string> = {}) {
  const complete =
    typeof payload === 'object' &&
    payload !== null &&
    'data' in payload &&
    !('documents' in payload)
      ? await withDocuments(server, payload as { data: unknown })
      : payload;
  return fetch(`${server.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key(), ...headers },
    body: typeof complete === 'string' ? complete : JSON.stringify(complete),
  });
}

describe('the reference server', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('stores a valid application, numbers it, and serves it to the inbox', async () => {
    const response = await post(server, body());
    assert.equal(response.status, 201);
    const created = (await response.json()) as { id: string; reference: string };
    assert.match(created.reference, new RegExp(`^EB-${new Date().getUTCFullYear()}-\\d{6}$`));
    assert.equal(response.headers.get('location'), `/api/submissions/${created.id}`);
    const stored = await fetch(`${server.url}${response.headers.get('location')}`, {
      headers: auth,
    });
    assert.equal(stored.status, 200);
    const record = (await stored.json()) as {
      reference: string;
      data: unknown;
      definitionId: string;
    };
    assert.equal(record.reference, created.reference);
    assert.equal(record.definitionId, 'einbuergerung');
    assert.deepEqual(record.data, sample());
    const list = (await (
      await fetch(`${server.url}/api/submissions`, { headers: auth })
    ).json()) as {
      items: { reference: string }[];
    };
    assert.ok(list.items.some((i) => i.reference === created.reference));
  });

  test('refuses invalid answers with 422 problem details pointing at the fields, storing nothing', async () => {
    const data = sample();
    data.residence.postalCode = '1234';
    delete data.person.birthDate;
    const before = server.store.list({ limit: 1, offset: 0 }).total;
    const response = await post(server, body(data));
    assert.equal(response.status, 422);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] };
    assert.deepEqual(problem.errors.map((e) => e.pointer).sort(), [
      '/data/person/birthDate',
      '/data/residence/postalCode',
    ]);
    assert.ok(problem.errors.some((e) => e.detail === 'Die Postleitzahl hat 5 Ziffern.'));
    assert.ok(problem.errors.some((e) => e.detail === 'Bitte geben Sie Ihr Geburtsdatum an.'));
    assert.equal(server.store.list({ limit: 1, offset: 0 }).total, before);
  });

  test('after a 422 the same key works once the answer is fixed', async () => {
    const k = key();
    const data = sample();
    data.residence.postalCode = '1234';
    assert.equal((await post(server, body(data), { 'idempotency-key': k })).status, 422);
    assert.equal((await post(server, body(), { 'idempotency-key': k })).status, 201);
  });

  test('replays the first answer for the same key and body, storing one row', async () => {
    const k = key();
    const before = server.store.list({ limit: 1, offset: 0 }).total;
    const complete = await withDocuments(server, body());
    const first = await post(server, complete, { 'idempotency-key': k });
    const second = await post(server, JSON.stringify(complete, null, 2), { 'idempotency-key': k });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(await second.json(), await first.json());
    assert.equal(server.store.list({ limit: 1, offset: 0 }).total, before + 1);
  });

  test('refuses the same key with a different body (422)', async () => {
    const k = key();
    assert.equal((await post(server, body(), { 'idempotency-key': k })).status, 201);
    const other = sample();
    other.person.birthPlace = 'Ankara';
    const response = await post(server, body(other), { 'idempotency-key': k });
    assert.equal(response.status, 422);
    assert.match(((await response.json()) as { title: string }).title, /different body/);
  });

  test('needs an Idempotency-Key, JSON, a known definition and no unknown fields', async () => {
    const missing = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    assert.equal(missing.status, 400);
    assert.equal((await post(server, body(), { 'idempotency-key': 'short' })).status, 400);
    assert.equal(
      (await post(server, 'x=1', { 'content-type': 'application/x-www-form-urlencoded' })).status,
      415,
    );
    assert.equal((await post(server, '{not json')).status, 400);
    const unknown = await post(server, {
      ...body(),
      definition: { id: 'gibtsnicht', version: '1.0.0' },
    });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { detail: string }).detail, /gibtsnicht/);
    assert.equal(
      (await post(server, { ...body(), definition: { id: 'einbuergerung', version: '0.9.0' } }))
        .status,
      400,
    );
    const extra = await post(server, { ...body(), admin: true });
    assert.equal(extra.status, 400);
    const tooLarge = await post(server, body({ ...sample(), padding: 'x'.repeat(1_100_000) }));
    assert.equal(tooLarge.status, 413);
  });

  test('unknown fields inside the data are refused, __proto__ included', async () => {
    const data = sample();
    data.person.favouriteColour = 'blau';
    const response = await post(server, body(data));
    assert.equal(response.status, 422);
    const polluted = await post(
      server,
      `{"definition":{"id":"einbuergerung","version":"1.0.0"},"locale":"de","data":{"__proto__":{"admin":true}}}`,
    );
    assert.equal(polluted.status, 422);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  test('checks a CSRF token when one is sent', async () => {
    assert.equal((await post(server, body(), { 'x-csrf-token': 'forged' })).status, 403);
    assert.equal((await post(server, body(), { 'x-csrf-token': CSRF_TOKEN })).status, 201);
  });

  test('the inbox is refused without the token, and serves HTML with it', async () => {
    assert.equal((await fetch(`${server.url}/api/submissions`)).status, 401);
    assert.equal(
      (await fetch(`${server.url}/api/submissions`, { headers: { authorization: 'Bearer wrong' } }))
        .status,
      401,
    );
    const page = await fetch(`${server.url}/inbox`);
    assert.equal(page.status, 401);
    assert.match(page.headers.get('www-authenticate') ?? '', /Basic/);
    const basic = Buffer.from(`beh\u00f6rde:${INBOX_TOKEN}`).toString('base64');
    const html = await fetch(`${server.url}/inbox`, {
      headers: { authorization: `Basic ${basic}` },
    });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await html.text(), /Yılmaz, Ayşe Elif/);
  });

  test('CORS is off by default', async () => {
    const preflight = await fetch(`${server.url}/api/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    const response = await post(server, body(), { origin: 'https://example.org' });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('no stack traces in responses and no personal data in the log', async () => {
    const response = await fetch(`${server.url}/dist/../../etc/passwd`);
    assert.equal(response.status, 404);
    const text = JSON.stringify(server.logs);
    assert.doesNotMatch(text, /Yılmaz|Izmir|1988-04-17/);
  });

  test('200 concurrent submissions: 200 rows, 200 unique references', async () => {
    const before = server.store.list({ limit: 1, offset: 0 }).total;
    // The documents first, a few at a time (one client may have only so many unfinished uploads).
    const bodies: unknown[] = [];
    while (bodies.length < 200)
      bodies.push(...(await Promise.all([1, 2, 3, 4].map(() => withDocuments(server, body())))));
    const responses = await Promise.all(bodies.map((b) => post(server, b)));
    const references = await Promise.all(
      responses.map(async (r) => {
        assert.equal(r.status, 201);
        return ((await r.json()) as { reference: string }).reference;
      }),
    );
    assert.equal(new Set(references).size, 200);
    assert.equal(server.store.list({ limit: 1, offset: 0 }).total, before + 200);
  });
});

describe('CORS for a configured origin', () => {
  test('answers the preflight and the POST for that origin only', async () => {
    const server = await startServer({ allowedOrigins: ['https://www.musterstadt.de'] });
    try {
      const ok = await fetch(`${server.url}/api/submissions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://www.musterstadt.de', 'access-control-request-method': 'POST' },
      });
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://www.musterstadt.de');
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
      const posted = await post(server, body(), { origin: 'https://www.musterstadt.de' });
      assert.equal(posted.headers.get('access-control-allow-origin'), 'https://www.musterstadt.de');
    } finally {
      await server.close();
    }
  });
});

describe('restart', () => {
  test('keeps the applications and goes on numbering', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-forms-restart-'));
    try {
      const first = await startServer({ dataDir });
      const a = (await (await post(first, body())).json()) as { id: string; reference: string };
      await first.close();
      const second = await startServer({ dataDir });
      try {
        const record = await fetch(`${second.url}/api/submissions/${a.id}`, { headers: auth });
        assert.equal(record.status, 200);
        assert.deepEqual(((await record.json()) as { data: unknown }).data, sample());
        const b = (await (await post(second, body())).json()) as { reference: string };
        assert.equal(Number(b.reference.slice(-6)), Number(a.reference.slice(-6)) + 1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
