/**
 * What comes after the last step of `<applicant-form>`: the documents page, the review, the
 * payment step, the confirmation, and the code that builds and sends the submission. None of it
 * is needed before the citizen reaches the end, so it loads when the browser is idle after the
 * form first appears (and at the latest when the review is due).
 */
import { html, nothing } from 'lit';
import { html as staticHtml, unsafeStatic, type StaticValue } from 'lit/static-html.js';
import { isElementName, registerComposed } from '../shared/compose.js';
import { msg, str } from '@lit/localize';
import { computeFees, paysOnline, type FeeSummary } from '../../core/fees.js';
import { summaryRows, type SummaryRow } from '../../core/summary.js';
import { intlLocale } from '../../core/locale.js';
import { messages } from '../../core/messages/index.js';
import type { DocumentsValue, UploadedFile } from '../../core/documents.js';
import { submitJson, type SubmitFailure, type SubmitResult } from '../../core/http.js';
import { DOCUMENT } from '../../core/session.js';
import type { StageId, StepStage } from '../../core/flow.js';
import { submittedIdentity } from '../../core/identity.js';
import { firstPartyData } from '../../core/parties.js';
import { idFor } from '../shared/controls.js';
import type { PaymentCompleteEvent, PaymentCreatedEvent } from '../payment-step/events.js';
import { buildSubmission, type Submission } from '../../core/payload.js';
import { stepStage } from '../../core/flow.js';
import { BeforeSubmitEvent, SubmitErrorEvent, SubmitSuccessEvent } from './events.js';
export { pageStyles } from './stages.styles.js';
import type {
  ComposedElement,
  SendState,
  StageContext,
  StageHost,
  SummaryEntry,
} from './context.js';

export type {
  FormSettings,
  HandOffView,
  SendState,
  StageContext,
  StageHost,
  Status,
  SummaryEntry,
} from './context.js';
import {
  handOffsUrl,
  openLink,
  renderAppointment,
  renderHandOff,
  renderLinkProblem,
  renderShared,
  renderIdentityNote,
} from './outcomes.js';

export { openLink, renderShared, renderIdentityNote };

/** Liferay's CSRF token for same-origin endpoints (`csrf="auto"`), as the form's header. */
export function csrfHeaders(
  h: StageContext,
  endpoint = h.settings.endpoint,
): Record<string, string> {
  const { csrf, csrfHeader } = h.settings;
  if (csrf === 'off' || !endpoint) return {};
  const token = (globalThis as { Liferay?: { authToken?: unknown } }).Liferay?.authToken;
  if (typeof token !== 'string' || token === '') return {};
  const target = new URL(endpoint, document.baseURI);
  return target.origin === location.origin ? { [csrfHeader]: token } : {};
}

/** The tags the composed elements are registered under, by `<base>|<wanted>`. */
const composedTags = new Map<string, StaticValue>();

/**
 * The tag to render for a composed element: registered (its code loaded) under the name the host
 * chose; `undefined` while its code loads (the page renders again once it is there).
 */
function composed(h: StageHost, base: ComposedElement): StaticValue | undefined {
  const wanted = h.settings.tagNames[base] ?? base;
  const key = `${base}|${wanted}`;
  const tag = composedTags.get(key);
  if (!tag)
    void (
      base === 'document-upload'
        ? import('../document-upload/document-upload.js').then((m) => m.DocumentUpload)
        : import('../payment-step/payment-step.js').then((m) => m.PaymentStep)
    ).then(
      (ctor) => {
        // Only names `registerComposed` checked reach the template.
        if (!composedTags.has(key))
          composedTags.set(key, unsafeStatic(registerComposed(base, ctor, wanted)));
        h.update();
      },
      () => undefined, // offline: the page says it is loading; a later render tries again
    );
  // A name still free, or already ours, is rendered at once (upgraded when its code is there).
  const existing = customElements.get(wanted) as { ozg?: string } | undefined;
  const usable = existing ? existing.ozg === base : isElementName(wanted);
  return tag ?? (usable ? unsafeStatic(wanted) : undefined);
}

