/** Registers `<applicant-form>` (skipped when the tag is already defined). */
import { ApplicantForm } from './applicant-form.js';

export { ApplicantForm };
export * from './events.js';

if (!customElements.get('applicant-form')) customElements.define('applicant-form', ApplicantForm);

declare global {
  interface HTMLElementTagNameMap {
    'applicant-form': ApplicantForm;
  }
}
