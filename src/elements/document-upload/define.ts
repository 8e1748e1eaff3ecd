/** Registers `<document-upload>` (skipped when the tag is already defined). */
import { DocumentUpload } from './document-upload.js';

export { DocumentUpload };
export * from './events.js';

if (!customElements.get('document-upload'))
  customElements.define('document-upload', DocumentUpload);

declare global {
  interface HTMLElementTagNameMap {
    'document-upload': DocumentUpload;
  }
}
