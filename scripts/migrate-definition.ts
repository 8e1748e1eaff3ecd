/**
 * Writes a format-1 definition in format 2:
 *
 *   npm run migrate-definition -- path/to/definition.json [out.json]
 *
 * overwrites `definition.json` (or writes `out.json`). The definition is checked against the
 * format-1 meta-schema first, migrated (`migrateDefinition` in src/core/migrate.ts: `"format": 2`
 * is added, a `$schema` naming format 1's meta-schema names format 2's; nothing else changes, so
 * translations keyed by pointer still fit), and then checked as a whole — meta-schema, semantic
 * rules, patterns — before anything is written. A definition already in format 2 is only checked.
 * Exits with 1 and the pointers of the problems otherwise.
 *
 * The loaders migrate a format-1 definition in memory anyway; migrating the file makes the
 * format-2 keys (outcomes, parties, `delivery`, identity) available to its authors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileSchema } from '../src/core/compile.js';
import {
  checkDefinition,
  DefinitionError,
  metaProblems,
  parseDefinitionJson,
} from '../src/core/definition.js';
import { canonicalJson } from '../src/core/digest.js';
import { definitionFormat, migrateDefinition } from '../src/core/migrate.js';
import { recheck } from '../src/core/redos.js';
import type { SchemaObject } from '../src/core/types.js';

const metaSchema = (name: string) =>
  compileSchema(
    JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8')) as SchemaObject,
  );

/**
 * The JSON text as the repository's Prettier writes it — from compact JSON, so that what fits on
 * a line stays on one — or indented JSON where Prettier is not installed.
 */
async function formatted(value: unknown, file: string | undefined): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (file ? await prettier.resolveConfig(file) : null) ?? {};
    return await prettier.format(JSON.stringify(value), { ...options, parser: 'json' });
  } catch {
    return JSON.stringify(value, null, 2) + '\n';
  }
}

/**
 * The text of the definition in format 2, and whether it was migrated (false: it was format 2
 * already and is returned as given). Throws a `DefinitionError` naming every problem.
 */
export async function migrateDefinitionText(
  json: string,
  file?: string,
): Promise<{ text: string; migrated: boolean }> {
  const source = parseDefinitionJson(json);
  if (definitionFormat(source) === 2) {
    checkDefinition(source, metaSchema('definition.schema.json'), recheck);
    return { text: json, migrated: false };
  }
  const v1 = metaProblems(migrateDefinitionSafe(source), metaSchema('definition.v1.schema.json'));
  if (v1.length > 0)
    throw new DefinitionError(v1, 'The definition is not a valid format-1 definition.');
  const migrated = checkDefinition(source, metaSchema('definition.schema.json'), recheck);
  return {
    text: inPlace(json, source, migrated) ?? (await formatted(migrated, file)),
    migrated: true,
  };
}

/**
 * The migration written into the author's own text (their line breaks kept): `"format": 2` as the
 * first key, and the `$schema` value replaced where it changed. `undefined` when the text does not
 * parse to exactly the migrated definition afterwards (then it is written anew).
 */
function inPlace(json: string, source: unknown, migrated: unknown): string | undefined {
  const open = /^\s*\{([ \t]*\r?\n([ \t]*))?/.exec(json);
  if (!open) return undefined;
  const indent = open[2] ?? ' ';
  const newline = open[1] === undefined ? ' ' : open[1].includes('\r') ? '\r\n' : '\n';
  let text =
    json.slice(0, open[0].length) +
    `"format": 2,${newline}${indent}` +
    json.slice(open[0].length).replace(/^[ \t]*/, '');
  const before = (source as { $schema?: unknown }).$schema;
  const after = (migrated as { $schema?: unknown }).$schema;
  if (before !== after) {
    const old = `"$schema": ${JSON.stringify(before)}`;
    if (text.split(old).length !== 2) return undefined;
    text = text.replace(old, () => `"$schema": ${JSON.stringify(after)}`);
  }
  try {
    return canonicalJson(JSON.parse(text)) === canonicalJson(migrated) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The source as format 1's meta-schema sees it: without `format: 1` (format 1 had no such key),
 * after the check that it uses nothing of format 2 (which `migrateDefinition` throws for).
 */
function migrateDefinitionSafe(source: unknown): unknown {
  migrateDefinition(source);
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return source;
  const rest = { ...(source as Record<string, unknown>) };
  delete rest.format;
  return rest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('Usage: npm run migrate-definition -- definition.json [out.json]');
    process.exit(2);
  }
  const target = output ?? input;
  try {
    const { text, migrated } = await migrateDefinitionText(readFileSync(input, 'utf8'), target);
    if (!migrated && target === input) console.log(`${input} is in format 2 already.`);
    else {
      writeFileSync(target, text);
      console.log(
        migrated
          ? `Wrote ${target} in format 2.`
          : `${input} is in format 2 already; copied to ${target}.`,
      );
    }
  } catch (error) {
    console.error(error instanceof DefinitionError ? error.message : error);
    process.exit(1);
  }
}
