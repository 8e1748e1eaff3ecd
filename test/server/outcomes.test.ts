/**
 * Format 2 on the reference server beyond hand-offs: the appointment outcome (prepared, with the
 * checklist, deleted after its retention), outcomes a definition does not offer, documents
 * brought in person, the identity a portal verified, and a format-1 definition served migrated.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { MIGRATIONS, openSqliteStore } from '../../server/sqlite-store.js';
import { assess, loadDefinitions } from '../../server/definitions.js';
import {
  documentsFor,
  FIXTURE_DEFINITIONS,
  INBOX_TOKEN,
  root,
  startServer,
  uploadDocuments,
  UPLOAD_SESSION,
} from '../e2e/helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;

const DAY = 24 * 60 * 60 * 1000;
const appointment = { id: 'termin-test', version: '1.0.0' };
const auth = { authorization: `Bearer ${INBOX_TOKEN}` };
const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));
const host = (employment = 'self-employed', spouseIncome = true): Json => ({
  host: { familyName: 'Yılmaz', givenNames: 'Ayşe', employment, spouseIncome },
  guest: { familyName: 'Demir', nationality: 'türkisch' },
});

async function submit(server: Server, body: Json) {
  const response = await fetch(`${server.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ locale: 'de', ...body }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** The appointment fixture offering the appointment alone (no submission, so nothing is uploaded). */
const onlyAppointment = mkdtempSync(join(tmpdir(), 'ozg-only-appointment-'));
{
  const definition = JSON.parse(readFileSync(`${root}/test/fixtures/appointment.json`, 'utf8'));
  definition.id = 'nur-termin';
  definition.outcome = definition.outcome.filter((o: Json) => o.type === 'appointment');
  writeFileSync(join(onlyAppointment, 'definition.json'), JSON.stringify(definition));
}

/** Starts a tus upload of `document` of `definition`; the server's answer. */
function startUpload(server: Server, definition: string, document: string) {
  return fetch(`${server.url}/api/uploads`, {
    method: 'POST',
    headers: {
      ...UPLOAD_SESSION,
      'tus-resumable': '1.0.0',
      'upload-length': '100',
      'upload-metadata': [
        ['filename', 'urkunde.pdf'],
        ['filetype', 'application/pdf'],
        ['definition', definition],
        ['document', document],
      ]
        .map(([k, v]) => `${k} ${Buffer.from(v!).toString('base64')}`)
        .join(','),
    },
  });
}

