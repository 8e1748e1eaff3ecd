/**
 * The citizens' languages, in Chromium, through the elements' public surface: every built-in
 * service's quick-check result and application review read in Turkish, Arabic, Ukrainian, Russian
 * and Persian (the definition's texts from its translation, nothing left in German), amounts and
 * dates formatted for the language in Western digits, Arabic and Persian laid out right to left
 * (positions of label, field, error and progress at a phone's and a desktop's width), axe-clean,
 * the counted messages in each plural form, and the language switch keeping every answer.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/applicant-form/define.js';
import '../../src/elements/quick-check/define.js';
import type { QuickCheck } from '../../src/elements/quick-check/quick-check.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import { messages } from '../../src/core/messages/index.js';
import { criteria, mountCheck, showResult, text, type Answers } from './support/quick-check.js';

type Data = Record<string, any>;
type Texts = Record<string, string>;

const LANGUAGES = ['tr', 'ar', 'uk', 'ru', 'fa'];
const RIGHT_TO_LEFT = ['ar', 'fa'];
const TODAY = '2026-12-01';

const json = async <T>(path: string): Promise<T> =>
  (await fetch(new URL(path, import.meta.url))).json() as Promise<T>;
const translations = (service: string, lang: string) =>
  json<Texts>(`../../locales/definitions/${service}.${lang}.json`);
/** Eastern Arabic and Persian digits: figures read as on German papers, in Western digits. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/;

/** Answers that give each service's check a result. */
const CHECKS: Record<string, () => Promise<Answers>> = {
  einbuergerung: () => json('../fixtures/quick-check-eligible.json'),
  verpflichtungserklaerung: async () => ({
    status: 'deutsch',
    leistungen: false,
    nettoeinkommen: 2400,
    unterhaltspflichten: 0,
    erwachsene: 1,
    kinder: 0,
  }),
  beschaeftigungserlaubnis: async () => ({
    papier: 'duldung',
    seit: '2024-11-15',
    herkunft: 'other',
    identitaet: 'ja',
    art: 'beschaeftigung',
  }),
};

/** Data that reaches each service's review (the applicant's part of the work permit). */
const APPLICATIONS: Record<string, string> = {
  einbuergerung: '../fixtures/einbuergerung-sample.json',
  verpflichtungserklaerung: '../fixtures/verpflichtungserklaerung-sample.json',
  beschaeftigungserlaubnis: '../fixtures/beschaeftigungserlaubnis-applicant.json',
};

const shadow = (el: Element) => el.shadowRoot!;
/** Texts marked as falling back to German (a translation lacks them). */
const germanFallbacks = (el: Element) =>
  [...shadow(el).querySelectorAll('[lang]')].filter(
    (node) =>
      node.getAttribute('lang')!.startsWith('de') && !node.closest('[part="language-switch"]'),
  );

