import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/payment-step/define.js';
import '../../src/elements/applicant-form/define.js';
import type { PaymentStep } from '../../src/elements/payment-step/payment-step.js';
import {
  PaymentCreatedEvent,
  type PaymentCompleteEvent,
  type PaymentFailedEvent,
} from '../../src/elements/payment-step/events.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import { sealedDrafts } from '../../src/elements/shared/device-drafts.js';
import { DRAFT } from './support/device-drafts.js';

type Data = Record<string, any>;
let sampleJson: Data;
const sample = (): Data => structuredClone(sampleJson);
/** One adult and two children naturalised along. */
const withoutSpouse = (): Data => {
  const data = sample();
  data.family.spouse.naturaliseTogether = false;
  return data;
};

before(async () => {
  sampleJson = await (
    await fetch(new URL('../fixtures/einbuergerung-sample.json', import.meta.url))
  ).json();
});

const root = (el: Element) => el.shadowRoot!;
const text = (node: Element | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const id = (kind: string) => `pay_${kind}${'0'.repeat(31)}`;

async function step(
  options: {
    lang?: string;
    paymentId?: string;
    data?: Data;
    definition?: string;
    validator?: string;
  } = {},
): Promise<PaymentStep> {
  const el = await fixture<PaymentStep>(
    html`<payment-step
      definition=${options.definition ?? 'einbuergerung'}
      validator=${options.validator ?? ''}
      endpoint="/api/test-payments"
      lang=${options.lang ?? 'de'}
      payment-id=${options.paymentId ?? ''}
      .data=${options.data ?? withoutSpouse()}
    ></payment-step>`,
  );
  if (!options.validator) el.removeAttribute('validator');
  await waitUntil(() => root(el).querySelector('#payment-heading, [role=alert]'), 'no render', {
    timeout: 5000,
  });
  await el.updateComplete;
  return el;
}

async function settled(el: PaymentStep, phase: RegExp) {
  await waitUntil(() => phase.test(text(root(el).querySelector('[part~="status"]'))), 'no status', {
    timeout: 5000,
  });
  await el.updateComplete;
}

describe('<payment-step>', () => {
  it('itemises the fees from the definition: 1 adult + 2 children = 357,00 €', async () => {
    const el = await step();
    const rows = [...root(el).querySelectorAll('[part="fees"] tbody tr')].map(text);
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('Einbürgerung der antragstellenden Person');
    expect(rows[0]).to.contain('255,00 €');
    expect(rows[1]).to.contain('(2 × 51,00 €)');
    expect(rows[1]).to.contain('102,00 €');
    expect(text(root(el).querySelector('[part="total"]'))).to.equal('Gesamt 357,00 €');
    expect(el.fees!.total).to.equal(35700);
    expect(text(root(el).querySelector('button.pay'))).to.equal('Jetzt bezahlen: 357,00 €');
    // The Einbürgerung policy is optional: paying later is offered.
    expect(root(el).querySelector('button.later')).to.exist;
    await expect(el).shadowDom.to.be.accessible();
  });

  it('takes an amount given directly, without a definition', async () => {
    const el = await fixture<PaymentStep>(
      html`<payment-step
        endpoint="/api/test-payments"
        lang="de"
        amount="2900"
        purpose="Verpflichtungserklärung"
      ></payment-step>`,
    );
    await waitUntil(() => root(el).querySelector('button.pay'));
    expect(text(root(el).querySelector('[part="fees"] tbody'))).to.equal(
      'Verpflichtungserklärung 29,00 €',
    );
    expect(text(root(el).querySelector('button.pay'))).to.equal('Jetzt bezahlen: 29,00 €');
    expect(root(el).querySelector('button.later')).to.equal(null);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('formats amounts for the language', async () => {
    const el = await step({ lang: 'en' });
    await waitUntil(() => text(root(el).querySelector('button.pay')).startsWith('Pay now'));
    expect(text(root(el).querySelector('button.pay'))).to.equal('Pay now: €357.00');
    expect(text(root(el).querySelector('[part="total"]'))).to.equal('Total €357.00');
    // …and follows a change of language on the element, as the other elements do.
    el.setAttribute('lang', 'de');
    await waitUntil(() => text(root(el).querySelector('button.pay')).startsWith('Jetzt bezahlen'));
    expect(text(root(el).querySelector('button.pay'))).to.equal('Jetzt bezahlen: 357,00 €');
  });

  it('refuses to send the citizen to a pay page outside the allowed origins', async () => {
    const el = await step();
    const failed = oneEvent(el, 'payment-failed') as Promise<PaymentFailedEvent>;
    const before = location.href;
    (root(el).querySelector('button.pay') as HTMLButtonElement).click();
    const { detail } = await failed;
    expect(detail.status).to.equal('error');
    await el.updateComplete;
    expect(location.href).to.equal(before);
    expect(text(root(el).querySelector('[role="alert"]'))).to.contain(
      'zugelassenen Zahlungsanbieter',
    );
    await expect(el).shadowDom.to.be.accessible();
  });

  it('asks the endpoint for the verified status of a returned payment: paid', async () => {
    const el = document.createElement('payment-step');
    el.setAttribute('lang', 'de');
    el.setAttribute('definition', 'einbuergerung');
    el.setAttribute('endpoint', '/api/test-payments');
    el.setAttribute('payment-id', id('a'));
    el.data = withoutSpouse();
    const complete = oneEvent(el, 'payment-complete') as Promise<PaymentCompleteEvent>;
    // Typed through GlobalEventHandlersEventMap: `e.detail` needs no cast.
    let referenced: string | undefined;
    el.addEventListener('payment-complete', (e) => (referenced = e.detail.transactionReference));
    document.body.append(el);
    const { detail } = await complete;
    expect(referenced).to.equal('KZ-TEST-2026-000042');
    expect(detail).to.deep.equal({
      id: id('a'),
      amount: 35700,
      currency: 'EUR',
      transactionReference: 'KZ-TEST-2026-000042',
    });
    await settled(el, /bezahlt/);
    expect(text(root(el).querySelector('[part~="status"]'))).to.contain(
      'Kassenzeichen: KZ-TEST-2026-000042',
    );
    await expect(el).shadowDom.to.be.accessible();
    el.remove();
  });

  for (const [kind, status, words] of [
    ['b', 'cancelled', 'abgebrochen'],
    ['c', 'failed', 'fehlgeschlagen'],
  ] as const) {
    it(`says so when the payment was ${status}, and offers to try again or pay later`, async () => {
      const el = await step({ paymentId: id(kind) });
      await settled(el, new RegExp(words));
      expect(root(el).querySelector('[part~="status"]')!.getAttribute('role')).to.equal('alert');
      expect(text(root(el).querySelector('[part~="status"]'))).to.contain('später bezahlen');
      await expect(el).shadowDom.to.be.accessible();
      (root(el).querySelector('button.retry') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(root(el).querySelector('button.pay')).to.exist;
      expect(el.paymentId).to.equal(undefined);
    });
  }

  it('shows a pending payment with the way back to the pay page', async () => {
    const el = await step({ paymentId: id('d') });
    await settled(el, /noch nicht abgeschlossen/);
    expect(root(el).querySelector('button.continue')).to.exist;
    expect(root(el).querySelector('button.refresh')).to.exist;
    await expect(el).shadowDom.to.be.accessible();
  });

  it('back from the provider through the back-forward cache, it asks for the status again', async () => {
    const el = await step({ paymentId: id('d') });
    await settled(el, /noch nicht abgeschlossen/);
    const asked: string[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(input));
      return original(input, init);
    };
    try {
      // A page shown from the cache is not loaded again: only this event says it is back.
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      expect(asked).to.deep.equal([]);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await waitUntil(() => asked.length > 0, 'no status asked for');
      expect(asked[0]).to.match(new RegExp(`/api/test-payments/${id('d')}$`));
      await waitUntil(() => el.payment?.status === 'pending', 'the answer is shown');
    } finally {
      window.fetch = original;
    }
  });

  it('keeps calm when the endpoint cannot be reached', async () => {
    const el = await step({ paymentId: id('e') });
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(root(el).querySelector('[role="alert"]'))).to.contain('gerade nicht abgefragt');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('has nothing to pay for a definition whose fees come to zero', async () => {
    const el = await step({
      definition: '/test/fixtures/quick-check-page.json',
      validator: '/.tmp/quick-check-page.validator.js',
      data: { name: 'Erika' },
    });
    expect(text(root(el).querySelector('[part="base"]'))).to.contain(
      'Für diesen Antrag fällt keine Gebühr an.',
    );
    expect(root(el).querySelector('button.pay')).to.equal(null);
  });
});

describe('<applicant-form> with fees', () => {
  async function review(el: ApplicantForm, data: Data) {
    await waitUntil(() => root(el).querySelector('#step-heading'));
    el.data = data;
    for (let i = 0; i < 10; i++) el.next();
    await el.updateComplete;
    await waitUntil(() => root(el).querySelector('.review'), 'the review did not render');
  }

  /** A form that sends to `endpoint` and pays at the test payments endpoint, at its review. */
  async function payingForm(endpoint: string): Promise<ApplicantForm> {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="einbuergerung"
        lang="de"
        storage="none"
        endpoint=${endpoint}
        payment-endpoint="/api/test-payments"
      ></applicant-form>`,
    );
    await review(el, sample());
    return el;
  }

  /** The payment step inside `el`, once it offers to pay later. */
  async function paymentStep(el: ApplicantForm): Promise<Element> {
    const payment = root(el).querySelector('payment-step')!;
    await waitUntil(() => payment.shadowRoot?.querySelector('button.later'), 'no payment step', {
      timeout: 5000,
    });
    return payment;
  }

  it('goes from the review to the payment, and sends the application when the citizen pays later', async () => {
    const endpoint = `/api/test/later-${Date.now()}/ok`;
    const el = await payingForm(endpoint);
    expect(root(el).querySelector('[part="fee-note"]')).to.equal(null);
    const next = root(el).querySelector('button.to-payment') as HTMLButtonElement;
    expect(text(next)).to.equal('Weiter zur Bezahlung');
    next.click();
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('step-heading');
    expect(text(root(el).querySelector('#step-heading'))).to.equal('Gebühr bezahlen');
    const payment = await paymentStep(el);
    expect(text(payment.shadowRoot!.querySelector('[part="total"]'))).to.equal('Gesamt 612,00 €');
    await expect(el).shadowDom.to.be.accessible();
    (payment.shadowRoot!.querySelector('button.later') as HTMLButtonElement).click();
    await waitUntil(() => root(el).querySelector('.reference'), 'not sent', { timeout: 5000 });
    expect(text(root(el).querySelector('.confirmation'))).to.contain('Gebührenbescheid');
    const received = await (await fetch(endpoint.replace(/ok$/, 'received'))).json();
    expect(received).to.have.length(1);
    expect(received[0].body.payment).to.equal(undefined);
  });

  it('refused by the server from the payment page: the summary shows on the review, focused', async () => {
    const el = await payingForm(`/api/test/paid-refused-${Date.now()}/invalid`);
    (root(el).querySelector('button.to-payment') as HTMLButtonElement).click();
    await el.updateComplete;
    const payment = await paymentStep(el);
    (payment.shadowRoot!.querySelector('button.later') as HTMLButtonElement).click();
    await waitUntil(() => root(el).querySelector('.review .summary'), 'no summary on the review', {
      timeout: 5000,
    });
    await el.updateComplete;
    const summary = root(el).querySelector('.summary')!;
    expect(root(el).activeElement).to.equal(summary);
    expect(text(summary)).to.contain('Dieser Geburtsort ist uns nicht bekannt.');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('holds the redirect until the draft kept on the device holds the payment', async () => {
    localStorage.clear();
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="einbuergerung"
        lang="de"
        storage="session"
        endpoint="/api/none"
        payment-endpoint="/api/test-payments"
      ></applicant-form>`,
    );
    try {
      await review(el, sample());
      (root(el).querySelector('button.to-payment') as HTMLButtonElement).click();
      await waitUntil(() => root(el).querySelector('#remember'));
      (root(el).querySelector('#remember') as HTMLInputElement).click();
      await waitUntil(() => localStorage.getItem(DRAFT), 'nothing kept on the device');
      await new Promise((r) => setTimeout(r, 100));
      const before = localStorage.getItem(DRAFT);
      // What <payment-step> fires just before it sends the citizen to the provider.
      const created = new PaymentCreatedEvent({
        id: id('d'),
        redirectUrl: 'https://pay.example.net/checkout/1',
        amount: 61200,
        currency: 'EUR',
      });
      root(el).querySelector('payment-step')!.dispatchEvent(created);
      await created.settled();
      const iv = (raw: string | null) => JSON.parse(raw ?? '{}').iv as string;
      expect(iv(localStorage.getItem(DRAFT))).not.to.equal(
        iv(before),
        'sealed again before leaving',
      );
      const kept = await sealedDrafts(DRAFT)!.load();
      expect(kept?.paymentId).to.equal(id('d'));
      expect(kept?.stage).to.equal('payment');
    } finally {
      el.remove();
      sessionStorage.clear();
      await sealedDrafts(DRAFT)!.remove();
      localStorage.clear();
    }
  });

  it('a payment-created listener’s waitUntil holds the redirect, at most for the time given', async () => {
    const created = new PaymentCreatedEvent({
      id: id('d'),
      redirectUrl: 'https://pay.example.net/checkout/1',
      amount: 100,
      currency: 'EUR',
    });
    let saved = false;
    created.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => (saved = true)));
    await created.settled();
    expect(saved).to.equal(true);
    created.waitUntil(new Promise(() => undefined)); // never settles
    const start = performance.now();
    await created.settled(100);
    expect(performance.now() - start).to.be.within(90, 1000);
  });

  it('without a payment endpoint, says on the review what the fee comes to', async () => {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="einbuergerung"
        lang="de"
        storage="none"
        endpoint="/api/none"
      ></applicant-form>`,
    );
    await review(el, sample());
    expect(root(el).querySelector('button.to-payment')).to.equal(null);
    expect(text(root(el).querySelector('[part="fee-note"]'))).to.contain('612,00 €');
  });

  it('sends the application straight away when its fees come to zero', async () => {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="/test/fixtures/quick-check-page.json"
        validator="/.tmp/quick-check-page.validator.js"
        lang="de"
        storage="none"
        endpoint="/api/none"
        payment-endpoint="/api/test-payments"
      ></applicant-form>`,
    );
    await review(el, { name: 'Erika' });
    expect(root(el).querySelector('button.to-payment')).to.equal(null);
    expect(text(root(el).querySelector('.review [part="actions"] button'))).to.equal(
      'Antrag verbindlich absenden',
    );
  });
});

