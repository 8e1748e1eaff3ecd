import { useLanguage, toLanguage } from './localization.js';

/**
 * Sets the language of the library's own texts for the whole page (guarded: safe to call any time,
 * also when the host uses @lit/localize itself). Elements otherwise follow their `lang`.
 */
export function setLanguage(tag: string): Promise<void> {
  return useLanguage(toLanguage(tag));
}
