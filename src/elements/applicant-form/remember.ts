/**
 * The citizen's choice to keep the draft on this device beyond the tab: what is kept (the answers
 * of this application, encrypted, on this device) and until when (the date) are said next to the
 * choice; once chosen, the date and a way to delete it now. Where the browser cannot keep it
 * sealed, the choice is not offered and the page says so. Loaded with the form's definition (not
 * needed for its first render).
 */
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import type { Draft } from '../../core/draft.js';
import type { SealedDraftStore } from '../../core/sealed-draft.js';
import type { Language } from '../../i18n/localization.js';
import { moveToSession, sealedDrafts } from '../shared/device-drafts.js';
import { intlLocale } from '../../core/locale.js';
import { messages } from '../../core/messages/index.js';

const DAY = 24 * 60 * 60 * 1000;

export interface RememberHost {
  /** The draft's storage key. */
  readonly name: string;
  readonly days: number;
  readonly language: Language;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  announce(text: string): void;
  /** Saves the draft now: this tab's copy, and (through `save`) the device's when kept. */
  saveNow(): void;
}

function formatDate(time: number, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: 'long',
  }).format(time);
}

export class Remembered {
  /** The citizen chose to keep the draft on the device (and it has not expired). */
  on = false;
  /** Until when (fixed when the citizen chose it). */
  expiresAt: number | undefined;
  /** This browser cannot keep it sealed: the choice is not offered. */
  unavailable: boolean;
  readonly #store: SealedDraftStore | undefined;
  #saved: Promise<boolean> = Promise.resolve(true);

  constructor(
    private readonly host: RememberHost,
    /** The draft of this tab, if there is one: it says whether the citizen chose to keep it. */
    draft: Draft | undefined,
  ) {
    this.#store = sealedDrafts(host.name);
    this.unavailable = !this.#store;
    if (this.#store && draft?.remember && Number(draft.expiresAt) > Date.now()) {
      this.on = true;
      this.expiresAt = draft.expiresAt;
    }
  }

  /** The draft kept on the device, for a tab that has none (one kept in clear text is sealed now). */
  async restore(): Promise<Draft | undefined> {
    if (!this.#store) return moveToSession(this.host.name);
    const draft = await this.#store.load();
    if (draft?.remember) {
      this.on = true;
      this.expiresAt = draft.expiresAt;
    }
    this.host.requestUpdate();
    return draft;
  }

  /** Settles when the last save to the device is done (true when it was kept). */
  get saved(): Promise<boolean> {
    return this.#saved;
  }

  /** Keeps `draft` on the device, sealed, when the citizen chose so (and until it expires). */
  save(draft: Omit<Draft, 'savedAt'>): void {
    if (!this.on || !this.#store) return;
    const expiresAt = this.expiresAt ?? 0;
    if (expiresAt <= Date.now()) {
      void this.#drop();
      return;
    }
    this.#saved = this.#store.save({ ...draft, savedAt: Date.now(), remember: true, expiresAt });
  }

  /** After the application was sent: nothing stays. */
  forget(): void {
    void this.#drop();
  }

  async #drop(): Promise<void> {
    this.on = false;
    this.expiresAt = undefined;
    this.host.requestUpdate();
    await this.#store?.remove();
  }

  async #choose(on: boolean): Promise<void> {
    const { host } = this;
    if (!on) {
      await this.#drop();
      host.saveNow();
      return;
    }
    this.on = true;
    this.expiresAt = Date.now() + host.days * DAY;
    host.saveNow();
    host.requestUpdate();
    if (await this.#saved) {
      const date = formatDate(this.expiresAt, host.language);
      host.announce(
        msg(str`Ihre Angaben werden bis zum ${date} verschlüsselt auf diesem Gerät gespeichert.`),
      );
      return;
    }
    // IndexedDB refused (some private modes): this tab's copy only, and the page says so.
    this.unavailable = true;
    await this.#drop();
    host.saveNow();
    host.announce(this.#unavailableText());
  }

  async #deleteNow(): Promise<void> {
    await this.#choose(false);
    this.host.announce(msg('Die auf diesem Gerät gespeicherten Angaben wurden gelöscht.'));
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#remember')?.focus();
  }

  #unavailableText(): string {
    return msg(
      'Dieser Browser kann Ihre Angaben nicht verschlüsselt auf dem Gerät speichern (zum Beispiel im privaten Modus). Ihre Angaben bleiben erhalten, bis Sie dieses Browserfenster schließen.',
    );
  }

  render(): unknown {
    const { days, language } = this.host;
    if (this.unavailable) {
      return html`<div class="remember"><p class="hint">${this.#unavailableText()}</p></div>`;
    }
    const date = formatDate(this.on ? this.expiresAt! : Date.now() + days * DAY, language);
    return html`<div class="remember">
      <div class="option">
        <input
          type="checkbox"
          id="remember"
          aria-describedby="remember-hint"
          .checked=${this.on}
          @change=${(e: Event) => void this.#choose((e.target as HTMLInputElement).checked)}
        /><label for="remember"
          >${messages.format(language, 'rememberDays', { n: days }).text}</label
        >
      </div>
      ${
        this.on
          ? html`<p id="remember-hint" class="hint">
                ${msg(str`Die Antworten dieses Antrags sind verschlüsselt auf diesem Gerät gespeichert, bis zum ${date}.`)}
              </p>
              <button
                type="button"
                class="link"
                id="remember-delete"
                @click=${() => void this.#deleteNow()}
              >
                ${msg('Jetzt von diesem Gerät löschen')}
              </button>`
          : html`<p id="remember-hint" class="hint">
              ${msg(str`Gespeichert werden die Antworten dieses Antrags, verschlüsselt und nur auf diesem Gerät, bis zum ${date}. Nur auf Ihrem eigenen Gerät empfohlen. Sonst bleiben die Angaben nur erhalten, bis Sie dieses Browserfenster schließen. Nach dem Absenden wird alles gelöscht.`)}
            </p>`
      }
    </div>`;
  }
}
