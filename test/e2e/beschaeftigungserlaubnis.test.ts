/**
 * The Beschäftigungserlaubnis end to end in Chromium against the reference server: the applicant
 * on a phone, without an account, hands the application to the employer by link; the employer
 * completes the declaration (EzB) in a second browser context, seeing only the applicant's name
 * and job; the applicant's page says where it stands; one application reaches the inbox, with
 * the employer's part as a PDF. axe-core finds nothing in any state; every answer is given
 * and every button pressed with the keyboard.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { INBOX_TOKEN, launch, pdfText, root, startServer, pageErrors } from './helpers.js';
import { completeSteps } from './keyboard.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;
let server: Server;
let browser: Browser;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/beschaeftigungserlaubnis-${name}.json`, 'utf8'));
const axeSource = readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8');

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function formPage(
  options: { phone?: boolean; hash?: string } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(
    options.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'de-DE' }
      : { locale: 'de-DE' },
  );
  const page = await context.newPage();
  const errors = pageErrors(page);
  // A page without a CSP, so axe-core can be injected (the strict-CSP path of a hand-off is
  // tested in flows.test.ts).
  await page.route('**/arbeit.html', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html lang="de"><head><title>Beschäftigungserlaubnis</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <script type="module" src="/dist/ozg-forms.js"></script></head>
        <body><main><applicant-form definition="beschaeftigungserlaubnis" endpoint="/api/submissions"
          storage="none"></applicant-form></main></body></html>`,
    }),
  );
  await page.goto(`${server.url}/arbeit.html${options.hash ?? ''}`);
  await page.locator('applicant-form #step-heading').waitFor();
  await page.addScriptTag({ content: axeSource });
  return { page, errors };
}

async function violations(page: Page, state: string): Promise<void> {
  const found = (await page.evaluate(async () => {
    const result = await (window as any).axe.run(document.querySelector('applicant-form'));
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.length}`);
  })) as string[];
  assert.deepEqual(found, [], state);
}

const heading = (page: Page) => page.locator('applicant-form #step-heading').innerText();

const definition = JSON.parse(
  readFileSync(`${root}/src/definitions/beschaeftigungserlaubnis/definition.json`, 'utf8'),
);

/**
 * Every step answered from `data` at the keyboard (typing, Space, arrow keys, "Weiter"), until
 * the review's button `send` has focus. Returns the number of steps.
 */
async function byKeyboard(page: Page, data: unknown, send: string): Promise<number> {
  const citizen = { page, data, schema: definition.schema };
  return completeSteps(citizen, send);
}

describe('Beschäftigungserlaubnis end to end', () => {
  test('the applicant on a phone hands off to the employer, who completes the declaration; one application with the employer’s PDF', async () => {
    const applicantData = fixture('applicant');
    const { page: applicant, errors } = await formPage({ phone: true });
    assert.equal(await heading(applicant), 'Angaben zu Ihrer Person');
    await violations(applicant, 'the first step on a phone');
    const send = 'Meinen Teil speichern und Link erstellen';
    assert.equal(await byKeyboard(applicant, applicantData, send), 7);
    assert.equal(await heading(applicant), 'Angaben prüfen und absenden');
    assert.doesNotMatch(
      await applicant.locator('applicant-form .review').innerText(),
      /Betriebsnummer/,
      'the employer’s part is not the applicant’s to fill in',
    );
    await violations(applicant, 'the review');
    await applicant.keyboard.press('Enter');
    await applicant.locator('applicant-form .handoff').waitFor();
    assert.match(await heading(applicant), /Jetzt ist an der Reihe: Arbeitgeber/);
    const link = await applicant.locator('applicant-form #handoff-link').inputValue();
    assert.match(link, /#ozg-handoff=[\w-]{40,}$/);
    await applicant.locator('applicant-form svg.qr path').waitFor({ state: 'attached' });
    await applicant
      .locator('applicant-form [part="status"]')
      .filter({ hasText: 'wartet auf die Angaben von: Arbeitgeber' })
      .waitFor();
    await violations(applicant, 'the hand-off with its link and QR code');
    // Nothing to scroll sideways on a phone.
    assert.ok(
      await applicant.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    );

    // The employer, on another device, without an account.
    const { page: employer, errors: employerErrors } = await formPage({
      hash: new URL(link).hash,
    });
    assert.equal(await heading(employer), 'Anlass und Betrieb');
    const shared = await employer.locator('applicant-form .shared').innerText();
    assert.match(shared, new RegExp(applicantData.person.familyName));
    assert.match(shared, new RegExp(applicantData.person.givenNames));
    assert.match(shared, new RegExp(applicantData.job.description.slice(0, 20)));
    for (const hidden of [
      applicantData.person.birthDate,
      applicantData.statusDocument.number,
      applicantData.residence.address.street,
    ])
      assert.ok(!shared.includes(hidden), `${hidden} is not shown to the employer`);
    await violations(employer, 'the employer’s first step');
    assert.equal(await byKeyboard(employer, fixture('employer'), 'Antrag verbindlich absenden'), 6);
    assert.equal(await heading(employer), 'Angaben prüfen und absenden');
    await violations(employer, 'the employer’s review');
    await employer.keyboard.press('Enter');
    await employer.locator('applicant-form .confirmation').waitFor();
    assert.equal(await heading(employer), 'Ihr Antrag ist eingegangen.');
    await violations(employer, 'the employer’s confirmation');

    // The applicant's page says it is complete.
    const refresh = applicant.getByRole('button', { name: 'Stand aktualisieren' });
    await refresh.focus();
    await applicant.keyboard.press('Enter');
    await applicant
      .locator('applicant-form [part="status"]')
      .filter({ hasText: 'vollständig bei der Behörde eingegangen' })
      .waitFor();
    await violations(applicant, 'the applicant’s status: complete');
    const reference = (await applicant.locator('applicant-form .reference').innerText()).trim();
    assert.match(reference, /^BE-\d{4}-\d{6}$/);

    // One application at the authority: both parts, and the employer's part as a PDF.
    const summary = server.store
      .list({ limit: 100, offset: 0 })
      .items.find((item) => item.reference === reference)!;
    assert.equal(summary.state, 'received');
    const stored = server.store.get(summary.id)!.data as Json;
    // Every answer as typed, unchanged.
    for (const [key, value] of Object.entries(applicantData))
      assert.deepEqual(stored[key], value, key);
    assert.deepEqual(stored.employer, fixture('employer').employer);
    const auth = { authorization: `Bearer ${INBOX_TOKEN}` };
    const inbox = await (await fetch(`${server.url}/inbox`, { headers: auth })).text();
    const row = inbox.split('\n').find((line) => line.includes(reference))!;
    assert.match(row, /Arbeitgeber \(PDF\)/);
    const pdf = await fetch(`${server.url}/api/submissions/${summary.id}/parts/employer.pdf`, {
      headers: auth,
    });
    assert.equal(pdf.status, 200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const expected of [
      'Arbeitgeber',
      reference,
      fixture('employer').employer.company.name,
      fixture('employer').employer.company.betriebsnummer,
      fixture('employer').employer.employment.jobTitle,
      // Section B, the employee, from the applicant's part (printWith): the employer never saw it.
      applicantData.person.familyName,
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${applicantData.person.birthDate}T00:00:00Z`),
      ),
      applicantData.residence.address.street,
    ])
      assert.ok(text.includes(expected), `${expected} in the PDF`);
    assert.ok(!text.includes(applicantData.statusDocument.number), 'not the applicant’s paper');
    assert.deepEqual([...errors, ...employerErrors], []);
    await applicant.context().close();
    await employer.context().close();
  });
});
