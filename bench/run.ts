/**
 * `npm run bench`: builds the production bundle (the npm script does), generates definitions with
 * 50, 200, 1000 and 5000 leaf fields, serves them with the library and a plain-DOM page on
 * 127.0.0.1 under a strict CSP, drives Debian's Chromium, and reports every figure next to the
 * plain page. Raw numbers go to bench/results/*.json, the table to bench/RESULTS.md.
 *
 * A phone profile (360×740 at 2×, CPU throttled 4×, 150 ms round trip, 1.6 Mbit/s down,
 * 750 kbit/s up) loads the 200-field form cold beside the plain page. The server sends gzip, as a
 * real one does.
 *
 * Options: BENCH_RUNS (default 5), BENCH_SIZES (default 50,200,1000,5000), BENCH_PHONE_SIZES
 * (default 200; empty: none).
 */
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { benchDefinition, plainFields } from './definitions.js';
import { precompile } from '../scripts/precompile.js';
import { STRICT_CSP } from '../server/app.js';
import { launch } from '../test/e2e/helpers.js';
import { executablePath } from '../test/support/chromium.js';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '50,200,1000,5000').split(',').map(Number);
const PHONE_SIZES = (process.env.BENCH_PHONE_SIZES ?? '200').split(',').filter(Boolean).map(Number);
/** The phone: a mid-range one on a slow mobile network. */
const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  cpuSlowdown: 4,
  latencyMs: 150,
  downBytesPerSecond: 1_600_000 / 8,
  upBytesPerSecond: 750_000 / 8,
};
const TYPED = 'Müller-Lüdenscheidt ';

// ---- the files served ------------------------------------------------------------------------

const files = new Map<string, { type: string; body: string | Buffer }>();
const json = (value: unknown) => ({ type: 'application/json', body: JSON.stringify(value) });
const expectedControls = new Map<string, number>();
const typingTarget = new Map<number, { lib: string; plain: string }>();
/** The precompiled validator module of each size (one step), gzip bytes. */
const validatorBytes = new Map<number, number>();

