/**
 * The workings of a solvency estimate (Bonitätsrechner) under its criterion: the formula with the
 * host's own figures, the minimum net income for their household and guests, what does not count,
 * what an authority may accept instead, and where the figures come from. Loaded with the first
 * result that has one, with its styles.
 */
import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { getAt, joinPointer } from '../../core/pointer.js';
import type { CriterionResult, QuickCheckResult } from '../../core/quick-check.js';
import type { SolvencyResult } from '../../core/solvency.js';
import type { Texts } from '../../core/texts.js';
import type { Criterion, Definition, SolvencyComputation } from '../../core/types.js';
import { intlLocale } from '../../core/locale.js';
import { addStyles } from '../shared/styles.js';

export { estimateSolvency } from '../../core/solvency.js';

export const solvencyStyles = css`
  .workings {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0.75rem 0;
  }
  .workings h5 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .workings dl {
    margin: 0 0 0.75rem;
  }
  .workings dt {
    font-weight: 600;
  }
  .workings dd {
    margin: 0 0 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .workings .stale {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
    font-weight: 600;
  }
  @media print {
    .workings {
      break-inside: avoid;
    }
  }
`;

/** Adds the workings' styles to the check's shadow root. */
export function adopt(root: ShadowRoot): void {
  addStyles(root, solvencyStyles);
}

export interface SolvencyView {
  result: SolvencyResult;
  spec: SolvencyComputation;
  /** Pointer of the computation in the definition (its texts: `…/notCounted`, `…/periods/0/source`). */
  pointer: string;
  texts: Texts;
  language: string;
  /** The day of the check (`YYYY-MM-DD`). */
  day: string;
}

/** The workings of the computed value a criterion explains (`explain`), if there is one. */
export function renderWorkings(
  criterion: CriterionResult,
  result: QuickCheckResult,
  definition: Definition,
  texts: Texts,
  language: string,
) {
  const name = (getAt(definition, criterion.pointer) as Criterion).explain;
  const computed = name ? definition.quickCheck?.computed?.[name] : undefined;
  const value = name ? result.computed[name] : undefined;
  if (!computed || !('solvency' in computed) || !value) return nothing;
  return renderSolvency({
    result: value as SolvencyResult,
    spec: computed.solvency,
    pointer: joinPointer('/quickCheck/computed', name!, 'solvency'),
    texts,
    language,
    day: result.date,
  });
}

