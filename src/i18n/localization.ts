/**
 * The library's language. @lit/localize keeps one locale per page, so the library configures it
 * lazily, once, when its first element connects (never at import: a second
 * `configureLocalization` throws, and the host may use @lit/localize itself).
 */
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.js';

/**
 * The languages of the library's texts: German (the source), then those its citizens read best,
 * and Leichte Sprache (`de-x-ls`, German easy-to-read: the quick-checks' texts; what it lacks is
 * in plain German).
 */
export const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa', 'de-x-ls'] as const;
export type Language = (typeof LANGUAGES)[number];

const loaders: Record<string, () => Promise<unknown>> = {
  en: () => import('./generated/en.js'),
  tr: () => import('./generated/tr.js'),
  ar: () => import('./generated/ar.js'),
  uk: () => import('./generated/uk.js'),
  ru: () => import('./generated/ru.js'),
  fa: () => import('./generated/fa.js'),
  'de-x-ls': () => import('./generated/de-x-ls.js'),
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
  const lower = (tag ?? '').trim().toLowerCase();
  if (/^de[-_]x[-_]ls\b/.test(lower)) return 'de-x-ls';
  const primary = lower.split(/[-_]/)[0] as Language;
  return (LANGUAGES as readonly string[]).includes(primary) ? primary : 'de';
}

/**
 * The element's `lang`, else the closest `[lang]` above it (across shadow roots), else the page
 * language of a Liferay portal page (`Liferay.ThemeDisplay`), else German.
 */
export function languageOf(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang') && node.getAttribute('lang')) {
      return toLanguage(node.getAttribute('lang'));
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLanguage(
    (
      globalThis as { Liferay?: { ThemeDisplay?: { getBCP47LanguageId?(): string } } }
    ).Liferay?.ThemeDisplay?.getBCP47LanguageId?.(),
  );
}
