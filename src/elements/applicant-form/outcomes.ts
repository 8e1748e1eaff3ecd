/**
 * How `<applicant-form>`'s flow ends besides "submitted": the checklist for an appointment (the
 * declaration is given in person), and the hand-off to a second party (e.g. the employer) with the
 * link, its QR code and where the application stands. Also opening such links. Part of the pages'
 * code, loaded when needed.
 */
import { html, nothing, svg } from 'lit';
import { msg, str } from '@lit/localize';
import { computeFees } from '../../core/fees.js';
import { bookingUrl, checklist, identityEnough, outcomePointer } from '../../core/outcome.js';
import { partyNamed, sharedView } from '../../core/parties.js';
import { getAt } from '../../core/pointer.js';
import { labelOf } from '../../core/fields.js';
import type { AppointmentOutcome } from '../../core/types.js';
import type { HandOffView, StageContext, StageHost } from './context.js';
import { intlLocale } from '../../core/locale.js';

/** The hand-off endpoint beside the submission endpoint (`/api/submissions` → `/api/handoffs`). */
export function handOffsUrl(endpoint: string): string {
  return new URL('handoffs', new URL(endpoint, document.baseURI)).href;
}

function statusUrl(endpoint: string): string {
  return `${new URL(endpoint, document.baseURI).href.replace(/\/$/, '')}/status`;
}

function formatDate(h: StageContext, iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime())
    ? new Intl.DateTimeFormat(h.language, { dateStyle: 'long' }).format(date)
    : '';
}

async function getJson(url: string, headers: Record<string, string>): Promise<[number, unknown]> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
    return [response.status, response.ok ? await response.json() : undefined];
  } catch {
    return [0, undefined];
  }
}

/**
 * Opens a link from the fragment of the page's address (`hash`): a hand-off (a later party fills
 * in their part) or a status link (the first party asks where the application stands).
 */
export async function openLink(h: StageHost, hash: string): Promise<void> {
  const [, kind, secret] = /^#ozg-(handoff|status)=([\w-]{20,200})$/.exec(hash) ?? [];
  const endpoint = h.settings.endpoint;
  if (!kind || !secret) {
    h.opened(); // not a link of ours: the form as usual
    return;
  }
  if (!endpoint) {
    h.send.status = { kind: 'failed', failure: { ok: false, kind: 'config' } };
    h.opened();
    return h.go('outcome');
  }
  if (kind === 'status') {
    h.send.statusSecret = secret;
    h.send.sent = true;
    h.opened();
    h.go('outcome');
    return refreshStanding(h);
  }
  const [status, body] = await getJson(handOffsUrl(endpoint), { 'x-handoff-token': secret });
  const view = body as Partial<HandOffView> & { definition?: { id?: string } };
  if (
    status === 200 &&
    typeof view?.party === 'string' &&
    partyNamed(h.loaded.definition, view.party)
  ) {
    return h.opened({
      token: secret,
      party: view.party,
      shared: sharedView(h.loaded.definition, view.party, view.shared),
      expiresAt: String(view.expiresAt ?? ''),
    });
  }
  h.send.linkProblem = status;
  h.opened();
  h.go('outcome');
}

/** Asks the endpoint where the application stands (by the status secret). */
async function refreshStanding(h: StageHost): Promise<void> {
  const [status, body] = await getJson(statusUrl(h.settings.endpoint!), {
    'x-status-secret': h.send.statusSecret!,
  });
  const answer = body as { status?: unknown; reference?: unknown; expiresAt?: unknown } | undefined;
  if (status === 200 && typeof answer?.status === 'string') {
    h.send.standing = {
      status: answer.status,
      expiresAt: typeof answer.expiresAt === 'string' ? answer.expiresAt : undefined,
    };
    if (typeof answer.reference === 'string') h.send.reference = answer.reference;
    h.announce(standingText(h.send.standing.status, partyTitle(h)));
  } else {
    h.send.linkProblem = status;
  }
  h.update();
}

function partyTitle(h: StageContext): string {
  const parties = h.loaded.definition.parties ?? [];
  return parties.length > 1 ? h.texts.get('/parties/1/title') : '';
}

function standingText(status: string, party: string): string {
  switch (status) {
    case 'waiting-for-party':
      return msg(str`Der Antrag wartet auf die Angaben von: ${party}`);
    case 'received':
      return msg('Der Antrag ist vollständig bei der Behörde eingegangen.');
    case 'expired':
      return msg(
        'Der Link ist abgelaufen, ohne dass die Angaben ergänzt wurden. Bitte stellen Sie den Antrag neu.',
      );
    default:
      return msg('Der Stand des Antrags ist nicht bekannt.');
  }
}

/** A QR code of `text` as SVG (lean-qr's bitmap; no image URL, so no CSP exception needed). */
async function qrCode(text: string) {
  const [{ generate }, { toSvgPath }] = await Promise.all([
    import('lean-qr/nano'),
    import('lean-qr/extras/svg'),
  ]);
  const code = generate(text);
  const size = code.size + 8;
  return svg`<svg class="qr" viewBox="-4 -4 ${size} ${size}" role="img" aria-hidden="true"
    ><rect x="-4" y="-4" width=${size} height=${size} fill="#fff"></rect
    ><path d=${toSvgPath(code)} fill="#000"></path
  ></svg>`;
}

