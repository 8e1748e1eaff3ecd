/**
 * The citizen-facing validation messages (see validation.ts), and the message for an error on a
 * field of a definition.
 */
import type { Worded } from './catalog.js';
import { errorMessage, messages } from './validation.js';
import { errorOverride, inputKind, labelOf } from '../fields.js';
import type { Field, SchemaModel } from '../schema.js';
import type { Texts } from '../texts.js';
import type { FieldError } from '../types.js';

export { Catalog, primaryLanguage } from './catalog.js';
export type { Message, MessageTable, PluralForms, Tables, TableSource, Worded } from './catalog.js';
export type { MessageId } from './de.js';
export { errorMessage, messageIdOf, messages, type MessageContext } from './validation.js';

/**
 * The message for an error on the field it points to (in the current data), in the language of
 * `texts` (the definition's texts that name the field) unless `lang` says another. Pass the field
 * when it is at hand: finding it by pointer walks the schema from the top.
 */
export function fieldErrorMessage(
  error: FieldError,
  model: SchemaModel,
  texts: Texts,
  data: unknown,
  known?: Field,
  lang: string = texts.lang,
): Worded {
  const field = known ?? model.fieldAt(error.pointer, data);
  if (!field) return messages.format(lang, 'unknown');
  return errorMessage(
    error,
    {
      label: labelOf(field, texts),
      input: inputKind(field),
      // The error's schemaPointer is within the validated schema (`/schema/…`), the model's root
      // where that schema sits in the definition.
      override: errorOverride(
        field,
        error.keyword,
        texts,
        model.root.pointer + error.schemaPointer.replace(/^\/schema/, ''),
      ),
    },
    lang,
  );
}
