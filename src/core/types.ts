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
  /** Evidence documents asked for (`<document-upload>`). */
  documents?: DocumentRequirement[];
  /** The fees (`<payment-step>`). */
  fees?: Fees;
  /** The eligibility self-check (`<quick-check>`). */
  quickCheck?: QuickCheck;
}

/** One evidence document the service asks for, e.g. the passport or the marriage certificate. */
export interface DocumentRequirement {
  id: string;
  title: string;
  description?: string;
  /** MIME types accepted (checked by the file's bytes); default PDF, JPEG and PNG. */
  accept?: string[];
  /** Largest file in bytes; default 10 MB. */
  maxSize?: number;
  /** How many files (e.g. the pages of a certificate); default 1. */
  maxFiles?: number;
  /** Default true. */
  required?: boolean;
  /** A JSON Schema over the application data: the document is asked for only when it holds. */
  when?: SchemaObject;
}

/**
 * How a service takes its fee (as German ePayment platforms have it): `none`; `optional` (online or
 * later); `mandatory` (before the application is sent); `billed-afterwards` (the step only informs).
 */
export type FeePolicy = 'none' | 'optional' | 'mandatory' | 'billed-afterwards';

export interface FeeItem {
  id: string;
  title: string;
  /** Cents per unit. */
  amount: number;
  legalBasis?: string;
  /** A JSON Schema over the application data: the item applies only when it holds. */
  when?: SchemaObject;
  /** A data pointer to a list: the item is charged once per entry … */
  per?: string;
  /** … that matches this JSON Schema (applied to the entry). */
  where?: SchemaObject;
}

export interface Fees {
  policy: FeePolicy;
  /** ISO 4217; default `EUR`. */
  currency?: string;
  description?: string;
  items: FeeItem[];
}

/** What a criterion of the quick-check comes to. */
export type CriterionOutcome = 'met' | 'not-met' | 'check-with-authority';

/** One rule of a criterion: the first whose `when` holds for the answers decides. */
export interface CriterionRule {
  /** A JSON Schema over the answers (and the computed values); absent: always. */
  when?: SchemaObject;
  outcome: CriterionOutcome;
  explanation: string;
}

/** One legal requirement, e.g. five years of residence (§ 10 Abs. 1 Satz 1 StAG). */
export interface Criterion {
  id: string;
  title: string;
  legalBasis: string;
  /** First day the criterion applies (`YYYY-MM-DD`). */
  validFrom?: string;
  /** First day it no longer applies. */
  validUntil?: string;
  rules: CriterionRule[];
}

/** An answer carried over into the application (`to`: a pointer into its data). */
export interface PrefillRule {
  from: string;
  to: string;
  /** Maps an answer (as text) to the application's value; an answer not listed is not carried over. */
  values?: Record<string, unknown>;
}

export interface QuickCheck {
  title: string;
  description?: string;
  /** Shown with the result, e.g. that it is not binding. */
  notice?: string;
  /** `single`: one question at a time (default); `page`: all questions on one page. */
  layout?: 'single' | 'page';
  /** The questions: a JSON Schema of the answers, conditions included. */
  schema: SchemaObject;
  /** Values worked out from the answers for the day of the check, e.g. full years since a date. */
  computed?: Record<string, { yearsSince: string }>;
  criteria: Criterion[];
  prefill?: PrefillRule[];
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
