/**
 * The elements' style tokens, read from their `css` templates: every private property (`--_*`)
 * reads a public token (`--ozg-*`, or KERN's `--kern-*` in the KERN look), every one used is
 * declared where it is used, the KERN look maps every shared token onto KERN's, and every KERN
 * token it names is one KERN 2.7.2 declares (a misspelt name would silently fall back).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './helpers.js';

const src = join(root, 'src');
/** The CSS of each source file with `css` templates. */
const sheets = new Map<string, string>();
for (const file of readdirSync(src, { recursive: true }) as string[]) {
  if (!file.endsWith('.ts')) continue;
  const code = readFileSync(join(src, file), 'utf8');
  const css = [...code.matchAll(/\bcss`([^`]*)`/g)].map((m) => m[1]!).join('\n');
  if (css) sheets.set(relative(src, join(src, file)), css.replace(/\/\*[\s\S]*?\*\//g, ''));
}
const TOKENS = 'elements/shared/styles.ts';
const KERN = 'elements/shared/kern-look.ts';

/** `--_name: value;` declarations of a sheet, by name. */
function declarations(css: string): Map<string, string> {
  return new Map(
    [...css.matchAll(/(--_[\w-]+)\s*:\s*([^;}]+)/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')'),
    ]),
  );
}
const used = (css: string) => new Set([...css.matchAll(/var\(\s*(--_[\w-]+)/g)].map((m) => m[1]!));

test('the sheets are found: the shared tokens, the KERN look and the elements’ own', () => {
  assert.ok(sheets.has(TOKENS) && sheets.has(KERN), [...sheets.keys()].join(', '));
  assert.ok(sheets.size >= 8, [...sheets.keys()].join(', '));
});

test('every private property reads a public token', () => {
  const bad: string[] = [];
  for (const [file, css] of sheets)
    for (const [name, value] of declarations(css))
      if (!/var\(\s*--(ozg|kern)-/.test(value)) bad.push(`${file}: ${name}: ${value}`);
  assert.deepEqual(bad, []);
});

test('every private property used is declared by the shared tokens (or by the KERN look, used only there)', () => {
  const shared = declarations(sheets.get(TOKENS)!);
  const kern = declarations(sheets.get(KERN)!);
  const missing: string[] = [];
  for (const [file, css] of sheets)
    for (const name of used(css))
      if (!shared.has(name) && !(file === KERN && kern.has(name))) missing.push(`${file}: ${name}`);
  assert.deepEqual(missing, []);
});

test('the KERN look maps every shared token onto KERN’s (the public --ozg-* one still first)', () => {
  const shared = declarations(sheets.get(TOKENS)!);
  const kern = declarations(sheets.get(KERN)!);
  const unmapped: string[] = [];
  for (const [name, value] of shared) {
    if (name === '--_max-width') continue; // KERN has no measure for a form's width.
    const mapped = kern.get(name);
    const ozg = /var\(\s*(--ozg-[\w-]+)/.exec(value)![1]!;
    if (!mapped || !mapped.startsWith(`var(${ozg}, var(--kern-`))
      unmapped.push(`${name}: ${mapped}`);
  }
  assert.deepEqual(unmapped, []);
});

test('every KERN token named is one KERN 2.7.2 declares, the contextual one where KERN has it', () => {
  const kernCss = readFileSync(join(root, 'node_modules/@kern-ux/native/dist/kern.css'), 'utf8');
  const declared = new Set([...kernCss.matchAll(/(--kern-[\w-]+)\s*:/g)].map((m) => m[1]!));
  const named = new Set(
    [...sheets.values()].flatMap((css) =>
      [...css.matchAll(/var\(\s*(--kern-[\w-]+)/g)].map((m) => m[1]!),
    ),
  );
  assert.ok(named.size >= 20, `${named.size} KERN tokens read`);
  assert.deepEqual(
    [...named].filter((n) => !declared.has(n)),
    [],
    'not declared by KERN',
  );
  // A colour KERN's components take from the contextual family, so layers and dark contexts
  // switch it, is read from there too.
  assert.deepEqual(
    [...named].filter(
      (n) =>
        /^--kern-color-/.test(n) && !n.endsWith('-contextual') && declared.has(`${n}-contextual`),
    ),
    [],
    'colours read without their -contextual variant',
  );
});
