/**
 * Runs every story of the built Storybook (`storybook-static/`, from `npm run build-storybook`) in
 * Debian's Chromium, play functions included, and fails when a story does not render or its play
 * function throws. Loopback only: the build is served from 127.0.0.1 on a free port (or
 * STORIES_PORT). STORIES=part-of-an-id runs only the stories whose id contains it.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumArgs, executablePath } from '../test/support/chromium.js';

const root = join(new URL('..', import.meta.url).pathname, 'storybook-static');
const TIMEOUT_MS = 30_000;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

interface Entry {
  id: string;
  type: string;
  title: string;
  name: string;
}

const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as {
  entries: Record<string, Entry>;
};
const only = process.env.STORIES;
const stories = Object.values(index.entries).filter(
  (e) => e.type === 'story' && (!only || e.id.includes(only)),
);

const server = createServer((req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname)));
  if (!path.startsWith(root + sep) && path !== root) return res.writeHead(404).end();
  const file = path.endsWith(sep) || path === root ? join(path, 'index.html') : path;
  stat(file)
    .then((s) => (s.isFile() ? readFile(file) : Promise.reject(new Error('not a file'))))
    .then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
});
// STORIES_PORT: a fixed port (e.g. where several people test on one machine); else any free one.
await new Promise<void>((resolve) =>
  server.listen(Number(process.env.STORIES_PORT ?? 0), '127.0.0.1', resolve),
);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/**
 * Storybook's preview reports to the manager over its channel, installed as a global while the
 * preview starts: wrapped as it is set, what it sends is watched (the play function's exception,
 * the story's end). Plain JavaScript: it runs in the page as it is written here.
 */
const WATCH_CHANNEL = `(() => {
  const FAILURES = {
    playFunctionThrewException: 'play function',
    storyThrewException: 'render',
    storyErrored: 'story',
    storyMissing: 'missing',
    unhandledErrorsWhilePlaying: 'unhandled',
  };
  const describe = (e) =>
    e && typeof e === 'object' && 'message' in e ? String(e.message) : JSON.stringify(e);
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      const emit = value.emit.bind(value);
      value.emit = (type, ...args) => {
        if (FAILURES[type])
          window.__outcome ??= { status: 'error', detail: FAILURES[type] + ': ' + describe(args[0]) };
        if (type === 'storyFinished') {
          const status = (args[0] && args[0].status) || 'success';
          window.__outcome ??= { status, detail: status === 'success' ? undefined : describe(args[0]) };
        }
        return emit(type, ...args);
      };
    },
  });
})();`;

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const failures: string[] = [];
let passed = 0;
try {
  for (const story of stories) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    // Storybook's preview reports on its channel: listen from the first script on.
    await page.addInitScript({ content: WATCH_CHANNEL });
    const label = `${story.title} › ${story.name}`;
    try {
      await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
      const outcome = (await page
        .waitForFunction(
          () => (window as unknown as { __outcome?: unknown }).__outcome,
          undefined,
          { timeout: TIMEOUT_MS, polling: 50 },
        )
        .then((handle) => handle.jsonValue())) as { status: string; detail?: string };
      if (outcome.status === 'success') {
        passed++;
        console.log(`  ✔ ${label}`);
      } else {
        failures.push(`${label}: ${outcome.detail ?? outcome.status}`);
        console.log(`  ✖ ${label}\n      ${outcome.detail ?? outcome.status}`);
      }
    } catch (error) {
      failures.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
      console.log(`  ✖ ${label}\n      ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`\nstories: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
