/** `<quick-check>` without registering it. */
export { QuickCheck } from './quick-check.js';
export * from './events.js';
