import { chromium, type Browser } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { chromiumArgs, executablePath } from '../support/chromium.js';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export async function startServer() {
  const logs: Record<string, unknown>[] = [];
  const server = createApp({ root, log: (entry) => logs.push(entry) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    logs,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: chromiumArgs,
  });
}
