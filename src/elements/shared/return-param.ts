/**
 * The provider's way back: the return URL carries our opaque payment id (`?ozg-payment=pay_…`)
 * and nothing else. Shared by `<payment-step>` and `<applicant-form>`.
 */

/** The URL parameter the provider's return URL carries. */
export const RETURN_PARAM = 'ozg-payment';

const PAYMENT_ID = /^pay_[0-9a-f]{32}$/;

/** Whether `id` is one of our payment ids. */
export const isPaymentId = (id: string | null | undefined): id is string =>
  typeof id === 'string' && PAYMENT_ID.test(id);

/** The payment id in this page's address, if it carries one. */
export function returnedPayment(): string | undefined {
  const id = new URLSearchParams(location.search).get(RETURN_PARAM);
  return isPaymentId(id) ? id : undefined;
}

/** Takes the payment id out of the address once it has been acted on (a reload does not repeat it). */
export function forgetReturnParam(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(RETURN_PARAM)) return;
  url.searchParams.delete(RETURN_PARAM);
  history.replaceState(history.state, '', url.href);
}
