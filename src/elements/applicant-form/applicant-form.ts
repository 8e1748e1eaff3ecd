import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { DraftStore, type Draft, type StorageLike } from '../../core/draft.js';
import { takePrefill } from '../../core/handoff.js';
import {
  applicableDocuments,
  type ApplicableDocument,
  type DocumentsValue,
} from '../../core/documents.js';
import type { SubmitFailure, SubmitOptions, SubmitResult } from '../../core/http.js';
import type { Submission } from '../../core/payload.js';
import { getAt, isObject, isWithin, joinPointer, projectFor, setAt } from '../../core/pointer.js';
import type { Field } from '../../core/schema.js';
import type { Translations } from '../../core/texts.js';
import type { Definition, DefinitionProblem, FieldError } from '../../core/types.js';
import { fieldErrorMessage } from '../../i18n/messages.js';
import type { Language } from '../../i18n/localization.js';
import { base, tokens } from '../shared/styles.js';
import { formStyles } from '../shared/form-styles.js';
import { styles } from './applicant-form.styles.js';
import {
  chunked,
  controlFor,
  controls,
  idFor,
  itemNameOf,
  type Control,
  type ControlHost,
} from '../shared/controls.js';
import {
  BeforeSubmitEvent,
  StepChangeEvent,
  SubmitErrorEvent,
  SubmitSuccessEvent,
} from './events.js';
import { loadDefinition, type LoadedDefinition } from '../shared/loader.js';
import { DefinitionController } from '../shared/definition-controller.js';
import { refreshable, type Refreshable } from './refreshable.js';
import type { StageHost, Status, SummaryEntry } from './stages.js';
import type { Remembered, RememberHost } from './remember.js';

/** Retry and timeout settings for the submission (see `SubmitOptions`). */
export type RetryPolicy = Pick<
  SubmitOptions,
  'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'
>;

function storage(kind: 'sessionStorage' | 'localStorage'): StorageLike | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined; // blocked (sandboxed frame, privacy settings)
  }
}

type Stages = typeof import('./stages.js');

/**
 * What comes after the last step (documents page, review, payment, confirmation, sending): not
 * needed before the first render, so it loads when the browser is idle after the form appears.
 */
let stagesModule: Promise<Stages> | undefined;
function loadStages(): Promise<Stages> {
  stagesModule ??= import('./stages.js');
  stagesModule.catch(() => {
    stagesModule = undefined; // try again next time
  });
  return stagesModule;
}

/** Runs `fn` when the browser is idle (soon, where it cannot tell). */
function idle(fn: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(fn);
  else setTimeout(fn, 200);
}

/** Error summary entries of the documents page point to a document, not a field. */
export const DOCUMENT = 'document:';

function newKey(): string {
  return crypto.randomUUID();
}

/**
 * The multi-step application for a public service, driven by a JSON Schema definition:
 * questions, validation, review, submission.
 *
 * @summary A multi-step application form driven by a JSON Schema definition.
 *
 * @fires step-change - `StepChangeEvent`: the citizen moved to another step. `detail: { from, to, stepId }`.
 * @fires before-submit - `BeforeSubmitEvent` (cancelable): about to send; the host may change `detail.submission` or `detail.headers`, or call `preventDefault()`.
 * @fires submit-success - `SubmitSuccessEvent`: the endpoint accepted the application. `detail: { reference, location, status, response, submission }`.
 * @fires submit-error - `SubmitErrorEvent`: sending failed after retries; every answer is kept. `detail: { kind, status? , errors? }`.
 * @fires error - `DefinitionErrorEvent` (does not bubble, like a native `error`): the definition could not be loaded or is not valid. `detail: { problems: { pointer, message }[], message }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart title - The service's title.
 * @csspart progress - The step indicator ("Schritt 2 von 8").
 * @csspart step-heading - The heading of the current step.
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart field - One question: label, hint, error and control.
 * @csspart label - A question's label (or legend).
 * @csspart hint - A question's hint.
 * @csspart error - A question's error message.
 * @csspart input - A text field, text area or select.
 * @csspart group - A group of questions (a nested object).
 * @csspart list - A repeatable list (e.g. children).
 * @csspart list-item - One entry of a list.
 * @csspart actions - The row of navigation buttons.
 * @csspart button - Every navigation button.
 * @csspart review - The review step.
 * @csspart confirmation - The confirmation after a successful submission.
 * @csspart definition-error - The message for the web editor when the definition is broken.
 * @csspart prefill-note - The note that answers from the quick-check were filled in.
 * @csspart fee-note - On the review, the fee when it is not paid in the form.
 * @csspart payment - The payment step after the review.
 * @csspart documents - The page to upload evidence documents (before the review).
 *
 * @cssprop --ozg-font-family - Font (default: KERN's `--kern-typography-font-family-default`, then system-ui).
 * @cssprop --ozg-color-text - Text colour.
 * @cssprop --ozg-color-text-muted - Hints and secondary text.
 * @cssprop --ozg-color-background - Background.
 * @cssprop --ozg-color-primary - Buttons and links (default: KERN's `--kern-color-action-default`).
 * @cssprop --ozg-color-on-primary - Text on primary buttons.
 * @cssprop --ozg-color-danger - Errors.
 * @cssprop --ozg-color-success - The confirmation.
 * @cssprop --ozg-color-border - Borders of inputs.
 * @cssprop --ozg-color-focus - The focus outline.
 * @cssprop --ozg-radius - Corner radius.
 * @cssprop --ozg-space - Base spacing.
 * @cssprop --ozg-max-width - Maximum width of the form.
 */
export class ApplicantForm extends LitElement {
  static override styles = [tokens, base, formStyles, styles];

  static override properties = {
    definition: {},
    endpoint: { type: String },
    validator: { type: String },
    csrf: { type: String },
    csrfHeader: { type: String, attribute: 'csrf-header' },
    storage: { type: String },
    rememberDays: { type: Number, attribute: 'remember-days' },
    headers: { attribute: false },
    translations: { attribute: false },
    retryPolicy: { attribute: false },
    controls: { attribute: false },
    prefill: { attribute: false },
    paymentEndpoint: { type: String, attribute: 'payment-endpoint' },
    uploadEndpoint: { type: String, attribute: 'upload-endpoint' },
    providerOrigins: { type: String, attribute: 'provider-origins' },
    _step: { state: true },
    _status: { state: true },
    _reference: { state: true },
    _announcement: { state: true },
    _fromReview: { state: true },
    _prefilled: { state: true },
    _paying: { state: true },
    _documentsStage: { state: true },
  };

