/**
 * Why a definition without a precompiled validator cannot be compiled in this page, for the web
 * editor. Loaded only when that happens.
 *
 * Two policies refuse `new Function`: a `script-src` without `'unsafe-eval'`, and Trusted Types
 * (`require-trusted-types-for 'script'`), which refuses compiling a plain string also where
 * `'unsafe-eval'` is allowed, unless a default Trusted Types policy lets it through.
 * Which one applies is found out by the spec's own rule: with Trusted Types required, assigning a
 * plain string to a script's text throws.
 */
import { DefinitionError } from '../../core/definition-error.js';

function trustedTypesRequired(): boolean {
  try {
    document.createElement('script').text = '';
    return false;
  } catch {
    return true;
  }
}

export function cspProblem(error: unknown): DefinitionError {
  const detail = error instanceof Error ? error.message : String(error);
  const cause = trustedTypesRequired()
    ? "its Content-Security-Policy requires Trusted Types (require-trusted-types-for 'script'), " +
      'which refuse compiling code at run time (new Function) unless a default Trusted Types ' +
      "policy lets it through, also where 'unsafe-eval' is allowed"
    : "its Content-Security-Policy forbids 'unsafe-eval' (script-src), which compiling code at " +
      'run time (new Function) needs';
  return new DefinitionError(
    [
      {
        pointer: '',
        message:
          `cannot be compiled in this page: ${cause}. Precompile the definition ` +
          '(npm run precompile -- definition.json) and give the module in the "validator" ' +
          `attribute. (${detail})`,
      },
    ],
    'The form definition cannot be used here.',
  );
}
