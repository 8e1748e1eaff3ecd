/** Registers `<payment-step>` (skipped when the tag is already defined). */
import { PaymentStep } from './payment-step.js';

export { PaymentStep };
export * from './events.js';

if (!customElements.get('payment-step')) customElements.define('payment-step', PaymentStep);

declare global {
  interface HTMLElementTagNameMap {
    'payment-step': PaymentStep;
  }
}
