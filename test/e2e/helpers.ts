import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../server/app.js';
import { openSqliteStore } from '../../server/sqlite-store.js';
import { chromiumArgs, executablePath } from '../support/chromium.js';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const INBOX_TOKEN = 'test-inbox-token-0123456789';
export const CSRF_TOKEN = 'test-csrf-token';

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
  const { port } = server.address() as AddressInfo;
  return {
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