const codes = new Map<string, unknown>();

function renderQr(h: StageHost, link: string) {
  if (!codes.has(link)) {
    codes.set(link, nothing);
    void qrCode(link).then(
      (code) => {
        codes.set(link, code);
        h.update();
      },
      () => undefined, // offline: the link is there to copy
    );
  }
  return codes.get(link);
}

/** The first party's page after its part is stored: the link for the next party, and the state. */
export function renderHandOff(h: StageHost) {
  const { send } = h;
  const party = partyTitle(h);
  const page = h.settings.handoffHref
    ? new URL(h.settings.handoffHref, document.baseURI)
    : new URL(location.href);
  page.hash = '';
  const link = send.handOff ? `${page.href}#ozg-handoff=${send.handOff.token}` : undefined;
  const statusLink = `${new URL(location.href).href.replace(/#.*$/, '')}#ozg-status=${send.statusSecret}`;
  const standing = send.standing?.status;
  return html`<div class="confirmation handoff" part="confirmation">
    <h3 id="step-heading" part="step-heading" tabindex="-1">
      ${standing === 'received' ? msg('Ihr Antrag ist eingegangen.') : msg(str`Jetzt ist an der Reihe: ${party}`)}
    </h3>
    ${
      send.reference
        ? html`<p>${msg('Ihre Vorgangsnummer:')}</p>
            <p class="reference">${send.reference}</p>`
        : nothing
    }
    ${
      link
        ? html`<p>
              ${msg(str`Ihr Teil des Antrags ist gespeichert. Geben Sie diesen Link weiter an: ${party}. Mit dem Link werden die fehlenden Angaben ergänzt, auf jedem Gerät und ohne Anmeldung.`)}
            </p>
            <label for="handoff-link">${msg('Link für die Ergänzung')}</label>
            <input id="handoff-link" class="link-copy" readonly .value=${link} />
            <div class="actions">
              <button
                type="button"
                part="button"
                @click=${() =>
                  void navigator.clipboard?.writeText(link).then(
                    () => h.announce(msg('Der Link wurde kopiert.')),
                    () => undefined,
                  )}
              >
                ${msg('Link kopieren')}
              </button>
              ${
                'share' in navigator
                  ? html`<button
                      type="button"
                      part="button"
                      class="secondary"
                      @click=${() => void navigator.share({ url: link }).catch(() => undefined)}
                    >
                      ${msg('Link teilen')}
                    </button>`
                  : nothing
              }
            </div>
            <figure>
              ${renderQr(h, link)}
              <figcaption>${msg('Oder lassen Sie diesen Code mit dem Handy scannen.')}</figcaption>
            </figure>
            <p>${msg(str`Der Link gilt bis zum ${formatDate(h, send.handOff!.expiresAt)}.`)}</p>`
        : nothing
    }
    <h4>${msg('Stand des Antrags')}</h4>
    <p class="status" part="status" role="status">
      ${standing ? standingText(standing, party) : msg('Der Stand wird abgefragt …')}
    </p>
    <button type="button" part="button" class="secondary" @click=${() => void refreshStanding(h)}>
      ${msg('Stand aktualisieren')}
    </button>
    <p>
      ${msg('Mit diesem Link können Sie den Stand später wieder ansehen. Bitte bewahren Sie ihn auf und geben Sie ihn nicht weiter:')}
    </p>
    <input
      class="link-copy"
      readonly
      aria-label=${msg('Link zum Stand des Antrags')}
      .value=${statusLink}
    />
  </div>`;
}

