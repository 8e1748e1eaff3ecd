/** Validators behind one small interface (injected, as rjsf does), whatever compiled them. */
import { normalizeErrors, type AjvErrorLike } from './errors.js';
import type { FieldError, Validator } from './types.js';

/** A validate function as ajv generates it (standalone or at run time). */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvErrorLike[] | null;
}

/** What a precompiled validator module exports (see scripts/compile-definitions.ts). */
export interface CompiledValidators {
  validate: ValidateFunction;
  /** One validate function per `if` in the schema, keyed by its pointer in the definition. */
  conditions: Record<string, ValidateFunction>;
}

export class UnknownConditionError extends Error {
  constructor(pointer: string) {
    super(
      `No compiled condition for ${pointer}: the validator does not belong to this definition.`,
    );
  }
}

export function createValidator(compiled: CompiledValidators): Validator {
  return {
    validate(data: unknown): FieldError[] {
      return compiled.validate(data) ? [] : normalizeErrors(compiled.validate.errors);
    },
    test(pointer: string, data: unknown): boolean {
      const condition = compiled.conditions[pointer];
      if (!condition) throw new UnknownConditionError(pointer);
      return condition(data);
    },
  };
}
