/** The authority's read-only inbox page: plain HTML, every value escaped, no script. */
import type { Store, SubmissionSummary } from './store.js';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function person(data: unknown): string {
  const p = (data as { person?: { familyName?: unknown; givenNames?: unknown } } | undefined)
    ?.person;
  return p ? `${String(p.familyName ?? '')}, ${String(p.givenNames ?? '')}` : '';
}

export function inboxPage(
  page: { total: number; items: SubmissionSummary[] },
  store: Store,
): string {
  const rows = page.items
    .map((item) => {
      const record = store.get(item.id);
      return `<tr><td><a href="/api/submissions/${escapeHtml(item.id)}">${escapeHtml(item.reference)}</a></td><td>${escapeHtml(
        item.receivedAt,
      )}</td><td>${escapeHtml(item.definitionId)} ${escapeHtml(item.definitionVersion)}</td><td>${escapeHtml(
        person(record?.data),
      )}</td></tr>`;
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
<thead><tr><th scope="col">Vorgangsnummer</th><th scope="col">Eingang (UTC)</th><th scope="col">Leistung</th><th scope="col">Antragsteller/in</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>`;
}
