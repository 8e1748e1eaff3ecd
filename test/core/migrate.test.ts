/**
 * Definition formats: a definition without `format` is format 1, migrated to format 2 when it is
 * checked (and written in format 2 by scripts/migrate-definition.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSchema } from '../../src/core/compile.js';
import { definitionDigest } from '../../src/core/digest.js';
import {
  checkDefinition,
  DEFINITION_FORMAT,
  META_SCHEMA_IDS,
  metaProblems,
  migrateDefinition,
  setAt,
  type Definition,
} from '../../src/core/index.js';
import { recheck } from '../../src/core/redos.js';
import { migrateDefinitionText } from '../../scripts/migrate-definition.js';
import { precompile } from '../../scripts/precompile.js';
import { einbuergerung, meta, problemsOf } from './helpers.js';

const root = new URL('../..', import.meta.url).pathname;
const metaV1 = compileSchema(
  JSON.parse(readFileSync(join(root, 'schema/definition.v1.schema.json'), 'utf8')),
);

/** The Einbürgerung without what only format 2 has (the proof its quick-check names). */
function inFormatOneTerms(): Definition {
  const copy = structuredClone(einbuergerung);
  for (const criterion of copy.quickCheck!.criteria) {
    delete criterion.proof;
    delete criterion.documents;
  }
  return copy;
}

/** The Einbürgerung as it was written in format 1 (no `format`). */
function formatOne(): Record<string, unknown> {
  const copy = inFormatOneTerms() as unknown as Record<string, unknown>;
  delete copy.format;
  return copy;
}

test('the built-in definition is in format 2', () => {
  assert.equal(einbuergerung.format, DEFINITION_FORMAT);
  assert.deepEqual(problemsOf(einbuergerung), []);
});

test('a format-1 definition is accepted, migrated to format 2 with the same pointers', () => {
  const v1 = formatOne();
  assert.deepEqual(metaProblems(v1, metaV1), [], 'a valid format-1 definition');
  const checked = checkDefinition(v1, meta, recheck);
  assert.equal(checked.format, 2);
  assert.deepEqual(checked, inFormatOneTerms());
  assert.equal(v1.format, undefined, 'the given object is not changed');
  // "format": 1 said out loud is format 1 too.
  assert.equal(checkDefinition({ ...v1, format: 1 }, meta, recheck).format, 2);
});

test('a format-1 definition with a broken rule is refused at the same pointer as ever', () => {
  const broken = setAt(formatOne(), '/steps/1/fields/0', '/nowhere');
  assert.deepEqual(problemsOf(broken), [
    '/steps/1/fields/0 points to no property of the schema: /nowhere',
    '/schema/properties/residence is shown by no step',
  ]);
});

test('format-2 keys without "format": 2 are named, not migrated', () => {
  const cases: [string, unknown, string][] = [
    ['/parties', [{ id: 'applicant', title: 'A' }], '/parties'],
    ['/identity', { attributes: { familyName: '/person/familyName' } }, '/identity'],
    ['/steps/0/party', 'applicant', '/steps/0/party'],
    ['/documents/0/delivery', 'bring', '/documents/0/delivery'],
    ['/outcome', [{ type: 'submission' }], '/outcome'],
    ['/outcome', { type: 'appointment', checklist: [] }, '/outcome/type'],
    ['/quickCheck/criteria/0/proof', 'Ihr Pass.', '/quickCheck/criteria/0/proof'],
    ['/quickCheck/criteria/0/documents', ['reisepass'], '/quickCheck/criteria/0/documents'],
  ];
  for (const [pointer, value, named] of cases) {
    const found = problemsOf(setAt(formatOne(), pointer, value));
    assert.deepEqual(found, [`${named} belongs to format 2: add "format": 2 at the top`], pointer);
  }
});

test('the $schema of a migrated definition names the format-2 meta-schema', () => {
  const cases: [unknown, unknown][] = [
    [META_SCHEMA_IDS[1], META_SCHEMA_IDS[2]],
    ['../../schema/definition.v1.schema.json', '../../schema/definition.schema.json'],
    ['../../schema/definition.schema.json', '../../schema/definition.schema.json'],
    ['https://example.de/eigenes-schema.json', 'https://example.de/eigenes-schema.json'],
  ];
  for (const [given, expected] of cases) {
    const migrated = migrateDefinition({ ...formatOne(), $schema: given }) as Definition;
    assert.equal(migrated.$schema, expected);
    assert.deepEqual(Object.keys(migrated).slice(0, 2), ['$schema', 'format']);
  }
});

test('migration leaves format 2, unknown formats and non-objects as they are', () => {
  assert.equal(migrateDefinition(einbuergerung), einbuergerung);
  const unknown = { ...einbuergerung, format: 3 };
  assert.equal(migrateDefinition(unknown), unknown);
  assert.deepEqual(problemsOf(unknown), ['/format must be 2']);
  assert.equal(migrateDefinition('x'), 'x');
  assert.equal(migrateDefinition(null), null);
});

test('the format-1 meta-schema is kept, and refuses what only format 2 has', () => {
  const withParties = setAt(formatOne(), '/parties', [{ id: 'a', title: 'A' }]);
  assert.deepEqual(
    metaProblems(withParties, metaV1).map((p) => `${p.pointer} ${p.message}`),
    ['/parties is not a known keyword or property here'],
  );
});

test('the migration script: the author’s text with one line more, checked, and idempotent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-forms-migrate-'));
  const v1Text = JSON.stringify(formatOne(), null, 2) + '\n';
  const input = join(dir, 'definition.json');
  const output = join(dir, 'migrated.json');
  writeFileSync(input, v1Text);
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/migrate-definition.ts'), ...args],
      { encoding: 'utf8' },
    );
  const first = run(input, output);
  assert.equal(first.status, 0, first.stderr);
  const written = readFileSync(output, 'utf8');
  assert.deepEqual(JSON.parse(written), checkDefinition(formatOne(), meta, recheck));
  assert.equal(written, v1Text.replace('{\n', '{\n  "format": 2,\n'), 'only the format line added');
  assert.equal(readFileSync(input, 'utf8'), v1Text, 'the input is not touched with an output');
  // Again: it is format 2 now, and stays as it is.
  const again = await migrateDefinitionText(written);
  assert.deepEqual(again, { text: written, migrated: false });
  // In place, without an output.
  assert.equal(run(input).status, 0);
  assert.equal(readFileSync(input, 'utf8'), written);
  // A definition that is not valid is refused with its pointer, and nothing is written.
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify(setAt(formatOne(), '/steps/0/party', 'employer')));
  const refused = run(broken);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /\/steps\/0\/party: belongs to format 2/);
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, JSON.stringify(setAt(formatOne(), '/version', 1)));
  const refusedToo = run(invalid);
  assert.equal(refusedToo.status, 1);
  assert.match(
    refusedToo.stderr,
    /not a valid format-1 definition[\s\S]*\/version: must be of type string/,
  );
  assert.equal(JSON.parse(readFileSync(invalid, 'utf8')).version, 1);
});

test('a format-1 definition precompiles with the fingerprint of the file the page loads', async () => {
  const v1 = formatOne();
  const module = await precompile(JSON.stringify(v1));
  const digest = /export const definitionDigest = "([0-9a-f]{64})"/.exec(module)?.[1];
  assert.equal(digest, await definitionDigest(v1));
  assert.notEqual(digest, await definitionDigest(checkDefinition(v1, meta, recheck)));
});
