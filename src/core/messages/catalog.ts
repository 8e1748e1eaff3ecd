/**
 * Message tables, one per language, with plural forms and German as the fallback. No DOM, no Lit:
 * the browser and the server word messages with the same tables.
 *
 * A message is a text with `{name}` placeholders, or its plural forms by the CLDR category of
 * `{n}` (`Intl.PluralRules`): `{ one: '…', other: '…' }`, and `few`, `many`, `two`, `zero` where
 * a language has them. Write `{n}` in every form a language needs it in: `one` also covers 21, 31…
 * in some languages (Russian, Ukrainian).
 */

export type PluralForms = { readonly other: string } & {
  readonly [C in Intl.LDMLPluralRule]?: string;
};
export type Message = string | PluralForms;
/** Every message of a language by id. German's is complete; another may lack some (→ German). */
export type MessageTable<Id extends string> = { readonly [K in Id]: Message };
/** A table loaded on demand: an ES module with the table as its default export. */
export type TableLoader<Id extends string> = () => Promise<{ default: Partial<MessageTable<Id>> }>;

/** A text and the language it is in (`de` when it fell back to German: mark it `lang="de"`). */
export interface Worded {
  text: string;
  lang: string;
}

/** The primary language subtag of a BCP 47 tag, in lower case (`en-GB` → `en`). */
export const primaryLanguage = (tag: string | null | undefined): string =>
  (tag ?? '').trim().toLowerCase().split(/[-_]/)[0]!;

export class Catalog<Id extends string> {
  readonly #tables = new Map<string, Partial<MessageTable<Id>>>();
  readonly #plurals = new Map<string, Intl.PluralRules>();

  constructor(
    /** German: every message; the fallback for every language and every id. */
    readonly source: MessageTable<Id>,
    /** The other languages' tables by primary subtag, loaded on demand. */
    readonly loaders: Readonly<Record<string, TableLoader<Id>>> = {},
  ) {
    this.#tables.set('de', source);
  }

  /** The language messages for `tag` are worded in: its own when there is a table, else German. */
  language(tag: string | null | undefined): string {
    const lang = primaryLanguage(tag);
    return this.#tables.has(lang) || Object.hasOwn(this.loaders, lang) ? lang : 'de';
  }

  /** Adds (or replaces) the table of a language, e.g. one imported statically. */
  add(lang: string, table: Partial<MessageTable<Id>>): void {
    this.#tables.set(lang, table);
  }

  /** Loads the table of `tag`'s language once (nothing for German or a language without one). */
  async load(tag: string | null | undefined): Promise<void> {
    const lang = this.language(tag);
    if (!this.#tables.has(lang)) this.add(lang, (await this.loaders[lang]!()).default);
  }

  /**
   * Message `id` in `tag`'s language with `args` filled in (a plural message chooses its form by
   * `args.n`). German where that language has no table (loaded) or the table lacks the message.
   */
  format(tag: string | null | undefined, id: Id, args: Record<string, unknown> = {}): Worded {
    let lang = this.language(tag);
    let message = this.#tables.get(lang)?.[id];
    if (message === undefined) {
      lang = 'de';
      message = this.source[id];
    }
    if (typeof message !== 'string') {
      let rules = this.#plurals.get(lang);
      if (!rules) this.#plurals.set(lang, (rules = new Intl.PluralRules(lang)));
      message = message[rules.select(Number(args.n))] ?? message.other;
    }
    // One pass over the message: a placeholder in an argument (a label) stays as typed.
    const text = message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(args, name) ? String(args[name]) : whole,
    );
    return { text, lang };
  }
}
