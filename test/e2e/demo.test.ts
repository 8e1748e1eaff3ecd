/**
 * End to end, in Debian's Chromium against the demo server: the demo page under a strict
 * Content-Security-Policy with Trusted Types, and a complete Einbürgerung application by keyboard.
 * Needs `npm run build` first (the test command runs it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CSRF_TOKEN, documentsFor, launch, root, startServer, uploadDocuments } from './helpers.js';
import { STRICT_CSP } from '../../server/app.js';
import { precompile } from '../../scripts/precompile.js';
import { answerFocused, focused, summary } from './keyboard.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let browser: Browser;

const sample = () =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(
  path = '/',
): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[] }> {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(server.url + path);
  return {
    page,
    errors,
    violations: () => page.evaluate(() => (window as any).__violations as string[]),
  };
}

/** The form shows `title`, and Next on the empty first step shows the error summary: it validates. */
async function rendersAndValidates(page: Page, title: string): Promise<void> {
  await page.locator('applicant-form #step-heading').waitFor();
  assert.equal((await page.locator('applicant-form [part="title"]').textContent())?.trim(), title);
  await page.locator('applicant-form button.next').click();
  await page.locator('applicant-form .summary').waitFor();
  assert.match((await page.locator('applicant-form .summary').textContent()) ?? '', /Bitte/);
}

