/**
 * Precompiles a definition that is not built in into a self-contained validator module, so a page
 * with a strict Content-Security-Policy (no 'unsafe-eval') can use it:
 *
 *   npm run precompile -- path/to/definition.json [out.js]
 *
 * writes `path/to/definition.validator.js` (or `out.js`). Serve it from the page's own origin and
 * name it in the element: `<applicant-form definition="/forms/x.json" validator="/forms/x.validator.js">`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileSchema, standaloneValidators } from '../src/core/compile.js';
import { checkDefinition, DefinitionError, parseDefinitionJson } from '../src/core/definition.js';
import { definitionDigest } from '../src/core/digest.js';
import { recheck } from '../src/core/redos.js';
import type { SchemaObject } from '../src/core/types.js';

export async function precompile(definitionJson: string): Promise<string> {
  const meta = compileSchema(
    JSON.parse(
      readFileSync(new URL('../schema/definition.schema.json', import.meta.url), 'utf8'),
    ) as SchemaObject,
  );
  // The whole check, each pattern through the ReDoS analysis: the element trusts a module whose
  // fingerprint matches and checks nothing itself.
  const source = parseDefinitionJson(definitionJson);
  // A format-1 definition is checked (and compiled) migrated to format 2; the pointers are the same.
  const definition = checkDefinition(source, meta, recheck);
  const runtime = fileURLToPath(new URL('../src/core/runtime.ts', import.meta.url));
  // With the quick-check's validators, if it has one: one module serves both elements.
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
  });
  // The fingerprint of the definition this was compiled from, as the page will load it (not
  // migrated): the element refuses a validator that belongs to another definition, and skips
  // re-checking one that matches.
  const digest = await definitionDigest(source);
  return `// Precompiled validators of "${definition.id}" ${definition.version} (ozg-forms). Do not edit.\n${result.outputFiles[0]!.text}export const definitionDigest = ${JSON.stringify(digest)};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('Usage: npm run precompile -- definition.json [out.js]');
    process.exit(2);
  }
  const target = output ?? input.replace(/\.json$/, '') + '.validator.js';
  try {
    writeFileSync(target, await precompile(readFileSync(input, 'utf8')));
    console.log(`Wrote ${target}`);
  } catch (error) {
    console.error(error instanceof DefinitionError ? error.message : error);
    process.exit(1);
  }
}
