/**
 * The Verpflichtungserklärung end to end in Chromium against the reference server, under the
 * strict CSP: the preparation ending in an appointment (what the authority needs is stored, the
 * checklist is this host's, the fee and the reference are shown, never "given"), the online
 * declaration refused without the eID (the form says why and falls back to the appointment; the
 * server refuses it), and given with it (every document uploaded, the identity confirmed by the
 * portal's signed assertion).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch, root, startServer, pageErrors } from './helpers.js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { STRICT_CSP } from '../../server/app.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;
let server: Server;
let browser: Browser;

const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/verpflichtungserklaerung-sample.json`, 'utf8'));

const issuer = 'https://portal.example.de';
const audience = 'https://musterstadt.example.de/ozg-forms';
let portalKey: CryptoKey;

before(async () => {
  const portal = await generateKeyPair('ES256', { extractable: true });
  portalKey = portal.privateKey;
  const jwk = { ...(await exportJWK(portal.publicKey)), kid: 'portal-1', alg: 'ES256' };
  server = await startServer({ identityTrust: { jwks: { keys: [jwk] }, issuer, audience } });
  browser = await launch();
});

/** What the portal signs after the eID login: the level and the attributes it verified. */
function assertion(acr = 'http://eidas.europa.eu/LoA/high'): Promise<string> {
  return new SignJWT({ acr, attributes: identity.attributes })
    .setProtectedHeader({ alg: 'ES256', kid: 'portal-1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(portalKey);
}

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page with the built-in form; `identity`, if given, is handed in as a portal would. */
async function formPage(
  attributes: string,
  identity?: Json,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.route('**/vpe.html', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      headers: { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="de"><head><script type="module" src="/dist/ozg-forms.js"></script></head>
        <body><applicant-form definition="verpflichtungserklaerung" endpoint="/api/submissions"
          storage="none" ${attributes}></applicant-form></body></html>`,
    }),
  );
  await page.goto(`${server.url}/vpe.html`);
  if (identity)
    await page.evaluate((given) => {
      (document.querySelector('applicant-form') as HTMLElement & { identity: unknown }).identity =
        given;
    }, identity);
  await page.locator('applicant-form #step-heading').waitFor();
  await page.evaluate((data) => {
    (document.querySelector('applicant-form') as HTMLElement & { data: unknown }).data = data;
  }, sample());
  return { page, errors };
}

const heading = (page: Page) => page.locator('applicant-form #step-heading').innerText();

/** Through the five steps to the review. */
async function toReview(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) await page.locator('applicant-form button.next').click();
  await page.locator('applicant-form .review').waitFor();
}

const identity = {
  trustLevel: 'high',
  source: 'BundID',
  attributes: {
    familyName: 'Yılmaz',
    givenNames: 'Ayşe Elif',
    birthDate: '1986-03-09',
    placeOfBirth: 'Izmir',
  },
};

describe('Verpflichtungserklärung end to end', () => {
  test('the preparation ends in this host’s checklist, the fee and the reference; the authority has what it needs', async () => {
    const { page, errors } = await formPage('');
    assert.equal(await heading(page), 'Angaben zu Ihrer Person');
    await toReview(page);
    assert.equal(await heading(page), 'Angaben prüfen');
    assert.match(
      await page.locator('applicant-form [part="fee-note"]').innerText(),
      /29,00\s€.*beim Termin/,
    );
    await page.getByRole('button', { name: 'Termin vorbereiten' }).click();
    await page.locator('applicant-form .appointment').waitFor();
    const text = await page.locator('applicant-form .appointment').innerText();
    assert.match(text, /noch keine Verpflichtungserklärung/);
    assert.doesNotMatch(text, /eingegangen|abgesendet|wurde abgegeben|Erklärung ist abgegeben/);
    // This host: a settlement permit, employed, renting, the spouse not signing.
    const items = await page.locator('applicant-form .checklist li').allInnerTexts();
    const titles = items.map((i) => i.split('\n')[0]!.trim());
    assert.ok(
      titles.some((t) => /Aufenthaltstitel/.test(t)),
      titles.join(' | '),
    );
    assert.ok(titles.some((t) => /Gehaltsabrechnungen/.test(t)));
    assert.ok(titles.some((t) => /Mietvertrag/.test(t)));
    assert.ok(!titles.some((t) => /Heiratsurkunde|Steuerbescheid|Grundbuch/.test(t)));
    assert.match(text, /Sie bezahlen 29,00\s€ beim Termin/);
    const reference = (await page.locator('applicant-form .reference').innerText()).trim();
    assert.match(reference, /^VE-\d{4}-\d+$/);
    assert.equal(
      await page
        .getByRole('link', { name: 'Termin bei der Ausländerbehörde buchen' })
        .getAttribute('href'),
      `https://termine.example.de/buchen?service=verpflichtungserklaerung&ref=${encodeURIComponent(reference)}`,
    );
    assert.ok(await page.getByRole('button', { name: 'Liste drucken' }).isVisible());
    // Printed, the list stands alone: the buttons are not printed.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Liste drucken' }).isVisible(), false);
    assert.ok(await page.locator('applicant-form .checklist').isVisible());
    await page.emulateMedia({ media: 'screen' });
    // Stored for the authority to prepare the appointment: the whole preparation, no identity.
    const summary = server.store
      .list({ limit: 100, offset: 0 })
      .items.find((item) => item.reference === reference);
    assert.equal(summary?.state, 'prepared');
    const stored = server.store.get(summary!.id)!;
    assert.equal(stored.outcome, 'appointment');
    const data = stored.data as Json;
    assert.equal(data.host.familyName, 'Yılmaz');
    assert.equal(data.guests.length, sample().guests.length);
    assert.deepEqual(errors, []);
  });

  test('online without the eID: the form says why and prepares the appointment; the server refuses a submission', async () => {
    const { page, errors } = await formPage('outcome="submission"', {
      ...identity,
      trustLevel: 'substantial',
    });
    const note = page.locator('applicant-form [part="identity-note"]');
    await note.waitFor();
    assert.match(await note.innerText(), /nur abgeben, wenn Sie sich mit Ihrem Online-Ausweis/);
    await toReview(page);
    assert.equal(await heading(page), 'Angaben prüfen');
    await page.getByRole('button', { name: 'Termin vorbereiten' }).click();
    await page.locator('applicant-form .appointment').waitFor();
    assert.match(
      await page.locator('applicant-form .appointment').innerText(),
      /Online-Ausweis \(eID\)/,
    );
    // Sent around the element, the submission is refused.
    const refused = await page.evaluate(async (data) => {
      const response = await fetch('/api/submissions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          definition: { id: 'verpflichtungserklaerung', version: '1.0.0' },
          data,
          outcome: 'submission',
          identity: { trustLevel: 'substantial', verified: [] },
        }),
      });
      return [response.status, ((await response.json()) as Json).errors?.[0]?.pointer];
    }, sample());
    assert.deepEqual(refused, [422, '/identity']);
    assert.deepEqual(errors, []);
  });

  test('online with the eID: every document uploaded, the declaration sent with the identity', async () => {
    const { page, errors } = await formPage('outcome="submission" upload-endpoint="/api/uploads"', {
      ...identity,
      assertion: await assertion(),
    });
    assert.equal(await page.locator('applicant-form [part="identity-note"]').count(), 0);
    for (let i = 0; i < 5; i++) await page.locator('applicant-form button.next').click();
    // The documents page: what the host would otherwise bring is uploaded.
    await page.locator('applicant-form [part="documents"]').waitFor();
    const pickers = page.locator('applicant-form document-upload input[type=file]');
    await pickers.first().waitFor();
    const count = await pickers.count();
    assert.ok(count >= 4, `${count} documents`);
    for (let i = 0; i < count; i++) {
      const name = `Nachweis-${i}.pdf`;
      await pickers.nth(i).setInputFiles({
        name,
        mimeType: 'application/pdf',
        buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, i + 1)]),
      });
      await page.locator('document-upload li.done span.name', { hasText: name }).waitFor();
    }
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await page.locator('applicant-form .review').waitFor();
    assert.equal(await heading(page), 'Angaben prüfen und absenden');
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.locator('applicant-form .confirmation').waitFor();
    const reference = (await page.locator('applicant-form .reference').innerText()).trim();
    const summary = server.store
      .list({ limit: 100, offset: 0 })
      .items.find((item) => item.reference === reference);
    assert.equal(summary?.state, 'received');
    const stored = server.store.get(summary!.id)!;
    assert.equal(stored.outcome, 'submission');
    // Confirmed by the portal's signed assertion, not by what the page stated.
    assert.deepEqual(stored.identity, {
      trustLevel: 'high',
      source: issuer,
      verified: ['/host/familyName', '/host/givenNames', '/host/birthDate', '/host/birthPlace'],
      confirmed: true,
    });
    assert.equal(stored.documents?.length, count);
    assert.deepEqual(errors, []);
  });
});