describe('the demo page under a strict CSP with Trusted Types', () => {
  test('serves the page with the strict policy', async () => {
    const response = await fetch(server.url + '/');
    assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);
    assert.match(STRICT_CSP, /script-src 'self'(;|$)/);
    assert.doesNotMatch(STRICT_CSP, /unsafe-eval|unsafe-inline/);
  });

  test('renders and validates the built-in definition without a violation', async () => {
    const { page, violations, errors } = await openPage();
    await rendersAndValidates(page, 'Antrag auf Einbürgerung');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('switches the form to Arabic with its own switch: right to left, answers kept, nothing blocked', async () => {
    const { page, violations, errors } = await openPage();
    await page.locator('applicant-form #step-heading').waitFor();
    const family = page.locator('applicant-form #f_2f_person_2f_familyName');
    await family.fill('Yılmaz');
    await family.press('Tab');
    await page.locator('applicant-form [part~="language-switch"] select').selectOption('ar');
    const arabic = JSON.parse(
      readFileSync(`${root}/locales/definitions/einbuergerung.ar.json`, 'utf8'),
    ) as Record<string, string>;
    await page
      .locator('applicant-form #step-heading')
      .filter({ hasText: arabic['/steps/0/title']! })
      .waitFor();
    assert.equal(
      await page.locator('applicant-form').evaluate((el) => getComputedStyle(el).direction),
      'rtl',
    );
    assert.equal(await family.inputValue(), 'Yılmaz');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('asks for all of an element’s modules at once, not one level of imports at a time', async () => {
    const { page, violations } = await openPage();
    await page.locator('applicant-form #step-heading').waitFor();
    const { preloaded, loaded } = await page.evaluate(() => ({
      preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
        (l) => l.href,
      ),
      loaded: performance.getEntriesByType('resource').map((e) => e.name),
    }));
    // Every module the element imports statically is announced up front, and only those.
    const chunks = loaded.filter((url) =>
      /\/dist\/chunks\/(applicant-form|base|controls)-/.test(url),
    );
    assert.equal(chunks.length, 3);
    for (const url of chunks) assert.ok(preloaded.includes(url), `${url} was not preloaded`);
    assert.ok(preloaded.every((url) => loaded.includes(url)));
    assert.ok(!preloaded.some((url) => /stages-|quick-check-|payment-step-/.test(url)));
    // …and the built-in definition the page names, in the page's language (German: no translation).
    assert.ok(preloaded.some((url) => /\/chunks\/einbuergerung-[^/]*\.js$/.test(url)));
    assert.ok(!preloaded.some((url) => /einbuergerung\.(en|quick-check)/.test(url)));
    assert.deepEqual(await violations(), []);
    await page.context().close();
  });
});

describe('definitions from a URL', () => {
  const custom = () => {
    const definition = JSON.parse(
      readFileSync(`${root}/src/definitions/einbuergerung/definition.json`, 'utf8'),
    );
    definition.id = 'eigener-antrag';
    definition.title = 'Eigener Antrag';
    return definition;
  };

  async function pageWith(
    csp: string,
    attributes: string,
    files: Record<string, { type: string; body: string }>,
    lang = 'de',
  ) {
    const { page, violations, errors } = await openPage('/demo/not-there');
    const requests: Record<string, number> = {};
    for (const [path, file] of Object.entries(files)) {
      await page.route(`**${path}`, (route) => {
        requests[path] = (requests[path] ?? 0) + 1;
        return route.fulfill({ status: 200, contentType: file.type, body: file.body });
      });
    }
    await page.route('**/page.html', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: { 'content-security-policy': csp },
        body: `<!doctype html><html lang="${lang}"><head><script type="module" src="/dist/ozg-forms.js"></script></head>
          <body><applicant-form ${attributes} endpoint="/api/submissions"></applicant-form></body></html>`,
      }),
    );
    await page.goto(server.url + '/page.html');
    return { page, violations, errors, requests };
  }

  /** The own definition and its precompiled validator, as a page serves them. */
  const precompiled = async () => {
    const definition = JSON.stringify(custom());
    return {
      '/forms/custom.json': { type: 'application/json', body: definition },
      '/forms/custom.validator.js': {
        type: 'text/javascript',
        body: await precompile(definition),
      },
    };
  };

  test('with a precompiled validator, a strict-CSP page renders and validates it', async () => {
    const { page, violations, errors, requests } = await pageWith(
      STRICT_CSP,
      'definition="/forms/custom.json" validator="/forms/custom.validator.js"',
      await precompiled(),
    );
    await rendersAndValidates(page, 'Eigener Antrag');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    // ozg-forms.js asked for both while the element's code loaded, and each was fetched once.
    const announced = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel$="preload"]')].map(
        (l) => `${l.rel} ${new URL(l.href).pathname}`,
      ),
    );
    assert.ok(announced.includes('preload /forms/custom.json'));
    assert.ok(announced.includes('modulepreload /forms/custom.validator.js'));
    assert.deepEqual(requests, { '/forms/custom.json': 1, '/forms/custom.validator.js': 1 });
    // A precompiled validator needs neither the checks nor the ReDoS analysis.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    assert.ok(
      !scripts.some((path) => /\/chunks\/(redos|definition|compile)-[\w-]{8}\.js$/.test(path)),
      scripts.join('\n'),
    );
    await page.context().close();
  });

  test('the texts of the page’s language come with the element’s code, not after it', async () => {
    const { page, violations, errors } = await pageWith(
      STRICT_CSP,
      'definition="/forms/custom.json" validator="/forms/custom.validator.js"',
      await precompiled(),
      'tr-TR',
    );
    await page.locator('applicant-form #step-heading').waitFor();
    const { preloaded, loaded } = await page.evaluate(() => ({
      preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
        (l) => new URL(l.href).pathname,
      ),
      loaded: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    }));
    const texts = (language: string) =>
      loaded.filter((path) => new RegExp(`^/dist/chunks/${language}-[\\w-]{8}\\.js$`).test(path));
    // Turkish: its UI texts and validation messages; German's messages, the fallback.
    assert.equal(texts('tr').length, 2, loaded.join('\n'));
    assert.equal(texts('de').length, 1, loaded.join('\n'));
    for (const path of [...texts('tr'), ...texts('de')])
      assert.ok(preloaded.includes(path), `${path} was not announced`);
    // No other language's.
    assert.ok(!preloaded.some((path) => /\/chunks\/(en|ar|fa|ru|uk)-/.test(path)));
    assert.equal(
      await page
        .locator('applicant-form button.next')
        .textContent()
        .then((t) => t?.trim()),
      'İleri',
    );
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('where the page allows unsafe-eval, it is compiled on demand', async () => {
    const csp = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'").replace(
      "require-trusted-types-for 'script'; trusted-types lit-html",
      'trusted-types lit-html',
    );
    const { page, errors } = await pageWith(csp, 'definition="/forms/custom.json"', {
      '/forms/custom.json': { type: 'application/json', body: JSON.stringify(custom()) },
    });
    await rendersAndValidates(page, 'Eigener Antrag');
    assert.deepEqual(errors, []);
    // Its patterns were analysed here: the analysis was loaded for it.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    assert.ok(
      scripts.some((path) => /\/chunks\/redos-[\w-]{8}\.js$/.test(path)),
      scripts.join('\n'),
    );
    // Its translations come as a property, keyed by JSON pointer.
    await page.evaluate(() => {
      const el = document.querySelector('applicant-form') as HTMLElement & {
        translations: unknown;
      };
      el.translations = { en: { '/title': 'Own application' } };
      el.setAttribute('lang', 'en');
    });
    await page.waitForFunction(
      () =>
        document
          .querySelector('applicant-form')!
          .shadowRoot!.querySelector('[part="title"]')!
          .textContent!.trim() === 'Own application',
    );
    await page.context().close();
  });

  test('compiled on demand, its patterns go through the ReDoS analysis first (loaded only then)', async () => {
    const csp = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'").replace(
      "require-trusted-types-for 'script'; trusted-types lit-html",
      'trusted-types lit-html',
    );
    const hostile = custom();
    hostile.schema.properties.person.properties.familyName.pattern = String.raw`^(\w+\s?)*$`;
    const { page, errors } = await pageWith(csp, 'definition="/forms/hostile.json"', {
      '/forms/hostile.json': { type: 'application/json', body: JSON.stringify(hostile) },
    });
    const box = page.locator('applicant-form .definition-error');
    await box.waitFor();
    const text = (await box.textContent()) ?? '';
    assert.match(text, /\/schema\/properties\/person\/properties\/familyName\/pattern/);
    assert.match(text, /can backtrack catastrophically \(exponential\)/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  /**
   * The web editor's message on a page with `csp` for a definition without a validator, in the
   * page's language: it names the package's command and the attribute.
   */
  async function uncompiledMessage(csp: string, lang = 'de'): Promise<string> {
    const { page } = await pageWith(
      csp,
      'definition="/forms/custom.json"',
      { '/forms/custom.json': { type: 'application/json', body: JSON.stringify(custom()) } },
      lang,
    );
    const box = page.locator('applicant-form .definition-error');
    await box.waitFor();
    const text = (await box.textContent()) ?? '';
    await page.context().close();
    assert.match(text, /npx ozg-forms precompile definition\.json/);
    assert.match(text, lang === 'en' ? /"validator" attribute/ : /Attribut "validator"/);
    return text;
  }

  test('without a precompiled validator, a strict-CSP page tells the web editor why, in its language', async () => {
    // Trusted Types are required (and 'unsafe-eval' is not allowed either).
    assert.match(await uncompiledMessage(STRICT_CSP), /verlangt Trusted Types/);
    assert.match(await uncompiledMessage(STRICT_CSP, 'en'), /requires Trusted Types/);
    // No Trusted Types, no 'unsafe-eval': that is the cause.
    const noEval = STRICT_CSP.replace("require-trusted-types-for 'script'; ", '');
    assert.doesNotMatch(noEval, /require-trusted-types-for/);
    const text = await uncompiledMessage(noEval);
    assert.match(text, /verbietet 'unsafe-eval'/);
    assert.doesNotMatch(text, /Trusted Types/);
    const english = await uncompiledMessage(noEval, 'en');
    assert.match(english, /forbids 'unsafe-eval'/);
    assert.doesNotMatch(english, /Trusted Types|Kompilieren/);
  });

  test('where the page allows unsafe-eval but requires Trusted Types, the message names Trusted Types', async () => {
    const csp = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");
    assert.match(csp, /require-trusted-types-for 'script'/);
    const text = await uncompiledMessage(csp);
    assert.match(text, /verlangt Trusted Types \(require-trusted-types-for 'script'\)/);
    assert.match(text, /new Function/);
    assert.doesNotMatch(text, /verbietet 'unsafe-eval'/);
  });

  test('a validator compiled from another definition is refused', async () => {
    const original = JSON.stringify(custom());
    const changed = custom();
    changed.schema.properties.person.properties.familyName.maxLength = 10;
    const { page } = await pageWith(
      STRICT_CSP,
      'definition="/forms/custom.json" validator="/forms/custom.validator.js"',
      {
        '/forms/custom.json': { type: 'application/json', body: JSON.stringify(changed) },
        '/forms/custom.validator.js': { type: 'text/javascript', body: await precompile(original) },
      },
    );
    const box = page.locator('applicant-form .definition-error');
    await box.waitFor();
    assert.match((await box.textContent()) ?? '', /does not match its validator module/);
    await page.context().close();
  });

  test('a broken definition at a URL is named for the web editor', async () => {
    const broken = custom();
    broken.steps[0].fields = ['/personn'];
    const { page } = await pageWith(STRICT_CSP, 'definition="/forms/broken.json"', {
      '/forms/broken.json': { type: 'application/json', body: JSON.stringify(broken) },
    });
    const box = page.locator('applicant-form .definition-error');
    await box.waitFor();
    const text = (await box.textContent()) ?? '';
    assert.match(text, /\/steps\/0\/fields\/0/);
    assert.match(text, /points to no property of the schema: \/personn/);
    await page.context().close();
  });
});

