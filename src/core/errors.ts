/** Turns ajv's errors into one `FieldError` per field: what a translator needs, nothing raw. */
import { isWithin, joinPointer, splitLast } from './pointer.js';

function parentOf(pointer: string): string {
  return splitLast(pointer)[0];
}
import type { FieldError } from './types.js';

/** The subset of ajv's `ErrorObject` we read. */
export interface AjvErrorLike {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Which error to show when a field breaks several rules: the first the citizen can act on. */
const PRIORITY = [
  'required',
  'dependentRequired',
  'type',
  'const',
  'oneOf',
  'anyOf',
  'enum',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'unevaluatedProperties',
  'additionalProperties',
];

function rank(keyword: string): number {
  const i = PRIORITY.indexOf(keyword);
  return i < 0 ? PRIORITY.length : i;
}

function schemaPointerOf(schemaPath: string, instancePath: string): string {
  // "#/properties/a/maxLength" → "/schema/properties/a"
  const path = schemaPath.startsWith('#') ? schemaPath.slice(1) : schemaPath;
  const parent = path.slice(0, path.lastIndexOf('/'));
  // Questions of one shape are validated together under a pattern of their names (`groupShapes`
  // in compile.ts): the rule's place is the question's own.
  return (
    '/schema' +
    decodeURIComponent(parent).replace(
      /\/patternProperties\/\^\(\?:[^/]*\)\$(?=\/|$)/,
      () => '/properties/' + instancePath.slice(instancePath.lastIndexOf('/') + 1),
    )
  );
}

export function normalizeErrors(errors: readonly AjvErrorLike[] | null | undefined): FieldError[] {
  if (!errors || errors.length === 0) return [];
  const byPointer = new Map<string, FieldError>();
  // Errors inside a failed oneOf/anyOf of the same instance are noise: the choice as a whole failed.
  const choiceFailures = new Set(
    errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  for (const error of errors) {
    let pointer = error.instancePath;
    let keyword = error.keyword;
    const params = { ...error.params };
    switch (keyword) {
      case 'if':
      case 'allOf':
        continue; // the failing branch's own errors say what is wrong
      case 'required':
      case 'dependentRequired':
        pointer = joinPointer(pointer, String(params.missingProperty));
        break;
      case 'unevaluatedProperties':
        pointer = joinPointer(pointer, String(params.unevaluatedProperty));
        break;
      case 'additionalProperties':
        pointer = joinPointer(pointer, String(params.additionalProperty));
        break;
      default:
        if (
          choiceFailures.has(error.instancePath) &&
          keyword !== 'oneOf' &&
          keyword !== 'anyOf' &&
          /\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)
        ) {
          continue;
        }
    }
    if (keyword === 'dependentRequired') keyword = 'required';
    const candidate: FieldError = {
      pointer,
      keyword,
      params,
      schemaPointer: schemaPointerOf(error.schemaPath, error.instancePath),
    };
    const current = byPointer.get(pointer);
    if (!current || rank(keyword) < rank(current.keyword)) byPointer.set(pointer, candidate);
  }
  const result = [...byPointer.values()];
  // A branch that fails drops its annotations, so ajv then also calls the branch's valid answers
  // "unevaluated". Those follow from another error in the same object: only the real one counts.
  return result.filter(
    (e) =>
      e.keyword !== 'unevaluatedProperties' ||
      !result.some(
        (other) =>
          other !== e &&
          other.keyword !== 'unevaluatedProperties' &&
          isWithin(other.pointer, parentOf(e.pointer)),
      ),
  );
}
