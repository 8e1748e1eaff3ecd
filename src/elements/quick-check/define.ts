/** Registers `<quick-check>` (skipped when the tag is already defined). */
import { QuickCheck } from './quick-check.js';

export { QuickCheck };
export * from './events.js';

if (!customElements.get('quick-check')) customElements.define('quick-check', QuickCheck);

declare global {
  interface HTMLElementTagNameMap {
    'quick-check': QuickCheck;
  }
}
