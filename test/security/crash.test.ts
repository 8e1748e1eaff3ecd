/**
 * The reference server as a process (`server/main.ts`), killed and restarted: an error that
 * escapes a handler does not take it down, and after SIGKILL under a burst of applications every
 * acknowledged one is there, none twice, and no key is stuck.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentsFor, INBOX_TOKEN, root } from '../e2e/helpers.js';
import { assertAlive, raw } from './probe.js';

type Json = Record<string, any>;
const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));

interface Running {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `server/main.ts` on a free loopback port; resolves once it listens (within 60 s). */
function start(dataDir: string, imports: string[] = []): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...imports.flatMap((i) => ['--import', i]), 'server/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        INBOX_TOKEN,
        CLAIM_LEASE_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the server did not start:\n${output}`));
    }, 60_000);
    const listening = () => {
      const match = /ozg-forms demo:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', listening);
      resolve({ url: match[1]!, child, output: () => output, stop });
    };
    child.stdout!.on('data', listening);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output}`));
    });
  });
}

describe('the server process', () => {
  test('an error that escapes a handler is logged, and the server keeps serving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-forms-guard-'));
    const server = await start(dataDir, [join(root, 'test/security/throw-later.ts')]);
    try {
      await raw(server.url, '/__throw-later').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(server.child.exitCode, null, 'the process is still running');
      await assertAlive(server.url);
      assert.match(server.output(), /"event":"uncaught","message":"thrown from a callback/);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('SIGKILL under a burst: every acknowledged application is there once, no key stuck', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-forms-crash-'));
    let server = await start(dataDir);
    try {
      const bodies: { key: string; body: string }[] = [];
      for (let i = 0; i < 24; i++) {
        const data = sample();
        data.person.birthPlace = `Izmir ${i}`;
        bodies.push({
          key: randomUUID(),
          body: JSON.stringify({
            definition: { id: 'einbuergerung', version: '1.0.0' },
            data,
            documents: await documentsFor(server.url, data),
          }),
        });
      }
      const send = (url: string, { key, body }: { key: string; body: string }) =>
        fetch(`${url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(20_000),
        });
      // The burst; the process is killed once a few have been acknowledged.
      const acknowledged = new Map<string, Json>();
      let answered = 0;
      const killed = new Promise<void>((resolve) => {
        const burst = bodies.map((b) =>
          send(server.url, b)
            .then(async (response) => {
              if (response.status === 201) acknowledged.set(b.key, (await response.json()) as Json);
            })
            .catch(() => undefined)
            .finally(() => {
              if (++answered === 4) void server.stop().then(resolve);
            }),
        );
        void Promise.all(burst).then(() => server.stop().then(resolve));
      });
      await killed;
      assert.ok(acknowledged.size >= 1, 'some were acknowledged before the kill');

      server = await start(dataDir);
      // Every citizen's element retries with its key (409 like 503, after Retry-After).
      const final = new Map<string, Json>();
      for (const b of bodies) {
        for (let attempt = 0; attempt < 20 && !final.has(b.key); attempt++) {
          const response = await send(server.url, b);
          if (response.status === 201) final.set(b.key, (await response.json()) as Json);
          else {
            // "Not yet": the key's request is in flight (409), or validation is busy (503, e.g. a
            // loaded machine while the workers start); both come with Retry-After.
            assert.ok([409, 503].includes(response.status), `key ${b.key}: ${response.status}`);
            const wait = Number(response.headers.get('retry-after') ?? 1);
            await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          }
        }
        assert.ok(final.has(b.key), `key ${b.key} is stuck`);
      }
      for (const [key, first] of acknowledged)
        assert.deepEqual(final.get(key), first, 'an acknowledged application is answered the same');
      const list = (await (
        await fetch(`${server.url}/api/submissions?limit=500`, {
          headers: { authorization: `Bearer ${INBOX_TOKEN}` },
        })
      ).json()) as { total: number; items: { reference: string }[] };
      assert.equal(list.total, bodies.length, 'one application per key, none twice');
      assert.equal(new Set(list.items.map((i) => i.reference)).size, bodies.length);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
