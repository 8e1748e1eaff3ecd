/**
 * Checking a definition before it is used: the meta-schema, then the rules a schema cannot say
 * (references, patterns, steps, limits). Every problem names the JSON pointer where it is.
 */
import { normalizeErrors } from './errors.js';
import { getAt, hasOwn, isObject, isWithin, joinPointer, unescapeToken } from './pointer.js';
import type { ValidateFunction } from './validator.js';
import { DefinitionError, LIMITS, parseDefinitionJson } from './definition-error.js';
import { migrateDefinition } from './migrate.js';
import { bookingTemplateProblem, outcomesOf } from './outcome.js';
import { partiesOf, partyOf, partyPointers } from './parties.js';
import type { Definition, DefinitionProblem, SchemaObject, SolvencyComputation } from './types.js';

export { DefinitionError, LIMITS, parseDefinitionJson, sizeProblems } from './definition-error.js';

/**
 * Where `value` nests deeper than `limit` (at least 1) levels of arrays and objects: the JSON
 * pointer of the first array or object beyond it, or `undefined` when it stays within. The root
 * array or object is level 1. Iterative (no recursion), so a value nested 10 000 levels deep, or
 * an object graph with a cycle, is measured without exhausting the call stack: run it before any
 * recursive walk (ajv's validators recurse). The server can use it on request bodies.
 */
export function jsonDepthExceeds(value: unknown, limit: number): string | undefined {
  interface Level {
    parent: Level | undefined;
    key: string;
  }
  const pointerOf = (level: Level | undefined): string => {
    const tokens: string[] = [];
    for (let l = level; l?.parent; l = l.parent) tokens.push(l.key);
    return joinPointer('', ...tokens.reverse());
  };
  const stack: [unknown, Level, number][] = [[value, { parent: undefined, key: '' }, 1]];
  while (stack.length > 0) {
    const [node, level, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return pointerOf(level);
    for (const key of Object.keys(node)) {
      stack.push([(node as Record<string, unknown>)[key], { parent: level, key }, depth + 1]);
    }
  }
  return undefined;
}

/** The depth check of a definition (before anything walks it recursively). */
export function depthProblems(definition: unknown): DefinitionProblem[] {
  const pointer = jsonDepthExceeds(definition, LIMITS.depth);
  return pointer === undefined
    ? []
    : [{ pointer, message: `nests deeper than the limit of ${LIMITS.depth} levels` }];
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

/** Whether a `pattern` compiles as ajv compiles it (with the `u` flag). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Keys whose values are no schemas: annotations and data (a text under x-errorMessages/pattern is no regex). */
function notSchema(key: string): boolean {
  return (
    key.startsWith('x-') ||
    key === 'const' ||
    key === 'enum' ||
    key === 'default' ||
    key === 'examples'
  );
}

/** Visits every schema node below `value` (recursively: only after the depth check). */
function walk(
  value: unknown,
  pointer: string,
  visit: (value: unknown, pointer: string) => void,
): void {
  visit(value, pointer);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, joinPointer(pointer, i), visit));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (!notSchema(k)) walk(v, joinPointer(pointer, k), visit);
    }
}

/** The definition pointer a local `$ref` of the schema at `rootPointer` names, if it can be read. */
function refTarget(rootPointer: string, ref: string): string | undefined {
  if (!ref.startsWith('#/$defs/')) return undefined;
  try {
    return rootPointer + decodeURIComponent(ref.slice(1));
  } catch {
    return undefined; // a broken %-escape
  }
}

interface RefEdge {
  /** Pointer of the schema node that holds the `$ref`. */
  pointer: string;
  ref: string;
  /** Name of the `$defs` entry it points to. */
  target: string;
  /** Level of the node holding it, the schema (or `$defs` entry) it is in being level 1. */
  level: number;
}