// ---- sending -----------------------------------------------------------------------------------

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // blocked
  }
}

function failed(h: StageHost, failure: SubmitFailure | { ok: false; kind: 'config' }): void {
  h.send.status = { kind: 'failed', failure };
  h.focus('.status.failure');
  h.update();
}

/** Validates everything (documents too) and sends the application. */
export async function submit(h: StageHost): Promise<void> {
  const { send } = h;
  if (!h.documentsComplete() || !h.everyStepValid()) return;
  const { endpoint } = h.settings;
  if (!endpoint) return failed(h, { ok: false, kind: 'config' });
  const { definition } = h.loaded;
  // What was just validated (valid, nothing added), not pruned a second time.
  const submission = buildSubmission(h.loaded.model, h.data, h.language, h.applicable());
  // The first party sends its part only; a later party's is theirs to fill in.
  if (definition.parties?.length && !h.handOff)
    submission.data = firstPartyData(definition, submission.data);
  if (Array.isArray(definition.outcome) || h.outcome.type !== 'submission')
    submission.outcome = h.outcome.type;
  if (h.identity) submission.identity = submittedIdentity(definition, submission.data, h.identity);
  if (send.paymentId && !send.payLater) submission.payment = { id: send.paymentId };
  const documents = submittedDocuments(h);
  if (documents) submission.documents = documents;
  const before = new BeforeSubmitEvent({ submission, headers: {} });
  if (!h.dispatch(before)) return;
  // A later party's part goes to its hand-off, with the link's secret.
  const handOff = h.handOff;
  const target = handOff ? `${handOffsUrl(endpoint)}/submission` : endpoint;
  const body = handOff
    ? { data: before.detail.submission.data, locale: before.detail.submission.locale }
    : before.detail.submission;
  const capability: Record<string, string> = handOff ? { 'x-handoff-token': handOff.token } : {};

  send.status = { kind: 'sending', retrying: false };
  h.update();
  h.announce(msg('Ihr Antrag wird gesendet …'));
  const result = await submitJson({
    ...h.settings.retryPolicy,
    endpoint: target,
    body,
    idempotencyKey: (send.idempotencyKey ??= crypto.randomUUID()),
    headers: { ...h.settings.headers, ...csrfHeaders(h), ...before.detail.headers, ...capability },
    onRetry: ({ delayMs }) => {
      send.status = { kind: 'sending', retrying: true };
      h.update();
      const seconds = Math.max(1, Math.round(delayMs / 1000));
      h.announce(messages.format(h.language, 'retryIn', { n: seconds }).text);
    },
  });

  if (result.ok) return accepted(h, result, before.detail.submission);
  h.dispatch(new SubmitErrorEvent(result));
  if (result.kind === 'validation') {
    // Every problem the server names goes into the summary on the review (not the payment
    // page), focused as after a check in the browser.
    send.status = { kind: 'idle' };
    const { entries, fields } = serverSummary(h, result);
    return h.showServerErrors(fields, entries);
  }
  failed(h, result);
}

/** Sends the application the payment endpoint holds with a paid payment (see `finishPaid`). */
export async function sendHeld(
  h: StageHost,
  what: { payment: string } | { transactionReference: string },
): Promise<void> {
  const loaded = h.loaded;
  h.send.status = { kind: 'sending', retrying: false };
  h.update();
  const result = await finishPaid(h, what);
  if (h.loaded !== loaded) return;
  // The return link is done with once it is settled (sent, or no such held application); a
  // payment not yet confirmed, or a network failure, leaves it for a reload to try again.
  const settled = result.ok || (result.kind === 'rejected' && result.status !== 409);
  if ('payment' in what && settled) forgetReturnParam();
  if (result.ok) return accepted(h, result, undefined);
  h.dispatch(new SubmitErrorEvent(result));
  failed(h, result);
}

