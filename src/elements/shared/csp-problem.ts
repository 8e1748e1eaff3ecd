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
import { msg, str } from '@lit/localize';
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
    ? msg(
        "Ihre Content-Security-Policy verlangt Trusted Types (require-trusted-types-for 'script'). Diese verbieten, Code zur Laufzeit zu kompilieren (new Function), solange keine Default-Policy für Trusted Types es erlaubt, auch wenn 'unsafe-eval' erlaubt ist.",
      )
    : msg(
        "Ihre Content-Security-Policy verbietet 'unsafe-eval' (script-src), das zum Kompilieren von Code zur Laufzeit (new Function) nötig ist.",
      );
  return new DefinitionError(
    [
      {
        pointer: '',
        message: msg(
          str`kann auf dieser Seite nicht kompiliert werden. ${cause} Kompilieren Sie die Definition vorab mit dem Befehl des Pakets (npx ozg-forms precompile definition.json) und geben Sie das erzeugte Modul im Attribut "validator" an. (${detail})`,
        ),
      },
    ],
    'The form definition cannot be used here.',
  );
}
