/**
 * `<payment-step>` with the built-in `einbuergerung` fees: the itemised summary, and the states a
 * returning citizen sees. Storybook has no payment endpoint, so the states after the redirect are
 * shown with an endpoint stub (`fetch` answered in the story's loader), as the reference server
 * would answer them.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, waitFor } from 'storybook/test';
import '../src/elements/payment-step/define.js';
import type { PaymentStep } from '../src/elements/payment-step/index.js';
import sampleApplication from '../test/fixtures/einbuergerung-sample.json';

interface PaymentArgs {
  lang: 'de' | 'en' | '';
  paymentId: string;
  spouseAlong: boolean;
  onCreated: (event: Event) => void;
  onComplete: (event: Event) => void;
  onFailed: (event: Event) => void;
  onLater: (event: Event) => void;
}

const ENDPOINT = '/storybook-payments';
const STATUS: Record<string, object> = {
  [`pay_a${'0'.repeat(31)}`]: { status: 'paid', transactionReference: 'KZ-TEST-2026-000042' },
  [`pay_b${'0'.repeat(31)}`]: { status: 'cancelled' },
  [`pay_c${'0'.repeat(31)}`]: { status: 'failed' },
  [`pay_d${'0'.repeat(31)}`]: { status: 'pending', redirectUrl: '/test-provider/pay/T0' },
};

/** Answers `GET <endpoint>/<id>` like the reference server would (the stories have no server). */
function stubEndpoint(): void {
  const real = globalThis.fetch.bind(globalThis);
  if ((globalThis.fetch as { stubbed?: boolean }).stubbed) return;
  const stub = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), location.href);
    const id = url.pathname.startsWith(`${ENDPOINT}/`) ? url.pathname.split('/').pop()! : '';
    const status = STATUS[id];
    if (!status) return real(input, init);
    return Promise.resolve(
      new Response(JSON.stringify({ id, amount: 61200, currency: 'EUR', ...status }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  globalThis.fetch = Object.assign(stub, { stubbed: true });
}

function data(spouseAlong: boolean) {
  const answers = structuredClone(sampleApplication) as Record<string, any>;
  answers.family.spouse.naturaliseTogether = spouseAlong;
  return answers;
}

async function ready(canvasElement: HTMLElement): Promise<PaymentStep> {
  const el = canvasElement.querySelector('payment-step')!;
  await waitFor(
    () => {
      if (!el.shadowRoot?.querySelector('#payment-heading')) throw new Error('not rendered');
    },
    { timeout: 10_000 },
  );
  return el;
}

const meta = {
  title: 'Elements/payment-step',
  component: 'payment-step',
  loaders: [() => stubEndpoint()],
  render: (args) =>
    html`<payment-step
      definition="einbuergerung"
      endpoint=${ENDPOINT}
      lang=${ifDefined(args.lang || undefined)}
      payment-id=${ifDefined(args.paymentId || undefined)}
      .data=${data(args.spouseAlong)}
      @payment-created=${args.onCreated}
      @payment-complete=${args.onComplete}
      @payment-failed=${args.onFailed}
      @payment-later=${args.onLater}
    ></payment-step>`,
  args: {
    lang: 'de',
    paymentId: '',
    spouseAlong: false,
    onCreated: fn(),
    onComplete: fn(),
    onFailed: fn(),
    onLater: fn(),
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en', ''] },
    paymentId: { name: 'payment-id', control: 'text' },
    spouseAlong: { control: 'boolean', description: 'The spouse is naturalised along (+255 €).' },
    onCreated: { table: { disable: true } },
    onComplete: { table: { disable: true } },
    onFailed: { table: { disable: true } },
    onLater: { table: { disable: true } },
    ...Object.fromEntries(
      [
        'endpoint',
        'definition',
        'validator',
        'return-url',
        'provider-origins',
        'payment-id',
        'data',
        'headers',
        'translations',
        'fees',
        'payment',
      ].map((name) => [name, { control: false }]),
    ),
  },
} satisfies Meta<PaymentArgs>;

export default meta;
type Story = StoryObj<PaymentArgs>;

/** One adult and two children naturalised along: 357,00 €, to pay now or later. */
export const Summary: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await expect(el.fees?.total).toBe(35700);
  },
};

/** The spouse naturalised along too: 612,00 €, in English. */
export const English: Story = { args: { lang: 'en', spouseAlong: true } };

/** Back from the provider, paid: the Kassenzeichen. */
export const Paid: Story = {
  args: { paymentId: `pay_a${'0'.repeat(31)}` },
  play: async ({ canvasElement, args }) => {
    await ready(canvasElement);
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

/** Back from the provider, cancelled: try again or pay later. */
export const Cancelled: Story = { args: { paymentId: `pay_b${'0'.repeat(31)}` } };

/** The provider reported an error. */
export const Failed: Story = { args: { paymentId: `pay_c${'0'.repeat(31)}` } };

/** A resumed application whose payment is not finished: back to the pay page. */
export const Pending: Story = { args: { paymentId: `pay_d${'0'.repeat(31)}` } };

/** Without a definition: an amount given directly (e.g. the 29 € of a Verpflichtungserklärung). */
export const GivenDirectly: Story = {
  render: () =>
    html`<payment-step
      endpoint=${ENDPOINT}
      lang="de"
      amount="2900"
      purpose="Verpflichtungserklärung (§ 68 AufenthG)"
    ></payment-step>`,
};
