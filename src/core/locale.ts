/**
 * The languages' ways of writing: which locale numbers, amounts and dates are formatted with
 * (`Intl.*`), and which languages are written right to left. No DOM: the elements, the summary
 * and the reference server format with the same locales.
 */
import { primaryLanguage } from './messages/catalog.js';

/**
 * The locale to format in for a language. Figures stay in Western digits (`nu-latn`) and dates in
 * the Gregorian calendar (`ca-gregory`; Persian's own is the solar one) in every language, so an
 * amount or a date reads as on the German papers and letters the citizen holds.
 */
const LOCALES: Record<string, string> = {
  de: 'de-DE',
  en: 'en-GB',
  tr: 'tr-TR',
  ar: 'ar-u-nu-latn',
  uk: 'uk-UA',
  ru: 'ru-RU',
  fa: 'fa-IR-u-ca-gregory-nu-latn',
};

/** The `Intl` locale for a BCP 47 tag's language (German's for a language we do not know). */
export function intlLocale(tag: string | null | undefined): string {
  return LOCALES[primaryLanguage(tag)] ?? tag ?? 'de-DE';
}

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv']);

/** Whether a language is written right to left. */
export function isRightToLeft(tag: string | null | undefined): boolean {
  return RIGHT_TO_LEFT.has(primaryLanguage(tag));
}
