import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import type { SubmitSuccessEvent } from '../../src/elements/applicant-form/events.js';
import { controlFor, controls } from '../../src/elements/shared/controls.js';
import { clearTextDraft, DRAFT, keptKey, localStrings } from './support/device-drafts.js';

type Data = Record<string, any>;
let sampleJson: Data;
const sample = (): Data => structuredClone(sampleJson);

before(async () => {
  sampleJson = await (
    await fetch(new URL('../fixtures/einbuergerung-sample.json', import.meta.url))
  ).json();
});
const STEPS = 7;

let scenarioCounter = 0;
function scenario(mode: string): { endpoint: string; received: () => Promise<any[]> } {
  const id = `s${Date.now()}-${scenarioCounter++}`;
  return {
    endpoint: `/api/test/${id}/${mode}`,
    received: async () => (await fetch(`/api/test/${id}/received`)).json(),
  };
}

async function ready(el: ApplicantForm): Promise<void> {
  await waitUntil(
    () => el.shadowRoot!.querySelector('#step-heading, .definition-error'),
    'form did not render',
    {
      timeout: 5000,
    },
  );
  await el.updateComplete;
}

async function form(
  options: { lang?: string; endpoint?: string; storage?: string; data?: Data } = {},
) {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      definition="einbuergerung"
      lang=${options.lang ?? 'de'}
      endpoint=${options.endpoint ?? '/api/none'}
      storage=${options.storage ?? 'none'}
    ></applicant-form>`,
  );
  el.retryPolicy = { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 3, timeoutMs: 5000 };
  await ready(el);
  if (options.data) el.data = options.data;
  await el.updateComplete;
  return el;
}

const root = (el: ApplicantForm) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: ApplicantForm, selector: string) =>
  root(el).querySelector<T & HTMLElement>(selector);
const heading = (el: ApplicantForm) => $(el, '#step-heading')!.textContent!.trim();
const inputByLabel = (el: ApplicantForm, label: string) => {
  const labelEl = [...root(el).querySelectorAll('label')].find(
    (l) => l.textContent!.replace('*', '').trim() === label,
  );
  if (!labelEl) throw new Error(`No label "${label}"`);
  return root(el).getElementById(labelEl.htmlFor) as HTMLInputElement;
};
const radio = (el: ApplicantForm, group: string, option: string) => {
  const fieldset = [...root(el).querySelectorAll('fieldset')].find(
    (f) => f.querySelector('legend')!.textContent!.replace('*', '').trim() === group,
  );
  if (!fieldset) throw new Error(`No group "${group}"`);
  const label = [...fieldset.querySelectorAll('.option label')].find(
    (l) => l.textContent!.trim() === option,
  )!;
  return root(el).getElementById((label as HTMLLabelElement).htmlFor) as HTMLInputElement;
};
const buttonByText = (el: ApplicantForm, text: string) => {
  const button = [...root(el).querySelectorAll('button')].find(
    (b) => b.textContent!.replace(/\s+/g, ' ').trim() === text,
  );
  if (!button) throw new Error(`No button "${text}"`);
  return button;
};

async function type(input: HTMLInputElement, value: string) {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function next(el: ApplicantForm) {
  root(el).querySelector<HTMLButtonElement>('button.next')!.click();
  await el.updateComplete;
  await el.updateComplete;
  // The review's code loads while the citizen answers; on a busy machine it may arrive just now.
  await waitUntil(() => $(el, '#step-heading'), 'the next page did not render');
}

async function toReview(el: ApplicantForm) {
  for (let i = 0; i < STEPS; i++) await next(el);
  await el.updateComplete;
  expect(el.step).to.equal(STEPS);
}

/** One step of 60 required text questions (test/fixtures/long-step.json): runs of 16, 16, 16, 12. */
async function longForm() {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      storage="none"
      endpoint="/api/none"
      definition="/test/fixtures/long-step.json"
      validator="/.tmp/long-step.validator.js"
    ></applicant-form>`,
  );
  await ready(el);
  expect($(el, '.definition-error')?.textContent ?? '').to.equal('');
  return el;
}