async function prepare() {
  for (const n of SIZES) {
    for (const layout of ['one-step', 'steps'] as const) {
      const { definition, data, leaves } = benchDefinition(n, layout);
      const base = `/bench/defs/${n}-${layout}`;
      const text = JSON.stringify(definition);
      files.set(`${base}.json`, json(definition));
      files.set(`${base}.data.json`, json(data));
      files.set(`${base}.plain.json`, json(plainFields(leaves)));
      const validator = await precompile(text);
      files.set(`${base}.validator.js`, { type: 'text/javascript', body: validator });
      if (layout === 'one-step') validatorBytes.set(n, gzipSync(validator, { level: 9 }).length);
      // Controls the element renders: radio groups render one input per option.
      const inputs = (list: typeof leaves) =>
        list.reduce((sum, l) => sum + (l.kind === 'choice' ? 4 : l.kind === 'boolean' ? 2 : 1), 0);
      const shown =
        layout === 'one-step' ? leaves : leaves.filter((l) => l.pointer.startsWith('/g0/'));
      expectedControls.set(`${n}-${layout}`, inputs(shown));
      // Loaded without data, the list of people starts empty.
      expectedControls.set(
        `${n}-${layout}-empty`,
        inputs(shown.filter((l) => !l.pointer.includes('/people/'))),
      );
      if (layout === 'one-step') {
        const middle = leaves.filter((l) => l.kind === 'text' && !l.pointer.includes('people'))[
          Math.floor(leaves.length / 16)
        ]!;
        typingTarget.set(n, {
          lib:
            'f' +
            middle.pointer.replace(
              /[^A-Za-z0-9-]/g,
              (c) => '_' + c.charCodeAt(0).toString(16) + '_',
            ),
          plain: 'p' + middle.pointer.replace(/\//g, '-'),
        });
      }
    }
  }
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.css': 'text/css',
  '.json': 'application/json',
};

const compressed = new WeakMap<object, Buffer>();
function gzipped(body: string | Buffer): Buffer {
  if (typeof body === 'string') return gzipSync(body, { level: 6 });
  let out = compressed.get(body);
  if (!out) compressed.set(body, (out = gzipSync(body, { level: 6 })));
  return out;
}

function startServer(): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    let file = files.get(url.pathname);
    if (!file && (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/bench/pages/'))) {
      const path = normalize(join(root, url.pathname));
      if (path.startsWith(root + sep)) {
        try {
          file = {
            type: TYPES[extname(path)] ?? 'application/octet-stream',
            body: await readFile(path),
          };
        } catch {
          /* 404 below */
        }
      }
    }
    if (!file) {
      res.writeHead(404, headers).end();
      return;
    }
    if (file.type === 'text/html') headers['content-security-policy'] = STRICT_CSP;
    // Compressed as a real server sends it (what the phone's slow network carries).
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
      res.writeHead(200, { ...headers, 'content-type': file.type }).end(gzipped(file.body));
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.type }).end(file.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

/** The texts of each language, as ozg-forms.js names them to ask for them early. */
function languageFiles(): Set<string> {
  const loader = readFileSync(join(root, 'dist/ozg-forms.js'), 'utf8');
  const list = /^const __ozgPreload=(.*);$/m.exec(loader)?.[1];
  if (!list) throw new Error('dist/ozg-forms.js has no preload list');
  const { languages } = JSON.parse(list) as { languages: Record<string, string[]> };
  return new Set(
    Object.entries(languages).flatMap(([language, hashes]) =>
      hashes.map((hash) => `/dist/chunks/${language}-${hash}.js`),
    ),
  );
}
const languageChunks = languageFiles();

// ---- measuring -------------------------------------------------------------------------------

type Kind = 'lib' | 'plain';
type Sample = Record<string, number>;

async function openPage(browser: Browser, url: string, phone = false) {
  const context = await browser.newContext(
    phone
      ? {
          viewport: PHONE.viewport,
          deviceScaleFactor: PHONE.deviceScaleFactor,
          isMobile: true,
          hasTouch: true,
        }
      : {},
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (phone) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downBytesPerSecond,
      uploadThroughput: PHONE.upBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  }
  const bodies = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript|css/.test(type)) return;
    bodies.set(
      response.url(),
      response.body().then(
        (b) => gzipSync(b, { level: 9 }).length,
        () => 0,
      ),
    );
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page
    .waitForFunction(() => (window as any).__bench?.ready === true, undefined, { timeout: 120_000 })
    .catch((e) => {
      throw new Error(`${url}: ${errors.join('; ') || e.message}`);
    });
  const sum = async (urls: Iterable<string>, library = false) => {
    let total = 0;
    // The harness's own scripts (bench/pages/) are not the library's: they are left out. Before
    // the first render only the code it needs counts: what ozg-forms.js asks for beside it when
    // it sees the tag — the definition's validator, the texts of the page's language — may have
    // arrived by then, but the loading state is drawn without them.
    for (const u of urls)
      if (
        !u.includes('/bench/pages/') &&
        !(library && (u.includes('/bench/defs/') || languageChunks.has(new URL(u).pathname)))
      )
        total += (await bodies.get(u)) ?? 0;
    return total;
  };
  const firstUrls =
    ((await page.evaluate('__bench.firstRenderUrls')) as string[] | undefined) ?? [];
  const bytes = { firstRender: await sum(firstUrls, true), ready: await sum(bodies.keys()) };
  return { page, cdp, bytes, errors, close: () => context.close() };
}

async function heapUsed(cdp: Awaited<ReturnType<typeof openPage>>['cdp']): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

/** Main-thread time so far: all tasks, and the page's own work (script, style, layout). */
async function mainThread(
  cdp: Awaited<ReturnType<typeof openPage>>['cdp'],
): Promise<{ task: number; work: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: get('TaskDuration'),
    work: get('ScriptDuration') + get('RecalcStyleDuration') + get('LayoutDuration'),
  };
}

const bench = (page: Page, expr: string) => page.evaluate(expr);

async function measureLoad(browser: Browser, base: string, kind: Kind, n: number): Promise<Sample> {
  const expected = expectedControls.get(`${n}-one-step-empty`)!;
  const p = await openPage(
    browser,
    `${base}/bench/pages/${kind}.html?n=${n}&layout=one-step&mode=load&expected=${expected}`,
  );
  const loadPainted = (await bench(p.page, '__bench.loadPainted')) as number;
  await p.close();
  return {
    loadPaintedMs: loadPainted,
    initialGzipBytes: p.bytes.firstRender,
    readyGzipBytes: p.bytes.ready,
  };
}

