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
import { canonicalJson } from './digest.js';
import { outcomesOf } from './outcome.js';
import { isObject, joinPointer } from './pointer.js';
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

/** Keywords that make a schema more than one answer's rules (or let something point into it). */
const NOT_A_LEAF = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'dependentSchemas',
  'dependentRequired',
  'items',
  'prefixItems',
  'contains',
  'unevaluatedItems',
  'if',
  'then',
  'else',
  'allOf',
  '$ref',
  '$dynamicRef',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$defs',
]);

/** The pointers (within a schema) its own `$ref`s name: nothing is moved that they point at. */
function refTargets(schema: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) {
      for (const [key, sub] of Object.entries(value)) {
        if (
          (key === '$ref' || key === '$dynamicRef') &&
          typeof sub === 'string' &&
          sub.startsWith('#')
        )
          found.push(decodeURIComponent(sub.slice(1)));
        else walk(sub);
      }
    }
  };
  walk(schema);
  return found;
}

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * Questions of the same shape under one object validated by one piece of code: their validation
 * schemas (as `validationSchema` leaves them) move from `properties` into one `patternProperties`
 * entry matching exactly their names. Same rules, same errors and `instancePath`s — ajv's code
 * for `properties` repeats per name, for a pattern once (a generated form of 1000 fields: 46 KB
 * gzip of validator before, 15 KB after). What stays in place: a schema that is more than one
 * answer's rules (`NOT_A_LEAF`), one a `$ref` of `original` points at or into, and one with its
 * own `x-errorMessages` (an error names its rule's place, which such a message is looked up by).
 * `original` is the definition's schema the validation schema was made from, alongside.
 */
export function groupShapes(schema: unknown, original: unknown): unknown {
  const targets = refTargets(original);
  const pinned = (pointer: string) =>
    targets.some((t) => t === pointer || t.startsWith(`${pointer}/`));
  const walk = (node: unknown, source: unknown, pointer: string, names: boolean): unknown => {
    if (Array.isArray(node))
      return node.map((item, i) =>
        walk(item, Array.isArray(source) ? source[i] : undefined, joinPointer(pointer, i), false),
      );
    if (!isObject(node)) return node;
    const from = isObject(source) ? source : {};
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node))
      out[key] =
        DATA.has(key) && !names
          ? value
          : walk(value, from[key], joinPointer(pointer, key), !names && NAMED.has(key));
    if (names || !isObject(out.properties)) return out;
    const properties = out.properties;
    const originals = isObject(from.properties) ? from.properties : {};
    const shapes = new Map<string, string[]>();
    for (const [name, sub] of Object.entries(properties)) {
      if (!isObject(sub) || Object.keys(sub).some((k) => NOT_A_LEAF.has(k))) continue;
      if (JSON.stringify(originals[name] ?? null).includes('"x-errorMessages"')) continue;
      if (pinned(joinPointer(pointer, 'properties', name))) continue;
      const shape = canonicalJson(sub);
      shapes.set(shape, [...(shapes.get(shape) ?? []), name]);
    }
    const patterns: Record<string, unknown> = {};
    for (const [shape, group] of shapes) {
      if (group.length < 2) continue;
      for (const name of group) delete properties[name];
      patterns[`^(?:${group.map((n) => n.replace(REGEXP_SYNTAX, '\\$&')).join('|')})$`] =
        JSON.parse(shape);
    }
    if (Object.keys(patterns).length > 0)
      out.patternProperties = {
        ...(isObject(out.patternProperties) ? out.patternProperties : {}),
        ...patterns,
      };
    return out;
  };
  return walk(schema, original, '', false);
}

/** A definition part's schema as its validator is compiled from (see `validationSchema`, `groupShapes`). */
export function compiledSchema(schema: unknown): SchemaObject {
  return groupShapes(validationSchema(schema), schema) as SchemaObject;
}

type Part = 'form' | 'quickCheck';

function createCompiler(source: boolean) {
  return createAjv({
    // A list of required names is checked in a loop, not a statement per name (a third of the
    // code of a form's validator otherwise; the same errors).
    loopRequired: 20,
    ...(source
      ? { code: { source: true, esm: true, formats: _`require(${RUNTIME_MARK}).formats` } }
      : {}),
  });
}

/**
 * Adds a part's schemas to `ajv`; returns the ref of its validator and the pointers of its
 * conditions (the definition pointers a `ConditionTest` is asked about).
 */
function addPart(ajv: Ajv2020, definition: Definition, part: Part) {
  if (part === 'form') {
    const id = schemaId(definition.id);
    ajv.addSchema({ ...compiledSchema(definition.schema), $id: id });
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
  ajv.addSchema({ ...compiledSchema(quickCheck.schema), $id: id });
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
