/**
 * Citizen-facing validation messages: one table per language (German in the source, English in
 * locales/en.xlf). Raw ajv text never reaches the screen.
 */
import { msg, str } from '@lit/localize';
import { errorOverride, inputKind, labelOf } from '../core/fields.js';
import type { Field, SchemaModel } from '../core/schema.js';
import type { Texts } from '../core/texts.js';
import type { FieldError } from '../core/types.js';

export interface MessageContext {
  /** The field's label as the citizen reads it. */
  label: string;
  /** How the field is answered: typed, chosen from options, or ticked. */
  input: 'text' | 'choice' | 'check' | 'group' | 'list';
  /** A text from the definition (`x-errorMessages`), already translated. */
  override?: string | undefined;
}

export function errorMessage(error: FieldError, context: MessageContext): string {
  if (context.override) return context.override;
  const { label, input } = context;
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      if (input === 'choice') return msg(str`Bitte wählen Sie bei „${label}“ eine Antwort aus.`);
      if (input === 'check') return msg(str`Bitte bestätigen Sie „${label}“.`);
      if (input === 'group' || input === 'list')
        return msg(str`Bitte machen Sie Angaben zu „${label}“.`);
      return msg(str`Bitte füllen Sie das Feld „${label}“ aus.`);
    case 'const':
      return input === 'check'
        ? msg(str`Bitte bestätigen Sie „${label}“.`)
        : msg(str`Bitte prüfen Sie die Angabe bei „${label}“.`);
    case 'enum':
    case 'oneOf':
    case 'anyOf':
      return msg(str`Bitte wählen Sie bei „${label}“ eine der angebotenen Antworten aus.`);
    case 'type':
      if (p.type === 'integer')
        return msg(str`Bitte geben Sie bei „${label}“ eine ganze Zahl ohne Komma ein.`);
      if (p.type === 'number') return msg(str`Bitte geben Sie bei „${label}“ eine Zahl ein.`);
      return msg(str`Bitte prüfen Sie die Angabe bei „${label}“.`);
    case 'format':
      if (p.format === 'date')
        return msg(str`Bitte geben Sie bei „${label}“ ein gültiges Datum ein.`);
      if (p.format === 'email')
        return msg(
          str`Bitte geben Sie bei „${label}“ eine E-Mail-Adresse wie name@example.de ein.`,
        );
      return msg(str`Bitte prüfen Sie das Format bei „${label}“.`);
    case 'minLength':
      return Number(p.limit) <= 1
        ? msg(str`Bitte füllen Sie das Feld „${label}“ aus.`)
        : msg(str`„${label}“ muss mindestens ${String(p.limit)} Zeichen lang sein.`);
    case 'maxLength':
      return msg(str`„${label}“ darf höchstens ${String(p.limit)} Zeichen lang sein.`);
    case 'pattern':
      return msg(str`Bitte prüfen Sie das Format bei „${label}“.`);
    case 'minimum':
      return msg(str`„${label}“ muss mindestens ${String(p.limit)} sein.`);
    case 'exclusiveMinimum':
      return msg(str`„${label}“ muss größer als ${String(p.limit)} sein.`);
    case 'maximum':
      return msg(str`„${label}“ darf höchstens ${String(p.limit)} sein.`);
    case 'exclusiveMaximum':
      return msg(str`„${label}“ muss kleiner als ${String(p.limit)} sein.`);
    case 'minItems':
      return Number(p.limit) === 1
        ? msg(str`Bitte fügen Sie bei „${label}“ mindestens einen Eintrag hinzu.`)
        : msg(str`Bitte fügen Sie bei „${label}“ mindestens ${String(p.limit)} Einträge hinzu.`);
    case 'maxItems':
      return Number(p.limit) === 1
        ? msg(str`Bei „${label}“ ist nur ein Eintrag möglich.`)
        : msg(str`Bei „${label}“ sind höchstens ${String(p.limit)} Einträge möglich.`);
    default:
      return msg(str`Bitte prüfen Sie die Angabe bei „${label}“.`);
  }
}

/**
 * The message for an error on the field it points to (in the current data). Pass the field when
 * it is at hand: finding it by pointer walks the schema from the top.
 */
export function fieldErrorMessage(
  error: FieldError,
  model: SchemaModel,
  texts: Texts,
  data: unknown,
  known?: Field,
): string {
  const field = known ?? model.fieldAt(error.pointer, data);
  if (!field) return msg('Bitte prüfen Sie diese Angabe.');
  return errorMessage(error, {
    label: labelOf(field, texts),
    input: inputKind(field),
    override: errorOverride(field, error.keyword, texts),
  });
}
