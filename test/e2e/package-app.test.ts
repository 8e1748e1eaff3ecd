/**
 * The package as a web team uses it: packed (`npm pack`), installed into a fresh Vite app that
 * does only what the README says (`import 'ozg-forms'` and one tag), built by Vite, served and
 * loaded in Chromium. The form renders and validates; nothing answers 404 (the loader's preload list
 * must not point at chunks the app's bundler renamed), and the console stays clean. The package's
 * command (`npx ozg-forms check|precompile`) checks and precompiles a municipality's own definition
 * from the installed package, and the app shows it under the reference server's strict CSP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { STRICT_CSP } from '../../server/app.js';
import { launch, pageErrors, root } from './helpers.js';

let app: string;
let server: Server;
let url: string;
/** What `npx ozg-forms` printed, by command. */
const cli: Record<string, { status: number | null; stdout: string; stderr: string }> = {};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

before(async () => {
  app = mkdtempSync(join(tmpdir(), 'ozg-forms-app-'));
  const run = (command: string, args: string[], cwd: string) =>
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', app], root)
    .trim()
    .split('\n')
    .pop()!;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'municipal-page', private: true, type: 'module' }),
  );
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html>
<html lang="de">
  <head><meta charset="utf-8" /><title>Einbürgerung</title></head>
  <body>
    <main>
      <applicant-form definition="einbuergerung" endpoint="/api/submissions" storage="none"></applicant-form>
      <applicant-form id="own" definition="/forms/own.json" validator="/forms/own.validator.js" endpoint="/api/submissions" storage="none"></applicant-form>
    </main>
    <script type="module" src="/main.js"></script>
  </body>
</html>
`,
  );
  writeFileSync(join(app, 'main.js'), "import 'ozg-forms';\n");
  // From the npm cache the repository's own install filled; Vite is the repository's.
  run(
    'npm',
    [
      'install',
      '--no-save',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      `./${tarball}`,
    ],
    app,
  );
  // The municipality's own definition, checked and precompiled by the installed package's command
  // (from its own dependencies: nothing of this repository is on the path).
  const forms = join(app, 'public/forms');
  mkdirSync(forms, { recursive: true });
  const own = JSON.parse(
    readFileSync(join(root, 'src/definitions/einbuergerung/definition.json'), 'utf8'),
  ) as { id: string; title: string };
  own.id = 'eigener-antrag';
  own.title = 'Eigener Antrag';
  writeFileSync(join(forms, 'own.json'), JSON.stringify(own));
  writeFileSync(join(app, 'broken.json'), JSON.stringify({ ...own, steps: 'none' }));
  const npx = (...args: string[]) => {
    const result = spawnSync('npx', ['--no-install', 'ozg-forms', ...args], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(app, 'node_modules/.bin')}:${process.env.PATH}` },
    });
    cli[args.join(' ')] = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  npx('--version');
  npx('check', 'public/forms/own.json', 'broken.json');
  npx('precompile', 'public/forms/own.json');
  run(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    app,
  );
  const dist = join(app, 'dist');
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    try {
      if (!file.startsWith(dist)) throw new Error('outside');
      const body = readFileSync(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // The reference server's policy: no 'unsafe-eval', Trusted Types required.
        'content-security-policy': STRICT_CSP,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (app) rmSync(app, { recursive: true, force: true });
});

test('a fresh Vite app built with the packed package: the form renders and validates, no 404, no console error', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => missing.push(`failed ${request.url()}`));
    await page.goto(url);
    await page.locator('applicant-form[definition="einbuergerung"] #step-heading').waitFor();
    assert.ok(
      (
        await page.locator('applicant-form[definition="einbuergerung"] #step-heading').textContent()
      )?.trim(),
    );
    // Moving on without answers: the form says what is missing.
    await page.locator('applicant-form[definition="einbuergerung"] button.next').click();
    await page
      .locator('applicant-form[definition="einbuergerung"] [part~="error-summary"]')
      .waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(missing, [], 'every request answered');
    assert.deepEqual(errors, [], 'no console error');
  } finally {
    await browser.close();
  }
});

test("the installed package's command checks a definition and names the problems by pointer", () => {
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  assert.equal(cli['--version']!.stdout.trim(), version);
  const checked = cli['check public/forms/own.json broken.json']!;
  assert.equal(checked.status, 1, checked.stderr);
  assert.match(checked.stdout, /public\/forms\/own\.json: valid \("eigener-antrag"/);
  assert.match(checked.stderr, /broken\.json: 1 problem\n {2}\/steps: must be of type array/);
});

test('the own definition, precompiled by the installed package, renders and validates under a strict CSP', async () => {
  const precompiled = cli['precompile public/forms/own.json']!;
  assert.equal(precompiled.status, 0, precompiled.stderr);
  assert.match(precompiled.stdout, /Wrote public\/forms\/own\.validator\.js/);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(url);
    const own = page.locator('applicant-form#own');
    await own.locator('#step-heading').waitFor();
    assert.equal((await own.locator('[part="title"]').textContent())?.trim(), 'Eigener Antrag');
    await own.locator('button.next').click();
    await own.locator('[part~="error-summary"]').waitFor();
    // Validated by the precompiled module: the compiler (new Function) is refused on this page.
    assert.equal(await own.locator('.definition-error').count(), 0);
    assert.deepEqual(errors, [], 'no console error');
  } finally {
    await browser.close();
  }
});