/** The endpoint accepted the application: nothing is kept, and the outcome shows. */
function accepted(
  h: StageHost,
  result: Extract<SubmitResult, { ok: true }>,
  submission: Submission | undefined,
): void {
  const { send } = h;
  send.sent = true;
  // What this page sent is not kept; an application the endpoint held (another tab's) leaves
  // whatever this page has alone.
  if (submission) {
    h.forget();
    forgetUploads(sessionStore(), h.loaded.definition.id);
  }
  send.reference = result.reference;
  const answer = result.body as
    { handOff?: SendState['handOff']; statusSecret?: unknown; status?: unknown } | undefined;
  if (answer?.handOff && typeof answer.statusSecret === 'string') {
    send.handOff = answer.handOff;
    send.statusSecret = answer.statusSecret;
    send.standing = { status: String(answer.status ?? 'waiting-for-party') };
  }
  const paid = (result.body as { payment?: { transactionReference?: unknown } } | undefined)
    ?.payment;
  send.transactionReference =
    typeof paid?.transactionReference === 'string' ? paid.transactionReference : undefined;
  send.billedLater = send.payLater;
  send.paymentId = undefined;
  send.payLater = false;
  send.status = { kind: 'idle' };
  send.idempotencyKey = undefined;
  h.go('outcome');
  h.announce(
    send.handOff
      ? msg('Ihr Teil des Antrags ist gespeichert.')
      : h.outcome.type === 'appointment'
        ? msg('Ihre Angaben für den Termin sind vorbereitet.')
        : msg(str`Ihr Antrag ist eingegangen. Vorgangsnummer: ${result.reference ?? ''}`),
  );
  h.dispatch(
    new SubmitSuccessEvent({
      reference: result.reference,
      location: result.location,
      status: result.status,
      response: result.body,
      submission,
    }),
  );
}

/** From the review to the payment step (everything is validated first, as for submitting). */
function toPayment(h: StageHost): void {
  if (!h.documentsComplete() || !h.everyStepValid()) return;
  h.send.status = { kind: 'idle' };
  h.go('payment');
}

// ---- the error summary -----------------------------------------------------------------------

/** The summary at the top of a page: what to correct, each entry a link to its field. */
export function renderSummary(
  entries: SummaryEntry[],
  follow: (pointer: string) => void,
  language: string,
) {
  return html`<div
    class="summary"
    part="error-summary"
    tabindex="-1"
    aria-labelledby="summary-title"
  >
    <h3 id="summary-title">
      ${messages.format(language, 'errorSummary', { n: entries.length }).text}
    </h3>
    <ul>
      ${entries.map((entry) =>
        !entry.pointer
          ? html`<li>${entry.message}</li>`
          : html`<li>
              <a
                href="#${idFor(entry.pointer)}"
                @click=${(e: Event) => {
                  e.preventDefault();
                  follow(entry.pointer);
                }}
                >${entry.message}</a
              >
            </li>`,
      )}
    </ul>
  </div>`;
}

/**
 * The summary brought up to date: every entry, or — after a keystroke in `changed` — only that
 * field's (no other answer changed, so no other message can have). `undefined`: nothing changed.
 */
export function refreshedSummary(
  entries: SummaryEntry[],
  changed: string | undefined,
  errorText: (pointer: string) => string | undefined,
): SummaryEntry[] | undefined {
  let dirty = false;
  const remaining: SummaryEntry[] = [];
  for (const entry of entries) {
    // What the server said of no field (and of documents) stays until the next sending.
    if (
      (changed && entry.pointer !== changed) ||
      !entry.pointer ||
      entry.pointer.startsWith(DOCUMENT)
    ) {
      remaining.push(entry);
      continue;
    }
    const message = errorText(entry.pointer);
    if (message !== entry.message) dirty = true;
    if (message !== undefined) remaining.push({ pointer: entry.pointer, message });
  }
  return dirty ? remaining : undefined;
}

