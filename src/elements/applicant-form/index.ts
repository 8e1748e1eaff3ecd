/** `<applicant-form>` without registering it. */
export { ApplicantForm, type RetryPolicy } from './applicant-form.js';
export * from './events.js';
