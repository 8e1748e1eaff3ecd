/**
 * `<quick-check>` in its real states, with the built-in `einbuergerung` quick-check: the first
 * question, a question with its explanation open, a missing answer, and the three verdicts; and the
 * built-in `verpflichtungserklaerung` with its Bonitätsrechner. Later states are reached the way a
 * citizen gets there: answers, then `next()`, which checks each one.
 *
 * Every story uses `storage="none"` and a fixed `today`, so results do not drift with the date.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/elements/quick-check/define.js';
import type { QuickCheck } from '../src/elements/quick-check/index.js';
import eligible from '../test/fixtures/quick-check-eligible.json';
import arabic from '../locales/definitions/einbuergerung.ar.json';
import easy from '../locales/definitions/einbuergerung.quick-check.de-x-ls.json';

interface CheckArgs {
  definition: string;
  lang: 'de' | 'en' | 'tr' | 'ar' | 'uk' | 'ru' | 'fa' | 'de-x-ls' | '';
  languages: string;
  today: string;
  applyHref: string;
  storage: 'session' | 'none';
  answers: Record<string, unknown> | undefined;
  onComplete: (event: Event) => void;
  onPrefillChange: (event: Event) => void;
  onError: (event: Event) => void;
}

/** Someone who meets every requirement on 23 November 2026. */
const ELIGIBLE = eligible as Record<string, unknown>;

async function ready(canvasElement: HTMLElement): Promise<QuickCheck> {
  const el = canvasElement.querySelector('quick-check');
  if (!el) throw new Error('The story has no <quick-check>.');
  await waitFor(
    () => {
      if (
        !el.shadowRoot?.querySelector(
          '#question-heading, #result-heading, [part="definition-error"]',
        )
      )
        throw new Error('<quick-check> has not rendered yet.');
    },
    { timeout: 10_000 },
  );
  await el.updateComplete;
  return el;
}

/** Moves on with `next()` until the result shows (its code loads on demand). */
async function toResult(el: QuickCheck): Promise<void> {
  for (let i = 0; i < 20 && !el.result; i++) {
    el.next();
    await el.updateComplete;
  }
  await waitFor(
    () => {
      if (!el.shadowRoot!.querySelector('#result-heading')) throw new Error('no result yet');
    },
    { timeout: 10_000 },
  );
}

const meta = {
  title: 'Elements/quick-check',
  component: 'quick-check',
  render: (args) =>
    html`<quick-check
      definition=${args.definition}
      lang=${ifDefined(args.lang || undefined)}
      languages=${ifDefined(args.languages || undefined)}
      today=${args.today}
      apply-href=${ifDefined(args.applyHref || undefined)}
      storage=${args.storage}
      .answers=${args.answers ?? {}}
      @quick-check-complete=${args.onComplete}
      @prefill-change=${args.onPrefillChange}
      @error=${args.onError}
    ></quick-check>`,
  args: {
    definition: 'einbuergerung',
    lang: 'de',
    languages: '',
    today: '2026-11-23',
    applyHref: '/einbuergerung/antrag',
    storage: 'none',
    answers: undefined,
    onComplete: fn(),
    onPrefillChange: fn(),
    onError: fn(),
  },
  argTypes: {
    definition: { control: 'text', description: 'A built-in id or the URL of a definition.' },
    lang: {
      control: 'select',
      options: ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa', 'de-x-ls', ''],
    },
    languages: {
      control: 'text',
      description: 'Languages to offer in a switch, e.g. "de en tr ar uk ru fa".',
    },
    today: { control: 'text', description: 'The day to evaluate for (YYYY-MM-DD).' },
    applyHref: { name: 'apply-href', control: 'text' },
    storage: { control: 'inline-radio', options: ['none', 'session'] },
    answers: { control: 'object' },
    onComplete: { table: { disable: true } },
    onPrefillChange: { table: { disable: true } },
    onError: { table: { disable: true } },
    ...Object.fromEntries(
      ['apply-href', 'validator', 'translations', 'controls', 'result', 'prefill', 'language'].map(
        (name) => [name, { control: false }],
      ),
    ),
  },
} satisfies Meta<CheckArgs>;

export default meta;
type Story = StoryObj<CheckArgs>;

/** The first question, with the note that no answer leaves the device. */
export const FirstQuestion: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await expect(el.shadowRoot!.querySelector('#question-heading')!.textContent).toContain(
      'Frage 1 von höchstens 13',
    );
  },
};

/** "Warum fragen wir das?" opened: the reason and the legal basis. */
export const WhyWeAsk: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await userEvent.click(el.shadowRoot!.querySelector('details.why summary')!);
    await expect(el.shadowRoot!.querySelector('details.why')!.textContent).toContain(
      '§ 10 Abs. 1 Satz 1 StAG',
    );
  },
};

