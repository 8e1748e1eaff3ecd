/**
 * Compiling a definition's validators with ajv: at build time into standalone ES modules (no
 * `new Function` at run time, so built-in definitions pass a strict CSP), or at run time where
 * `unsafe-eval` is allowed (the server; pages that load an uncompiled definition).
 */
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import {
  checklistConditionName,
  createAjv,
  criteriaSchemaId,
  documentsSchemaId,
  feeConditionName,
  feesSchemaId,
  outcomesSchemaId,
  quickCheckSchemaId,
  refOf,
  schemaId,
  whenName,
} from './ajv.js';
import { outcomesOf } from './outcome.js';
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

type Part = 'form' | 'quickCheck';

function createCompiler(source: boolean) {
  return createAjv(
    source
      ? { code: { source: true, esm: true, formats: _`require(${RUNTIME_MARK}).formats` } }
      : {},
  );
}

/**
 * Adds a part's schemas to `ajv`; returns the ref of its validator and the pointers of its
 * conditions (the definition pointers a `ConditionTest` is asked about).
 */
function addPart(ajv: Ajv2020, definition: Definition, part: Part) {
  if (part === 'form') {
    const id = schemaId(definition.id);
    ajv.addSchema({ ...(validationSchema(definition.schema) as SchemaObject), $id: id });
    const conditions = new SchemaModel(definition, () => false).conditionPointers();
    // The fee items' conditions are tested on the same data: they travel with the form's validator.
    const $defs: Record<string, unknown> = {};
    definition.fees?.items.forEach((item, i) => {
      for (const kind of ['when', 'where'] as const) {
        if (!item[kind]) continue;
        $defs[feeConditionName(i, kind)] = validationSchema(item[kind]);
        conditions.push(`/fees/items/${i}/${kind}`);
      }
    });
    if (Object.keys($defs).length > 0) ajv.addSchema({ $id: feesSchemaId(definition.id), $defs });
    // The documents' conditions too: which evidence is asked for depends on the same answers.
    const documents: Record<string, unknown> = {};
    definition.documents?.forEach((requirement, i) => {
      if (!requirement.when) return;
      documents[`d${i}`] = validationSchema(requirement.when);
      conditions.push(`/documents/${i}/when`);
    });
    if (Object.keys(documents).length > 0)
      ajv.addSchema({ $id: documentsSchemaId(definition.id), $defs: documents });
    // And an appointment's checklist (format 2): what to bring depends on them too.
    const checklists: Record<string, unknown> = {};
    outcomesOf(definition).forEach((outcome, i) => {
      if (outcome.type !== 'appointment') return;
      const base = Array.isArray(definition.outcome) ? `/outcome/${i}` : '/outcome';
      outcome.checklist.forEach((item, j) => {
        if (!item.when) return;
        checklists[checklistConditionName(i, j)] = validationSchema(item.when);
        conditions.push(`${base}/checklist/${j}/when`);
      });
    });
    if (Object.keys(checklists).length > 0)
      ajv.addSchema({ $id: outcomesSchemaId(definition.id), $defs: checklists });
    return { id, conditions };
  }
  const quickCheck = definition.quickCheck;
  if (!quickCheck) throw new Error(`The definition ${definition.id} has no quick-check`);
  const id = quickCheckSchemaId(definition.id);
  ajv.addSchema({ ...(validationSchema(quickCheck.schema) as SchemaObject), $id: id });
  const $defs: Record<string, unknown> = {};
  quickCheck.criteria.forEach((criterion, i) =>
    criterion.rules.forEach((rule, j) => {
      if (rule.when) $defs[whenName(i, j)] = validationSchema(rule.when);
    }),
  );
  ajv.addSchema({ $id: criteriaSchemaId(definition.id), $defs });
  return { id, conditions: quickCheckConditionPointers(definition) };
}

/** Every condition a quick-check's validator must be able to test: its questions' `if`s and its rules' `when`s. */
export function quickCheckConditionPointers(definition: Definition): string[] {
  const quickCheck = definition.quickCheck;
  if (!quickCheck) return [];
  const pointers = new SchemaModel(
    definition,
    () => false,
    '/quickCheck/schema',
  ).conditionPointers();
  quickCheck.criteria.forEach((criterion, i) =>
    criterion.rules.forEach((rule, j) => {
      if (rule.when) pointers.push(`/quickCheck/criteria/${i}/rules/${j}/when`);
    }),
  );
  return pointers;
}

/** Compiles at run time (needs `unsafe-eval` in a browser). */
export function compileDefinition(definition: Definition, part: Part = 'form'): CompiledValidators {
  const ajv = createCompiler(false);
  const { id, conditions } = addPart(ajv, definition, part);
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
 * The source of an ES module exporting `validate` and `conditions` (see `CompiledValidators`) of
 * the application, or of the quick-check, importing its few helpers from `runtimeImport` (the
 * path of src/core/runtime). With `withQuickCheck`, a definition that has a quick-check also gets
 * `quickCheck: { validate, conditions }` in the same module (what `npx ozg-forms precompile` makes).
 */
export function standaloneValidators(
  definition: Definition,
  runtimeImport: string,
  part: Part = 'form',
  withQuickCheck = false,
): string {
  const ajv = createCompiler(true);
  const refs: Record<string, string> = {};
  const exports: string[] = [];
  const add = (which: Part, prefix: string) => {
    const { id, conditions } = addPart(ajv, definition, which);
    refs[`${prefix}validate`] = id;
    const names = conditions.map((pointer, i) => {
      refs[`${prefix}condition${i}`] = refOf(definition.id, pointer);
      return `${JSON.stringify(pointer)}: ${prefix}condition${i}`;
    });
    return `{${names.join(', ')}}`;
  };
  exports.push(`export const conditions = ${add(part, '')};`);
  if (withQuickCheck && part === 'form' && definition.quickCheck) {
    exports.push(
      `export const quickCheck = { validate: qc_validate, conditions: ${add('quickCheck', 'qc_')} };`,
    );
  }
  return `${esmOnly(standaloneCode(ajv, refs), runtimeImport)}${exports.join('\n')}\n`;
}

/** The source of an ES module exporting `validate` for a plain schema. */
export function standaloneSchema(schema: SchemaObject, runtimeImport: string): string {
  const ajv = createCompiler(true);
  const validate = ajv.compile(schema);
  return esmOnly(standaloneCode(ajv, validate), runtimeImport);
}
