/**
 * The Liferay client extension (`npm run liferay`): its `client-extension.yaml` obeys the rules of
 * Liferay's published schema for `customElement` (written out here as the project's own check,
 * stricter where a typo would otherwise pass), the zip has the layout Liferay deploys, and the
 * modules work from `/o/ozg-forms/` as Liferay serves them (entry URLs with `?t=…`, the widget's
 * properties as attributes, plus the `liferaywebdavurl` Liferay adds).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { buildLiferay, EXTENSIONS, PROJECT } from '../../scripts/liferay.js';
import { launch, pageErrors } from './helpers.js';

let out: string;
let files: Record<string, Uint8Array>;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'ozg-forms-liferay-'));
  files = unzipSync(readFileSync(buildLiferay(out, 1_700_000_000_000)));
});
after(() => rmSync(out, { recursive: true, force: true }));

/**
 * Liferay's `client-extension.schema.json` (liferay-portal, modules/sdk/gradle-plugins-workspace)
 * for what this project uses: kebab-case extension ids, `type` required, and for `customElement`
 * `htmlElementName` and `urls` required with their patterns; `assemble` as copy rules. Unlike
 * Liferay's, unknown keys are refused (a misspelt `useEsm` would pass there unnoticed).
 */
const uniqueStrings = { type: 'array', items: { type: 'string' }, uniqueItems: true };
const clientExtensionSchema = {
  type: 'object',
  properties: {
    assemble: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { type: 'string' },
          fromTask: { type: 'string' },
          include: { anyOf: [{ type: 'string' }, uniqueStrings] },
          into: { type: 'string' },
        },
        not: { required: ['from', 'fromTask'] },
      },
    },
  },
  patternProperties: {
    '^(?!assemble$)[a-z][a-z-\\d]+$': {
      type: 'object',
      required: ['type', 'htmlElementName', 'urls'],
      additionalProperties: false,
      properties: {
        type: { const: 'customElement' },
        name: { type: 'string' },
        description: { type: 'string' },
        sourceCodeURL: { type: 'string' },
        htmlElementName: { type: 'string', pattern: '^[a-z]+-([a-z-]+)?[a-z]' },
        urls: { ...uniqueStrings, minItems: 1 },
        cssURLs: uniqueStrings,
        jsonUrls: uniqueStrings,
        friendlyURLMapping: {
          anyOf: [{ type: 'null' }, { type: 'string', pattern: '^[A-Za-z0-9_-]*$' }],
        },
        instanceable: { type: 'boolean' },
        key: { type: 'string' },
        portletCategoryName: { type: 'string' },
        properties: { type: 'object', additionalProperties: { type: 'string' } },
        singleURL: { type: 'string' },
        useESM: { type: 'boolean' },
      },
    },
  },
  additionalProperties: false,
};

/** What Liferay checks when it deploys a custom element (CustomElementCETImplFactoryImpl). */
const RESERVED = [
  'annotation-xml',
  'color-profile',
  'font-face',
  'font-face-format',
  'font-face-name',
  'font-face-src',
  'font-face-uri',
  'missing-glyph',
];

test('client-extension.yaml obeys Liferay’s rules for customElement', () => {
  const yaml = parse(
    readFileSync(
      join(out, 'workspace/client-extensions', PROJECT, 'client-extension.yaml'),
      'utf8',
    ),
  ) as Record<string, Record<string, unknown>>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExtensionSchema);
  assert.ok(validate(yaml), JSON.stringify(validate.errors, null, 2));
  const ids = Object.keys(yaml).filter((k) => k !== 'assemble');
  assert.deepEqual(ids.sort(), Object.keys(EXTENSIONS).sort());
  for (const id of ids) {
    const extension = yaml[id]!;
    const tag = extension.htmlElementName as string;
    assert.match(tag, /^[a-z][a-z0-9._-]*$/);
    assert.ok(tag.includes('-') && !RESERVED.includes(tag), tag);
    assert.equal(extension.useESM, true, 'the modules are ES modules');
    for (const url of extension.urls as string[]) {
      assert.ok(!url.includes('*'), 'concrete file names');
      assert.ok(files[`static/${url}`], `static/${url} is in the zip`);
    }
    // Each attribute a widget is configured with is one of the element's.
    const manifest = readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8');
    for (const name of Object.keys(extension.properties as object))
      assert.ok(manifest.includes(`"name": "${name}"`), `${tag} ${name}`);
  }
  // A listed module is never imported by another listed one (it would load twice).
  const urls = ids.flatMap((id) => yaml[id]!.urls as string[]);
  for (const url of urls) {
    const code = strFromU8(files[`static/${url}`]!);
    for (const other of urls)
      if (other !== url) assert.ok(!code.includes(`./${other}`), `${url} imports ${other}`);
  }
});

