import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import { idFor } from '../../src/elements/shared/controls.js';

const root = (el: Element) => el.shadowRoot!;
const $ = (el: Element, selector: string) => root(el).querySelector<HTMLElement>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
const button = (el: Element, name: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name)!;

let counter = 0;
const scenario = (mode: string) => {
  const id = `outcome-${Date.now()}-${counter++}`;
  return {
    endpoint: `/api/test/${id}/${mode}`,
    received: async () => (await fetch(`/api/test/${id}/received`)).json(),
  };
};

async function form(name: string, endpoint: string, attributes: Record<string, string> = {}) {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      definition="/test/fixtures/${name}.json"
      validator="/.tmp/${name}.validator.js"
      lang=${attributes.lang ?? 'de'}
      storage="none"
      endpoint=${endpoint}
      outcome=${attributes.outcome ?? ''}
    ></applicant-form>`,
  );
  if (!attributes.outcome) el.removeAttribute('outcome');
  await waitUntil(() => $(el, '#step-heading'), 'form did not render', { timeout: 5000 });
  return el;
}

async function toReview(el: ApplicantForm, steps: number) {
  for (let i = 0; i < steps; i++) {
    el.next();
    await el.updateComplete;
  }
  await waitUntil(() => $(el, '.review'), 'no review');
}

describe('how a flow ends', () => {
  it('an appointment: a checklist for these answers, the reference, how to book; focused, accessible, never "submitted"', async () => {
    const { endpoint, received } = scenario('ok');
    const el = await form('appointment', endpoint, { outcome: 'appointment' });
    el.data = {
      host: { familyName: 'Schmidt', givenNames: 'Anna', employment: 'employed' },
      guest: { familyName: 'Kaya', nationality: 'türkisch' },
    };
    await toReview(el, 2);
    expect(text($(el, '#step-heading'))).to.equal('Angaben prüfen');
    button(el, 'Termin vorbereiten').click();
    await waitUntil(() => $(el, '.appointment'), 'no checklist');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('step-heading');
    expect(text($(el, '#step-heading'))).to.equal('Ihre Angaben für den Termin sind vorbereitet.');
    expect(text($(el, '.appointment'))).to.not.match(/eingegangen|abgesendet/);
    expect([...root(el).querySelectorAll('.checklist li')].map((li) => text(li))).to.deep.equal([
      'Personalausweis oder Reisepass',
      'Gehaltsnachweise der letzten drei Monate',
    ]);
    expect(text($(el, '.reference'))).to.equal('EB-2026-000123');
    const booking = root(el).querySelector<HTMLAnchorElement>('a.button')!;
    expect(booking.href).to.equal(
      'https://termine.example.de/buchen?dienst=termin-test&vorgang=EB-2026-000123',
    );
    const [sent] = await received();
    expect(sent.body.outcome).to.equal('appointment');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('an outcome the definition does not offer is the web editor’s problem, not the citizen’s', async () => {
    const { endpoint } = scenario('ok');
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="/test/fixtures/appointment.json"
        validator="/.tmp/appointment.validator.js"
        lang="de"
        storage="none"
        endpoint=${endpoint}
        outcome="online-eid"
      ></applicant-form>`,
    );
    await waitUntil(() => $(el, '.definition-error'), 'no message for the editor', {
      timeout: 5000,
    });
    expect(text($(el, '.definition-error'))).to.contain('offers no outcome "online-eid"');
  });

  it('the first of two parties: only their part is sent; the link, a QR code and where it stands', async () => {
    const { endpoint, received } = scenario('handoff');
    const el = await form('two-party', endpoint);
    el.data = {
      person: { familyName: 'Demir', givenNames: 'Ali', birthDate: '1994-03-14' },
      job: { description: 'Bäckereifachverkäufer', employerName: 'Bäckerei Sommer' },
      // Nothing of the employer's part leaves the applicant's device.
      employer: { company: 'von mir ausgedacht' },
    };
    await toReview(el, 2);
    expect(text($(el, '.review'))).to.not.contain('Angaben des Arbeitgebers');
    button(el, 'Meinen Teil speichern und Link erstellen').click();
    await waitUntil(() => $(el, '.handoff'), 'no hand-off page');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('step-heading');
    expect(text($(el, '#step-heading'))).to.equal('Jetzt ist an der Reihe: Arbeitgeber');
    const link = root(el).querySelector<HTMLInputElement>('#handoff-link')!.value;
    expect(link).to.equal(`${location.href.replace(/#.*$/, '')}#ozg-handoff=${'h'.repeat(43)}`);
    await waitUntil(() => $(el, 'svg.qr path'), 'no QR code');
    await waitUntil(
      () => text($(el, '[part="status"][role="status"]'))?.includes('wartet auf die Angaben'),
      'no state',
    );
    const [sent] = await received();
    expect(sent.body.data.employer).to.equal(undefined);
    expect(sent.body.data.person.familyName).to.equal('Demir');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('a hand-off link that cannot be opened says why', async () => {
    location.hash = `#ozg-handoff=${'x'.repeat(43)}`;
    try {
      const el = await fixture<ApplicantForm>(
        html`<applicant-form
          definition="/test/fixtures/two-party.json"
          validator="/.tmp/two-party.validator.js"
          lang="de"
          storage="none"
          endpoint="/api/test/unknown-handoff/ok"
        ></applicant-form>`,
      );
      await waitUntil(() => text($(el, '#step-heading')) === 'Link nicht verfügbar', 'no message', {
        timeout: 5000,
      });
      expect(text($(el, '[role="alert"]'))).to.contain('nicht gültig');
      await expect(el).shadowDom.to.be.accessible();
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('a portal’s verified identity: filled in, said where from, read only until corrected, sent with its trust level', async () => {
    const { endpoint, received } = scenario('ok');
    const el = await form('appointment', endpoint, { outcome: 'appointment' });
    el.identity = {
      trustLevel: 'substantial',
      source: 'BundID',
      attributes: { familyName: 'Schmidt', givenNames: 'Anna', unmapped: 'x' },
    };
    const family = () => root(el).querySelector<HTMLInputElement>(`#${idFor('/host/familyName')}`)!;
    const given = () => root(el).querySelector<HTMLInputElement>(`#${idFor('/host/givenNames')}`)!;
    await waitUntil(() => family()?.value === 'Schmidt', 'not filled in');
    expect(family().readOnly).to.equal(true);
    expect(
      text(root(el).querySelector(`#${family().getAttribute('aria-describedby')!.split(' ')[0]}`)),
    ).to.contain('Übernommen von BundID.');
    await expect(el).shadowDom.to.be.accessible();
    // The citizen corrects the given names: editable, focused, and no longer reported as verified.
    button(el, 'Korrigieren: Vornamen').click();
    await el.updateComplete;
    expect(given().readOnly).to.equal(false);
    expect(root(el).activeElement).to.equal(given());
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Maria' });
    given().dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    el.data = {
      ...el.data,
      host: { ...(el.data as any).host, employment: 'employed' },
      guest: { familyName: 'Kaya', nationality: 'türkisch' },
    };
    await toReview(el, 2);
    button(el, 'Termin vorbereiten').click();
    await waitUntil(() => $(el, '.appointment'), 'no checklist');
    const [sent] = await received();
    expect(sent.body.data.host.givenNames).to.equal('Anna Maria');
    expect(sent.body.identity).to.deep.equal({
      trustLevel: 'substantial',
      source: 'BundID',
      verified: ['/host/familyName'],
    });
  });
});

describe('the Verpflichtungserklärung: online only with the eID', () => {
  let sample: Record<string, any>;
  before(async () => {
    sample = await (
      await fetch(new URL('../fixtures/verpflichtungserklaerung-sample.json', import.meta.url))
    ).json();
  });

  async function vpe(endpoint: string, lang: string, identity?: unknown) {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        definition="verpflichtungserklaerung"
        lang=${lang}
        storage="none"
        endpoint=${endpoint}
        outcome="submission"
        .identity=${identity}
      ></applicant-form>`,
    );
    await waitUntil(() => $(el, '#step-heading'), 'form did not render', { timeout: 5000 });
    return el;
  }

  for (const [lang, note, done, fee] of [
    [
      'de',
      /nur abgeben, wenn Sie sich mit Ihrem Online-Ausweis \(eID\)/,
      'Termin vorbereiten',
      /58,00\s€/,
    ],
    [
      'en',
      /only if you signed in with your online ID card \(eID\)/,
      'Prepare the appointment',
      /€58\.00/,
    ],
  ] as const) {
    it(`without it (${lang}): says why on the first step and on the checklist, prepares the appointment, shows the fee; accessible`, async () => {
      const { endpoint, received } = scenario('ok');
      const el = await vpe(endpoint, lang, {
        trustLevel: 'substantial',
        source: 'BundID',
        attributes: { familyName: 'Yılmaz' },
      });
      await waitUntil(() => $(el, '[part="identity-note"]'), 'no note on the first step');
      expect(text($(el, '[part="identity-note"]'))).to.match(note);
      await expect(el).shadowDom.to.be.accessible();
      // The spouse signs too: two fees.
      el.data = {
        ...sample,
        finances: {
          ...sample.finances,
          spouseIncome: true,
          spouse: {
            familyName: 'Yılmaz',
            givenNames: 'Mehmet',
            birthDate: '1984-01-20',
            monthlyNetIncome: 1200,
          },
        },
      };
      await toReview(el, 5);
      button(el, done).click();
      await waitUntil(() => $(el, '.appointment'), 'no checklist');
      await el.updateComplete;
      expect(text($(el, '.appointment [part="identity-note"]'))).to.match(note);
      expect(text($(el, '[part="fees"]'))).to.match(/29/);
      expect(root(el).querySelectorAll('[part="fees"] li').length).to.equal(2);
      expect(text($(el, '.appointment'))).to.match(fee);
      const sent = (await received()) as { body: { outcome?: string } }[];
      expect(sent.at(-1)?.body.outcome).to.equal('appointment');
      await expect(el).shadowDom.to.be.accessible();
    });
  }

  it('with it: no note, and the flow ends in sending', async () => {
    const el = await vpe(scenario('ok').endpoint, 'de', {
      trustLevel: 'high',
      source: 'BundID',
      attributes: { familyName: 'Yılmaz' },
    });
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect($(el, '[part="identity-note"]')).to.equal(null);
    el.data = sample;
    await toReview(el, 5);
    expect(text($(el, '#step-heading'))).to.equal('Angaben prüfen und absenden');
  });
});
