/**
 * The citizen-facing validation messages: a failed keyword on a field → one sentence naming the
 * question, in the language asked for. Raw ajv text never reaches a citizen.
 *
 * Every table is loaded on demand, German (the source and the fallback) with each language:
 * `await messages.load(lang)` before wording. Where a language's table lacks a message, or is not
 * loaded, the message is German and says so (`lang: 'de'`). A language is added as one more
 * table: `<lang>.ts` beside `de.ts` (a `Partial<MessageTable<MessageId>>`), and its loader below.
 */
import { Catalog, type Worded } from './catalog.js';
import type { MessageId } from './de.js';
import type { InputKind } from '../fields.js';
import type { FieldError } from '../types.js';

export const messages = new Catalog<MessageId>({
  de: () => import('./de.js'),
  en: () => import('./en.js'),
  tr: () => import('./tr.js'),
  ar: () => import('./ar.js'),
  uk: () => import('./uk.js'),
  ru: () => import('./ru.js'),
  fa: () => import('./fa.js'),
});

export interface MessageContext {
  /** The field's label as the citizen reads it (in the same language). */
  label: string;
  /** How the field is answered: typed, chosen from options, ticked, or a group or list. */
  input: InputKind;
  /** A text from the definition (`x-errorMessages`), already translated: it wins. */
  override?: string | undefined;
}

/** Which message an error on a field answered this way gets. */
export function messageIdOf(error: FieldError, input: InputKind): MessageId {
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      if (input === 'choice') return 'requiredChoice';
      if (input === 'check') return 'requiredCheck';
      return input === 'group' || input === 'list' ? 'requiredGroup' : 'required';
    case 'const':
      return input === 'check' ? 'requiredCheck' : 'check';
    case 'enum':
    case 'oneOf':
    case 'anyOf':
      return 'choice';
    case 'type':
      return p.type === 'integer' ? 'integer' : p.type === 'number' ? 'number' : 'check';
    case 'format':
      return p.format === 'date' ? 'date' : p.format === 'email' ? 'email' : 'format';
    case 'pattern':
      return 'format';
    case 'minLength':
      return Number(p.limit) <= 1 ? 'required' : 'minLength';
    case 'maxLength':
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
      return error.keyword;
    default:
      return 'check';
  }
}

/** The message for `error` on a field described by `context`, in `lang` (BCP 47). */
export function errorMessage(error: FieldError, context: MessageContext, lang: string): Worded {
  if (context.override) return { text: context.override, lang: messages.language(lang) };
  return messages.format(lang, messageIdOf(error, context.input), {
    label: context.label,
    n: error.params.limit,
  });
}
