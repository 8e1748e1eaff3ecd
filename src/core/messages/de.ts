/**
 * The citizen-facing validation messages in German, the source language: every message, and the
 * fallback for every other language. Plain language, one sentence, naming the question.
 * Placeholders: `{label}` the question as the citizen reads it, `{n}` the limit (see catalog.ts).
 */
import type { Message } from './catalog.js';

const de = {
  /** A text to type in is empty. */
  required: 'Bitte füllen Sie das Feld „{label}“ aus.',
  /** No option is chosen. */
  requiredChoice: 'Bitte wählen Sie bei „{label}“ eine Antwort aus.',
  /** A declaration is not ticked. */
  requiredCheck: 'Bitte bestätigen Sie „{label}“.',
  /** A group or list of questions is missing. */
  requiredGroup: 'Bitte machen Sie Angaben zu „{label}“.',
  /** Something else is wrong with the answer. */
  check: 'Bitte prüfen Sie die Angabe bei „{label}“.',
  /** An answer that is none of the options. */
  choice: 'Bitte wählen Sie bei „{label}“ eine der angebotenen Antworten aus.',
  integer: 'Bitte geben Sie bei „{label}“ eine ganze Zahl ohne Komma ein.',
  number: 'Bitte geben Sie bei „{label}“ eine Zahl ein.',
  date: 'Bitte geben Sie bei „{label}“ ein gültiges Datum ein.',
  email: 'Bitte geben Sie bei „{label}“ eine E-Mail-Adresse wie name@example.de ein.',
  /** A `pattern` or another `format`. */
  format: 'Bitte prüfen Sie das Format bei „{label}“.',
  /** `n` ≥ 2 (with `n` ≤ 1 the field is just empty: `required`). */
  minLength: { other: '„{label}“ muss mindestens {n} Zeichen lang sein.' },
  maxLength: { other: '„{label}“ darf höchstens {n} Zeichen lang sein.' },
  minimum: '„{label}“ muss mindestens {n} sein.',
  exclusiveMinimum: '„{label}“ muss größer als {n} sein.',
  maximum: '„{label}“ darf höchstens {n} sein.',
  exclusiveMaximum: '„{label}“ muss kleiner als {n} sein.',
  minItems: {
    one: 'Bitte fügen Sie bei „{label}“ mindestens einen Eintrag hinzu.',
    other: 'Bitte fügen Sie bei „{label}“ mindestens {n} Einträge hinzu.',
  },
  maxItems: {
    one: 'Bei „{label}“ ist nur ein Eintrag möglich.',
    other: 'Bei „{label}“ sind höchstens {n} Einträge möglich.',
  },
  /** An error whose question is not found in the form. */
  unknown: 'Bitte prüfen Sie diese Angabe.',

  // Texts of the elements that count something (their plural forms differ by language).
  /** The heading of the list of answers to correct. */
  errorSummary: {
    one: 'Bitte korrigieren Sie {n} Angabe:',
    other: 'Bitte korrigieren Sie {n} Angaben:',
  },
  /** The choice to keep a draft on the device for `n` days. */
  rememberDays: {
    one: 'Angaben {n} Tag auf diesem Gerät speichern',
    other: 'Angaben {n} Tage auf diesem Gerät speichern',
  },
  /** The connection failed; the next try comes in `n` seconds. */
  retryIn: {
    one: 'Die Verbindung ist gestört. Neuer Versuch in {n} Sekunde …',
    other: 'Die Verbindung ist gestört. Neuer Versuch in {n} Sekunden …',
  },
  /** The heading of the quick-check's list of questions still to answer. */
  unansweredSummary: {
    one: 'Bitte beantworten Sie noch {n} Frage:',
    other: 'Bitte beantworten Sie noch {n} Fragen:',
  },
  /** More files were chosen than the document takes. */
  filesAtMost: {
    one: 'Sie können höchstens {n} Datei hochladen.',
    other: 'Sie können höchstens {n} Dateien hochladen.',
  },
} satisfies Record<string, Message>;

export type MessageId = keyof typeof de;
export default de;
