/**
 * Loading a definition: a built-in one (precompiled, strict-CSP safe), a URL, or an object.
 * Definitions that are not built in are checked against the meta-schema (precompiled too) and
 * compiled on demand — which needs `unsafe-eval` and no Trusted Types requirement; under a strict
 * CSP the element says which of them refused it (`csp-problem.ts`), unless a precompiled validator
 * module is given.
 */
import { DefinitionError, parseDefinitionJson } from '../../core/definition-error.js';
import { definitionDigest } from '../../core/digest.js';
import { SchemaModel } from '../../core/schema.js';
import { createValidator, type CompiledValidators } from '../../core/validator.js';
import type { BuiltIn } from '../../core/built-in.js';
import type { Definition, Validator } from '../../core/types.js';

export interface LoadedDefinition {
  definition: Definition;
  validator: Validator;
  model: SchemaModel;
  builtIn: BuiltIn | undefined;
}

const ID = /^[a-z][a-z0-9-]{1,63}$/;

function loaded(
  definition: Definition,
  compiled: CompiledValidators,
  builtIn?: BuiltIn,
): LoadedDefinition {
  const validator = createValidator(compiled);
  return { definition, validator, model: new SchemaModel(definition, validator.test), builtIn };
}

/**
 * Checks a definition against the limits, the meta-schema and the semantic rules (loaded on
 * demand: built-ins need none of it). Not its patterns: see `compileHere`.
 */
async function checkDefinition(source: unknown): Promise<Definition> {
  const [{ checkDefinition: check }, { validate }] = await Promise.all([
    import('../../core/definition.js'),
    import('../../definitions/generated/meta.js'),
  ]);
  return check(source, validate, null);
}

export async function importValidator(url: string): Promise<CompiledValidators> {
  const module = (await import(
    /* @vite-ignore */ new URL(url, document.baseURI).href
  )) as CompiledValidators;
  if (typeof module.validate !== 'function' || typeof module.conditions !== 'object') {
    throw new DefinitionError([
      { pointer: '', message: `${url} is no precompiled validator module` },
    ]);
  }
  return module;
}

export type Part = 'form' | 'quickCheck';

/** Compiles at run time, where the page allows it (no strict CSP). */
async function compileHere(
  definition: Definition,
  part: Part = 'form',
): Promise<CompiledValidators> {
  try {
    // Probe first: the compiler needs `new Function`, which a strict CSP refuses.
    new Function('return 1')();
  } catch (error) {
    const { cspProblem } = await import('./csp-problem.js');
    throw cspProblem(error);
  }
  // Its patterns will run in this page: the ReDoS analysis first (large: loaded only for a
  // definition that has patterns; `npx ozg-forms precompile` ran it for a precompiled module).
  const [{ compileDefinition }, { checkPatternsHere }] = await Promise.all([
    import('../../core/compile.js'),
    import('../../core/definition.js'),
  ]);
  await checkPatternsHere(definition);
  return compileDefinition(definition, part);
}

/**
 * Checks a definition that is not built in and pairs it with its validator. A precompiled module
 * names the fingerprint of the definition it was compiled (and checked) from: a match needs no
 * second check, a mismatch is refused — the validator would validate another form.
 */
export async function checked(
  source: unknown,
  validator: Promise<CompiledValidators> | undefined,
  part: Part = 'form',
): Promise<{ definition: Definition; compiled: CompiledValidators }> {
  if (!validator) {
    const definition = await checkDefinition(source);
    needsQuickCheck(definition, part);
    return { definition, compiled: await compileHere(definition, part) };
  }
  // A fingerprint that cannot be computed (e.g. a definition nested too deep for the recursion,
  // which no precompiled module can match) leaves it to the check below, which names the limit.
  const [module, digest] = await Promise.all([
    validator,
    definitionDigest(source).catch(() => undefined),
  ]);
  const claimed = (module as { definitionDigest?: unknown }).definitionDigest;
  if (digest !== undefined && typeof claimed === 'string') {
    if (digest !== claimed) {
      // What is wrong with the definition itself (beyond a limit, say) comes first, if anything.
      await checkDefinition(source);
      throw new DefinitionError([
        {
          pointer: '',
          message:
            'does not match its validator module, which was compiled from another definition: precompile it again',
        },
      ]);
    }
    needsQuickCheck(source as Definition, part);
    return { definition: source as Definition, compiled: partOf(module, part) };
  }
  // No Web Crypto (a page on plain http), no fingerprint, or a module without one: check here.
  const definition = await checkDefinition(source);
  needsQuickCheck(definition, part);
  return { definition, compiled: partOf(module, part) };
}

function needsQuickCheck(definition: Definition, part: Part): void {
  if (part === 'quickCheck' && !definition.quickCheck) {
    throw new DefinitionError([
      { pointer: '/quickCheck', message: 'is missing: this service has no quick-check' },
    ]);
  }
}

/** The validators of a part from a precompiled module (`npx ozg-forms precompile` puts both in one). */
function partOf(module: CompiledValidators, part: Part): CompiledValidators {
  if (part === 'form') return module;
  const quickCheck = (module as { quickCheck?: CompiledValidators }).quickCheck;
  if (!quickCheck || typeof quickCheck.validate !== 'function') {
    throw new DefinitionError([
      {
        pointer: '',
        message: 'has a quick-check, but its validator module has none: precompile it again',
      },
    ]);
  }
  return quickCheck;
}

/** Fetches a definition given by URL, within the size limit (not yet checked). */
export async function fetchDefinition(name: string, doFetch: typeof fetch): Promise<unknown> {
  if (name === '' || ID.test(name)) {
    const { builtIns } = await registry();
    throw new DefinitionError([
      {
        pointer: '',
        message: `"${name}" is no built-in service (${Object.keys(builtIns).join(', ')}) and no URL of a definition`,
      },
    ]);
  }
  let response: Response;
  try {
    response = await doFetch(name, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new DefinitionError([
      { pointer: '', message: `could not be loaded from ${name} (${String(error)})` },
    ]);
  }
  if (!response.ok) {
    throw new DefinitionError([
      { pointer: '', message: `could not be loaded from ${name} (HTTP ${response.status})` },
    ]);
  }
  return parseDefinitionJson(await response.text());
}

/**
 * The built-in services' registry: loaded with the first definition, not before the first render
 * (each service adds to it, and a page shows one).
 */
const registry = () => import('../../definitions/generated/index.js');

/** The built-in service `name` (its modules, each loaded on demand), if there is one. */
export async function builtInNamed(name: string): Promise<BuiltIn | undefined> {
  if (!ID.test(name)) return undefined;
  const { builtIns } = await registry();
  return Object.prototype.hasOwnProperty.call(builtIns, name) ? builtIns[name] : undefined;
}

export interface LoadOptions {
  validator?: string | undefined;
  fetch?: typeof fetch;
}

export async function loadDefinition(
  source: string | Definition,
  options: LoadOptions = {},
): Promise<LoadedDefinition> {
  // A precompiled validator module loads while the definition is fetched and checked.
  const validator = options.validator ? importValidator(options.validator) : undefined;
  validator?.catch(() => undefined);
  if (typeof source !== 'string') {
    const { definition, compiled } = await checked(source, validator);
    return loaded(definition, compiled);
  }
  const name = source.trim();
  const builtIn = await builtInNamed(name);
  if (builtIn) {
    const module = await builtIn.load();
    return loaded(module.definition, module, builtIn);
  }
  const json = await fetchDefinition(name, options.fetch ?? fetch);
  const { definition, compiled } = await checked(json, validator);
  return loaded(definition, compiled);
}
