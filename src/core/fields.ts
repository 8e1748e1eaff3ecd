/** Facts about a field that both the element and the server need (no DOM). */
import { choicesOf, keywordOf, valueOf, type Field } from './schema.js';
import type { Texts } from './texts.js';

export type InputKind = 'text' | 'choice' | 'check' | 'group' | 'list';

/** A consent or declaration: ticked or not. */
export function isCheckbox(field: Field): boolean {
  return (
    field.type === 'boolean' &&
    (valueOf(field, 'x-widget') === 'checkbox' || valueOf(field, 'const') === true)
  );
}

/** How a field is answered: typed, chosen, ticked, or a group or list of questions. */
export function inputKind(field: Field): InputKind {
  if (field.type === 'object') return 'group';
  if (field.type === 'array') return 'list';
  if (isCheckbox(field)) return 'check';
  if (field.type === 'boolean' || choicesOf(field)) return 'choice';
  return 'text';
}

/** The field's label in the current language. */
export function labelOf(field: Field, texts: Texts): string {
  return texts.get(keywordOf(field.nodes, 'title')?.pointer, field.name);
}

/**
 * The definition's own message for a failed keyword (`x-errorMessages`), translated, if it has one.
 * `failedAt`, the pointer in the definition of the schema node whose keyword failed: its own
 * message wins (a branch's `minimum` over the property's), else the field's first.
 */
export function errorOverride(
  field: Field,
  keyword: string,
  texts: Texts,
  failedAt?: string,
): string | undefined {
  const own = field.nodes.find((node) => node.pointer === failedAt);
  for (const messages of [
    own && keywordOf([own], 'x-errorMessages'),
    keywordOf(field.nodes, 'x-errorMessages'),
  ]) {
    if (!messages || typeof messages.value !== 'object' || messages.value === null) continue;
    if (Object.prototype.hasOwnProperty.call(messages.value, keyword))
      return texts.get(`${messages.pointer}/${keyword}`);
  }
  return undefined;
}
