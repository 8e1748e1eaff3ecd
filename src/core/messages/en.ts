/** The validation messages in English (loaded on demand; see de.ts for what each one is for). */
import type { MessageTable } from './catalog.js';
import type { MessageId } from './de.js';

const en: MessageTable<MessageId> = {
  required: 'Please fill in “{label}”.',
  requiredChoice: 'Please select an answer for “{label}”.',
  requiredCheck: 'Please confirm “{label}”.',
  requiredGroup: 'Please provide the details for “{label}”.',
  check: 'Please check your answer for “{label}”.',
  choice: 'Please select one of the available answers for “{label}”.',
  integer: 'Please enter a whole number without decimals for “{label}”.',
  number: 'Please enter a number for “{label}”.',
  date: 'Please enter a valid date for “{label}”.',
  email: 'Please enter an email address for “{label}”, like name@example.com.',
  format: 'Please check the format of “{label}”.',
  minLength: {
    one: '“{label}” must be at least {n} character long.',
    other: '“{label}” must be at least {n} characters long.',
  },
  maxLength: {
    one: '“{label}” must not be longer than {n} character.',
    other: '“{label}” must not be longer than {n} characters.',
  },
  minimum: '“{label}” must be at least {n}.',
  exclusiveMinimum: '“{label}” must be more than {n}.',
  maximum: '“{label}” must not be more than {n}.',
  exclusiveMaximum: '“{label}” must be less than {n}.',
  minItems: {
    one: 'Please add at least one entry to “{label}”.',
    other: 'Please add at least {n} entries to “{label}”.',
  },
  maxItems: {
    one: 'You can add only one entry to “{label}”.',
    other: 'You can add a maximum of {n} entries to “{label}”.',
  },
  unknown: 'Please check this answer.',
  errorSummary: {
    one: 'Please correct {n} answer:',
    other: 'Please correct {n} answers:',
  },
  rememberDays: {
    one: 'Save my answers on this device for {n} day',
    other: 'Save my answers on this device for {n} days',
  },
  retryIn: {
    one: 'There is a problem with the connection. Trying again in {n} second…',
    other: 'There is a problem with the connection. Trying again in {n} seconds…',
  },
  unansweredSummary: {
    one: 'Please answer {n} more question:',
    other: 'Please answer {n} more questions:',
  },
  filesAtMost: {
    one: 'You can upload at most {n} file.',
    other: 'You can upload at most {n} files.',
  },
};
export default en;