describe('the Liferay-like page', () => {
  test('global theme CSS and an AMD define do not reach the form; Liferay.authToken is sent', async () => {
    const { page, violations, errors } = await openPage('/liferay');
    await page.locator('applicant-form #step-heading').waitFor();
    const style = await page.evaluate(() => {
      const form = document.querySelector('applicant-form')!.shadowRoot!;
      const label = form.querySelector('label')!;
      const input = form.querySelector('input')!;
      return {
        transform: getComputedStyle(label).textTransform,
        border: getComputedStyle(input).borderTopStyle,
        outsideTransform: getComputedStyle(document.querySelector('h1')!).textTransform,
      };
    });
    assert.deepEqual(style, { transform: 'none', border: 'solid', outsideTransform: 'uppercase' });
    const requests: Record<string, string>[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/submissions')) requests.push(r.headers());
    });
    // The documents as the browser would have uploaded them (the upload is tested elsewhere).
    const documents = await documentsFor(server.url, sample());
    await page.evaluate(
      ({ data, documents }) => {
        const el = document.querySelector('applicant-form') as HTMLElement & {
          data: unknown;
          documents: unknown;
          next(): void;
        };
        el.data = data;
        el.documents = documents;
        for (let i = 0; i < 7; i++) el.next();
      },
      { data: sample(), documents },
    );
    await page.locator('applicant-form .documents button.next').click();
    await page.locator('applicant-form .review').waitFor();
    await page.locator('applicant-form .review .actions button').first().click();
    await page.locator('applicant-form .reference').waitFor();
    assert.equal(requests[0]?.['x-csrf-token'], CSRF_TOKEN);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('a citizen completes the Einbürgerung application by keyboard', () => {
  test('every answer typed arrives in the store, unchanged, and the fee is paid', async () => {
    const { page, violations, errors } = await openPage();
    const data = sample();
    await page.locator('applicant-form #step-heading').waitFor();
    const citizen = {
      page,
      data,
      schema: definition.schema,
    };
    await page.locator('applicant-form #step-heading').focus();
    const key = (k: string) => page.keyboard.press(k);
    let done = false;
    let uploaded = 0;
    for (let i = 0; i < 900 && !done; i++) {
      const f = await focused(page);
      assert.ok(f, 'something has focus');
      let tab = true;
      const { answered, keepFocus } = await answerFocused(citizen, f);
      if (answered) {
        tab = !keepFocus;
      } else if (f.tag === 'input' && f.type === 'file') {
        // A document's file picker: by keyboard, a small PDF per document (once).
        const has = await page.evaluate(() => {
          let el = document.activeElement as any;
          while (el?.shadowRoot?.activeElement?.shadowRoot) el = el.shadowRoot.activeElement;
          const host = el.shadowRoot.activeElement.getRootNode().host;
          return host.value.length as number;
        });
        if (has === 0) {
          // The picker itself is driven by keyboard in test/e2e/uploads.test.ts; here the file is
          // given to the focused picker directly (opening seven native dialogs in a row is flaky).
          const name = `Nachweis-${i}.pdf`;
          const picker = await page.evaluateHandle(() => {
            let el = document.activeElement as any;
            while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
            return el as HTMLInputElement;
          });
          await picker.asElement()!.setInputFiles({
            name,
            mimeType: 'application/pdf',
            buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, i % 250)]),
          });
          await page.locator('document-upload li.done span.name', { hasText: name }).waitFor();
          uploaded++;
        }
      } else if (f.tag === 'button') {
        if (f.text === 'Weiter' || f.text === 'Weiter zur Übersicht') {
          // (The documents page has "Weiter zur Übersicht" too: its files are uploaded by now.)
          await key('Enter');
          await page.waitForTimeout(50);
          if (await page.locator('applicant-form [part="documents"]').count()) {
            // The documents page: its file pickers are in place before the citizen tabs on.
            await page.locator('applicant-form document-upload input[type=file]').first().waitFor();
          }
          const now = await focused(page);
          if (now?.id !== 'step-heading')
            assert.fail(`the step was not accepted: ${await summary(page)}`);
        } else if (f.text === 'Antrag verbindlich absenden') {
          await key('Enter');
          await page.locator('applicant-form .reference').waitFor();
          done = true;
          tab = false;
        } else if (f.text === 'Weiter zur Bezahlung') {
          await key('Enter');
          await page.locator('payment-step button.pay').waitFor();
          tab = true;
        } else if (f.classes.includes('pay')) {
          assert.equal(f.text, 'Jetzt bezahlen: 612,00 €');
          await key('Enter');
          // The test provider's pay page: by keyboard to "Bezahlen".
          await page.waitForURL(/\/test-provider\/pay\//);
          for (let n = 0; n < 10; n++) {
            await key('Tab');
            const on = await focused(page);
            if (on?.text === 'Bezahlen') break;
          }
          assert.equal((await focused(page))?.text, 'Bezahlen');
          await key('Enter');
          // Back on the form's page; the status comes from the server, then the application goes.
          await page.locator('applicant-form .reference').waitFor();
          assert.doesNotMatch(page.url(), /ozg-payment/);
          done = true;
          tab = false;
        }
      }
      if (tab) await key('Tab');
    }
    assert.ok(done, 'the application was submitted');
    const reference = await page.locator('applicant-form .reference').textContent();
    assert.match(reference ?? '', /^EB-\d{4}-\d{6}$/);
    const { items } = server.store.list({ limit: 10, offset: 0 });
    const entry = items.find((s) => s.reference === reference);
    assert.ok(entry, 'the store holds the application');
    const stored = server.store.get(entry.id)!;
    assert.deepEqual(stored.data, data);
    // Every document the answers call for arrived, each once, intact.
    assert.equal(uploaded, 7);
    assert.deepEqual(stored.documents!.map((d) => d.documentId).sort(), [
      'aufenthaltstitel',
      'einbuergerungstest',
      'geburtsurkunde',
      'gehaltsnachweise',
      'heiratsurkunde',
      'reisepass',
      'sprachzertifikat',
    ]);
    // Paid: 255 € for the applicant, 255 € for the spouse, 2 × 51 € for the children.
    assert.equal(stored.payment?.amount, 61200);
    assert.match(stored.payment?.transactionReference ?? '', /^KZ-TEST-/);
    assert.match(
      (await page.locator('applicant-form .confirmation').textContent()) ?? '',
      new RegExp(`Kassenzeichen: ${stored.payment!.transactionReference}`),
    );
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'no draft left behind');
    await page.context().close();
  });
});

