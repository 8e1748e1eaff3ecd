/**
 * The flows of definition format 2, end to end in Chromium against the reference server, on a
 * page under the strict CSP: an appointment (checklist, reference, booking link, never
 * "submitted") and a two-party application (the applicant's part, the hand-off link opened on
 * another device by the employer, one application at the authority).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { INBOX_TOKEN, launch, root, startServer, pageErrors } from './helpers.js';
import { STRICT_CSP } from '../../server/app.js';
import { precompile } from '../../scripts/precompile.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let browser: Browser;

const fixture = (name: string) => readFileSync(`${root}/test/fixtures/${name}.json`, 'utf8');

before(async () => {
  server = await startServer({
    definitionDirs: [
      `${root}/test/fixtures/appointment.json`,
      `${root}/test/fixtures/two-party.json`,
    ],
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page (in a context of its own: another device) with one form of a fixture definition. */
async function formPage(
  context: BrowserContext,
  name: string,
  attributes = '',
  hash = '',
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = pageErrors(page);
  const definition = fixture(name);
  await page.route(`**/forms/${name}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: definition }),
  );
  const validator = await precompile(definition);
  await page.route(`**/forms/${name}.validator.js`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: validator }),
  );
  await page.route('**/flow.html', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      headers: { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="de"><head><script type="module" src="/dist/ozg-forms.js"></script></head>
        <body><applicant-form definition="/forms/${name}.json" validator="/forms/${name}.validator.js"
          endpoint="/api/submissions" storage="none" ${attributes}></applicant-form></body></html>`,
    }),
  );
  await page.goto(`${server.url}/flow.html${hash}`);
  await page.locator('applicant-form #step-heading').waitFor();
  return { page, errors };
}

const heading = (page: Page) => page.locator('applicant-form #step-heading').innerText();

async function answer(page: Page, data: unknown): Promise<void> {
  await page.evaluate((d) => {
    (document.querySelector('applicant-form') as HTMLElement & { data: unknown }).data = d;
  }, data);
}

