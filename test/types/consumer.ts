/**
 * A page script as the README's main path writes it: only `import 'ozg-forms'`. Every tag and event
 * must be typed from that import alone; the `@ts-expect-error` lines are mistakes tsc must refuse
 * (an unused one fails the test as well).
 */
import 'ozg-forms';

const form = document.querySelector('applicant-form')!;
form.endpoint = '/api';
form.addEventListener('error', (e) => console.log(e.detail.problems.length));
form.addEventListener('submit-success', (e) => console.log(e.detail));
// @ts-expect-error -- no such property
form.endpint = '/api';

const check = document.querySelector('quick-check')!;
check.addEventListener('quick-check-complete', (e) => console.log(e.detail.result.verdict));
check.addEventListener('prefill-change', (e) => console.log(e.detail.consent));
// @ts-expect-error -- the result has no "verdikt"
check.addEventListener('quick-check-complete', (e) => console.log(e.detail.result.verdikt));

const payment = document.querySelector('payment-step')!;
payment.addEventListener('payment-complete', (e) => console.log(e.detail.amount));
payment.addEventListener('error', (e) => console.log(e.detail.message));
// @ts-expect-error -- a failed payment's status is no number
payment.addEventListener('payment-failed', (e) => e.detail.status.toFixed());

const upload = document.querySelector('document-upload')!;
upload.addEventListener('upload-complete', (e) => console.log(e.detail));
// @ts-expect-error -- a quick-check is no payment step
const wrong: typeof payment = check;

export { payment, upload, wrong };
