/**
 * The quick-check's result: the verdict, each requirement with its outcome, explanation and legal
 * basis, and the offer to carry the answers over to the application. Its code loads while the
 * citizen answers (when the page is idle), not before the questions show.
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { PREFILL_TTL_MS } from '../../core/handoff.js';
import { intlLocale } from '../../core/locale.js';
import type { CriterionResult, QuickCheckResult } from '../../core/quick-check.js';
import type { Texts } from '../../core/texts.js';
import type { CriterionOutcome } from '../../core/types.js';
import { said } from '../shared/said.js';
import type { LoadedQuickCheck } from './loader.js';

/** What the result is rendered from, and what its buttons do. */
export interface ResultHost {
  loaded: LoadedQuickCheck;
  texts: Texts;
  language: string;
  applyHref: string | undefined;
  consent: boolean;
  setConsent(consent: boolean): void;
  back(): void;
  restart(): void;
}

function formatDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

function outcomeText(outcome: CriterionOutcome): string {
  switch (outcome) {
    case 'met':
      return msg('Voraussichtlich erfüllt');
    case 'not-met':
      return msg('Voraussichtlich nicht erfüllt');
    default:
      return msg('Bitte lassen Sie sich beraten');
  }
}

function renderVerdict(h: ResultHost, result: QuickCheckResult) {
  const headline =
    result.verdict === 'met'
      ? msg('Sie erfüllen voraussichtlich alle Voraussetzungen.')
      : result.verdict === 'not-met'
        ? msg('Sie erfüllen voraussichtlich nicht alle Voraussetzungen.')
        : msg('Bitte lassen Sie sich beraten.');
  const from = result.metFrom ? formatDate(result.metFrom, h.language) : undefined;
  const detail =
    result.verdict === 'check-with-authority'
      ? msg(
          'Einige Voraussetzungen kann nur die Behörde im Einzelfall prüfen. Das Ergebnis unten sagt, welche.',
        )
      : from
        ? msg(
            str`Wenn Ihre Angaben so bleiben, erfüllen Sie alle Voraussetzungen voraussichtlich ab ${from}.`,
          )
        : undefined;
  return html`<div class="verdict ${result.verdict}" part="verdict">
    <p class="headline">${headline}</p>
    ${detail ? html`<p>${detail}</p>` : nothing}
  </div>`;
}

function renderCriterion(h: ResultHost, criterion: CriterionResult, result: QuickCheckResult) {
  const texts = h.texts;
  return html`<li class=${criterion.outcome} part="criterion">
    <h4>${said(texts, `${criterion.pointer}/title`)}</h4>
    <p class="outcome">${outcomeText(criterion.outcome)}</p>
    <p>${said(texts, `${criterion.rulePointer}/explanation`)}</p>
    ${h.loaded.workings?.renderWorkings(criterion, result, h.loaded.definition, texts, h.language)}
    ${
      criterion.metFrom
        ? html`<p>
            <strong
              >${msg(
                str`Voraussichtlich erfüllt ab ${formatDate(criterion.metFrom, h.language)}.`,
              )}</strong
            >
          </p>`
        : nothing
    }
    ${
      texts.get(`${criterion.pointer}/proof`)
        ? html`<p class="proof">
            ${msg('Nachweis:')} ${said(texts, `${criterion.pointer}/proof`)}
          </p>`
        : nothing
    }
    <p class="basis">
      ${msg('Rechtsgrundlage:')} ${said(texts, `${criterion.pointer}/legalBasis`)}
    </p>
  </li>`;
}

function renderHandoff(h: ResultHost, href: string) {
  const minutes = Math.round(PREFILL_TTL_MS / 60000);
  return html`<div class="handoff" part="handoff">
    <div class="option">
      <input
        type="checkbox"
        id="consent"
        aria-describedby="consent-hint"
        .checked=${h.consent}
        @change=${(e: Event) => h.setConsent((e.target as HTMLInputElement).checked)}
      />
      <label for="consent">${msg('Meine Antworten in den Antrag übernehmen')}</label>
    </div>
    <p id="consent-hint" class="hint">
      ${msg(
        str`Dafür bleiben die passenden Antworten bis zu ${minutes} Minuten in diesem Browser-Tab gespeichert. Übertragen wird nichts, bevor Sie den Antrag selbst absenden.`,
      )}
    </p>
    <a class="apply" part="apply-link" href=${href}>${msg('Zum Antrag')}</a>
  </div>`;
}

export function renderResult(h: ResultHost, result: QuickCheckResult) {
  const quickCheck = h.loaded.definition.quickCheck!;
  return html`<div class="result" part="result">
    <h3 id="result-heading" tabindex="-1">${msg('Ihr Ergebnis')}</h3>
    ${renderVerdict(h, result)}
    <p class="note">
      ${msg(
        str`Rechtsstand: ${formatDate(result.legalState, h.language)}. Geprüft für den ${formatDate(result.date, h.language)}.`,
      )}
    </p>
    <ul class="criteria" part="criteria">
      ${result.criteria.map((c) => renderCriterion(h, c, result))}
    </ul>
    ${
      quickCheck.notice
        ? html`<p class="note" part="notice">${said(h.texts, '/quickCheck/notice')}</p>`
        : nothing
    }
    ${h.applyHref ? renderHandoff(h, h.applyHref) : nothing}
    <div class="actions" part="actions">
      <button
        type="button"
        class="secondary print"
        part="button"
        @click=${() => globalThis.print()}
      >
        ${msg('Drucken oder als PDF speichern')}
      </button>
      <button type="button" class="secondary back" part="button" @click=${() => h.back()}>
        ${msg('Antworten ändern')}
      </button>
      <button type="button" class="link restart" part="button" @click=${() => h.restart()}>
        ${msg('Neu beginnen')}
      </button>
    </div>
  </div>`;
}