describe('definition format 2 end to end', () => {
  test('an appointment ends in a checklist for the answers, a reference and the booking link, never "submitted"', async () => {
    const context = await browser.newContext();
    const { page, errors } = await formPage(context, 'appointment', 'outcome="appointment"');
    await answer(page, {
      host: {
        familyName: 'Schmidt',
        givenNames: 'Anna',
        employment: 'self-employed',
        spouseIncome: true,
      },
      guest: { familyName: 'Kaya', nationality: 'türkisch' },
    });
    await page.locator('applicant-form button.next').click();
    assert.equal(await heading(page), 'Gast');
    await page.locator('applicant-form button.next').click();
    assert.equal(await heading(page), 'Angaben prüfen');
    await page.getByRole('button', { name: 'Termin vorbereiten' }).click();
    await page.locator('applicant-form .appointment').waitFor();
    const text = await page.locator('applicant-form .appointment').innerText();
    assert.match(text, /Ihre Angaben für den Termin sind vorbereitet/);
    assert.doesNotMatch(text, /eingegangen|abgesendet|bewilligt/);
    const items = await page.locator('applicant-form .checklist li').allInnerTexts();
    assert.deepEqual(
      items.map((i) => i.split('\n')[0]!.trim()),
      ['Personalausweis oder Reisepass', 'Letzter Einkommensteuerbescheid', 'Heiratsurkunde'],
    );
    const reference = (await page.locator('applicant-form .reference').innerText()).trim();
    assert.match(reference, /^[A-Z]{2,4}-\d{4}-\d+$/);
    const booking = await page.getByRole('link', { name: 'Termin buchen' }).getAttribute('href');
    assert.equal(
      booking,
      `https://termine.example.de/buchen?dienst=termin-test&vorgang=${encodeURIComponent(reference)}`,
    );
    // The authority finds it by its reference: prepared for the appointment.
    const inbox = await fetch(`${server.url}/inbox`, {
      headers: { authorization: `Bearer ${INBOX_TOKEN}` },
    });
    assert.match(await inbox.text(), new RegExp(reference));
    const prepared = server.store
      .list({ limit: 100, offset: 0 })
      .items.find((item) => item.reference === reference);
    assert.equal(prepared?.state, 'prepared');
    assert.equal(prepared?.outcome, 'appointment');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('two parties: the applicant hands off by link, the employer completes on another device, one application arrives', async () => {
    const applicantDevice = await browser.newContext();
    const { page: applicant, errors } = await formPage(applicantDevice, 'two-party');
    await answer(applicant, {
      person: { familyName: 'Demir', givenNames: 'Ali', birthDate: '1994-03-14' },
      job: { description: 'Bäckereifachverkäufer in Vollzeit', employerName: 'Bäckerei Sommer' },
    });
    await applicant.locator('applicant-form button.next').click();
    await applicant.locator('applicant-form button.next').click();
    // The review holds the applicant's steps only; the employer's part is not theirs.
    assert.equal(await heading(applicant), 'Angaben prüfen und absenden');
    const review = await applicant.locator('applicant-form .review').innerText();
    assert.doesNotMatch(review, /Angaben des Arbeitgebers/);
    await applicant
      .getByRole('button', { name: 'Meinen Teil speichern und Link erstellen' })
      .click();
    await applicant.locator('applicant-form .handoff').waitFor();
    assert.match(await heading(applicant), /Jetzt ist an der Reihe: Arbeitgeber/);
    const link = await applicant.locator('applicant-form #handoff-link').inputValue();
    assert.match(link, /#ozg-handoff=[\w-]{40,}$/);
    await applicant.locator('applicant-form svg.qr path').waitFor({ state: 'attached' });
    await applicant
      .locator('applicant-form [part="status"]')
      .filter({ hasText: 'wartet auf die Angaben von: Arbeitgeber' })
      .waitFor();

    // The employer, on their own device, without an account.
    const employerDevice = await browser.newContext();
    const hash = new URL(link).hash;
    const { page: employer, errors: employerErrors } = await formPage(
      employerDevice,
      'two-party',
      '',
      hash,
    );
    assert.equal(await heading(employer), 'Angaben des Arbeitgebers');
    const shared = await employer.locator('applicant-form .shared').innerText();
    assert.match(shared, /Demir/);
    assert.match(shared, /Bäckereifachverkäufer in Vollzeit/);
    assert.doesNotMatch(shared, /Ali|1994/, 'only what the applicant agreed to show');
    await answer(employer, { employer: { company: 'Bäckerei Sommer GmbH', hoursPerWeek: 39 } });
    await employer.locator('applicant-form button.next').click();
    assert.equal(await heading(employer), 'Angaben prüfen und absenden');
    await employer.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await employer.locator('applicant-form .confirmation').waitFor();
    assert.equal(await heading(employer), 'Ihr Antrag ist eingegangen.');

    // One application at the authority, whole; the applicant's page says so.
    await applicant.getByRole('button', { name: 'Stand aktualisieren' }).click();
    await applicant
      .locator('applicant-form [part="status"]')
      .filter({ hasText: 'vollständig bei der Behörde eingegangen' })
      .waitFor();
    const reference = (await applicant.locator('applicant-form .reference').innerText()).trim();
    const summary = server.store
      .list({ limit: 100, offset: 0 })
      .items.find((item) => item.reference === reference);
    assert.equal(summary?.state, 'received');
    const stored = server.store.get(summary.id)!;
    assert.deepEqual(stored.data, {
      person: { familyName: 'Demir', givenNames: 'Ali', birthDate: '1994-03-14' },
      job: { description: 'Bäckereifachverkäufer in Vollzeit', employerName: 'Bäckerei Sommer' },
      employer: { company: 'Bäckerei Sommer GmbH', hoursPerWeek: 39 },
    });

    // The link is used up: opened again, it says so.
    const { page: again } = await formPage(await browser.newContext(), 'two-party', '', hash);
    assert.equal(await heading(again), 'Link nicht verfügbar');
    assert.deepEqual([...errors, ...employerErrors], []);
    await applicantDevice.close();
    await employerDevice.close();
  });
});