const definition = JSON.parse(
  readFileSync(`${root}/src/definitions/einbuergerung/definition.json`, 'utf8'),
);

describe('the code after the last step loads on demand', () => {
  test('offline when it is due: the answers stay, and a retry brings the review', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    let offline = true;
    await context.route(/\/chunks\/stages-[^/]*\.js$/, (route) =>
      offline ? route.abort('internetdisconnected') : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.locator('applicant-form #step-heading').waitFor();
    await page.evaluate((data) => {
      const form = document.querySelector('applicant-form') as any;
      form.removeAttribute('upload-endpoint');
      form.removeAttribute('payment-endpoint');
      form.data = data;
      for (let i = 0; i < 10; i++) form.next();
    }, sample());
    const alert = page.locator('applicant-form [role="alert"]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Ihre Angaben bleiben erhalten/);
    offline = false;
    await alert.getByRole('button', { name: 'Erneut versuchen' }).click();
    await page.locator('applicant-form .review').waitFor();
    const data = await page.evaluate(() => (document.querySelector('applicant-form') as any).data);
    assert.deepEqual(data, sample());
    await context.close();
  });
});

/**
 * What a page sends from now on, but for the library's own code (a quick-check's result loads on
 * demand): a GET of a module under /dist/chunks/ without a query carries no answer.
 */
function outgoing(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const code = /^\/dist\/chunks\/[\w.-]+\.js$/.test(url.pathname) && !url.search;
    if (request.method() !== 'GET' || !code) requests.push(`${request.method()} ${request.url()}`);
  });
  return requests;
}

