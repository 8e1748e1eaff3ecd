/** `<payment-step>` without registering it. */
export { PaymentStep } from './payment-step.js';
export * from './events.js';
