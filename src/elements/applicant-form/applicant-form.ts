import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { DefinitionElementListeners } from '../shared/form-events.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { DraftStore, type Draft, type StorageLike } from '../../core/draft.js';
import {
  Flow,
  stepIndexOf,
  stepStage,
  type FlowLayout,
  type StageChange,
  type StageId,
  type StepStage,
} from '../../core/flow.js';
import { DOCUMENT, FormSession, inOrder } from '../../core/session.js';
import { takePrefill } from '../../core/handoff.js';
import {
  applicableDocuments,
  type ApplicableDocument,
  type DocumentsValue,
} from '../../core/documents.js';
import type { SubmitOptions } from '../../core/http.js';
import { joinPointer } from '../../core/pointer.js';
import type { Field } from '../../core/schema.js';
import type { Translations } from '../../core/texts.js';
import type { Definition, Outcome, OutcomeType } from '../../core/types.js';
import type { HostIdentity } from '../../core/identity.js';
import { Announcer, FocusController } from '../shared/a11y-controllers.js';
import { fieldErrorMessage } from '../../i18n/messages.js';
import type { Language } from '../../i18n/localization.js';
import { addStyles, base, tokens } from '../shared/styles.js';
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
import { deferredRun, RunQueue } from '../shared/runs.js';
import { DataChangeEvent, ReadyEvent, StepChangeEvent } from './events.js';
import { loadDefinition, type LoadedDefinition } from '../shared/loader.js';
import { DefinitionController } from '../shared/definition-controller.js';
import { refreshable, type Refreshable } from './refreshable.js';
import type { HandOffView, SendState, StageHost, SummaryEntry } from './context.js';
import type { Remembered, RememberHost } from './remember.js';
import { said } from '../shared/said.js';

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
/** The trust levels, weakest first (as the core's `TRUST_LEVELS`, which loads with the identity). */
const LEVELS = ['low', 'substantial', 'high'];

function loadStages(): Promise<Stages> {
  stagesModule ??= import('./stages.js');
  stagesModule.catch(() => {
    stagesModule = undefined; // try again next time
  });
  return stagesModule;
}

/** Runs `fn` when the browser is idle (soon, where it cannot tell). */
function idle(fn: () => void): void {
  // Within two seconds also on a page that is never idle (the pages' code is then there before
  // a citizen can have answered and pressed "Absenden").
  if ('requestIdleCallback' in globalThis) requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

// Types only: a listener gets the element's events by name (`error`: `DefinitionErrorEvent`), as
// the DOM's own elements declare theirs.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ApplicantForm {
  addEventListener: DefinitionElementListeners<ApplicantForm>['add'];
  removeEventListener: DefinitionElementListeners<ApplicantForm>['remove'];
}