async function measureRender(
  browser: Browser,
  base: string,
  kind: Kind,
  n: number,
): Promise<Sample> {
  const expected = expectedControls.get(`${n}-one-step`)!;
  const p = await openPage(
    browser,
    `${base}/bench/pages/${kind}.html?n=${n}&layout=one-step&mode=set&expected=${expected}`,
  );
  const sample: Sample = {
    setToPaintedMs: (await bench(p.page, '__bench.setToPainted')) as number,
    setToCompleteMs: (await bench(p.page, '__bench.setToComplete')) as number,
  };
  sample.heapBytes = await heapUsed(p.cdp);
  if (kind === 'lib') {
    Object.assign(
      sample,
      await p.page.evaluate(() => (window as any).__bench.api.measureValidation()),
    );
  }
  // Typing into a validated field that shows an error (the library re-validates every keystroke).
  const target = typingTarget.get(n)!;
  const id = kind === 'lib' ? target.lib : target.plain;
  const prepared = await p.page.evaluate((i) => (window as any).__bench.api.prepareTyping(i), id);
  if (!prepared) throw new Error(`${kind} ${n}: the typing target showed no error`);
  await p.page.waitForTimeout(100);
  await p.page.evaluate(() => ((window as any).__bench.keystrokes.length = 0));
  const before = await mainThread(p.cdp);
  for (const char of TYPED) {
    await p.page.keyboard.type(char);
    await p.page.waitForTimeout(20);
  }
  await p.page.waitForTimeout(100);
  const after = await mainThread(p.cdp);
  const latencies = (await bench(p.page, '__bench.keystrokes')) as number[];
  sample.keystrokeMedianMs = percentile(latencies, 50);
  sample.keystrokeP95Ms = percentile(latencies, 95);
  sample.mainThreadPerKeystrokeMs = (after.task - before.task) / TYPED.length;
  sample.pageWorkPerKeystrokeMs = (after.work - before.work) / TYPED.length;
  await p.close();
  return sample;
}

/** The phone: navigation → ready and painted, and the first keystroke after it → next frame. */
async function measurePhone(
  browser: Browser,
  base: string,
  kind: Kind,
  n: number,
): Promise<Sample> {
  const expected = expectedControls.get(`${n}-one-step-empty`)!;
  const p = await openPage(
    browser,
    `${base}/bench/pages/${kind}.html?n=${n}&layout=one-step&mode=load&expected=${expected}`,
    true,
  );
  const loadPainted = (await bench(p.page, '__bench.loadPainted')) as number;
  const target = typingTarget.get(n)!;
  const focused = await p.page.evaluate(
    (i) => (window as any).__bench.api.focus(i),
    kind === 'lib' ? target.lib : target.plain,
  );
  if (!focused) throw new Error(`${kind} ${n}: nothing to type into on the phone`);
  await p.page.evaluate(() => ((window as any).__bench.keystrokes.length = 0));
  await p.page.keyboard.type('M');
  await p.page.waitForFunction(() => (window as any).__bench.keystrokes.length > 0);
  const [firstKeystroke] = (await bench(p.page, '__bench.keystrokes')) as number[];
  await p.close();
  return { phoneLoadPaintedMs: loadPainted, phoneFirstKeystrokeMs: firstKeystroke! };
}

async function measureSteps(browser: Browser, base: string, n: number): Promise<Sample> {
  const expected = expectedControls.get(`${n}-steps`)!;
  const p = await openPage(
    browser,
    `${base}/bench/pages/lib.html?n=${n}&layout=steps&mode=set&expected=${expected}`,
  );
  const times: number[] = [];
  for (let i = 0; i < 5; i++)
    times.push((await p.page.evaluate(() => (window as any).__bench.api.next())) as number);
  await p.close();
  return { stepNavigationMs: percentile(times, 50) };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function libraryBytes(): Promise<{ all: number; js: number }> {
  let all = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.js'))
        all += gzipSync(await readFile(path), { level: 9 }).length;
    }
  };
  await walk(join(root, 'dist'));
  return { all, js: all };
}

// ---- the run ---------------------------------------------------------------------------------

interface Row {
  n: number;
  lib: Record<string, number[]>;
  plain: Record<string, number[]>;
}

function push(target: Record<string, number[]>, sample: Sample) {
  for (const [k, v] of Object.entries(sample)) (target[k] ??= []).push(v);
}

async function main() {
  await prepare();
  const server = await startServer();
  const browser = await launch();
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      const row: Row = { n, lib: {}, plain: {} };
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, cold: a new browser context for every load.
        for (const kind of ['lib', 'plain'] as const) {
          push(row[kind], await measureLoad(browser, server.url, kind, n));
          push(row[kind], await measureRender(browser, server.url, kind, n));
        }
        push(row.lib, await measureSteps(browser, server.url, n));
        if (PHONE_SIZES.includes(n))
          for (const kind of ['lib', 'plain'] as const)
            push(row[kind], await measurePhone(browser, server.url, kind, n));
      }
      const bytes = validatorBytes.get(n);
      if (bytes !== undefined) row.lib.validatorGzipBytes = [bytes];
      rows.push(row);
      console.error(`measured ${n} fields`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const library = await libraryBytes();
  report(rows, library);
}