describe('<applicant-form> with documents', () => {
  const ids = (el: ApplicantForm) =>
    [...root(el).querySelectorAll('document-upload')].map((d) => d.getAttribute('document'));

  /** The Einbürgerung form with an upload endpoint, the sample answered, at its first step. */
  async function documentsForm(): Promise<ApplicantForm> {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="einbuergerung"
        lang="de"
        storage="none"
        endpoint="/api/none"
        upload-endpoint="/api/uploads-none"
      ></applicant-form>`,
    );
    await waitUntil(() => root(el).querySelector('#step-heading'));
    el.data = sample();
    return el;
  }

  it('reports each stage by its own id: entering, leaving and entering the documents page again', async () => {
    const el = await documentsForm();
    const changes: { from: string; to: string; stepId: string }[] = [];
    el.addEventListener('step-change', (e) => changes.push(e.detail));
    for (let i = 0; i < 7; i++) el.next();
    await waitUntil(() => text(root(el).querySelector('#step-heading')) === 'Unterlagen hochladen');
    expect(el.stage).to.equal('documents');
    // Every required document "uploaded": the documents page lets the citizen on to the review.
    const file = {
      id: 'u',
      name: 'scan.pdf',
      type: 'application/pdf',
      size: 1,
      sha256: 'a'.repeat(64),
    };
    el.documents = Object.fromEntries(ids(el).map((id) => [id, [file]]));
    await el.updateComplete;
    (root(el).querySelector('.documents button.next') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(root(el).querySelector('.summary')).to.equal(null);
    expect(el.stage).to.equal('review');
    el.back();
    await el.updateComplete;
    expect(text(root(el).querySelector('#step-heading'))).to.equal('Unterlagen hochladen');
    expect(changes.slice(6)).to.deep.equal([
      { from: 'step:6', to: 'documents', stepId: 'documents' },
      { from: 'documents', to: 'review', stepId: 'review' },
      { from: 'review', to: 'documents', stepId: 'documents' },
    ]);
    expect(changes[0]).to.deep.equal({ from: 'step:0', to: 'step:1', stepId: 'residence' });
  });

  it('asks for the documents the answers call for, before the review, and says which are missing', async () => {
    const el = await documentsForm();
    for (let i = 0; i < 7; i++) el.next();
    // The pages after the last step load while the citizen answers (here: maybe just now).
    await waitUntil(() => text(root(el).querySelector('#step-heading')) === 'Unterlagen hochladen');
    // The documents page counts as a step of its own; the review is the last.
    expect(text(root(el).querySelector('.progress'))).to.equal('Schritt 8 von 9');
    expect(ids(el)).to.deep.equal([
      'reisepass',
      'aufenthaltstitel',
      'geburtsurkunde',
      'heiratsurkunde',
      'sprachzertifikat',
      'einbuergerungstest',
      'gehaltsnachweise',
    ]);
    await waitUntil(() =>
      root(el).querySelector('document-upload')!.shadowRoot?.querySelector('label'),
    );
    await expect(el).shadowDom.to.be.accessible();

    // Nothing uploaded: the summary names every required document and links to its picker.
    (root(el).querySelector('.documents button.next') as HTMLButtonElement).click();
    await el.updateComplete;
    const summary = root(el).querySelector('.summary')!;
    expect(root(el).activeElement).to.equal(summary);
    expect(summary.querySelectorAll('li')).to.have.length(7);
    expect(text(summary.querySelector('li'))).to.equal('Bitte laden Sie hoch: Reisepass');
    await expect(el).shadowDom.to.be.accessible();

    // Divorced and no longer employed: no marriage certificate, no pay slips.
    (root(el).querySelector('.documents button.secondary') as HTMLButtonElement).click();
    const data = el.data as Data;
    data.family.maritalStatus = 'divorced';
    data.livelihood.employmentStatus = 'retired';
    el.data = data;
    el.next();
    await el.updateComplete;
    expect(text(root(el).querySelector('.progress'))).to.equal('Schritt 8 von 9');
    expect(ids(el)).to.not.include('heiratsurkunde');
    expect(ids(el)).to.not.include('gehaltsnachweise');
    expect(ids(el)).to.include('reisepass');
  });
});