// ---- an application paid in a tab that was closed ----------------------------------------------

import { forgetReturnParam } from '../shared/return-param.js';
export { returnedPayment } from '../shared/return-param.js';

/**
 * The summary of a 422: a field's entry links to it on whatever step it is (its message is the
 * server's, kept in `fields`), a document's to the documents page, anything else stands as text.
 */
export function serverSummary(
  h: StageHost,
  result: Extract<SubmitFailure, { kind: 'validation' }>,
): { entries: SummaryEntry[]; fields: Map<string, string> } {
  const fields = new Map<string, string>();
  const documents = new Set(h.applicableDocuments().map((d) => d.requirement.id));
  const entries = result.errors.map(({ pointer, inData, detail }) => {
    const document = inData ? undefined : /^\/documents\/([^/]+)/.exec(pointer)?.[1];
    if (document !== undefined && documents.has(document))
      return { pointer: DOCUMENT + document, message: detail };
    if (pointer && h.loaded.model.fieldAt(pointer, h.data)) {
      fields.set(pointer, detail);
      return { pointer, message: detail || msg('Bitte prüfen Sie diese Angabe.') };
    }
    return { pointer: '', message: detail || result.title || '' };
  });
  return { entries, fields };
}

/**
 * Asks the payment endpoint to send the application it holds with a paid payment:
 * `POST <payment-endpoint>/<id>/submission`, or `POST <payment-endpoint>/submission` with the
 * Kassenzeichen (docs/payments.md).
 */
export function finishPaid(
  h: StageHost,
  what: { payment: string } | { transactionReference: string },
): Promise<SubmitResult> {
  const base = h.settings.paymentEndpoint!.replace(/\/$/, '');
  const endpoint = new URL(
    'payment' in what ? `${base}/${what.payment}/submission` : `${base}/submission`,
    document.baseURI,
  ).href;
  const definition = { id: h.loaded.definition.id };
  return submitJson({
    ...h.settings.retryPolicy,
    endpoint,
    body: 'payment' in what ? { definition } : { ...what, definition },
    // Sending a held application is idempotent by its payment: the key only satisfies the contract.
    idempotencyKey: crypto.randomUUID(),
    headers: { ...h.settings.headers, ...csrfHeaders(h, h.settings.paymentEndpoint) },
  });
}

/** On the first step: finishing an application paid in a tab that was closed, by the receipt. */
export function renderFinishPaid(h: StageHost) {
  const policy = h.loaded.definition.fees?.policy;
  if (policy !== 'mandatory' && policy !== 'optional') return nothing;
  const { status } = h.send;
  const sending = status.kind === 'sending';
  return html`<details class="finish-paid" part="finish-paid" ?open=${status.kind !== 'idle'}>
    <summary>${msg('Schon bezahlt, aber der Antrag wurde nicht gesendet?')}</summary>
    <form
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const input = (e.target as HTMLFormElement).elements.namedItem('kz') as HTMLInputElement;
        if (input.value.trim()) h.finishPaid(input.value.trim());
        else input.focus();
      }}
    >
      <label for="finish-kz">${msg('Kassenzeichen von Ihrem Zahlungsbeleg')}</label>
      <input id="finish-kz" name="kz" autocomplete="off" maxlength="100" required />
      <button type="submit" part="button" ?disabled=${sending}>${msg('Antrag abschließen')}</button>
    </form>
    ${renderFinishStatus(h)}
  </details>`;
}