const median = (v: number[] | undefined) => (v && v.length ? percentile(v, 50) : NaN);
const p95 = (v: number[] | undefined) => (v && v.length ? percentile(v, 95) : NaN);
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function report(rows: Row[], library: { all: number }) {
  const chromium = execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${chromium} (headless)`;
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(
    `Machine: ${machine}. ${RUNS} cold runs per figure, library and plain DOM interleaved; medians, and the p95 over the runs for times. Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'The heap is measured after the first render and the idle work after it (the validator compiles then), before the validation figures: running the validator fifty times makes V8 compile it to machine code, several MB more at 1000 fields. Main-thread time counts every task on the page’s main thread while typing, also the browser’s own (input routing, autofill, paint).',
    '',
  );
  lines.push(
    '| fields | figure | ozg-forms | plain DOM | ratio | ozg-forms p95 | plain DOM p95 |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  const cell = (v: number, unit: string, digits: number) =>
    Number.isFinite(v) ? `${fmt(v, digits)} ${unit}` : '';
  const figure = (
    n: number,
    name: string,
    [lib, plain]: number[],
    [libP95, plainP95]: number[],
    unit: string,
    digits = 1,
  ) =>
    lines.push(
      `| ${n} | ${name} | ${fmt(lib!, digits)} ${unit} | ${cell(plain!, unit, digits)} | ${Number.isFinite(lib! / plain!) ? (lib! / plain!).toFixed(2) + '×' : ''} | ${cell(libP95!, unit, digits)} | ${cell(plainP95!, unit, digits)} |`,
    );
  const MB = 2 ** 20;
  // [label, key, statistic, unit, scale, digits]: one row each, library next to plain DOM.
  const FIGURES: [string, string, typeof median, string, number, number][] = [
    ['JS+CSS before first render (gzip)', 'initialGzipBytes', median, 'KB', 1024, 1],
    [
      'JS+CSS until ready, with definition and validator (gzip)',
      'readyGzipBytes',
      median,
      'KB',
      1024,
      1,
    ],
    ['definition set → painted', 'setToPaintedMs', median, 'ms', 1, 1],
    ['definition set → every question rendered', 'setToCompleteMs', median, 'ms', 1, 1],
    ['navigation → ready and painted', 'loadPaintedMs', median, 'ms', 1, 1],
    ['keystroke → next frame, median', 'keystrokeMedianMs', median, 'ms', 1, 1],
    ['keystroke → next frame, p95', 'keystrokeP95Ms', p95, 'ms', 1, 1],
    ['main-thread task time per keystroke', 'mainThreadPerKeystrokeMs', median, 'ms', 1, 2],
    ['… of it script, style and layout', 'pageWorkPerKeystrokeMs', median, 'ms', 1, 2],
    ['JS heap after render (after GC)', 'heapBytes', median, 'MB', MB, 2],
    ['step navigation (10 steps)', 'stepNavigationMs', median, 'ms', 1, 1],
    ['precompiled validator (gzip)', 'validatorGzipBytes', median, 'KB', 1024, 1],
    ['full validation, precompiled validator', 'validateMs', median, 'ms', 1, 3],
    ['validate() of valid answers (public)', 'publicValidateMs', median, 'ms', 1, 3],
    ['submit → before-submit (all steps validated)', 'submitValidationMs', median, 'ms', 1, 2],
    ['phone: navigation → ready and painted', 'phoneLoadPaintedMs', median, 'ms', 1, 0],
    ['phone: first keystroke → next frame', 'phoneFirstKeystrokeMs', median, 'ms', 1, 1],
  ];
  for (const { n, lib, plain } of rows) {
    for (const [label, key, stat, unit, scale, digits] of FIGURES) {
      if (!lib[key] && !plain[key]) continue;
      // Times vary from run to run on a shared machine: their p95 over the runs goes alongside.
      const spread = unit === 'ms' && stat === median;
      figure(
        n,
        label,
        [stat(lib[key]) / scale, stat(plain[key]) / scale],
        spread ? [p95(lib[key]) / scale, p95(plain[key]) / scale] : [NaN, NaN],
        unit,
        digits,
      );
    }
  }
  lines.push('', `Whole library (every JS file in dist/, gzip): ${kb(library.all)} KB.`, '');

  // How each figure grows with the number of fields (medians, largest size over smallest).
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last && first !== last) {
    lines.push(
      `## Growth from ${first.n} to ${last.n} fields (${last.n / first.n}× the fields)`,
      '',
      '| figure | ozg-forms | plain DOM |',
      '| --- | ---: | ---: |',
    );
    for (const [label, key, stat] of FIGURES) {
      const grow = (kind: 'lib' | 'plain') => stat(last[kind][key]) / stat(first[kind][key]);
      const show = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : '');
      if (Number.isFinite(grow('lib')))
        lines.push(`| ${label} | ${show(grow('lib'))} | ${show(grow('plain'))} |`);
    }
    lines.push('');
  }

  // Targets (DESIGN.md; issue #20 sharpened them).
  const at = (n: number) => rows.find((r) => r.n === n);
  const checks: [string, boolean | undefined, string][] = [];
  const ratioOf = (r: Row, key: string) => median(r.lib[key]) / median(r.plain[key]);
  const initial = Math.max(...rows.map((r) => median(r.lib.initialGzipBytes)));
  checks.push(['≤ 30 KB gzip before first render', initial <= 30 * 1024, `${kb(initial)} KB`]);
  for (const [n, limit] of [
    [1000, 1.5],
    [5000, 2],
  ] as const) {
    const r = at(n);
    if (!r) continue;
    const ratio = ratioOf(r, 'setToPaintedMs');
    checks.push([
      `${n} fields render within ${limit}× plain DOM`,
      ratio <= limit,
      `${ratio.toFixed(2)}×`,
    ]);
  }
  const r1000 = at(1000);
  if (r1000) {
    const heap = (median(r1000.lib.heapBytes) - median(r1000.plain.heapBytes)) / 2 ** 20;
    checks.push(['heap after 1000 fields ≤ 4 MB above plain', heap <= 4, `${heap.toFixed(2)} MB`]);
    const validate = median(r1000.lib.publicValidateMs);
    checks.push([
      'validate() of 1000 valid fields ≤ 2 ms',
      validate <= 2,
      `${validate.toFixed(3)} ms`,
    ]);
    // Submitting validates what validate() does, and walks every step for the error summary's
    // order only when there is an error: nothing beyond it but the request.
    const submit = median(r1000.lib.submitValidationMs);
    checks.push([
      'submit → before-submit ≤ validate() + 2 ms at 1000',
      submit <= validate + 2,
      `${submit.toFixed(2)} ms`,
    ]);
  }
  for (const r of rows) {
    const bytes = median(r.lib.validatorGzipBytes);
    if (r.n < 1000 || !Number.isFinite(bytes)) continue;
    const perThousand = (bytes / r.n) * 1000;
    checks.push([
      `precompiled validator ≤ 15 KB gzip per 1000 fields at ${r.n}`,
      perThousand <= 15 * 1024,
      `${kb(perThousand)} KB per 1000`,
    ]);
  }
  for (const n of [1000, 5000]) {
    const r = at(n);
    if (!r) continue;
    const ratio = ratioOf(r, 'keystrokeMedianMs');
    checks.push([
      `keystroke → next frame ≤ 1.2× plain at ${n}`,
      ratio <= 1.2,
      `${ratio.toFixed(2)}×`,
    ]);
    const main = median(r.lib.mainThreadPerKeystrokeMs);
    checks.push([
      `main-thread time per keystroke ≤ 15 ms at ${n}`,
      main <= 15,
      `${main.toFixed(2)} ms`,
    ]);
  }
  for (const n of PHONE_SIZES) {
    const r = at(n);
    if (!r) continue;
    for (const [key, label] of [
      ['phoneLoadPaintedMs', 'navigation → ready and painted'],
      ['phoneFirstKeystrokeMs', 'first keystroke → next frame'],
    ] as const) {
      const ratio = ratioOf(r, key);
      checks.push([`phone: ${label} ≤ 1.5× plain at ${n}`, ratio <= 1.5, `${ratio.toFixed(2)}×`]);
    }
  }
  lines.push('## Targets', '', '| target | met | measured |', '| --- | --- | ---: |');
  for (const [name, ok, value] of checks)
    lines.push(`| ${name} | ${ok ? 'yes' : '**no**'} | ${value} |`);
  const text = lines.join('\n') + '\n';
  console.log(text);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    join(root, `bench/results/${stamp}.json`),
    JSON.stringify({ machine, runs: RUNS, rows, library }, null, 2),
  );
  writeFileSync(join(root, 'bench/RESULTS.md'), text);
}

await main();