export function renderSolvency({ result, spec, pointer, texts, language, day }: SolvencyView) {
  const locale = intlLocale(language);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const euros = (cents: number) => money.format(cents / 100);
  const whole = (cents: number) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(cents / 100);
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));
  const text = (...tokens: (string | number)[]) => texts.get(joinPointer(pointer, ...tokens));

  const needLine = html`${result.adults} × ${euros(spec.need.adult)} ${msg('(Erwachsene)')} +
  ${result.minors} × ${euros(spec.need.minor)} ${msg('(Kinder)')} = ${euros(result.need)}`;
  const dependants =
    result.dependants === 0
      ? msg('Unpfändbar, wenn Sie niemandem Unterhalt gewähren (Pfändungsfreigrenze)')
      : result.dependants === 1
        ? msg('Unpfändbar für Sie und 1 Person, der Sie Unterhalt gewähren (Pfändungsfreigrenze)')
        : msg(
            str`Unpfändbar für Sie und ${result.dependants} Personen, denen Sie Unterhalt gewähren (Pfändungsfreigrenze)`,
          );
  const difference = result.income - result.minimum;

  let rows;
  let sources;
  if (result.method === 'table') {
    const household =
      result.minimum - result.adults * spec.table!.adult - result.minors * spec.table!.minor;
    rows = html`<dt>${msg('Ihr Nettoeinkommen im Monat')}</dt>
      <dd>${euros(result.income)}</dd>
      <dt>${msg('Mindestnettoeinkommen nach der Tabelle Ihrer Behörde')}</dt>
      <dd>
        ${euros(household)} ${msg('(Ihr Haushalt)')} + ${result.adults} ×
        ${euros(spec.table!.adult)} ${msg('(Erwachsene)')} + ${result.minors} ×
        ${euros(spec.table!.minor)} ${msg('(Kinder)')} = ${euros(result.minimum)}
      </dd>`;
    sources = html`<p class="basis">${msg('Quelle:')} ${text('table', 'source')}</p>`;
  } else {
    const period = spec.periods[result.period!]!;
    const aboveCeiling = result.minimum > result.ceiling!;
    rows = html`<dt>${msg('Ihr Nettoeinkommen im Monat')}</dt>
      <dd>${euros(result.income)}</dd>
      <dt>${dependants}</dt>
      <dd>${euros(result.exempt!)}</dd>
      <dt>${msg('Davon pfändbar (pfändbares Einkommen)')}</dt>
      <dd>
        ${
          result.income > result.exempt!
            ? html`${result.share} % × (${euros(Math.min(result.income, result.ceiling!))} −
              ${euros(result.exempt!)})${
                result.income > result.ceiling!
                  ? html` + ${euros(result.income - result.ceiling!)}`
                  : nothing
              }
              = ${euros(result.seizable!)}`
            : euros(0)
        }
      </dd>
      <dt>${msg('Bedarf Ihrer Gäste im Monat')}</dt>
      <dd>${needLine}</dd>
      <dt>${msg('Mindestnettoeinkommen für Ihren Haushalt und Ihre Gäste')}</dt>
      <dd>
        ${
          aboveCeiling
            ? msg(str`rund ${whole(result.minimum)}`)
            : html`${euros(result.exempt!)} + ${euros(result.need)} ÷ ${result.share} % ≈
              ${whole(result.minimum)}`
        }
      </dd>`;
    sources = html`${
        result.income > result.ceiling! || aboveCeiling
          ? html`<p>
              ${msg(
                str`Einkommen über ${euros(result.ceiling!)} ist ganz pfändbar (§ 850c Abs. 3 ZPO).`,
              )}
            </p>`
          : nothing
      }
      <p class="basis">
        ${
          period.validUntil
            ? msg(
                str`Pfändungsfreigrenzen vom ${date(period.validFrom)} bis ${date(
                  previousDay(period.validUntil),
                )}:`,
              )
            : msg(str`Pfändungsfreigrenzen ab ${date(period.validFrom)}:`)
        }
        ${text('periods', result.period!, 'source')}.
      </p>`;
  }

  return html`<div class="workings" part="workings">
    ${
      result.current
        ? nothing
        : html`<p class="stale" part="workings-stale">
            ${
              spec.periods.every((p) => day < p.validFrom)
                ? msg(
                    str`Für den ${date(day)} sind hier keine Pfändungsfreigrenzen hinterlegt: Die Schätzung rechnet mit den zuletzt hinterlegten, späteren Werten. Für einen früheren Tag fragen Sie die Behörde.`,
                  )
                : msg(
                    str`Für den ${date(day)} sind hier noch keine Pfändungsfreigrenzen hinterlegt. Die Schätzung rechnet mit den zuletzt hinterlegten Werten. Die Grenzen steigen meist jedes Jahr am 1. Juli: Das nötige Einkommen kann daher höher sein.`,
                  )
            }
          </p>`
    }
    <h5>${msg('So haben wir gerechnet')}</h5>
    <dl>${rows}</dl>
    <p>
      <strong
        >${
          difference >= 0
            ? msg(str`Ihr Einkommen liegt ${whole(difference)} über dem Mindesteinkommen.`)
            : msg(str`Ihnen fehlen rund ${whole(-difference)} im Monat.`)
        }</strong
      >
    </p>
    ${sources}
    <p class="basis">${msg('Bedarf je Gast:')} ${text('need', 'source')}.</p>
    ${spec.notCounted ? html`<p>${text('notCounted')}</p>` : nothing}
    ${spec.alternatives ? html`<p>${text('alternatives')}</p>` : nothing}
    <p class="note">
      ${msg(
        'Das ist eine Schätzung. Jede Ausländerbehörde legt eigene Grenzen fest und prüft Ihre Nachweise.',
      )}
    </p>
  </div>`;
}

/** The day before `day` (`YYYY-MM-DD`): the last day of a period that ends on `day`. */
function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