/** What became of finishing a paid application: the answers that differ from sending one. */
function renderFinishStatus(h: StageHost) {
  const { status } = h.send;
  if (status.kind !== 'failed' || !('status' in status.failure)) return renderStatus(h);
  const code = status.failure.status;
  const text =
    code === 404
      ? msg(
          'Zu diesem Kassenzeichen ist keine Zahlung für diesen Antrag bekannt. Bitte prüfen Sie Ihre Eingabe.',
        )
      : code === 410
        ? msg(
            'Der Antrag zu dieser Zahlung ist nicht mehr gespeichert. Bitte stellen Sie den Antrag neu und wenden Sie sich wegen der Zahlung an die Behörde.',
          )
        : code === 422
          ? msg(
              'Die Zahlung ist noch nicht abgeschlossen. Bitte versuchen Sie es in einigen Minuten noch einmal.',
            )
          : undefined;
  return text
    ? html`<div class="status failure" part="status" role="alert" tabindex="-1">${text}</div>`
    : renderStatus(h);
}

// ---- documents -------------------------------------------------------------------------------

/**
 * What keeps the documents page from being done: a required document without a file, or an
 * upload still under way (`root`: where the upload elements are).
 */
export function documentsProblems(h: StageHost, root: ParentNode): SummaryEntry[] {
  const problems: SummaryEntry[] = [];
  for (const document of h.applicableDocuments()) {
    const id = document.requirement.id;
    const element = root.querySelector<HTMLElement & { pending: number }>(`#doc-${id}`);
    const title = h.texts.get(`${document.pointer}/title`);
    if (element && element.pending > 0) {
      problems.push({
        pointer: DOCUMENT + id,
        message: msg(str`${title}: Bitte warten Sie, bis alle Dateien hochgeladen sind.`),
      });
    } else if (document.required && !(h.documents[id]?.length ?? 0)) {
      problems.push({ pointer: DOCUMENT + id, message: msg(str`Bitte laden Sie hoch: ${title}`) });
    }
  }
  return problems;
}

/** The files to send: those of documents that still apply. */
export function submittedDocuments(h: StageHost): DocumentsValue | undefined {
  const applicable = h.applicableDocuments();
  if (applicable.length === 0) return undefined;
  const out: DocumentsValue = {};
  for (const { requirement } of applicable) {
    const files = h.documents[requirement.id];
    if (files && files.length > 0) out[requirement.id] = files;
  }
  return out;
}

/**
 * After sending: the upload elements' lists of files in this tab go too, and the tab's upload
 * secret (`uploadSession()` in document-upload/session-url-storage.ts): its uploads are sent.
 */
export function forgetUploads(store: Storage | undefined, definitionId: string): void {
  if (!store) return;
  const prefix = `ozg-forms:uploads:${definitionId}:`;
  try {
    for (let i = store.length - 1; i >= 0; i--) {
      const key = store.key(i);
      if (key?.startsWith(prefix)) store.removeItem(key);
    }
    store.removeItem('ozg-forms:upload-session');
  } catch {
    // storage blocked: nothing was kept either
  }
}

export function renderDocuments(h: StageHost) {
  // The upload element (and its client) load only for services that ask for documents.
  const tag = composed(h, 'document-upload');
  const { settings: form, texts } = h;
  return html`<div class="documents" part="documents">
    ${h.renderSummary()}
    <h3 id="step-heading" part="step-heading" tabindex="-1">${msg('Unterlagen hochladen')}</h3>
    <p class="note">
      ${msg('Bitte laden Sie diese Nachweise hoch, als PDF oder Foto. Ihre Dateien werden vor dem Hochladen geprüft.')}
    </p>
    ${h.applicableDocuments().map(({ requirement, pointer, required }) => {
      const maxFiles = requirement.maxFiles ?? 1;
      if (!tag) return html`<p role="status">${msg('Das Formular wird geladen …')}</p>`;
      return staticHtml`<${tag}
        id="doc-${requirement.id}"
        class="field"
        endpoint=${form.uploadEndpoint ?? nothing}
        definition=${h.loaded.definition.id}
        document=${requirement.id}
        label=${texts.get(`${pointer}/title`)}
        hint=${requirement.description ? texts.get(`${pointer}/description`) : nothing}
        accept=${(requirement.accept ?? ['application/pdf', 'image/jpeg', 'image/png']).join(',')}
        max-size=${requirement.maxSize ?? 10485760}
        max-files=${maxFiles}
        ?multiple=${maxFiles > 1}
        ?required=${required}
        lang=${h.language}
        storage=${form.storage === 'none' ? 'none' : 'session'}
        .headers=${csrfHeaders(h, form.uploadEndpoint)}
        .value=${h.documents[requirement.id] ?? []}
        @change=${(e: CustomEvent<{ value: UploadedFile[] }>) =>
          h.documentsChanged(requirement.id, e.detail.value)}
      ></${tag}>`;
    })}
    ${h.renderRemember()}
    <div class="actions" part="actions">
      <button
        type="button"
        class="next"
        part="button"
        @click=${() => h.documentsComplete() && h.go('review')}
      >
        ${msg('Weiter zur Übersicht')}
      </button>
      <button type="button" class="secondary" part="button" @click=${() => h.back()}>
        ${msg('Zurück')}
      </button>
    </div>
  </div>`;
}

