/** Types of the definition format (docs/definition-format.md). */

export type SchemaObject = { [keyword: string]: unknown };
export type Schema = SchemaObject | boolean;

export interface Step {
  id: string;
  title: string;
  description?: string;
  /** JSON pointers into the data, e.g. `/person`. */
  fields: string[];
}

export interface LegalBasis {
  title: string;
  url?: string;
}

export interface Outcome {
  type: 'submission';
}

export interface Definition {
  $schema?: string;
  id: string;
  version: string;
  title: string;
  description?: string;
  language: 'de';
  legalState: string;
  legalBasis?: LegalBasis[];
  identifiers?: { leika?: string; ozg?: string };
  referencePrefix?: string;
  schema: SchemaObject;
  steps: Step[];
  outcome?: Outcome;
}

/** One problem with a definition, for the web editor who wrote it. */
export interface DefinitionProblem {
  /** JSON pointer into the definition. */
  pointer: string;
  message: string;
}

/** A validation error, normalised once: what a translator needs to say it in plain language. */
export interface FieldError {
  /** JSON pointer of the field in the data. */
  pointer: string;
  keyword: string;
  params: Record<string, unknown>;
  /** JSON pointer into the definition of the schema node whose keyword failed. */
  schemaPointer: string;
}

/** Checks one `if` condition (by its pointer in the schema, e.g. `/properties/family/allOf/0/if`). */
export type ConditionTest = (schemaPointer: string, data: unknown) => boolean;

/**
 * A validator for one definition, injected into the core (precompiled at build time, or compiled
 * on demand where the page allows it).
 */
export interface Validator {
  validate(data: unknown): FieldError[];
  test: ConditionTest;
}
