/**
 * The Bonitätsrechner of the built-in `verpflichtungserklaerung` quick-check in Chromium, through
 * the element's public surface only: attributes, properties, events, the keyboard, and what the
 * browser's accessibility tree gives a screen reader. The figures are those of
 * test/core/solvency.test.ts (amounts there in cents).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { QuickCheck } from '../../src/elements/quick-check/quick-check.js';
import type { QuickCheckCompleteEvent } from '../../src/elements/quick-check/events.js';
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
import type { SolvencyResult } from '../../src/core/solvency.js';

/** A node of the browser's accessibility tree (Puppeteer's snapshot, test/support/accessibility.js). */
interface AXNode {
  role: string;
  name?: string;
  level?: number;
  children?: AXNode[];
}

/** The criterion "Ihr Einkommen reicht für Ihre Gäste (Bonität)", the third. */
const bonitaet = (el: QuickCheck) => criteria(el)[2]!;
const workings = (el: QuickCheck) => $(el, '[part="criterion"] [part="workings"]');
/** The workings' rows: each term with its value. */
const rows = (el: QuickCheck) => {
  const terms = [...workings(el)!.querySelectorAll('dt')];
  return terms.map((dt) => [text(dt), text(dt.nextElementSibling)]);
};
const computed = (el: QuickCheck) => el.result!.computed.bonitaet as SolvencyResult;

/** A German host, no social benefits, no dependants, one adult guest and no child. */
const HOST: Answers = {
  status: 'deutsch',
  leistungen: false,
  nettoeinkommen: 2400,
  unterhaltspflichten: 0,
  erwachsene: 1,
  kinder: 0,
};

const check = (options: { lang?: string; today?: string; applyHref?: string } = {}) =>
  mountCheck('verpflichtungserklaerung', { ...options, today: options.today ?? '2026-12-01' });

const isInput = (e: HTMLElement) => e instanceof HTMLInputElement;

