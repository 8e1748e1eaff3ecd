/**
 * The library's language. @lit/localize keeps one locale per page, so the library configures it
 * lazily, once, when its first element connects (never at import: a second
 * `configureLocalization` throws, and the host may use @lit/localize itself).
 */
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.js';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

const loaders: Record<string, () => Promise<unknown>> = {
  en: () => import('./generated/en.js'),
};

let localization: ReturnType<typeof configureLocalization> | undefined;
let failed = false;

function ensureConfigured(): ReturnType<typeof configureLocalization> | undefined {
  if (localization || failed) return localization;
  try {
    localization = configureLocalization({
      sourceLocale,
      targetLocales,
      loadLocale: (locale) => loaders[locale]!() as never,
    });
  } catch {
    // Configured already by someone else sharing our copy of @lit/localize: use German texts.
    failed = true;
  }
  return localization;
}

const companions: ((language: Language) => Promise<unknown>)[] = [];

/** Texts of the library's own that switch with it, loaded by `load` (e.g. the validation messages). */
export function loadWithLanguage(load: (language: Language) => Promise<unknown>): void {
  companions.push(load);
}

/** Switches the library's texts to `language` (resolves once they are loaded). */
export async function useLanguage(language: Language): Promise<void> {
  const l10n = ensureConfigured();
  await Promise.all([
    l10n && l10n.getLocale() !== language && l10n.setLocale(language),
    ...companions.map((load) => load(language)),
  ]);
}

/** Maps any BCP 47 tag to a language we have, German when we have none closer. */
export function toLanguage(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] as Language;
  return LANGUAGES.includes(primary) ? primary : 'de';
}

/** The element's `lang`, else the closest `[lang]` above it (across shadow roots), else German. */
export function languageOf(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang') && node.getAttribute('lang')) {
      return toLanguage(node.getAttribute('lang'));
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return 'de';
}
