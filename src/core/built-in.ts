import type { CompiledValidators } from './validator.js';
import type { Definition } from './types.js';
import type { Translations } from './texts.js';

/** A precompiled definition module (src/definitions/generated/<id>.ts). */
export interface CompiledDefinition extends CompiledValidators {
  definition: Definition;
}

/** A built-in definition: its module and its translations, each loaded on demand. */
export interface BuiltIn {
  load: () => Promise<CompiledDefinition>;
  texts: Record<string, () => Promise<{ default: Translations }>>;
  /**
   * The quick-check alone, if the definition has one: `definition` is the definition without the
   * application's schema and steps; `validate` and `conditions` are the quick-check's.
   */
  quickCheck?: {
    load: () => Promise<CompiledDefinition>;
    texts: Record<string, () => Promise<{ default: Translations }>>;
  };
}
