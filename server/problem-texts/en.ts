/** The reference server's problem messages in English (see de.ts). */
import type { MessageTable } from '../../src/core/messages/catalog.js';
import type { ProblemText } from './de.js';

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
export default en;