/** The `$ref`s below `node` (not inside nested `$defs`, which nothing expands) and its height. */
function refsBelow(
  rootPointer: string,
  node: unknown,
  pointer: string,
  level: number,
  out: RefEdge[],
): number {
  if (typeof node !== 'object' || node === null) return level - 1;
  let height = level;
  if (isObject(node) && typeof node.$ref === 'string') {
    const target = refTarget(rootPointer, node.$ref);
    const prefix = joinPointer(rootPointer, '$defs') + '/';
    if (target?.startsWith(prefix) && !target.slice(prefix.length).includes('/'))
      out.push({
        pointer,
        ref: node.$ref,
        target: unescapeToken(target.slice(prefix.length)),
        level,
      });
  }
  const entries = Array.isArray(node)
    ? node.map((v, i) => [String(i), v] as const)
    : Object.entries(node);
  for (const [k, v] of entries) {
    if (isObject(node) && (notSchema(k) || k === '$defs')) continue;
    height = Math.max(height, refsBelow(rootPointer, v, joinPointer(pointer, k), level + 1, out));
  }
  return height;
}

/**
 * The `$ref`s of one schema (`/schema` or `/quickCheck/schema`): no reference may lead back to
 * where it is, directly or through other `$defs` — the schema model, the form and the validator
 * would expand it without end, and a form has no use for recursion — and the schema must stay
 * within the depth limit with its references in place. Iterative over the references.
 */