async function form(service: string, lang: string, extra: { languages?: string } = {}) {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      definition=${service}
      lang=${lang}
      languages=${extra.languages ?? ''}
      endpoint="/api/none"
      storage="none"
    ></applicant-form>`,
  );
  if (!extra.languages) el.removeAttribute('languages');
  await waitUntil(() => shadow(el).querySelector('#step-heading, .definition-error'), 'no form', {
    timeout: 5000,
  });
  await el.updateComplete;
  expect(shadow(el).querySelector('.definition-error')).to.equal(null);
  return el;
}

async function next(el: ApplicantForm) {
  shadow(el).querySelector<HTMLButtonElement>('button.next')!.click();
  await el.updateComplete;
  await el.updateComplete;
  await waitUntil(() => shadow(el).querySelector('#step-heading'), 'the next page did not render');
}

async function toReview(el: ApplicantForm) {
  for (let i = 0; i < 20 && !shadow(el).querySelector('.review'); i++) await next(el);
  await waitUntil(() => shadow(el).querySelector('.review'), 'no review');
  await el.updateComplete;
}

describe('the citizens’ languages', () => {
  for (const lang of LANGUAGES) {
    describe(lang, () => {
      for (const service of Object.keys(CHECKS)) {
        it(`${service}: the quick-check’s result reads in ${lang}`, async () => {
          const texts = await translations(service, lang);
          const el = await mountCheck(service, { lang, today: TODAY });
          expect(text(el.shadowRoot!.querySelector('[part="title"]'))).to.equal(
            texts['/quickCheck/title'],
          );
          await showResult(el, await CHECKS[service]!());
          const titles = new Set(
            Object.entries(texts)
              .filter(([pointer]) => /^\/quickCheck\/criteria\/\d+\/title$/.test(pointer))
              .map(([, title]) => title.replace(/\s+/g, ' ').trim()),
          );
          const shown = criteria(el).map((c) => text(c.querySelector('h4')));
          expect(shown.length).to.be.greaterThan(0);
          for (const title of shown) expect(titles, title).to.include(title);
          expect(germanFallbacks(el)).to.deep.equal([]);
          expect(EASTERN_DIGITS.test(el.shadowRoot!.textContent ?? '')).to.equal(false);
          expect(getComputedStyle(el).direction).to.equal(
            RIGHT_TO_LEFT.includes(lang) ? 'rtl' : 'ltr',
          );
          await expect(el).shadowDom.to.be.accessible();
        });

        it(`${service}: the application’s review reads in ${lang}`, async () => {
          const texts = await translations(service, lang);
          const el = await form(service, lang);
          el.data = await json<Data>(APPLICATIONS[service]!);
          await toReview(el);
          const stepTitles = [...shadow(el).querySelectorAll('.review section h4')].map(text);
          expect(stepTitles.length).to.be.greaterThan(0);
          const translated = new Set(
            Object.values(texts).map((t) => t.replace(/\s+/g, ' ').trim()),
          );
          for (const title of stepTitles) expect(translated, title).to.include(title);
          // Every question's label in the review is its translation.
          // (An entry of a list is named by its translated item title and number: "Kind 2".)
          const labels = [...shadow(el).querySelectorAll('.review dt')].map((dt) =>
            text(dt).replace(/ \d+$/, ''),
          );
          expect(labels.length).to.be.greaterThan(3);
          for (const label of labels) expect(translated, label).to.include(label);
          expect(germanFallbacks(el)).to.deep.equal([]);
          expect(EASTERN_DIGITS.test(shadow(el).textContent ?? '')).to.equal(false);
          await expect(el).shadowDom.to.be.accessible();
        });
      }

      it('the error summary counts in the language’s plural forms', async () => {
        const el = await form('einbuergerung', lang);
        await next(el);
        await waitUntil(() => shadow(el).querySelector('[part="error-summary"] h3'));
        const count = shadow(el).querySelectorAll('[part="error-summary"] li').length;
        expect(count).to.be.greaterThan(1);
        expect(text(shadow(el).querySelector('[part="error-summary"] h3'))).to.equal(
          messages.format(lang, 'errorSummary', { n: count }).text,
        );
        await expect(el).shadowDom.to.be.accessible();
      });
    });
  }

  it('on a Liferay page without a lang of its own, the portal’s page language (Liferay.ThemeDisplay)', async () => {
    const html_ = document.documentElement;
    const pageLang = html_.getAttribute('lang');
    html_.removeAttribute('lang');
    (globalThis as any).Liferay = { ThemeDisplay: { getBCP47LanguageId: () => 'tr-TR' } };
    try {
      const texts = await translations('einbuergerung', 'tr');
      const el = await fixture<QuickCheck>(
        html`<quick-check definition="einbuergerung" today=${TODAY} storage="none"></quick-check>`,
      );
      await waitUntil(
        () => text(shadow(el).querySelector('[part="title"]')) === texts['/quickCheck/title'],
        'not in the portal’s language',
        { timeout: 5000 },
      );
      // A lang on the element, or on the page, still comes first.
      el.setAttribute('lang', 'en');
      const english = await translations('einbuergerung', 'en');
      await waitUntil(
        () => text(shadow(el).querySelector('[part="title"]')) === english['/quickCheck/title'],
        'its own lang did not win',
        { timeout: 5000 },
      );
    } finally {
      delete (globalThis as any).Liferay;
      if (pageLang !== null) html_.setAttribute('lang', pageLang);
    }
  });

  it('a text a translation lacks shows in German, marked German and left to right', async () => {
    // A definition that is not built in, translated into Arabic only in part.
    const page = document.createElement('div');
    page.lang = 'ar';
    page.dir = 'rtl';
    document.body.append(page);
    try {
      const el = document.createElement('quick-check') as QuickCheck;
      el.setAttribute('definition', '/test/fixtures/quick-check-page.json');
      el.setAttribute('validator', '/.tmp/quick-check-page.validator.js');
      el.setAttribute('storage', 'none');
      el.translations = {
        ar: {
          '/quickCheck/title': 'هل يُسمح لي؟',
          '/quickCheck/schema/properties/alt/title': 'هل أنت بالغ؟',
        },
      };
      page.append(el);
      await waitUntil(() => shadow(el).querySelector('fieldset'), 'no questions', {
        timeout: 5000,
      });
      await el.updateComplete;
      expect(text(shadow(el).querySelector('[part="title"]'))).to.equal('هل يُسمح لي؟');
      const legends = [...shadow(el).querySelectorAll('fieldset legend')];
      expect(text(legends[0]!)).to.equal('هل أنت بالغ؟');
      expect(legends[0]!.querySelector('[lang]')).to.equal(null);
      // Untranslated: the German text itself, never a key or nothing, in a German span.
      const german = legends[1]!.querySelector('span[lang="de"]')!;
      expect(text(german)).to.equal('Wohnen Sie in der Stadt?');
      expect(german.getAttribute('dir')).to.equal('ltr');
      expect(getComputedStyle(german).direction).to.equal('ltr');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      await expect(el).shadowDom.to.be.accessible();
    } finally {
      page.remove();
    }
  });

  describe('dates', () => {
    const birthDate = (el: ApplicantForm) =>
      shadow(el).querySelector<HTMLInputElement>('#f_2f_person_2f_birthDate')!;
    const typed: Record<string, string[]> = {
      ar: ['١٤/٠٣/٢٠٢١'],
      fa: ['۱۴/۰۳/۲۰۲۱'],
    };
    for (const lang of ['de', 'en', ...LANGUAGES])
      it(`typed day first in ${lang} (14.03.2021, 14/3/2021, 14032021, 2021-03-14) land as 2021-03-14`, async () => {
        const el = await form('einbuergerung', lang);
        for (const date of [
          '14.03.2021',
          '14/3/2021',
          '14 03 2021',
          '14032021',
          '2021-03-14',
          ...(typed[lang] ?? []),
        ]) {
          const input = birthDate(el);
          expect(input.type).to.equal('text');
          input.focus();
          input.select();
          await sendKeys({ press: 'Backspace' });
          await sendKeys({ type: date });
          await sendKeys({ press: 'Tab' });
          await el.updateComplete;
          expect((el.data as Data).person?.birthDate, `${lang} ${date}`).to.equal('2021-03-14');
        }
        // Shown as the citizen types it, whatever the language; the hint says the order.
        el.data = { person: { birthDate: '1990-07-01' } };
        await el.updateComplete;
        expect(birthDate(el).value).to.equal('01.07.1990');
        const hint = shadow(el).getElementById(
          birthDate(el).getAttribute('aria-describedby')!.split(' ')[0]!,
        )!;
        expect(text(hint)).to.match(/14\.03\.2021/);
        // No date: kept as typed, and the form says it is none.
        birthDate(el).focus();
        birthDate(el).select();
        await sendKeys({ type: '31.02.2021' });
        await sendKeys({ press: 'Tab' });
        await el.updateComplete;
        await next(el);
        expect(birthDate(el).getAttribute('aria-invalid')).to.equal('true');
        await expect(el).shadowDom.to.be.accessible();
      });
  });

  it('counts 1, 2, 5 and 21 with the right form in Russian, Ukrainian and Arabic', async () => {
    // Each language's own table, as the elements load it.
    await Promise.all(['ru', 'uk', 'ar'].map((lang) => messages.load(lang)));
    for (const lang of ['ru', 'uk', 'ar']) {
      const table = (
        (await import(`../../src/core/messages/${lang}.ts`)) as {
          default: Record<string, Record<string, string>>;
        }
      ).default.errorSummary!;
      const rules = new Intl.PluralRules(lang);
      const said = [1, 2, 5, 21].map((n) => messages.format(lang, 'errorSummary', { n }).text);
      [1, 2, 5, 21].forEach((n, i) => {
        expect(said[i], `${lang} ${n}`).to.equal(table[rules.select(n)]!.replace('{n}', String(n)));
        // Arabic says one and two in the noun's own form ("إجابة واحدة"), every other count in figures.
        if (!(lang === 'ar' && n <= 2)) expect(said[i]).to.contain(String(n));
      });
      // Russian and Ukrainian: 1 and 21 share a form, 2 and 5 do not; Arabic: 1, 2, 5 all differ.
      if (lang === 'ar') expect(new Set(said.slice(0, 3)).size).to.equal(3);
      else {
        expect(said[0]!.replace('1', '#')).to.equal(said[3]!.replace('21', '#'));
        expect(said[1]!.replace('2', '#')).not.to.equal(said[2]!.replace('5', '#'));
      }
    }
  });

  describe('right to left', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    for (const lang of RIGHT_TO_LEFT)
      for (const width of [360, 1280])
        it(`${lang} at ${width} px: label, field, error and progress start on the right`, async () => {
          await setViewport({ width, height: 900 });
          const el = await form('einbuergerung', lang);
          await next(el);
          await waitUntil(() => shadow(el).querySelector('.field.invalid'));
          const box = shadow(el).querySelector<HTMLElement>('.field.invalid')!;
          // The label's text, not its box (a block as wide as the line).
          const range = document.createRange();
          range.selectNodeContents(box.querySelector('label')!);
          const label = range.getBoundingClientRect();
          const input = box.querySelector('input')!.getBoundingClientRect();
          const field = box.getBoundingClientRect();
          const error = box.querySelector('.error')!.getBoundingClientRect();
          const style = getComputedStyle(box);
          expect(getComputedStyle(el).direction).to.equal('rtl');
          // The error's bar is on the right (the start of the line), the text starts there too.
          expect(style.borderRightWidth).to.equal('4px');
          expect(style.borderLeftWidth).to.equal('0px');
          const inner =
            field.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
          expect(Math.abs(input.right - inner)).to.be.below(1.5);
          expect(Math.abs(error.right - inner)).to.be.below(1.5);
          // A label shorter than the line sits at the right.
          expect(Math.abs(label.right - inner)).to.be.below(1.5);
          expect(label.left).to.be.above(field.left + parseFloat(style.borderLeftWidth));
          // The progress fills from the right.
          const bar = shadow(el).querySelector('.bar')!.getBoundingClientRect();
          const filled = shadow(el).querySelector('.bar > span')!.getBoundingClientRect();
          expect(filled.width).to.be.above(0);
          expect(filled.width).to.be.below(bar.width);
          expect(Math.abs(filled.right - bar.right)).to.be.below(1);
          await expect(el).shadowDom.to.be.accessible();
        });

    it('German stays left to right in the same page, its progress filling from the left', async () => {
      const el = await form('einbuergerung', 'de');
      expect(getComputedStyle(el).direction).to.equal('ltr');
      const bar = shadow(el).querySelector('.bar')!.getBoundingClientRect();
      const filled = shadow(el).querySelector('.bar > span')!.getBoundingClientRect();
      expect(Math.abs(filled.left - bar.left)).to.be.below(1);
    });
  });

  describe('the language switch', () => {
    it('changes only the element, keeps every answer, and says so', async () => {
      const el = await form('einbuergerung', 'de', { languages: 'de en tr ar uk ru fa' });
      const select = await waitUntil(() =>
        shadow(el).querySelector<HTMLSelectElement>('[part~="language-switch"] select'),
      ).then(() =>
        shadow(el).querySelector<HTMLSelectElement>('[part~="language-switch"] select')!,
      );
      expect([...select.options].map((o) => [o.value, o.lang])).to.deep.equal(
        ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa'].map((l) => [l, l]),
      );
      expect(select.labels[0]!.textContent!.trim()).to.equal('Sprache');
      el.data = { person: { familyName: 'Yılmaz', givenNames: 'Ayşe' } };
      await el.updateComplete;
      const before = structuredClone(el.data);
      const texts = await translations('einbuergerung', 'ar');

      select.value = 'ar';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(
        () => text(shadow(el).querySelector('#step-heading')) === texts['/steps/0/title'],
        'the form did not switch to Arabic',
      );
      expect(el.getAttribute('lang')).to.equal('ar');
      expect(document.documentElement.lang).not.to.equal('ar');
      expect(el.data).to.deep.equal(before);
      expect(getComputedStyle(el).direction).to.equal('rtl');
      const status = shadow(el).querySelector('[part~="language-switch"] [role="status"]')!;
      expect(text(status)).to.contain('العربية');
      expect(status.getAttribute('lang')).to.equal('ar');
      expect(
        shadow(el).querySelector<HTMLSelectElement>('[part~="language-switch"] select')!.value,
      ).to.equal('ar');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('offers only the languages the library has, and none for fewer than two', async () => {
      const el = await form('einbuergerung', 'de', { languages: 'de xx en' });
      await waitUntil(() => shadow(el).querySelector('[part~="language-switch"] select'));
      const options = [...shadow(el).querySelectorAll('[part~="language-switch"] option')];
      expect(options.map((o) => o.getAttribute('value'))).to.deep.equal(['de', 'en']);
      el.setAttribute('languages', 'de');
      await el.updateComplete;
      expect(shadow(el).querySelector('[part~="language-switch"]')).to.equal(null);
    });
  });
});
