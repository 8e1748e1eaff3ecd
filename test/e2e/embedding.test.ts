/**
 * The CMS snippets in docs/embedding.md name what the package has: the module they load exists in
 * `dist/`, and every attribute they set on an element is one of its attributes
 * (custom-elements.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.js';

const doc = readFileSync(join(root, 'docs/embedding.md'), 'utf8');
const blocks = [...doc.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('every snippet loads a module the package has', () => {
  const modules = blocks.flatMap((b) => [...b.matchAll(/dist\/([\w-]+\.js)/g)].map((m) => m[1]!));
  assert.ok(modules.length >= 4, 'one per CMS at least');
  for (const file of modules) assert.ok(existsSync(join(root, 'dist', file)), `dist/${file}`);
});

test('every attribute a snippet sets is one of the element’s', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
  };
  const known = new Map<string, Set<string>>();
  for (const m of manifest.modules)
    for (const d of m.declarations ?? [])
      if (d.tagName) known.set(d.tagName, new Set((d.attributes ?? []).map((a) => a.name)));
  let tags = 0;
  for (const block of blocks)
    for (const [, tag, attributes] of block.matchAll(
      /<(applicant-form|quick-check|payment-step|document-upload)\b([^>]*)>/g,
    )) {
      tags++;
      for (const [, name] of attributes!.matchAll(/([a-z-]+)=/g))
        assert.ok(known.get(tag!)?.has(name!), `<${tag} ${name}> is no attribute of the element`);
    }
  assert.ok(tags >= 5);
});
