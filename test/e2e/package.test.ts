/**
 * What the package ships (`npm pack`): the built code and its types, the licence text, the docs the
 * README links to, the schema — and not the source maps, which point at sources it does not ship.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

test('the tarball holds the code, its types, the licence and every doc the README links to', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as [{ files: { path: string }[] }];
  const files = new Set(packed.files.map((f) => f.path));
  for (const file of [
    'LICENSE',
    'README.md',
    'package.json',
    'custom-elements.json',
    'dist/ozg-forms.js',
    'dist/core.js',
    'dist/types/index.d.ts',
    'schema/definition.schema.json',
  ])
    assert.ok(files.has(file), `${file} is shipped`);
  assert.deepEqual(
    [...files].filter((f) => f.endsWith('.map')),
    [],
    'no source maps of unshipped sources',
  );
  assert.deepEqual(
    [...files].filter((f) => f.startsWith('docs/research/')),
    [],
    'research notes stay in the repository',
  );
  const linked = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\((docs\/[^)#]+)/g)];
  assert.ok(linked.length > 0);
  for (const [, doc] of linked) assert.ok(files.has(doc!), `the README links ${doc}, shipped`);
});

test('the licence the package declares is the one its LICENSE holds', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string };
  assert.equal(pkg.license, 'EUPL-1.2');
  assert.match(
    readFileSync(join(root, 'LICENSE'), 'utf8'),
    /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/,
  );
});

test("what dist bundles is not installed a second time: the command's native tools only, Lit only for the types", () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    bin?: Record<string, string>;
  };
  // esbuild and recheck run native programs: the command (`npx ozg-forms`) needs them installed.
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}).sort(), ['esbuild', 'recheck']);
  assert.deepEqual(Object.keys(pkg.peerDependencies ?? {}).sort(), ['@lit/localize', 'lit']);
  assert.deepEqual(pkg.bin, { 'ozg-forms': './dist/cli/ozg-forms.js' });
  // Which holds because the browser's modules import nothing by a bare name, and the command
  // nothing but those two and Node's own modules.
  const bare: string[] = [];
  const dist = join(root, 'dist');
  for (const file of readdirSync(dist, { recursive: true }) as string[]) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    // The command is not minified: its imports are the statements that begin a line.
    const imports = file.startsWith('cli/')
      ? /^(?:import|export)\b[^;]*?from\s*["']([^"'./][^"']*)["']|\bimport\(\s*["']([^"'./][^"']*)["']\)/gm
      : /(?:from|import)\s*["']([^"'./][^"']*)["']()/g;
    for (const [, fromName, dynamicName] of code.matchAll(imports)) {
      const name = fromName ?? dynamicName;
      if (file.startsWith('cli/') && (/^node:/.test(name!) || pkg.dependencies?.[name!])) continue;
      bare.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(bare, []);
});

test("the bundled code's licences are shipped beside it", () => {
  for (const [file, names] of [
    ['dist/THIRD-PARTY-LICENSES.md', ['lit-html', 'ajv']],
    ['dist/cli/THIRD-PARTY-LICENSES.md', ['ajv', 'fast-uri']],
  ] as const) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const name of names) assert.match(text, new RegExp(`## ${name}`), `${file} names ${name}`);
  }
});
