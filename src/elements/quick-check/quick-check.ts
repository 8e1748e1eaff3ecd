import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { StorageLike } from '../../core/draft.js';
import { offerPrefill, withdrawPrefill } from '../../core/handoff.js';
import { isObject, isWithin } from '../../core/pointer.js';
import { FormSession } from '../../core/session.js';
import { localToday, parseDate, type QuickCheckResult } from '../../core/quick-check.js';
import { keywordOf, type Field } from '../../core/schema.js';
import type { Translations } from '../../core/texts.js';
import type { Definition } from '../../core/types.js';
import { fieldErrorMessage } from '../../i18n/messages.js';
import { messages } from '../../core/messages/index.js';
import type { Language } from '../../i18n/localization.js';
import { DefinitionController } from '../shared/definition-controller.js';
import { controlFor, controls, idFor, type Control, type ControlHost } from '../shared/controls.js';
import { formStyles } from '../shared/form-styles.js';
import { loadQuickCheck, type LoadedQuickCheck } from './loader.js';
import { base, tokens } from '../shared/styles.js';
import { PrefillChangeEvent, QuickCheckCompleteEvent } from './events.js';
import {
  DataChangeEvent,
  ReadyEvent,
  type DefinitionElementListeners,
} from '../shared/form-events.js';
import { Announcer, FocusController } from '../shared/a11y-controllers.js';
import { styles } from './quick-check.styles.js';
import { said } from '../shared/said.js';

type View = 'questions' | 'result';

interface Saved {
  format: 1;
  answers: Record<string, unknown>;
  index: number;
  view: View;
  consent: boolean;
}

function sessionStore(): StorageLike | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // blocked (sandboxed frame, privacy settings)
  }
}

const counted = new WeakMap<object, number>();

/** The distinct questions of a quick-check's schema, every condition's included (once per schema). */
function mostQuestions(schema: object): number {
  let count = counted.get(schema);
  if (count === undefined) {
    const names = new Set<string>();
    const visit = (node: unknown): void => {
      if (!isObject(node)) return;
      if (isObject(node.properties)) for (const name in node.properties) names.add(name);
      for (const key of ['allOf', 'anyOf', 'oneOf'])
        if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
      visit(node.then);
      visit(node.else);
    };
    visit(schema);
    counted.set(schema, (count = names.size));
  }
  return count;
}

/** Runs `fn` when the browser is idle (soon, where it cannot tell). */
function idle(fn: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

// Types only: a listener gets the element's events by name (`error`: `DefinitionErrorEvent`), as
// the DOM's own elements declare theirs.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface QuickCheck {
  addEventListener: DefinitionElementListeners<QuickCheck>['add'];
  removeEventListener: DefinitionElementListeners<QuickCheck>['remove'];
}

