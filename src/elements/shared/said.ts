/**
 * A definition's text as a citizen reads it: where the translation lacks it and the definition's
 * own language (German) shows instead, it is marked as German, `lang="de"` and `dir="ltr"`, so a
 * screen reader speaks it with a German voice and, in a right-to-left page, its full stop stays at
 * its end. Never a key or an empty string in its place.
 */
import { html, type TemplateResult } from 'lit';
import { primaryLanguage } from '../../core/messages/catalog.js';
import { isRightToLeft } from '../../core/locale.js';
import type { Texts } from '../../core/texts.js';

export type Said = string | TemplateResult;

export function said(texts: Texts, pointer: string | undefined, fallback = ''): Said {
  const text = texts.get(pointer, fallback);
  const lang = texts.langOf(pointer);
  return !text || primaryLanguage(lang) === primaryLanguage(texts.lang)
    ? text
    : html`<span lang=${lang} dir=${isRightToLeft(lang) ? 'rtl' : 'ltr'}>${text}</span>`;
}
