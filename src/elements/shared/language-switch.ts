/**
 * The language switch an element shows when its page offers none (`languages="de en tr ar"`):
 * each language by its own name, in its own language; choosing one changes only the element (its
 * `lang`), keeps every answer, and is announced. Loaded only where an element asks for it.
 */
import { css, html, nothing } from 'lit';
import { LANGUAGES } from '../../i18n/localization.js';
import { addStyles } from './styles.js';

/** Each language's name in that language. */
const AUTONYMS: Record<string, string> = {
  de: 'Deutsch',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
  ru: 'Русский',
  fa: 'فارسی',
  'de-x-ls': 'Leichte Sprache',
};

/** "Language" in each language: the switch's label is in the language shown. */
const LABELS: Record<string, string> = {
  de: 'Sprache',
  en: 'Language',
  tr: 'Dil',
  ar: 'اللغة',
  uk: 'Мова',
  ru: 'Язык',
  fa: 'زبان',
  'de-x-ls': 'Sprache',
};

/** The languages of an element's `languages` attribute the library has, in the given order. */
export function offered(languages: string): string[] {
  const wanted = languages.toLowerCase().split(/[\s,]+/);
  return [...new Set(wanted)].filter((l) => (LANGUAGES as readonly string[]).includes(l));
}

// Its own styles, added to the element's shadow root with it (constructable: strict-CSP safe).
const styles = css`
  .language {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: flex-end;
    margin-bottom: 0.5rem;
  }
  .language label {
    font-weight: 400;
    margin: 0;
  }
  .language select {
    width: auto;
  }
`;

/** What each element's status last said (the name of the language chosen, in it). */
const said = new WeakMap<HTMLElement, string>();

/** The switch of `host` (showing `current`), or nothing for fewer than two languages offered. */
export function languageSwitch(host: HTMLElement, current: string, languages: string) {
  const list = offered(languages);
  if (list.length < 2) return nothing;
  addStyles(host.shadowRoot, styles);
  const choose = (language: string) => {
    said.set(host, `${LABELS[language]}: ${AUTONYMS[language]}`);
    host.setAttribute('lang', language);
  };
  return html`<div class="language" part="language-switch">
    <label for="language" part="label">${LABELS[current] ?? LABELS.de}</label>
    <select
      id="language"
      part="input select"
      @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}
    >
      ${list.map(
        (l) =>
          html`<option value=${l} lang=${l} ?selected=${l === current}>${AUTONYMS[l]}</option>`,
      )}
    </select>
    <p class="visually-hidden" role="status" lang=${current}>${said.get(host) ?? ''}</p>
  </div>`;
}
