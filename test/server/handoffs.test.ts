/**
 * Hand-offs on the reference server (definition format 2, test/fixtures/two-party.json): the
 * applicant's part stored waiting, the employer's part through an unguessable link that expires
 * and works once, the joined application validated whole, and the applicant's status by secret.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  FIXTURE_DEFINITIONS,
  INBOX_TOKEN,
  root,
  startServer,
  uploadDocuments,
} from '../e2e/helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;

const DAY = 24 * 60 * 60 * 1000;
const definition = { id: 'zwei-parteien-test', version: '1.0.0' };
const auth = { authorization: `Bearer ${INBOX_TOKEN}` };
const applicantPart = (): Json => ({
  person: { familyName: 'Haddad', givenNames: 'Samir', birthDate: '1996-04-02' },
  job: { description: 'Helfer in der Küche, 30 Stunden', employerName: 'Gasthaus Linde' },
});
const employerPart = (): Json => ({
  employer: { company: 'Gasthaus Linde GmbH', hoursPerWeek: 30 },
});

async function request(
  server: Server,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : {}) as Json,
  };
}

/** The applicant sends their part. */
function start(server: Server, data: Json = applicantPart(), key: string = randomUUID()) {
  return request(server, 'POST', '/api/submissions', {
    body: { definition, locale: 'de', data },
    headers: { 'idempotency-key': key },
  });
}

/** The employer opens the link. */
const open = (server: Server, token: string) =>
  request(server, 'GET', '/api/handoffs', { headers: { 'x-handoff-token': token } });

/** The employer sends their part. */
const complete = (server: Server, token: string, data: Json, key: string = randomUUID()) =>
  request(server, 'POST', '/api/handoffs/submission', {
    body: { data, locale: 'en' },
    headers: { 'x-handoff-token': token, 'idempotency-key': key },
  });

const status = (server: Server, secret: string) =>
  request(server, 'GET', '/api/submissions/status', { headers: { 'x-status-secret': secret } });

/** Every text the database holds (all tables, all columns). */
function databaseText(server: Server): string {
  const db = new Database(join(server.dataDir, 'ozg-forms.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    return tables
      .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()))
      .join('\n');
  } finally {
    db.close();
  }
}

