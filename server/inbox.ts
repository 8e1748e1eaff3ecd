/** The authority's read-only inbox page: plain HTML, every value escaped, no script. */
import { partiesOf } from '../src/core/parties.js';
import { getAt } from '../src/core/pointer.js';
import type { ServedDefinition } from './definitions.js';
import { stateAt } from './handoffs.js';
import type { Store, SubmissionSummary } from './store.js';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Whose application it is: the names at the pointers the definition maps identity attributes to
 * (`familyName`, `givenNames`), else at `/person`.
 */
function person(data: unknown, served: ServedDefinition | undefined): string {
  const attributes = served?.definition.identity?.attributes ?? {};
  const at = (pointer: string | undefined, fallback: string) => {
    const value = getAt(data, pointer ?? fallback);
    return typeof value === 'string' ? value : '';
  };
  const family = at(attributes.familyName, '/person/familyName');
  const given = at(attributes.givenNames, '/person/givenNames');
  return family || given ? `${family}, ${given}` : '';
}

/** Links to the later parties' parts as PDFs, for a complete application. */
function partLinks(item: SubmissionSummary, state: string, served: ServedDefinition | undefined) {
  if (state !== 'received' || !served) return '';
  return partiesOf(served.definition)
    .slice(1)
    .map(
      (party) =>
        ` · <a href="/api/submissions/${escapeHtml(item.id)}/parts/${escapeHtml(party.id)}.pdf">${escapeHtml(
          served.texts.get(
            `/parties/${partiesOf(served.definition).indexOf(party)}/title`,
            party.title,
          ),
        )} (PDF)</a>`,
    )
    .join('');
}

/** Where an application stands, in the authority's words. */
function stateText(
  item: SubmissionSummary,
  state: SubmissionSummary['state'],
  definitions: Map<string, ServedDefinition>,
): string {
  const definition = definitions.get(item.definitionId)?.definition;
  switch (state) {
    case 'waiting-for-party': {
      const party = definition ? partiesOf(definition)[1]?.title : undefined;
      return `wartet auf ${party ?? 'die zweite Partei'} (Link gültig bis ${item.expiresAt ?? '?'})`;
    }
    case 'expired':
      return 'abgelaufen: nicht vervollständigt, Angaben gelöscht';
    case 'prepared':
      return `für einen Termin vorbereitet (gelöscht ab ${item.expiresAt ?? '?'})`;
    default:
      return item.completedAt ? `eingegangen, vervollständigt ${item.completedAt}` : 'eingegangen';
  }
}

export function inboxPage(
  page: { total: number; items: SubmissionSummary[] },
  store: Store,
  definitions: Map<string, ServedDefinition> = new Map(),
  now = Date.now(),
): string {
  const rows = page.items
    .map((item) => {
      const state = stateAt(item, now);
      // An expired application's data is deleted; it is never shown, also before the sweep ran.
      const shown = state !== 'expired';
      const record = shown ? store.get(item.id) : undefined;
      const served = definitions.get(item.definitionId);
      const reference = shown
        ? `<a href="/api/submissions/${escapeHtml(item.id)}">${escapeHtml(item.reference)}</a>${partLinks(item, state, served)}`
        : escapeHtml(item.reference);
      return `<tr data-state="${escapeHtml(state)}"><td>${reference}</td><td>${escapeHtml(
        item.receivedAt,
      )}</td><td>${escapeHtml(item.definitionId)} ${escapeHtml(item.definitionVersion)}</td><td>${escapeHtml(
        stateText(item, state, definitions),
      )}</td><td>${escapeHtml(person(record?.data, served))}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Posteingang – ozg-forms Referenzserver</title><link rel="stylesheet" href="/demo/inbox.css"></head>
<body><main>
<h1>Posteingang</h1>
<p>${page.total === 1 ? '1 Antrag' : `${page.total} Anträge`} eingegangen. Nur lesend; personenbezogene Daten – nicht weitergeben.</p>
<table><caption>Eingegangene Anträge, neueste zuerst</caption>
<thead><tr><th scope="col">Vorgangsnummer</th><th scope="col">Eingang (UTC)</th><th scope="col">Leistung</th><th scope="col">Stand</th><th scope="col">Antragsteller/in</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>`;
}