/** The end of an appointment flow: what to bring, the reference, how to book. Never "submitted". */
export function renderAppointment(h: StageHost) {
  const { definition, validator } = h.loaded;
  const outcome = h.outcome as AppointmentOutcome;
  const items = checklist(definition, outcome, h.loaded.model.prune(h.data), validator.test);
  const reference = h.send.reference;
  let booking: string | undefined;
  try {
    booking =
      outcome.booking && reference
        ? bookingUrl(outcome, { reference, service: definition.id })
        : undefined;
  } catch {
    booking = undefined; // a template the check let through cannot become an https link
  }
  const base = Array.isArray(definition.outcome)
    ? `/outcome/${definition.outcome.indexOf(outcome)}`
    : '/outcome';
  return html`<div class="confirmation appointment" part="confirmation">
    <h3 id="step-heading" part="step-heading" tabindex="-1">
      ${msg('Ihre Angaben für den Termin sind vorbereitet.')}
    </h3>
    <p>
      ${msg('Die Erklärung geben Sie persönlich bei der Behörde ab. Sie ist erst mit Ihrer Unterschrift dort abgegeben.')}
    </p>
    ${renderIdentityNote(h)}
    ${outcome.description ? html`<p>${h.texts.get(`${base}/description`)}</p>` : nothing}
    ${
      reference
        ? html`<p>${msg('Ihre Vorgangsnummer für den Termin:')}</p>
            <p class="reference">${reference}</p>
            <p>
              ${msg('Bitte nennen Sie die Vorgangsnummer bei der Terminbuchung und beim Termin.')}
            </p>`
        : nothing
    }
    ${renderAppointmentFee(h)}
    <h4>${msg('Bitte bringen Sie zum Termin mit:')}</h4>
    <ul class="checklist">
      ${items.map(
        (item) =>
          html`<li>
            ${h.texts.get(`${item.pointer}/title`)}
            ${item.description ? html`<br /><span class="hint">${h.texts.get(`${item.pointer}/description`)}</span>` : nothing}
          </li>`,
      )}
    </ul>
    <div class="actions">
      ${
        booking
          ? html`<a class="button" part="button" href=${booking} target="_blank" rel="noopener"
              >${outcome.booking?.title ? h.texts.get(`${base}/booking/title`) : msg('Termin buchen')}</a
            >`
          : nothing
      }
      <button type="button" part="button" class="secondary" @click=${() => print()}>
        ${msg('Liste drucken')}
      </button>
    </div>
  </div>`;
}

/** The fee for these answers, taken at the appointment: each item, and the total. */
function renderAppointmentFee(h: StageHost) {
  const { definition, model, validator } = h.loaded;
  const due = computeFees(definition, model.prune(h.data), validator.test);
  if (due.total === 0) return nothing;
  const money = new Intl.NumberFormat(intlLocale(h.language), {
    style: 'currency',
    currency: due.currency,
  });
  const total = money.format(due.total / 100);
  return html`<h4>${msg('Gebühr')}</h4>
    <ul class="fees" part="fees">
      ${due.lines.map(
        (line) =>
          html`<li>
            ${h.texts.get(`${line.pointer}/title`)}${line.quantity > 1 ? ` (${line.quantity} ×)` : ''}:
            ${money.format(line.amount / 100)}
          </li>`,
      )}
    </ul>
    <p>${msg(str`Sie bezahlen ${total} beim Termin.`)}</p>`;
}

/**
 * Why the flow ends in an appointment though the page offered sending: the submission needs an
 * identity (e.g. the eID) the portal did not confirm. Nothing when it is not so.
 */
export function renderIdentityNote(h: StageContext) {
  const { definition } = h.loaded;
  const offered = [definition.outcome ?? { type: 'submission' as const }].flat();
  const requested = h.settings.outcome
    ? offered.find((o) => o.type === h.settings.outcome)
    : offered[0];
  if (
    requested?.type !== 'submission' ||
    !requested.identity ||
    identityEnough(requested, h.identity?.trustLevel)
  )
    return nothing;
  return html`<p class="status" part="identity-note">
    ${h.texts.get(`${outcomePointer(definition, 'submission')}/identity/explanation`)}
  </p>`;
}

/** A hand-off or status link that could not be opened: why, and what to do. */
export function renderLinkProblem(h: StageHost) {
  const code = h.send.linkProblem;
  const text =
    code === 410
      ? msg(
          'Dieser Link ist abgelaufen oder wurde schon verwendet. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem neuen Antrag.',
        )
      : code === 404
        ? msg('Dieser Link ist nicht gültig. Bitte prüfen Sie, ob er vollständig ist.')
        : msg(
            'Der Link konnte nicht geöffnet werden, weil keine Verbindung besteht. Bitte prüfen Sie Ihre Internetverbindung und laden Sie die Seite neu.',
          );
  return html`<div class="status failure" part="status" role="alert">
    <h3 id="step-heading" part="step-heading" tabindex="-1">${msg('Link nicht verfügbar')}</h3>
    <p>${text}</p>
  </div>`;
}

/**
 * For a later party: what the first party agreed to show them (read only), above their steps
 * and on their review.
 */
export function renderShared(h: StageContext) {
  const view = h.handOff;
  if (!view) return nothing;
  const { model, definition } = h.loaded;
  const shows = partyNamed(definition, view.party)?.handOff?.shows ?? [];
  const rows = shows.flatMap((pointer) => {
    const field = model.fieldAt(pointer, view.shared);
    const value = getAt(view.shared, pointer);
    return field && value !== undefined && typeof value !== 'object'
      ? [
          html`<div class="row">
            <dt>${labelOf(field, h.texts)}</dt>
            <dd>${String(value)}</dd>
          </div>`,
        ]
      : [];
  });
  const first = h.texts.get('/parties/0/title');
  return html`<section class="shared" part="shared" aria-labelledby="shared-title">
    <h4 id="shared-title">${msg(str`Angaben von: ${first}`)}</h4>
    <dl>${rows}</dl>
    <p class="note">
      ${msg(str`Der Link gilt bis zum ${formatDate(h, view.expiresAt)}. Sie brauchen kein Konto.`)}
    </p>
  </section>`;
}
