/** `<document-upload>` without registering it. */
export { DocumentUpload } from './document-upload.js';
export * from './events.js';
