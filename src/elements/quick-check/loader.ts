/** Loading a definition's quick-check: its own small module when built in, else checked like any definition. */
import { DefinitionError } from '../../core/definition-error.js';
import {
  needsSolvency,
  QuickCheckEvaluator,
  quickCheckModel,
  datedValidator,
} from '../../core/quick-check.js';
import { createValidator, type CompiledValidators } from '../../core/validator.js';
import type { BuiltIn } from '../../core/built-in.js';
import type { Definition, Validator } from '../../core/types.js';
import {
  builtInNamed,
  checked,
  fetchDefinition,
  importValidator,
  type LoadOptions,
} from '../shared/loader.js';

export interface LoadedQuickCheck {
  definition: Definition;
  evaluator: QuickCheckEvaluator;
  validator: Validator;
  /** Translations of its texts, by language, for a built-in definition. */
  builtInTexts: BuiltIn['texts'] | undefined;
  /** The code that shows how computed values were worked out, when the check has any. */
  workings?: typeof import('./solvency-view.js');
}

async function loadedQuickCheck(
  definition: Definition,
  compiled: CompiledValidators,
  builtInTexts?: BuiltIn['texts'],
): Promise<LoadedQuickCheck> {
  const compiledValidator = createValidator(compiled);
  // The solvency estimate and its workings load only with a check that has one.
  const workings = needsSolvency(definition.quickCheck)
    ? await import('./solvency-view.js')
    : undefined;
  const model = quickCheckModel(definition, compiledValidator.test);
  const evaluator = new QuickCheckEvaluator(
    model,
    compiledValidator.test,
    workings && { solvency: workings.estimateSolvency },
  );
  const validator = datedValidator(compiledValidator, model);
  return { definition, evaluator, validator, builtInTexts, workings };
}

/** Loads a definition's quick-check: built in (its own small module), by URL, or an object. */
export async function loadQuickCheck(
  source: string | Definition,
  options: LoadOptions = {},
): Promise<LoadedQuickCheck> {
  const validator = options.validator ? importValidator(options.validator) : undefined;
  validator?.catch(() => undefined);
  if (typeof source !== 'string') {
    const { definition, compiled } = await checked(source, validator, 'quickCheck');
    return loadedQuickCheck(definition, compiled);
  }
  const name = source.trim();
  const builtIn = await builtInNamed(name);
  if (builtIn) {
    if (!builtIn.quickCheck) {
      throw new DefinitionError([
        { pointer: '/quickCheck', message: `is missing: "${name}" has no quick-check` },
      ]);
    }
    const module = await builtIn.quickCheck.load();
    return loadedQuickCheck(module.definition, module, builtIn.quickCheck.texts);
  }
  const json = await fetchDefinition(name, options.fetch ?? fetch);
  const { definition, compiled } = await checked(json, validator, 'quickCheck');
  return loadedQuickCheck(definition, compiled);
}