function refProblems(
  definition: Definition,
  rootPointer: string,
  add: (pointer: string, message: string) => void,
): void {
  const root = getAt(definition, rootPointer);
  if (!isObject(root)) return;
  const defs = isObject(root.$defs) ? root.$defs : {};
  const edges = new Map<string, RefEdge[]>();
  const local = new Map<string, number>();
  for (const [name, schema] of Object.entries(defs)) {
    const out: RefEdge[] = [];
    local.set(
      name,
      refsBelow(rootPointer, schema, joinPointer(rootPointer, '$defs', name), 1, out),
    );
    edges.set(
      name,
      out.filter((e) => hasOwn(defs, e.target)),
    );
  }
  // Depth-first over the $defs with an explicit stack: grey while on the path, then its height.
  const height = new Map<string, number>();
  const onPath: string[] = [];
  let cyclic = false;
  for (const start of edges.keys()) {
    if (height.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    onPath.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = edges.get(frame.name)!;
      if (frame.next < out.length) {
        const edge = out[frame.next++]!;
        const at = onPath.indexOf(edge.target);
        if (at >= 0) {
          cyclic = true;
          const chain = [...onPath.slice(at), edge.target].map((n) => `#/$defs/${n}`);
          add(
            joinPointer(edge.pointer, '$ref'),
            `leads back to itself (${chain.join(' → ')}): a schema cannot refer to itself, directly or through other $defs`,
          );
        } else if (!height.has(edge.target)) {
          stack.push({ name: edge.target, next: 0 });
          onPath.push(edge.target);
        }
        continue;
      }
      let h = local.get(frame.name)!;
      for (const edge of out) h = Math.max(h, edge.level - 1 + (height.get(edge.target) ?? 0));
      height.set(frame.name, h);
      stack.pop();
      onPath.pop();
    }
  }
  if (cyclic) return;
  const rootRefs: RefEdge[] = [];
  refsBelow(rootPointer, root, rootPointer, 1, rootRefs);
  const rootLevel = rootPointer.split('/').length; // '/schema' is level 2
  for (const edge of rootRefs) {
    const depth = rootLevel - 1 + edge.level - 1 + (height.get(edge.target) ?? 0);
    if (depth > LIMITS.depth) {
      add(
        joinPointer(edge.pointer, '$ref'),
        `nests deeper than the limit of ${LIMITS.depth} levels with ${edge.ref} in place (${depth})`,
      );
      return;
    }
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
  walk(getAt(definition, rootPointer), rootPointer, (node, pointer) => {
    if (!isObject(node)) return;
    if (hasOwn(node, '$data')) add(joinPointer(pointer, '$data'), '$data is not allowed');
    if (isObject(node.properties)) counts.properties += Object.keys(node.properties).length;
    if (typeof node.$ref === 'string') {
      counts.refs++;
      const target = refTarget(rootPointer, node.$ref);
      if (!allowRefs) add(joinPointer(pointer, '$ref'), 'a condition cannot use $ref');
      else if (target === undefined || !isObject(getAt(definition, target))) {
        add(joinPointer(pointer, '$ref'), `points to nothing in this definition: ${node.$ref}`);
      }
    }
    if (typeof node.pattern === 'string') {
      // Whether it can backtrack catastrophically is for a real analysis: see checkPatterns.
      if (!compiles(node.pattern)) {
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

/** A solvency estimate's pointers name questions, and its periods follow one another. */
function solvencyProblems(
  questions: SchemaObject,
  spec: SolvencyComputation,
  pointer: string,
  add: (pointer: string, message: string) => void,
): void {
  for (const key of ['income', 'dependants', 'adults', 'minors'] as const)
    if (!declares(questions, spec[key]))
      add(joinPointer(pointer, key), `points to no question: ${spec[key]}`);
  const periods = spec.periods
    .map((period, i) => ({ period, i }))
    .sort((a, b) => a.period.validFrom.localeCompare(b.period.validFrom));
  periods.forEach(({ period, i }, k) => {
    const at = joinPointer(pointer, 'periods', i);
    if (period.validUntil !== undefined && period.validUntil <= period.validFrom)
      add(joinPointer(at, 'validUntil'), 'must be later than validFrom');
    if (period.ceiling <= period.base)
      add(joinPointer(at, 'ceiling'), 'must be above the exempt amount (base)');
    const next = periods[k + 1];
    if (!next) return;
    if (period.validUntil === undefined || period.validUntil > next.period.validFrom)
      add(
        joinPointer(at, 'validUntil'),
        `overlaps the period from ${next.period.validFrom}: end it on that day at the latest`,
      );
  });
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
    if ('solvency' in computed) {
      solvencyProblems(quickCheck.schema, computed.solvency, joinPointer(pointer, 'solvency'), add);
      continue;
    }
    const [key, since] =
      'monthsSince' in computed
        ? ['monthsSince', computed.monthsSince]
        : ['yearsSince', computed.yearsSince];
    if (!declares(quickCheck.schema, since))
      add(joinPointer(pointer, key), `points to no question: ${since}`);
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
    if (criterion.explain !== undefined && !quickCheck.computed?.[criterion.explain])
      add(joinPointer(pointer, 'explain'), `names no computed value: ${criterion.explain}`);
    criterion.documents?.forEach((id, j) => {
      if (!definition.documents?.some((d) => d.id === id))
        add(joinPointer(pointer, 'documents', j), `names no document of /documents: ${id}`);
    });
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

/** The pointer of outcome `index` (`/outcome` when there is one, not in a list). */
function outcomeAt(definition: Definition, index: number): string {
  return Array.isArray(definition.outcome) ? joinPointer('/outcome', index) : '/outcome';
}

/**
 * Format 2's outcomes: each type once, checklist ids unique (also against the documents brought
 * along, which the checklist lists after its items), conditions like every other condition, and a
 * booking link that is `https:` with only `{reference}` and `{service}`.
 */
function outcomeProblems(
  definition: Definition,
  add: (pointer: string, message: string) => void,
  counts: Counts,
): void {
  const types = new Set<string>();
  const brought = new Set(
    (definition.documents ?? []).filter((d) => d.delivery === 'bring').map((d) => d.id),
  );
  outcomesOf(definition).forEach((outcome, i) => {
    const pointer = outcomeAt(definition, i);
    if (types.has(outcome.type))
      add(joinPointer(pointer, 'type'), `repeats the outcome "${outcome.type}"`);
    types.add(outcome.type);
    if (outcome.type !== 'appointment') return;
    const ids = new Set<string>();
    outcome.checklist.forEach((item, j) => {
      const itemPointer = joinPointer(pointer, 'checklist', j);
      if (ids.has(item.id))
        add(joinPointer(itemPointer, 'id'), `repeats the checklist item id "${item.id}"`);
      else if (brought.has(item.id))
        add(
          joinPointer(itemPointer, 'id'),
          `is the id of a document brought along ("${item.id}"), which the checklist lists too`,
        );
      ids.add(item.id);
      if (item.when)
        schemaProblems(definition, joinPointer(itemPointer, 'when'), add, counts, false);
    });
    if (outcome.booking) {
      const problem = bookingTemplateProblem(outcome.booking.url);
      if (problem) add(joinPointer(pointer, 'booking', 'url'), problem);
    }
  });
  if (brought.size > 0 && !types.has('appointment'))
    (definition.documents ?? []).forEach((d, i) => {
      if (d.delivery === 'bring')
        add(
          joinPointer('/documents', i, 'delivery'),
          'is "bring", but no outcome is an appointment, whose checklist would list it',
        );
    });
}

/**
 * Format 2's parties: unique ids, steps that name a party, a first party that starts (the first
 * step is its, it has no hand-off), later parties with steps of their own and a hand-off that
 * shows only the first party's answers, and parties whose steps never overlap. Identity
 * attributes prefill the first party's answers.
 */
function partyProblems(
  definition: Definition,
  add: (pointer: string, message: string) => void,
): void {
  const parties = partiesOf(definition);
  const ids = new Set<string>();
  (definition.parties ?? []).forEach((party, i) => {
    if (ids.has(party.id))
      add(joinPointer('/parties', i, 'id'), `repeats the party id "${party.id}"`);
    ids.add(party.id);
  });
  const known = new Set(parties.map((p) => p.id));
  definition.steps.forEach((step, i) => {
    if (step.party !== undefined && !known.has(step.party))
      add(
        joinPointer('/steps', i, 'party'),
        `names no party: ${step.party} (the parties are ${[...known].join(', ')})`,
      );
  });
  const first = parties[0]!;
  if (definition.steps.length > 0 && partyOf(definition, 0).id !== first.id)
    add('/steps/0/party', `the first step is the first party's ("${first.id}"), who starts`);
  if (definition.parties?.[0]?.handOff)
    add('/parties/0/handOff', 'the first party starts the application: it has no hand-off');
  const firstPointers = partyPointers(definition, first.id);
  const ofFirst = (pointer: string) => firstPointers.some((p) => isWithin(pointer, p));
  parties.slice(1).forEach((party, k) => {
    const i = k + 1;
    if (partyPointers(definition, party.id).length === 0)
      add(
        joinPointer('/parties', i),
        `has no step: give the steps "${party.id}" fills in "party": "${party.id}"`,
      );
    for (const key of ['shows', 'printWith'] as const)
      party.handOff?.[key]?.forEach((pointer, j) => {
        const at = joinPointer('/parties', i, 'handOff', key, j);
        if (!declares(definition.schema, pointer))
          add(at, `points to no field of the application: ${pointer}`);
        else if (!ofFirst(pointer))
          add(at, `is no answer of the first party ("${first.id}"): only those can be named here`);
      });
  });
  // A field belongs to one party: no party's step may show what lies in or above another's.
  const owners: { pointer: string; party: string }[] = [];
  definition.steps.forEach((step, i) => {
    const party = partyOf(definition, i).id;
    step.fields.forEach((field, j) => {
      const other = owners.find(
        (o) => o.party !== party && (isWithin(field, o.pointer) || isWithin(o.pointer, field)),
      );
      if (other)
        add(
          joinPointer('/steps', i, 'fields', j),
          `overlaps ${other.pointer}, which party "${other.party}" fills in`,
        );
      owners.push({ pointer: field, party });
    });
  });
  if (parties.length > 1 && outcomesOf(definition).some((o) => o.type !== 'submission'))
    add('/outcome', 'an application a second party completes ends in a submission');
  for (const [name, pointer] of Object.entries(definition.identity?.attributes ?? {})) {
    const at = joinPointer('/identity/attributes', name);
    if (!declares(definition.schema, pointer))
      add(at, `points to no field of the application: ${pointer}`);
    else if (parties.length > 1 && !ofFirst(pointer))
      add(at, `is no answer of the first party ("${first.id}"), who signs in`);
  }
}

/** Problems beyond the meta-schema (the depth limit first). Assumes the definition passed the meta-schema. */
export function semanticProblems(definition: Definition): DefinitionProblem[] {
  const deep = depthProblems(definition);
  if (deep.length > 0) return deep;
  const problems: DefinitionProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });

  const counts: Counts = { properties: 0, refs: 0 };
  schemaProblems(definition, '/schema', add, counts);
  quickCheckProblems(definition, add, counts);
  feeProblems(definition, add, counts);
  documentProblems(definition, add, counts);
  outcomeProblems(definition, add, counts);
  partyProblems(definition, add);
  if (counts.properties > LIMITS.properties)
    add(
      '/schema',
      `has ${counts.properties} properties, more than the limit of ${LIMITS.properties}`,
    );
  if (counts.refs > LIMITS.refs)
    add('/schema', `has ${counts.refs} $refs, more than the limit of ${LIMITS.refs}`);
  else {
    refProblems(definition, '/schema', add);
    if (definition.quickCheck) refProblems(definition, '/quickCheck/schema', add);
  }

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

/**
 * What a ReDoS analysis says about one pattern: the part of recheck's diagnostics read here
 * (https://makenowjust-labs.github.io/recheck/).
 */
export type PatternDiagnostics =
  | { status: 'safe' }
  | { status: 'vulnerable'; complexity: { summary: string }; attack: { string: string } }
  | { status: 'unknown'; error: { kind: string; message?: string } };

/**
 * A ReDoS analysis of one pattern: recheck's `checkSync` (src/core/redos.ts; in the browser only
 * loaded for a definition compiled on the page). It is given the `automaton` checker, whose
 * `safe` is a proof — recheck's fuzzer only fails to find an attack — and a time limit.
 */
export type PatternChecker = (
  source: string,
  flags: string,
  params: { checker: 'automaton'; timeout: number },
) => PatternDiagnostics;

/** Milliseconds the analysis may take for one pattern, and for all of a definition's. */
export const PATTERN_TIME = { each: 2_000, all: 10_000 } as const;

/** Every schema of a definition: the application's, the quick-check's and every condition. */
function schemaPointers(definition: Definition): string[] {
  const pointers = ['/schema'];
  if (definition.quickCheck) pointers.push('/quickCheck/schema');
  definition.quickCheck?.criteria.forEach((criterion, i) =>
    criterion.rules.forEach((rule, j) => {
      if (rule.when) pointers.push(joinPointer('/quickCheck/criteria', i, 'rules', j, 'when'));
    }),
  );
  definition.fees?.items.forEach((item, i) => {
    for (const kind of ['when', 'where'] as const)
      if (item[kind]) pointers.push(joinPointer('/fees/items', i, kind));
  });
  definition.documents?.forEach((requirement, i) => {
    if (requirement.when) pointers.push(joinPointer('/documents', i, 'when'));
  });
  outcomesOf(definition).forEach((outcome, i) => {
    if (outcome.type !== 'appointment') return;
    outcome.checklist.forEach((item, j) => {
      if (item.when) pointers.push(joinPointer(outcomeAt(definition, i), 'checklist', j, 'when'));
    });
  });
  return pointers;
}

/** Every `pattern` of a definition's schemas that compiles, by the pointer of its keyword. */
export function patternsOf(definition: Definition): { pointer: string; source: string }[] {
  const found: { pointer: string; source: string }[] = [];
  for (const root of schemaPointers(definition))
    walk(getAt(definition, root), root, (node, pointer) => {
      if (isObject(node) && typeof node.pattern === 'string' && compiles(node.pattern))
        found.push({ pointer: joinPointer(pointer, 'pattern'), source: node.pattern });
    });
  return found;
}

function patternMessage(diagnostics: PatternDiagnostics, timeout: number): string | undefined {
  switch (diagnostics.status) {
    case 'safe':
      return undefined;
    case 'vulnerable':
      return (
        `can backtrack catastrophically (${diagnostics.complexity.summary}): an answer of ` +
        `${diagnostics.attack.string.length} characters can stall validation; simplify it`
      );
    default: {
      const { kind, message } = diagnostics.error;
      return kind === 'timeout'
        ? `could not be proven safe from catastrophic backtracking within ${timeout} ms: simplify it`
        : `could not be proven safe from catastrophic backtracking (${message ?? kind}): simplify it`;
    }
  }
}

/**
 * Every `pattern` through a real ReDoS analysis (not a list of known shapes): one that can
 * backtrack catastrophically, or that cannot be proven safe within the time, is a problem at its
 * pointer. Each distinct pattern is analysed once; all of them within `PATTERN_TIME.all`.
 */
export function patternProblems(
  definition: Definition,
  check: PatternChecker,
  time: { each: number; all: number } = PATTERN_TIME,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const verdicts = new Map<string, string | undefined>();
  const deadline = Date.now() + time.all;
  for (const { pointer, source } of patternsOf(definition)) {
    if (!verdicts.has(source)) {
      const timeout = Math.min(time.each, deadline - Date.now());
      verdicts.set(
        source,
        timeout <= 0
          ? `could not be proven safe from catastrophic backtracking: the analysis of all patterns took more than ${time.all} ms; use fewer different patterns`
          : patternMessage(check(source, 'u', { checker: 'automaton', timeout }), timeout),
      );
    }
    const message = verdicts.get(source);
    if (message) problems.push({ pointer, message });
  }
  return problems;
}

/**
 * Checks a definition — depth, the migration of a format-1 definition to format 2
 * (`migrateDefinition`), the meta-schema (format 2's), semantic rules, then its patterns with
 * `patterns` (see `patternProblems`) — and throws a `DefinitionError` naming every problem of
 * the first stage that has any. Returns the definition in format 2 (a format-1 definition
 * migrated; its pointers are the same). `patterns` is null only where the definition's patterns
 * never run: a precompiled validator module validates instead (`npx ozg-forms precompile` analysed them).
 */
export function checkDefinition(
  source: unknown,
  metaValidate: ValidateFunction,
  patterns: PatternChecker | null,
): Definition {
  // First, without recursion: ajv's meta-schema validator recurses as deep as the definition.
  const deep = depthProblems(source);
  if (deep.length > 0) throw new DefinitionError(deep);
  const definition = migrateDefinition(source);
  const meta = metaProblems(definition, metaValidate);
  if (meta.length > 0) throw new DefinitionError(meta);
  const semantic = semanticProblems(definition as Definition);
  if (semantic.length > 0) throw new DefinitionError(semantic);
  if (patterns) checkPatterns(definition as Definition, patterns);
  return definition as Definition;
}

/** Throws a `DefinitionError` for the patterns `patternProblems` finds. */
export function checkPatterns(definition: Definition, patterns: PatternChecker): void {
  const problems = patternProblems(definition, patterns);
  if (problems.length > 0) throw new DefinitionError(problems);
}

/**
 * `checkPatterns` with recheck loaded only when the definition has patterns: for a browser that
 * compiles a definition itself (src/elements/shared/loader.ts), where recheck is ≈ 700 KB gzip.
 */
export async function checkPatternsHere(definition: Definition): Promise<void> {
  if (patternsOf(definition).length === 0) return;
  const { recheck } = await import('./redos.js');
  checkPatterns(definition, recheck);
}

export function parseDefinition(
  json: string,
  metaValidate: ValidateFunction,
  patterns: PatternChecker | null,
): Definition {
  return checkDefinition(parseDefinitionJson(json), metaValidate, patterns);
}
