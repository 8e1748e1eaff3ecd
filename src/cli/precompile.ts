/**
 * The commands of `npx ozg-forms` as functions: checking a definition and precompiling it into a
 * self-contained validator module, so a page with a strict Content-Security-Policy (no
 * 'unsafe-eval', Trusted Types) can use a definition that is not built in. Node only: it reads the
 * meta-schema from the package's `schema/` and runs the ReDoS analysis (recheck) and esbuild.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileSchema, standaloneValidators } from '../core/compile.js';
import { checkDefinition, parseDefinitionJson } from '../core/definition.js';
import { definitionDigest } from '../core/digest.js';
import { recheck } from '../core/redos.js';
import type { Definition, SchemaObject } from '../core/types.js';

/**
 * The package's meta-schema: `schema/` is two levels up both from `src/cli/` and from the built
 * `dist/cli/`.
 */
const META_SCHEMA = new URL('../../schema/definition.schema.json', import.meta.url);

let meta: ReturnType<typeof compileSchema> | undefined;

/**
 * The whole check of a definition's JSON text — size, JSON, meta-schema, semantic rules, every
 * pattern through the ReDoS analysis — as the element and the reference server check it. Returns
 * the definition (a format-1 one migrated to format 2; the pointers are the same) or throws a
 * `DefinitionError` whose `problems` name each place by JSON pointer.
 */
export function check(definitionJson: string): { source: unknown; definition: Definition } {
  meta ??= compileSchema(JSON.parse(readFileSync(META_SCHEMA, 'utf8')) as SchemaObject);
  const source = parseDefinitionJson(definitionJson);
  return { source, definition: checkDefinition(source, meta, recheck) };
}

/**
 * The validator module of a definition (after the whole check): the application's validators and,
 * if it has one, the quick-check's, bundled with their few run-time helpers from `runtime` (the
 * path of `src/core/runtime`, built or not) and minified; with the fingerprint of the definition
 * as the page will load it (not migrated), so the element refuses a module compiled from another
 * definition and does not check one that matches again.
 */
export async function precompile(
  definitionJson: string,
  runtime = fileURLToPath(new URL('../core/runtime.ts', import.meta.url)),
): Promise<string> {
  const { source, definition } = check(definitionJson);
  const code = standaloneValidators(definition, runtime, 'form', true);
  const result = await build({
    stdin: {
      contents: code,
      loader: 'js',
      resolveDir: process.cwd(),
      sourcefile: `${definition.id}.validator.js`,
    },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const digest = await definitionDigest(source);
  return `// Precompiled validators of "${definition.id}" ${definition.version} (ozg-forms). Do not edit.\n${result.outputFiles[0]!.text}export const definitionDigest = ${JSON.stringify(digest)};\n`;
}
