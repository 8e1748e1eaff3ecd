/**
 * The validation messages, from the core's message table (src/core/messages/), which the server
 * words its problems with too. Raw ajv text never reaches the screen.
 */
import { fieldErrorMessage as worded, messages } from '../core/messages/index.js';
import type { Field, SchemaModel } from '../core/schema.js';
import type { Texts } from '../core/texts.js';
import type { FieldError } from '../core/types.js';
import { loadWithLanguage } from './localization.js';

// Loaded with the library's language (and German, the fallback): an element's `ready`, which its
// definition's texts wait for, includes them, so there are no texts in a language whose messages
// are not in.
loadWithLanguage((language) => messages.load(language));

/**
 * The message for an error on the field it points to (in the current data), in the language of
 * `texts`. Pass the field when it is at hand: finding it by pointer walks the schema from the top.
 */
export function fieldErrorMessage(
  error: FieldError,
  model: SchemaModel,
  texts: Texts,
  data: unknown,
  known?: Field,
): string {
  return worded(error, model, texts, data, known).text;
}
