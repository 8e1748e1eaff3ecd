import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';

/** A definition given by URL with its precompiled validator (`npm run test:browser` writes it). */
async function form(name: string): Promise<ApplicantForm> {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      lang="de"
      storage="none"
      definition="/test/fixtures/${name}.json"
      validator="/.tmp/${name}.validator.js"
    ></applicant-form>`,
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('#step-heading, .definition-error'),
    'form did not render',
    { timeout: 5000 },
  );
  await el.updateComplete;
  expect(el.shadowRoot!.querySelector('.definition-error')?.textContent ?? '').to.equal('');
  return el;
}

/** The box of the question labelled `title` (a label's or a legend's text). */
function box(el: ApplicantForm, title: string): HTMLElement {
  const label = [...el.shadowRoot!.querySelectorAll('label, legend')].find(
    (l) => l.textContent!.trim() === title,
  );
  if (!label) throw new Error(`No question "${title}"`);
  return label.closest<HTMLElement>('.field')!;
}

describe('the control registry', () => {
  // test/fixtures/choices.json: one question per case.
  for (const [title, count] of [
    ['Enum aus sieben', 7],
    ['oneOf aus sieben', 7],
    ['oneOf aus zwanzig ohne type', 20],
    ['Zahlen aus sieben', 7],
    ['Drei als Auswahlliste', 3],
  ] as const) {
    it(`renders “${title}” as a select, never a text box`, async () => {
      const field = box(await form('choices'), title);
      expect(field.querySelectorAll('input').length).to.equal(0, 'no input');
      const select = field.querySelector('select');
      expect(select?.options.length).to.equal(count + 1, 'the choices and “Bitte auswählen”');
    });
  }

  for (const [title, count] of [
    ['Enum aus sechs', 6],
    ['oneOf aus zwei', 2],
    ['Sieben als Radios', 7],
  ] as const) {
    it(`renders “${title}” as radios`, async () => {
      const field = box(await form('choices'), title);
      expect(field.querySelectorAll('select').length).to.equal(0, 'no select');
      expect(field.querySelectorAll('input[type="radio"]').length).to.equal(count);
      expect(field.querySelectorAll('input:not([type="radio"])').length).to.equal(0);
    });
  }
});
