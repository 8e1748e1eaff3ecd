/**
 * <document-upload> end to end in Debian's Chromium against the reference server's tus endpoint:
 * checks before any byte is sent, progress, a dropped connection, a reload mid-upload, and files
 * that arrive intact. Needs `npm run build` first (the test command runs it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch, root, startServer } from './helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function pdf(size: number, seed = 1): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seed * 7) % 251;
  return Buffer.concat([head, body]);
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const file = (name: string, buffer: Buffer, mimeType = 'application/pdf') => ({
  name,
  mimeType,
  buffer,
});

async function open(path = '/documents'): Promise<{ page: Page; uploads: string[] }> {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/uploads')) uploads.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(server.url + path);
  await page.locator('document-upload input[type=file]').waitFor();
  return { page, uploads };
}
const item = (page: Page, n = 0) => page.locator('document-upload li[part="file"]').nth(n);
const value = (page: Page) =>
  page.evaluate(() => (document.querySelector('document-upload') as any).value);

/** Slows every PATCH down, so a test can act in the middle of an upload. */
async function slowPatches(page: Page, ms: number) {
  await page.route('**/api/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, ms));
    // The page may have been reloaded (or the route removed) meanwhile.
    await route.continue().catch(() => undefined);
  });
}

describe('<document-upload>', () => {
  test('uploads a PDF with progress; the server holds it intact', async () => {
    const { page } = await open();
    await page.evaluate(() => {
      (window as any).progress = [];
      document
        .querySelector('document-upload')!
        .addEventListener('upload-progress', (e: any) =>
          (window as any).progress.push(e.detail.bytesUploaded),
        );
    });
    const bytes = pdf(1_500_000);
    await page.locator('document-upload').evaluate((el: any) => (el.chunkSize = '256KB'));
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Reisepass.pdf', bytes));
    await page.locator('document-upload li.done').first().waitFor();
    const [uploaded] = (await value(page)) as { id: string; sha256: string; size: number }[];
    assert.equal(uploaded!.sha256, sha(bytes));
    assert.equal(uploaded!.size, bytes.length);
    assert.equal(server.store.getUpload(uploaded!.id)!.sha256, sha(bytes));
    const progress = (await page.evaluate(() => (window as any).progress)) as number[];
    assert.ok(progress.length >= 3, `progress events: ${progress.length}`);
    assert.equal(progress.at(-1), bytes.length);
    // Nothing of it outlives the upload in this tab but the list of files.
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    assert.ok(!keys.some((k) => k.startsWith('ozg-forms:tus:')), keys.join());
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.context().close();
  });

  test('a renamed executable and an oversize file are refused before a byte is sent', async () => {
    const { page, uploads } = await open();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(5000, 7)]);
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('reisepass.pdf', exe));
    await item(page).locator('[part="error"]').waitFor();
    assert.match(
      (await item(page).textContent()) ?? '',
      /Die Datei „reisepass.pdf“ ist keine Datei vom Typ PDF, JPEG oder PNG/,
    );
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('gross.pdf', pdf(11 * 1024 * 1024)));
    await page.locator('document-upload li[part="file"] >> text=Erlaubt sind höchstens').waitFor();
    assert.match(
      (await page.locator('document-upload ul').textContent()) ?? '',
      /Die Datei ist 11 MB groß\. Erlaubt sind höchstens 10 MB\./,
    );
    assert.deepEqual(uploads, []);
    assert.deepEqual(await value(page), []);
    await page.context().close();
  });

  test('a dropped connection mid-upload resumes and completes with the same checksum', async () => {
    const { page } = await open();
    let patches = 0;
    await page.route('**/api/uploads/**', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) return route.abort('failed');
      await route.continue();
    });
    await page.locator('document-upload').evaluate((el: any) => (el.chunkSize = '256KB'));
    const bytes = pdf(1_200_000, 2);
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Urkunde.pdf', bytes));
    await page.locator('document-upload li.done').first().waitFor({ timeout: 20_000 });
    assert.ok(patches > 2);
    const [uploaded] = (await value(page)) as { id: string; sha256: string }[];
    assert.equal(server.store.getUpload(uploaded!.id)!.sha256, sha(bytes));
    await page.context().close();
  });

  test('the answer to the last chunk is lost: the resume asks HEAD and gets the checksum', async () => {
    const { page } = await open();
    const bytes = pdf(600_000, 4);
    let dropped = false;
    await page.route('**/api/uploads/**', async (route) => {
      if (route.request().method() !== 'PATCH' || dropped) return route.continue();
      // The bytes reach the server; its answer never reaches the browser.
      const response = await route.fetch();
      if (response.headers()['upload-offset'] !== String(bytes.length))
        return route.fulfill({ response });
      dropped = true;
      return route.abort('connectionreset');
    });
    await page.locator('document-upload').evaluate((el: any) => (el.chunkSize = '256KB'));
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Nachweis.pdf', bytes));
    await page.locator('document-upload li.done').first().waitFor({ timeout: 20_000 });
    assert.ok(dropped);
    const [uploaded] = (await value(page)) as { id: string; sha256: string }[];
    assert.equal(uploaded!.sha256, sha(bytes));
    assert.equal(server.store.getUpload(uploaded!.id)!.sha256, sha(bytes));
    assert.doesNotMatch(
      (await page.locator('document-upload ul').textContent()) ?? '',
      /beschädigt/,
    );
    await page.context().close();
  });

  test('after a reload mid-upload, picking the file again resumes where it stopped', async () => {
    const { page, uploads } = await open();
    await slowPatches(page, 300);
    await page.locator('document-upload').evaluate((el: any) => (el.chunkSize = '128KB'));
    const bytes = pdf(1_000_000, 3);
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Zeugnis.pdf', bytes));
    await page.waitForFunction(
      () => {
        const el = document.querySelector('document-upload')!;
        const bar = el.shadowRoot!.querySelector('progress');
        return bar && Number(bar.value) >= 25;
      },
      undefined,
      { timeout: 20_000 },
    );
    await page.reload();
    await page.locator('document-upload input[type=file]').waitFor();
    await item(page).locator('text=noch einmal aus').waitFor();
    uploads.length = 0;
    await page.unroute('**/api/uploads/**');
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Zeugnis.pdf', bytes));
    await page.locator('document-upload li.done').first().waitFor({ timeout: 20_000 });
    // No new upload was created: the interrupted one went on.
    assert.ok(!uploads.some((u) => u.startsWith('POST')), uploads.join('\n'));
    const [uploaded] = (await value(page)) as { id: string; sha256: string }[];
    assert.equal(server.store.getUpload(uploaded!.id)!.sha256, sha(bytes));
    await page.context().close();
  });

  test('takes no more files than the document allows', async () => {
    const { page } = await open();
    await page.locator('document-upload').evaluate((el: any) => {
      el.maxFiles = 2;
      (window as any).refusals = [];
      el.addEventListener('upload-error', (e: any) => (window as any).refusals.push(e.detail));
    });
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles([
        file('Seite 1.pdf', pdf(3000, 6)),
        file('Seite 2.pdf', pdf(3000, 7)),
        file('Seite 3.pdf', pdf(3000, 8)),
      ]);
    await page.locator('document-upload li.done').nth(1).waitFor();
    assert.equal((await value(page)).length, 2);
    assert.equal(await page.locator('document-upload li').count(), 2);
    assert.deepEqual(await page.evaluate(() => (window as any).refusals), [
      {
        name: 'Seite 3.pdf',
        kind: 'count',
        message: 'Sie können höchstens 2 Dateien hochladen.',
      },
    ]);
    await page.context().close();
  });

  test('an upload can be paused and resumed', async () => {
    const { page } = await open();
    await slowPatches(page, 300);
    await page.locator('document-upload').evaluate((el: any) => (el.chunkSize = '128KB'));
    const bytes = pdf(900_000, 9);
    await page.locator('document-upload input[type=file]').setInputFiles(file('Pause.pdf', bytes));
    await page.locator('document-upload button.pause').click();
    await page.locator('document-upload li.paused').waitFor();
    assert.match((await item(page).textContent()) ?? '', /Angehalten bei \d+ %/);
    await page.unroute('**/api/uploads/**');
    await page.locator('document-upload button.resume').click();
    await page.locator('document-upload li.done').first().waitFor({ timeout: 20_000 });
    const [uploaded] = (await value(page)) as { id: string; sha256: string }[];
    assert.equal(server.store.getUpload(uploaded!.id)!.sha256, sha(bytes));
    await page.context().close();
  });

  test('a large phone photo is downscaled before it is sent; a PDF never', async () => {
    const { page } = await open();
    const sent = await page.evaluate(async () => {
      // A 4000 × 3000 photo with detail (noise), as a phone takes it: a large PNG.
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const context = canvas.getContext('2d')!;
      const image = context.createImageData(4000, 3000);
      for (let i = 0; i < image.data.length; i += 4) {
        const x = (i / 4) % 4000;
        const grain = Math.random() * 40;
        image.data[i] = (x / 16 + grain) % 256;
        image.data[i + 1] = (i / 64000 + grain) % 256;
        image.data[i + 2] = 128 + grain;
        image.data[i + 3] = 255;
      }
      context.putImageData(image, 0, 0);
      const blob = await new Promise<Blob>((resolve) =>
        canvas.toBlob((b) => resolve(b!), 'image/png'),
      );
      const photo = new File([blob], 'Pass-Foto.png', { type: 'image/png' });
      const el = document.querySelector('document-upload') as any;
      el.maxSize = '100MB';
      await el.addFiles([photo]);
      return { original: photo.size };
    });
    await page.locator('document-upload li.done').first().waitFor({ timeout: 30_000 });
    const [uploaded] = (await value(page)) as {
      id: string;
      name: string;
      type: string;
      size: number;
    }[];
    assert.equal(uploaded!.type, 'image/jpeg');
    assert.equal(uploaded!.name, 'Pass-Foto.jpg');
    assert.ok(uploaded!.size < sent.original / 2, `${uploaded!.size} of ${sent.original}`);
    const stored = server.store.getUpload(uploaded!.id)!;
    assert.equal(stored.type, 'image/jpeg');
    await page.context().close();
  });

  test('works by keyboard: the file picker, and removing a file', async () => {
    const { page } = await open();
    await page.keyboard.press('Tab');
    for (let i = 0; i < 10; i++) {
      const onInput = await page.evaluate(() => {
        const el = document.querySelector('document-upload')!;
        return el.shadowRoot!.activeElement?.id === 'file';
      });
      if (onInput) break;
      await page.keyboard.press('Tab');
    }
    // Space (or, should Chromium let the first press pass, Enter) opens the native picker.
    const pick = async (key: string) => {
      const chooser = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
      await page.keyboard.press(key);
      return chooser;
    };
    const chooser = (await pick('Space')) ?? (await pick('Enter'));
    assert.ok(chooser, 'the file picker opened');
    await chooser.setFiles(file('Pass.pdf', pdf(20_000, 4)));
    await page.locator('document-upload li.done').first().waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () => document.querySelector('document-upload')!.shadowRoot!.activeElement?.textContent,
    );
    assert.match(focused ?? '', /Entfernen/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('document-upload')!.shadowRoot!.querySelectorAll('li').length === 0,
    );
    assert.deepEqual(await value(page), []);
    await page.context().close();
  });

  test('no accessibility violations in any state', async () => {
    // The same element on a page without a CSP, so axe-core can be injected.
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.route('**/axe-page.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="de"><head><title>Test</title><script type="module" src="/dist/ozg-forms.js"></script></head><body><main><document-upload endpoint="/api/uploads" definition="einbuergerung" document="reisepass" label="Reisepass" multiple max-files="6" required chunk-size="128KB"></document-upload></main></body></html>`,
      }),
    );
    await page.goto(`${server.url}/axe-page.html`);
    await page.locator('document-upload input[type=file]').waitFor();
    await page.addScriptTag({
      content: readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8'),
    });
    const violations = async (state: string) => {
      const found = (await page.evaluate(async () => {
        const result = await (window as any).axe.run(document.querySelector('document-upload'));
        return result.violations.map((v: any) => `${v.id}: ${v.nodes.length}`);
      })) as string[];
      assert.deepEqual(found, [], state);
    };
    await violations('empty');
    await slowPatches(page, 400);
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('Pass.pdf', pdf(800_000, 5)));
    await page.locator('document-upload progress').waitFor();
    await violations('uploading');
    await page
      .locator('document-upload input[type=file]')
      .setInputFiles(file('virus.pdf', Buffer.from('MZ\x90\x00 not a pdf')));
    await page.locator('document-upload [part="error"]').waitFor();
    await violations('error');
    await page.locator('document-upload li.done').first().waitFor({ timeout: 20_000 });
    await violations('done');
    await context.close();
  });
});
