/**
 * Definition texts and their translations. Translations are flat maps from the JSON pointer of a
 * German text in the definition to its translation; a missing one falls back to German. Which
 * texts a definition has: text-pointers.ts.
 */
import { getAt } from './pointer.js';
import type { Definition } from './types.js';

export type Translations = Readonly<Record<string, string>>;

/** Looks texts up by pointer: the translation if there is one, else the definition's German. */
export class Texts {
  constructor(
    readonly definition: Definition,
    readonly translations: Translations = {},
    /** The language they are wanted in (BCP 47): messages about the answers are worded in it too. */
    readonly lang: string = definition.language,
  ) {}

  /**
   * The language the text at `pointer` is in as `get` gives it: the wanted one, or the
   * definition's own where the translation lacks it (mark it so: `lang`, and `dir`).
   */
  langOf(pointer: string | undefined): string {
    return pointer !== undefined && typeof this.translations[pointer] === 'string'
      ? this.lang
      : this.definition.language;
  }

  get(pointer: string | undefined, fallback = ''): string {
    if (pointer === undefined) return fallback;
    const translated = this.translations[pointer];
    if (typeof translated === 'string') return translated;
    const original = getAt(this.definition, pointer);
    return typeof original === 'string' ? original : fallback;
  }
}
