/**
 * The reference server probed as an attacker and a bad network would: over real HTTP on loopback,
 * each probe bounded in time, and the server alive after every one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { documentsFor, INBOX_TOKEN, root, startServer, UPLOAD_SESSION } from '../e2e/helpers.js';
import { createApp } from '../../server/app.js';
import { openSqliteStore } from '../../server/sqlite-store.js';
import { assertAlive, raw } from './probe.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;

const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));
const definition = { id: 'einbuergerung', version: '1.0.0' };
const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pdf = (size = 3000) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x41)]);
const metadata = (document = 'reisepass') =>
  [
    ['filename', `${document}.pdf`],
    ['filetype', 'application/pdf'],
    ['definition', 'einbuergerung'],
    ['document', document],
  ]
    .map(([k, v]) => `${k} ${b64(v!)}`)
    .join(',');

async function createUpload(
  server: Server,
  size: number,
  session: Record<string, string> = UPLOAD_SESSION,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}/api/uploads`, {
    method: 'POST',
    headers: {
      ...TUS,
      ...session,
      'upload-length': String(size),
      'upload-metadata': metadata(),
      ...headers,
    },
  });
}

function patch(
  server: Server,
  location: string,
  bytes: Buffer,
  session: Record<string, string> = UPLOAD_SESSION,
) {
  return fetch(new URL(location, server.url), {
    method: 'PATCH',
    headers: {
      ...TUS,
      ...session,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(bytes),
  });
}

describe('static files: nothing served that is not meant to be', () => {
  let server: Server;
  before(async () => {
    // The default layout of `npm start`: the data directory inside the project.
    mkdirSync(join(root, 'data'), { recursive: true });
    server = await startServer({ dataDir: mkdtempSync(join(root, 'data', 'security-')) });
  });
  after(async () => {
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  const SECRETS = [
    'package.json',
    'server%2fmain.ts',
    `data%2f${'security'}`,
    '.git%2fconfig',
    'README.md',
  ];
  const TRAVERSALS = (target: string) => [
    `..%2f${target}`,
    `..%2F${target}`,
    `%2e%2e%2f${target}`,
    `%2E%2E/${target}`,
    `.%2e/${target}`,
    `%2e./${target}`,
    `..%5c${target}`,
    `..\\${target}`,
    `%252e%252e%252f${target}`,
    `..%c0%af${target}`,
    `../${target}`,
    `./../${target}`,
    `..;/${target}`,
    `%00../${target}`,
  ];

  test('encoded and plain traversal in every served prefix is refused', async () => {
    const wal = server.dataDir.slice(root.length + 1).replace(/\//g, '%2f');
    for (const prefix of ['/dist/', '/demo/', '/dist/assets/', '/demo/x/'])
      for (const secret of [
        ...SECRETS,
        `${wal}%2fozg-forms.sqlite-wal`,
        `${wal}%2fozg-forms.sqlite`,
      ])
        for (const probe of TRAVERSALS(secret)) {
          const response = await raw(server.url, prefix + probe);
          // 400 where Node's HTTP parser refuses the path itself.
          assert.ok([400, 404].includes(response.status), `${prefix}${probe} → ${response.status}`);
          assert.doesNotMatch(
            response.body.toString('latin1'),
            /SQLite format|"devDependencies"|createApp/,
          );
        }
    await assertAlive(server.url);
  });

  test('hidden files, folders and links out of a served folder are refused', async () => {
    const link = join(root, 'demo', 'security-link.json');
    const folderLink = join(root, 'demo', 'security-folder');
    symlinkSync(join(root, 'package.json'), link);
    symlinkSync(root, folderLink);
    try {
      for (const path of [
        '/demo/security-link.json',
        '/demo/security-folder/package.json',
        '/dist/',
        '/dist',
        '/demo/.hidden',
        '/dist/.vite/manifest.json',
        '/data/ozg-forms.sqlite',
        '/server/main.ts',
        '/package.json',
      ]) {
        const response = await raw(server.url, path);
        assert.equal(response.status, 404, `${path} → ${response.status}`);
      }
    } finally {
      rmSync(link);
      rmSync(folderLink);
    }
    // What is meant to be served still is.
    assert.equal((await raw(server.url, '/dist/ozg-forms.js')).status, 200);
    assert.equal((await raw(server.url, '/demo/demo.css')).status, 200);
    await assertAlive(server.url);
  });

  test('the data folder and the database are for the server user alone', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ozg-forms-')), 'data');
    const store = openSqliteStore(dataDir);
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, 'ozg-forms.sqlite')).mode & 0o777, 0o600);
    } finally {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a data or uploads directory inside a served folder is refused at start', () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'ozg-forms-')));
    try {
      assert.throws(
        () => createApp({ root, store, uploadsDir: join(root, 'dist', 'uploads') }),
        /inside the served folder dist\//,
      );
      assert.throws(
        () => createApp({ root, store, uploadsDir: join(root, 'demo') }),
        /inside the served folder demo\//,
      );
    } finally {
      store.close();
    }
  });
});

describe('headers on every route', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('nosniff and no-store everywhere; a strict CSP on every HTML page', async () => {
    const routes: [string, string, Record<string, string>?][] = [
      ['GET', '/'],
      ['GET', '/quick-check'],
      ['GET', '/liferay'],
      ['GET', '/documents'],
      ['GET', '/verpflichtungserklaerung'],
      ['GET', '/verpflichtungserklaerung/vorbereiten'],
      ['GET', '/beschaeftigungserlaubnis'],
      ['GET', '/beschaeftigungserlaubnis/antrag'],
      ['GET', '/dist/ozg-forms.js'],
      ['GET', '/demo/demo.css'],
      ['GET', '/demo/liferay-globals.js'],
      ['GET', '/nowhere'],
      ['GET', '/inbox'],
      ['GET', '/api/submissions'],
      ['POST', '/api/submissions', { 'content-type': 'text/plain' }],
      ['POST', '/api/payments', { 'content-type': 'application/json' }],
      ['GET', `/api/payments/pay_${'0'.repeat(32)}`],
      ['POST', '/api/uploads', { ...TUS }],
      ['GET', `/api/uploads/${'0'.repeat(32)}`],
      ['HEAD', `/api/uploads/${'0'.repeat(32)}`, { ...TUS, ...UPLOAD_SESSION }],
      ['OPTIONS', '/api/uploads'],
      ['DELETE', '/'],
    ];
    for (const [method, path, headers] of routes) {
      const response = await raw(server.url, path, { method, headers: headers ?? {} });
      const where = `${method} ${path} (${response.status})`;
      assert.equal(response.headers['x-content-type-options'], 'nosniff', where);
      assert.equal(response.headers['cache-control'], 'no-store', where);
      assert.equal(response.headers['access-control-allow-origin'], undefined, where);
      if (/^text\/html/.test(String(response.headers['content-type'])))
        assert.match(
          String(response.headers['content-security-policy']),
          /script-src 'self'/,
          where,
        );
    }
    await assertAlive(server.url);
  });

  test('the inbox asks for Basic and Bearer in two header lines, so browsers show a login', async () => {
    for (const path of ['/inbox', '/api/submissions']) {
      const response = await raw(server.url, path);
      assert.equal(response.status, 401);
      const challenges = response.lines.filter(([name]) => name === 'www-authenticate');
      assert.equal(challenges.length, 2, JSON.stringify(challenges));
      assert.match(challenges[0]![1], /^Basic realm="inbox"/);
      assert.match(challenges[1]![1], /^Bearer realm="inbox"/);
    }
  });

  test('the inbox counts "1 Antrag", not "1 Anträge"', async () => {
    const data = sample();
    const created = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ definition, data, documents: await documentsFor(server.url, data) }),
    });
    assert.equal(created.status, 201);
    const page = await fetch(`${server.url}/inbox`, {
      headers: { authorization: `Basic ${b64(`x:${INBOX_TOKEN}`)}` },
    });
    assert.match(await page.text(), /<p>1 Antrag eingegangen\./);
  });
});

describe('request bodies', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('a body nested 100,000 levels deep is a 400, not a 500 the element would retry', async () => {
    const depth = 100_000;
    const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    for (const path of ['/api/submissions', '/api/payments']) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: `{"definition":${JSON.stringify(definition)},"data":${deep}}`,
      });
      assert.equal(response.status, 400, path);
      assert.match(((await response.json()) as Json).title, /nests too deeply/);
    }
    await assertAlive(server.url);
  });

  test('an error inside a handler ends that request with a 500 problem, and the server goes on', async () => {
    const broken = await startServer({
      store: new Proxy(openSqliteStore(mkdtempSync(join(tmpdir(), 'ozg-forms-'))), {
        get(target, name, receiver) {
          if (name === 'list')
            return () => {
              throw new Error('disk I/O error');
            };
          return Reflect.get(target, name, receiver) as unknown;
        },
      }),
    });
    try {
      const response = await fetch(`${broken.url}/api/submissions`, {
        headers: { authorization: `Bearer ${INBOX_TOKEN}` },
      });
      assert.equal(response.status, 500);
      const problem = (await response.json()) as Json;
      assert.equal(problem.title, 'Internal Server Error');
      assert.doesNotMatch(JSON.stringify(problem), /disk I\/O|at /);
      await assertAlive(broken.url);
    } finally {
      await broken.close();
    }
  });
});

describe('payment return URLs: configured origins only', () => {
  let server: Server;
  before(async () => {
    server = await startServer({ allowedOrigins: ['https://www.musterstadt.de'] });
  });
  after(() => server.close());

  function createPayment(returnUrl: string, headers: Record<string, string> = {}) {
    return fetch(`${server.url}/api/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...headers,
      },
      body: JSON.stringify({ purpose: 'Gebühr', amount: 2500, returnUrl }),
    });
  }

  test('a foreign return URL is refused, whatever Origin and Host say', async () => {
    for (const [url, headers] of [
      ['https://evil.example/steal', { origin: 'https://evil.example' }],
      ['http://evil.example/steal', { host: 'evil.example' }],
      ['https://evil.example/steal', {}],
      [`${server.url.replace('127.0.0.1', 'localhost')}/antrag`, { host: 'localhost' }],
      ['https://www.musterstadt.de@evil.example/', {}],
      ['javascript:alert(1)', {}],
    ] as [string, Record<string, string>][]) {
      const response = await createPayment(url, headers);
      assert.equal(response.status, 400, `${url} ${JSON.stringify(headers)}`);
    }
    // The server's own origin and a configured one are fine.
    assert.equal((await createPayment(`${server.url}/antrag`)).status, 201);
    assert.equal((await createPayment('https://www.musterstadt.de/antrag')).status, 201);
  });

  test('the configured public origin is where payments return to', async () => {
    const behindProxy = await startServer({ publicOrigin: 'https://antrag.musterstadt.de' });
    try {
      const post = (returnUrl: string) =>
        fetch(`${behindProxy.url}/api/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ purpose: 'Gebühr', amount: 2500, returnUrl }),
        });
      assert.equal((await post('https://antrag.musterstadt.de/einbuergerung')).status, 201);
      assert.equal((await post(`${behindProxy.url}/antrag`)).status, 400);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('uploads: a capability of the session that created them', () => {
  let server: Server;
  const other = { 'x-upload-session': 'another-browser-session-0123456789' };
  before(async () => {
    server = await startServer({ allowedOrigins: ['https://www.musterstadt.de'] });
  });
  after(() => server.close());

  test('an upload needs a session secret, and no other session can resume, read or delete it', async () => {
    assert.equal((await createUpload(server, 3000, {})).status, 400);
    assert.equal((await createUpload(server, 3000, { 'x-upload-session': 'short' })).status, 400);
    const created = await createUpload(server, 3000);
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    const url = new URL(location, server.url);
    for (const method of ['HEAD', 'PATCH', 'DELETE']) {
      for (const session of [{}, other]) {
        const response = await fetch(url, {
          method,
          headers: {
            ...TUS,
            ...session,
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
          },
          ...(method === 'PATCH' ? { body: new Uint8Array(pdf()) } : {}),
        });
        assert.equal(response.status, 404, `${method} with ${JSON.stringify(session)}`);
      }
    }
    assert.equal((await patch(server, location, pdf())).status, 204);
    // Complete: nobody downloads it through the upload endpoint, its owner included.
    for (const session of [UPLOAD_SESSION, other, {}])
      assert.equal((await fetch(url, { headers: { ...TUS, ...session } })).status, 405);
    // Its owner may still remove it before sending.
    const removed = await fetch(url, { method: 'DELETE', headers: { ...TUS, ...UPLOAD_SESSION } });
    assert.equal(removed.status, 204);
    assert.equal(server.store.getUpload(location.split('/').pop()!), undefined);
    await assertAlive(server.url);
  });

  test('GET on a completed upload neither crashes the server nor serves the file', async () => {
    for (let i = 0; i < 6; i++) {
      const created = await createUpload(server, 3000);
      const location = created.headers.get('location')!;
      await patch(server, location, pdf());
      const response = await raw(server.url, location, { headers: { ...TUS, ...UPLOAD_SESSION } });
      assert.equal(response.status, 405);
      await assertAlive(server.url);
    }
  });

  test('a PATCH whose connection drops mid-body leaves the server serving', async () => {
    const { hostname, port } = new URL(server.url);
    for (let i = 0; i < 5; i++) {
      const created = await createUpload(server, 200_000);
      const location = created.headers.get('location')!;
      await new Promise<void>((resolve) => {
        const req = request({
          hostname,
          port,
          path: location,
          method: 'PATCH',
          headers: {
            ...TUS,
            ...UPLOAD_SESSION,
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
            'content-length': '200000',
          },
        });
        req.on('error', () => resolve());
        req.write(pdf(50_000));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
      await assertAlive(server.url);
      const state = await fetch(new URL(location, server.url), {
        method: 'HEAD',
        headers: { ...TUS, ...UPLOAD_SESSION },
      });
      assert.equal(state.status, 200);
      assert.ok(Number(state.headers.get('upload-offset')) <= 50_000);
    }
  });

  test('once an application uses an upload, only the authority reads it and nobody deletes it', async () => {
    const data = sample();
    const documents = await documentsFor(server.url, data);
    const response = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ definition, data, documents }),
    });
    assert.equal(response.status, 201);
    const { id } = (await response.json()) as Json;
    const file = documents.reisepass![0]!;
    const url = `${server.url}/api/uploads/${file.id}`;
    for (const method of ['DELETE', 'PATCH', 'HEAD'])
      assert.notEqual(
        (await fetch(url, { method, headers: { ...TUS, ...UPLOAD_SESSION, 'upload-offset': '0' } }))
          .status,
        204,
      );
    assert.equal(
      (await fetch(url, { method: 'DELETE', headers: { ...TUS, ...UPLOAD_SESSION } })).status,
      403,
    );
    const download = await fetch(`${server.url}/api/submissions/${id}/documents/${file.id}`, {
      headers: { authorization: `Bearer ${INBOX_TOKEN}` },
    });
    assert.equal(download.status, 200);
    assert.equal(
      createHash('sha256')
        .update(Buffer.from(await download.arrayBuffer()))
        .digest('hex'),
      file.sha256,
    );
  });

  test('CORS and security headers as on every other endpoint', async () => {
    const foreign = await createUpload(server, 3000, UPLOAD_SESSION, {
      origin: 'https://evil.example',
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(foreign.headers.get('cache-control'), 'no-store');
    const allowed = await createUpload(server, 3000, UPLOAD_SESSION, {
      origin: 'https://www.musterstadt.de',
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.musterstadt.de');
    const preflight = await fetch(`${server.url}/api/uploads`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.musterstadt.de',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-upload-session',
      },
    });
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /x-upload-session/);
  });
});

describe('unfinished uploads: expiry and limits', () => {
  test('past the limits of one client 429, of the server 507; expired uploads are removed', async () => {
    const server = await startServer({
      uploadLimits: {
        unfinishedTtlMs: 400,
        perClientUploads: 2,
        perClientBytes: 10_000,
        totalBytes: 100_000,
      },
    });
    try {
      const first = await createUpload(server, 3000);
      assert.equal(first.status, 201);
      assert.ok(first.headers.get('upload-expires'), 'tus tells when it expires');
      assert.equal((await createUpload(server, 3000)).status, 201);
      const third = await createUpload(server, 3000);
      assert.equal(third.status, 429);
      assert.match(await third.text(), /Zu viele unfertige Uploads/);
      // Expired: removed, file and record, and the client may upload again.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const location = first.headers.get('location')!;
      const gone = await fetch(new URL(location, server.url), {
        method: 'HEAD',
        headers: { ...TUS, ...UPLOAD_SESSION },
      });
      assert.equal(gone.status, 404);
      assert.equal(server.store.getUploadGrant(location.split('/').pop()!), undefined);
      assert.equal((await createUpload(server, 3000)).status, 201);
      assert.equal((await createUpload(server, 8000)).status, 429, 'bytes per client');
    } finally {
      await server.close();
    }
    const full = await startServer({
      uploadLimits: { perClientBytes: 1_000_000, totalBytes: 5000 },
    });
    try {
      assert.equal((await createUpload(full, 3000)).status, 201);
      const refused = await createUpload(full, 3000);
      assert.equal(refused.status, 507);
      await assertAlive(full.url);
    } finally {
      await full.close();
    }
  });
});

describe('idempotency: a key held by a request that died is given back', () => {
  test('a claim in flight answers 409 with Retry-After; after its lease a retry goes through once', async () => {
    const server = await startServer({ claimLeaseMs: 500 });
    try {
      const data = sample();
      const body = JSON.stringify({
        definition,
        data,
        documents: await documentsFor(server.url, data),
      });
      const key = randomUUID();
      const fingerprint = createHash('sha256')
        .update(JSON.stringify(JSON.parse(body)))
        .digest('hex');
      // A request claimed the key, then its process died.
      const dead = server.store.claim(key, fingerprint, 500);
      assert.equal(dead.state, 'new');
      const send = () =>
        fetch(`${server.url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
        });
      const busy = await send();
      assert.equal(busy.status, 409);
      assert.equal(busy.headers.get('retry-after'), '1');
      await new Promise((resolve) => setTimeout(resolve, 600));
      const retried = await send();
      assert.equal(retried.status, 201);
      const again = await send();
      assert.deepEqual(await again.json(), await retried.json());
      // The request that lost its key can store nothing any more.
      assert.throws(
        () =>
          server.store.store(
            { key, token: (dead as { token: string }).token },
            {
              id: randomUUID(),
              definitionId: 'einbuergerung',
              definitionVersion: '1.0.0',
              locale: 'de',
              prefix: 'EB',
              receivedAt: new Date(),
              data,
            },
            () => ({ status: 201, headers: {}, body: '{}' }),
          ),
        /taken over/,
      );
      assert.equal(server.store.list({ limit: 1, offset: 0 }).total, 1);
    } finally {
      await server.close();
    }
  });
});

describe('patterns that backtrack catastrophically', () => {
  const HOSTILE = [
    '^(\\w+\\s?)*$',
    '^(a|a)*$',
    '^(a|aa)*$',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    '^(a+)+$',
  ];

  test('a server given a definition with one refuses to start, naming it, within a time budget', () => {
    const base = JSON.parse(
      readFileSync(`${root}/src/definitions/einbuergerung/definition.json`, 'utf8'),
    ) as Json;
    for (const pattern of HOSTILE) {
      const dir = mkdtempSync(join(tmpdir(), 'ozg-forms-hostile-'));
      const definition = structuredClone(base);
      definition.id = 'hostile';
      definition.schema.properties.person.properties.birthPlace.pattern = pattern;
      mkdirSync(join(dir, 'hostile'));
      writeFileSync(join(dir, 'hostile', 'definition.json'), JSON.stringify(definition));
      const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'ozg-forms-')));
      const started = Date.now();
      try {
        assert.throws(
          () => createApp({ root, store, definitionDirs: [dir] }),
          /\/schema\/properties\/person\/properties\/birthPlace\/pattern: can backtrack catastrophically/,
          pattern,
        );
        assert.ok(Date.now() - started < 15_000, `${pattern} took ${Date.now() - started} ms`);
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe('validation cannot stall the server', () => {
  test('a validation past its time budget is refused and its worker replaced; others are served meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ozg-forms-worker-'));
    // A validator that never ends (as a catastrophic pattern would), for data that asks for it.
    const worker = join(dir, 'stalling-worker.mts');
    writeFileSync(
      worker,
      `import { parentPort, workerData } from 'node:worker_threads';
       const real = await import(${JSON.stringify(join(root, 'server/definitions.ts'))});
       const definitions = real.loadDefinitions(workerData.root, workerData.definitionDirs);
       parentPort.on('message', (task) => {
         if (task.data?.person?.birthPlace === 'stall') for (;;) {}
         parentPort.postMessage({ id: task.id, result: real.assess(definitions.get(task.definitionId), task.data) });
       });
       parentPort.postMessage({ ready: true });`,
    );
    const server = await startServer({
      validation: { budgetMs: 1500, workers: 2, workerUrl: new URL(`file://${worker}`) },
    });
    try {
      const post = (data: Json) =>
        fetch(`${server.url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ definition, data }),
        });
      const invalid = sample();
      delete invalid.person.birthDate;
      const stalling = sample();
      stalling.person.birthPlace = 'stall';
      let stalled = true;
      const slow = post(stalling).finally(() => (stalled = false));
      // Meanwhile: pages, and other applications' validation, answer at once.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await assertAlive(server.url);
      const other = await post(invalid);
      assert.equal(other.status, 422);
      assert.ok(stalled, 'answered while the other validation still ran');
      const refused = await slow;
      assert.equal(refused.status, 422);
      assert.match(((await refused.json()) as Json).title, /nicht in angemessener Zeit/);
      assert.ok(server.logs.some((e) => e.event === 'validation.timeout'));
      // The pool is whole again.
      assert.equal((await post(invalid)).status, 422);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