describe('outcomes', () => {
  let server: Server;
  let clock = Date.now();
  before(async () => {
    server = await startServer({
      definitionDirs: [...FIXTURE_DEFINITIONS, join(onlyAppointment, 'definition.json')],
      now: () => clock,
    });
  });
  after(async () => {
    await server.close();
    rmSync(onlyAppointment, { recursive: true, force: true });
  });

  test('an appointment is stored prepared, with the checklist of what to bring, and no document to upload', async () => {
    const cases: [string | undefined, Json, string[]][] = [
      [undefined, host('self-employed', true), ['ausweis', 'steuerbescheid', 'heiratsurkunde']],
      ['appointment', host('employed', false), ['ausweis', 'gehaltsnachweise']],
    ];
    for (const [outcome, data, ids] of cases) {
      const { status, body } = await submit(server, {
        definition: appointment,
        data,
        ...(outcome ? { outcome } : {}),
      });
      assert.equal(status, 201, JSON.stringify(body));
      assert.equal(body.status, 'prepared');
      assert.match(body.reference, /^VE-\d{4}-\d{6}$/);
      assert.deepEqual(
        body.checklist.map((c: Json) => c.id),
        ids,
      );
      assert.equal(body.checklist[0].title, 'Personalausweis oder Reisepass');
      assert.equal(body.expiresAt, new Date(clock + 90 * DAY).toISOString());
      const record = server.store.get(body.id)!;
      assert.equal(record.state, 'prepared');
      assert.equal(record.outcome, 'appointment');
      assert.equal(record.expiresAt, body.expiresAt);
      const known = await fetch(`${server.url}/api/submissions/status`, {
        headers: { 'x-status-secret': body.statusSecret },
      });
      assert.deepEqual(await known.json(), {
        reference: body.reference,
        status: 'prepared',
        expiresAt: body.expiresAt,
      });
    }
  });

  test('no payment is taken for an appointment', async () => {
    const { status, body } = await submit(server, {
      definition: appointment,
      data: host(),
      payment: { id: `pay_${'0'.repeat(32)}` },
    });
    assert.equal(status, 422);
    assert.deepEqual(
      body.errors.map((e: Json) => e.pointer),
      ['/payment'],
    );
    const request = await fetch(`${server.url}/api/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        definition: appointment,
        data: host(),
        returnUrl: `${server.url}/antrag`,
      }),
    });
    assert.equal(request.status, 422);
  });

  test('the same definition can end in a submission, when the page chooses it', async () => {
    // With no appointment to bring it to, the marriage certificate is uploaded.
    const missing = await submit(server, {
      definition: appointment,
      data: host(),
      outcome: 'submission',
    });
    assert.equal(missing.status, 422);
    assert.deepEqual(
      missing.body.errors.map((e: Json) => e.pointer),
      ['/documents/heiratsurkunde'],
    );
    const { status, body } = await submit(server, {
      definition: appointment,
      data: host(),
      outcome: 'submission',
      documents: await uploadDocuments(server.url, ['heiratsurkunde'], appointment.id),
    });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.status, undefined);
    assert.equal(body.statusSecret, undefined);
    const record = server.store.get(body.id)!;
    assert.equal(record.state, 'received');
    assert.equal(record.outcome, 'submission');
  });

  test('an outcome the definition does not offer is 422 at /outcome', async () => {
    const cases: [Json, unknown][] = [
      [{ definition: { id: 'einbuergerung', version: '1.0.0' }, data: sample() }, 'appointment'],
      [{ definition: appointment, data: host() }, 'eid'],
      [{ definition: appointment, data: host() }, 5],
      [{ definition: appointment, data: host() }, null],
    ];
    for (const [body, outcome] of cases) {
      const refused = await submit(server, { ...body, outcome });
      assert.equal(refused.status, 422, String(outcome));
      assert.deepEqual(
        refused.body.errors.map((e: Json) => e.pointer),
        ['/outcome'],
        String(outcome),
      );
    }
    const einbuergerung = await submit(server, {
      definition: { id: 'einbuergerung', version: '1.0.0' },
      data: sample(),
      outcome: 'appointment',
    });
    assert.match(einbuergerung.body.detail, /sondern mit: submission/);
  });

  test('a document brought in person is neither required nor accepted as an upload', async () => {
    // Asked for (the spouse's income counts), but brought along: the application needs no file.
    const prepared = await submit(server, {
      definition: appointment,
      data: host('employed', true),
    });
    assert.equal(prepared.status, 201);
    assert.ok(prepared.body.checklist.some((c: Json) => c.id === 'heiratsurkunde'));
    // A definition that ends in an appointment alone takes no upload of it.
    const refused = await startUpload(server, 'nur-termin', 'heiratsurkunde');
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /zum Termin mit/);
    // One that also offers a submission (where every document is uploaded) takes it.
    const taken = await startUpload(server, 'termin-test', 'heiratsurkunde');
    assert.equal(taken.status, 201);
    // Naming it among the documents is refused as a document not asked for.
    const named = await submit(server, {
      definition: appointment,
      data: host('employed', true),
      documents: { heiratsurkunde: [] },
    });
    assert.equal(named.status, 422);
    assert.deepEqual(
      named.body.errors.map((e: Json) => e.pointer),
      ['/documents/heiratsurkunde'],
    );
  });

  test('a prepared application is deleted after its retention', async () => {
    const { body } = await submit(server, { definition: appointment, data: host() });
    clock += 90 * DAY + 1000;
    try {
      await server.app.expire();
      assert.equal(server.store.get(body.id), undefined);
      const gone = await fetch(`${server.url}/api/submissions/status`, {
        headers: { 'x-status-secret': body.statusSecret },
      });
      assert.equal(gone.status, 404);
      assert.ok(server.logs.some((e) => e.event === 'prepared.deleted'));
    } finally {
      clock = Date.now();
    }
  });

  test('the inbox shows where each application stands', async () => {
    const prepared = await submit(server, { definition: appointment, data: host() });
    const waiting = await submit(server, {
      definition: { id: 'zwei-parteien-test', version: '1.0.0' },
      data: {
        person: { familyName: 'Haddad', givenNames: 'Samir', birthDate: '1996-04-02' },
        job: { description: 'Küche', employerName: 'Linde' },
      },
    });
    const received = await submit(server, {
      definition: appointment,
      data: host('employed', false),
      outcome: 'submission',
    });
    const page = await (await fetch(`${server.url}/inbox`, { headers: auth })).text();
    const row = (reference: string) => page.split('\n').find((l) => l.includes(reference)) ?? '';
    assert.match(
      row(prepared.body.reference),
      /data-state="prepared"[\s\S]*für einen Termin vorbereitet/,
    );
    assert.match(
      row(waiting.body.reference),
      /data-state="waiting-for-party"[\s\S]*wartet auf Arbeitgeber/,
    );
    assert.match(row(waiting.body.reference), /Haddad, Samir/);
    assert.match(row(received.body.reference), /data-state="received"[\s\S]*eingegangen/);
    const list = (await (
      await fetch(`${server.url}/api/submissions?limit=500`, { headers: auth })
    ).json()) as Json;
    const states = Object.fromEntries(list.items.map((i: Json) => [i.reference, i.state]));
    assert.equal(states[prepared.body.reference], 'prepared');
    assert.equal(states[waiting.body.reference], 'waiting-for-party');
    assert.equal(states[received.body.reference], 'received');
  });

  test('the identity a portal verified is stored with the application; a malformed one is 422', async () => {
    const identity = { trustLevel: 'high', source: 'BundID', verified: ['/host/familyName'] };
    const { status, body } = await submit(server, {
      definition: appointment,
      data: host('employed', false),
      outcome: 'submission',
      identity,
    });
    assert.equal(status, 201);
    assert.deepEqual(server.store.get(body.id)!.identity, identity);
    const cases: unknown[] = [
      { trustLevel: 'hoch', verified: [] },
      { trustLevel: 'high', verified: ['/guest/familyName'] },
      { trustLevel: 'high', verified: '/host/familyName' },
      { trustLevel: 'high', verified: [], extra: 1 },
      'high',
    ];
    for (const given of cases) {
      const refused = await submit(server, {
        definition: appointment,
        data: host(),
        outcome: 'submission',
        identity: given,
      });
      assert.equal(refused.status, 422, JSON.stringify(given));
      assert.deepEqual(
        refused.body.errors.map((e: Json) => e.pointer),
        ['/identity'],
      );
    }
  });
});

describe('a format-1 definition', () => {
  let server: Server;
  let dir: string;
  before(async () => {
    // The Einbürgerung as an authority wrote it before format 2: no "format".
    dir = mkdtempSync(join(tmpdir(), 'ozg-forms-definitions-'));
    const v1 = JSON.parse(
      readFileSync(`${root}/src/definitions/einbuergerung/definition.json`, 'utf8'),
    );
    delete v1.format;
    // (The proof its quick-check names came with format 2.)
    for (const criterion of v1.quickCheck.criteria) {
      delete criterion.proof;
      delete criterion.documents;
    }
    v1.id = 'einbuergerung-alt';
    writeFileSync(join(dir, 'definition.json'), JSON.stringify(v1));
    server = await startServer({ definitionDirs: [join(dir, 'definition.json')] });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is served migrated and takes applications as before', async () => {
    const definition = { id: 'einbuergerung-alt', version: '1.0.0' };
    const documents = await documentsFor(server.url, sample(), definition.id, 'einbuergerung');
    const { status, body } = await submit(server, { definition, data: sample(), documents });
    assert.equal(status, 201, JSON.stringify(body));
    assert.match(body.reference, /^EB-\d{4}-\d{6}$/);
    assert.equal(server.store.get(body.id)!.state, 'received');
    // Invalid answers are named as ever.
    const data = sample();
    delete data.person.birthDate;
    const refused = await submit(server, {
      definition,
      data,
      documents: await uploadDocuments(server.url, Object.keys(documents), definition.id),
    });
    assert.equal(refused.status, 422);
    assert.deepEqual(
      refused.body.errors.map((e: Json) => e.pointer),
      ['/data/person/birthDate'],
    );
  });
});

describe('a database from before format 2', () => {
  test('is migrated: its applications are received submissions, and new states work beside them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-forms-old-'));
    try {
      // As the server left it before: the first five migrations and one application.
      const db = new Database(join(dataDir, 'ozg-forms.sqlite'));
      for (const migration of MIGRATIONS.slice(0, 5)) db.exec(migration);
      db.pragma('user_version = 5');
      db.prepare(
        `INSERT INTO submissions (id, reference, definition_id, definition_version, locale, received_at, data)
         VALUES ('00000000-0000-4000-8000-000000000001', 'EB-2026-000001', 'einbuergerung', '1.0.0', 'de',
           '2026-03-01T10:00:00.000Z', '{"person":{"familyName":"Alt"}}')`,
      ).run();
      db.close();
      const store = openSqliteStore(dataDir);
      try {
        const old = store.get('00000000-0000-4000-8000-000000000001')!;
        assert.equal(old.state, 'received');
        assert.equal(old.outcome, 'submission');
        assert.deepEqual(old.data, { person: { familyName: 'Alt' } });
        assert.equal(store.list({ limit: 10, offset: 0 }).total, 1);
        assert.deepEqual(store.expireHandOffs(new Date().toISOString()), {
          references: [],
          uploadIds: [],
        });
      } finally {
        store.close();
      }
      const check = new Database(join(dataDir, 'ozg-forms.sqlite'), { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length);
      check.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a declaration given online (Verpflichtungserklärung with the eID)', () => {
  let server: Server;
  let untrusting: Server;
  const vpe = { id: 'verpflichtungserklaerung', version: '1.0.0' };
  const data = (): Json =>
    JSON.parse(readFileSync(`${root}/test/fixtures/verpflichtungserklaerung-sample.json`, 'utf8'));
  const issuer = 'https://portal.example.de';
  const audience = 'https://musterstadt.example.de/ozg-forms';
  let portalKey: CryptoKey;
  let otherKey: CryptoKey;
  before(async () => {
    const portal = await generateKeyPair('ES256', { extractable: true });
    portalKey = portal.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(portal.publicKey)), kid: 'portal-1', alg: 'ES256' };
    server = await startServer({ identityTrust: { jwks: { keys: [jwk] }, issuer, audience } });
    untrusting = await startServer();
  });
  after(async () => {
    await server.close();
    await untrusting.close();
  });

  /** A portal's assertion: `acr` as eIDAS level, the host's attributes, signed. */
  function assertion(
    options: { acr?: string; key?: CryptoKey; issuedAt?: number; aud?: string } = {},
  ): Promise<string> {
    const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
    return new SignJWT({
      acr: options.acr ?? 'http://eidas.europa.eu/LoA/high',
      attributes: { familyName: 'Yılmaz', givenNames: 'Ayşe Elif', birthDate: '1986-03-09' },
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'portal-1' })
      .setIssuer(issuer)
      .setAudience(options.aud ?? audience)
      .setSubject('pseudonym-4711')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 600)
      .sign(options.key ?? portalKey);
  }

  test('is refused without a portal’s valid assertion at the trust level it requires, taken with it', async () => {
    vpe.version = loadDefinitions(root).get(vpe.id)!.definition.version;
    // With a submission every document is uploaded, also those brought to an appointment.
    const served = loadDefinitions(root).get(vpe.id)!;
    const wanted = assess(served, data(), { outcome: 'submission' })
      .documents.filter((d) => d.required)
      .map((d) => d.id);
    assert.ok(wanted.includes('ausweis') && wanted.includes('gehaltsabrechnungen'));
    const documents = await uploadDocuments(server.url, wanted, vpe.id);
    // What the browser states: a trust level, the answers it says are verified.
    const stated = (trustLevel: string, signed?: string) => ({
      trustLevel,
      source: 'BundID',
      verified: ['/host/familyName'],
      ...(signed ? { assertion: signed } : {}),
    });
    const now = Math.floor(Date.now() / 1000);
    const required = /Online geht das nur mit bestätigter Identität/;
    const unconfirmed = /Die Bestätigung Ihrer Identität gilt nicht mehr/;
    const cases: [string, Json | undefined, RegExp, string?][] = [
      ['no identity', undefined, required],
      ['a trust level only stated, however high', stated('high'), required],
      ['stated too low', stated('substantial'), /Online, this needs a confirmed identity/, 'en'],
      [
        'asserted at a lower level',
        stated('high', await assertion({ acr: 'http://eidas.europa.eu/LoA/substantial' })),
        required,
      ],
      ['signed by another key', stated('high', await assertion({ key: otherKey })), unconfirmed],
      [
        'for another service',
        stated('high', await assertion({ aud: 'https://elsewhere.example' })),
        unconfirmed,
      ],
      ['expired', stated('high', await assertion({ issuedAt: now - 3600 })), unconfirmed],
      ['not a JWT', stated('high', 'eyJhbGciOiJub25lIn0.e30.'), unconfirmed],
    ];
    for (const [name, identity, message, locale] of cases) {
      const refused = await submit(server, {
        definition: vpe,
        data: data(),
        documents,
        outcome: 'submission',
        ...(locale ? { locale } : {}),
        ...(identity ? { identity } : {}),
      });
      assert.equal(refused.status, 422, name);
      assert.match(refused.body.title, message, name);
      assert.deepEqual(
        refused.body.errors.map((e: Json) => e.pointer),
        ['/identity'],
        name,
      );
    }
    // A server that trusts no portal confirms nothing.
    const nobody = await submit(untrusting, {
      definition: vpe,
      data: data(),
      outcome: 'submission',
      identity: stated('high', await assertion()),
    });
    assert.equal(nobody.status, 422);
    assert.match(nobody.body.title, required);
    // Valid: the trust level and the verified answers are the assertion's, not the page's.
    const answers = data();
    answers.host.givenNames = 'Ayse';
    const taken = await submit(server, {
      definition: vpe,
      data: answers,
      documents,
      outcome: 'submission',
      identity: { ...stated('low', await assertion()), verified: [] },
    });
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
    const stored = server.store.get(taken.body.id)!;
    assert.equal(stored.outcome, 'submission');
    assert.deepEqual(stored.identity, {
      trustLevel: 'high',
      source: issuer,
      // The given names were changed: only what is still as asserted counts.
      verified: ['/host/familyName', '/host/birthDate'],
      confirmed: true,
    });
    // The appointment needs no identity, and no upload; a stated one is recorded unconfirmed,
    // without the assertion.
    const prepared = await submit(server, {
      definition: vpe,
      data: data(),
      identity: stated('substantial', 'not-checked-for-an-appointment'),
    });
    assert.equal(prepared.status, 422, 'an assertion given is checked, whatever the outcome');
    const plain = await submit(server, { definition: vpe, data: data(), identity: stated('low') });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.status, 'prepared');
    assert.ok(plain.body.checklist.some((c: Json) => c.id === 'ausweis'));
    assert.deepEqual(server.store.get(plain.body.id)!.identity, {
      trustLevel: 'low',
      source: 'BundID',
      verified: ['/host/familyName'],
    });
  });
});