  /**
   * The service: the id of a built-in definition (`einbuergerung`), or the URL of a definition
   * JSON file. As a property it also takes a definition object.
   */
  declare definition: string | Definition | undefined;
  /** Where the application is sent (`POST`, JSON). */
  declare endpoint: string | undefined;
  /** URL of a precompiled validator module for a definition that is not built in (strict CSP). */
  declare validator: string | undefined;
  /** `auto` (default): send Liferay's CSRF token (`Liferay.authToken`) to same-origin endpoints when the page has one; `off`: never. */
  declare csrf: 'auto' | 'off';
  /** The header that carries the CSRF token. */
  declare csrfHeader: string;
  /** `session` (default): keep a draft in this tab's `sessionStorage`; `none`: keep nothing. */
  declare storage: 'session' | 'none';
  /** How many days a citizen may choose to keep the draft on the device (encrypted; the key in IndexedDB); `0` hides the choice. */
  declare rememberDays: number;
  /** Extra request headers for the submission. */
  declare headers: Record<string, string>;
  /** Translations of a definition that is not built in: `{ en: { "/title": "…" } }`, keyed by JSON pointer. */
  declare translations: Record<string, Translations>;
  /** Timeout and retries of the submission. */
  declare retryPolicy: RetryPolicy;
  /** The ranked control registry; add an entry with a higher rank to render a field your way. */
  declare controls: Control[];
  /**
   * Answers to fill in where the citizen has none yet (e.g. from `<quick-check>`'s `prefill-change`
   * event). Without it, the form takes what `<quick-check>` offered in this tab with the citizen's
   * consent, once.
   */
  declare prefill: Record<string, unknown> | undefined;
  /**
   * Where fees are paid (`POST`, `GET <endpoint>/<id>`; see `<payment-step>`). With it, a definition
   * whose fees are paid online gets a payment step after the review.
   */
  declare paymentEndpoint: string | undefined;
  /** Space-separated origins of the payment provider's pages; default: the payment endpoint's. */
  declare providerOrigins: string | undefined;
  /**
   * The tus endpoint for evidence documents (see `<document-upload>`). With it, a definition that
   * asks for documents gets a page to upload them before the review.
   */
  declare uploadEndpoint: string | undefined;

  declare private _step: number;
  declare private _status: Status;
  declare private _reference: string | undefined;
  declare private _announcement: string;
  declare private _fromReview: boolean;
  /** Answers were carried over from the quick-check: said on the step until the citizen moves on. */
  declare private _prefilled: boolean;
  /** At the payment step (after the review). */
  declare private _paying: boolean;
  /** At the documents page (after the last step, before the review). */
  declare private _documentsStage: boolean;
  /** Uploaded files by document id. */
  #documents: DocumentsValue = {};

  #paymentId: string | undefined;
  #transactionReference: string | undefined;

  #data: Record<string, unknown> = {};
  #errors = new Map<string, FieldError>();
  /** The error summary's entries (shown at the top of the step after a failed Next). */
  #summary: SummaryEntry[] = [];
  /** The data as validated: only what applies, required groups present (kept in step while typing). */
  #candidate: unknown = {};
  /** Pieces that re-render alone: each field (by pointer) and the error summary. */
  #parts = new Map<string, Refreshable>();
  #serverErrors = new Map<string, string>();
  #visible = new Set<string>();
  #triggers = new Set<string>();
  /** Names whose answers other questions' errors depend on (a keystroke there validates everything). */
  #crossField = new Set<string>();
  /** One key per application, made when first needed, reused on every retry. */
  #idempotencyKey: string | undefined;
  #drafts: DraftStore | undefined;
  /** The choice to keep the draft on the device (its code loads with the definition). */
  #remembered: Remembered | undefined;
  #rememberLoading = false;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;
  /** The application was accepted: nothing more is sent from this element. */
  #sent = false;
  /** The definition, its texts and the language (shared with the other elements). */
  #definition = new DefinitionController<LoadedDefinition>(this, (loaded) => loaded.builtIn?.texts);

  #focusAfterUpdate: (() => void) | undefined;
  #host: ControlHost;

