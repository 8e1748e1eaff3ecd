import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';

it('renders the first step', async () => {
  const el = await fixture<ApplicantForm>(html`<applicant-form definition="einbuergerung" storage="none"></applicant-form>`);
  await new Promise((r) => setTimeout(r, 500));
  await el.updateComplete;
  console.log(el.shadowRoot!.innerHTML.length);
  expect(el.shadowRoot!.querySelector('#step-heading')!.textContent).to.equal('Angaben zur Person');
  await expect(el).shadowDom.to.be.accessible();
});