// ---- review ----------------------------------------------------------------------------------

function reviewRows(h: StageHost, stepIndex: number): SummaryRow[] {
  return summaryRows(
    h.loaded.model,
    stepIndex,
    h.data,
    h.texts,
    {
      yes: msg('Ja'),
      no: msg('Nein'),
      confirmed: msg('Bestätigt'),
      notConfirmed: msg('Nicht bestätigt'),
      none: msg('Keine Angabe'),
      item: msg('Eintrag'),
    },
    h.language,
  );
}

/** On the review, when the fee is not paid here: what it comes to, and that a notice follows. */
function renderFeeNote(h: StageHost, due: FeeSummary) {
  if (!h.loaded.definition.fees || due.total === 0) return nothing;
  const total = new Intl.NumberFormat(intlLocale(h.language), {
    style: 'currency',
    currency: due.currency,
  }).format(due.total / 100);
  return html`<p class="status" part="fee-note">
    ${
      h.outcome.type === 'appointment'
        ? msg(str`Es fällt eine Gebühr von ${total} an. Sie bezahlen sie beim Termin.`)
        : msg(
            str`Für diesen Antrag fällt eine Gebühr von ${total} an. Sie erhalten dafür einen Gebührenbescheid.`,
          )
    }
  </p>`;
}

/** The review's list of uploaded files, with a way back to change them. */
function renderReviewDocuments(h: StageHost) {
  const applicable = h.applicableDocuments();
  if (applicable.length === 0) return nothing;
  return html`<section aria-labelledby="review-documents">
    <h4 id="review-documents">${msg('Unterlagen')}</h4>
    <dl>
      ${applicable.map(({ requirement, pointer }) => {
        const files = h.documents[requirement.id] ?? [];
        const label = h.texts.get(`${pointer}/title`);
        return html`<div class="row">
          <dt>${label}</dt>
          <dd>
            ${files.length > 0 ? files.map((f) => html`<div>${f.name}</div>`) : msg('keine Datei')}
          </dd>
          <dd>
            <button type="button" class="link" @click=${() => h.go('documents')}>
              ${msg('Ändern')}<span class="visually-hidden">: ${label}</span>
            </button>
          </dd>
        </div>`;
      })}
    </dl>
  </section>`;
}

