/**
 * A control of a host's own, built with the exported `fieldShell`: it renders only its `<input>`,
 * the shell gives it the label, the hint, the error and their ARIA. Here an IBAN in groups of four
 * (chosen by rank for the question at `/iban`), beside a choice of sixteen that the built-in
 * registry renders as a select.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/elements/applicant-form/define.js';
import {
  RANK,
  controls,
  fieldShell,
  idFor,
  pointerEndsWith,
  rankWith,
  type ApplicantForm,
  type Control,
} from '../src/elements/index.js';
import type { Definition } from '../src/core/types.js';

/** What was typed, without spaces, in capitals; nothing typed is no answer. */
const compact = (e: Event) =>
  (e.target as HTMLInputElement).value.replace(/\s+/g, '').toUpperCase() || undefined;

/** The IBAN in groups of four, as on a bank statement (the README's example). */
const iban: Control = {
  name: 'iban',
  rank: rankWith(RANK.custom, pointerEndsWith('/iban')),
  render: (field, host) =>
    fieldShell(
      field,
      host,
      ({ value, attrs }) =>
        html`<input
          part="input"
          ${attrs}
          autocomplete="off"
          spellcheck="false"
          .value=${typeof value === 'string' ? value.replace(/(.{4})(?!$)/g, '$1 ') : ''}
          @input=${(e: Event) => host.setValue(field, compact(e), false)}
          @change=${(e: Event) => host.setValue(field, compact(e), true)}
        />`,
    ),
};

const STATES = [
  'Baden-Württemberg',
  'Bayern',
  'Berlin',
  'Brandenburg',
  'Bremen',
  'Hamburg',
  'Hessen',
  'Mecklenburg-Vorpommern',
  'Niedersachsen',
  'Nordrhein-Westfalen',
  'Rheinland-Pfalz',
  'Saarland',
  'Sachsen',
  'Sachsen-Anhalt',
  'Schleswig-Holstein',
  'Thüringen',
];

const definition = {
  id: 'bankverbindung',
  version: '1.0.0',
  title: 'Erstattung',
  language: 'de',
  legalState: '2026-01-01',
  schema: {
    type: 'object',
    properties: {
      iban: {
        type: 'string',
        title: 'IBAN',
        description: 'Sie steht auf Ihrer Bankkarte oder Ihrem Kontoauszug.',
        minLength: 15,
        maxLength: 34,
      },
      state: {
        type: 'string',
        title: 'Bundesland',
        oneOf: STATES.map((title, i) => ({ const: `s${i}`, title })),
      },
    },
    required: ['iban', 'state'],
  },
  steps: [{ id: 'bank', title: 'Bankverbindung', fields: ['/iban', '/state'] }],
} as Definition;

const meta = {
  title: 'Controls/Custom control',
  render: () =>
    html`<applicant-form
      lang="de"
      storage="none"
      .definition=${definition}
      .controls=${[...controls, iban]}
    ></applicant-form>`,
  parameters: { layout: 'padded' },
} satisfies Meta;

export default meta;
type Story = StoryObj;

async function ready(canvasElement: HTMLElement): Promise<ApplicantForm> {
  const el = canvasElement.querySelector('applicant-form');
  if (!el) throw new Error('The story has no <applicant-form>.');
  await waitFor(
    () => {
      if (!el.shadowRoot?.querySelector('#step-heading, [part="definition-error"]'))
        throw new Error('<applicant-form> has not rendered a step yet.');
    },
    { timeout: 10_000 },
  );
  await el.updateComplete;
  return el;
}

/**
 * The IBAN control gets its label, hint, error and ARIA from the shell; "Weiter" shows its error,
 * typing fixes it, in groups of four; the answer is kept without spaces.
 */
export const IbanControl: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const root = el.shadowRoot!;
    const id = idFor('/iban');
    const input = root.getElementById(id) as HTMLInputElement;
    await expect(input.getAttribute('spellcheck')).toBe('false'); // the custom control's input
    await expect(root.querySelector(`label[for="${id}"]`)!.textContent!.trim()).toBe('IBAN');
    await expect(input.getAttribute('aria-describedby')).toBe(`${id}-hint`);
    await expect(input.getAttribute('aria-required')).toBe('true');
    // Sixteen choices: a select, not sixteen radios (and never a text box).
    await expect(root.getElementById(idFor('/state'))!.tagName).toBe('SELECT');

    await userEvent.click(root.querySelector<HTMLButtonElement>('button.next')!);
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    await expect(input.getAttribute('aria-describedby')).toBe(`${id}-hint ${id}-error`);
    await expect(root.getElementById(`${id}-error`)!.textContent).toContain('IBAN');

    await userEvent.type(input, 'de89370400440532013000');
    await waitFor(() => expect(el.data.iban).toBe('DE89370400440532013000'));
    // Leaving the field commits the answer (change; user-event, which sets the value itself,
    // leaves the browser none to fire): it shows in groups of four.
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(input.value).toBe('DE89 3704 0044 0532 0130 00'));
    await expect(input.hasAttribute('aria-invalid')).toBe(false);
  },
};
