/**
 * The language switch an element shows when its page offers none (`languages="de en tr ar"`):
 * each language by its own name, in its own language; choosing one changes only the element (its
 * `lang`), keeps every answer, and is announced. Loaded only where an element asks for it.
 */
import { html } from 'lit';
import { LANGUAGES } from '../../i18n/localization.js';

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

export function renderLanguageSwitch(
  current: string,
  languages: string[],
  announced: string,
  choose: (language: string) => void,
) {
  return html`<div class="language" part="language-switch">
    <label for="language" part="label">${LABELS[current] ?? LABELS.de}</label>
    <select
      id="language"
      part="input select"
      @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}
    >
      ${languages.map(
        (l) =>
          html`<option value=${l} lang=${l} ?selected=${l === current}>${AUTONYMS[l]}</option>`,
      )}
    </select>
    <p class="visually-hidden" role="status" lang=${current}>${announced}</p>
  </div>`;
}

/** What the status says once a language is chosen: its name and "Language", in it. */
export function announcement(language: string): string {
  return `${LABELS[language]}: ${AUTONYMS[language]}`;
}