/** Moving on without an answer. */
export const MissingAnswer: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el.next();
    await el.updateComplete;
    await expect(el.shadowRoot!.querySelector('.error')).not.toBeNull();
  },
};

/** Every requirement met; the result offers to carry the answers into the application. */
export const AllMet: Story = {
  args: { answers: ELIGIBLE },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(el.result?.verdict).toBe('met');
  },
};

/** Five years not yet complete: the result says from which day they will be. */
export const NotYet: Story = {
  args: { answers: { ...ELIGIBLE, aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false } },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(el.result?.metFrom).toBe('2028-03-14');
  },
};

/** Requirements only the authority can judge (a minor conviction, no passport). */
export const CheckWithAuthority: Story = {
  args: { answers: { ...ELIGIBLE, pass: false, verurteilung: 'gering', beweggrund: 'unbekannt' } },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(el.result?.verdict).toBe('check-with-authority');
  },
};

/** The same result in English. */
export const English: Story = {
  args: {
    lang: 'en',
    answers: { ...ELIGIBLE, aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false },
  },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(el.shadowRoot!.querySelector('#result-heading')!.textContent).toContain(
      'Your result',
    );
  },
};

/** The same result in Arabic, laid out right to left. */
export const Arabic: Story = {
  args: {
    lang: 'ar',
    answers: { ...ELIGIBLE, aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false },
  },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(getComputedStyle(el).direction).toBe('rtl');
    await expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).toBe(
      arabic['/quickCheck/title'],
    );
    await expect(el.shadowRoot!.querySelector('#result-heading')).not.toBeNull();
  },
};

/** In Leichte Sprache (`lang="de-x-ls"`): short sentences, hard words explained. */
export const LeichteSprache: Story = {
  args: { lang: 'de-x-ls' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await waitFor(() =>
      expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).toBe(
        easy['/quickCheck/title'],
      ),
    );
  },
};

/** A page without a language switch of its own: the element offers one, and keeps the answers. */
export const LanguageSwitch: Story = {
  args: { languages: 'de en tr ar uk ru fa', answers: { pass: true } },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const select = await waitFor(() => {
      const found = el.shadowRoot!.querySelector<HTMLSelectElement>(
        '[part~="language-switch"] select',
      );
      if (!found) throw new Error('no switch yet');
      return found;
    });
    await userEvent.selectOptions(select, 'tr');
    await waitFor(() => expect(el.getAttribute('lang')).toBe('tr'));
    await expect(el.answers).toEqual({ pass: true });
  },
};

/**
 * The Verpflichtungserklärung's quick-check: a German host earning 2,400 € net, no dependants, one
 * adult guest, on 1 December 2026. Under "Ihr Einkommen reicht für Ihre Gäste (Bonität)" the
 * Bonitätsrechner shows how it worked out the minimum, with the 2026/27 Pfändungsfreigrenzen.
 */
export const VerpflichtungserklaerungSolvency: Story = {
  name: 'Verpflichtungserklärung: Bonitätsrechner',
  args: {
    definition: 'verpflichtungserklaerung',
    today: '2026-12-01',
    applyHref: '/verpflichtungserklaerung/antrag',
    answers: {
      status: 'deutsch',
      leistungen: false,
      nettoeinkommen: 2400,
      unterhaltspflichten: 0,
      erwachsene: 1,
      kinder: 0,
    },
  },
  play: async ({ canvasElement, args }) => {
    const el = await ready(canvasElement);
    await toResult(el);
    await expect(el.result?.verdict).toBe('met');
    await expect(args.onComplete).toHaveBeenCalled();
    const workings = el.shadowRoot!.querySelector('[part="criterion"] [part="workings"]');
    // Whitespace as read (Intl puts a no-break space before "€").
    const shown = (workings?.textContent ?? '').replace(/\s+/g, ' ');
    await expect(shown).toContain('So haben wir gerechnet');
    await expect(shown).toContain('70 % × (2.400,00 € − 1.587,40 €) = 568,82 €');
    await expect(shown).toContain('1 × 281,50 € (Erwachsene)');
    await expect(shown).toContain('1.587,40 € + 281,50 € ÷ 70 % ≈ 1.990 €');
    await expect(shown).toContain('Ihr Einkommen liegt 410 € über dem Mindesteinkommen.');
    await expect(shown).toContain('Pfändungsfreigrenzenbekanntmachung 2026');
    await expect(el.result?.computed.bonitaet).toMatchObject({
      minimum: 199000,
      seizable: 56882,
      current: true,
    });
  },
};

/** A definition without a quick-check: what the web editor sees. */
export const NoQuickCheck: Story = {
  args: { definition: '/definitions/not-there.json' },
  play: async ({ canvasElement, args }) => {
    const el = await ready(canvasElement);
    await expect(el.shadowRoot!.querySelector('[part="definition-error"]')).not.toBeNull();
    await expect(args.onError).toHaveBeenCalled();
  },
};