describe('the quick-check page', () => {
  test('checks in the browser alone, and hands the answers to the application with consent', async () => {
    const { page, violations, errors } = await openPage('/quick-check');
    await page.locator('quick-check #question-heading').waitFor();
    const requests = outgoing(page);
    await page.evaluate(() => {
      const check = document.querySelector('quick-check') as any;
      check.today = '2026-12-01';
      check.answers = {
        pass: true,
        aufenthaltSeit: '2022-05-02',
        unterbrechung: 'keine',
        ehegatteDeutsch: true,
        aufenthaltsrecht: 'daueraufenthalt-eu',
        lebensunterhalt: 'ja',
        sprachnachweis: 'schoolCertificate',
        verurteilung: 'nein',
        bekenntnis: true,
      };
    });
    while (!(await page.locator('quick-check #result-heading').count())) {
      await page.locator('quick-check button.next').click();
    }
    assert.match(
      (await page.locator('quick-check [part~="verdict"]').textContent()) ?? '',
      // Four years here, married to a German (§ 9): the authority advises.
      /Bitte lassen Sie sich beraten/,
    );
    await page.locator('quick-check #consent').check();
    assert.deepEqual(requests, [], 'the check sent nothing');
    await page.locator('quick-check [part="apply-link"]').click();
    await page.waitForURL(server.url + '/');
    await page.locator('applicant-form [part="prefill-note"]').waitFor();
    const data = await page.evaluate(() => (document.querySelector('applicant-form') as any).data);
    assert.deepEqual(data.family, { spouse: { isGerman: true } });
    assert.equal(data.residence.residenceTitle, 'daueraufenthalt-eu');
    assert.equal(data.language.languageProof, 'schoolCertificate');
    assert.equal(
      await page.evaluate(() => sessionStorage.getItem('ozg-forms:prefill:einbuergerung')),
      null,
    );
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('the Verpflichtungserklärung pages', () => {
  test('the Bonitätsrechner explains the figure in the browser alone, and the preparation takes the answers with consent', async () => {
    const { page, violations, errors } = await openPage('/verpflichtungserklaerung');
    await page.locator('quick-check #question-heading').waitFor();
    const requests = outgoing(page);
    await page.evaluate(() => {
      const check = document.querySelector('quick-check') as any;
      check.today = '2026-12-01';
      check.answers = {
        status: 'titel',
        titelGueltig: 'ja',
        leistungen: false,
        nettoeinkommen: 2400,
        unterhaltspflichten: 0,
        erwachsene: 1,
        kinder: 0,
      };
    });
    while (!(await page.locator('quick-check #result-heading').count())) {
      await page.locator('quick-check button.next').click();
    }
    const workings = page.locator('quick-check [part="workings"]');
    await workings.waitFor();
    const text = (await workings.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /70 % × \(2\.400,00 € − 1\.587,40 €\) = 568,82 €/);
    assert.match(text, /1\.587,40 € \+ 281,50 € ÷ 70 % ≈ 1\.990 €/);
    assert.match(text, /Pfändungsfreigrenzenbekanntmachung 2026/);
    assert.deepEqual(await violations(), []);
    await page.locator('quick-check #consent').check();
    assert.deepEqual(requests, [], 'the check sent nothing');
    await page.locator('quick-check [part="apply-link"]').click();
    await page.waitForURL(server.url + '/verpflichtungserklaerung/vorbereiten');
    await page.locator('applicant-form [part="prefill-note"]').waitFor();
    const data = await page.evaluate(() => (document.querySelector('applicant-form') as any).data);
    assert.equal(data.host.citizenship, 'other');
    assert.equal(data.finances.monthlyNetIncome, 2400);
    assert.equal(data.finances.dependants, 0);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('paying the fee through the provider’s redirect', () => {
  const DOCUMENTS = [
    'reisepass',
    'aufenthaltstitel',
    'geburtsurkunde',
    'heiratsurkunde',
    'sprachzertifikat',
    'einbuergerungstest',
    'gehaltsnachweise',
  ];
  async function toPayment(page: Page, remember = false): Promise<void> {
    await page.locator('applicant-form #step-heading').waitFor();
    // The documents are uploaded as the browser would (the upload itself is tested elsewhere).
    const documents = await uploadDocuments(server.url, DOCUMENTS);
    await page.evaluate(
      ({ data, documents }) => {
        const form = document.querySelector('applicant-form') as any;
        form.data = data;
        form.documents = documents;
        for (let i = 0; i < 10; i++) form.next();
      },
      { data: sample(), documents },
    );
    await page.locator('applicant-form .documents button.next').click();
    await page.locator('applicant-form button.to-payment').click();
    await page.locator('payment-step button.pay').waitFor();
    // Before leaving for the provider, the citizen may keep the application on this device.
    if (remember) await page.locator('applicant-form #remember').check();
  }
  const created = () => server.logs.filter((l) => l.event === 'payment.created').length;
  const provider = (page: Page, choice: string) =>
    page.getByRole('button', { name: choice, exact: true }).click();

  test('cancelled, failed, then paid: each verified with the server; one application, paid once', async () => {
    const { page, violations, errors } = await openPage();
    await toPayment(page);
    const step = page.locator('payment-step');
    assert.match((await step.locator('[part="total"]').textContent()) ?? '', /612,00\s€/);
    const before = created();

    await step.locator('button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    assert.match((await page.textContent('body')) ?? '', /TESTMODUS/);
    await provider(page, 'Abbrechen');
    await step.locator('[role="alert"]').waitFor();
    assert.match((await step.locator('[role="alert"]').textContent()) ?? '', /abgebrochen/);
    assert.doesNotMatch(page.url(), /ozg-payment/);

    await step.locator('button.retry').click();
    await step.locator('button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    await provider(page, 'Fehler simulieren');
    await step.locator('[role="alert"]').waitFor();
    assert.match((await step.locator('[role="alert"]').textContent()) ?? '', /fehlgeschlagen/);

    await step.locator('button.retry').click();
    await step.locator('button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    await provider(page, 'Bezahlen');
    await page.locator('applicant-form .reference').waitFor();
    assert.equal(created() - before, 3);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a forged return URL (?status=paid) does not mark anything paid', async () => {
    const { page } = await openPage();
    await toPayment(page);
    await page.locator('payment-step button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    const id = await page.evaluate(() => {
      const draft = JSON.parse(sessionStorage.getItem('ozg-forms:draft:einbuergerung')!);
      return draft.draft.paymentId as string;
    });
    assert.match(id, /^pay_/);
    // Straight back, without paying, claiming success in the URL.
    await page.goto(`${server.url}/?ozg-payment=${id}&status=paid&paid=true`);
    const status = page.locator('payment-step [part="status"]');
    await status.waitFor();
    for (let i = 0; i < 50; i++) {
      if (/bestätigt|nicht abgeschlossen/.test((await status.textContent()) ?? '')) break;
      await page.waitForTimeout(100);
    }
    assert.match((await status.textContent()) ?? '', /bestätigt|nicht abgeschlossen/);
    assert.equal(await page.locator('applicant-form .reference').count(), 0);
    const verified = (await (await fetch(`${server.url}/api/payments/${id}`)).json()) as {
      status: string;
    };
    assert.equal(verified.status, 'pending');
    await page.context().close();
  });

  test('a double click creates one payment', async () => {
    const { page } = await openPage();
    await toPayment(page);
    const before = created();
    await page.locator('payment-step button.pay').dblclick();
    await page.waitForURL(/\/test-provider\/pay\//);
    assert.equal(created() - before, 1);
    await page.context().close();
  });

  test('paid, and the tab closed on the provider page with no draft kept: a new tab finishes with the Kassenzeichen, one application, one payment', async () => {
    const { page } = await openPage();
    await toPayment(page);
    const before = created();
    await page.locator('payment-step button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    // Paid; the way back is never followed: the tab is closed on the provider's side.
    const payPage = page.url();
    await page.route(/ozg-payment=/, (route) => route.abort());
    await provider(page, 'Bezahlen');
    const receipt = (await (await fetch(payPage)).text()).match(/KZ-TEST-\d{4}-\d{6}/)?.[0];
    assert.ok(receipt, 'the receipt shows the Kassenzeichen');
    await page.context().close();

    // Another day, a new tab: nothing of the application is left in the browser.
    const { page: later, violations, errors } = await openPage();
    await later.locator('applicant-form #step-heading').waitFor();
    await later.locator('applicant-form .finish-paid summary').click();
    await later.getByLabel('Kassenzeichen von Ihrem Zahlungsbeleg').fill(receipt);
    await later.getByRole('button', { name: 'Antrag abschließen' }).click();
    await later.locator('applicant-form .reference').waitFor();
    const reference = (await later.locator('applicant-form .reference').textContent())?.trim();
    const stored = server.store
      .list({ limit: 500, offset: 0 })
      .items.filter((i) => server.store.get(i.id)?.payment?.transactionReference === receipt);
    assert.equal(stored.length, 1, 'one application for the payment');
    assert.match(reference ?? '', new RegExp(stored[0]!.reference));
    const record = server.store.get(stored[0]!.id)!;
    assert.deepEqual(record.data, sample());
    assert.equal(created() - before, 1, 'one payment');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);

    // The provider's return link, opened later in yet another tab, shows the same application.
    const paymentId = record.payment!.id;
    const { page: back } = await openPage(`/?ozg-payment=${paymentId}`);
    await back.locator('applicant-form .reference').waitFor();
    assert.equal(
      (await back.locator('applicant-form .reference').textContent())?.trim(),
      reference,
    );
    const withPayment = server.store
      .list({ limit: 500, offset: 0 })
      .items.filter((i) => server.store.get(i.id)?.payment?.id === paymentId);
    assert.equal(withPayment.length, 1, 'still one application for the payment');
    assert.doesNotMatch(back.url(), /ozg-payment/);
    await later.context().close();
    await back.context().close();
  });

  test('the tab closed on the provider page: a new page load resumes where the citizen left', async () => {
    const { page } = await openPage();
    await toPayment(page, true);
    // Kept on the device, encrypted: no answer in clear text in localStorage.
    const kept = await page.waitForFunction(() =>
      localStorage.getItem('ozg-forms:draft:einbuergerung'),
    );
    const envelope = JSON.parse((await kept.jsonValue()) as string);
    assert.equal(envelope.format, 2);
    assert.doesNotMatch(JSON.stringify(envelope), new RegExp(sample().person.familyName));
    await page.locator('payment-step button.pay').click();
    await page.waitForURL(/\/test-provider\/pay\//);
    const context = page.context();
    await page.close();

    const again = await context.newPage();
    await again.goto(server.url + '/');
    const step = again.locator('payment-step');
    await step.locator('button.continue').waitFor();
    assert.match(
      (await step.locator('[part="status"]').textContent()) ?? '',
      /noch nicht abgeschlossen/,
    );
    await step.locator('button.continue').click();
    await again.waitForURL(/\/test-provider\/pay\//);
    await provider(again, 'Bezahlen');
    await again.locator('applicant-form .reference').waitFor();
    assert.equal(
      await again.evaluate(() => localStorage.getItem('ozg-forms:draft:einbuergerung')),
      null,
    );
    await context.close();
  });
});
