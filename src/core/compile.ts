/**
 * Compiling a definition's validators with ajv: at build time into standalone ES modules (no
 * `new Function` at run time, so built-in definitions pass a strict CSP), or at run time where
 * `unsafe-eval` is allowed (the server; pages that load an uncompiled definition).
 */
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import { createAjv, refOf, schemaId } from './ajv.js';
import { SchemaModel } from './schema.js';
import type { CompiledValidators, ValidateFunction } from './validator.js';
import type { Definition, SchemaObject } from './types.js';

const RUNTIME_MARK = '@ozg-forms/runtime';

/** Keywords that only annotate: validation never reads them. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'default']);
/** Keywords whose object values are maps from names to schemas. */
const NAMED = new Set(['properties', '$defs', 'dependentSchemas', 'patternProperties']);
/** Keywords whose values are data, not schemas. */
const DATA = new Set(['const', 'enum', 'required', 'dependentRequired']);

/**
 * The schema as validation needs it: texts and UI hints left out, so the validator (which embeds
 * its schema) carries no copy of them. Structure and pointers stay the same.
 */
export function validationSchema(schema: unknown, names = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => validationSchema(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (names) out[key] = validationSchema(value);
    else if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    else if (DATA.has(key)) out[key] = value;
    else out[key] = validationSchema(value, NAMED.has(key));
  }
  return out;
}

function load(definition: Definition, source: boolean) {
  const ajv = createAjv(
    source
      ? { code: { source: true, esm: true, formats: _`require(${RUNTIME_MARK}).formats` } }
      : {},
  );
  const id = schemaId(definition.id);
  ajv.addSchema({ ...(validationSchema(definition.schema) as SchemaObject), $id: id });
  const conditions = new SchemaModel(definition, () => false).conditionPointers();
  return { ajv, id, conditions };
}

/** Compiles at run time (needs `unsafe-eval` in a browser). */
export function compileDefinition(definition: Definition): CompiledValidators {
  const { ajv, id, conditions } = load(definition, false);
  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`Cannot compile ${ref}`);
    return fn as unknown as ValidateFunction;
  };
  return {
    validate: get(id),
    conditions: Object.fromEntries(conditions.map((p) => [p, get(refOf(definition.id, p))])),
  };
}

/** Compiles a schema that is not a definition (e.g. the meta-schema) at run time. */
export function compileSchema(schema: SchemaObject): ValidateFunction {
  return createAjv().compile(schema) as unknown as ValidateFunction;
}

const KNOWN_REQUIRES: Record<string, string> = {
  [`require("${RUNTIME_MARK}").formats`]: '__rt.formats',
  'require("ajv/dist/runtime/ucs2length").default': '__rt.ucs2length',
  'require("ajv/dist/runtime/equal").default': '__rt.equal',
};

function esmOnly(code: string, runtimeImport: string): string {
  let out = code.replace(/require\("[^"]+"\)(\.\w+)?/g, (match) => {
    const replacement = KNOWN_REQUIRES[match];
    if (!replacement)
      throw new Error(`The generated validator needs an unsupported helper: ${match}`);
    return replacement;
  });
  out = out.replace(/^"use strict";/, '');
  return `import * as __rt from ${JSON.stringify(runtimeImport)};\n${out}\n`;
}

/**
 * The source of an ES module exporting `validate` and `conditions` (see `CompiledValidators`),
 * importing its few helpers from `runtimeImport` (the path of src/core/runtime).
 */
export function standaloneValidators(definition: Definition, runtimeImport: string): string {
  const { ajv, id, conditions } = load(definition, true);
  const refs: Record<string, string> = { validate: id };
  const names: string[] = [];
  conditions.forEach((pointer, i) => {
    refs[`condition${i}`] = refOf(definition.id, pointer);
    names.push(`${JSON.stringify(pointer)}: condition${i}`);
  });
  const code = esmOnly(standaloneCode(ajv, refs), runtimeImport);
  return `${code}export const conditions = {${names.join(', ')}};\n`;
}

/** The source of an ES module exporting `validate` for a plain schema. */
export function standaloneSchema(schema: SchemaObject, runtimeImport: string): string {
  const ajv = createAjv({
    code: { source: true, esm: true, formats: _`require(${RUNTIME_MARK}).formats` },
  });
  const validate = ajv.compile(schema);
  return esmOnly(standaloneCode(ajv, validate), runtimeImport);
}
