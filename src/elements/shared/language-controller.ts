import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { languageOf, useLanguage, type Language } from '../../i18n/localization.js';
import { sweepExpiredDrafts } from './draft-sweep.js';
import { addStyles } from './styles.js';

/**
 * Follows `lang` on the element or, without one, on the page: the library's texts switch with it
 * (`language` is `de` or `en`), then `changed()` runs and the host renders again.
 *
 * Every element of the library has one, so it is also where a connecting element clears the
 * drafts kept on the device whose expiry has passed (`sweepExpiredDrafts`): at every page load of
 * any of the elements, not only of the form a draft belongs to; and where it takes on the KERN
 * look on a page with KERN's tokens (`kern-look.ts`, loaded only there, before the texts are
 * ready, so the form is never drawn in the other look first).
 */
export class LanguageController implements ReactiveController {
  language: Language = 'de';
  /** Settles when the library's texts are in `language`. */
  ready: Promise<void> = Promise.resolve();
  #observer: MutationObserver | undefined;
  #look: Promise<void> | undefined;

  constructor(protected readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    sweepExpiredDrafts();
    // KERN's stylesheet is in the page's head, so its tokens are there when the element connects.
    this.#look ??= getComputedStyle(this.host).getPropertyValue('--kern-metric-dimension-x-large')
      ? import('./kern-look.js').then(
          (m) => addStyles(this.host.shadowRoot, m.kernLook),
          () => {},
        )
      : undefined;
    this.#observer = new MutationObserver(() => void this.follow());
    for (const element of [this.host, document.documentElement])
      this.#observer.observe(element, { attributes: true, attributeFilter: ['lang'] });
    void this.follow(true);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  async follow(initial = false): Promise<void> {
    const language = languageOf(this.host);
    if (language === this.language && !initial) return;
    this.language = language;
    this.ready = Promise.all([useLanguage(language), this.#look]).then(() => undefined);
    await this.changed();
    this.host.requestUpdate();
  }

  #switch: typeof import('./language-switch.js') | undefined;

  /**
   * The language switch for an element's `languages` attribute (nothing without one): its code is
   * loaded the first time it is asked for. Choosing sets the element's `lang`.
   */
  renderSwitch(languages: string | undefined): unknown {
    if (!languages) return nothing;
    if (!this.#switch)
      void import('./language-switch.js').then((m) => {
        this.#switch = m;
        this.host.requestUpdate();
      });
    return this.#switch?.languageSwitch(this.host, this.language, languages) ?? nothing;
  }

  /** What else switches with the language, once the library's texts have. */
  protected async changed(): Promise<void> {
    await this.ready;
  }
}
