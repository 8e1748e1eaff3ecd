/** The element classes without registering any tag: define them under names of your own. */
export * from './applicant-form/index.js';
export * from './quick-check/index.js';
export * from './payment-step/index.js';
export * from './document-upload/index.js';
/** Field controls: the ranked registry, testers and the field shell for controls of your own. */
export * from './controls.js';