/** A radio question: into the group, Space on the first choice, arrows down, Tab to "Weiter", Enter. */
async function choose(el: QuickCheck, arrows: number): Promise<void> {
  await tabTo(el, isInput);
  await sendKeys({ press: 'Space' });
  for (let i = 0; i < arrows; i++) await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
  await tabTo(el, (e) => e.classList.contains('next'));
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

/** A number question: into the field, type, Enter (which moves on, as in a form). */
async function typeIn(el: QuickCheck, value: string): Promise<HTMLInputElement> {
  const input = (await tabTo(el, isInput)) as HTMLInputElement;
  await clear(input);
  await sendKeys({ type: value });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  return input;
}

/** Empties the focused text field with Backspace. */
async function clear(input: HTMLInputElement): Promise<void> {
  input.setSelectionRange(input.value.length, input.value.length);
  for (let i = input.value.length; i > 0; i--) await sendKeys({ press: 'Backspace' });
}

/** What the accessibility tree holds under the first element `selector` finds (through shadow roots). */
const accessibilityOf = (selector: string) =>
  executeServerCommand<AXNode, { selector: string }>('accessibility-node', { selector });

function descendants(node: AXNode): AXNode[] {
  return (node.children ?? []).flatMap((child) => [child, ...descendants(child)]);
}

describe('<quick-check definition="verpflichtungserklaerung">: the Bonitätsrechner', () => {
  afterEach(() => sessionStorage.clear());

  it('is answered by keyboard alone and shows its workings with the host’s own figures', async () => {
    const el = await check();
    expect(heading(el)).to.equal('Frage 1 von höchstens 7');
    expect(question(el)).to.contain('Welche Staatsangehörigkeit oder welches Aufenthaltsrecht');
    await expect(el).shadowDom.to.be.accessible();

    $(el, '#question-heading')!.focus();
    await choose(el, 0); // Ich bin Deutsche oder Deutscher.
    expect(heading(el)).to.equal('Frage 2 von höchstens 7');
    expect(active(el)?.id).to.equal('question-heading');
    expect(question(el)).to.contain('Bürgergeld');
    await choose(el, 1); // Nein
    expect(question(el)).to.contain('Nettoeinkommen');
    const income = await typeIn(el, '2400');
    expect(income.getAttribute('inputmode')).to.equal('numeric');
    expect(heading(el)).to.equal('Frage 4 von höchstens 7');
    expect(question(el)).to.contain('Unterhalt');
    await typeIn(el, '0');
    expect(question(el)).to.contain('Erwachsene');
    await typeIn(el, '1');
    expect(heading(el)).to.equal('Frage 6 von höchstens 7');
    expect(question(el)).to.contain('minderjährige Kinder');

    let verdict: string | undefined;
    el.addEventListener('quick-check-complete', (e) => (verdict = e.detail.result.verdict));
    const complete = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
    await typeIn(el, '0');
    const { detail } = await complete;
    await el.updateComplete;

    expect(verdict).to.equal('met');
    expect(detail.answers).to.deep.equal(HOST);
    expect(detail.result.verdict).to.equal('met');
    expect(active(el)?.id).to.equal('result-heading');
    expect(text($(el, '[part~="verdict"]'))).to.contain(
      'Sie erfüllen voraussichtlich alle Voraussetzungen.',
    );
    expect(text($(el, '.result'))).to.contain('Geprüft für den 01.12.2026.');
    expect(criteria(el).map((c) => c.className)).to.deep.equal(['met', 'met', 'met']);

    // Only the criterion that asks for it explains its figures.
    expect(criteria(el)[0]!.querySelector('[part="workings"]')).to.equal(null);
    expect(criteria(el)[1]!.querySelector('[part="workings"]')).to.equal(null);
    const box = bonitaet(el).querySelector('[part="workings"]')!;
    expect(box).to.exist;
    expect(text(bonitaet(el).querySelector('h4'))).to.equal(
      'Ihr Einkommen reicht für Ihre Gäste (Bonität)',
    );
    expect(text(box.querySelector('h5'))).to.equal('So haben wir gerechnet');
    expect(rows(el)).to.deep.equal([
      ['Ihr Nettoeinkommen im Monat', '2.400,00 €'],
      ['Unpfändbar, wenn Sie niemandem Unterhalt gewähren (Pfändungsfreigrenze)', '1.587,40 €'],
      ['Davon pfändbar (pfändbares Einkommen)', '70 % × (2.400,00 € − 1.587,40 €) = 568,82 €'],
      [
        'Bedarf Ihrer Gäste im Monat',
        '1 × 281,50 € (Erwachsene) + 0 × 140,75 € (Kinder) = 281,50 €',
      ],
      [
        'Mindestnettoeinkommen für Ihren Haushalt und Ihre Gäste',
        '1.587,40 € + 281,50 € ÷ 70 % ≈ 1.990 €',
      ],
    ]);
    const all = text(box);
    expect(all).to.contain('Ihr Einkommen liegt 410 € über dem Mindesteinkommen.');
    expect(all).to.contain(
      'Pfändungsfreigrenzen vom 01.07.2026 bis 30.06.2027: Pfändungsfreigrenzenbekanntmachung 2026 (BGBl. 2026 I Nr. 80).',
    );
    expect(all).to.contain('Bedarf je Gast: Je Erwachsenem die Hälfte');
    expect(all).to.contain('Das ist eine Schätzung.');
    expect(all).not.to.contain('Ihnen fehlen');
    expect(box.querySelector('[part="workings-stale"]')).to.equal(null);

    // The same figures, unrounded, to the host page.
    for (const solvency of [detail.result.computed.bonitaet, computed(el)] as SolvencyResult[]) {
      expect(solvency).to.include({
        covered: true,
        method: 'law',
        income: 240000,
        exempt: 158740,
        share: 70,
        seizable: 56882,
        need: 28150,
        minimum: 199000,
        current: true,
      });
    }

    // What a screen reader gets: a heading of its own under the criterion's, and the figures.
    const tree = await accessibilityOf('[part="workings"]');
    const nodes = descendants(tree);
    const title = nodes.find((n) => n.role === 'heading' && n.name === 'So haben wir gerechnet');
    expect(title, JSON.stringify(tree)).to.exist;
    expect(title!.level).to.equal(5);
    const spoken = nodes
      .map((n) => n.name ?? '')
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const figure of ['2.400,00 €', '1.587,40 €', '568,82 €', '281,50 €', '1.990 €']) {
      expect(spoken, figure).to.contain(figure);
    }
    await expect(el).shadowDom.to.be.accessible();
  });

  it('says how much is missing when the income is too low, what does not count and what else may do', async () => {
    const el = await check();
    const { detail } = await showResult(el, { ...HOST, nettoeinkommen: 1900 });
    expect(detail.result.verdict).to.equal('not-met');
    expect(text($(el, '[part~="verdict"]'))).to.contain(
      'Sie erfüllen voraussichtlich nicht alle Voraussetzungen.',
    );
    expect(bonitaet(el).className).to.equal('not-met');
    expect(text(bonitaet(el))).to.contain('Voraussichtlich nicht erfüllt');
    expect(text(bonitaet(el))).to.contain('deckt der pfändbare Teil Ihres Einkommens');
    const all = text(workings(el));
    expect(rows(el)[2]).to.deep.equal([
      'Davon pfändbar (pfändbares Einkommen)',
      '70 % × (1.900,00 € − 1.587,40 €) = 218,82 €',
    ]);
    expect(all).to.contain('Ihnen fehlen rund 90 € im Monat.');
    expect(all).not.to.contain('über dem Mindesteinkommen');
    expect(all).to.contain('Sperrkonto');
    expect(all).to.contain('Bankbürgschaft');
    expect(all).to.contain('Nicht mitgerechnet werden Kindergeld');
    expect(computed(el)).to.include({ covered: false, minimum: 199000, seizable: 21882 });
    await expect(el).shadowDom.to.be.accessible();
  });

  it('counts with the Pfändungsfreigrenzen of the day, and again when `today` changes', async () => {
    const el = await check({ today: '2026-06-30' });
    // 1,970 €: enough under the 2025/26 values (minimum 1,957 €), not from 1 July 2026 (1,990 €).
    await showResult(el, { ...HOST, nettoeinkommen: 1970 });
    expect(el.result!.verdict).to.equal('met');
    expect(rows(el)[1]![1]).to.equal('1.555,00 €');
    expect(rows(el)[2]![1]).to.equal('70 % × (1.970,00 € − 1.555,00 €) = 290,50 €');
    expect(rows(el)[4]![1]).to.equal('1.555,00 € + 281,50 € ÷ 70 % ≈ 1.957 €');
    expect(text(workings(el))).to.contain(
      'Pfändungsfreigrenzen vom 01.07.2025 bis 30.06.2026: Pfändungsfreigrenzenbekanntmachung 2025 (BGBl. 2025 I Nr. 110).',
    );
    expect(computed(el)).to.include({ exempt: 155500, minimum: 195700, current: true });

    el.setAttribute('today', '2026-07-01');
    await el.updateComplete;
    expect(el.result!.date).to.equal('2026-07-01');
    expect(el.result!.verdict).to.equal('not-met');
    expect(bonitaet(el).className).to.equal('not-met');
    expect(text($(el, '.result'))).to.contain('Geprüft für den 01.07.2026.');
    expect(rows(el)[1]![1]).to.equal('1.587,40 €');
    expect(rows(el)[2]![1]).to.equal('70 % × (1.970,00 € − 1.587,40 €) = 267,82 €');
    expect(rows(el)[4]![1]).to.equal('1.587,40 € + 281,50 € ÷ 70 % ≈ 1.990 €');
    expect(text(workings(el))).to.contain('Ihnen fehlen rund 20 € im Monat.');
    expect(text(workings(el))).to.contain('Pfändungsfreigrenzenbekanntmachung 2026');
    expect(computed(el)).to.include({ exempt: 158740, minimum: 199000, current: true });

    // And back, as a property.
    el.today = '2026-06-30';
    await el.updateComplete;
    expect(el.result!.verdict).to.equal('met');
    expect(rows(el)[1]![1]).to.equal('1.555,00 €');
  });

  it('says so when the day lies past the stored values, and uses the latest', async () => {
    const el = await check({ today: '2027-08-01' });
    await showResult(el, HOST);
    const stale = $(el, '[part="workings-stale"]')!;
    expect(stale).to.exist;
    expect(stale.classList.contains('stale')).to.equal(true);
    expect(stale.checkVisibility()).to.equal(true);
    expect(text(stale)).to.contain(
      'Für den 01.08.2027 sind hier noch keine Pfändungsfreigrenzen hinterlegt.',
    );
    expect(text(stale)).to.contain('Die Schätzung rechnet mit den zuletzt hinterlegten Werten.');
    expect(computed(el).current).to.equal(false);
    expect(computed(el)).to.include({ exempt: 158740, minimum: 199000 });
    expect(rows(el)[1]![1]).to.equal('1.587,40 €');
    expect(text(workings(el))).to.contain('Pfändungsfreigrenzenbekanntmachung 2026');
    await expect(el).shadowDom.to.be.accessible();

    // A day within the stored values again: the note goes.
    el.today = '2027-06-30';
    await el.updateComplete;
    expect(computed(el).current).to.equal(true);
    expect($(el, '[part="workings-stale"]')).to.equal(null);

    // A day before the first stored values: said so, without "the limits usually rise".
    el.today = '2024-01-15';
    await el.updateComplete;
    expect(computed(el).current).to.equal(false);
    const earlier = text($(el, '[part="workings-stale"]'));
    expect(earlier).to.contain(
      'Für den 15.01.2024 sind hier keine Pfändungsfreigrenzen hinterlegt',
    );
    expect(earlier).to.contain('Für einen früheren Tag fragen Sie die Behörde.');
    expect(earlier).not.to.contain('steigen');
  });

  it('speaks English, with the German legal terms beside and amounts in euros', async () => {
    const el = await check({ lang: 'en' });
    await waitUntil(() => heading(el) === 'Question 1 of at most 7', 'not in English');
    expect(question(el)).to.equal('What is your nationality or your right of residence?');
    expect(text($(el, 'details.why summary'))).to.equal('Why do we ask this?');
    await expect(el).shadowDom.to.be.accessible();
    el.next();
    el.next();
    await el.updateComplete;
    expect(text($(el, '.error'))).to.contain('Please choose an answer.');

    await showResult(el, HOST);
    expect(text($(el, '#result-heading'))).to.equal('Your result');
    expect(text(bonitaet(el).querySelector('h4'))).to.equal(
      'Your income is enough for your guests (Bonität)',
    );
    expect(text(workings(el)!.querySelector('h5'))).to.equal('How we worked it out');
    expect(rows(el)).to.deep.equal([
      ['Your net income per month (Nettoeinkommen)', '€2,400.00'],
      ['Exempt from seizure when you maintain no one (Pfändungsfreigrenze)', '€1,587.40'],
      ['Of this, seizable (pfändbares Einkommen)', '70 % × (€2,400.00 − €1,587.40) = €568.82'],
      ['Your guests’ need per month', '1 × €281.50 (adults) + 0 × €140.75 (children) = €281.50'],
      [
        'Minimum net income for your household and your guests (Mindestnettoeinkommen)',
        '€1,587.40 + €281.50 ÷ 70 % ≈ €1,990',
      ],
    ]);
    const all = text(workings(el));
    expect(all).to.contain('Your income is €410 above the minimum.');
    expect(all).to.contain(
      'Exemption limits (Pfändungsfreigrenzen) from 01/07/2026 to 30/06/2027: Pfändungsfreigrenzenbekanntmachung 2026',
    );
    expect(all).to.contain('This is an estimate.');
    expect(text(root(el) as unknown as Element)).not.to.contain('£');
    await expect(el).shadowDom.to.be.accessible();

    // Not enough, and after the stored values.
    el.answers = { ...HOST, nettoeinkommen: 1900 };
    el.today = '2027-08-01';
    await el.updateComplete;
    expect(text(workings(el))).to.contain('You are about €90 a month short.');
    expect(text(workings(el))).to.contain('blocked account (Sperrkonto)');
    expect(text(workings(el))).to.contain('Child benefit (Kindergeld)');
    expect(text($(el, '[part="workings-stale"]'))).to.contain(
      'This check holds no exemption limits (Pfändungsfreigrenzen) for 01/08/2027 yet. The estimate uses the latest values it holds.',
    );
    expect(text(root(el) as unknown as Element)).not.to.contain('£');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('asks for at least one guest, and keeps every answer through an error', async () => {
    const el = await check();
    el.answers = { status: 'deutsch', leistungen: false, nettoeinkommen: 2400 };
    for (let i = 0; i < 3; i++) el.next();
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 4 von höchstens 7');
    $(el, '#question-heading')!.focus();
    await typeIn(el, '0');
    await typeIn(el, '0');
    expect(heading(el)).to.equal('Frage 6 von höchstens 7');
    const children = await typeIn(el, '0');

    expect(heading(el)).to.equal('Frage 6 von höchstens 7');
    expect($(el, '#result-heading')).to.equal(null);
    // Read with the hidden "Fehler:" before it.
    expect(text($(el, '.error'))).to.equal(
      'Fehler: Bitte geben Sie mindestens einen Gast an: hier oder bei den Erwachsenen.',
    );
    expect(active(el)).to.equal(children);
    expect(children.getAttribute('aria-invalid')).to.equal('true');
    expect(children.getAttribute('aria-describedby')).to.contain('-error');
    expect(children.value).to.equal('0');
    expect(el.answers).to.deep.equal({ ...HOST, erwachsene: 0 });
    await expect(el).shadowDom.to.be.accessible();

    // Back to the adults: the answer is still there; one adult, and on.
    await tabTo(el, (e) => e.classList.contains('back'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 5 von höchstens 7');
    const adults = $<HTMLInputElement>(el, '.step input')!;
    expect(adults.value).to.equal('0');
    await typeIn(el, '1');
    expect(heading(el)).to.equal('Frage 6 von höchstens 7');
    expect($<HTMLInputElement>(el, '.step input')!.value).to.equal('0');
    const complete = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
    await typeIn(el, '0');
    const { detail } = await complete;
    expect(detail.answers).to.deep.equal(HOST);
    expect(detail.result.verdict).to.equal('met');
  });

  for (const typed of ['2.150', 'abc', '2150,50']) {
    it(`says clearly that "${typed}" is no amount in whole euros, and keeps it`, async () => {
      const el = await check();
      el.answers = { status: 'deutsch', leistungen: false, unterhaltspflichten: 1 };
      el.next();
      el.next();
      await el.updateComplete;
      expect(heading(el)).to.equal('Frage 3 von höchstens 7');
      $(el, '#question-heading')!.focus();
      const income = await typeIn(el, typed);
      expect(heading(el)).to.equal('Frage 3 von höchstens 7');
      expect(text($(el, '.error'))).to.equal(
        'Fehler: Bitte geben Sie einen Betrag in vollen Euro an, ohne Punkt und Komma, zum Beispiel 2150.',
      );
      expect(active(el)).to.equal(income);
      expect(income.getAttribute('aria-invalid')).to.equal('true');
      expect(income.value).to.equal(typed);
      expect(el.answers).to.deep.equal({
        status: 'deutsch',
        leistungen: false,
        unterhaltspflichten: 1,
        nettoeinkommen: typed,
      });
      await expect(el).shadowDom.to.be.accessible();

      // Corrected in place: on to the next question, whose answer is kept.
      await clear(income);
      await sendKeys({ type: '2150' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(heading(el)).to.equal('Frage 4 von höchstens 7');
      expect($<HTMLInputElement>(el, '.step input')!.value).to.equal('1');
      expect(el.answers.nettoeinkommen).to.equal(2150);
    });
  }

  it('asks whether a residence title lasts the visit, and a title that does not is not enough', async () => {
    const el = await check();
    $(el, '#question-heading')!.focus();
    await tabTo(el, isInput);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // Ich habe einen Aufenthaltstitel …
    await el.updateComplete;
    expect(el.answers).to.deep.equal({ status: 'titel' });
    expect(heading(el)).to.equal('Frage 1 von 7');
    await tabTo(el, (e) => e.classList.contains('next'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 2 von 7');
    expect(question(el)).to.equal('Ist Ihr Aufenthaltstitel bis nach dem Ende des Besuchs gültig?');
    await choose(el, 1); // Nein
    expect(heading(el)).to.equal('Frage 3 von 7');

    const { detail } = await showResult(el, { ...HOST, ...el.answers });
    expect(detail.answers).to.deep.equal({ ...HOST, status: 'titel', titelGueltig: 'nein' });
    expect(detail.result.verdict).to.equal('not-met');
    const [berechtigt, leistungen, solvency] = criteria(el);
    expect(berechtigt!.className).to.equal('not-met');
    expect(text(berechtigt!)).to.contain('Sie dürfen eine Verpflichtungserklärung abgeben');
    expect(text(berechtigt!)).to.contain('Lassen Sie ihn zuerst verlängern.');
    expect(leistungen!.className).to.equal('met');
    expect(solvency!.className).to.equal('met');
    await expect(el).shadowDom.to.be.accessible();

    // German after all: the question goes, and so does its answer from what the result uses.
    el.back();
    await el.updateComplete;
    el.answers = { ...el.answers, status: 'deutsch' };
    await el.updateComplete;
    expect(heading(el)).to.equal('Frage 6 von höchstens 7');
    const again = await showResult(el, el.answers);
    expect(again.detail.answers).to.deep.equal(HOST);
    expect(again.detail.result.verdict).to.equal('met');
  });

  it('prints the workings, without buttons and the hand-off', async () => {
    const el = await check({ applyHref: '/verpflichtungserklaerung/antrag' });
    await showResult(el, { ...HOST, nettoeinkommen: 1900 });
    expect($(el, '.handoff')).to.exist;
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(workings(el)!).display).to.equal('block');
      expect(workings(el)!.checkVisibility()).to.equal(true);
      expect(getComputedStyle(workings(el)!.querySelector('dl')!).display).to.equal('block');
      expect(getComputedStyle($(el, '[part="criteria"]')!).display).to.equal('block');
      expect(getComputedStyle($(el, '[part~="verdict"]')!).display).to.equal('block');
      expect(getComputedStyle($(el, '.actions')!).display).to.equal('none');
      expect(getComputedStyle($(el, '.handoff')!).display).to.equal('none');
      for (const b of root(el).querySelectorAll('button')) {
        expect(b.checkVisibility(), text(b)).to.equal(false);
      }
      expect($<HTMLInputElement>(el, '#consent')!.checkVisibility()).to.equal(false);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle($(el, '.actions')!).display).to.equal('flex');
  });
});
