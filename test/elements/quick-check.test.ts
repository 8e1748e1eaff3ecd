import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/quick-check/define.js';
import '../../src/elements/applicant-form/define.js';
import type { QuickCheck } from '../../src/elements/quick-check/quick-check.js';
import type {
  PrefillChangeEvent,
  QuickCheckCompleteEvent,
} from '../../src/elements/quick-check/events.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import type { DefinitionErrorEvent } from '../../src/elements/applicant-form/events.js';
import { sealedDrafts } from '../../src/elements/shared/device-drafts.js';
import { clearTextDraft, DRAFT, keptKey, localStrings } from './support/device-drafts.js';

type Answers = Record<string, unknown>;

let ELIGIBLE: Answers;
before(async () => {
  ELIGIBLE = await (
    await fetch(new URL('../fixtures/quick-check-eligible.json', import.meta.url))
  ).json();
});

const root = (el: Element) => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  root(el).querySelector<T>(selector);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = (el: QuickCheck) => text($(el, '#question-heading'));
const active = (el: Element) => root(el).activeElement as HTMLElement | null;
const button = (el: Element, label: string) => {
  const found = [...root(el).querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
/** The label or legend of the question on screen. */
const question = (el: QuickCheck) => text($(el, '.step legend, .step label'));

async function ready(el: Element): Promise<void> {
  await waitUntil(
    () => root(el).querySelector('#question-heading, #result-heading, .definition-error'),
    'quick-check did not render',
    { timeout: 5000 },
  );
  await (el as QuickCheck).updateComplete;
}

async function check(
  options: { lang?: string; today?: string; storage?: string; applyHref?: string } = {},
): Promise<QuickCheck> {
  const el = await fixture<QuickCheck>(
    html`<quick-check
      definition="einbuergerung"
      lang=${options.lang ?? 'de'}
      today=${options.today ?? '2026-11-23'}
      storage=${options.storage ?? 'none'}
      apply-href=${options.applyHref ?? ''}
    ></quick-check>`,
  );
  if (!options.applyHref) el.removeAttribute('apply-href');
  await ready(el);
  return el;
}

async function showResult(el: QuickCheck, answers: Answers): Promise<void> {
  el.answers = answers;
  const done = oneEvent(el, 'quick-check-complete');
  for (let i = 0; i < 20 && !$(el, '#result-heading'); i++) {
    el.next();
    await el.updateComplete;
  }
  await done;
  // The result's code loads on demand (when idle after the first render, or now).
  await waitUntil(() => $(el, '#result-heading'), 'the result did not show', { timeout: 5000 });
  await el.updateComplete;
}

/** Tab until the focus is on an element that matches `predicate`. */
async function tabTo(el: Element, predicate: (e: HTMLElement) => boolean, limit = 12) {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const focused = active(el);
    if (focused && predicate(focused)) return focused;
  }
  throw new Error('focus never reached the wanted element');
}

/** A date as the citizen types it. */
function dateKeys(iso: string): string {
  // Day first, as on German papers, whatever the browser's own language.
  return iso.split('-').reverse().join('.');
}

describe('<quick-check>', () => {
  afterEach(() => sessionStorage.clear());

  it('fires ready and data-change, and validate() lists what is unanswered without showing it', async () => {
    const el = document.createElement('quick-check');
    el.setAttribute('lang', 'de');
    el.setAttribute('storage', 'none');
    el.setAttribute('definition', 'einbuergerung');
    const ready = oneEvent(el, 'ready');
    document.body.append(el);
    try {
      await ready;
      expect($(el, '#question-heading')).to.not.equal(null);
      const errors = el.validate();
      expect(errors.length).to.be.greaterThan(3);
      expect(errors[0]!.keyword).to.equal('required');
      expect(errors[0]!.message).to.not.equal('');
      await el.updateComplete;
      expect($(el, '[aria-invalid="true"]')).to.equal(null);
      const change = oneEvent(el, 'data-change');
      const first = $<HTMLInputElement>(el, '.step input')!;
      first.click();
      const event = await change;
      expect(event.detail.pointer).to.equal(errors[0]!.pointer);
      expect(event.detail.committed).to.equal(true);
      expect(el.validate().map((e) => e.pointer)).to.not.include(errors[0]!.pointer);
    } finally {
      el.remove();
    }
  });

  it('walks through every question by keyboard alone, and explains the result', async () => {
    const el = await check();
    const before = performance.getEntriesByType('resource').length;
    expect(heading(el)).to.equal('Frage 1 von höchstens 13');
    expect(text($(el, '[part~="privacy"]'))).to.contain('verlassen dieses Gerät nicht');
    await expect(el).shadowDom.to.be.accessible();

    // Moving on without an answer: the error is shown, linked and focused.
    button(el, 'Weiter').click();
    await el.updateComplete;
    expect(text($(el, '.error'))).to.contain('Bitte wählen Sie „Ja“ oder „Nein“.');
    expect(active(el)?.getAttribute('aria-invalid')).to.equal('true');
    const group = active(el)!.closest('fieldset')!;
    expect(group.getAttribute('aria-describedby')).to.contain('-error');
    await expect(el).shadowDom.to.be.accessible();

    /** Answers the question on screen: a radio by how many arrow presses from the first, or a date. */
    const answer = async (how: number | string) => {
      const input = await tabTo(el, (e) => e instanceof HTMLInputElement);
      if (typeof how === 'string') {
        await sendKeys({ type: dateKeys(how) });
      } else {
        await sendKeys({ press: 'Space' });
        for (let i = 0; i < how; i++) await sendKeys({ press: 'ArrowDown' });
      }
      expect(input).to.exist;
      // Past the explanation to "Weiter" ("Zurück" first from the second question on).
      const next = await tabTo(el, (e) => e.classList.contains('next'));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(next).to.exist;
    };
    // Focus is on the question after an error: start from the heading again.
    $(el, '#question-heading')!.focus();
    await answer(0); // Pass: Ja
    expect(heading(el)).to.equal('Frage 2 von höchstens 13');
    expect(active(el)?.id).to.equal('question-heading');
    await answer('2019-03-14');
    expect(question(el)).to.contain('Unterbrechung');
    await answer(0); // keine Unterbrechung
    await answer(0); // Niederlassungserlaubnis
    expect(question(el)).to.contain('Lebensunterhalt');
    await answer(0); // Das Einkommen reicht.
    await answer(0); // Sprachzertifikat
    expect(question(el)).to.contain('Einbürgerungstest');
    await answer(0); // Test bestanden
    await answer(0); // keine Verurteilung
    const complete = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
    // Typed through GlobalEventHandlersEventMap: `e.detail` needs no cast.
    let verdict: string | undefined;
    el.addEventListener('quick-check-complete', (e) => (verdict = e.detail.result.verdict));
    expect(text(button(el, 'Ergebnis anzeigen'))).to.equal('Ergebnis anzeigen');
    await answer(0); // Bekenntnis: Ja
    const { detail } = await complete;
    expect(verdict).to.equal('met');
    await el.updateComplete;

    expect(detail.result.verdict).to.equal('met');
    expect(detail.answers).to.deep.equal(ELIGIBLE);
    expect(active(el)?.id).to.equal('result-heading');
    expect(text($(el, '[part="verdict"]'))).to.contain(
      'Sie erfüllen voraussichtlich alle Voraussetzungen.',
    );
    const criteria = [...root(el).querySelectorAll('[part="criterion"]')];
    expect(criteria).to.have.length(8);
    expect(text(criteria[1]!)).to.contain('Fünf Jahre rechtmäßiger Aufenthalt');
    // Each requirement says what the authority will ask for as proof.
    for (const criterion of criteria) expect(text(criterion)).to.contain('Nachweis:');
    expect(text(criteria[0]!)).to.contain('Nachweis: Ihr gültiger Pass.');
    expect(text(criteria[1]!)).to.contain('Voraussichtlich erfüllt');
    expect(text(criteria[1]!)).to.contain('Rechtsgrundlage: § 10 Abs. 1 Satz 1, § 12b StAG');
    expect(text($(el, '.result'))).to.contain(
      'Rechtsstand: 30.10.2025. Geprüft für den 23.11.2026.',
    );
    expect(text($(el, '[part="notice"]'))).to.contain('unverbindliche Einschätzung');
    await expect(el).shadowDom.to.be.accessible();

    // Nothing left the device while the citizen answered.
    // (axe-core is the test's own tool, loaded for the first accessibility check.)
    const loaded = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((e) => e.name)
      .filter((name) => !name.includes('/node_modules/axe-core/'));
    expect(loaded).to.deep.equal([]);
  });

  it('says why it asks, with the legal basis, in a disclosure', async () => {
    const el = await check();
    const details = $(el, 'details.why') as HTMLDetailsElement;
    expect(text(details.querySelector('summary'))).to.equal('Warum fragen wir das?');
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    await el.updateComplete;
    expect(details.open).to.equal(true);
    expect(text(details)).to.contain('Identität und Ihre Staatsangehörigkeit');
    expect(text(details)).to.contain('Rechtsgrundlage: § 10 Abs. 1 Satz 1 StAG');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('asks about interruptions and a German spouse only when the years here make them matter', async () => {
    const base = { pass: true, aufenthaltsrecht: 'niederlassungserlaubnis' };
    // Four years: both, right after the date.
    const el = await check({ today: '2026-11-23' });
    el.answers = { ...base, aufenthaltSeit: '2022-06-01', unterbrechung: 'keine' };
    for (let i = 0; i < 2; i++) el.next();
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 3 von höchstens 13');
    expect(question(el)).to.contain('Unterbrechung');
    el.next();
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 4 von höchstens 13');
    expect(question(el)).to.contain('deutschen Person verheiratet');
    // Unanswered, it is required like any other question.
    el.next();
    await el.updateComplete;
    expect(question(el)).to.contain('deutschen Person verheiratet');
    expect(text($(el, '[part~="error"]'))).to.contain('„Ja“ oder „Nein“');
    await expect(el).shadowDom.to.be.accessible();
    // The same answers on a day five years on: the spouse no longer matters.
    el.today = '2027-06-01';
    await el.updateComplete;
    expect(question(el)).to.contain('Welches Aufenthaltsrecht');

    // Two years: neither.
    const recent = await check({ today: '2026-11-23' });
    recent.answers = { ...base, aufenthaltSeit: '2024-06-01' };
    for (let i = 0; i < 2; i++) recent.next();
    await recent.updateComplete;
    expect(heading(recent)).to.equal('Frage 3 von höchstens 13');
    expect(question(recent)).to.contain('Welches Aufenthaltsrecht');
  });

  it('says from which day a time-based requirement will be met', async () => {
    const el = await check({ today: '2026-11-23' });
    await showResult(el, { ...ELIGIBLE, aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false });
    expect(el.result!.verdict).to.equal('not-met');
    expect(text($(el, '[part~="verdict"]'))).to.contain(
      'Sie erfüllen voraussichtlich nicht alle Voraussetzungen.',
    );
    expect(text($(el, '[part~="verdict"]'))).to.contain('voraussichtlich ab 14.03.2028');
    const residence = [...root(el).querySelectorAll('[part="criterion"]')][1]!;
    expect(residence.className).to.equal('not-met');
    expect(text(residence)).to.contain('Voraussichtlich nicht erfüllt');
    expect(text(residence)).to.contain('Voraussichtlich erfüllt ab 14.03.2028.');
    await expect(el).shadowDom.to.be.accessible();

    // The same answers on another day, under the law before 30 October 2025.
    el.today = '2025-10-01';
    await el.updateComplete;
    expect(el.result!.verdict).to.equal('not-met');
    el.answers = { ...ELIGIBLE, aufenthaltSeit: '2022-03-14', ehegatteDeutsch: false };
    el.today = '2025-10-29';
    await el.updateComplete;
    expect(el.result!.verdict).to.equal('check-with-authority');
    expect(text($(el, '[part~="verdict"]'))).to.contain('Bitte lassen Sie sich beraten.');
  });

  it('never counts more questions as the answers bring in further ones', async () => {
    // Regression: "Frage 4 von 9", then "verheiratet", then "Frage 5 von 11".
    const el = await check({ today: '2026-11-23' });
    const totals: number[] = [];
    el.answers = {
      ...ELIGIBLE,
      aufenthaltSeit: '2022-06-01',
      ehegatteDeutsch: false,
      aufenthaltsrecht: 'aufenthaltserlaubnis',
      aufenthaltsparagraph: 'arbeit',
      lebensunterhalt: 'nein',
      ausnahmeLebensunterhalt: 'vollzeit',
      verurteilung: 'gering',
      beweggrund: 'nein',
    };
    for (let i = 0; i < 20 && !el.result; i++) {
      totals.push(Number(/(\d+)$/.exec(heading(el))![1]));
      el.next();
      await el.updateComplete;
    }
    expect(totals.length).to.equal(13);
    expect(new Set(totals)).to.deep.equal(new Set([13]));
    expect(heading(el)).to.equal('');
  });

  it('speaks English, dates included', async () => {
    const el = await check({ lang: 'en' });
    await waitUntil(() => heading(el) === 'Question 1 of at most 13');
    expect(text($(el, '[part="title"]'))).to.equal(
      'Do I meet the requirements for naturalisation?',
    );
    expect(text($(el, 'details.why summary'))).to.equal('Why do we ask this?');
    await showResult(el, { ...ELIGIBLE, aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false });
    expect(text($(el, '[part~="verdict"]'))).to.contain('14/03/2028');
    expect(text($(el, '[part~="verdict"]'))).to.contain(
      'You probably do not meet all the requirements.',
    );
    await expect(el).shadowDom.to.be.accessible();
  });

  it('keeps the answers in this tab across a reload, and forgets them on "Neu beginnen"', async () => {
    const first = await check({ storage: 'session' });
    first.answers = { pass: true };
    first.next();
    await first.updateComplete;
    first.remove();
    const el = await check({ storage: 'session' });
    expect(el.answers).to.deep.equal({ pass: true });
    expect(heading(el)).to.equal('Frage 2 von höchstens 13');
    expect(localStorage.length).to.equal(0);
    await showResult(el, ELIGIBLE);
    button(el, 'Neu beginnen').click();
    await el.updateComplete;
    expect(el.answers).to.deep.equal({});
    expect(heading(el)).to.equal('Frage 1 von höchstens 13');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('ozg-forms:'))).to.deep.equal([]);
  });

  it('hands the answers on to <applicant-form> only with consent, once', async () => {
    const el = await check({ applyHref: '/antrag' });
    await showResult(el, { ...ELIGIBLE, verurteilung: 'gering', beweggrund: 'nein' });
    const consent = $(el, '#consent') as HTMLInputElement;
    expect(consent.checked).to.equal(false);
    expect(($(el, '[part="apply-link"]') as HTMLAnchorElement).getAttribute('href')).to.equal(
      '/antrag',
    );
    expect(sessionStorage.getItem('ozg-forms:prefill:einbuergerung')).to.equal(null);
    expect(el.prefill).to.equal(undefined);
    await expect(el).shadowDom.to.be.accessible();

    // Without consent the application starts empty.
    let form = await fixture<ApplicantForm>(
      html`<applicant-form definition="einbuergerung" storage="none"></applicant-form>`,
    );
    await waitUntil(() => form.shadowRoot!.querySelector('#step-heading'));
    expect(form.data).to.deep.equal({});
    form.remove();

    const changed = oneEvent(el, 'prefill-change') as Promise<PrefillChangeEvent>;
    consent.click();
    const { detail } = await changed;
    expect(detail.consent).to.equal(true);
    expect(detail.data).to.deep.equal({
      residence: { residenceTitle: 'niederlassungserlaubnis' },
      language: { languageProof: 'certificate', knowledgeProof: 'test' },
      livelihood: { receivesBenefits: false },
      criminalRecord: { convictions: true },
    });
    expect(sessionStorage.getItem('ozg-forms:prefill:einbuergerung')).to.be.a('string');

    form = await fixture<ApplicantForm>(
      html`<applicant-form definition="einbuergerung" storage="none"></applicant-form>`,
    );
    await waitUntil(
      () => form.shadowRoot!.querySelector('[part="prefill-note"]'),
      'no prefill note',
    );
    expect(form.data).to.deep.equal(detail.data);
    expect(text(form.shadowRoot!.querySelector('[part="prefill-note"]'))).to.contain(
      'Antworten aus dem Quick-Check',
    );
    await expect(form).shadowDom.to.be.accessible();
    // Taken once: the offer is gone.
    expect(sessionStorage.getItem('ozg-forms:prefill:einbuergerung')).to.equal(null);

    // Withdrawing consent removes an offer that is still waiting.
    consent.click();
    await el.updateComplete;
    consent.click();
    await el.updateComplete;
    expect(sessionStorage.getItem('ozg-forms:prefill:einbuergerung')).to.be.a('string');
    consent.click();
    await el.updateComplete;
    expect(sessionStorage.getItem('ozg-forms:prefill:einbuergerung')).to.equal(null);
  });

  it('never overwrites an answer the citizen already gave in the application', async () => {
    const form = await fixture<ApplicantForm>(
      html`<applicant-form definition="einbuergerung" storage="none"></applicant-form>`,
    );
    await waitUntil(() => form.shadowRoot!.querySelector('#step-heading'));
    form.data = { family: { maritalStatus: 'divorced' } };
    form.prefill = {
      family: { maritalStatus: 'married' },
      livelihood: { receivesBenefits: false },
    };
    await form.updateComplete;
    expect(form.data).to.deep.equal({
      family: { maritalStatus: 'divorced' },
      livelihood: { receivesBenefits: false },
    });
  });

  it('prints the result without buttons and choices', async () => {
    const el = await check({ applyHref: '/antrag' });
    await showResult(el, ELIGIBLE);
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle($(el, '.actions')!).display).to.equal('none');
      expect(getComputedStyle($(el, '.handoff')!).display).to.equal('none');
      expect(getComputedStyle($(el, '[part="criteria"]')!).display).to.equal('block');
      expect(getComputedStyle($(el, '[part~="verdict"]')!).display).to.equal('block');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle($(el, '.actions')!).display).to.equal('flex');
  });

  it('shows all questions on one page when the definition says so, with an error summary', async () => {
    // A definition by URL with its precompiled validator module (npm run precompile), as under a strict CSP.
    const el = await fixture<QuickCheck>(
      html`<quick-check
        lang="de"
        storage="none"
        definition="/test/fixtures/quick-check-page.json"
        validator="/.tmp/quick-check-page.validator.js"
      ></quick-check>`,
    );
    await ready(el);
    expect(root(el).querySelectorAll('fieldset'), root(el).innerHTML).to.have.length(2);
    button(el, 'Ergebnis anzeigen').click();
    await el.updateComplete;
    expect(active(el)?.classList.contains('summary')).to.equal(true);
    expect(text($(el, '.summary h3'))).to.equal('Bitte beantworten Sie noch 2 Fragen:');
    await expect(el).shadowDom.to.be.accessible();
    (root(el).querySelector('.summary a') as HTMLAnchorElement).click();
    expect(active(el)?.getAttribute('type')).to.equal('radio');
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios[0]!.click(); // volljährig: Ja
    radios[3]!.click(); // Einwohner: Nein
    await el.updateComplete;
    const complete = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
    button(el, 'Ergebnis anzeigen').click();
    const { detail } = await complete;
    expect(detail.result.verdict).to.equal('check-with-authority');
    expect(detail.result.criteria.map((c) => c.outcome)).to.deep.equal([
      'met',
      'check-with-authority',
    ]);
  });

  it('tells the web editor what is wrong with a definition', async () => {
    const el = document.createElement('quick-check');
    const failed = oneEvent(el, 'error') as Promise<DefinitionErrorEvent>;
    el.definition = {
      id: 'no-check',
      version: '1.0.0',
      title: 'Ohne Quick-Check',
      language: 'de',
      legalState: '2026-01-01',
      schema: { type: 'object', properties: { a: { type: 'string', maxLength: 5 } } },
      steps: [{ id: 'a', title: 'A', fields: ['/a'] }],
    };
    document.body.append(el);
    const { detail } = await failed;
    expect(detail.problems[0]!.pointer).to.equal('/quickCheck');
    await waitUntil(() => $(el, '.definition-error'), 'no message for the editor');
    expect($(el, '[role="alert"]')).to.exist;
    expect(text($(el, '.definition-error'))).to.contain('/quickCheck');
    await expect(el).shadowDom.to.be.accessible();
    el.remove();
  });

  describe('drafts kept on the device', () => {
    afterEach(async () => {
      localStorage.clear();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase('ozg-forms');
        request.onsuccess = request.onerror = resolve;
      });
    });

    it('a page with only a quick-check removes expired drafts and their keys, and seals clear text', async () => {
      // The application's draft, kept on the device (sealed) until a moment from now.
      const sealed = JSON.parse(clearTextDraft({ person: { familyName: 'Yılmaz' } }, 0)).draft;
      const ok = await sealedDrafts(DRAFT)!.save({ ...sealed, expiresAt: Date.now() + 200 });
      expect(ok).to.equal(true);
      expect(await keptKey()).to.exist;
      // Left by an older version in clear text: one expired, one not.
      const other = 'ozg-forms:draft:other';
      const third = 'ozg-forms:draft:third';
      localStorage.setItem(other, clearTextDraft({ a: 'Öztürk' }, Date.now() - 1));
      localStorage.setItem(third, clearTextDraft({ a: 'Şahin' }, Date.now() + 86_400_000));
      await new Promise((r) => setTimeout(r, 250));
      expect(localStorage.getItem(DRAFT), 'nothing removed it before an element loaded').to.exist;

      const el = await check();
      expect(localStorage.getItem(DRAFT)).to.equal(null);
      expect(localStorage.getItem(other)).to.equal(null);
      await waitUntil(async () => (await keptKey()) === undefined, 'its key was not deleted');
      await waitUntil(() => JSON.parse(localStorage.getItem(third) ?? '{}').format === 2);
      expect(localStrings().join()).not.to.match(/Yılmaz|Öztürk|Şahin/);
      expect(await keptKey(third)).to.exist;
      await expect(el).shadowDom.to.be.accessible();
    });
  });
});
