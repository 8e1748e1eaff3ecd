import { nothing, type ReactiveControllerHost } from 'lit';
import { DefinitionError } from '../../core/definition-error.js';
import { Texts, type Translations } from '../../core/texts.js';
import type { Definition, DefinitionProblem } from '../../core/types.js';
import type { Language } from '../../i18n/localization.js';
import { LanguageController } from './language-controller.js';
import { DefinitionErrorEvent } from '../applicant-form/events.js';

let problemsView: typeof import('./problems-view.js') | undefined;

/** A built-in definition's translations, loaded on demand by language. */
export type TextLoaders = Partial<Record<Language, () => Promise<{ default: Translations }>>>;

export interface DefinitionHost extends ReactiveControllerHost, HTMLElement {
  /** Translations of a definition that is not built in: `{ en: { "/title": "…" } }`. */
  translations: Record<string, Translations>;
}

/**
 * What `<applicant-form>`, `<quick-check>` and `<payment-step>` share: loading a definition (a
 * broken one becomes the web editor's message and a non-bubbling `error` event), its texts in the
 * element's language, and following `lang` on the element or on the page.
 */
export class DefinitionController<T extends { definition: Definition }> extends LanguageController {
  /** The definition, once loaded (its texts may still be on their way). */
  loaded: T | undefined;
  /** What is wrong with a definition that could not be loaded. */
  problems: DefinitionProblem[] | undefined;
  /** The definition's texts in `language`. */
  texts: Texts | undefined;
  #token = 0;

  constructor(
    protected override readonly host: DefinitionHost,
    /** The translations that come with a loaded definition (built-in ones). */
    private readonly builtInTexts: (loaded: T) => TextLoaders | undefined,
  ) {
    super(host);
  }

  protected override changed(): Promise<void> {
    return this.loadTexts();
  }

  /**
   * The message for the web editor about a broken definition (`problems` by default); its code
   * loads only when there is one.
   */
  renderProblems(kind: 'form' | 'check', problems = this.problems ?? []): unknown {
    if (problemsView) return problemsView.renderProblems(kind, problems);
    void import('./problems-view.js').then(
      (view) => {
        problemsView = view;
        this.host.requestUpdate();
      },
      () => undefined,
    );
    return nothing;
  }

  /**
   * Loads a definition with `load` (nothing for an empty `source`). Resolves with it once it and
   * its texts are in; with `undefined` when it failed (then `problems` says why and the host has
   * fired `error`) or another load began meanwhile.
   */
  async load(source: unknown, load: () => Promise<T>): Promise<T | undefined> {
    const token = ++this.#token;
    this.loaded = undefined;
    this.problems = undefined;
    this.texts = undefined;
    this.host.requestUpdate();
    if (source === undefined || source === null || source === '') return undefined;
    try {
      const loaded = await load();
      if (token !== this.#token) return undefined;
      this.loaded = loaded;
      await this.loadTexts();
      return token === this.#token ? loaded : undefined;
    } catch (error) {
      if (token !== this.#token) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      const problems =
        error instanceof DefinitionError ? error.problems : [{ pointer: '', message }];
      this.problems = problems;
      this.host.requestUpdate();
      this.host.dispatchEvent(new DefinitionErrorEvent({ problems, message }));
      return undefined;
    }
  }

  /** The definition's texts in the current language (again after `translations` changed). */
  async loadTexts(): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const language = this.language;
    let translations: Translations = {};
    if (language !== loaded.definition.language) {
      const builtIn = this.builtInTexts(loaded);
      const load = builtIn?.[language];
      if (load) translations = (await load()).default;
      else if (!builtIn) translations = this.host.translations[language] ?? {};
    }
    await this.ready;
    if (this.loaded === loaded && this.language === language) {
      this.texts = new Texts(loaded.definition, translations, language);
      this.host.requestUpdate();
    }
  }
}
