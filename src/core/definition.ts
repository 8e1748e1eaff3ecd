/**
 * Checking a definition before it is used: the meta-schema, then the rules a schema cannot say
 * (references, patterns, steps, limits). Every problem names the JSON pointer where it is.
 */
import { normalizeErrors } from './errors.js';
import { getAt, hasOwn, isObject, joinPointer } from './pointer.js';
import type { ValidateFunction } from './validator.js';
import { DefinitionError, LIMITS, parseDefinitionJson } from './definition-error.js';
import type { Definition, DefinitionProblem } from './types.js';

export { DefinitionError, LIMITS, parseDefinitionJson, sizeProblems } from './definition-error.js';

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

interface Counts {
  properties: number;
  refs: number;
}

/** The rules for one schema (the application's, or the quick-check's questions). */
function schemaProblems(
  definition: Definition,
  rootPointer: string,
  add: (pointer: string, message: string) => void,
  counts: Counts,
  allowRefs = true,
): void {
  let tooDeep = false;
  walk(getAt(definition, rootPointer), rootPointer, 1, (node, pointer, depth) => {
    if (depth > LIMITS.depth && !tooDeep) {
      tooDeep = true;
      add(pointer, `nests deeper than the limit of ${LIMITS.depth}`);
    }
    if (!isObject(node)) return;
    if (hasOwn(node, '$data')) add(joinPointer(pointer, '$data'), '$data is not allowed');
    if (isObject(node.properties)) counts.properties += Object.keys(node.properties).length;
    if (typeof node.$ref === 'string') {
      counts.refs++;
      const target = getAt(definition, rootPointer + decodeURIComponent(node.$ref.slice(1)));
      if (!allowRefs) add(joinPointer(pointer, '$ref'), 'a condition cannot use $ref');
      else if (!node.$ref.startsWith('#/$defs/') || !isObject(target)) {
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
}

/** Whether a data pointer names a property the schema declares somewhere (in any branch). */
function declares(schema: unknown, pointer: string): boolean {
  const tokens = pointer.split('/').slice(1);
  let nodes: unknown[] = [schema];
  for (const token of tokens) {
    const next: unknown[] = [];
    const visit = (node: unknown, depth: number) => {
      if (!isObject(node) || depth > LIMITS.depth) return;
      if (isObject(node.properties) && hasOwn(node.properties, token))
        next.push(node.properties[token]);
      if (isObject(node.items)) visit(node.items, depth + 1);
      for (const key of ['then', 'else']) visit(node[key], depth + 1);
      for (const key of ['allOf', 'anyOf', 'oneOf'])
        if (Array.isArray(node[key])) for (const sub of node[key]) visit(sub, depth + 1);
      if (isObject(node.dependentSchemas))
        for (const sub of Object.values(node.dependentSchemas)) visit(sub, depth + 1);
    };
    for (const node of nodes) visit(node, 0);
    if (next.length === 0) return false;
    nodes = next;
  }
  return true;
}

function quickCheckProblems(
  definition: Definition,
  add: (pointer: string, message: string) => void,
  counts: Counts,
): void {
  const quickCheck = definition.quickCheck;
  if (!quickCheck) return;
  schemaProblems(definition, '/quickCheck/schema', add, counts);
  const questions = isObject(quickCheck.schema.properties)
    ? Object.keys(quickCheck.schema.properties)
    : [];
  for (const [name, computed] of Object.entries(quickCheck.computed ?? {})) {
    const pointer = joinPointer('/quickCheck/computed', name);
    if (questions.includes(name)) add(pointer, `has the name of a question: ${name}`);
    if (!declares(quickCheck.schema, computed.yearsSince))
      add(joinPointer(pointer, 'yearsSince'), `points to no question: ${computed.yearsSince}`);
  }
  const periods = new Map<string, { from: string; until: string }[]>();
  quickCheck.criteria.forEach((criterion, i) => {
    const pointer = joinPointer('/quickCheck/criteria', i);
    // One id may hold the rule before and after a change in the law: periods must not overlap.
    const period = {
      from: criterion.validFrom ?? '0000-01-01',
      until: criterion.validUntil ?? '9999-12-31',
    };
    const earlier = periods.get(criterion.id) ?? [];
    if (earlier.some((p) => p.from < period.until && period.from < p.until))
      add(
        joinPointer(pointer, 'id'),
        `repeats the criterion id "${criterion.id}" for days that overlap (set validFrom and validUntil)`,
      );
    periods.set(criterion.id, [...earlier, period]);
    if (criterion.validFrom && criterion.validUntil && criterion.validFrom >= criterion.validUntil)
      add(joinPointer(pointer, 'validUntil'), 'must be later than validFrom');
    criterion.rules.forEach((rule, j) => {
      const rulePointer = joinPointer(pointer, 'rules', j);
      if (rule.when)
        schemaProblems(definition, joinPointer(rulePointer, 'when'), add, counts, false);
      if (j === criterion.rules.length - 1 && rule.when)
        add(rulePointer, 'the last rule must have no "when": it decides when no other rule does');
      if (j < criterion.rules.length - 1 && !rule.when)
        add(
          joinPointer(rulePointer, 'when'),
          'is missing: only the last rule may be unconditional',
        );
    });
  });
  quickCheck.prefill?.forEach((rule, i) => {
    const pointer = joinPointer('/quickCheck/prefill', i);
    if (!declares(quickCheck.schema, rule.from))
      add(joinPointer(pointer, 'from'), `points to no question: ${rule.from}`);
    if (!declares(definition.schema, rule.to))
      add(joinPointer(pointer, 'to'), `points to no field of the application: ${rule.to}`);
  });
}

function documentProblems(
  definition: Definition,
  add: (pointer: string, message: string) => void,
  counts: Counts,
): void {
  const ids = new Set<string>();
  definition.documents?.forEach((requirement, i) => {
    const pointer = joinPointer('/documents', i);
    if (ids.has(requirement.id))
      add(joinPointer(pointer, 'id'), `repeats the document id "${requirement.id}"`);
    ids.add(requirement.id);
    if (requirement.when)
      schemaProblems(definition, joinPointer(pointer, 'when'), add, counts, false);
  });
}

function feeProblems(
  definition: Definition,
  add: (pointer: string, message: string) => void,
  counts: Counts,
): void {
  const ids = new Set<string>();
  definition.fees?.items.forEach((item, i) => {
    const pointer = joinPointer('/fees/items', i);
    if (ids.has(item.id)) add(joinPointer(pointer, 'id'), `repeats the fee id "${item.id}"`);
    ids.add(item.id);
    for (const kind of ['when', 'where'] as const) {
      if (item[kind]) schemaProblems(definition, joinPointer(pointer, kind), add, counts, false);
    }
    if (item.per !== undefined && !declares(definition.schema, item.per))
      add(joinPointer(pointer, 'per'), `points to no list of the application: ${item.per}`);
  });
}

/** Problems beyond the meta-schema. Assumes the definition passed the meta-schema. */
export function semanticProblems(definition: Definition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });

  const counts: Counts = { properties: 0, refs: 0 };
  schemaProblems(definition, '/schema', add, counts);
  quickCheckProblems(definition, add, counts);
  feeProblems(definition, add, counts);
  documentProblems(definition, add, counts);
  if (counts.properties > LIMITS.properties)
    add(
      '/schema',
      `has ${counts.properties} properties, more than the limit of ${LIMITS.properties}`,
    );
  if (counts.refs > LIMITS.refs)
    add('/schema', `has ${counts.refs} $refs, more than the limit of ${LIMITS.refs}`);

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

/** Parses and checks a definition; throws a `DefinitionError` naming every problem. */
export function checkDefinition(definition: unknown, metaValidate: ValidateFunction): Definition {
  const meta = metaProblems(definition, metaValidate);
  if (meta.length > 0) throw new DefinitionError(meta);
  const semantic = semanticProblems(definition as Definition);
  if (semantic.length > 0) throw new DefinitionError(semantic);
  return definition as Definition;
}

export function parseDefinition(json: string, metaValidate: ValidateFunction): Definition {
  return checkDefinition(parseDefinitionJson(json), metaValidate);
}
