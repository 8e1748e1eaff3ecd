/**
 * A step's answers as rows of label and value, in the order of the form: what a printed copy of
 * an application shows (the reference server's PDF of a party's part). Pure: the words for yes,
 * no and "no answer" are given, so any language can be printed.
 */
import { isCheckbox, labelOf } from './fields.js';
import { getAt } from './pointer.js';
import { choicesOf, keywordOf, valueOf, type Field, type SchemaModel } from './schema.js';
import type { Texts } from './texts.js';
import { intlLocale } from './locale.js';

export interface SummaryRow {
  pointer: string;
  label: string;
  /** Empty for a heading (a group, or an entry of a list). */
  value: string;
  depth: number;
  heading: boolean;
}

export interface SummaryWords {
  yes: string;
  no: string;
  confirmed: string;
  notConfirmed: string;
  none: string;
  /** An entry of a list without its own `x-itemTitle`. */
  item: string;
}

export const GERMAN_WORDS: SummaryWords = {
  yes: 'Ja',
  no: 'Nein',
  confirmed: 'Bestätigt',
  notConfirmed: 'Nicht bestätigt',
  none: 'Keine Angabe',
  item: 'Eintrag',
};

/** An answer as the citizen chose or typed it: a choice's title, a date spelled out, a number. */
export function formatAnswer(
  field: Field,
  value: unknown,
  texts: Texts,
  words: SummaryWords,
  locale: string,
): string {
  if (value === undefined || value === null || value === '') return words.none;
  if (field.type === 'boolean') {
    if (isCheckbox(field)) return value === true ? words.confirmed : words.notConfirmed;
    return value === true ? words.yes : words.no;
  }
  const choice = (choicesOf(field) ?? []).find((c) => c.value === value);
  if (choice) return texts.get(choice.titlePointer, choice.title);
  if (
    valueOf(field, 'format') === 'date' &&
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value)
  )
    return new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${value}T00:00:00Z`));
  if (typeof value === 'number') return new Intl.NumberFormat(intlLocale(locale)).format(value);
  return String(value);
}

/** The rows of step `stepIndex` for `data` (the questions that apply, groups and lists opened). */
export function summaryRows(
  model: SchemaModel,
  stepIndex: number,
  data: unknown,
  texts: Texts,
  words: SummaryWords = GERMAN_WORDS,
  locale = 'de-DE',
): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const visit = (field: Field, depth: number) => {
    if (valueOf(field, 'x-reviewHidden') === true) return;
    const label = labelOf(field, texts);
    if (field.type === 'object' || field.type === 'array') {
      const children = model.children(field, data);
      if (field.type === 'array' && children.length === 0) {
        rows.push({ pointer: field.pointer, label, value: words.none, depth, heading: false });
        return;
      }
      for (const child of children) {
        if (child.index !== undefined || depth > 0) {
          const title = keywordOf(field.nodes, 'x-itemTitle');
          const name = title ? texts.get(title.pointer) : words.item;
          const heading = child.index === undefined ? label : `${name} ${child.index + 1}`;
          rows.push({ pointer: child.pointer, label: heading, value: '', depth, heading: true });
        }
        child.fields.forEach((f) => visit(f, depth + 1));
      }
      return;
    }
    const value = formatAnswer(field, getAt(data, field.pointer), texts, words, locale);
    rows.push({ pointer: field.pointer, label, value, depth, heading: false });
  };
  model.stepFields(stepIndex, data).forEach((f) => visit(f, 0));
  return rows;
}
