/**
 * ozg-forms: one module that defines every element. For less, import a single element's
 * define module (`ozg-forms/applicant-form.js`), or the classes from `ozg-forms/elements`
 * to register them under names of your own.
 */
import './elements/applicant-form/define.js';

export * from './elements/applicant-form/index.js';
export { setLanguage } from './i18n/public.js';
