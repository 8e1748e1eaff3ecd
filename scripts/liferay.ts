/**
 * Builds the elements as one Liferay client extension project (`npm run liferay`, after
 * `npm run build`): one customElement per element, all served from `/o/ozg-forms/` with their
 * shared chunks, as
 *
 * - `dist-liferay/ozg-forms.zip`: what Liferay deploys (drop it into `osgi/client-extensions/` of a
 *   self-hosted DXP): `ozg-forms.client-extension-config.json`,
 *   `WEB-INF/liferay-plugin-package.properties` and `static/` (the built modules);
 * - `dist-liferay/workspace/client-extensions/ozg-forms/`: the same as a Liferay Workspace project
 *   (`client-extension.yaml`, `static/`), for `blade gw deploy`.
 *
 * The layout follows Liferay's Workspace Gradle plugin (`CreateClientExtensionConfigTask`); not yet
 * tried on a running Liferay (docs/liferay.md).
 */
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { stringify } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Project name = zip name = web context path: Liferay serves `static/` under `/o/<project>/`. */
export const PROJECT = 'ozg-forms';

export interface CustomElementExtension {
  type: 'customElement';
  name: string;
  description: string;
  htmlElementName: string;
  urls: string[];
  useESM: true;
  instanceable: boolean;
  portletCategoryName: string;
  friendlyURLMapping?: string;
  /** Attributes of the element: defaults, overridden per widget in its "Properties" field. */
  properties: Record<string, string>;
  sourceCodeURL?: string;
}

/** One extension per element; its entry module defines it (and skips a tag already defined). */
export const EXTENSIONS: Record<string, CustomElementExtension> = {
  'ozg-forms-quick-check': {
    type: 'customElement',
    name: 'ozg-forms: Quick-Check',
    description: 'Eligibility self-check; answers stay in the browser.',
    htmlElementName: 'quick-check',
    urls: ['quick-check.js'],
    useESM: true,
    instanceable: true,
    portletCategoryName: 'category.client-extensions',
    properties: { definition: 'einbuergerung' },
  },
  'ozg-forms-applicant-form': {
    type: 'customElement',
    name: 'ozg-forms: Antrag',
    description: 'Multi-step application with review and submission to the configured endpoint.',
    htmlElementName: 'applicant-form',
    urls: ['applicant-form.js'],
    useESM: true,
    instanceable: true,
    portletCategoryName: 'category.client-extensions',
    properties: { definition: 'einbuergerung', endpoint: '/api/submissions' },
  },
  'ozg-forms-payment-step': {
    type: 'customElement',
    name: 'ozg-forms: Bezahlung',
    description: 'The fee from the definition, paid through the ePayment platform.',
    htmlElementName: 'payment-step',
    urls: ['payment-step.js'],
    useESM: true,
    instanceable: true,
    portletCategoryName: 'category.client-extensions',
    properties: { definition: 'einbuergerung', endpoint: '/api/payments' },
  },
  'ozg-forms-document-upload': {
    type: 'customElement',
    name: 'ozg-forms: Nachweise hochladen',
    description: 'Checked, resumable uploads of evidence documents.',
    htmlElementName: 'document-upload',
    urls: ['document-upload.js'],
    useESM: true,
    instanceable: true,
    portletCategoryName: 'category.client-extensions',
    properties: { endpoint: '/api/uploads' },
  },
};

/** The Workspace project's `client-extension.yaml`. */
export function clientExtensionYaml(): string {
  return stringify({ assemble: [{ from: 'static', into: 'static' }], ...EXTENSIONS });
}

/**
 * The OSGi configuration Liferay reads from the zip: one `CETConfiguration` per extension, its
 * settings as `key=value` lines (`typeSettings`), its properties likewise.
 */
export function clientExtensionConfig(buildTimestamp: number): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [id, extension] of Object.entries(EXTENSIONS)) {
    const { name, description, properties, type, sourceCodeURL, ...settings } = extension;
    config[`com.liferay.client.extension.type.configuration.CETConfiguration~${id}`] = {
      ':configurator:policy': 'force',
      baseURL: `\${portalURL}/o/${PROJECT}`,
      buildTimestamp,
      description,
      name,
      projectId: PROJECT.replace(/[^a-z0-9]/gi, '').toLowerCase(),
      projectName: PROJECT,
      properties: Object.entries(properties).map(([k, v]) => `${k}=${v}`),
      sourceCodeURL: sourceCodeURL ?? '',
      type,
      typeSettings: Object.entries(settings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('\n') : String(v)}`),
      webContextPath: `/${PROJECT}`,
    };
  }
  return config;
}

/** The built files a page loads: the entry modules and their chunks (no source maps, no types). */
function staticFiles(dist: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(dist, path).split('\\').join('/');
      if (statSync(path).isDirectory()) {
        if (rel !== 'types') walk(path);
      } else if (name.endsWith('.js') && rel !== 'core.js' && rel !== 'elements.js') {
        files.set(rel, readFileSync(path));
      }
    }
  };
  walk(dist);
  return files;
}

export function buildLiferay(out = join(root, 'dist-liferay'), now = Date.now()): string {
  const dist = join(root, 'dist');
  const files = staticFiles(dist);
  for (const extension of Object.values(EXTENSIONS))
    for (const url of extension.urls)
      if (!files.has(url)) throw new Error(`dist/${url} is missing: run npm run build first`);
  rmSync(out, { recursive: true, force: true });
  const entries: Record<string, Uint8Array> = {
    [`${PROJECT}.client-extension-config.json`]: new TextEncoder().encode(
      JSON.stringify(clientExtensionConfig(now), null, 2),
    ),
    'WEB-INF/liferay-plugin-package.properties': new TextEncoder().encode(
      [
        `Bundle-SymbolicName=${PROJECT.replace(/[^a-z0-9]/gi, '')}`,
        'Liferay-Client-Extension-Frontend=static/',
        'module-group-id=liferay',
        `name=${PROJECT}`,
        '',
      ].join('\n'),
    ),
  };
  for (const [path, bytes] of files) entries[`static/${path}`] = bytes;
  mkdirSync(out, { recursive: true });
  const zip = join(out, `${PROJECT}.zip`);
  writeFileSync(zip, zipSync(entries, { level: 9, mtime: new Date(now) }));
  // The same as a Workspace project.
  const project = join(out, 'workspace/client-extensions', PROJECT);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'client-extension.yaml'), clientExtensionYaml());
  for (const path of files.keys())
    cpSync(join(dist, path), join(project, 'static', path), { recursive: true });
  return zip;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`Wrote ${relative(process.cwd(), buildLiferay())}`);
}