describe('hand-offs', () => {
  let server: Server;
  let clock = Date.now();
  before(async () => {
    server = await startServer({ definitionDirs: FIXTURE_DEFINITIONS, now: () => clock });
  });
  after(() => server.close());

  test('the applicant’s part waits; the employer completes it once; one application arrives', async () => {
    const started = await start(server);
    assert.equal(started.status, 202);
    const { reference, handOff, statusSecret } = started.body;
    assert.match(reference, new RegExp(`^BE-${new Date(clock).getUTCFullYear()}-\\d{6}$`));
    assert.equal(started.body.status, 'waiting-for-party');
    assert.equal(handOff.party, 'employer');
    assert.equal(handOff.expiresAt, new Date(clock + 7 * DAY).toISOString());
    // Capabilities: 256 bits, base64url; stored only as hashes.
    for (const secret of [handOff.token, statusSecret]) {
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(secret, 'base64url').length, 32);
    }
    assert.notEqual(handOff.token, statusSecret);
    const stored = databaseText(server);
    assert.ok(!stored.includes(handOff.token), 'the token is not stored');
    assert.ok(!stored.includes(statusSecret), 'the status secret is not stored');
    const record = server.store.get(started.body.id)!;
    assert.equal(record.state, 'waiting-for-party');
    assert.deepEqual(record.data, applicantPart());

    assert.deepEqual((await status(server, statusSecret)).body, {
      reference,
      status: 'waiting-for-party',
      expiresAt: handOff.expiresAt,
      party: 'employer',
    });

    // The employer sees only what the hand-off shows.
    const opened = await open(server, handOff.token);
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.body, {
      definition,
      party: 'employer',
      shared: {
        person: { familyName: 'Haddad' },
        job: { description: 'Helfer in der Küche, 30 Stunden' },
      },
      expiresAt: handOff.expiresAt,
      locale: 'de',
    });

    // The employer's answers are taken at the employer's pointers only.
    const key = randomUUID();
    const forged = {
      ...employerPart(),
      person: { familyName: 'Überschrieben', givenNames: 'X', birthDate: '2000-01-01' },
      job: { description: 'Etwas anderes', employerName: 'Andere GmbH' },
    };
    const done = await complete(server, handOff.token, forged, key);
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.equal(done.body.reference, reference);
    assert.equal(done.body.status, 'received');
    const joined = server.store.get(started.body.id)!;
    assert.equal(joined.state, 'received');
    assert.deepEqual(joined.data, { ...applicantPart(), ...employerPart() });
    assert.ok(joined.completedAt);
    assert.equal((await status(server, statusSecret)).body.status, 'received');
    assert.ok(
      server.logs.some((e) => e.event === 'handoff.completed' && e.reference === reference),
    );

    // Used up: the same request replays, another is gone, and so is the link.
    const replay = await complete(server, handOff.token, forged, key);
    assert.equal(replay.status, 201);
    assert.deepEqual(replay.body, done.body);
    const again = await complete(server, handOff.token, employerPart());
    assert.equal(again.status, 410);
    assert.match(again.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((await open(server, handOff.token)).status, 410);
    assert.equal(
      server.store.list({ limit: 500, offset: 0 }).items.filter((i) => i.reference === reference)
        .length,
      1,
    );
  });

  test('the applicant cannot fill in or change the employer’s part', async () => {
    const started = await start(server, { ...applicantPart(), employer: { company: 'erfunden' } });
    assert.equal(started.status, 202);
    assert.deepEqual(server.store.get(started.body.id)!.data, applicantPart());
    // … and the employer must still give theirs.
    const incomplete = await complete(server, started.body.handOff.token, {});
    assert.equal(incomplete.status, 422);
    assert.deepEqual(
      incomplete.body.errors.map((e: Json) => e.pointer),
      ['/data/employer'],
    );
  });

  test('the applicant’s part is checked without the employer’s subtree, and nothing else is let off', async () => {
    const data = applicantPart();
    data.person.birthDate = '02.04.1996';
    delete data.job.employerName;
    const refused = await start(server, data);
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body.errors.map((e: Json) => e.pointer).sort(), [
      '/data/job/employerName',
      '/data/person/birthDate',
    ]);
  });

  test('the joined application is validated whole: the employer’s required answer missing is 422 at its pointer', async () => {
    const { body } = await start(server);
    const key = randomUUID();
    const missing = await complete(
      server,
      body.handOff.token,
      { employer: { hoursPerWeek: 30 } },
      key,
    );
    assert.equal(missing.status, 422);
    assert.deepEqual(
      missing.body.errors.map((e: Json) => e.pointer),
      ['/data/employer/company'],
    );
    const wrong = await complete(server, body.handOff.token, {
      employer: { company: 'L', hoursPerWeek: 99 },
    });
    assert.deepEqual(
      wrong.body.errors.map((e: Json) => e.pointer),
      ['/data/employer/hoursPerWeek'],
    );
    // Nothing was used up: the fixed answers go through, with the same key.
    assert.equal(server.store.get(body.id)!.state, 'waiting-for-party');
    assert.equal((await complete(server, body.handOff.token, employerPart(), key)).status, 201);
  });

  test('the built-in Beschäftigungserlaubnis: the applicant’s part waits 14 days, the employer sees the names and the job sentence, the joined application arrives', async () => {
    const fixture = (name: string): Json =>
      JSON.parse(
        readFileSync(join(root, `test/fixtures/beschaeftigungserlaubnis-${name}.json`), 'utf8'),
      );
    const started = await request(server, 'POST', '/api/submissions', {
      body: {
        definition: { id: 'beschaeftigungserlaubnis', version: '1.0.0' },
        locale: 'de',
        data: fixture('applicant'),
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    // The applicant sends no /employer: that is the employer's, not a missing answer.
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.match(started.body.reference, /^BE-\d{4}-\d{6}$/);
    assert.equal(started.body.handOff.expiresAt, new Date(clock + 14 * DAY).toISOString());
    const opened = await open(server, started.body.handOff.token);
    assert.deepEqual(opened.body.shared, {
      person: { familyName: 'Haidari', givenNames: 'Mohammad Reza' },
      job: {
        description: 'Helfer in der Küche im Gasthaus Linde in Kassel, 30 Stunden in der Woche.',
      },
    });
    const incomplete = await complete(server, started.body.handOff.token, {
      employer: { ...fixture('employer').employer, pay: undefined },
    });
    assert.equal(incomplete.status, 422);
    assert.deepEqual(
      incomplete.body.errors.map((e: Json) => e.pointer),
      ['/data/employer/pay'],
    );
    const done = await complete(server, started.body.handOff.token, fixture('employer'));
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.deepEqual(server.store.get(started.body.id)!.data, {
      ...fixture('applicant'),
      ...fixture('employer'),
    });
  });

  test('a forged, malformed or missing token is 404, whatever the route', async () => {
    const forged = randomBytes(32).toString('base64url');
    for (const token of [forged, 'abc', '', 'x'.repeat(500)]) {
      const headers: Record<string, string> = token ? { 'x-handoff-token': token } : {};
      const opened = await request(server, 'GET', '/api/handoffs', { headers });
      assert.equal(opened.status, 404, token);
      assert.match(opened.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const posted = await request(server, 'POST', '/api/handoffs/submission', {
        body: { data: employerPart() },
        headers: { ...headers, 'idempotency-key': randomUUID() },
      });
      assert.equal(posted.status, 404, token);
    }
    // A token in the URL is no token.
    const { body } = await start(server);
    const inQuery = await request(server, 'GET', `/api/handoffs?token=${body.handOff.token}`);
    assert.equal(inQuery.status, 404);
  });

  test('a wrong status secret is 404', async () => {
    for (const secret of [randomBytes(32).toString('base64url'), 'abc', ''])
      assert.equal((await status(server, secret)).status, 404, secret);
  });

  test('a replayed first answer carries new capabilities; the old ones stop working', async () => {
    const key = randomUUID();
    const first = await start(server, applicantPart(), key);
    const second = await start(server, applicantPart(), key);
    assert.equal(second.status, 202);
    assert.equal(second.body.reference, first.body.reference);
    assert.equal(second.body.status, 'waiting-for-party');
    assert.notEqual(second.body.handOff.token, first.body.handOff.token);
    assert.notEqual(second.body.statusSecret, first.body.statusSecret);
    assert.equal((await open(server, first.body.handOff.token)).status, 404);
    assert.equal((await status(server, first.body.statusSecret)).status, 404);
    assert.equal((await open(server, second.body.handOff.token)).status, 200);
    assert.equal((await status(server, second.body.statusSecret)).body.status, 'waiting-for-party');
    assert.equal(
      server.store
        .list({ limit: 500, offset: 0 })
        .items.filter((i) => i.reference === first.body.reference).length,
      1,
    );
  });

  test('a hand-off expires: 410, status "expired", its personal data deleted, the inbox shows it without', async () => {
    const started = await start(server);
    const { handOff, statusSecret, reference, id } = started.body;
    const waiting = await fetch(`${server.url}/inbox`, { headers: auth });
    const page = await waiting.text();
    assert.match(page, new RegExp(`${reference}[\\s\\S]*?wartet auf Arbeitgeber`));
    clock += 7 * DAY + 1000;
    try {
      // Past its time, before the sweep ran: gone already, and its data is not served.
      assert.equal((await open(server, handOff.token)).status, 410);
      const late = await complete(server, handOff.token, employerPart());
      assert.equal(late.status, 410);
      assert.match(late.body.title, /abgelaufen/);
      assert.deepEqual((await status(server, statusSecret)).body, { reference, status: 'expired' });
      const served = (await (
        await fetch(`${server.url}/api/submissions/${id}`, { headers: auth })
      ).json()) as Json;
      assert.equal(served.state, 'expired');
      assert.equal(served.data, null);
      // The sweep deletes it.
      await server.app.expire();
      const record = server.store.get(id)!;
      assert.equal(record.state, 'expired');
      assert.equal(record.data, null);
      assert.equal(record.reference, reference);
      assert.ok(record.receivedAt && record.expiresAt);
      const inbox = await (await fetch(`${server.url}/inbox`, { headers: auth })).text();
      const row = inbox.split('\n').find((line) => line.includes(reference))!;
      assert.match(row, /abgelaufen/);
      assert.doesNotMatch(row, /Haddad/);
      assert.doesNotMatch(row, /href=/);
      assert.ok(
        server.logs.some(
          (e) => e.event === 'handoff.expired' && (e.references as string[]).includes(reference),
        ),
      );
    } finally {
      clock = Date.now();
    }
  });
});

describe('an expired hand-off’s uploaded files', () => {
  let server: Server;
  let dir: string;
  let clock = Date.now();
  before(async () => {
    // The two-party fixture with a passport the applicant uploads.
    dir = mkdtempSync(join(tmpdir(), 'ozg-forms-definitions-'));
    const withDocument = JSON.parse(readFileSync(`${root}/test/fixtures/two-party.json`, 'utf8'));
    withDocument.id = 'zwei-parteien-dokument';
    withDocument.documents = [{ id: 'pass', title: 'Pass oder Duldung' }];
    writeFileSync(join(dir, 'definition.json'), JSON.stringify(withDocument));
    server = await startServer({
      definitionDirs: [join(dir, 'definition.json')],
      now: () => clock,
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('are deleted with its data', async () => {
    const documents = await uploadDocuments(server.url, ['pass'], 'zwei-parteien-dokument');
    const started = await request(server, 'POST', '/api/submissions', {
      body: {
        definition: { id: 'zwei-parteien-dokument', version: '1.0.0' },
        locale: 'de',
        data: applicantPart(),
        documents,
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const file = join(server.dataDir, 'uploads', documents.pass![0]!.id);
    assert.ok(existsSync(file));
    assert.equal(server.store.get(started.body.id)!.documents?.length, 1);
    clock += 8 * DAY;
    await server.app.expire();
    assert.equal(existsSync(file), false, 'the file is removed');
    assert.equal(server.store.getUpload(documents.pass![0]!.id), undefined);
    const record = server.store.get(started.body.id)!;
    assert.equal(record.documents, undefined);
    assert.equal(record.data, null);
    assert.ok(!databaseText(server).includes('Haddad'), 'no personal data left');
  });
});

describe('capability lookups are limited per client', () => {
  test('past the limit a minute, 429 with Retry-After', async () => {
    const server = await startServer({
      definitionDirs: FIXTURE_DEFINITIONS,
      capabilityLookupsPerMinute: 3,
    });
    try {
      const forged = randomBytes(32).toString('base64url');
      for (let i = 0; i < 3; i++) assert.equal((await open(server, forged)).status, 404);
      const limited = await open(server, forged);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.equal((await status(server, forged)).status, 429, 'status lookups count too');
    } finally {
      await server.close();
    }
  });
});