describe('<applicant-form>', () => {
  afterEach(() => sessionStorage.clear());

  describe('accessibility', () => {
    it('shows the required nationality list with its first entry to fill in, and asks none of a stateless person', async () => {
      // Regression: the list started empty behind "Weitere Staatsangehörigkeit hinzufügen", and its
      // hint said to write "staatenlos" although the step has a "staatenlos" status.
      const el = await form();
      const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ');
      const list = () => $(el, 'fieldset.list')!;
      const entries = () => list().querySelectorAll(':scope > fieldset.item');
      expect(entries()).to.have.length(1);
      expect(text(list())).not.to.contain('staatenlos');
      // The one entry it must have is not removed; the data holds nothing until it is answered.
      expect(list().querySelector('[part="remove-button"]')).to.equal(null);
      expect((el.data as Data).person).to.equal(undefined);
      // Moving on without it: the list says what is missing.
      await next(el);
      await waitUntil(
        () => text(list()).includes('Bitte geben Sie Ihre Staatsangehörigkeit an.'),
        'the list says what is missing',
      );
      await expect(el).shadowDom.to.be.accessible();
      // Typed into, it is the list's first entry.
      const input = entries()[0]!.querySelector('input')!;
      await type(input, 'Türkei');
      await el.updateComplete;
      expect((el.data as Data).person.nationalities).to.deep.equal([{ country: 'Türkei' }]);
      expect(Array.isArray((el.data as Data).person.nationalities)).to.equal(true);
      // A second one is added (and can be removed), labelled as an addition to the first.
      const add = list().querySelector<HTMLButtonElement>('[part="add-button"]')!;
      expect(text(add).trim()).to.equal('Staatsangehörigkeit hinzufügen');
      add.click();
      await el.updateComplete;
      expect(entries()).to.have.length(2);
      expect(list().querySelectorAll('[part="remove-button"]')).to.have.length(2);
      // Stateless: the status says it, the list is not asked.
      const data = el.data as Data;
      el.data = { ...data, person: { ...data.person, specialStatus: 'stateless' } };
      await el.updateComplete;
      expect($(el, 'fieldset.list')).to.equal(null);
    });

    it('has no axe violations on any step, the review and the confirmation', async () => {
      const { endpoint } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      for (let i = 0; i < STEPS; i++) {
        try {
          await expect(el).shadowDom.to.be.accessible();
        } catch (error) {
          throw new Error(`step ${i}: ${(error as Error).message}`, { cause: error });
        }
        await next(el);
      }
      expect(heading(el)).to.equal('Angaben prüfen und absenden');
      await expect(el).shadowDom.to.be.accessible();
      const success = oneEvent(el, 'submit-success');
      buttonByText(el, 'Antrag verbindlich absenden').click();
      await success;
      await el.updateComplete;
      expect(heading(el)).to.equal('Ihr Antrag ist eingegangen.');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('has no axe violations with errors shown', async () => {
      const el = await form();
      await next(el);
      expect($(el, '.summary')).to.exist;
      await expect(el).shadowDom.to.be.accessible();
    });

    it('links labels, hints and errors and marks required fields in text', async () => {
      const el = await form();
      const input = inputByLabel(el, 'Familienname');
      expect(input.getAttribute('autocomplete')).to.equal('family-name');
      expect(input.getAttribute('aria-required')).to.equal('true');
      const label = root(el).querySelector(`label[for="${input.id}"]`)!;
      // The asterisk is for the eye (generated content without alternative text); the control
      // itself tells screen readers.
      expect(getComputedStyle(label, '::after').content).to.equal('" *" / ""');
      const optional = inputByLabel(el, 'Geburtsname');
      expect(optional.hasAttribute('aria-required')).to.equal(false);
      const optionalLabel = root(el).querySelector(`label[for="${optional.id}"]`)!;
      expect(getComputedStyle(optionalLabel, '::after').content).to.equal('none');
      expect(root(el).textContent).to.contain('Pflichtangaben sind mit * markiert.');
      await next(el);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const describedBy = input.getAttribute('aria-describedby')!.split(' ');
      const error = root(el).getElementById(`${input.id}-error`)!;
      expect(describedBy).to.include(error.id);
      expect(error.textContent).to.contain('Bitte geben Sie Ihren Familiennamen an.');
      expect(inputByLabel(el, 'Geburtsdatum').getAttribute('autocomplete')).to.equal('bday');
    });
  });

  describe('steps and navigation', () => {
    it('shows the progress and every step with its heading, focusing the heading', async () => {
      const el = await form({ data: sample() });
      const titles: string[] = [];
      for (let i = 0; i < STEPS; i++) {
        expect($(el, '.progress')!.textContent).to.contain(`Schritt ${i + 1} von ${STEPS + 1}`);
        titles.push(heading(el));
        await next(el);
        expect(root(el).activeElement?.id).to.equal('step-heading');
      }
      expect(titles).to.deep.equal([
        'Angaben zur Person',
        'Wohnsitz und Aufenthalt',
        'Familie',
        'Sprache und Einbürgerungstest',
        'Lebensunterhalt',
        'Strafrechtliches',
        'Erklärungen',
      ]);
    });

    it('fires step-change and goes back without validating', async () => {
      const el = await form({ data: sample() });
      const change = oneEvent(el, 'step-change');
      await next(el);
      const event = await change;
      expect(event.detail).to.deep.equal({ from: 'step:0', to: 'step:1', stepId: 'residence' });
      el.data = { ...el.data, person: {} };
      buttonByText(el, 'Zurück').click();
      await el.updateComplete;
      expect(el.step).to.equal(0);
      expect($(el, '.summary')).to.equal(null);
    });
  });

  describe('public surface', () => {
    it('fires ready once the first step shows, and data-change for every answer', async () => {
      const el = document.createElement('applicant-form');
      el.setAttribute('lang', 'de');
      el.setAttribute('storage', 'none');
      el.setAttribute('definition', 'einbuergerung');
      const ready = oneEvent(el, 'ready');
      document.body.append(el);
      try {
        await ready;
        expect(heading(el)).to.equal('Angaben zur Person');
        const change = oneEvent(el, 'data-change');
        const input = $<HTMLInputElement>(el, 'input[autocomplete="family-name"]')!;
        input.focus();
        await sendKeys({ type: 'Ö' });
        const event = await change;
        expect(event.detail).to.deep.equal({
          pointer: '/person/familyName',
          value: 'Ö',
          committed: false,
        });
        expect((el.data as Data).person.familyName).to.equal('Ö');
      } finally {
        el.remove();
      }
    });

    it('validate() lists every error in step order without showing one or moving on', async () => {
      const el = await form();
      expect(el.validate().length).to.be.greaterThan(10);
      const data = sample();
      data.person.email = 'nope';
      data.livelihood = {};
      el.data = data;
      const errors = el.validate();
      expect(errors[0]).to.include({ pointer: '/person/email', keyword: 'format' });
      expect(errors[0]!.message).to.contain('E-Mail-Adresse');
      expect(errors.slice(1).every((e) => e.pointer.startsWith('/livelihood/'))).to.equal(true);
      await el.updateComplete;
      expect(el.stage).to.equal('step:0');
      expect($(el, '.summary')).to.equal(null);
      expect($(el, '[aria-invalid="true"]')).to.equal(null);
      el.data = sample();
      expect(el.validate()).to.deep.equal([]);
    });
  });

  describe('validation', () => {
    it('shows an error summary on Next whose links move focus to the fields', async () => {
      const el = await form();
      await next(el);
      expect(el.step).to.equal(0);
      const summary = $(el, '.summary')!;
      expect(root(el).activeElement).to.equal(summary);
      const links = [...summary.querySelectorAll('a')];
      expect(links.length).to.be.greaterThan(4);
      expect(links[0]!.textContent).to.equal('Bitte geben Sie Ihren Familiennamen an.');
      const birthDate = links.find(
        (a) => a.textContent === 'Bitte geben Sie Ihr Geburtsdatum an.',
      )!;
      birthDate.click();
      expect(root(el).activeElement).to.equal(inputByLabel(el, 'Geburtsdatum'));
      for (const a of links) expect(a.textContent).not.to.match(/must|should|NOT/);
    });

    it('uses the definition’s message for a pattern and removes the error once fixed', async () => {
      const data = sample();
      data.residence.postalCode = '1234';
      const el = await form({ data });
      await next(el);
      await next(el);
      expect(el.step).to.equal(1);
      const postalCode = inputByLabel(el, 'Postleitzahl');
      expect(root(el).getElementById(`${postalCode.id}-error`)!.textContent).to.contain(
        'Die Postleitzahl hat 5 Ziffern.',
      );
      postalCode.value = '90429';
      postalCode.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      expect(root(el).getElementById(`${postalCode.id}-error`)).to.equal(null);
      expect(postalCode.hasAttribute('aria-invalid')).to.equal(false);
    });

    it('re-renders only the field being typed into', async () => {
      const el = await form();
      // A control that counts its renders and draws like the built-in one (the registry is public).
      const renders = new Map<string, number>();
      el.controls = [
        ...controls,
        {
          name: 'counting',
          rank: (field) => (field.type === 'string' ? 99 : 0),
          render: (field, host) => {
            renders.set(field.pointer, (renders.get(field.pointer) ?? 0) + 1);
            return controlFor(field, controls, host.context)!.render(field, host);
          },
        },
      ];
      await el.updateComplete;
      await next(el);
      const before = new Map(renders);
      const input = inputByLabel(el, 'Familienname');
      for (const value of ['Y', 'Yı', 'Yıl']) {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await el.updateComplete;
      }
      expect(root(el).getElementById(`${input.id}-error`)).to.equal(null, 'its error went away');
      const changed = [...renders].filter(([pointer, count]) => before.get(pointer) !== count);
      expect(changed.map(([pointer]) => pointer)).to.deep.equal(['/person/familyName']);
    });

    it('validates a field when it is changed, not while the citizen tabs through', async () => {
      const el = await form();
      const email = inputByLabel(el, 'E-Mail-Adresse');
      email.focus();
      inputByLabel(el, 'Familienname').focus();
      await el.updateComplete;
      expect(root(el).querySelectorAll('.error').length).to.equal(0);
      await type(email, 'ayse@');
      await el.updateComplete;
      expect(root(el).getElementById(`${email.id}-error`)!.textContent).to.contain('E-Mail');
    });
  });

  describe('conditional questions', () => {
    it('shows spouse questions only when married, and does not submit hidden answers', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      await next(el);
      await next(el);
      expect(heading(el)).to.equal('Familie');
      const spouseLegend = () =>
        [...root(el).querySelectorAll('fieldset.group > legend')].find((l) =>
          l.textContent!.includes('Ehegatte'),
        );
      expect(spouseLegend()).to.exist;
      expect(
        inputByLabel(el, 'Datum der Eheschließung oder der Begründung der Lebenspartnerschaft'),
      ).to.exist;
      radio(el, 'Familienstand', 'ledig').click();
      await el.updateComplete;
      expect(spouseLegend()).to.equal(undefined);
      radio(el, 'Familienstand', 'verheiratet').click();
      await el.updateComplete;
      expect(spouseLegend(), 'answers come back when the branch applies again').to.exist;
      radio(el, 'Familienstand', 'geschieden').click();
      await el.updateComplete;
      for (let i = 2; i < STEPS; i++) await next(el);
      const success = oneEvent(el, 'submit-success');
      buttonByText(el, 'Antrag verbindlich absenden').click();
      await success;
      const [request] = await received();
      expect(request.body.data.family.maritalStatus).to.equal('divorced');
      expect(request.body.data.family).not.to.have.property('spouse');
      expect(request.body.data.family).not.to.have.property('marriageDate');
      expect(request.body.data.family.children).to.have.length(2);
    });
  });

  describe('lists', () => {
    it('adds and removes children with focus managed and announced', async () => {
      const data = sample();
      data.family.children = [data.family.children[0]];
      const el = await form({ data });
      await next(el);
      await next(el);
      const add = buttonByText(el, 'Kind hinzufügen');
      add.click();
      await el.updateComplete;
      await el.updateComplete;
      const items = root(el).querySelectorAll('fieldset.item');
      expect(items.length).to.equal(2);
      expect(items[1]!.querySelector('legend')!.textContent).to.equal('Kind 2');
      expect(root(el).activeElement).to.equal(items[1]!.querySelector('input'));
      await waitUntil(() =>
        $(el, '[role="status"][aria-live]')!.textContent!.includes('Kind 2 hinzugefügt.'),
      );
      buttonByText(el, 'Kind 1 entfernen').click();
      await el.updateComplete;
      await el.updateComplete;
      expect(root(el).querySelectorAll('fieldset.item').length).to.equal(1);
      expect(root(el).activeElement).to.equal(root(el).querySelector('fieldset.item input'));
      expect(((el.data as Data).family.children as unknown[]).length).to.equal(1);
      expect((el.data as Data).family.children[0]).to.deep.equal(
        {},
        'the new, empty child is the one left',
      );
      await waitUntil(() =>
        $(el, '[role="status"][aria-live]')!.textContent!.includes('Kind 1 entfernt.'),
      );
    });
  });

  describe('review', () => {
    it('lists every answer by step, with one change link per step back to its questions', async () => {
      const el = await form({ data: sample() });
      await toReview(el);
      const review = $(el, '.review')!;
      expect(review.textContent).to.contain('Yılmaz');
      expect(review.textContent).to.contain('17. April 1988');
      expect(review.textContent).to.contain('Niederlassungserlaubnis');
      expect(review.textContent).to.contain('Kind 2');
      const sections = [...review.querySelectorAll('section')];
      const changes = [...review.querySelectorAll('button')].filter((b) =>
        b.textContent!.includes('Ändern'),
      );
      // One per step, named by the step, not one per answer.
      expect(changes.length).to.equal(sections.length);
      expect(review.querySelectorAll('dt').length).to.be.greaterThan(changes.length * 2);
      const change = changes.find((b) =>
        b.textContent!.replace(/\s+/g, ' ').includes('Ändern: Angaben zur Person'),
      )!;
      change.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(0);
      expect(root(el).activeElement).to.equal(inputByLabel(el, 'Familienname'));
      await next(el);
      expect(el.step).to.equal(STEPS, 'back to the review after the change');
    });

    it('stays short on a phone: label above value, no button per answer', async () => {
      await setViewport({ width: 360, height: 800 });
      try {
        const el = await form({ data: sample() });
        await toReview(el);
        const rows = [...root(el).querySelectorAll<HTMLElement>('.review .row')];
        const heights = rows.map((r) => r.getBoundingClientRect().height);
        // A row is its label and value: about two lines, not three with a button.
        const median = heights.sort((a, b) => a - b)[Math.floor(heights.length / 2)]!;
        expect(median).to.be.below(60);
        expect(root(el).querySelector('.review')!.scrollWidth).to.be.at.most(360);
        await expect(el).shadowDom.to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('submission', () => {
    it('POSTs JSON with an Idempotency-Key and shows the reference', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample(), lang: 'de' });
      el.headers = { 'x-tenant': 'nuernberg' };
      await toReview(el);
      const success = oneEvent(el, 'submit-success') as Promise<SubmitSuccessEvent>;
      buttonByText(el, 'Antrag verbindlich absenden').click();
      const event = await success;
      expect(event.detail.reference).to.equal('EB-2026-000123');
      const [request, ...more] = await received();
      expect(more).to.have.length(0);
      expect(request.method).to.equal('POST');
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
      expect(request.headers['x-tenant']).to.equal('nuernberg');
      expect(request.headers).not.to.have.property('x-csrf-token');
      expect(request.body.definition).to.deep.equal({ id: 'einbuergerung', version: '1.0.0' });
      expect(request.body.locale).to.equal('de');
      expect(request.body.data).to.deep.equal(sample());
      await el.updateComplete;
      expect($(el, '.reference')!.textContent).to.equal('EB-2026-000123');
      expect(root(el).activeElement?.id).to.equal('step-heading');
    });

    it('sends one application for a double click', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const button = buttonByText(el, 'Antrag verbindlich absenden');
      let successes = 0;
      el.addEventListener('submit-success', () => successes++);
      button.click();
      button.click();
      void el.submit();
      await waitUntil(() => successes > 0);
      await new Promise((r) => setTimeout(r, 100));
      expect(successes).to.equal(1);
      expect(await received()).to.have.length(1);
    });

    it('sends one application when a before-submit listener submits again', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      let asked = 0;
      const again: Promise<void>[] = [];
      el.addEventListener('before-submit', () => {
        asked++;
        again.push(el.submit());
      });
      let successes = 0;
      el.addEventListener('submit-success', () => successes++);
      await el.submit();
      await Promise.all(again);
      await new Promise((r) => setTimeout(r, 100));
      expect(asked).to.equal(1);
      expect(successes).to.equal(1);
      expect(await received()).to.have.length(1, 'exactly one POST');
    });

    it('sends nothing more after the application was accepted', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      let successes = 0;
      el.addEventListener('submit-success', () => successes++);
      await el.submit();
      expect(successes).to.equal(1);
      await el.updateComplete;
      expect(heading(el)).to.equal('Ihr Antrag ist eingegangen.');
      // A script (or a host's button) calls submit() again, also with answers set anew.
      await el.submit();
      el.data = sample();
      await el.submit();
      await new Promise((r) => setTimeout(r, 100));
      expect(await received()).to.have.length(1, 'exactly one POST');
      expect(successes).to.equal(1);
      await el.updateComplete;
      expect(heading(el)).to.equal('Ihr Antrag ist eingegangen.');
      expect(sessionStorage.length).to.equal(0, 'no draft kept again');
    });

    it('retries after a 503 with the same Idempotency-Key and succeeds once', async () => {
      const { endpoint, received } = scenario('flaky');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      let successes = 0;
      el.addEventListener('submit-success', () => successes++);
      await el.submit();
      const requests = await received();
      expect(requests).to.have.length(2);
      expect(requests[0].headers['idempotency-key']).to.equal(
        requests[1].headers['idempotency-key'],
      );
      expect(successes).to.equal(1);
    });

    it('announces a retry in 1 second in the singular, and the reference once accepted', async () => {
      const { endpoint } = scenario('flaky');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const said: string[] = [];
      const region = $(el, '[role="status"][aria-live="polite"]')!;
      const observer = new MutationObserver(() => said.push(region.textContent!.trim()));
      observer.observe(region, { childList: true, subtree: true, characterData: true });
      await el.submit();
      await el.updateComplete;
      await el.updateComplete;
      observer.disconnect();
      expect(said).to.include('Die Verbindung ist gestört. Neuer Versuch in 1 Sekunde …');
      expect(said.join('|')).not.to.contain('1 Sekunden');
      // The confirmation's live region says it arrived, not that it is being sent.
      const live = $(el, '[role="status"][aria-live="polite"]')!.textContent!.trim();
      expect(live).to.equal('Ihr Antrag ist eingegangen. Vorgangsnummer: EB-2026-000123');
    });

    it('retries a 409 (the same key still in progress) with the same key and succeeds once', async () => {
      const { endpoint, received } = scenario('in-progress-once');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      let successes = 0;
      el.addEventListener('submit-success', () => successes++);
      await el.submit();
      const requests = await received();
      expect(requests).to.have.length(2);
      expect(requests[1].headers['idempotency-key']).to.equal(
        requests[0].headers['idempotency-key'],
      );
      expect(successes).to.equal(1);
      await el.updateComplete;
      expect($(el, '.reference')!.textContent).to.equal('EB-2026-000123');
    });

    it('a 409 that outlasts the retries is a temporary failure, every answer kept', async () => {
      const { endpoint, received } = scenario('in-progress');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      expect((await failed).detail).to.deep.equal({ ok: false, kind: 'server', status: 409 });
      expect(await received()).to.have.length(3, 'every attempt of the retry policy');
      await el.updateComplete;
      const status = $(el, '.status.failure')!;
      expect(status.textContent).to.contain('nicht erreichbar');
      expect(status.textContent).not.to.contain('nicht angenommen');
      expect(el.data).to.deep.equal(sample());
      expect(el.step).to.equal(STEPS);
      await expect(el).shadowDom.to.be.accessible();
    });

    it('maps 422 problem details into the summary, focused, and its link onto the field', async () => {
      const { endpoint } = scenario('invalid');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      expect((await failed).detail.kind).to.equal('validation');
      await el.updateComplete;
      await el.updateComplete;
      const summary = $(el, '.summary')!;
      expect(root(el).activeElement).to.equal(summary);
      expect(summary.textContent).to.contain('Dieser Geburtsort ist uns nicht bekannt.');
      summary.querySelector('a')!.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(0);
      const birthPlace = inputByLabel(el, 'Geburtsort');
      expect(root(el).activeElement).to.equal(birthPlace);
      expect(birthPlace.getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).getElementById(`${birthPlace.id}-error`)!.textContent).to.contain(
        'Dieser Geburtsort ist uns nicht bekannt.',
      );
    });

    it('lists every problem the server names, in either pointer form, each linked to its step', async () => {
      const { endpoint } = scenario('invalid-mixed');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      const { detail } = await failed;
      expect(
        detail.kind === 'validation' && detail.errors.map((e: { pointer: string }) => e.pointer),
      ).to.deep.equal(['/person/birthDate', '/residence/postalCode', '/aktenzeichen']);
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(STEPS, 'the citizen stays on the review');
      const summary = $(el, '.summary')!;
      expect(root(el).activeElement).to.equal(summary);
      const items = [...summary.querySelectorAll('li')];
      expect(items.map((li) => li.textContent!.trim())).to.deep.equal([
        'Das Geburtsdatum passt nicht zum Pass.',
        'Diese Postleitzahl gehört nicht zu uns.',
        'Bitte wenden Sie sich an die Behörde.',
      ]);
      expect(items.map((li) => li.querySelector('a') !== null)).to.deep.equal([true, true, false]);
      await expect(el).shadowDom.to.be.accessible();
      // The second names a question on the second step: the link goes there.
      items[1]!.querySelector('a')!.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(1);
      const postalCode = inputByLabel(el, 'Postleitzahl');
      expect(root(el).activeElement).to.equal(postalCode);
      expect(postalCode.getAttribute('aria-invalid')).to.equal('true');
      // The summary comes along, every entry in it, and the first still leads to its step.
      const again = $(el, '.summary')!;
      expect(again.querySelectorAll('li').length).to.equal(3);
      again.querySelector('a')!.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(0);
      expect(root(el).activeElement).to.equal(inputByLabel(el, 'Geburtsdatum'));
      await expect(el).shadowDom.to.be.accessible();
    });

    it('a 419 (page expired) keeps every answer and sends again, not a rejection', async () => {
      const { endpoint, received } = scenario('expired');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      expect((await failed).detail).to.deep.equal({ ok: false, kind: 'auth', status: 419 });
      await el.updateComplete;
      const status = $(el, '.status.failure')!;
      expect(status.textContent).to.contain('Sitzung ist abgelaufen');
      expect(status.textContent).not.to.contain('nicht angenommen');
      expect(el.data).to.deep.equal(sample());
      const success = oneEvent(el, 'submit-success');
      buttonByText(el, 'Erneut senden').click();
      await success;
      const [first, second] = await received();
      expect(second.headers['idempotency-key']).to.equal(first.headers['idempotency-key']);
    });

    it('an unknown definition version asks to reload the page, not to check the answers', async () => {
      const { endpoint } = scenario('outdated');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      expect((await failed).detail.kind).to.equal('outdated');
      await el.updateComplete;
      const status = $(el, '.status.failure')!;
      expect(status.textContent).to.contain('laden Sie die Seite neu');
      expect(status.textContent).not.to.contain('prüfen Sie Ihre Angaben');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('keeps every answer when the network is down and sends again with the same key', async () => {
      const down = scenario('down');
      const el = await form({ endpoint: down.endpoint, data: sample(), storage: 'session' });
      await toReview(el);
      const failed = oneEvent(el, 'submit-error');
      await el.submit();
      expect((await failed).detail.kind).to.equal('network');
      await el.updateComplete;
      const status = $(el, '.status.failure')!;
      expect(status.textContent).to.contain('keine Verbindung');
      expect(status.getAttribute('role')).to.equal('alert');
      expect(el.data).to.deep.equal(sample());
      expect(el.step).to.equal(STEPS);
      const [first] = await down.received();
      const ok = scenario('ok');
      el.endpoint = ok.endpoint;
      const success = oneEvent(el, 'submit-success');
      buttonByText(el, 'Erneut senden').click();
      await success;
      const [second] = await ok.received();
      expect(second.headers['idempotency-key']).to.equal(first.headers['idempotency-key']);
      expect(sessionStorage.length).to.equal(0, 'nothing left after a successful submit');
    });

    it('never shows an HTML error page from a proxy', async () => {
      const { endpoint } = scenario('proxy-error');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      await el.submit();
      await el.updateComplete;
      expect(root(el).textContent).not.to.contain('Bad Gateway');
      expect($(el, '.status.failure')!.textContent).to.contain('nicht erreichbar');
    });

    it('lets the host stop or extend the submission in before-submit', async () => {
      const { endpoint, received } = scenario('ok');
      const el = await form({ endpoint, data: sample() });
      await toReview(el);
      el.addEventListener('before-submit', (e) => e.preventDefault(), { once: true });
      await el.submit();
      expect(await received()).to.have.length(0);
      el.addEventListener(
        'before-submit',
        (e) => {
          e.detail.submission.data.caseworker = 'intern';
          e.detail.headers['x-extra'] = '1';
        },
        { once: true },
      );
      await el.submit();
      const [request] = await received();
      expect(request.body.data.caseworker).to.equal('intern');
      expect(request.headers['x-extra']).to.equal('1');
    });

    it('sends Liferay’s CSRF token to a same-origin endpoint, unless switched off', async () => {
      const { endpoint, received } = scenario('ok');
      (globalThis as any).Liferay = { authToken: 'tok-123' };
      try {
        const el = await form({ endpoint, data: sample() });
        await toReview(el);
        await el.submit();
        const [request] = await received();
        expect(request.headers['x-csrf-token']).to.equal('tok-123');

        const off = scenario('ok');
        const el2 = await form({ endpoint: off.endpoint, data: sample() });
        el2.csrf = 'off';
        await toReview(el2);
        await el2.submit();
        const [request2] = await off.received();
        expect(request2.headers).not.to.have.property('x-csrf-token');
      } finally {
        delete (globalThis as any).Liferay;
      }
    });
  });

  describe('drafts', () => {
    it('restores answers and the step after a reload', async () => {
      const el = await form({ storage: 'session' });
      await type(inputByLabel(el, 'Familienname'), 'Yılmaz');
      await type(inputByLabel(el, 'Geburtsort'), 'Izmir');
      el.remove(); // like a reload: the draft is saved on pagehide/disconnect
      const again = await form({ storage: 'session' });
      expect(inputByLabel(again, 'Familienname').value).to.equal('Yılmaz');
      expect(again.data.person).to.deep.equal({ familyName: 'Yılmaz', birthPlace: 'Izmir' });
      await waitUntil(() =>
        $(again, '[role="status"][aria-live]')!.textContent!.includes('wiederhergestellt'),
      );
      expect(localStorage.length).to.equal(0, 'nothing kept beyond the tab without consent');
    });

    it('offers no keeping on the device with remember-days="0"', async () => {
      const el = await form({ storage: 'session' });
      await waitUntil(() => $(el, '#remember'), 'the choice is offered');
      el.rememberDays = 0;
      await el.updateComplete;
      expect($(el, '#remember')).to.equal(null);
    });
  });

  describe('keeping the draft on the device', () => {
    const DAY = 86_400_000;
    const longDate = (time: number, locale = 'de-DE') =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(time);
    const hint = (el: ApplicantForm) =>
      $(el, '#remember-hint')!.textContent!.replace(/\s+/g, ' ').trim();
    const announced = (el: ApplicantForm, text: string) =>
      waitUntil(
        () => $(el, '[role="status"][aria-live]')!.textContent!.includes(text),
        `"${text}" was not announced`,
      );

    async function chooseToKeep(el: ApplicantForm) {
      await waitUntil(() => $(el, '#remember'), 'the choice is offered');
      $<HTMLInputElement>(el, '#remember')!.click();
      await waitUntil(() => localStorage.getItem(DRAFT), 'nothing was kept on the device');
      await el.updateComplete;
    }

    beforeEach(() => localStorage.clear());
    afterEach(async () => {
      // The form saves when it is removed: remove it first, let it finish, then clear up.
      fixtureCleanup();
      await new Promise((r) => setTimeout(r, 50));
      localStorage.clear();
      sessionStorage.clear();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase('ozg-forms');
        request.onsuccess = request.onerror = resolve;
      });
    });

    it('says what is kept and until when, and keeps no answer in clear text', async () => {
      const el = await form({ storage: 'session' });
      await type(inputByLabel(el, 'Familienname'), 'Yılmaz');
      await type(inputByLabel(el, 'Geburtsort'), 'Izmir');
      await waitUntil(() => $(el, '#remember'));
      const until = longDate(Date.now() + 7 * DAY);
      expect(hint(el)).to.contain(
        `Gespeichert werden die Antworten dieses Antrags, verschlüsselt und nur auf diesem Gerät, bis zum ${until}.`,
      );
      expect($(el, '#remember')!.getAttribute('aria-describedby')).to.equal('remember-hint');
      await expect(el).shadowDom.to.be.accessible();

      await chooseToKeep(el);
      for (const value of localStrings()) {
        expect(value).not.to.contain('Yılmaz');
        expect(value).not.to.contain('Izmir');
        expect(value).not.to.contain('familyName');
      }
      const envelope = JSON.parse(localStorage.getItem(DRAFT)!);
      expect(Object.keys(envelope).sort()).to.deep.equal(['expiresAt', 'format', 'iv', 'sealed']);
      expect(envelope.expiresAt - Date.now()).to.be.within(7 * DAY - 60_000, 7 * DAY);
      // The key is kept apart, in IndexedDB, and cannot be exported.
      const key = (await keptKey())!;
      expect(key).to.be.instanceOf(CryptoKey);
      expect(key.extractable).to.equal(false);
      let exported = true;
      await crypto.subtle.exportKey('raw', key).catch(() => (exported = false));
      expect(exported).to.equal(false);

      expect(hint(el)).to.equal(
        `Die Antworten dieses Antrags sind verschlüsselt auf diesem Gerät gespeichert, bis zum ${longDate(envelope.expiresAt)}.`,
      );
      expect(buttonByText(el, 'Jetzt von diesem Gerät löschen')).to.exist;
      await announced(el, `bis zum ${longDate(envelope.expiresAt)} verschlüsselt`);
      await expect(el).shadowDom.to.be.accessible();

      // Later answers are kept sealed too.
      await type(inputByLabel(el, 'Geburtsort'), 'Ankara');
      await waitUntil(() => JSON.parse(localStorage.getItem(DRAFT)!).iv !== envelope.iv);
      expect(localStrings().join()).not.to.contain('Ankara');
    });

    it('brings the answers back after the tab was closed, until the date it said', async () => {
      const el = await form({ storage: 'session' });
      await type(inputByLabel(el, 'Familienname'), 'Yılmaz');
      await type(inputByLabel(el, 'Geburtsort'), 'Izmir');
      await chooseToKeep(el);
      const { expiresAt } = JSON.parse(localStorage.getItem(DRAFT)!);
      el.remove();
      sessionStorage.clear(); // a new tab: only what is kept on the device is there
      const again = await form({ storage: 'session' });
      await waitUntil(
        () => (again.data as Data).person?.familyName === 'Yılmaz',
        'answers not restored',
      );
      expect(again.data.person).to.deep.equal({ familyName: 'Yılmaz', birthPlace: 'Izmir' });
      await again.updateComplete;
      expect(inputByLabel(again, 'Familienname').value).to.equal('Yılmaz');
      expect($<HTMLInputElement>(again, '#remember')!.checked).to.equal(true);
      expect(hint(again)).to.contain(`bis zum ${longDate(expiresAt)}`);
      await announced(again, 'wiederhergestellt');
      expect(localStrings().join()).not.to.contain('Yılmaz');
    });

    it('"delete now" removes the draft and its key from the device', async () => {
      const el = await form({ storage: 'session' });
      await type(inputByLabel(el, 'Familienname'), 'Yılmaz');
      await chooseToKeep(el);
      expect(await keptKey()).to.exist;
      buttonByText(el, 'Jetzt von diesem Gerät löschen').click();
      await announced(el, 'Die auf diesem Gerät gespeicherten Angaben wurden gelöscht.');
      expect(localStorage.getItem(DRAFT)).to.equal(null);
      await waitUntil(async () => (await keptKey()) === undefined, 'the key was not deleted');
      const remember = $<HTMLInputElement>(el, '#remember')!;
      expect(remember.checked).to.equal(false);
      expect(root(el).activeElement).to.equal(remember);
      expect(inputByLabel(el, 'Familienname').value).to.equal('Yılmaz', 'the answers stay');
      await expect(el).shadowDom.to.be.accessible();
      // Nothing comes back with later answers.
      await type(inputByLabel(el, 'Geburtsort'), 'Izmir');
      await new Promise((r) => setTimeout(r, 400));
      expect(localStorage.getItem(DRAFT)).to.equal(null);
    });

    it('seals a draft an older version kept in clear text, and deletes the clear text', async () => {
      const expiresAt = Date.now() + 3 * DAY;
      localStorage.setItem(DRAFT, clearTextDraft({ person: { familyName: 'Öztürk' } }, expiresAt));
      const el = await form({ storage: 'session' });
      await waitUntil(
        () => (el.data as Data).person?.familyName === 'Öztürk',
        'answers not restored',
      );
      await waitUntil(() => JSON.parse(localStorage.getItem(DRAFT) ?? '{}').format === 2);
      expect(localStrings().join()).not.to.contain('Öztürk');
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#remember')!.checked).to.equal(true);
      expect(hint(el)).to.contain(`bis zum ${longDate(expiresAt)}`);
    });

    it('where the browser cannot keep it encrypted, the choice is not offered and says so', async () => {
      const expiresAt = Date.now() + 3 * DAY;
      localStorage.setItem(DRAFT, clearTextDraft({ person: { familyName: 'Öztürk' } }, expiresAt));
      // As in a private mode without IndexedDB.
      const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      try {
        const el = await form({ storage: 'session', lang: 'en' });
        await waitUntil(() => $(el, '.remember'), 'nothing said');
        expect($(el, '#remember')).to.equal(null);
        expect($(el, '.remember')!.textContent).to.contain(
          'This browser cannot keep your answers encrypted on this device',
        );
        // The draft an older version kept in clear text is this tab's now, and gone from the device.
        await waitUntil(
          () => (el.data as Data).person?.familyName === 'Öztürk',
          'answers not restored',
        );
        await type(inputByLabel(el, 'Family name'), 'Yılmaz');
        await new Promise((r) => setTimeout(r, 400));
        expect(localStorage.length).to.equal(0);
        expect(sessionStorage.getItem(DRAFT)).to.contain('Yılmaz');
        await expect(el).shadowDom.to.be.accessible();
      } finally {
        Object.defineProperty(window, 'indexedDB', original);
      }
      expect(window.indexedDB).to.exist;
    });

    it('is said in English too', async () => {
      const el = await form({ storage: 'session', lang: 'en' });
      await waitUntil(() => $(el, '#remember') && hint(el).startsWith('What is kept'));
      expect(hint(el)).to.contain(
        `the answers of this application, encrypted and only on this device, until ${longDate(Date.now() + 7 * DAY, 'en-GB')}.`,
      );
      await chooseToKeep(el);
      expect(hint(el)).to.contain(
        'The answers of this application are kept on this device, encrypted, until',
      );
      expect(buttonByText(el, 'Delete from this device now')).to.exist;
    });

    it('nothing stays on the device after the application was sent', async () => {
      const { endpoint } = scenario('ok');
      const el = await form({ endpoint, storage: 'session', data: sample() });
      await chooseToKeep(el);
      await toReview(el);
      await el.submit();
      await waitUntil(async () => (await keptKey()) === undefined, 'the key was not deleted');
      expect(localStorage.getItem(DRAFT)).to.equal(null);
      expect(sessionStorage.length).to.equal(0);
    });
  });

  describe('definitions', () => {
    it('shows the web editor what is wrong with a broken definition and fires error', async () => {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form storage="none"></applicant-form>`,
      );
      const error = oneEvent(el, 'error');
      el.definition = {
        id: 'kaputt',
        version: '1.0.0',
        title: 'Kaputt',
        language: 'de',
        legalState: '2026-01-01',
        schema: {
          type: 'object',
          properties: { a: { type: 'string', maxLength: 5, requried: true } },
        },
        steps: [{ id: 's', title: 'S', fields: ['/b'] }],
      } as never;
      const event = await error;
      expect(event.detail.problems[0]).to.deep.equal({
        pointer: '/schema/properties/a/requried',
        message: 'is not a known keyword or property here',
      });
      // The message's code loads only for a broken definition.
      await waitUntil(() => $(el, '.definition-error'), 'no message for the editor');
      const box = $(el, '.definition-error')!;
      expect(box.getAttribute('role')).to.equal('alert');
      expect(box.textContent).to.contain('/schema/properties/a/requried');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('refuses a definition nested 10 000 levels deep with the depth limit, not a stack overflow', async () => {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form storage="none"></applicant-form>`,
      );
      let schema: Record<string, unknown> = { type: 'string', maxLength: 5 };
      for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { a: schema } };
      const error = oneEvent(el, 'error');
      el.definition = {
        id: 'tief',
        version: '1.0.0',
        title: 'Tief',
        language: 'de',
        legalState: '2026-01-01',
        schema: { type: 'object', properties: { a: schema } },
        steps: [{ id: 's', title: 'S', fields: ['/a'] }],
      } as never;
      const event = await error;
      expect(event.detail.problems).to.deep.equal([
        {
          pointer: '/schema' + '/properties/a'.repeat(15) + '/properties',
          message: 'nests deeper than the limit of 32 levels',
        },
      ]);
      await waitUntil(() => $(el, '.definition-error'));
      expect($(el, '.definition-error')!.textContent).to.contain('limit of 32');
    });

    it('names the depth limit, not only the mismatch, when the definition of a validator module is too deep', async () => {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form
          storage="none"
          validator="/.tmp/long-step.validator.js"
        ></applicant-form>`,
      );
      for (const levels of [100, 10_000]) {
        let schema: Record<string, unknown> = { type: 'string', maxLength: 5 };
        for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } };
        const error = oneEvent(el, 'error');
        el.definition = {
          id: 'tief',
          version: '1.0.0',
          title: 'Tief',
          language: 'de',
          legalState: '2026-01-01',
          schema: { type: 'object', properties: { a: schema } },
          steps: [{ id: 's', title: 'S', fields: ['/a'] }],
        } as never;
        const event = await error;
        expect(event.detail.problems[0]!.message).to.equal(
          'nests deeper than the limit of 32 levels',
        );
      }
    });

    it('says so when a definition name is neither built in nor a URL', async () => {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form definition="einbuergerun"></applicant-form>`,
      );
      await ready(el);
      expect($(el, '.definition-error')!.textContent).to.contain('einbuergerung');
    });
  });

  describe('language', () => {
    it('follows lang="en" with English texts and definition translations', async () => {
      const el = await form({ lang: 'en' });
      await waitUntil(() => heading(el) === 'About you', `heading was ${heading(el)}`);
      expect($(el, '.progress')!.textContent).to.contain('Step 1 of 8');
      expect(inputByLabel(el, 'Family name')).to.exist;
      await next(el);
      expect($(el, '.summary a')!.textContent).to.equal('Please enter your family name.');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('words validation messages from the core table in its language, and again when it changes', async () => {
      const el = await form({ lang: 'en' });
      await waitUntil(() => heading(el) === 'About you', `heading was ${heading(el)}`);
      const input = inputByLabel(el, 'Family name');
      await type(input, 'x'.repeat(101));
      await el.updateComplete;
      const error = () => root(el).getElementById(`${input.id}-error`)?.textContent ?? '';
      expect(error()).to.contain('“Family name” must not be longer than 100 characters.');
      el.setAttribute('lang', 'de');
      await waitUntil(
        () => error().includes('„Familienname“ darf höchstens 100 Zeichen lang sein.'),
        `error was ${error()}`,
      );
    });

    it('takes the language of the closest [lang] and follows changes of it', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en">
          <applicant-form definition="einbuergerung" storage="none"></applicant-form>
        </div>`,
      );
      const el = wrapper.querySelector('applicant-form')!;
      await ready(el);
      await waitUntil(() => heading(el) === 'About you');
      el.setAttribute('lang', 'de');
      await waitUntil(() => heading(el) === 'Angaben zur Person');
      expect($(el, '.progress')!.textContent).to.contain('Schritt 1 von 8');
    });
  });

  describe('long steps', () => {
    it('renders questions in runs that skip rendering while off screen, all in the DOM and the tab order', async () => {
      const el = await longForm();
      const runs = [...root(el).querySelectorAll<HTMLElement>('.chunk')];
      expect(runs.map((r) => r.querySelectorAll('input').length)).to.deep.equal([16, 16, 16, 12]);
      expect(getComputedStyle(runs[3]!).contentVisibility).to.equal('auto');
      // Every question is there, labelled, whether its run is rendered or not.
      expect(root(el).querySelectorAll('input').length).to.equal(60);
      const last = inputByLabel(el, 'Frage 60');
      await waitUntil(
        () => !last.checkVisibility({ contentVisibilityAuto: true }),
        'the last run should be skipped while far below the viewport',
      );
      // Tab goes from the last question of one run to the first of the next.
      inputByLabel(el, 'Frage 16').focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(inputByLabel(el, 'Frage 17'));
      await expect(el).shadowDom.to.be.accessible();
    });

    it('the error summary reaches a question in a run that was not rendered, and typing there works', async () => {
      const el = await longForm();
      await next(el);
      const links = [...root(el).querySelectorAll<HTMLAnchorElement>('.summary a')];
      expect(links).to.have.length(60);
      links[59]!.click();
      await el.updateComplete;
      const last = inputByLabel(el, 'Frage 60');
      expect(root(el).activeElement).to.equal(last);
      await waitUntil(
        () => last.checkVisibility({ contentVisibilityAuto: true }),
        'the run of the focused question should render',
      );
      await sendKeys({ type: 'Ja' });
      await el.updateComplete;
      expect((el.data as Data).f59).to.equal('Ja');
      expect(last.getAttribute('aria-invalid')).to.not.equal('true');
      expect(root(el).querySelectorAll('.summary a')).to.have.length(59);
      await expect(el).shadowDom.to.be.accessible();
    });
  });

  describe('very long steps', () => {
    /** Timers held back until `release()` (the later runs render in timer tasks). */
    function holdTimers() {
      const original = window.setTimeout;
      const held: (() => void)[] = [];
      window.setTimeout = ((handler: () => void) => {
        held.push(handler);
        return 0;
      }) as typeof window.setTimeout;
      return {
        release() {
          window.setTimeout = original;
          for (const handler of held.splice(0)) handler();
        },
      };
    }

    /** Waits frame by frame (no timers: they may be held) until `done()`. */
    async function frames(done: () => boolean, what: string) {
      for (let i = 0; i < 600 && !done(); i++)
        await new Promise((resolve) => requestAnimationFrame(resolve));
      if (!done()) throw new Error(what);
    }

    /**
     * test/fixtures/very-long-step.json: a first step of one question, a second of 200. On the
     * first, once the pages' code (the error summary's) has loaded.
     */
    async function longStepForm(): Promise<ApplicantForm> {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form
          storage="none"
          endpoint="/api/none"
          lang="de"
          definition="/test/fixtures/very-long-step.json"
          validator="/.tmp/very-long-step.validator.js"
        ></applicant-form>`,
      );
      await ready(el);
      await type(inputByLabel(el, 'Anfang'), 'los');
      await waitUntil(
        () => performance.getEntriesByType('resource').some((e) => /\/stages\.ts/.test(e.name)),
        'the pages’ code did not load',
        { timeout: 5000 },
      );
      return el;
    }

    /**
     * Moves on to the long step with timers held (its later runs not rendered), checks that the
     * step shows its first two runs (32 questions) with the heading, runs `then`, and releases.
     */
    async function onLongStepHeld(el: ApplicantForm, then: () => Promise<void>): Promise<void> {
      const timers = holdTimers();
      try {
        $(el, 'button.next')!.click();
        await frames(() => heading(el) === 'Alles', 'did not move on');
        expect(root(el).querySelectorAll('input').length).to.equal(32);
        await then();
      } finally {
        timers.release();
      }
    }

    it('shows the first runs with the step and the rest right after; announced once complete', async () => {
      const el = await longStepForm();
      await onLongStepHeld(el, async () => {
        // The step says it is not complete, its heading is not announced yet, and updateComplete
        // waits.
        expect(root(el).querySelectorAll('.chunk').length).to.equal(13);
        expect($(el, '.step')!.getAttribute('aria-busy')).to.equal('true');
        let complete = false;
        void el.updateComplete.then(() => (complete = true));
        for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
        expect(complete).to.equal(false);
        expect(root(el).activeElement).to.not.equal($(el, '#step-heading'));
      });
      await el.updateComplete;
      expect(root(el).querySelectorAll('input').length).to.equal(200);
      expect($(el, '.step')!.hasAttribute('aria-busy')).to.equal(false);
      await waitUntil(() => root(el).activeElement === $(el, '#step-heading'), 'heading focused');
      inputByLabel(el, 'Frage 200');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('the error summary reaches a question whose run is not in yet', async () => {
      const el = await longStepForm();
      await onLongStepHeld(el, async () => {
        $(el, 'button.next')!.click();
        await frames(() => root(el).querySelectorAll('.summary a').length === 200, 'no summary');
        expect(root(el).querySelectorAll('input').length).to.equal(32);
        [...root(el).querySelectorAll<HTMLAnchorElement>('.summary a')].at(-1)!.click();
        // Rendered at once, focused, and the step is complete.
        expect(root(el).querySelectorAll('input').length).to.equal(200);
        expect(root(el).activeElement).to.equal(inputByLabel(el, 'Frage 200'));
        expect($(el, '.step')!.hasAttribute('aria-busy')).to.equal(false);
      });
    });
  });

  describe('typing', () => {
    it('keeps a space typed while an error shows (the answer is trimmed, the text field is not)', async () => {
      const el = await longForm();
      await next(el);
      const input = inputByLabel(el, 'Frage 1');
      input.focus();
      await sendKeys({ type: 'a b' });
      await el.updateComplete;
      expect(input.value).to.equal('a b');
      expect((el.data as Data).f0).to.equal('a b');
    });

    /** The work permit's form on its first step, the person's data and the paper's kind given. */
    async function workPermitWithPerson() {
      const applicant = await (
        await fetch(new URL('../fixtures/beschaeftigungserlaubnis-applicant.json', import.meta.url))
      ).json();
      const el = await fixture<ApplicantForm>(
        html`<applicant-form
          definition="beschaeftigungserlaubnis"
          lang="de"
          storage="none"
        ></applicant-form>`,
      );
      await ready(el);
      el.data = { person: applicant.person, statusDocument: { kind: 'duldung' } };
      return { el, applicant };
    }

    it('a question that left with the last step keeps its answer and breaks nothing', async () => {
      // Regression: when lit reused a field's piece for the next step's question, the old
      // question's key still led to it; the old input's change as it was removed (on blur)
      // re-rendered the piece in the middle of lit's update ("Failed to execute 'remove'").
      const { el, applicant } = await workPermitWithPerson();
      await next(el);
      const [y, m, d] = applicant.statusDocument.validUntil.split('-');
      const date = `${d}.${m}.${y}`;
      // The number typed last: its input still has focus (and its change is still to come) when
      // "Weiter" is pressed and the next step puts a choice in its place.
      inputByLabel(el, 'Gültig bis').focus();
      await sendKeys({ type: date });
      inputByLabel(el, 'Nummer des Papiers').focus();
      await sendKeys({ type: applicant.statusDocument.number });
      await next(el);
      expect(heading(el)).to.equal('Wo Sie wohnen');
      expect((el.data as Data).statusDocument).to.deep.equal(applicant.statusDocument);
    });

    it('a field of the next step never shows what was typed on this one', async () => {
      // Regression: lit reuses a step's inputs for the next step's questions in the same place
      // (the third input: date of birth, then "valid until", then "in Germany since"). An answer
      // shown from the data (the date of birth) made lit remember "" as the text it bound when the
      // input moved on to "valid until"; what the citizen then typed there was never bound, so
      // lit skipped writing "" for "in Germany since", which showed the typed date while its
      // answer stayed empty.
      const { el, applicant } = await workPermitWithPerson();
      await el.updateComplete;
      expect(inputByLabel(el, 'Geburtsdatum').value).to.equal(
        applicant.person.birthDate.split('-').reverse().join('.'),
      );
      await next(el);
      expect(heading(el)).to.contain('Aufenthaltsgestattung');
      // Typed: a number, then the date (day first, as on the paper).
      const [y, m, d] = applicant.statusDocument.validUntil.split('-');
      const date = `${d}.${m}.${y}`;
      inputByLabel(el, 'Nummer des Papiers').focus();
      await sendKeys({ type: applicant.statusDocument.number });
      inputByLabel(el, 'Gültig bis').focus();
      await sendKeys({ type: date });
      await sendKeys({ press: 'Tab' });
      await next(el);
      expect(heading(el)).to.equal('Wo Sie wohnen');
      expect((el.data as Data).statusDocument).to.deep.equal(applicant.statusDocument);
      const shown = [...root(el).querySelectorAll<HTMLInputElement>('input:not([type=radio])')]
        .map((input) => input.value)
        .filter(Boolean);
      expect(shown).to.deep.equal([]);
      expect((el.data as Data).residence).to.equal(undefined);
    });
  });

  describe('keyboard', () => {
    it('fills a step, moves on with Enter and uses radio groups with arrow keys', async () => {
      const data = sample();
      delete data.person.familyName;
      const el = await form({ data });
      inputByLabel(el, 'Familienname').focus();
      await sendKeys({ type: 'Yılmaz' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await el.updateComplete;
      expect(el.step).to.equal(1);
      expect((el.data as Data).person.familyName).to.equal('Yılmaz');
      await next(el);
      radio(el, 'Familienstand', 'verheiratet').focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect((el.data as Data).family.maritalStatus).to.equal('partnership');
    });
  });
});
