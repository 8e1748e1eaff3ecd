/**
 * What the reference server says to a citizen in problem details, in German: the source and the
 * fallback of every other language (server/problem-texts/<lang>.ts). Plural messages by the CLDR
 * category of `{n}` (see src/core/messages/catalog.ts).
 */
import type { Message } from '../../src/core/messages/catalog.js';

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
export default de;
