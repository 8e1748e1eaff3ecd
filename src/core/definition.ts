/**
 * Checking a definition before it is used: the meta-schema, then the rules a schema cannot say
 * (references, patterns, steps, limits). Every problem names the JSON pointer where it is.
 */
import { normalizeErrors } from './errors.js';
import { getAt, hasOwn, isObject, joinPointer } from './pointer.js';
import type { ValidateFunction } from './validator.js';
import type { Definition, DefinitionProblem } from './types.js';

export const LIMITS = {
  /** Characters of JSON text. */
  bytes: 1_000_000,
  depth: 32,
  properties: 10_000,
  refs: 200,
} as const;

export class DefinitionError extends Error {
  readonly problems: DefinitionProblem[];
  constructor(problems: DefinitionProblem[], message = 'The form definition is not valid.') {
    super(`${message}\n${problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}

function metaMessage(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return 'is missing';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not a known keyword or property here';
    case 'type':
      return `must be of type ${String(params.type)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `does not match ${String(params.pattern)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minItems':
      return `must have at least ${String(params.limit)} entries`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} entries`;
    case 'maxProperties':
      return `must have at most ${String(params.limit)} entries`;
    case 'anyOf':
    case 'oneOf':
      return 'is not a valid value here';
    default:
      return `breaks the rule "${keyword}"`;
  }
}

/** Problems the meta-schema finds. */
export function metaProblems(definition: unknown, validate: ValidateFunction): DefinitionProblem[] {
  if (validate(definition)) return [];
  const errors = normalizeErrors(validate.errors);
  // A failed anyOf/oneOf above a more precise error only repeats it.
  const precise = errors.filter(
    (e) =>
      !(
        (e.keyword === 'anyOf' || e.keyword === 'oneOf') &&
        errors.some((other) => other !== e && other.pointer.startsWith(e.pointer + '/'))
      ),
  );
  return precise.map((e) => ({ pointer: e.pointer, message: metaMessage(e.keyword, e.params) }));
}

/** Nested quantifiers such as `(a+)+` or `(a|b*)*` can backtrack catastrophically. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,?\d*\})\)(?:[+*]|\{\d*,\d*\})/;

function walk(
  value: unknown,
  pointer: string,
  depth: number,
  visit: (value: unknown, pointer: string, depth: number) => void,
): void {
  visit(value, pointer, depth);
  if (Array.isArray(value))
    value.forEach((v, i) => walk(v, joinPointer(pointer, i), depth + 1, visit));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      // Annotations and data values are not schemas: a text under x-errorMessages/pattern is no regex.
      if (
        k.startsWith('x-') ||
        k === 'const' ||
        k === 'enum' ||
        k === 'default' ||
        k === 'examples'
      )
        continue;
      walk(v, joinPointer(pointer, k), depth + 1, visit);
    }
}

/** Problems beyond the meta-schema. Assumes the definition passed the meta-schema. */
export function semanticProblems(definition: Definition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });

  let properties = 0;
  let refs = 0;
  let tooDeep = false;
  walk(definition.schema, '/schema', 1, (node, pointer, depth) => {
    if (depth > LIMITS.depth && !tooDeep) {
      tooDeep = true;
      add(pointer, `nests deeper than the limit of ${LIMITS.depth}`);
    }
    if (!isObject(node)) return;
    if (hasOwn(node, '$data')) add(joinPointer(pointer, '$data'), '$data is not allowed');
    if (isObject(node.properties)) properties += Object.keys(node.properties).length;
    if (typeof node.$ref === 'string') {
      refs++;
      const target = getAt(definition, '/schema' + decodeURIComponent(node.$ref.slice(1)));
      if (!node.$ref.startsWith('#/$defs/') || !isObject(target)) {
        add(joinPointer(pointer, '$ref'), `points to nothing in this definition: ${node.$ref}`);
      }
    }
    if (typeof node.pattern === 'string') {
      try {
        new RegExp(node.pattern, 'u');
        if (NESTED_QUANTIFIER.test(node.pattern)) {
          add(
            joinPointer(pointer, 'pattern'),
            'has a nested quantifier that can backtrack catastrophically',
          );
        }
      } catch {
        add(joinPointer(pointer, 'pattern'), 'is not a valid regular expression');
      }
      if (typeof node.maxLength !== 'number') {
        add(joinPointer(pointer, 'pattern'), 'needs a maxLength next to it');
      }
    }
    if (
      node.type === 'array' &&
      (!isObject(node.items) || node.items.type !== 'object') &&
      !hasRefItems(node)
    ) {
      add(joinPointer(pointer, 'items'), 'arrays must hold objects (type "object")');
    }
  });
  if (properties > LIMITS.properties)
    add('/schema', `has ${properties} properties, more than the limit of ${LIMITS.properties}`);
  if (refs > LIMITS.refs)
    add('/schema', `has ${refs} $refs, more than the limit of ${LIMITS.refs}`);

  const topLevel = isObject(definition.schema.properties)
    ? Object.keys(definition.schema.properties)
    : [];
  const shown = new Map<string, number>();
  const ids = new Set<string>();
  definition.steps.forEach((step, i) => {
    if (ids.has(step.id)) add(joinPointer('/steps', i, 'id'), `repeats the step id "${step.id}"`);
    ids.add(step.id);
    step.fields.forEach((field, j) => {
      const pointer = joinPointer('/steps', i, 'fields', j);
      const schemaPointer =
        '/schema' +
        field
          .split('/')
          .slice(1)
          .map((t) => `/properties/${t}`)
          .join('');
      if (!isObject(getAt(definition, schemaPointer))) {
        add(pointer, `points to no property of the schema: ${field}`);
        return;
      }
      const top = field.split('/')[1]!;
      if (shown.has(top) && field === `/${top}`) add(pointer, `shows "${top}" a second time`);
      shown.set(top, i);
    });
  });
  for (const name of topLevel) {
    if (!shown.has(name)) add(joinPointer('/schema/properties', name), 'is shown by no step');
  }
  return problems;
}

function hasRefItems(node: Record<string, unknown>): boolean {
  return isObject(node.items) && typeof node.items.$ref === 'string';
}

/** Size check for a definition loaded at run time, before it is parsed further. */
export function sizeProblems(json: string): DefinitionProblem[] {
  return json.length > LIMITS.bytes
    ? [
        {
          pointer: '',
          message: `is ${json.length} characters long, more than the limit of ${LIMITS.bytes}`,
        },
      ]
    : [];
}

/** Parses and checks a definition; throws a `DefinitionError` naming every problem. */
export function checkDefinition(definition: unknown, metaValidate: ValidateFunction): Definition {
  const meta = metaProblems(definition, metaValidate);
  if (meta.length > 0) throw new DefinitionError(meta);
  const semantic = semanticProblems(definition as Definition);
  if (semantic.length > 0) throw new DefinitionError(semantic);
  return definition as Definition;
}

/** Parses the JSON text of a definition within the size limit (not yet checked). */
export function parseDefinitionJson(json: string): unknown {
  const size = sizeProblems(json);
  if (size.length > 0) throw new DefinitionError(size);
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new DefinitionError([
      { pointer: '', message: `is not valid JSON (${(error as Error).message})` },
    ]);
  }
}

export function parseDefinition(json: string, metaValidate: ValidateFunction): Definition {
  return checkDefinition(parseDefinitionJson(json), metaValidate);
}
