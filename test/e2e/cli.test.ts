/**
 * The package's command (`npx ozg-forms`, src/cli) through its entry `run`: what it says and the
 * exit status for each way a web team can call it. The installed command itself is tried in
 * package-app.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, USAGE } from '../../src/cli/main.js';
import { root } from './helpers.js';

async function call(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'ozg-cli-'));
const valid = join(dir, 'lange-seite.json');
writeFileSync(valid, readFileSync(join(root, 'test/fixtures/long-step.json'), 'utf8'));

test('without a command, or a wrong one, it prints the usage and exits with 2', async () => {
  for (const args of [
    [],
    ['frobnicate'],
    ['check'],
    ['precompile'],
    ['precompile', 'a', 'b', 'c'],
  ]) {
    const result = await call(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.ok(result.err.endsWith(USAGE), args.join(' '));
  }
  const option = await call('check', '--fix', valid);
  assert.equal(option.status, 2);
  assert.match(option.err, /^Unknown option --fix/);
  const help = await call('--help');
  assert.deepEqual([help.status, help.out], [0, USAGE]);
});

test('check names every problem of every file by pointer, and exits with 1 if any has one', async () => {
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ id: 'x', steps: {} }));
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ "id": ');
  const result = await call('check', valid, broken, notJson, join(dir, 'missing.json'));
  assert.equal(result.status, 1);
  assert.equal(result.out, `${valid}: valid ("lange-seite" 1.0.0)`);
  assert.match(result.err, new RegExp(`${broken}: \\d+ problems\\n {2}/version: is missing`));
  assert.match(result.err, /\/steps: must be of type array/);
  assert.match(result.err, new RegExp(`${notJson}: 1 problem\\n {2}/: is not valid JSON`));
  assert.match(result.err, /missing\.json: cannot be read \(ENOENT\)/);
  assert.equal((await call('check', valid)).status, 0);
});

test('precompile writes the module beside the definition, or where it is told; nothing for a broken one', async () => {
  const result = await call('precompile', valid);
  assert.equal(result.status, 0, result.err);
  const module = join(dir, 'lange-seite.validator.js');
  assert.equal(result.out, `Wrote ${module}`);
  const code = readFileSync(module, 'utf8');
  assert.match(code, /^\/\/ Precompiled validators of "lange-seite" 1\.0\.0/);
  assert.match(code, /export const definitionDigest = "[\w-]+";\n$/);
  // Self-contained: it imports nothing (the page loads it as one module).
  assert.doesNotMatch(code, /\bimport\b/);
  const elsewhere = join(dir, 'out.js');
  assert.equal((await call('precompile', valid, elsewhere)).status, 0);
  assert.equal(readFileSync(elsewhere, 'utf8'), code);

  const broken = join(dir, 'hostile.json');
  const definition = JSON.parse(readFileSync(valid, 'utf8')) as {
    schema: { properties: { f0: { pattern?: string; maxLength?: number } } };
  };
  Object.assign(definition.schema.properties.f0, { pattern: String.raw`^(a+)+$`, maxLength: 100 });
  writeFileSync(broken, JSON.stringify(definition));
  const refused = await call('precompile', broken);
  assert.equal(refused.status, 1);
  assert.match(refused.err, /\/schema\/properties\/f0\/pattern: can backtrack catastrophically/);
  assert.ok(!existsSync(join(dir, 'hostile.validator.js')));
  const unwritable = await call('precompile', valid, join(dir, 'no/such/dir/x.js'));
  assert.equal(unwritable.status, 1);
  assert.match(unwritable.err, /cannot be written \(ENOENT\)/);
});