test('the zip has the layout Liferay deploys, its configuration naming every element', () => {
  const config = JSON.parse(strFromU8(files[`${PROJECT}.client-extension-config.json`]!)) as Record<
    string,
    {
      typeSettings: string[];
      properties: string[];
      baseURL: string;
      webContextPath: string;
      type: string;
    }
  >;
  assert.equal(Object.keys(config).length, Object.keys(EXTENSIONS).length);
  for (const [id, extension] of Object.entries(EXTENSIONS)) {
    const entry = config[`com.liferay.client.extension.type.configuration.CETConfiguration~${id}`]!;
    assert.ok(entry, id);
    assert.equal(entry.type, 'customElement');
    assert.equal(entry.baseURL, `\${portalURL}/o/${PROJECT}`);
    assert.equal(entry.webContextPath, `/${PROJECT}`);
    assert.ok(entry.typeSettings.includes(`htmlElementName=${extension.htmlElementName}`));
    assert.ok(entry.typeSettings.includes(`urls=${extension.urls.join('\n')}`));
    assert.ok(entry.typeSettings.includes('useESM=true'));
    for (const [k, v] of Object.entries(extension.properties))
      assert.ok(entry.properties.includes(`${k}=${v}`));
  }
  const plugin = strFromU8(files['WEB-INF/liferay-plugin-package.properties']!);
  assert.match(plugin, /^Liferay-Client-Extension-Frontend=static\/$/m);
  assert.match(plugin, new RegExp(`^name=${PROJECT}$`, 'm'));
  assert.ok(Object.keys(files).some((f) => f.startsWith('static/chunks/')));
  assert.deepEqual(
    Object.keys(files).filter((f) => f.endsWith('.map') || f.includes('/types/')),
    [],
  );
});

test('from /o/ozg-forms/ as Liferay serves it, the widgets render and validate with no 404', async () => {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/web/guest/einbuergerung') {
      // What Liferay renders for two widgets: the modules in the head (`?t=` from the deployment),
      // each element with its properties as attributes.
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="de-DE"><head><meta charset="utf-8"><title>Einbürgerung</title>
<script type="module" src="/o/${PROJECT}/quick-check.js?t=1700000000000"></script>
<script type="module" src="/o/${PROJECT}/applicant-form.js?t=1700000000000"></script></head>
<body><main><div class="portlet-client-extension"><quick-check definition="einbuergerung" storage="none" liferaywebdavurl="http://x/webdav/guest/document_library"></quick-check></div>
<div class="portlet-client-extension"><applicant-form definition="einbuergerung" endpoint="/api/submissions" storage="none" liferaywebdavurl="http://x/webdav/guest/document_library"></applicant-form></div></main></body></html>`);
      return;
    }
    const file = path.startsWith(`/o/${PROJECT}/`)
      ? files[`static/${path.slice(`/o/${PROJECT}/`.length)}`]
      : undefined;
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    const missing: string[] = [];
    page.on(
      'response',
      (r) => void (r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`)),
    );
    await page.goto(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/web/guest/einbuergerung`,
    );
    await page.locator('quick-check #question-heading').waitFor();
    await page.locator('applicant-form #step-heading').waitFor();
    await page.locator('applicant-form button.next').click();
    await page.locator('applicant-form [part~="error-summary"]').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(missing, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