/**
 * The eligibility self-check ("Erfülle ich die Voraussetzungen?"): plain-language questions, each
 * with why it is asked and its legal basis; a result that explains every legal requirement. It runs
 * entirely in the browser: no answer leaves the device. With the citizen's consent, the answers
 * prefill `<applicant-form>` on the same site.
 *
 * @summary An eligibility self-check that runs in the browser and hands its answers on to the application.
 *
 * @fires quick-check-complete - `QuickCheckCompleteEvent`: the result is shown. `detail: { result, answers }`.
 * @fires prefill-change - `PrefillChangeEvent`: the citizen gave or withdrew consent to carry the answers over. `detail: { consent, data? }`.
 * @fires error - `DefinitionErrorEvent` (does not bubble, like a native `error`): the definition could not be loaded, is not valid or has no quick-check. `detail: { problems, message }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart title - The check's title.
 * @csspart privacy - The note that no answer leaves the device.
 * @csspart progress - "Frage 2 von 9".
 * @csspart question-heading - The heading above the current question (one question at a time).
 * @csspart error-summary - The list of missing answers (all questions on one page).
 * @csspart field - One question: label, hint, error and control.
 * @csspart label - A question's label (or legend).
 * @csspart hint - A question's hint.
 * @csspart error - A question's error message.
 * @csspart input - A text field or select.
 * @csspart why - "Warum fragen wir das?": the reason and the legal basis of a question.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart result - The result.
 * @csspart verdict - The overall verdict.
 * @csspart criteria - The list of requirements with their outcomes.
 * @csspart criterion - One requirement.
 * @csspart workings - Under a requirement, how a computed value was worked out (the solvency estimate: the formula with the citizen's figures).
 * @csspart workings-stale - The note that the check's day lies beyond the values the definition holds (the latest were used).
 * @csspart notice - The definition's notice (e.g. that the result is not binding).
 * @csspart handoff - The consent to carry the answers over, and the link to the application.
 * @csspart apply-link - The link to the application.
 * @csspart definition-error - The message for the web editor when the definition is broken.
 *
 * @cssprop --ozg-font-family - Font (default: KERN's `--kern-typography-font-family-default`, then system-ui).
 * @cssprop --ozg-color-text - Text colour.
 * @cssprop --ozg-color-text-muted - Hints and legal bases.
 * @cssprop --ozg-color-background - Background.
 * @cssprop --ozg-color-primary - Buttons, links and "check with the authority".
 * @cssprop --ozg-color-on-primary - Text on primary buttons.
 * @cssprop --ozg-color-danger - Errors and requirements not met.
 * @cssprop --ozg-color-success - Requirements met.
 * @cssprop --ozg-color-border - Borders of inputs.
 * @cssprop --ozg-color-focus - The focus outline.
 * @cssprop --ozg-radius - Corner radius.
 * @cssprop --ozg-space - Base spacing.
 * @cssprop --ozg-max-width - Maximum width.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above: types only
export class QuickCheck extends LitElement {
  static override styles = [tokens, base, formStyles, styles];

  static override properties = {
    definition: {},
    validator: { type: String },
    applyHref: { type: String, attribute: 'apply-href' },
    today: { type: String },
    languages: { type: String },
    storage: { type: String },
    translations: { attribute: false },
    controls: { attribute: false },
    _view: { state: true },
    _index: { state: true },
    _result: { state: true },
    _consent: { state: true },
    _summary: { state: true },
  };

  /**
   * The service: the id of a built-in definition (`einbuergerung`), or the URL of a definition JSON
   * file with a `quickCheck`. As a property it also takes a definition object.
   */
  declare definition: string | Definition | undefined;
  /** URL of a precompiled validator module (`npx ozg-forms precompile`) for a definition that is not built in. */
  declare validator: string | undefined;
  /** The application's page. With it, the result offers to carry the answers over (with consent). */
  declare applyHref: string | undefined;
  /**
   * The languages to offer in a switch above the element (`de en tr ar uk ru fa`), for a page
   * that has no language switch of its own: choosing one sets the element's `lang` and keeps every
   * answer. Without it the element follows `lang` (its own, else the page's).
   */
  declare languages: string | undefined;
  /** The day to evaluate for (`YYYY-MM-DD`); default: today on the citizen's device. */
  declare today: string | undefined;
  /** `session` (default): keep the answers in this tab's `sessionStorage` until it closes; `none`: keep nothing. */
  declare storage: 'session' | 'none';
  /** Translations of a definition that is not built in: `{ en: { "/quickCheck/title": "…" } }`. */
  declare translations: Record<string, Translations>;
  /** The ranked control registry (shared with `<applicant-form>`). */
  declare controls: Control[];

  declare private _view: View;
  declare private _index: number;
  declare private _result: QuickCheckResult | undefined;
  declare private _consent: boolean;
  declare private _summary: string[];

  /** The answers, which questions apply, their errors (the core's form session, made on load). */
  #session: FormSession | undefined;
  /** Answers a host set before the definition loaded. */
  #pending: Record<string, unknown> = {};
  #announcer = new Announcer(this);
  #focus = new FocusController(this);
  /** The definition, its texts and the language (shared with the other elements). */
  #definition = new DefinitionController<LoadedQuickCheck>(this, (loaded) => loaded.builtInTexts);

  #host: ControlHost;

  constructor() {
    super();
    this.definition = undefined;
    this.validator = undefined;
    this.applyHref = undefined;
    this.today = undefined;
    this.storage = 'session';
    this.translations = {};
    this.controls = controls;
    this._view = 'questions';
    this._index = 0;
    this._result = undefined;
    this._consent = false;
    this._summary = [];
    updateWhenLocaleChanges(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const check = this;
    this.#host = {
      get model() {
        return check.#definition.loaded!.evaluator.model;
      },
      get texts() {
        return check.#definition.texts!;
      },
      get data() {
        return check.#answers;
      },
      get context() {
        const { definition } = check.#definition.loaded!;
        return { definition, step: 'quick-check', language: check.#definition.language };
      },
      errorFor: (field) => this.#errorText(field),
      setValue: (field, value, commit) => this.#setValue(field, value, commit),
      addItem: () => undefined,
      removeItem: () => undefined,
      renderField: (field) => this.#renderField(field),
    };
  }

  /** The answers so far, read only (also those of questions that no longer apply). */
  get #answers(): Readonly<Record<string, unknown>> {
    return this.#session?.data ?? this.#pending;
  }

  /** The answers so far (also those of questions that no longer apply). */
  get answers(): Record<string, unknown> {
    return structuredClone(this.#answers);
  }

  set answers(value: Record<string, unknown>) {
    if (this.#session) this.#session.replace(value);
    else this.#pending = isObject(value) ? structuredClone(value) : {};
    this.#save();
    this.requestUpdate();
  }

  /**
   * Checks every question that applies without moving on or showing anything; the errors, in the
   * order of the questions. Empty before the definition loaded.
   */
  validate(): { pointer: string; keyword: string; message: string }[] {
    const session = this.#session;
    if (!session) return [];
    session.revalidate();
    const questions = this.#questions();
    return session.errorsIn(questions).map((pointer) => {
      const error = session.error(pointer, true)!;
      const field = questions.find((q) => isWithin(pointer, q.pointer));
      return { pointer, keyword: error.keyword, message: this.#message(pointer, field) };
    });
  }

  /** The result, once every question is answered and the result is shown. */
  get result(): QuickCheckResult | undefined {
    return this._result ? structuredClone(this._result) : undefined;
  }

  /** The application's data the answers prefill — only once the citizen has agreed. */
  get prefill(): Record<string, unknown> | undefined {
    return this._consent && this.#definition.loaded
      ? this.#definition.loaded.evaluator.prefill(this.#answers)
      : undefined;
  }

  /** The language the check is shown in (`de` or `en`). */
  get language(): Language {
    return this.#definition.language;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('validator')) void this.#load();
    if (
      changed.has('translations') &&
      this.#definition.loaded &&
      !this.#definition.loaded.builtInTexts
    )
      void this.#definition.loadTexts();
    if (changed.has('today') && this.#definition.loaded) {
      // Which questions apply can depend on the years counted up to the day.
      this.#definition.loaded.evaluator.model.day = this.#day();
      this.#session?.revalidate();
      if (this._result) this._result = this.#evaluate();
    }
  }

  protected override updated(): void {
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar > span');
    const total = this.#mostQuestions();
    // Set through the CSSOM, not an inline style attribute (strict CSP).
    if (bar && total > 0) bar.style.width = `${((this._index + 1) / total) * 100}%`;
  }

  // ---- loading -------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const source = this.definition;
    const loaded = await this.#definition.load(source, () =>
      loadQuickCheck(source!, { validator: this.validator }),
    );
    if (!loaded) return;
    loaded.workings?.adopt(this.renderRoot as ShadowRoot);
    loaded.evaluator.model.day = this.#day();
    this.#session = new FormSession(loaded.evaluator.model, loaded.validator, this.#answers);
    this.#pending = {};
    this.#restore();
    this.requestUpdate();
    void this.updateComplete.then(() => {
      if (this.#definition.loaded === loaded) this.dispatchEvent(new ReadyEvent());
    });
  }

  // ---- keeping the answers in this tab -------------------------------------------------------

  #storageKey(): string | undefined {
    const id = this.#definition.loaded?.definition.id;
    return id && this.storage !== 'none' ? `ozg-forms:quick-check:${id}` : undefined;
  }

  #restore(): void {
    const key = this.#storageKey();
    let saved: Partial<Saved> | undefined;
    try {
      const raw = key ? sessionStore()?.getItem(key) : null;
      saved = raw ? (JSON.parse(raw) as Partial<Saved>) : undefined;
    } catch {
      saved = undefined;
    }
    const session = this.#session!;
    if (!saved || saved.format !== 1 || !isObject(saved.answers)) {
      session.revalidate();
      return;
    }
    session.replace({ ...saved.answers, ...session.data });
    this._index = typeof saved.index === 'number' && saved.index >= 0 ? saved.index : 0;
    this._consent = saved.consent === true;
    if (saved.view === 'result' && this.#allErrors().length === 0) {
      this._view = 'result';
      this._result = this.#evaluate();
    }
    this.#announcer.announce(msg('Ihre bisherigen Antworten wurden wiederhergestellt.'));
  }

  #save(): void {
    const key = this.#storageKey();
    if (!key) return;
    const saved: Saved = {
      format: 1,
      answers: this.#answers,
      index: this._index,
      view: this._view,
      consent: this._consent,
    };
    try {
      sessionStore()?.setItem(key, JSON.stringify(saved));
    } catch {
      // Storage full or blocked: the check works on, the answers just do not survive a reload.
    }
  }

  // ---- answers and validation ----------------------------------------------------------------

  /** The questions that apply to the answers so far, in order. */
  /**
   * How many questions the check asks at most, every condition's questions included: the count a
   * citizen reads never grows under them as their answers bring in further questions.
   */
  #mostQuestions(): number {
    const schema = this.#definition.loaded?.definition.quickCheck?.schema;
    return Math.max(schema ? mostQuestions(schema) : 0, this.#questions().length);
  }

  #questions(): Field[] {
    const model = this.#definition.loaded?.evaluator.model;
    return model ? model.objectFields(model.deref(model.root), this.#answers, '') : [];
  }

  #setValue(field: Field, value: unknown, commit: boolean): void {
    const session = this.#session!;
    session.set(field, value, commit);
    if (this._summary.length > 0) {
      session.revalidate();
      this._summary = this.#allErrors();
    }
    this.#save();
    this.requestUpdate();
    this.dispatchEvent(new DataChangeEvent({ pointer: field.pointer, value, committed: commit }));
  }

  /** The message of the error at `pointer` (of the question `field`), shown or not. */
  #message(pointer: string, field: Field | undefined): string {
    const error = this.#session!.error(pointer, true);
    return error && field
      ? fieldErrorMessage(
          error,
          this.#definition.loaded!.evaluator.model,
          this.#definition.texts!,
          this.#answers,
          field,
        )
      : msg('Bitte prüfen Sie diese Angabe.');
  }

  #errorText(field: Field): string | undefined {
    return this.#session!.error(field.pointer) ? this.#message(field.pointer, field) : undefined;
  }

  /** The errors of every question that applies, in order (as last validated). */
  #allErrors(): string[] {
    return this.#session!.errorsIn(this.#questions());
  }

  // ---- navigation ----------------------------------------------------------------------------

  /** Moves on: to the next question, or to the result after the last (when everything is answered). */
  next(): void {
    const session = this.#session;
    if (!session || this._view !== 'questions') return;
    session.revalidate();
    const questions = this.#questions();
    if (this.#layout() === 'page') {
      const errors = this.#allErrors();
      if (errors.length > 0) return this.#showErrors(errors, true);
      return this.#finish();
    }
    const index = Math.min(this._index, questions.length - 1);
    const current = questions[index];
    const errors = current ? session.errorsIn([current]) : [];
    if (errors.length > 0) return this.#showErrors(errors, false);
    if (index + 1 < questions.length) {
      this._index = index + 1;
      this.#save();
      this.#focus.after('#question-heading');
      return;
    }
    // The last question: an earlier one may still lack an answer (e.g. answers set by a host).
    const missing = this.#allErrors();
    if (missing.length > 0) {
      this._index = Math.max(
        0,
        questions.findIndex((q) => isWithin(missing[0]!, q.pointer)),
      );
      return this.#showErrors(missing.slice(0, 1), false);
    }
    this.#finish();
  }

  /** One question back (answers are kept). */
  back(): void {
    if (this._view === 'result') {
      this._view = 'questions';
      this._index = Math.max(0, this.#questions().length - 1);
    } else if (this._index > 0) {
      this._index = Math.min(this._index, this.#questions().length) - 1;
    } else return;
    this._summary = [];
    this.#save();
    this.#focus.after('#question-heading');
  }

  /** Forgets every answer (also the consent and an offered prefill) and starts again. */
  restart(): void {
    this.#session?.reset();
    this._index = 0;
    this._view = 'questions';
    this._result = undefined;
    this._summary = [];
    this.#setConsent(false);
    const key = this.#storageKey();
    try {
      if (key) sessionStore()?.removeItem(key);
    } catch {
      // nothing stored either
    }
    this.#announcer.announce(msg('Alle Antworten wurden gelöscht.'));
    this.#focus.after('#question-heading');
  }

  #showErrors(pointers: string[], summary: boolean): void {
    this.#session!.reveal(pointers);
    this._summary = summary ? pointers : [];
    this.#focus.after(() =>
      summary ? this.#focus.focus('.summary') : this.#focusField(pointers[0]!),
    );
  }

  #day(): string {
    return this.today && parseDate(this.today) ? this.today : localToday();
  }

  #evaluate(): QuickCheckResult {
    return this.#definition.loaded!.evaluator.evaluate(this.#answers, this.#day());
  }

  #resultView: typeof import('./result-view.js') | undefined;
  #resultLoading: Promise<void> | undefined;

  /** Loads the result's code (once; again after a failure, e.g. offline). */
  #loadResultView(): Promise<void> {
    return (this.#resultLoading ??= import('./result-view.js').then(
      (module) => {
        this.#resultView = module;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#resultLoading = undefined;
        throw error;
      },
    ));
  }

  #finish(): void {
    const loaded = this.#definition.loaded!;
    const result = this.#evaluate();
    this._result = result;
    this._view = 'result';
    this._summary = [];
    if (this._consent) this.#setConsent(true);
    this.#save();
    this.#focus.after('#result-heading');
    // The result's code is usually here long before (loaded when idle): else it shows once it is.
    if (!this.#resultView)
      void this.#loadResultView().then(
        () => this._view === 'result' && this.#focus.after('#result-heading'),
        () => undefined,
      );
    this.dispatchEvent(
      new QuickCheckCompleteEvent({
        result: structuredClone(result),
        answers: loaded.evaluator.model.prune(this.#answers),
      }),
    );
  }

  #setConsent(consent: boolean): void {
    const loaded = this.#definition.loaded;
    if (!loaded) return;
    const id = loaded.definition.id;
    const data = consent ? loaded.evaluator.prefill(this.#answers) : undefined;
    this._consent = consent && data !== undefined && offerPrefill(sessionStore(), id, data);
    if (!this._consent) withdrawPrefill(sessionStore(), id);
    this.#save();
    this.dispatchEvent(
      new PrefillChangeEvent(this._consent ? { consent: true, data: data! } : { consent: false }),
    );
  }

  #layout(): 'single' | 'page' {
    return this.#definition.loaded?.definition.quickCheck?.layout ?? 'single';
  }

  #focusField(pointer: string): void {
    this.#focus.focusControl(idFor(pointer), 'center');
  }

  #onKeydown = (event: KeyboardEvent): void => {
    // Enter in a text field moves on, as submitting a form would.
    const target = event.composedPath()[0];
    if (
      event.key === 'Enter' &&
      target instanceof HTMLInputElement &&
      !['radio', 'checkbox', 'button', 'submit'].includes(target.type)
    ) {
      event.preventDefault();
      target.dispatchEvent(new Event('change', { bubbles: true }));
      this.next();
    }
  };

  // ---- rendering -----------------------------------------------------------------------------

  #renderField(field: Field): unknown {
    const control = controlFor(field, this.controls, this.#host.context);
    return control ? control.render(field, this.#host) : nothing;
  }

  /** A question with "Warum fragen wir das?" below it. */
  #renderQuestion(field: Field) {
    const texts = this.#definition.texts!;
    const why = keywordOf(field.nodes, 'x-why');
    const basis = keywordOf(field.nodes, 'x-legalBasis');
    return html`${this.#renderField(field)}
    ${
      why || basis
        ? html`<details class="why" part="why">
            <summary>${msg('Warum fragen wir das?')}</summary>
            ${why ? html`<p>${said(texts, why.pointer)}</p>` : nothing}
            ${
              basis
                ? html`<p class="basis">
                    ${msg('Rechtsgrundlage:')} ${said(texts, basis.pointer)}
                  </p>`
                : nothing
            }
          </details>`
        : nothing
    }`;
  }

  override render() {
    if (this.#definition.problems) return this.#definition.renderProblems('check');
    const loaded = this.#definition.loaded;
    const texts = this.#definition.texts;
    if (!loaded || !texts || this.#session?.model !== loaded.evaluator.model) {
      return html`<div part="base"><p role="status">${msg('Die Prüfung wird geladen …')}</p></div>`;
    }
    const quickCheck = loaded.definition.quickCheck!;
    return html`<div part="base">
      ${this.#definition.renderSwitch(this.languages)}
      <div class="header">
        <h2 part="title">${said(texts, '/quickCheck/title')}</h2>
        ${
          quickCheck.description && this._view === 'questions'
            ? html`<p>${said(texts, '/quickCheck/description')}</p>`
            : nothing
        }
        <p class="privacy note" part="privacy">
          ${msg(
            'Ihre Antworten verlassen dieses Gerät nicht: Die Prüfung läuft nur in Ihrem Browser. Sie bleiben bis zum Schließen dieses Tabs gespeichert.',
          )}
        </p>
      </div>
      ${
        this._view === 'result' && this._result
          ? this.#renderResult(this._result)
          : this.#layout() === 'page'
            ? this.#renderPage()
            : this.#renderSingle()
      }
      ${this.#announcer.render()}
    </div>`;
  }

  protected override firstUpdated(): void {
    idle(() => void this.#loadResultView().catch(() => undefined));
  }

  #renderResult(result: QuickCheckResult) {
    const view = this.#resultView;
    if (!view) {
      void this.#loadResultView().catch(() => undefined);
      return html`<p role="status">${msg('Die Prüfung wird geladen …')}</p>`;
    }
    const definition = this.#definition;
    return view.renderResult(
      {
        loaded: definition.loaded!,
        texts: definition.texts!,
        language: definition.language,
        applyHref: this.applyHref,
        consent: this._consent,
        setConsent: (consent) => this.#setConsent(consent),
        back: () => this.back(),
        restart: () => this.restart(),
      },
      result,
    );
  }

  #renderSingle() {
    const questions = this.#questions();
    if (questions.length === 0) return nothing;
    const index = Math.min(this._index, questions.length - 1);
    const field = questions[index]!;
    const last = index === questions.length - 1;
    return html`<div
      role="form"
      class="step"
      aria-labelledby="question-heading"
      @keydown=${this.#onKeydown}
    >
      <h3 id="question-heading" class="progress" part="progress question-heading" tabindex="-1">
        ${
          questions.length < this.#mostQuestions()
            ? msg(str`Frage ${index + 1} von höchstens ${this.#mostQuestions()}`)
            : msg(str`Frage ${index + 1} von ${questions.length}`)
        }
      </h3>
      <div class="bar" aria-hidden="true"><span></span></div>
      ${this.#renderQuestion(field)}
      <div class="actions" part="actions">
        ${
          index > 0
            ? html`<button
                type="button"
                class="secondary back"
                part="button"
                @click=${() => this.back()}
              >
                ${msg('Zurück')}
              </button>`
            : nothing
        }
        <button type="button" class="next" part="button" @click=${() => this.next()}>
          ${last ? msg('Ergebnis anzeigen') : msg('Weiter')}
        </button>
      </div>
    </div>`;
  }

  #renderPage() {
    const questions = this.#questions();
    return html`<div
      role="form"
      class="step"
      aria-labelledby="question-heading"
      @keydown=${this.#onKeydown}
    >
      ${this.#renderSummary()}
      <h3 id="question-heading" part="question-heading" tabindex="-1">${msg('Ihre Angaben')}</h3>
      ${questions.map((field) => this.#renderQuestion(field))}
      <div class="actions" part="actions">
        <button type="button" class="next" part="button" @click=${() => this.next()}>
          ${msg('Ergebnis anzeigen')}
        </button>
      </div>
    </div>`;
  }

  #renderSummary() {
    const entries = this._summary;
    if (entries.length === 0) return nothing;
    const questions = this.#questions();
    return html`<div
      class="summary"
      part="error-summary"
      tabindex="-1"
      aria-labelledby="summary-title"
    >
      <h3 id="summary-title">
        ${messages.format(this.#definition.language, 'unansweredSummary', { n: entries.length }).text}
      </h3>
      <ul>
        ${entries.map((pointer) => {
          const text = this.#message(
            pointer,
            questions.find((q) => isWithin(pointer, q.pointer)),
          );
          return html`<li>
            <a
              href="#${idFor(pointer)}"
              @click=${(e: Event) => {
                e.preventDefault();
                this.#focusField(pointer);
              }}
              >${text}</a
            >
          </li>`;
        })}
      </ul>
    </div>`;
  }
}
