/** `<applicant-form>` without registering it. */
export { ApplicantForm, type RetryPolicy } from './applicant-form.js';
export * from './events.js';
export { controls, controlFor, idFor, type Control, type ControlHost } from '../shared/controls.js';
