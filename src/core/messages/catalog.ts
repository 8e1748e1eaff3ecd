/**
 * Message tables, one per language, with plural forms and German as the fallback. No DOM, no Lit:
 * the browser and the server word messages with the same tables. A table is given as it is, or as
 * a loader (`() => import('./en.js')`) that `load()` calls when the language is wanted.
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
/** A table, or a loader of an ES module whose default export it is. */
export type TableSource<T> = T | (() => Promise<{ default: T }>);
/** The tables of a catalog by primary language subtag; German's is complete. */
export type Tables<Id extends string> = { de: TableSource<MessageTable<Id>> } & {
  [lang: string]: TableSource<Partial<MessageTable<Id>>>;
};

/** A text and the language it is in (`de` when it fell back to German: mark it `lang="de"`). */
export interface Worded {
  text: string;
  lang: string;
}

/** The primary language subtag of a BCP 47 tag, in lower case (`en-GB` → `en`). */
export const primaryLanguage = (tag: string | null | undefined): string =>
  (tag ?? '').trim().toLowerCase().split(/[-_]/)[0]!;

export class Catalog<Id extends string> {
  readonly #tables: Map<string, TableSource<Partial<MessageTable<Id>>>>;

  constructor(tables: Tables<Id>) {
    this.#tables = new Map(Object.entries(tables));
  }

  /** The languages it has a table for (loaded or not). */
  get languages(): string[] {
    return [...this.#tables.keys()];
  }

  /** The language messages for `tag` are worded in: its own when it has a table, else German. */
  language(tag: string | null | undefined): string {
    const lang = primaryLanguage(tag);
    return this.#tables.has(lang) ? lang : 'de';
  }

  /** Adds (or replaces) the table of a language. */
  add(lang: string, table: TableSource<Partial<MessageTable<Id>>>): void {
    this.#tables.set(lang, table);
  }

  /** Loads the table of `tag`'s language and German's (the fallback), each once. */
  async load(tag: string | null | undefined): Promise<void> {
    await Promise.all(
      [...new Set(['de', this.language(tag)])].map(async (lang) => {
        const table = this.#tables.get(lang);
        if (typeof table === 'function') this.#tables.set(lang, (await table()).default);
      }),
    );
  }

  /**
   * Message `id` in `tag`'s language with `args` filled in (a plural message chooses its form by
   * `args.n`). German where that language's table is not loaded or lacks the message. Throws
   * when German is needed and not loaded: `await load(tag)` first.
   */
  format(tag: string | null | undefined, id: Id, args: Record<string, unknown> = {}): Worded {
    let lang = this.language(tag);
    let message = this.#message(lang, id);
    if (message === undefined) message = this.#message((lang = 'de'), id);
    if (message === undefined) throw new Error(`Messages not loaded: await load('${tag}') first`);
    if (typeof message !== 'string')
      message = message[new Intl.PluralRules(lang).select(Number(args.n))] ?? message.other;
    // One pass over the message: a placeholder in an argument (a label) stays as typed.
    const text = message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(args, name) ? String(args[name]) : whole,
    );
    return { text, lang };
  }

  #message(lang: string, id: Id): Message | undefined {
    const table = this.#tables.get(lang);
    return typeof table === 'object' ? table[id] : undefined;
  }
}