/**
 * The multi-step application for a public service, driven by a JSON Schema definition:
 * questions, validation, review, submission.
 *
 * @summary A multi-step application form driven by a JSON Schema definition.
 *
 * @fires step-change - `StepChangeEvent`: the citizen moved to another stage. `detail: { from, to, stepId }`: stage ids (`step:0`, `documents`, `review`, `payment`, `outcome`) and the step's own id (or the stage's).
 * @fires data-change - `DataChangeEvent`: the citizen changed an answer. `detail: { pointer, value, committed }`.
 * @fires ready - `ReadyEvent`: the definition, its texts and the validator are loaded and the first step is shown.
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
 * @csspart fees - On an appointment's checklist, the fee taken at the appointment.
 * @csspart identity-note - Why the flow ends in an appointment: sending needs an identity (e.g. the eID) the portal did not confirm.
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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above: types only
export class ApplicantForm extends LitElement {
  static override styles = [tokens, base, formStyles, styles];

  static override properties = {
    definition: {},
    endpoint: { type: String },
    languages: { type: String },
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
    tagNames: { attribute: false },
    outcome: { type: String },
    handoffHref: { type: String, attribute: 'handoff-href' },
    identity: { attribute: false },
    _stage: { state: true },
    _prefilled: { state: true },
  };

  /**
   * The service: the id of a built-in definition (`einbuergerung`), or the URL of a definition
   * JSON file. As a property it also takes a definition object.
   */
  declare definition: string | Definition | undefined;
  /**
   * The languages to offer in a switch above the element (`de en tr ar uk ru fa`), for a page
   * that has no language switch of its own: choosing one sets the element's `lang` and keeps every
   * answer. Without it the element follows `lang` (its own, else the page's).
   */
  declare languages: string | undefined;
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
  /**
   * Tag names for the elements the form renders inside itself, e.g.
   * `{ 'document-upload': 'city-upload' }`. A name another library has taken is not used: the form
   * then registers its own under `ozg-document-upload` (or `ozg-payment-step`).
   */
  declare tagNames: Partial<Record<'document-upload' | 'payment-step', string>>;
  /**
   * What the flow ends in, when the definition offers more than one: `submission` (the
   * application is sent) or `appointment` (a checklist and how to book; the declaration is given
   * in person). Default: the definition's first.
   */
  declare outcome: OutcomeType | undefined;
  /**
   * The page a second party (e.g. the employer) opens the hand-off link on; default this page.
   * The link carries the hand-off's secret in its fragment (`#ozg-handoff=…`), never sent to a server.
   */
  declare handoffHref: string | undefined;
  /**
   * Verified identity attributes from a portal that signed the citizen in (BundID/eID, through the
   * portal's own login): `{ trustLevel: 'low' | 'substantial' | 'high', source?, attributes,
   * assertion? }`. The definition's `identity` maps them to fields; they are filled in, marked with
   * their source, and the submission carries the trust level, which answers are still as verified,
   * and the portal's signed `assertion` (a JWT) unchanged — what an endpoint relies on where a
   * submission requires a trust level (e.g. the eID); without one it falls back to the appointment.
   */
  declare identity: HostIdentity | undefined;

  /** Where the citizen is (the flow's current stage, as last rendered). */
  declare private _stage: StageId;
  /** Answers were carried over from the quick-check: said on the step until the citizen moves on. */
  declare private _prefilled: boolean;
  /** Uploaded files by document id. */
  #documents: DocumentsValue = {};

  /** The answers, which apply, their errors (the core's form session, made when the definition loads). */
  #session: FormSession | undefined;
  /** Answers a host set before the definition loaded. */
  #pending: Record<string, unknown> = {};
  /** The stages and where the citizen is (made when the definition loads). */
  #flow: Flow | undefined;
  /** Where the next stage change moves focus: a field (from a summary or the review). */
  #focusTarget: string | undefined;
  /** The error summary's entries (shown at the top of the step after a failed Next). */
  #summary: SummaryEntry[] = [];
  /** Pieces that re-render alone: each field (by pointer) and the error summary. */
  #parts = new Map<string, Refreshable>();
  #announcer = new Announcer(this);
  #focus = new FocusController(this);
  /** Answers filled in from a portal's verified identity, by pointer: who verified them. */
  #verified = new Map<string, string>();
  /** Opening a hand-off or status link (its answer awaited). */
  #opening = false;
  /** The hand-off this element fills in as a later party (opened from its link). */
  #handOff: HandOffView | undefined;
  #drafts: DraftStore | undefined;
  /** The choice to keep the draft on the device (its code loads with the definition). */
  #remembered: Remembered | undefined;
  #rememberLoading = false;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The definition, its texts and the language (shared with the other elements). */
  #definition = new DefinitionController<LoadedDefinition>(this, (loaded) => loaded.builtIn?.texts);

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
    this._stage = 'step:0';
    this._prefilled = false;
    this.uploadEndpoint = undefined;
    this.paymentEndpoint = undefined;
    this.providerOrigins = undefined;
    this.tagNames = {};
    this.outcome = undefined;
    this.handoffHref = undefined;
    this.identity = undefined;
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
        return form.#session!.data;
      },
      get context() {
        const { definition } = form.#definition.loaded!;
        const step = definition.steps[stepIndexOf(form._stage) ?? -1]?.id ?? '';
        return { definition, step, language: form.#definition.language };
      },
      errorFor: (field) => this.#errorText(field.pointer, field),
      setValue: (field, value, commit) => this.#setValue(field, value, commit),
      addItem: (field) => this.#addItem(field),
      removeItem: (field, index) => this.#removeItem(field, index),
      renderField: (field) => this.#renderField(field),
      verifiedBy: (field) => this.#verified.get(field.pointer),
      unlock: (field) => {
        this.#verified.delete(field.pointer);
        this.#parts.get(field.pointer)?.refresh();
        this.#focus.after(() => this.#focus.focusControl(idFor(field.pointer)));
      },
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
    return structuredClone(this.#session?.data ?? this.#pending);
  }

  set data(value: Record<string, unknown>) {
    if (this.#session) this.#session.replace(value);
    else this.#pending = typeof value === 'object' && value !== null ? structuredClone(value) : {};
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

  /** The current step: 0-based index into the definition's steps; `steps.length` is the documents page, the review or the payment, `steps.length + 1` the outcome. See `stage`. */
  get step(): number {
    const count = this.#definition.loaded?.definition.steps.length ?? 0;
    const stage = this._stage;
    return stepIndexOf(stage) ?? (stage === 'outcome' ? count + 1 : count);
  }

  /** Where the citizen is: `step:N` (N the step's index), `documents`, `review`, `payment` or `outcome`. */
  get stage(): StageId {
    return this._stage;
  }

  /**
   * Checks every answer that applies, and that every required document has a file, without
   * sending anything, moving the citizen or showing an error; the errors in the order of the
   * steps, then the documents (`document:<id>`). Empty before the definition loaded.
   */
  validate(): { pointer: string; keyword: string; message: string }[] {
    const session = this.#session;
    if (!session) return [];
    session.revalidate();
    const steps = this.#layout().steps;
    const pointers = session.errorPointers().filter((p) => steps.includes(session.stepOf(p)));
    const byPointer = new Map(session.errors().map((e) => [e.pointer, e]));
    // The questions' order is only needed to sort errors (none: nothing to walk).
    const order = pointers.length > 0 ? steps.flatMap((i) => session.pointersOf(i)) : [];
    return inOrder(pointers, order)
      .map((pointer) => ({
        pointer,
        keyword: byPointer.get(pointer)?.keyword ?? 'server',
        message: this.#messageOf(pointer) ?? '',
      }))
      .concat(
        this.#applicableDocuments()
          .filter((d) => d.required && !this.#documents[d.requirement.id]?.length)
          .map((d) => ({
            pointer: DOCUMENT + d.requirement.id,
            keyword: 'required',
            message: msg(
              str`Bitte laden Sie hoch: ${this.#definition.texts!.get(`${d.pointer}/title`)}`,
            ),
          })),
      );
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
    if (changed.has('identity') && this.#session && this.identity) this.#applyIdentity();
  }

  // ---- loading -------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const source = this.definition;
    const loaded = await this.#definition.load(source, () =>
      loadDefinition(source!, { validator: this.validator }),
    );
    if (!loaded) return;
    this.#session = new FormSession(
      loaded.model,
      loaded.validator,
      this.#session?.data ?? this.#pending,
    );
    this.#pending = {};
    this.#flow = new Flow(this.#layout, this.#stageChanged);
    this._stage = this.#flow.current;
    this.requestUpdate();
    // A hand-off link (a later party's part) or a status link (where the application stands):
    // opened by the pages' code.
    if (location.hash.startsWith('#ozg-') && loaded.definition.parties?.length) {
      this.#opening = true;
      void this.#loadStages().then(
        (stages) => stages.openLink(this.#stageHost, location.hash),
        () => {
          this.#send.linkProblem = 0; // offline: said once the pages' code is there
          this.#stageHost.opened();
          this.#go('outcome');
        },
      );
    } else {
      this.#restoreDraft();
      const offered = takePrefill(storage('sessionStorage'), loaded.definition.id);
      const prefill = this.prefill ? { ...offered, ...this.prefill } : offered;
      if (prefill) this.#fillIn(prefill);
      if (this.identity) this.#applyIdentity();
    }
    // The first validation compiles the validator (about 90 ms for a thousand questions): done
    // while the browser is idle, not on the citizen's first answer.
    idle(() => {
      if (this.#definition.loaded === loaded) this.#session!.revalidate();
    });
    void this.updateComplete.then(() => {
      if (this.#definition.loaded === loaded) this.dispatchEvent(new ReadyEvent());
    });
    // The upload element is needed only later, on the documents page: load it while the citizen
    // answers, so its file pickers are there (and focusable) as soon as the page shows.
    if (this.uploadEndpoint && loaded.definition.documents?.length) {
      idle(() => void import('../document-upload/document-upload.js').catch(() => undefined));
    }
  }

  // ---- drafts --------------------------------------------------------------------------------

  /** This tab's draft (and the choice to keep it on the device); a later party's apart. */
  #restoreDraft(): void {
    const definition = this.#definition.loaded!.definition;
    const party = this.#handOff?.party;
    const name = DraftStore.keyFor(party ? `${definition.id}.${party}` : definition.id);
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
      this.#drafts && this.rememberDays > 0 && !party
        ? this.#loadRemembered(own)
        : Promise.resolve();
    // Back from the provider with no copy of the application here (the paying tab was closed):
    // the payment endpoint holds it with the payment.
    if (this.paymentEndpoint && !own)
      void remembering
        .then(() => this.#loadStages())
        .then((stages) => {
          const returned = stages.returnedPayment();
          if (returned && !this.#send.paymentId) void this.#finishPaid({ payment: returned });
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
      announce: (text: string) => form.#announcer.announce(text),
      saveNow: () => form.#saveNow(),
    };
  })();

  #applyDraft(draft: Draft): void {
    const session = this.#session!;
    session.replace({ ...draft.data, ...session.data });
    this.#send.idempotencyKey = draft.idempotencyKey;
    this.#send.paymentId = draft.paymentId;
    this.#documents = draft.documents ?? {};
    // Drafts before stages had ids kept a step index and two flags.
    const steps = this.#definition.loaded!.definition.steps.length;
    const stage =
      draft.stage ??
      (draft.paying
        ? 'payment'
        : draft.documentsStage
          ? 'documents'
          : (draft.step ?? 0) >= steps
            ? 'review'
            : stepStage(Math.max(0, draft.step ?? 0)));
    this.#flow!.restore({ stage, returning: draft.returning });
    this._stage = this.#flow!.current;
    this.#announcer.announce(msg('Ihre bisherigen Angaben wurden wiederhergestellt.'));
  }

  /** Fills in answers the citizen has not given yet; never overwrites one. */
  #fillIn(prefill: Record<string, unknown>): void {
    if (this.#session!.fillIn(prefill) === 0) return;
    this.#scheduleSave();
    this._prefilled = true;
    this.#announcer.announce(
      msg('Antworten aus dem Quick-Check wurden übernommen. Bitte prüfen Sie sie.'),
    );
    this.requestUpdate();
  }

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(this.#saveNow, 300);
  }

  #saveNow = (): void => {
    clearTimeout(this.#saveTimer);
    const loaded = this.#definition.loaded;
    const flow = this.#flow;
    if (!loaded || !flow || !this.#drafts || flow.current === 'outcome') return;
    const draft = {
      definitionId: loaded.definition.id,
      definitionVersion: loaded.definition.version,
      data: this.#session!.data as Record<string, unknown>,
      ...flow.save(),
      paymentId: this.#send.paymentId,
      documents: this.#documents,
      // One key per application, made when first needed, reused on every retry.
      idempotencyKey: (this.#send.idempotencyKey ??= crypto.randomUUID()),
      remember: this.#remembered?.on ?? false,
      expiresAt: this.#remembered?.expiresAt,
    };
    this.#drafts.save(draft);
    this.#remembered?.save(draft);
  };

  // ---- answers and validation ----------------------------------------------------------------

  #setValue(field: Field, value: unknown, commit: boolean): void {
    const refresh = this.#session!.set(field, value, commit);
    if (refresh === 'all') {
      this.#refreshSummary();
      this.requestUpdate();
    } else if (refresh === 'field') {
      const part = this.#parts.get(field.pointer);
      if (part) part.refresh();
      else this.requestUpdate();
      this.#refreshSummary(field);
    }
    this.#scheduleSave();
    this.dispatchEvent(new DataChangeEvent({ pointer: field.pointer, value, committed: commit }));
  }

  /** The message for the error at `pointer`: the server's, else the validator's (when shown). */
  #errorText(pointer: string, field?: Field, evenIfHidden = false): string | undefined {
    const session = this.#session!;
    const server = session.serverError(pointer);
    if (server !== undefined) return server || msg('Bitte prüfen Sie diese Angabe.');
    const error = session.error(pointer, evenIfHidden);
    return error
      ? fieldErrorMessage(
          error,
          this.#definition.loaded!.model,
          this.#definition.texts!,
          session.data,
          field,
        )
      : undefined;
  }

  #messageOf(pointer: string): string | undefined {
    return this.#errorText(pointer, undefined, true);
  }

  #entries(pointers: string[]): SummaryEntry[] {
    return pointers.map((pointer) => ({ pointer, message: this.#errorText(pointer) ?? '' }));
  }

  /** Brings the error summary up to date (after a keystroke, only the changed field's entry). */
  #refreshSummary(changed?: Field): void {
    const refreshed =
      this.#summary.length > 0
        ? this.#stages?.refreshedSummary(this.#summary, changed?.pointer, (pointer) =>
            this.#errorText(pointer, changed),
          )
        : undefined;
    if (refreshed) {
      this.#summary = refreshed;
      this.#parts.get(SUMMARY)?.refresh();
    }
  }

  // ---- lists ---------------------------------------------------------------------------------

  #addItem(field: Field): void {
    const index = this.#session!.addItem(field.pointer);
    this.#refreshSummary();
    this.#scheduleSave();
    this.#announcer.announce(msg(str`${this.#itemName(field, index)} hinzugefügt.`));
    this.#focus.after(() => this.#focus.focusControl(idFor(joinPointer(field.pointer, index))));
  }

  #removeItem(field: Field, index: number): void {
    const name = this.#itemName(field, index);
    const remaining = this.#session!.removeItem(field.pointer, index);
    this.#refreshSummary();
    this.#scheduleSave();
    this.#announcer.announce(msg(str`${name} entfernt.`));
    this.#focus.after(() => {
      if (remaining > 0)
        this.#focus.focusControl(idFor(joinPointer(field.pointer, Math.min(index, remaining - 1))));
      else this.#focus.focus(`#${idFor(field.pointer)} > button.add`);
    });
  }

  #itemName(field: Field, index: number): string {
    return itemNameOf(field, this.#definition.texts!, index);
  }

  // ---- navigation ----------------------------------------------------------------------------

  /** What the flow holds now: the steps, the documents page, the payment. */
  #layout = (): FlowLayout => {
    const definition = this.#definition.loaded!.definition;
    const policy = definition.fees?.policy;
    const first = definition.parties?.[0]?.id ?? 'applicant';
    const party = this.#handOff?.party ?? first;
    const own = !this.#handOff;
    return {
      // The steps of the party this element is filled in by.
      steps: definition.steps.flatMap((s, i) => ((s.party ?? first) === party ? [i] : [])),
      documents: own && this.#asksDocuments(),
      payment:
        own &&
        this.#outcome()?.type === 'submission' &&
        Boolean(this.paymentEndpoint && (policy === 'mandatory' || policy === 'optional')),
    };
  };

  /** The outcome the page asked for (`outcome`), else the definition's first; none: not offered. */
  #outcome(): Outcome | undefined {
    const offered = [this.#definition.loaded!.definition.outcome ?? { type: 'submission' }].flat();
    const chosen = this.outcome ? offered.find((o) => o.type === this.outcome) : offered[0];
    // A submission that needs a stronger identity than the portal confirmed (e.g. the eID for a
    // declaration given online) falls back to the appointment, as the core's `outcomeFor` does.
    const needs = chosen?.type === 'submission' ? chosen.identity?.trustLevel : undefined;
    return needs && LEVELS.indexOf(this.identity?.trustLevel ?? '') < LEVELS.indexOf(needs)
      ? (offered.find((o) => o.type === 'appointment') ?? chosen)
      : chosen;
  }

  /** The identity a portal handed in: its answers filled in (their code loads with it). */
  #applyIdentity(): void {
    void import('../../core/identity.js').then(({ applyIdentity }) => {
      const session = this.#session;
      const identity = this.identity;
      if (!session || !identity) return;
      const { data, filled } = applyIdentity(session.model.definition, session.data, identity);
      if (filled.length === 0) return;
      session.replace(data);
      const source = identity.source ?? msg('Ihrem Konto');
      for (const pointer of filled) this.#verified.set(pointer, source);
      this.#scheduleSave();
      this.requestUpdate();
    });
  }

  /** The flow moved: the page shows the new stage, focused, and the host hears of it. */
  #stageChanged = ({ from, to }: StageChange): void => {
    this._stage = to;
    this._prefilled = false;
    this.#summary = [];
    if (this.#send.status.kind === 'failed') this.#send.status = { kind: 'idle' };
    this.#saveNow();
    const target = this.#focusTarget;
    this.#focusTarget = undefined;
    // A long step is announced once complete (its heading focused when every run is in).
    const focus = () =>
      target
        ? this.#focusField(target)
        : void this.#runs.settled().then(() => this.#focusHeading());
    const index = stepIndexOf(to);
    // A page whose code is still loading is focused once it shows.
    if (index === undefined && !this.#stages)
      void this.#loadStages().then(
        () => this.#focus.after(focus),
        () => undefined,
      );
    else this.#focus.after(focus);
    const stepId = index === undefined ? to : this.#definition.loaded!.definition.steps[index]!.id;
    this.dispatchEvent(new StepChangeEvent({ from, to, stepId }));
  };

  /** Moves to `stage`; `focus`: the field to focus there; `returning`: its Next leads to the review. */
  #go(stage: StageId, focus?: string, returning = false): void {
    this.#focusTarget = focus;
    if (!this.#flow!.goTo(stage, returning)) this.#focusTarget = undefined;
  }

  /** Validates the current step and moves on (to the review after the last step). */
  next(): void {
    const flow = this.#flow;
    const step = flow?.step;
    if (step === undefined) return;
    this.#session!.revalidate();
    const errors = this.#entries(this.#session!.stepErrors(step));
    if (errors.length > 0) return this.#showSummary(errors);
    flow!.next();
  }

  /** Moves one stage back (answers are kept, nothing is validated). */
  back(): void {
    this.#flow?.back();
  }

  /** Validates everything; else goes to the first step with a problem and lists them there. */
  #everyStepValid(): boolean {
    const first = this.#session!.firstInvalid(this.#layout().steps);
    if (!first) return true;
    this.#go(stepStage(first.step));
    this.#showSummary(this.#entries(first.pointers));
    return false;
  }

  #showSummary(entries: SummaryEntry[]): void {
    this.#summary = entries;
    if (this.#stages) this.#focus.after('.summary');
    else
      void this.#loadStages().then(
        () => this.#focus.after('.summary'),
        () => undefined,
      );
  }

  #focusHeading(): void {
    this.#focus.focus('#step-heading');
  }

  #focusField(pointer: string): void {
    // Its question may be in a run not rendered yet.
    this.#runs.flush();
    if (pointer.startsWith(DOCUMENT)) {
      this.renderRoot
        .querySelector<HTMLElement>(`#doc-${pointer.slice(DOCUMENT.length)}`)
        ?.shadowRoot?.querySelector<HTMLElement>('input')
        ?.focus();
      return;
    }
    for (let current = pointer; current; current = current.slice(0, current.lastIndexOf('/')))
      if (this.#focus.focusControl(idFor(current), 'center')) return;
    this.#focusHeading();
  }

  /** A summary link: to the field (or document) on whatever page it is; the summary stays. */
  #followSummary(pointer: string): void {
    const target = pointer.startsWith(DOCUMENT)
      ? 'documents'
      : stepStage(this.#session!.stepOf(pointer));
    if (target === this.#flow!.current) return this.#focusField(pointer);
    const summary = this.#summary;
    this.#go(target, pointer, true);
    this.#summary = summary;
  }

  // ---- documents -----------------------------------------------------------------------------

  /** The documents asked for by the answers that apply (none without an upload endpoint). */
  #applicableDocuments(): ApplicableDocument[] {
    const loaded = this.#definition.loaded;
    if (!loaded || !this.uploadEndpoint) return [];
    return applicableDocuments(
      loaded.definition,
      loaded.model.prune(this.#session!.data),
      loaded.validator.test,
      'upload',
      this.#outcome()?.type,
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
    this.#go('documents');
    this.#showSummary(problems);
    return false;
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
          // The pages' styles come with their code.
          addStyles(this.shadowRoot, stages.pageStyles);
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

  /** What sending has come to (the pages' code reads and writes it, and asks for a render). */
  #send: SendState = { status: { kind: 'idle' }, billedLater: false, payLater: false, sent: false };

  /** What the pages after the steps read, and the few things they ask the form to do. */
  #stageHost: StageHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const form = this;
    return {
      settings: form,
      send: form.#send,
      get loaded() {
        return form.#definition.loaded!;
      },
      get texts() {
        return form.#definition.texts!;
      },
      get data() {
        return form.#session!.data;
      },
      get language() {
        return form.#definition.language;
      },
      get documents() {
        return form.#documents;
      },
      get outcome() {
        return form.#outcome()!;
      },
      get steps() {
        return form.#layout().steps;
      },
      get handOff() {
        return form.#handOff;
      },
      get identity() {
        return form.identity;
      },
      opened: (view) => {
        form.#opening = false;
        form.#handOff = view;
        if (view) {
          form.#restoreDraft();
          form.#flow!.restore({ stage: form.#flow!.stages()[0] });
          form._stage = form.#flow!.current;
        }
        form.requestUpdate();
      },
      applicableDocuments: () => form.#applicableDocuments(),
      renderSummary: () => form.#renderSummary(),
      renderRemember: () => form.#renderRemember(),
      go: (stage, focus, returning) => form.#go(stage, focus, returning),
      back: () => form.back(),
      submit: () => void form.submit(),
      update: () => form.requestUpdate(),
      announce: (text) => form.#announcer.announce(text),
      focus: (selector) => form.#focus.after(selector),
      dispatch: (event) => form.dispatchEvent(event),
      documentsComplete: () => form.#documentsComplete(form.#stages!),
      everyStepValid: () => form.#everyStepValid(),
      applicable: () => form.#session!.applicable(),
      showServerErrors: (fields, entries) => {
        form.#session!.setServerErrors(fields);
        form.#go('review');
        form.#showSummary(entries);
      },
      forget: () => {
        form.#drafts?.clear();
        form.#remembered?.forget();
      },
      documentsChanged: (id, files) => {
        form.#documents = { ...form.#documents, [id]: files };
        form.#summary = form.#summary.filter((d) => d.pointer !== DOCUMENT + id);
        form.#parts.get(SUMMARY)?.refresh();
        form.#scheduleSave();
      },
      saveNow: () => {
        form.#saveNow();
        // Settles once the copy kept on the device is saved too.
        return form.#remembered?.saved ?? Promise.resolve();
      },
      finishPaid: (transactionReference) => void form.#finishPaid({ transactionReference }),
    };
  })();

  // ---- submission ----------------------------------------------------------------------------

  /**
   * Validates everything and sends the application (at most once at a time). Once it has been
   * accepted, this does nothing: an element sends one application; a new one needs a new element
   * (a fresh page).
   */
  submit(): Promise<void> {
    return this.#sending((stages) => stages.submit(this.#stageHost));
  }

  /**
   * Sends the application the payment endpoint holds with a paid payment (the tab that paid was
   * closed, so this page has no copy of it): by the payment's id from the return URL, or by the
   * Kassenzeichen on the provider's receipt.
   */
  #finishPaid(what: { payment: string } | { transactionReference: string }): Promise<void> {
    if (!this.paymentEndpoint) return Promise.resolve();
    return this.#sending((stages) => stages.sendHeld(this.#stageHost, what));
  }

  #inFlight: Promise<void> | undefined;

  /** Runs one sending at a time, with the pages' code loaded (else says the network failed). */
  #sending(run: (stages: Stages) => Promise<void>): Promise<void> {
    const loaded = this.#definition.loaded;
    if (this.#send.sent || !loaded) return Promise.resolve();
    this.#inFlight ??= this.#loadStages()
      .then(
        (stages) => (this.#definition.loaded === loaded ? run(stages) : undefined),
        () => {
          // The code could not be fetched (offline): every answer stays, the citizen retries.
          this.#send.status = { kind: 'failed', failure: { ok: false, kind: 'network' } };
          this.requestUpdate();
        },
      )
      .finally(() => {
        this.#inFlight = undefined;
      });
    return this.#inFlight;
  }

  // ---- rendering -----------------------------------------------------------------------------

  #renderField(field: Field): unknown {
    const control = controlFor(field, this.controls, this.#host.context);
    return control
      ? refreshable(field.pointer, this.#parts, () => control.render(field, this.#host))
      : nothing;
  }

  override render() {
    if (this.#definition.problems) return this.#definition.renderProblems('form');
    const loaded = this.#definition.loaded;
    const texts = this.#definition.texts;
    if (this.outcome && loaded && !this.#outcome())
      return this.#definition.renderProblems('form', [
        { pointer: '/outcome', message: `offers no outcome "${this.outcome}"` },
      ]);
    if (!loaded || !texts || this.#session?.model !== loaded.model || this.#opening) {
      return html`<div part="base">
        <p role="status">${msg('Das Formular wird geladen …')}</p>
      </div>`;
    }
    const flow = this.#flow!;
    const progress = flow.progress();
    const [current, total] = progress ?? [1, 1];
    this.#barShare = current / total;
    const step = flow.step;
    return html`<div part="base">
      ${this.#definition.renderSwitch(this.languages)}
      <div class="header">
        <h2 part="title">${said(texts, '/title')}</h2>
        ${
          progress
            ? html`<p class="progress" part="progress">
                  ${msg(str`Schritt ${current} von ${total}`)}
                </p>
                <div class="bar" aria-hidden="true"><span></span></div>`
            : nothing
        }
      </div>
      ${step === undefined ? this.#renderStage(flow.current as Exclude<StageId, StepStage>) : this.#renderStep(step)}
      ${this.#announcer.render()}
    </div>`;
  }

  protected override firstUpdated(): void {
    idle(() => void this.#loadStages().catch(() => undefined));
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
    // A long step's later runs are still to come (see `RunQueue`): it says so until they are in.
    if (this.#runs.busy) this.renderRoot.querySelector('.step')?.setAttribute('aria-busy', 'true');
  }

  /** A long step's runs of questions after the first ones, rendered right after it is shown. */
  #runs = new RunQueue(() => this.renderRoot.querySelector('.step')?.removeAttribute('aria-busy'));

  /** Resolves once the form is rendered, a long step's later runs of questions too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.#runs.settled();
    return result;
  }

  /** The error summary (its code comes with the pages after the steps, loaded when idle). */
  #renderSummary() {
    return refreshable(SUMMARY, this.#parts, () =>
      this.#summary.length > 0 && this.#stages
        ? this.#stages.renderSummary(
            this.#summary,
            (pointer) => this.#followSummary(pointer),
            this.#definition.language,
          )
        : nothing,
    );
  }

  #renderStep(index: number) {
    const loaded = this.#definition.loaded!;
    const texts = this.#definition.texts!;
    const step = loaded.definition.steps[index]!;
    const fields = loaded.model.stepFields(index, this.#session!.data);
    const description = step.description ? said(texts, `/steps/${index}/description`) : undefined;
    return html`<div
      role="form"
      class="step"
      aria-labelledby="step-heading"
      @keydown=${this.#onStepKeydown}
    >
      ${this.#renderSummary()}
      <h3 id="step-heading" part="step-heading" tabindex="-1">
        ${said(texts, `/steps/${index}/title`)}
      </h3>
      ${
        index === 0 && loaded.definition.description
          ? html`<p class="note">${said(texts, '/description')}</p>`
          : nothing
      }
      ${description ? html`<p class="note">${description}</p>` : nothing}
      ${index === 0 && this.#stages ? this.#stages.renderIdentityNote(this.#stageHost) : nothing}
      ${index === 0 && this.paymentEndpoint && this.#stages ? this.#stages.renderFinishPaid(this.#stageHost) : nothing}
      ${this.#handOff && this.#stages ? this.#stages.renderShared(this.#stageHost) : nothing}
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
            ? loaded.model
                .children(field, this.#session!.data)[0]!
                .fields.map((f) => this.#renderField(f))
            : [this.#renderField(field)],
        ),
        (run) => deferredRun(run, this.#runs),
      )}
      ${this.#renderRemember()}
      <div class="actions" part="actions">
        <button type="button" class="next" part="button" @click=${() => this.next()}>
          ${this.#flow!.returning ? msg('Weiter zur Übersicht') : msg('Weiter')}
        </button>
        ${
          this.#flow!.stages()[0] !== stepStage(index)
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
  #renderStage(stage: Exclude<StageId, StepStage>) {
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
    return stages.pages[stage](this.#stageHost);
  }
}

/** The key of the error summary among the refreshable pieces (no pointer looks like it). */
const SUMMARY = '#summary';
