/**
 * The message for the web editor when a definition is broken or unreachable: loaded only then
 * (see `DefinitionController.renderProblems`), so no citizen's phone downloads it otherwise.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import type { DefinitionProblem } from '../../core/types.js';

export function renderProblems(kind: 'form' | 'check', problems: DefinitionProblem[]) {
  return html`<div part="base">
    <div class="definition-error" part="definition-error" role="alert">
      <h2>
        ${kind === 'form' ? msg('Das Formular kann nicht angezeigt werden.') : msg('Die Prüfung kann nicht angezeigt werden.')}
      </h2>
      <p>
        ${msg(
          'Hinweis für die Redaktion: Die Formulardefinition ist fehlerhaft oder nicht erreichbar. Bitte prüfen Sie diese Stellen:',
        )}
      </p>
      <ul>
        ${problems.map((p) => html`<li><code>${p.pointer || '/'}</code>: ${p.message}</li>`)}
      </ul>
    </div>
  </div>`;
}