  constructor() {
    super();
    this.definition = undefined;
    this.endpoint = undefined;
    this.validator = undefined;
    this.csrf = 'auto';
    this.csrfHeader = 'x-csrf-token';
    this.storage = 'session';
    this.rememberDays = 7;
    this.headers = {};
    this.translations = {};
    this.retryPolicy = {};
    this.controls = controls;
    this.prefill = undefined;
    this._step = 0;
    this._status = { kind: 'idle' };
    this._reference = undefined;
    this._announcement = '';
    this._fromReview = false;
    this._prefilled = false;
    this._paying = false;
    this._documentsStage = false;
    this.uploadEndpoint = undefined;
    this.paymentEndpoint = undefined;
    this.providerOrigins = undefined;
    updateWhenLocaleChanges(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const form = this;
    this.#host = {
      get model() {
        return form.#definition.loaded!.model;
      },
      get texts() {
        return form.#definition.texts!;
      },
      get data() {
        return form.#data;
      },
      get context() {
        const { definition } = form.#definition.loaded!;
        const step = definition.steps[form._step]?.id ?? '';
        return { definition, step, language: form.#definition.language };
      },
      errorFor: (field) => this.#errorText(field.pointer, field),
      setValue: (field, value, commit) => this.#setValue(field, value, commit),
      addItem: (field) => this.#addItem(field),
      removeItem: (field, index) => this.#removeItem(field, index),
      renderField: (field) => this.#renderField(field),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.#saveNow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.#saveNow);
    this.#saveNow();
  }

  /** The citizen's answers so far (all of them, also those of questions that no longer apply). */
  get data(): Record<string, unknown> {
    return structuredClone(this.#data);
  }

  set data(value: Record<string, unknown>) {
    this.#data = typeof value === 'object' && value !== null ? structuredClone(value) : {};
    this.#revalidate();
    this.#scheduleSave();
    this.requestUpdate();
  }

  /** Uploaded evidence by document id (`{ id, name, type, size, sha256 }` each), as it will be sent. */
  get documents(): DocumentsValue {
    return structuredClone(this.#documents);
  }

  set documents(value: DocumentsValue) {
    this.#documents = typeof value === 'object' && value !== null ? structuredClone(value) : {};
    this.#scheduleSave();
    this.requestUpdate();
  }

  /** The current step: 0-based index into the definition's steps; `steps.length` is the review, `steps.length + 1` the confirmation. */
  get step(): number {
    return this._step;
  }

  /** The language the form is shown in (`de` or `en`). */
  get language(): Language {
    return this.#definition.language;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('validator')) void this.#load();
    else if (changed.has('prefill') && this.#definition.loaded && this.prefill)
      this.#fillIn(this.prefill);
    if (changed.has('translations') && this.#definition.loaded && !this.#definition.loaded.builtIn)
      void this.#definition.loadTexts();
  }

  protected override updated(): void {
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = undefined;
    focus?.();
  }

  // ---- loading -------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const source = this.definition;
    const loaded = await this.#definition.load(source, () =>
      loadDefinition(source!, { validator: this.validator }),
    );
    if (!loaded) return;
    this.#triggers = loaded.model.triggerNames();
    this.#crossField = loaded.model.crossFieldNames();
    this.#restoreDraft();
    const offered = takePrefill(storage('sessionStorage'), loaded.definition.id);
    const prefill = this.prefill ? { ...offered, ...this.prefill } : offered;
    if (prefill) this.#fillIn(prefill);
    // The first validation compiles the validator (about 90 ms for a thousand questions): done
    // while the browser is idle, not on the citizen's first answer.
    idle(() => {
      if (this.#definition.loaded === loaded) this.#revalidate();
    });
    // The upload element is needed only later, on the documents page: load it while the citizen
    // answers, so its file pickers are there (and focusable) as soon as the page shows.
    if (this.uploadEndpoint && loaded.definition.documents?.length) {
      idle(() => void import('../document-upload/define.js').catch(() => undefined));
    }
  }

  // ---- drafts --------------------------------------------------------------------------------

  #restoreDraft(): void {
    const definition = this.#definition.loaded!.definition;
    const name = DraftStore.keyFor(definition.id);
    this.#drafts =
      this.storage === 'none'
        ? undefined
        : new DraftStore(name, storage('sessionStorage'), storage('localStorage'));
    this.#remembered = undefined;
    this.#rememberLoading = false;
    const draft = this.#drafts?.load();
    const own = draft?.definitionId === definition.id ? draft : undefined;
    if (own) this.#applyDraft(own);
    const remembering =
      this.#drafts && this.rememberDays > 0 ? this.#loadRemembered(own) : Promise.resolve();
    // Back from the provider with no copy of the application here (the paying tab was closed):
    // the payment endpoint holds it with the payment.
    if (this.paymentEndpoint && !own)
      void remembering
        .then(() => this.#loadStages())
        .then((stages) => {
          const returned = stages.returnedPayment();
          if (returned && !this.#paymentId) void this.#finishPaid({ payment: returned });
        })
        .catch(() => undefined);
  }

  /** The choice to keep the draft on the device; without a draft in this tab, the one kept there. */
  async #loadRemembered(draft: Draft | undefined): Promise<void> {
    const loaded = this.#definition.loaded;
    this.#rememberLoading = true;
    let remembered: Remembered;
    try {
      const { Remembered } = await import('./remember.js');
      if (this.#definition.loaded !== loaded) return;
      remembered = this.#remembered = new Remembered(this.#rememberHost, draft);
    } catch {
      this.#rememberLoading = false; // its code could not be fetched (offline): asked again later
      return;
    }
    this.requestUpdate();
    if (draft) return;
    const kept = await remembered.restore();
    if (kept && this.#definition.loaded === loaded && kept.definitionId === loaded!.definition.id)
      this.#applyDraft(kept);
  }

  #rememberHost: RememberHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const form = this;
    return {
      get name() {
        return DraftStore.keyFor(form.#definition.loaded!.definition.id);
      },
      get days() {
        return form.rememberDays;
      },
      get language() {
        return form.#definition.language;
      },
      get renderRoot() {
        return form.renderRoot;
      },
      get updateComplete() {
        return form.updateComplete;
      },
      requestUpdate: () => form.requestUpdate(),
      announce: (text: string) => form.#announce(text),
      saveNow: () => form.#saveNow(),
    };
  })();

  #applyDraft(draft: Draft): void {
    const definition = this.#definition.loaded!.definition;
    this.#data = { ...draft.data, ...this.#data };
    this.#idempotencyKey = draft.idempotencyKey;
    this._paying = draft.paying === true;
    this.#paymentId = draft.paymentId;
    this._documentsStage = draft.documentsStage === true;
    this.#documents = draft.documents ?? {};
    this._step = Math.min(Math.max(0, draft.step), definition.steps.length);
    this.#revalidate();
    this.#announce(msg('Ihre bisherigen Angaben wurden wiederhergestellt.'));
  }

  /** Fills in answers the citizen has not given yet; never overwrites one. */
  #fillIn(prefill: Record<string, unknown>): void {
    let filled = 0;
    const visit = (value: unknown, pointer: string) => {
      if (isObject(value)) {
        for (const [key, sub] of Object.entries(value)) visit(sub, joinPointer(pointer, key));
      } else if (value !== undefined && getAt(this.#data, pointer) === undefined) {
        this.#data = setAt(this.#data, pointer, value) as Record<string, unknown>;
        filled++;
      }
    };
    visit(prefill, '');
    if (filled === 0) return;
    this.#revalidate();
    this.#scheduleSave();
    this._prefilled = true;
    this.#announce(msg('Antworten aus dem Quick-Check wurden übernommen. Bitte prüfen Sie sie.'));
    this.requestUpdate();
  }

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(this.#saveNow, 300);
  }

  #saveNow = (): void => {
    clearTimeout(this.#saveTimer);
    const loaded = this.#definition.loaded;
    if (!loaded || !this.#drafts || this._step > loaded.definition.steps.length) return;
    const draft = {
      definitionId: loaded.definition.id,
      definitionVersion: loaded.definition.version,
      data: this.#data,
      step: this._step,
      paying: this._paying,
      paymentId: this.#paymentId,
      documentsStage: this._documentsStage,
      documents: this.#documents,
      idempotencyKey: (this.#idempotencyKey ??= newKey()),
      remember: this.#remembered?.on ?? false,
      expiresAt: this.#remembered?.expiresAt,
    };
    this.#drafts.save(draft);
    this.#remembered?.save(draft);
  };

  // ---- answers and validation ----------------------------------------------------------------

  #setValue(field: Field, value: unknown, commit: boolean): void {
    this.#data = setAt(this.#data, field.pointer, value) as Record<string, unknown>;
    const hadServerError = this.#serverErrors.delete(field.pointer);
    const showsError = this.#visible.has(field.pointer) && this.#errors.has(field.pointer);
    if (commit) this.#visible.add(field.pointer);
    if (this.#triggers.has(field.name)) {
      // The answer may show or hide questions: everything is worked out again.
      this.#revalidate();
      this.#refreshSummary();
      this.requestUpdate();
    } else {
      // Only this field changed: update it in the validated data, validate, re-render it alone.
      this.#candidate = setAt(this.#candidate, field.pointer, value);
      if (commit || showsError || hadServerError) {
        // A keystroke is validated on its own; a committed answer (change) validates everything.
        if (
          commit ||
          this.#crossField.has(field.name) ||
          field.type === 'object' ||
          field.type === 'array'
        )
          this.#validateCandidate();
        else this.#validateAt(field.pointer);
        const part = this.#parts.get(field.pointer);
        if (part) part.refresh();
        else this.requestUpdate();
        this.#refreshSummary(field);
      }
    }
    this.#scheduleSave();
  }

  #revalidate(): void {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    this.#candidate = loaded.model.prune(loaded.model.withRequiredObjects(this.#data));
    this.#validateCandidate();
  }

  #validateCandidate(): void {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    this.#errors = new Map(loaded.validator.validate(this.#candidate).map((e) => [e.pointer, e]));
  }

  /** Validates what decides the errors at `pointer` (a question that was typed into) alone. */
  #validateAt(pointer: string): void {
    const loaded = this.#definition.loaded!;
    this.#errors.delete(pointer);
    for (const error of loaded.validator.validate(
      projectFor(this.#candidate, pointer, this.#crossField),
    ))
      if (error.pointer === pointer) this.#errors.set(pointer, error);
  }

  #errorText(pointer: string, field?: Field): string | undefined {
    const server = this.#serverErrors.get(pointer);
    if (server !== undefined) return server || msg('Bitte prüfen Sie diese Angabe.');
    if (!this.#visible.has(pointer)) return undefined;
    const error = this.#errors.get(pointer);
    return error
      ? fieldErrorMessage(
          error,
          this.#definition.loaded!.model,
          this.#definition.texts!,
          this.#data,
          field,
        )
      : undefined;
  }

  /** The data pointers of a step's questions, in the order they are shown. */
  #pointersOf(stepIndex: number): string[] {
    const { model } = this.#definition.loaded!;
    const out: string[] = [];
    const visit = (field: Field) => {
      out.push(field.pointer);
      for (const child of model.children(field, this.#data)) {
        if (child.index !== undefined) out.push(child.pointer);
        child.fields.forEach(visit);
      }
    };
    model.stepFields(stepIndex, this.#data).forEach(visit);
    return out;
  }

  #stepOf(pointer: string): number {
    const steps = this.#definition.loaded!.definition.steps;
    const index = steps.findIndex((s) => s.fields.some((f) => isWithin(pointer, f)));
    return index < 0 ? 0 : index;
  }

  /**
   * Errors of a step (as last validated), in the order of its questions; all of them become
   * visible. Callers validate once before asking for one or more steps.
   */
  #stepErrors(stepIndex: number): SummaryEntry[] {
    const order = this.#pointersOf(stepIndex);
    for (const pointer of order) this.#visible.add(pointer);
    const position = new Map(order.map((pointer, i) => [pointer, i]));
    const pointers = new Set([...this.#errors.keys(), ...this.#serverErrors.keys()]);
    return [...pointers]
      .filter((p) => this.#stepOf(p) === stepIndex)
      .sort((a, b) => rank(position, a) - rank(position, b))
      .map((pointer) => {
        this.#visible.add(pointer);
        return { pointer, message: this.#errorText(pointer) ?? '' };
      });
  }

  /**
   * Brings the error summary up to date: every entry, or — after a keystroke — only the entry of
   * the field that changed (no other answer changed, so no other message can have).
   */
  #refreshSummary(changed?: Field): void {
    if (this.#summary.length === 0) return;
    let dirty = false;
    const remaining: SummaryEntry[] = [];
    for (const entry of this.#summary) {
      if (changed && entry.pointer !== changed.pointer) {
        remaining.push(entry);
        continue;
      }
      // What the server said of no field (and of documents) stays until the next sending.
      if (!entry.pointer || entry.pointer.startsWith(DOCUMENT)) {
        remaining.push(entry);
        continue;
      }
      const message = this.#errorText(entry.pointer, changed);
      if (message !== entry.message) dirty = true;
      if (message !== undefined) remaining.push({ pointer: entry.pointer, message });
    }
    if (dirty) {
      this.#summary = remaining;
      this.#parts.get(SUMMARY)?.refresh();
    }
  }

  // ---- lists ---------------------------------------------------------------------------------

  #addItem(field: Field): void {
    const list = getAt(this.#data, field.pointer);
    const items = Array.isArray(list) ? list : [];
    const index = items.length;
    this.#data = setAt(this.#data, field.pointer, [...items, {}]) as Record<string, unknown>;
    this.#revalidate();
    this.#refreshSummary();
    this.#scheduleSave();
    const name = this.#itemName(field, index);
    this.#announce(msg(str`${name} hinzugefügt.`));
    this.#focusAfterUpdate = () => this.#focusWithin(joinPointer(field.pointer, index));
    this.requestUpdate();
  }

  #removeItem(field: Field, index: number): void {
    const list = getAt(this.#data, field.pointer);
    if (!Array.isArray(list)) return;
    const name = this.#itemName(field, index);
    this.#data = setAt(this.#data, joinPointer(field.pointer, index), undefined) as Record<
      string,
      unknown
    >;
    for (const set of [this.#visible, this.#serverErrors]) {
      for (const pointer of [...set.keys()])
        if (isWithin(pointer, joinPointer(field.pointer, index))) set.delete(pointer);
    }
    this.#revalidate();
    this.#refreshSummary();
    this.#scheduleSave();
    this.#announce(msg(str`${name} entfernt.`));
    const remaining = list.length - 1;
    this.#focusAfterUpdate = () => {
      if (remaining > 0)
        this.#focusWithin(joinPointer(field.pointer, Math.min(index, remaining - 1)));
      else
        this.renderRoot
          .querySelector<HTMLElement>(`#${idFor(field.pointer)} > button.add`)
          ?.focus();
    };
    this.requestUpdate();
  }

  #itemName(field: Field, index: number): string {
    return itemNameOf(field, this.#definition.texts!, index);
  }

  // ---- navigation ----------------------------------------------------------------------------

  /** Validates the current step and moves on (to the review after the last step). */
  next(): void {
    const loaded = this.#definition.loaded;
    if (!loaded || this._step >= loaded.definition.steps.length) return;
    this.#revalidate();
    const errors = this.#stepErrors(this._step);
    if (errors.length > 0) {
      this.#showSummary(errors);
      return;
    }
    const last = this._step === loaded.definition.steps.length - 1;
    if (last && !this._fromReview && this.#asksDocuments()) {
      this.#goTo(loaded.definition.steps.length);
      this._documentsStage = true;
      return;
    }
    this.#goTo(this._fromReview ? loaded.definition.steps.length : this._step + 1);
  }

  /** Moves one step back (answers are kept, nothing is validated). */
  back(): void {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    const review = this._step === loaded.definition.steps.length;
    if (review && !this._documentsStage && !this._paying && this.#asksDocuments()) {
      this._documentsStage = true;
      this.#focusAfterUpdate = () => this.#focusHeading();
      return;
    }
    if (this._step > 0 && this._step <= loaded.definition.steps.length) this.#goTo(this._step - 1);
  }

  #goTo(index: number, focusPointer?: string): void {
    const from = this._step;
    this._step = index;
    this._prefilled = false;
    this.#summary = [];
    if (this._status.kind === 'failed') this._status = { kind: 'idle' };
    const steps = this.#definition.loaded!.definition.steps;
    if (index >= steps.length) this._fromReview = false;
    if (index < steps.length) this._paying = false;
    this._documentsStage = false;
    this.#summary = [];
    this.#saveNow();
    this.#focusAfterUpdate = () => {
      if (focusPointer) this.#focusField(focusPointer);
      else this.#focusHeading();
    };
    this.dispatchEvent(
      new StepChangeEvent({
        from,
        to: index,
        stepId:
          index < steps.length
            ? steps[index]!.id
            : index === steps.length
              ? 'review'
              : 'confirmation',
      }),
    );
  }

  /** Validates everything; else goes to the first step with a problem and lists them there. */
  #everyStepValid(): boolean {
    this.#revalidate();
    const steps = this.#definition.loaded!.definition.steps;
    for (let i = 0; i < steps.length; i++) {
      const errors = this.#stepErrors(i);
      if (errors.length > 0) {
        this.#goTo(i);
        this.#showSummary(errors);
        return false;
      }
    }
    return true;
  }

  #showSummary(entries: SummaryEntry[]): void {
    this.#summary = entries;
    this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
    this.requestUpdate();
  }

  #focusHeading(): void {
    const heading = this.renderRoot.querySelector<HTMLElement>('#step-heading');
    heading?.focus();
    heading?.scrollIntoView?.({ block: 'nearest' });
  }

  #focusWithin(pointer: string): void {
    const container = this.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}`);
    const target = container?.matches('input, select, textarea')
      ? container
      : container?.querySelector<HTMLElement>('input, select, textarea, button');
    target?.focus();
  }

  #focusField(pointer: string): void {
    if (pointer.startsWith(DOCUMENT)) {
      this.renderRoot
        .querySelector<HTMLElement>(`#doc-${pointer.slice(DOCUMENT.length)}`)
        ?.shadowRoot?.querySelector<HTMLElement>('input')
        ?.focus();
      return;
    }
    let current = pointer;
    while (current) {
      const element = this.renderRoot.querySelector<HTMLElement>(`#${idFor(current)}`);
      if (element) {
        this.#focusWithin(current);
        element.scrollIntoView?.({ block: 'center' });
        return;
      }
      current = current.slice(0, current.lastIndexOf('/'));
    }
    this.#focusHeading();
  }

  /** A summary link: to the field (or document) on whatever page it is; the summary stays. */
  #followSummary(pointer: string): void {
    const loaded = this.#definition.loaded!;
    const onDocuments = pointer.startsWith(DOCUMENT);
    const step = onDocuments ? loaded.definition.steps.length : this.#stepOf(pointer);
    if (step === this._step && onDocuments === this._documentsStage)
      return this.#focusField(pointer);
    const summary = this.#summary;
    this._fromReview = true;
    this.#goTo(step, pointer);
    this._paying = false;
    this._documentsStage = onDocuments;
    this.#summary = summary;
  }

  #change(stepIndex: number, pointer: string): void {
    this._fromReview = true;
    this.#goTo(stepIndex, pointer);
  }

  // ---- documents -----------------------------------------------------------------------------

  /** The documents asked for by the answers that apply (none without an upload endpoint). */
  #applicableDocuments(): ApplicableDocument[] {
    const loaded = this.#definition.loaded;
    if (!loaded || !this.uploadEndpoint) return [];
    return applicableDocuments(
      loaded.definition,
      loaded.model.prune(this.#data),
      loaded.validator.test,
    );
  }

  #asksDocuments(): boolean {
    return this.#applicableDocuments().length > 0;
  }

  /**
   * Every required document has a file and no upload is under way; else the documents page says
   * which (its code has loaded: it renders the pages this is called from).
   */
  #documentsComplete(stages: Stages): boolean {
    const problems = stages.documentsProblems(this.#stageHost, this.renderRoot);
    if (problems.length === 0) return true;
    this.#summary = problems;
    if (!this._documentsStage || this._paying) {
      this._paying = false;
      this._documentsStage = true;
    }
    this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
    this.requestUpdate();
    return false;
  }

  #documentsDone(stages: Stages): void {
    if (!this.#documentsComplete(stages)) return;
    const steps = this.#definition.loaded!.definition.steps;
    this._documentsStage = false;
    this.#summary = [];
    this.#saveNow();
    this.#focusAfterUpdate = () => this.#focusHeading();
    this.dispatchEvent(
      new StepChangeEvent({ from: steps.length, to: steps.length, stepId: 'review' }),
    );
  }

  // ---- payment -------------------------------------------------------------------------------

  #payLater = false;
  /** The application was sent with the fee to be paid later (said on the confirmation). */
  #billedLater = false;

  /** From the review to the payment step (everything is validated first, as for submitting). */
  #toPayment(stages: Stages): void {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    if (!this.#documentsComplete(stages)) return;
    if (!this.#everyStepValid()) return;
    const steps = loaded.definition.steps;
    this._paying = true;
    this._status = { kind: 'idle' };
    this.#saveNow();
    this.#focusAfterUpdate = () => this.#focusHeading();
    this.dispatchEvent(
      new StepChangeEvent({ from: steps.length, to: steps.length, stepId: 'payment' }),
    );
  }

  // ---- the stages after the last step --------------------------------------------------------

  /** The stages' code, once loaded (see `loadStages`). */
  #stages: Stages | undefined;
  #stagesFailed = false;

  #loadStages(): Promise<Stages> {
    return loadStages().then(
      (stages) => {
        if (!this.#stages) {
          this.#stages = stages;
          this.#stagesFailed = false;
          this.requestUpdate();
        }
        return stages;
      },
      (error: unknown) => {
        this.#stagesFailed = true;
        this.requestUpdate();
        throw error;
      },
    );
  }

  /** What the stages read from the form and ask it to do. */
  #stageHost: StageHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const form = this;
    return {
      form,
      get loaded() {
        return form.#definition.loaded!;
      },
      get texts() {
        return form.#definition.texts!;
      },
      get data() {
        return form.#data;
      },
      get language() {
        return form.#definition.language;
      },
      get documents() {
        return form.#documents;
      },
      get status() {
        return form._status;
      },
      get reference() {
        return form._reference;
      },
      get transactionReference() {
        return form.#transactionReference;
      },
      get billedLater() {
        return form.#billedLater;
      },
      get paymentId() {
        return form.#paymentId;
      },
      applicableDocuments: () => form.#applicableDocuments(),
      renderSummary: () => form.#renderSummary(),
      renderRemember: () => form.#renderRemember(),
      csrfHeaders: (endpoint?: string) => form.#csrfHeaders(endpoint),
      change: (stepIndex: number, pointer: string) => form.#change(stepIndex, pointer),
      back: () => form.back(),
      goTo: (index: number) => form.#goTo(index),
      submit: () => void form.submit(),
      toPayment: () => form.#toPayment(form.#stages!),
      documentsDone: () => form.#documentsDone(form.#stages!),
      openDocuments: () => {
        form._documentsStage = true;
        form.#focusAfterUpdate = () => form.#focusHeading();
      },
      leavePayment: () => {
        form._paying = false;
        form.#saveNow();
        form.#focusAfterUpdate = () => form.#focusHeading();
      },
      documentsChanged: (id, files) => {
        form.#documents = { ...form.#documents, [id]: files };
        form.#summary = form.#summary.filter((d) => d.pointer !== DOCUMENT + id);
        form.#parts.get(SUMMARY)?.refresh();
        form.#scheduleSave();
      },
      paymentCreated: (id) => {
        // Saved before the citizen leaves for the provider's page (the device's copy, too).
        form.#paymentId = id;
        form.#payLater = false;
        form.#saveNow();
        return form.#remembered?.saved ?? Promise.resolve();
      },
      paymentComplete: (id) => {
        form.#paymentId = id;
        form.#payLater = false;
        form.#saveNow();
        void form.submit();
      },
      finishPaid: (transactionReference: string) => void form.#finishPaid({ transactionReference }),
      payLater: () => {
        form.#payLater = true;
        void form.submit();
      },
    };
  })();

  // ---- submission ----------------------------------------------------------------------------

  /**
   * Validates everything and sends the application (at most once at a time). Once it has been
   * accepted, this does nothing: an element sends one application; a new one needs a new element
   * (a fresh page).
   */
  submit(): Promise<void> {
    if (this.#sent) return Promise.resolve();
    this.#inFlight ??= this.#submit().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #submit(): Promise<void> {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    let stages: Stages;
    try {
      stages = await this.#loadStages();
    } catch {
      // The code could not be fetched (offline): every answer stays, the citizen retries.
      this._status = { kind: 'failed', failure: { ok: false, kind: 'network' } };
      return;
    }
    if (this.#definition.loaded !== loaded || !this.#documentsComplete(stages)) return;
    if (!this.#everyStepValid()) return;
    if (!this.endpoint) {
      this._status = { kind: 'failed', failure: { ok: false, kind: 'config' } };
      return;
    }
    const { buildSubmission, submitJson } = stages;
    const submission = buildSubmission(loaded.model, this.#data, this.#definition.language);
    if (this.#paymentId && !this.#payLater) submission.payment = { id: this.#paymentId };
    const documents = stages.submittedDocuments(this.#stageHost);
    if (documents) submission.documents = documents;
    const before = new BeforeSubmitEvent({ submission, headers: {} });
    if (!this.dispatchEvent(before)) return;

    this._status = { kind: 'sending', retrying: false };
    this.#announce(msg('Ihr Antrag wird gesendet …'));
    const result = await submitJson({
      ...this.retryPolicy,
      endpoint: this.endpoint,
      body: before.detail.submission,
      idempotencyKey: (this.#idempotencyKey ??= newKey()),
      headers: { ...this.headers, ...this.#csrfHeaders(), ...before.detail.headers },
      onRetry: ({ delayMs }) => {
        this._status = { kind: 'sending', retrying: true };
        const seconds = Math.max(1, Math.round(delayMs / 1000));
        this.#announce(
          seconds === 1
            ? msg('Die Verbindung ist gestört. Neuer Versuch in 1 Sekunde …')
            : msg(str`Die Verbindung ist gestört. Neuer Versuch in ${seconds} Sekunden …`),
        );
      },
    });

    if (result.ok) return this.#accepted(stages, result, before.detail.submission);

    this.dispatchEvent(new SubmitErrorEvent(result));
    if (result.kind === 'validation') {
      // Every problem the server names goes into the summary on the review (not the payment
      // page), focused as after a check in the browser.
      const { entries, fields } = stages.serverSummary(this.#stageHost, result);
      this.#serverErrors = fields;
      for (const pointer of fields.keys()) this.#visible.add(pointer);
      this._paying = false;
      this.#showSummary(entries);
      this._status = { kind: 'idle' };
      return;
    }
    this.#failed(result);
  }

  #failed(failure: SubmitFailure): void {
    this._status = { kind: 'failed', failure };
    this.#focusAfterUpdate = () =>
      this.renderRoot.querySelector<HTMLElement>('.status.failure')?.focus();
  }

  /** The endpoint accepted the application: nothing is kept, and the confirmation shows. */
  #accepted(
    stages: Stages,
    result: Extract<SubmitResult, { ok: true }>,
    submission: Submission | undefined,
  ): void {
    const loaded = this.#definition.loaded!;
    this.#sent = true;
    // What this page sent is not kept; an application the endpoint held (another tab's) leaves
    // whatever this page has alone.
    if (submission) {
      this.#drafts?.clear();
      this.#remembered?.forget();
      stages.forgetUploads(storage('sessionStorage') as Storage | undefined, loaded.definition.id);
    }
    this._reference = result.reference;
    const paid = (result.body as { payment?: { transactionReference?: unknown } } | undefined)
      ?.payment;
    this.#transactionReference =
      typeof paid?.transactionReference === 'string' ? paid.transactionReference : undefined;
    this.#billedLater = this.#payLater;
    this._paying = false;
    this.#paymentId = undefined;
    this.#payLater = false;
    this._status = { kind: 'idle' };
    this.#idempotencyKey = undefined;
    this.#goTo(loaded.definition.steps.length + 1);
    this.#announce(msg(str`Ihr Antrag ist eingegangen. Vorgangsnummer: ${result.reference ?? ''}`));
    this.dispatchEvent(
      new SubmitSuccessEvent({
        reference: result.reference,
        location: result.location,
        status: result.status,
        response: result.body,
        submission,
      }),
    );
  }

  /**
   * Sends the application the payment endpoint holds with a paid payment (the tab that paid was
   * closed, so this page has no copy): by the payment's id from the return URL, or by the
   * Kassenzeichen on the provider's receipt.
   */
  #finishPaid(what: { payment: string } | { transactionReference: string }): Promise<void> {
    if (this.#sent || !this.paymentEndpoint) return Promise.resolve();
    this.#inFlight ??= this.#sendHeld(what).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #sendHeld(what: { payment: string } | { transactionReference: string }): Promise<void> {
    const loaded = this.#definition.loaded;
    let stages: Stages;
    try {
      stages = await this.#loadStages();
    } catch {
      return this.#failed({ ok: false, kind: 'network' });
    }
    this._status = { kind: 'sending', retrying: false };
    const result = await stages.finishPaid(this.#stageHost, what);
    if (this.#definition.loaded !== loaded) return;
    // The return link is done with once it is settled (sent, or no such held application); a
    // payment not yet confirmed, or a network failure, leaves it for a reload to try again.
    const settled = result.ok || (result.kind === 'rejected' && result.status !== 409);
    if ('payment' in what && settled) stages.forgetReturnParam();
    if (result.ok) return this.#accepted(stages, result, undefined);
    this.dispatchEvent(new SubmitErrorEvent(result));
    this.#failed(result);
  }

  #csrfHeaders(endpoint = this.endpoint): Record<string, string> {
    if (this.csrf === 'off' || !endpoint) return {};
    const token = (globalThis as { Liferay?: { authToken?: unknown } }).Liferay?.authToken;
    if (typeof token !== 'string' || token === '') return {};
    const target = new URL(endpoint, document.baseURI);
    return target.origin === location.origin ? { [this.csrfHeader]: token } : {};
  }

  #announce(text: string): void {
    // Clear first, so the same words are announced again.
    this._announcement = '';
    void this.updateComplete.then(() => {
      this._announcement = text;
    });
  }

  // ---- rendering -----------------------------------------------------------------------------

  #renderField(field: Field): unknown {
    const control = controlFor(field, this.controls, this.#host.context);
    return control
      ? refreshable(field.pointer, this.#parts, () => control.render(field, this.#host))
      : nothing;
  }

  override render() {
    if (this.#definition.problems) return this.#renderProblems(this.#definition.problems);
    const loaded = this.#definition.loaded;
    const texts = this.#definition.texts;
    if (!loaded || !texts) {
      return html`<div part="base">
        <p role="status">${msg('Das Formular wird geladen …')}</p>
      </div>`;
    }
    const steps = loaded.definition.steps;
    const [current, total] = this.#progress();
    this.#barShare = current / total;
    const done = this._step > steps.length;
    return html`<div part="base">
      <div class="header">
        <h2 part="title">${texts.get('/title')}</h2>
        ${
          done
            ? nothing
            : html`<p class="progress" part="progress">
                  ${msg(str`Schritt ${current} von ${total}`)}
                </p>
                <div class="bar" aria-hidden="true"><span></span></div>`
        }
      </div>
      ${this._step < steps.length ? this.#renderStep(this._step) : this.#renderStage(steps.length)}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }

  protected override firstUpdated(): void {
    idle(() => void this.#loadStages().catch(() => undefined));
  }

  /**
   * Where the citizen is: the steps, then the documents page (when documents are asked for), then
   * the review (with the payment, when the fee is paid here).
   */
  #progress(): [current: number, total: number] {
    const steps = this.#definition.loaded!.definition.steps.length;
    const documents = this.#asksDocuments() ? 1 : 0;
    const total = steps + documents + 1;
    if (this._step < steps) return [this._step + 1, total];
    return [this._documentsStage ? steps + 1 : total, total];
  }

  /** How far the progress bar reaches, as rendered last. */
  #barShare = 0;

  #syncBar(): void {
    // The progress bar's width is set through the CSSOM, not an inline style attribute (strict CSP).
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar > span');
    if (bar) bar.style.width = `${this.#barShare * 100}%`;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.#syncBar();
  }

  #renderProblems(problems: DefinitionProblem[]) {
    return html`<div part="base">
      <div class="definition-error" part="definition-error" role="alert">
        <h2>${msg('Das Formular kann nicht angezeigt werden.')}</h2>
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

  #renderSummary() {
    return refreshable(SUMMARY, this.#parts, () => this.#renderSummaryContent());
  }

  #renderSummaryContent() {
    if (this.#summary.length === 0) return nothing;
    const count = this.#summary.length;
    return html`<div
      class="summary"
      part="error-summary"
      tabindex="-1"
      aria-labelledby="summary-title"
    >
      <h3 id="summary-title">
        ${count === 1 ? msg('Bitte korrigieren Sie 1 Angabe:') : msg(str`Bitte korrigieren Sie ${count} Angaben:`)}
      </h3>
      <ul>
        ${this.#summary.map((entry) =>
          !entry.pointer
            ? html`<li>${entry.message}</li>`
            : html`<li>
                <a
                  href="#${idFor(entry.pointer)}"
                  @click=${(e: Event) => {
                    e.preventDefault();
                    this.#followSummary(entry.pointer);
                  }}
                  >${entry.message}</a
                >
              </li>`,
        )}
      </ul>
    </div>`;
  }

  #renderStep(index: number) {
    const loaded = this.#definition.loaded!;
    const texts = this.#definition.texts!;
    const step = loaded.definition.steps[index]!;
    const fields = loaded.model.stepFields(index, this.#data);
    const description = step.description ? texts.get(`/steps/${index}/description`) : undefined;
    return html`<div
      role="form"
      class="step"
      aria-labelledby="step-heading"
      @keydown=${this.#onStepKeydown}
    >
      ${this.#renderSummary()}
      <h3 id="step-heading" part="step-heading" tabindex="-1">
        ${texts.get(`/steps/${index}/title`)}
      </h3>
      ${
        index === 0 && loaded.definition.description
          ? html`<p class="note">${texts.get('/description')}</p>`
          : nothing
      }
      ${description ? html`<p class="note">${description}</p>` : nothing}
      ${index === 0 && this.paymentEndpoint && this.#stages ? this.#stages.renderFinishPaid(this.#stageHost) : nothing}
      ${
        this._prefilled
          ? html`<p class="status" part="prefill-note">
              ${msg('Einige Antworten aus dem Quick-Check sind schon eingetragen. Bitte prüfen Sie sie.')}
            </p>`
          : nothing
      }
      <p class="note">${msg('Pflichtangaben sind mit * markiert.')}</p>
      ${chunked(
        fields.flatMap((field) =>
          field.type === 'object'
            ? loaded.model.children(field, this.#data)[0]!.fields.map((f) => this.#renderField(f))
            : [this.#renderField(field)],
        ),
      )}
      ${this.#renderRemember()}
      <div class="actions" part="actions">
        <button type="button" class="next" part="button" @click=${() => this.next()}>
          ${this._fromReview ? msg('Weiter zur Übersicht') : msg('Weiter')}
        </button>
        ${
          index > 0
            ? html`<button
                type="button"
                class="secondary"
                part="button"
                @click=${() => this.back()}
              >
                ${msg('Zurück')}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  /**
   * Enter in a text field moves on, as it would submit a form. The step is no `<form>` element:
   * Chromium associates every control inserted into a live form one by one, which made rendering
   * a large step quadratic.
   */
  #onStepKeydown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0];
    if (event.key !== 'Enter' || event.isComposing || !(target instanceof HTMLInputElement)) return;
    if (['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type)) return;
    event.preventDefault();
    this.next();
  };

  #renderRemember() {
    if (this.storage === 'none' || !(this.rememberDays > 0)) return nothing;
    // Offered later (remember-days set after the definition loaded; its code was offline).
    if (!this.#rememberLoading && this.#drafts) void this.#loadRemembered(this.#drafts.load());
    return this.#remembered?.render() ?? nothing;
  }

  /** After the last step: documents, review, payment or confirmation (their code loads lazily). */
  #renderStage(review: number) {
    const stages = this.#stages;
    if (!stages) {
      if (!this.#stagesFailed) {
        void this.#loadStages().catch(() => undefined);
        return html`<p role="status">${msg('Das Formular wird geladen …')}</p>`;
      }
      return html`<div class="status failure" role="alert">
        <p>
          ${msg('Dieser Teil des Formulars konnte nicht geladen werden. Ihre Angaben bleiben erhalten. Bitte prüfen Sie Ihre Internetverbindung.')}
        </p>
        <button
          type="button"
          part="button"
          @click=${() => void this.#loadStages().catch(() => undefined)}
        >
          ${msg('Erneut versuchen')}
        </button>
      </div>`;
    }
    const host = this.#stageHost;
    if (this._step > review) return stages.renderConfirmation(host);
    if (this._paying) return stages.renderPayment(host);
    if (this._documentsStage) return stages.renderDocuments(host);
    return stages.renderReview(host);
  }
}

/** The key of the error summary among the refreshable pieces (no pointer looks like it). */
const SUMMARY = '#summary';

/** Where an error sorts among a step's questions (`position`: pointer → index, in order). */
function rank(position: Map<string, number>, pointer: string): number {
  // An error on something not shown (yet) sorts after its closest shown ancestor.
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const index = position.get(p);
    if (index !== undefined) return p === pointer ? index : index + 0.5;
  }
  return position.size;
}