export function renderReview(h: StageHost) {
  const { texts } = h;
  const { definition, model, validator } = h.loaded;
  const due = computeFees(definition, model.prune(h.data), validator.test);
  // Paid here, online, before the application is sent; else the fee note says what follows.
  const paysHere = Boolean(h.settings.paymentEndpoint && paysOnline(due));
  const sending = h.send.status.kind === 'sending';
  return html`<div class="review" part="review">
    ${h.renderSummary()}
    <h3 id="step-heading" part="step-heading" tabindex="-1">
      ${h.outcome.type === 'appointment' ? msg('Angaben prüfen') : msg('Angaben prüfen und absenden')}
    </h3>
    <p class="note">
      ${msg('Bitte prüfen Sie Ihre Angaben. Über „Ändern“ kommen Sie zur jeweiligen Frage.')}
    </p>
    ${renderShared(h)}
    ${h.steps.map((index) => {
      const step = h.loaded.definition.steps[index]!;
      const title = texts.get(`/steps/${index}/title`);
      const rows = reviewRows(h, index);
      // One change link per step (not per answer): the review stays short on a phone.
      return html`<section aria-labelledby="review-${step.id}">
        <div class="group-heading">
          <h4 id="review-${step.id}">${title}</h4>
          <button
            type="button"
            class="link"
            @click=${() => h.go(stepStage(index), rows[0]?.pointer, true)}
          >
            ${msg('Ändern')}<span class="visually-hidden">: ${title}</span>
          </button>
        </div>
        <dl>
          ${rows.map(
            (row) =>
              html`<div
                class="row ${row.depth > 1 ? 'nested' : ''} ${row.label.length > 120 ? 'wide' : ''}"
              >
                <dt>${row.label}</dt>
                <dd dir="auto">${row.value}</dd>
              </div>`,
          )}
        </dl>
      </section>`;
    })}
    ${renderReviewDocuments(h)} ${paysHere ? nothing : renderFeeNote(h, due)} ${renderStatus(h)}
    <div class="actions" part="actions">
      ${
        paysHere
          ? html`<button
              type="button"
              class="to-payment"
              part="button"
              @click=${() => toPayment(h)}
            >
              ${msg('Weiter zur Bezahlung')}
            </button>`
          : html`<button
              type="button"
              part="button"
              aria-disabled=${sending ? 'true' : 'false'}
              @click=${() => {
                if (!sending) h.submit();
              }}
            >
              ${
                h.send.status.kind === 'failed'
                  ? msg('Erneut senden')
                  : h.outcome.type === 'appointment'
                    ? msg('Termin vorbereiten')
                    : h.loaded.definition.parties?.length && !h.handOff
                      ? msg('Meinen Teil speichern und Link erstellen')
                      : msg('Antrag verbindlich absenden')
              }
            </button>`
      }
      <button type="button" class="secondary" part="button" @click=${() => h.back()}>
        ${msg('Zurück')}
      </button>
    </div>
  </div>`;
}

function renderStatus(h: StageHost) {
  const status = h.send.status;
  if (status.kind === 'sending') {
    return html`<p class="status" part="status">
      ${
        status.retrying
          ? msg('Die Verbindung ist gestört. Ihr Antrag wird erneut gesendet …')
          : msg('Ihr Antrag wird gesendet …')
      }
    </p>`;
  }
  if (status.kind !== 'failed') return nothing;
  let text: string;
  switch (status.failure.kind) {
    case 'config':
      text = msg(
        'Dieses Formular ist noch nicht fertig eingerichtet: Es fehlt die Adresse, an die der Antrag geht.',
      );
      break;
    case 'network':
    case 'timeout':
      text = msg(
        'Ihr Antrag konnte nicht gesendet werden, weil keine Verbindung besteht. Ihre Angaben bleiben erhalten. Bitte prüfen Sie Ihre Internetverbindung und senden Sie erneut.',
      );
      break;
    case 'auth':
      text = msg(
        'Ihre Sitzung ist abgelaufen oder Sie sind nicht angemeldet. Ihre Angaben bleiben erhalten. Bitte öffnen Sie die Seite in einem neuen Tab, melden Sie sich dort an und senden Sie den Antrag dann hier erneut.',
      );
      break;
    case 'outdated':
      text = msg(
        'Dieses Formular wurde inzwischen geändert. Bitte laden Sie die Seite neu und senden Sie den Antrag dann erneut. Ihre Angaben bleiben erhalten.',
      );
      break;
    case 'server':
      text = msg(
        'Der Dienst ist gerade nicht erreichbar. Ihre Angaben bleiben erhalten. Bitte versuchen Sie es in einigen Minuten erneut.',
      );
      break;
    default:
      text = msg(
        'Ihr Antrag wurde nicht angenommen. Ihre Angaben bleiben erhalten. Bitte prüfen Sie Ihre Angaben oder wenden Sie sich an die Behörde.',
      );
  }
  return html`<div class="status failure" part="status" role="alert" tabindex="-1">${text}</div>`;
}

