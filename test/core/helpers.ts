import { readFileSync } from 'node:fs';
import * as compiled from '../../src/definitions/generated/einbuergerung.js';
import { compileDefinition, compileSchema } from '../../src/core/compile.js';
import type { CompiledValidators } from '../../src/core/validator.js';
import { recheck } from '../../src/core/redos.js';
import {
  checkDefinition,
  createValidator,
  DefinitionError,
  SchemaModel,
  type Definition,
} from '../../src/core/index.js';

export const einbuergerung = compiled.definition as Definition;
export const validator = createValidator(compiled);
export const model = () => new SchemaModel(einbuergerung, validator.test);

export function sample(): Record<string, any> {
  return JSON.parse(
    readFileSync(new URL('../fixtures/einbuergerung-sample.json', import.meta.url), 'utf8'),
  );
}

/** The format-2 meta-schema, compiled. */
export const meta = compileSchema(
  JSON.parse(readFileSync(new URL('../../schema/definition.schema.json', import.meta.url), 'utf8')),
);

/** A fixture definition (test/fixtures/<name>.json), checked and compiled as the server does. */
export function fixture(name: 'appointment' | 'two-party') {
  const definition = checkDefinition(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')),
    meta,
    recheck,
  );
  const validator = createValidator(compileDefinition(definition));
  return { definition, validator, model: new SchemaModel(definition, validator.test) };
}

/** The problems `checkDefinition` finds, as `pointer message` lines (none: `[]`). */
export function problemsOf(definition: unknown): string[] {
  try {
    checkDefinition(definition, meta, recheck);
    return [];
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    return error.problems.map((p) => `${p.pointer} ${p.message}`);
  }
}

/** A built-in definition as the tests use it: checked module, validator, model, English texts. */
export function builtIn(compiled: CompiledValidators & { definition: unknown }) {
  const definition = compiled.definition as Definition;
  const validator = createValidator(compiled);
  const english = JSON.parse(
    readFileSync(
      new URL(`../../locales/definitions/${definition.id}.en.json`, import.meta.url),
      'utf8',
    ),
  ) as Record<string, string>;
  return { definition, validator, model: new SchemaModel(definition, validator.test), english };
}
