/**
 * What every page that loads a definition needs, whatever checks it: the error that names the
 * problems, the size limits, and parsing within them. The checks themselves (definition.ts) are
 * only loaded for definitions that are not built in.
 */
import type { DefinitionProblem } from './types.js';

export const LIMITS = {
  /** Characters of JSON text. */
  bytes: 1_000_000,
  /** Levels of arrays and objects, the definition itself being level 1; `$ref`s are followed. */
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
