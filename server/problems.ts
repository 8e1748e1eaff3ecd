/**
 * What the reference server itself says to a citizen in problem details (RFC 9457 `title` and
 * `detail`), in the submission's language: a message table per language like the validation
 * messages (src/core/messages/), German the source and the fallback. A language is added as one
 * more table below. Texts only a developer reads (a malformed request) stay English.
 */
import { Catalog, type Message, type MessageTable } from '../src/core/messages/catalog.js';
import { HttpError } from './http.js';

const de = {
  invalid: 'Die Angaben sind nicht vollständig oder nicht gültig.',
  tooSlow: 'Die Angaben konnten nicht in angemessener Zeit geprüft werden.',
  tooSlowDetail: 'Die Prüfung hat zu lange gedauert; die Angaben wurden nicht angenommen.',
  documents: 'Die Unterlagen passen nicht zu diesem Antrag.',
  documentMissing: 'Für diese Unterlage fehlt eine Datei.',
  documentNotAsked: 'Diese Unterlage wird für diesen Antrag nicht verlangt.',
  documentNotList: 'Erwartet wird eine Liste von Dateien.',
  documentTooMany: {
    one: 'Für diese Unterlage ist nur eine Datei möglich.',
    other: 'Für diese Unterlage sind höchstens {n} Dateien möglich.',
  },
  fileUnknown: 'Eine Datei ist unbekannt, unvollständig oder verändert.',
  fileUsed: 'Eine Datei gehört zu einem anderen Antrag.',
  fileTwice: 'Eine Datei ist doppelt angegeben.',
  payment: 'Die Zahlung kann für diesen Antrag nicht verwendet werden.',
  paymentRequired: 'Für diesen Antrag muss die Gebühr vorab bezahlt werden.',
  paymentUnknown: 'Diese Zahlung ist unbekannt.',
  paymentOpen: 'Diese Zahlung ist nicht abgeschlossen.',
  paymentFailed: 'Diese Zahlung wurde abgebrochen oder ist fehlgeschlagen.',
  paymentMismatch: 'Diese Zahlung passt nicht zu den Gebühren dieses Antrags.',
  paymentUsed: 'Diese Zahlung gehört zu einem anderen Antrag.',
  nothingToPay: 'Für diesen Antrag ist online nichts zu bezahlen.',
  appointmentNoFee:
    'Für einen Termin wird hier keine Gebühr bezahlt; die Behörde nimmt sie beim Termin.',
  outcomeNotOffered: 'Diesen Abschluss bietet der Antrag nicht an.',
  outcomeNotOfferedDetail: 'Dieser Antrag endet nicht mit „{requested}“, sondern mit: {offered}.',
  identityInvalid: 'Die Angaben zur Identität sind ungültig.',
  identityInvalidDetail:
    'Die Angaben zur Identität sind ungültig: eine Vertrauensstufe (low, substantial, high), wer sie bestätigt hat, und nur Felder, die der Antrag aus der Identität übernimmt.',
  identityUnconfirmed: 'Die Bestätigung Ihrer Identität gilt nicht mehr.',
  identityUnconfirmedDetail:
    'Die Bestätigung Ihrer Anmeldung ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an und senden Sie dann noch einmal. Ihre Angaben bleiben erhalten.',
  identityRequired: 'Online geht das nur mit bestätigter Identität.',
  identityRequiredDetail:
    'Online kann diesen Antrag nur abgeben, wer sich sicher genug angemeldet hat, zum Beispiel mit dem Online-Ausweis (eID). Ohne diese Bestätigung geht es nur persönlich bei der Behörde.',
  handOffGone: 'Dieser Link wurde schon verwendet oder ist abgelaufen.',
  documentFirstParty:
    'Für diese Unterlage fehlt eine Datei; sie gehört zum Teil der antragstellenden Person.',
} satisfies Record<string, Message>;

export type ProblemText = keyof typeof de;

const en: MessageTable<ProblemText> = {
  invalid: 'The answers are incomplete or not valid.',
  tooSlow: 'The answers could not be checked in reasonable time.',
  tooSlowDetail: 'Checking these answers took too long; they were not accepted.',
  documents: 'The documents do not match this application.',
  documentMissing: 'A file is missing for this document.',
  documentNotAsked: 'This document is not asked for in this application.',
  documentNotList: 'A list of files is expected.',
  documentTooMany: {
    one: 'Only one file is possible for this document.',
    other: 'At most {n} files are possible for this document.',
  },
  fileUnknown: 'A file is unknown, incomplete or has been changed.',
  fileUsed: 'A file belongs to another application.',
  fileTwice: 'A file is given twice.',
  payment: 'The payment cannot be used for this application.',
  paymentRequired: 'The fee for this application must be paid in advance.',
  paymentUnknown: 'This payment is unknown.',
  paymentOpen: 'This payment is not complete.',
  paymentFailed: 'This payment was cancelled or has failed.',
  paymentMismatch: 'This payment does not match the fees of this application.',
  paymentUsed: 'This payment belongs to another application.',
  nothingToPay: 'There is nothing to pay online for this application.',
  appointmentNoFee:
    'No fee is paid here for an appointment; the authority takes it at the appointment.',
  outcomeNotOffered: 'This application does not offer this ending.',
  outcomeNotOfferedDetail: 'This application does not end in “{requested}” but in: {offered}.',
  identityInvalid: 'The identity details are not valid.',
  identityInvalidDetail:
    'The identity details are not valid: a trust level (low, substantial, high), who confirmed it, and only fields the application takes from the identity.',
  identityUnconfirmed: 'The confirmation of your identity is no longer valid.',
  identityUnconfirmedDetail:
    'The confirmation of your sign-in is not valid or has expired. Please sign in again, then send once more. Your answers are kept.',
  identityRequired: 'Online, this needs a confirmed identity.',
  identityRequiredDetail:
    'Only someone signed in securely enough, for example with the online ID card (eID), can send this online. Without that confirmation, it can only be done in person at the authority.',
  handOffGone: 'This link has already been used or has expired.',
  documentFirstParty: 'A file is missing for this document; it belongs to the applicant’s part.',
};

export const problemTexts = new Catalog<ProblemText>({ de, en });

/** Text `id` in `locale`'s language (German when there is none), with `args` filled in. */
export function say(locale: string | undefined, id: ProblemText, args?: Record<string, unknown>) {
  return problemTexts.format(locale, id, args).text;
}

/**
 * A problem whose title a citizen reads, in `locale`'s language; `Content-Language` says which
 * (German when the submission's language has no table).
 */
export function citizenProblem(
  status: number,
  locale: string | undefined,
  title: ProblemText,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpError {
  const worded = problemTexts.format(locale, title);
  return new HttpError(status, worded.text, extra, {
    'content-language': worded.lang,
    ...headers,
  });
}