// ---- payment and confirmation ----------------------------------------------------------------

export function renderPayment(h: StageHost) {
  // The payment element loads only for applications that pay online.
  const tag = composed(h, 'payment-step');
  const { settings: form } = h;
  return html`<div class="payment" part="payment">
    <h3 id="step-heading" part="step-heading" tabindex="-1">${msg('Gebühr bezahlen')}</h3>
    <p class="note">
      ${msg('Ihre Angaben sind vollständig. Nach der Bezahlung wird Ihr Antrag abgesendet.')}
    </p>
    ${
      tag
        ? staticHtml`<${tag}
      .definition=${form.definition}
      validator=${form.validator ?? nothing}
      endpoint=${form.paymentEndpoint ?? nothing}
      provider-origins=${form.providerOrigins ?? nothing}
      payment-id=${h.send.paymentId ?? nothing}
      lang=${h.language}
      .data=${h.data}
      .documents=${submittedDocuments(h)}
      .headers=${{ ...form.headers, ...csrfHeaders(h, form.paymentEndpoint) }}
      @payment-created=${(e: PaymentCreatedEvent) => {
        // Saved before the citizen leaves for the provider's page (the device's copy, too).
        h.send.paymentId = e.detail.id;
        h.send.payLater = false;
        e.waitUntil(h.saveNow());
      }}
      @payment-complete=${(e: PaymentCompleteEvent) => {
        h.send.paymentId = e.detail.id;
        h.send.payLater = false;
        void h.saveNow();
        h.submit();
      }}
      @payment-later=${() => {
        h.send.payLater = true;
        h.submit();
      }}
    ></${tag}>`
        : html`<p role="status">${msg('Das Formular wird geladen …')}</p>`
    }
    ${renderStatus(h)} ${h.renderRemember()}
    <div class="actions" part="actions">
      <button type="button" class="secondary" part="button" @click=${() => h.go('review')}>
        ${msg('Zurück zur Übersicht')}
      </button>
    </div>
  </div>`;
}

export function renderConfirmation(h: StageHost) {
  return html`<div class="confirmation" part="confirmation">
    <h3 id="step-heading" part="step-heading" tabindex="-1">
      ${msg('Ihr Antrag ist eingegangen.')}
    </h3>
    ${
      h.send.reference
        ? html`<p>${msg('Ihre Vorgangsnummer:')}</p>
            <p class="reference">${h.send.reference}</p>
            <p>
              ${msg('Bitte notieren Sie die Vorgangsnummer. Sie brauchen sie, wenn Sie mit der Behörde Kontakt aufnehmen.')}
            </p>`
        : nothing
    }
    ${
      h.send.transactionReference
        ? html`<p>
            ${msg(str`Die Gebühr ist bezahlt. Kassenzeichen: ${h.send.transactionReference}`)}
          </p>`
        : h.send.billedLater
          ? html`<p>
              ${msg('Die Gebühr bezahlen Sie später: Sie erhalten einen Gebührenbescheid.')}
            </p>`
          : nothing
    }
    <p>${msg('Ihre Angaben wurden aus diesem Browser gelöscht.')}</p>
  </div>`;
}

/** The page of each stage after the steps. */
export const pages: Record<Exclude<StageId, StepStage>, (h: StageHost) => unknown> = {
  documents: renderDocuments,
  review: renderReview,
  payment: renderPayment,
  outcome: (h) =>
    h.send.linkProblem !== undefined
      ? renderLinkProblem(h)
      : h.send.statusSecret
        ? renderHandOff(h)
        : h.outcome.type === 'appointment'
          ? renderAppointment(h)
          : renderConfirmation(h),
};
