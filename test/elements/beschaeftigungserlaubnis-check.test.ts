/**
 * The quick-check "Darf ich diese Arbeit aufnehmen?" of the built-in `beschaeftigungserlaubnis`
 * in Chromium, through the element's public surface only: attributes, properties, events and the
 * keyboard. The answers and outcomes are those of test/core/beschaeftigungserlaubnis-check.test.ts.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { QuickCheck } from '../../src/elements/quick-check/quick-check.js';
import {
  $,
  active,
  criteria,
  heading,
  mountCheck,
  question,
  root,
  showResult,
  tabTo,
  text,
  type Answers,
} from './support/quick-check.js';
import type {
  PrefillChangeEvent,
  QuickCheckCompleteEvent,
} from '../../src/elements/quick-check/events.js';

/** A criterion of the result by its (German or English) title. */
const criterion = (el: QuickCheck, title: string) => {
  const found = criteria(el).filter((c) => text(c.querySelector('h4')) === title);
  expect(found, `criterion "${title}"`).to.have.length(1);
  return found[0]!;
};
const button = (el: Element, label: string) => {
  const found = [...root(el).querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
const radios = (el: Element) => [...root(el).querySelectorAll<HTMLInputElement>('.step input')];

const TODAY = '2026-12-01';
/** A Duldung holder from a country that is not a safe one, here for two years, helping with identity. */
const DULDUNG: Answers = {
  papier: 'duldung',
  seit: '2024-11-15',
  herkunft: 'other',
  identitaet: 'ja',
  art: 'beschaeftigung',
};
const GESTATTUNG: Answers = {
  papier: 'gestattung',
  seit: '2025-06-01',
  aufnahmeeinrichtung: false,
  herkunft: 'other',
  art: 'beschaeftigung',
};
const RECEPTION = 'Arbeit während der Zeit in der Aufnahmeeinrichtung';

const check = (options: { lang?: string; today?: string; applyHref?: string } = {}) =>
  mountCheck('beschaeftigungserlaubnis', { ...options, today: options.today ?? TODAY });

const isNext = (e: HTMLElement) => e.classList.contains('next');

/** On to the next question: Tab to "Weiter" (or "Ergebnis anzeigen"), Enter. */
async function next(el: QuickCheck): Promise<void> {
  await el.updateComplete;
  await tabTo(el, isNext);
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

/** A radio question: into the group, Space on the first choice, arrows down, on. */
async function choose(el: QuickCheck, arrows: number): Promise<void> {
  await tabTo(el, (e) => e instanceof HTMLInputElement);
  await sendKeys({ press: 'Space' });
  for (let i = 0; i < arrows; i++) await sendKeys({ press: 'ArrowDown' });
  await next(el);
}

/**
 * A date question, as test/elements/quick-check.test.ts types the Einbürgerung's `aufenthaltSeit`:
 * by keyboard, in the order of day, month and year of this browser's date fields (headless
 * Chromium formats them as en-US whatever the page's language), so the test does not depend on
 * the format.
 */
function dateKeys(iso: string): string {
  // Day first, as on German papers, whatever the browser's own language.
  return iso.split('-').reverse().join('.');
}

async function typeDate(el: QuickCheck, iso: string): Promise<void> {
  await tabTo(el, (e) => e instanceof HTMLInputElement);
  await sendKeys({ type: dateKeys(iso) });
  await next(el);
}

/** A select: focus it with Tab and type the start of a choice (the browser's type-ahead). */
async function select(el: QuickCheck, typed: string): Promise<HTMLSelectElement> {
  const box = (await tabTo(el, (e) => e instanceof HTMLSelectElement)) as HTMLSelectElement;
  await sendKeys({ type: typed });
  await el.updateComplete;
  return box;
}

describe('<quick-check definition="beschaeftigungserlaubnis">', () => {
  afterEach(() => sessionStorage.clear());

  it('is answered by keyboard alone: a Duldung, two years here, meets every criterion', async () => {
    const el = await check();
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    expect(text($(el, '[part="title"]'))).to.equal('Darf ich diese Arbeit aufnehmen?');
    expect(question(el)).to.contain('Welches Papier haben Sie?');
    await expect(el).shadowDom.to.be.accessible();

    $(el, '#question-heading')!.focus();
    await choose(el, 1); // Duldung
    expect(heading(el)).to.equal('Frage 2 von höchstens 7');
    expect(active(el)?.id).to.equal('question-heading');
    expect(question(el)).to.contain('Identität');
    await choose(el, 0); // Ja
    expect(question(el)).to.contain('Seit wann sind Sie in Deutschland?');
    await typeDate(el, '2024-12-01'); // two years before today
    expect(el.answers.seit).to.equal('2024-12-01');
    expect(question(el)).to.contain('Staatsangehörigkeit');
    const herkunft = await select(el, 'ein');
    expect(text(herkunft.selectedOptions[0]!)).to.equal('ein anderer Staat');
    expect(el.answers.herkunft).to.equal('other');
    await next(el);
    expect(heading(el)).to.equal('Frage 5 von höchstens 7');
    expect(question(el)).to.contain('Welche Arbeit wollen Sie aufnehmen?');
    expect(text(button(el, 'Ergebnis anzeigen'))).to.equal('Ergebnis anzeigen');

    const complete = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
    await choose(el, 0); // eine Arbeitsstelle (Beschäftigung)
    const { detail } = await complete;
    await el.updateComplete;

    expect(detail.answers).to.deep.equal({ ...DULDUNG, seit: '2024-12-01' });
    expect(detail.result.verdict).to.equal('met');
    expect(el.result!.criteria.map((c) => [c.id, c.outcome])).to.deep.equal([
      ['papier', 'met'],
      ['wartezeit', 'met'],
      ['aufnahmeeinrichtung', 'met'],
      ['herkunft', 'met'],
      ['identitaet', 'met'],
      ['zustimmung', 'met'],
      ['entscheidung', 'met'],
    ]);
    expect(active(el)?.id).to.equal('result-heading');
    expect(text($(el, '[part~="verdict"]'))).to.contain(
      'Sie erfüllen voraussichtlich alle Voraussetzungen.',
    );
    expect(text($(el, '.result'))).to.contain('Geprüft für den 01.12.2026.');
    expect(criteria(el).map((c) => c.className)).to.deep.equal(Array(7).fill('met'));
    const decision = criterion(el, 'Wie die Behörde entscheidet');
    expect(text(decision)).to.contain(
      'Seit dem 27. Februar 2024 soll die Ausländerbehörde Menschen mit Duldung die Arbeit in der Regel erlauben',
    );
    expect(text(criterion(el, 'Zustimmung der Bundesagentur für Arbeit'))).to.contain(
      'Erklärung zum Beschäftigungsverhältnis',
    );
    await expect(el).shadowDom.to.be.accessible();
  });

  it('shows an error for a question left unanswered, accessibly', async () => {
    const el = await check();
    button(el, 'Weiter').click();
    await el.updateComplete;
    expect(text($(el, '.error'))).to.contain('Bitte wählen Sie eine Antwort aus.');
    expect(active(el)?.getAttribute('aria-invalid')).to.equal('true');
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('six weeks here: the waiting time is not met, and says from which day it will be', async () => {
    const el = await check();
    await showResult(el, { ...DULDUNG, seit: '2026-10-15' });
    expect(el.result!.verdict).to.equal('not-met');
    expect(el.result!.metFrom).to.equal('2027-01-15');
    const verdict = text($(el, '[part~="verdict"]'));
    expect(verdict).to.contain('Sie erfüllen voraussichtlich nicht alle Voraussetzungen.');
    expect(verdict).to.contain('voraussichtlich ab 15.01.2027.');
    const waiting = criterion(el, 'Drei Monate in Deutschland');
    expect(waiting.className).to.equal('not-met');
    expect(text(waiting)).to.contain('Voraussichtlich nicht erfüllt');
    expect(text(waiting)).to.contain('Voraussichtlich erfüllt ab 15.01.2027.');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('follows the change of 27.02.2024 by the `today` attribute: nine months, then six', async () => {
    const el = await check({ today: '2024-02-26' });
    await showResult(el, { ...GESTATTUNG, aufnahmeeinrichtung: true, seit: '2023-06-01' });
    expect(el.result!.verdict).to.equal('not-met');
    let reception = criterion(el, RECEPTION);
    expect(reception.className).to.equal('not-met');
    expect(text(reception)).to.contain('in den ersten neun Monaten nicht arbeiten');
    expect(text(reception)).to.contain('Fassung bis 26.02.2024');
    expect(text(reception)).to.contain('Voraussichtlich erfüllt ab 27.02.2024.');
    expect(text($(el, '.result'))).to.contain('Geprüft für den 26.02.2024.');

    el.setAttribute('today', '2024-02-27');
    await el.updateComplete;
    expect(el.result!.verdict).to.equal('met');
    reception = criterion(el, RECEPTION);
    expect(reception.className).to.equal('met');
    expect(text(reception)).to.contain('nach sechs Monaten');
    expect(text(reception)).not.to.contain('Fassung bis');
    expect(text(criterion(el, 'Wie die Behörde entscheidet'))).to.contain(
      'Voraussichtlich erfüllt',
    );
    expect(text($(el, '.result'))).to.contain('Geprüft für den 27.02.2024.');
  });

  it('asks the conditional questions only when they apply', async () => {
    const el = await check();
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    const paper = (index: number) => {
      radios(el)[index]!.click();
      return el.updateComplete;
    };

    await paper(0); // Aufenthaltsgestattung
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    el.next();
    await el.updateComplete;
    expect(question(el)).to.contain('Aufnahmeeinrichtung');
    el.back();
    await el.updateComplete;

    await paper(1); // Duldung
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    el.next();
    await el.updateComplete;
    expect(question(el)).to.contain('Identität');
    el.back();
    await el.updateComplete;

    await paper(2); // Aufenthaltserlaubnis: neither
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    el.next();
    await el.updateComplete;
    expect(question(el)).to.contain('Seit wann');
    el.back();
    await el.updateComplete;

    // A safe country of origin brings the question about the asylum application.
    await paper(1);
    el.answers = { ...el.answers, identitaet: 'ja', seit: '2024-12-01' };
    for (let i = 0; i < 3; i++) {
      el.next();
      await el.updateComplete;
    }
    expect(heading(el)).to.equal('Frage 4 von höchstens 7');
    expect(question(el)).to.contain('Staatsangehörigkeit');
    $(el, '#question-heading')!.focus();
    await select(el, 'Serb');
    expect(el.answers.herkunft).to.equal('serbien');
    expect(heading(el)).to.equal('Frage 4 von höchstens 7');
    await next(el);
    expect(question(el)).to.contain('Wann haben Sie Asyl beantragt?');
    el.back();
    await el.updateComplete;
    $(el, '#question-heading')!.focus();
    await select(el, 'ein');
    expect(el.answers.herkunft).to.equal('other');
    expect(heading(el)).to.equal('Frage 4 von höchstens 7');
    await next(el);
    expect(question(el)).to.contain('Welche Arbeit');
  });

  it('a Gestattung outside a reception centre: the authority decides at its discretion', async () => {
    const el = await check();
    await showResult(el, GESTATTUNG);
    expect(el.result!.verdict).to.equal('check-with-authority');
    expect(text($(el, '[part~="verdict"]'))).to.contain('Bitte lassen Sie sich beraten.');
    expect(criterion(el, 'Wie die Behörde entscheidet').className).to.equal('check-with-authority');
    expect(criterion(el, RECEPTION).className).to.equal('met');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('speaks English, with the German terms beside', async () => {
    const el = await check({ lang: 'en' });
    await waitUntil(() => heading(el) === 'Question 1 of at most 7', 'no English heading');
    expect(text($(el, '[part="title"]'))).to.equal('May I take up this work?');
    expect(question(el)).to.contain('Which paper do you have?');
    expect(text($(el, '.step'))).to.contain('temporary suspension of deportation (Duldung)');
    expect(text($(el, '.step'))).to.contain(
      'permission to reside during the asylum procedure (Aufenthaltsgestattung)',
    );
    await expect(el).shadowDom.to.be.accessible();

    await showResult(el, DULDUNG);
    expect(text($(el, '[part~="verdict"]'))).to.contain('You probably meet all the requirements.');
    const titles = criteria(el).map((c) => text(c.querySelector('h4')));
    expect(titles).to.include('Three months in Germany');
    expect(titles).to.include(
      'Consent of the Federal Employment Agency (Bundesagentur für Arbeit)',
    );
    expect(text($(el, '[part="notice"]'))).to.contain('(Ausländerbehörde)');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('hands the answers on to the application only with consent', async () => {
    const el = await check({ applyHref: '/antrag' });
    await showResult(el, DULDUNG);
    const consent = $(el, '#consent') as HTMLInputElement;
    expect(consent.checked).to.equal(false);
    expect(el.prefill).to.equal(undefined);
    expect(($(el, '[part="apply-link"]') as HTMLAnchorElement).getAttribute('href')).to.equal(
      '/antrag',
    );

    const changed = oneEvent(el, 'prefill-change') as Promise<PrefillChangeEvent>;
    consent.click();
    const { detail } = await changed;
    const expected = {
      statusDocument: { kind: 'duldung' },
      residence: { inGermanySince: '2024-11-15' },
      job: { kind: 'employment' },
    };
    expect(detail.consent).to.equal(true);
    expect(detail.data).to.deep.equal(expected);
    expect(el.prefill).to.deep.equal(expected);
    expect(sessionStorage.getItem('ozg-forms:prefill:beschaeftigungserlaubnis')).to.be.a('string');
  });
});
