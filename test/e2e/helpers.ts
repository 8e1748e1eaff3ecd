import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../server/app.js';
import { openSqliteStore } from '../../server/sqlite-store.js';
import { assess, loadDefinitions, type ServedDefinition } from '../../server/definitions.js';
import { chromiumArgs, executablePath } from '../support/chromium.js';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const INBOX_TOKEN = 'test-inbox-token-0123456789';
export const CSRF_TOKEN = 'test-csrf-token';
/**
 * The fixture definitions of format 2 (an appointment outcome; a second party through a
 * hand-off), for a server started with `definitionDirs: FIXTURE_DEFINITIONS`.
 */
export const FIXTURE_DEFINITIONS = [
  join(root, 'test/fixtures/appointment.json'),
  join(root, 'test/fixtures/two-party.json'),
];
/** The upload secret of a test's "browser session" (see server/uploads.ts). */
export const UPLOAD_SESSION = { 'x-upload-session': 'test-upload-session-0123456789' };

/** Starts the reference server on a free loopback port with a store in `dataDir` (temporary by default). */
export async function startServer(options: Partial<AppOptions> & { dataDir?: string } = {}) {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ozg-forms-'));
  const logs: Record<string, unknown>[] = [];
  const store = openSqliteStore(dataDir);
  const server = createApp({
    root,
    store,
    uploadsDir: join(dataDir, 'uploads'),
    inboxToken: INBOX_TOKEN,
    csrfToken: CSRF_TOKEN,
    log: (entry) => logs.push(entry),
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await server.ready();
  const { port } = server.address() as AddressInfo;
  return {
    /** The server itself (e.g. `app.expire()`: the expiry sweep, now). */
    app: server,
    store,
    logs,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/**
 * Uploads a small PDF for each of the given documents over the tus protocol, as the browser would,
 * and returns what an application references (`{ [documentId]: [file] }`).
 */
export async function uploadDocuments(
  url: string,
  documentIds: string[],
  definition = 'einbuergerung',
): Promise<
  Record<string, { id: string; name: string; type: string; size: number; sha256: string }[]>
> {
  const out: Record<
    string,
    { id: string; name: string; type: string; size: number; sha256: string }[]
  > = {};
  for (const [i, document] of documentIds.entries()) {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, i + 1)]);
    const name = `${document}.pdf`;
    const meta = { filename: name, filetype: 'application/pdf', definition, document };
    const created = await fetch(`${url}/api/uploads`, {
      method: 'POST',
      headers: {
        ...UPLOAD_SESSION,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': Object.entries(meta)
          .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
          .join(','),
      },
    });
    const location = created.headers.get('location')!;
    const done = await fetch(new URL(location, url), {
      method: 'PATCH',
      headers: {
        ...UPLOAD_SESSION,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(bytes),
    });
    out[document] = [
      {
        id: location.split('/').pop()!,
        name,
        type: 'application/pdf',
        size: bytes.length,
        sha256: done.headers.get('x-upload-sha256')!,
      },
    ];
  }
  return out;
}

let definitions: Map<string, ServedDefinition> | undefined;

/**
 * Uploads a file for every document the answers call for as required (worked out as the server
 * does), and returns what an application references.
 */
export async function documentsFor(
  url: string,
  data: unknown,
  definition = 'einbuergerung',
  /** A built-in definition that asks for the same documents (for a test's own copy of one). */
  like = definition,
) {
  definitions ??= loadDefinitions(root);
  const served = definitions.get(like)!;
  const required = assess(served, data)
    .documents.filter((d) => d.required)
    .map((d) => d.id);
  return uploadDocuments(url, required, definition);
}

/** The text of every page of a PDF, as a reader extracts it (pdf.js). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return pages.join('\n');
}

/**
 * The errors a page reports while a test runs: uncaught exceptions and console errors (a resource
 * that failed to load is the test's own business, e.g. a 404 it provokes). Read at the end.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return errors;
}
