/**
 * Payments on the reference server over HTTP on loopback: payment requests computed from the
 * definition, the test provider's redirect round trip, and submissions that only accept payments
 * the server itself has seen succeed for exactly their fees.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { documentsFor, INBOX_TOKEN, root, startServer } from '../e2e/helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;

const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));
/** One adult and two children naturalised along: 357 €. */
const withoutSpouse = (): Json => {
  const data = sample();
  data.family.spouse.naturaliseTogether = false;
  return data;
};
const definition = { id: 'einbuergerung', version: '1.0.0' };

/** A payment request for an application with its documents: the server holds the application. */
async function holdWithPayment(url: string): Promise<Json> {
  const data = withoutSpouse();
  const response = await fetch(`${url}/api/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      definition,
      data,
      documents: await documentsFor(url, data),
      returnUrl: `${url}/antrag`,
    }),
  });
  return (await response.json()) as Json;
}

/** The citizen's choice on the test provider's pay page, without following the way back. */
function decide(url: string, payment: Json, outcome: string) {
  return fetch(url + payment.redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `outcome=${outcome}`,
    redirect: 'manual',
  });
}

describe('payments', () => {
  let server: Server;
  const returnUrl = () => `${server.url}/antrag?x=1`;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  function createPayment(data: Json, key = randomUUID(), extra: Json = {}) {
    return fetch(`${server.url}/api/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ definition, locale: 'de', data, returnUrl: returnUrl(), ...extra }),
    });
  }
  async function created(data: Json): Promise<Json> {
    const response = await createPayment(data);
    assert.equal(response.status, 201);
    return (await response.json()) as Json;
  }
  /** The citizen's choice on the test provider's pay page; returns where they are sent back. */
  async function choose(payment: Json, outcome: string): Promise<string> {
    const page = await fetch(server.url + payment.redirectUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /TESTMODUS/);
    const response = await fetch(server.url + payment.redirectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `outcome=${outcome}`,
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    return response.headers.get('location')!;
  }
  const status = async (id: string) =>
    (await (await fetch(`${server.url}/api/payments/${id}`)).json()) as Json;
  async function submit(data: Json, payment?: Json) {
    return fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        definition,
        locale: 'de',
        data,
        documents: await documentsFor(server.url, data),
        ...(payment ? { payment: { id: payment.id } } : {}),
      }),
    });
  }

  test('the server computes the amount from the definition: 1 adult + 2 children = 357,00 €', async () => {
    const payment = await created(withoutSpouse());
    assert.match(payment.id, /^pay_[0-9a-f]{32}$/);
    assert.equal(payment.status, 'pending');
    assert.equal(payment.amount, 35700);
    assert.equal(payment.currency, 'EUR');
    assert.deepEqual(payment.lines, [
      { id: 'antrag', quantity: 1, amount: 25500 },
      { id: 'kind', quantity: 2, amount: 10200 },
    ]);
    assert.match(payment.redirectUrl, /^\/test-provider\/pay\/T[0-9a-f]{24}$/);
  });

  test('a double click (the same key) creates one payment; another key another', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([createPayment(sample(), key), createPayment(sample(), key)]);
    const statuses = [a.status, b.status].sort();
    // Either both answered with the same payment, or the second saw the first in flight.
    const bodies = await Promise.all([a.json(), b.json()]);
    const ids = bodies.filter((x: Json) => x.id).map((x: Json) => x.id);
    assert.ok(statuses[0] === 201 && (statuses[1] === 201 || statuses[1] === 409));
    assert.equal(new Set(ids).size, 1);
    const again = (await (await createPayment(sample(), key)).json()) as Json;
    assert.equal(again.id, ids[0]);
    const other = (await (await createPayment(sample())).json()) as Json;
    assert.notEqual(other.id, ids[0]);
  });

  test('paid on the provider page: back with only the opaque id; the status comes from the server', async () => {
    const payment = await created(withoutSpouse());
    const back = new URL(await choose(payment, 'paid'));
    assert.equal(back.origin + back.pathname, `${server.url}/antrag`);
    assert.deepEqual([...back.searchParams.keys()].sort(), ['ozg-payment', 'x']);
    assert.equal(back.searchParams.get('ozg-payment'), payment.id);
    const after = await status(payment.id);
    assert.equal(after.status, 'paid');
    assert.match(after.transactionReference, /^KZ-TEST-\d{4}-\d{6}$/);
    assert.equal(after.redirectUrl, undefined);

    const response = await submit(withoutSpouse(), payment);
    assert.equal(response.status, 201);
    const body = (await response.json()) as Json;
    assert.equal(body.payment.transactionReference, after.transactionReference);
    const stored = (await (
      await fetch(`${server.url}/api/submissions/${body.id}`, {
        headers: { authorization: `Bearer ${INBOX_TOKEN}` },
      })
    ).json()) as Json;
    assert.deepEqual(stored.payment, {
      id: payment.id,
      amount: 35700,
      currency: 'EUR',
      transactionReference: after.transactionReference,
    });
    // Used once: a second application cannot claim the same payment.
    const reuse = await submit(withoutSpouse(), payment);
    assert.equal(reuse.status, 422);
    assert.match(((await reuse.json()) as Json).detail, /anderen Antrag/);
  });

  test('paid, and the tab closed on the provider page: the application held with the payment is sent by the receipt’s reference, once', async () => {
    const data = withoutSpouse();
    const documents = await documentsFor(server.url, data);
    const response = await createPayment(data, randomUUID(), { documents });
    assert.equal(response.status, 201);
    const payment = (await response.json()) as Json;
    // Held sealed at rest: no answer in clear text in the database.
    const db = new Database(join(server.dataDir, 'ozg-forms.sqlite'), { readonly: true });
    const row = () =>
      db.prepare('SELECT held FROM payments WHERE id = ?').get(payment.id) as {
        held: string | null;
      };
    assert.ok(row().held);
    assert.doesNotMatch(row().held!, /Yılmaz|Izmir|1988/);
    assert.doesNotMatch(Buffer.from(row().held!, 'base64').toString('latin1'), /Izmir|1988/);

    const finish = (what: Json) =>
      what.payment
        ? fetch(`${server.url}/api/payments/${what.payment}/submission`, { method: 'POST' })
        : fetch(`${server.url}/api/payments/submission`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(what),
          });
    const unpaid = await finish({ payment: payment.id });
    assert.equal(unpaid.status, 422);
    assert.match(((await unpaid.json()) as Json).detail, /nicht abgeschlossen/);

    // Paid on the provider's page; the tab is closed there (the way back is never followed).
    await choose(payment, 'paid');
    const receipt = await (await fetch(server.url + payment.redirectUrl)).text();
    const reference = /KZ-TEST-\d{4}-\d{6}/.exec(receipt)?.[0];
    assert.ok(reference, 'the receipt shows the Kassenzeichen');

    assert.equal((await finish({ transactionReference: 'KZ-TEST-0000-000000' })).status, 404);
    const sent = await finish({ transactionReference: ` ${reference} ` });
    assert.equal(sent.status, 201);
    const body = (await sent.json()) as Json;
    assert.match(body.reference, /^EB-\d{4}-\d{6}$/);
    assert.equal(body.payment.transactionReference, reference);
    // The Kassenzeichen is no capability: its answer names no id of the application or payment.
    assert.equal(body.id, undefined);
    assert.equal(body.payment.id, undefined);
    // Asked again, by reference or by the payment's id: the same application.
    assert.deepEqual(await (await finish({ transactionReference: reference })).json(), body);
    const byId = (await (await finish({ payment: payment.id })).json()) as Json;
    assert.equal(byId.reference, body.reference);
    assert.equal(byId.payment.id, payment.id);
    const stored = (await (
      await fetch(`${server.url}/api/submissions/${byId.id}`, {
        headers: { authorization: `Bearer ${INBOX_TOKEN}` },
      })
    ).json()) as Json;
    assert.deepEqual(stored.data, data);
    assert.equal(stored.payment.id, payment.id);
    assert.equal(stored.documents.length, Object.values(documents).flat().length);
    // Sent: the held copy is gone.
    assert.equal(row().held, null);
    db.close();
    // The payment cannot pay for another application.
    assert.equal((await submit(withoutSpouse(), payment)).status, 422);
  });

  test('a held application: gone when its payment is cancelled; for its own service only; its files kept as long as it', async () => {
    // Unused uploads go after 2 s: long enough for the seven uploads and the payment request
    // that holds them on a loaded machine (300 ms was not), short enough to wait out below.
    const kept = await startServer({
      uploadLimits: { unfinishedTtlMs: 400, unusedTtlMs: 2000 },
    });
    try {
      const hold = () => holdWithPayment(kept.url);
      const outcome = (payment: Json, choice: string) => decide(kept.url, payment, choice);
      const send = (payment: Json, body: Json = {}) =>
        fetch(`${kept.url}/api/payments/${payment.id}/submission`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });

      const cancelled = await hold();
      await outcome(cancelled, 'cancelled');
      assert.equal((await send(cancelled)).status, 422);
      assert.equal(kept.store.getPayment(cancelled.id)!.held, undefined);

      const paid = await hold();
      await outcome(paid, 'paid');
      assert.equal((await send(paid, { definition: { id: 'andere-leistung' } })).status, 404);
      // Longer than unused uploads are kept: the held application's files are still there.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const sent = await send(paid, { definition: { id: 'einbuergerung' } });
      assert.equal(sent.status, 201);
    } finally {
      await kept.close();
    }
  });

  test('looking up a Kassenzeichen: at most 10 a minute per client', async () => {
    const limited = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await fetch(`${limited.url}/api/payments/submission`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ transactionReference: `KZ-GUESS-${i}` }),
        });
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(404), 429]);
    } finally {
      await limited.close();
    }
  });

  test('a held application is kept only until its time runs out', async () => {
    const short = await startServer({ holdMs: 300 });
    try {
      const payment = await holdWithPayment(short.url);
      await decide(short.url, payment, 'paid');
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.equal(short.store.getPayment(payment.id)!.held, undefined);
      const late = await fetch(`${short.url}/api/payments/${payment.id}/submission`, {
        method: 'POST',
      });
      assert.equal(late.status, 410);
    } finally {
      await short.close();
    }
  });

  test('a forged return URL (?status=paid) marks nothing paid; an unpaid payment is refused', async () => {
    const payment = await created(withoutSpouse());
    const forged = await fetch(`${server.url}/?ozg-payment=${payment.id}&status=paid`);
    assert.equal(forged.status, 200);
    assert.equal((await status(payment.id)).status, 'pending');
    const response = await submit(withoutSpouse(), payment);
    assert.equal(response.status, 422);
    const problem = (await response.json()) as Json;
    assert.equal(problem.errors[0].pointer, '/payment');
    assert.match(problem.detail, /nicht abgeschlossen/);
  });

  test('cancelled and failed payments stay so, and are refused', async () => {
    for (const outcome of ['cancelled', 'failed']) {
      const payment = await created(withoutSpouse());
      await choose(payment, outcome);
      assert.equal((await status(payment.id)).status, outcome);
      // Choosing again on the page changes nothing.
      await choose(payment, 'paid');
      assert.equal((await status(payment.id)).status, outcome);
      assert.equal((await submit(withoutSpouse(), payment)).status, 422);
    }
  });

  test('a payment for other fees, or an unknown one, is refused', async () => {
    const small = await created(withoutSpouse());
    await choose(small, 'paid');
    // The application with the spouse naturalised along costs 612 €, not 357 €.
    const response = await submit(sample(), small);
    assert.equal(response.status, 422);
    assert.match(((await response.json()) as Json).detail, /passt nicht/);
    const unknown = await submit(sample(), { id: `pay_${'0'.repeat(32)}` });
    assert.equal(unknown.status, 422);
    assert.equal((await submit(sample(), { id: '../../etc' })).status, 422);
    // Optional policy: without a payment the application is accepted (the authority bills it).
    assert.equal((await submit(sample())).status, 201);
  });

  test('an amount given directly is paid, but never counts toward an application', async () => {
    const direct = await fetch(`${server.url}/api/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        amount: 2900,
        purpose: 'Verpflichtungserklärung',
        returnUrl: returnUrl(),
      }),
    });
    assert.equal(direct.status, 201);
    const payment = (await direct.json()) as Json;
    assert.equal(payment.amount, 2900);
    await choose(payment, 'paid');
    assert.equal((await status(payment.id)).status, 'paid');
    const response = await submit(withoutSpouse(), payment);
    assert.equal(response.status, 422);
    for (const bad of [
      { amount: -5 },
      { amount: 1.5 },
      { amount: 100, currency: 'USD' },
      { amount: 100, purpose: '' },
    ]) {
      const refused = await fetch(`${server.url}/api/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ purpose: 'Gebühr', returnUrl: returnUrl(), ...bad }),
      });
      assert.equal(refused.status, 422, JSON.stringify(bad));
    }
  });

  test('payment requests are checked like applications', async () => {
    const invalid = sample();
    delete invalid.person.familyName;
    const response = await createPayment(invalid);
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as Json).errors[0].pointer, '/data/person/familyName');
    const elsewhere = await createPayment(sample(), randomUUID(), {
      returnUrl: 'https://evil.example/steal',
    });
    assert.equal(elsewhere.status, 400);
    const missingKey = await fetch(`${server.url}/api/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ definition, data: sample(), returnUrl: returnUrl() }),
    });
    assert.equal(missingKey.status, 400);
    assert.equal((await fetch(`${server.url}/api/payments/pay_${'1'.repeat(32)}`)).status, 404);
  });
});

describe('a service whose fee must be paid before the application is sent', () => {
  let server: Server;
  let dir: string;
  before(async () => {
    // The Einbürgerung definition as an authority might run it: policy "mandatory".
    dir = mkdtempSync(join(tmpdir(), 'ozg-forms-definitions-'));
    const definition = JSON.parse(
      readFileSync(`${root}/src/definitions/einbuergerung/definition.json`, 'utf8'),
    );
    definition.id = 'einbuergerung-vorab';
    definition.fees.policy = 'mandatory';
    mkdirSync(join(dir, 'vorab'));
    writeFileSync(join(dir, 'vorab', 'definition.json'), JSON.stringify(definition));
    server = await startServer({ definitionDirs: [dir] });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('refuses the application without a payment, and takes it with one', async () => {
    const mandatory = { id: 'einbuergerung-vorab', version: '1.0.0' };
    const send = async (payment?: Json) =>
      fetch(`${server.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          definition: mandatory,
          data: sample(),
          documents: await documentsFor(server.url, sample(), mandatory.id, 'einbuergerung'),
          ...(payment ? { payment } : {}),
        }),
      });
    const unpaid = await send();
    assert.equal(unpaid.status, 422);
    assert.match(((await unpaid.json()) as Json).detail, /vorab bezahlt/);

    const created = (await (
      await fetch(`${server.url}/api/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          definition: mandatory,
          data: sample(),
          returnUrl: `${server.url}/antrag`,
        }),
      })
    ).json()) as Json;
    assert.equal(created.amount, 61200);
    await fetch(server.url + created.redirectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=paid',
      redirect: 'manual',
    });
    assert.equal((await send({ id: created.id })).status, 201);
  });
});
