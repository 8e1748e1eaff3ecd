/**
 * `<applicant-form>` in its real states: every story renders the element with the built-in
 * `einbuergerung` definition (or a broken one) and, where a later step is shown, gets there the way
 * a citizen does: answers from the sample application, then `next()`, which validates each step.
 *
 * Every story uses `storage="none"`, so stories never share or restore a draft.
 * Storybook's preview page is `<html lang="en">`, and the element follows the page's language
 * when it has no `lang` of its own, so the stories set `lang` explicitly.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/elements/applicant-form/define.js';
import type { ApplicantForm, RetryPolicy } from '../src/elements/applicant-form/index.js';
import type { Definition } from '../src/core/types.js';
import sampleApplication from '../test/fixtures/einbuergerung-sample.json';
import longStep from '../test/fixtures/long-step.json';

/** The sample application: valid on every step of `einbuergerung`. */
const sample = sampleApplication as Record<string, unknown>;

/** `einbuergerung` has 7 steps; the review and the confirmation follow them. */
const STEP = { person: 0, family: 2, review: 7, confirmation: 8 } as const;

/** The element's public CSS custom properties (its `@cssprop`s), as controls. */
const CSS_COLORS = [
  '--ozg-color-text',
  '--ozg-color-text-muted',
  '--ozg-color-background',
  '--ozg-color-primary',
  '--ozg-color-on-primary',
  '--ozg-color-danger',
  '--ozg-color-success',
  '--ozg-color-border',
  '--ozg-color-focus',
] as const;
const CSS_OTHER = ['--ozg-font-family', '--ozg-radius', '--ozg-space', '--ozg-max-width'] as const;

interface FormArgs {
  /** Set from the controls only: a CSS custom property on the element, e.g. `--ozg-color-primary`. */
  [cssProperty: `--${string}`]: string | undefined;
  definition: string;
  lang: 'de' | 'en' | '';
  endpoint: string;
  storage: 'session' | 'none';
  rememberDays: number;
  data: Record<string, unknown> | undefined;
  retryPolicy: RetryPolicy | undefined;
  onStepChange: (event: Event) => void;
  onBeforeSubmit: (event: Event) => void;
  onSubmitSuccess: (event: Event) => void;
  onSubmitError: (event: Event) => void;
  onError: (event: Event) => void;
}

/** The `--ozg-*` properties given in the controls, for the element's `style`. */
function cssProperties(args: FormArgs): Record<string, string> {
  return Object.fromEntries(
    Object.entries(args).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('--') && typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

function renderForm(args: FormArgs, definition?: Definition): TemplateResult {
  // A definition object can only be given as a property; an id or URL is an attribute, as in a CMS.
  return definition
    ? html`<applicant-form
        .definition=${definition}
        lang=${ifDefined(args.lang || undefined)}
        style=${styleMap(cssProperties(args))}
        storage=${args.storage}
        @error=${args.onError}
      ></applicant-form>`
    : html`<applicant-form
        definition=${args.definition}
        lang=${ifDefined(args.lang || undefined)}
        style=${styleMap(cssProperties(args))}
        endpoint=${ifDefined(args.endpoint || undefined)}
        storage=${args.storage}
        remember-days=${args.rememberDays}
        .data=${args.data}
        .retryPolicy=${args.retryPolicy ?? {}}
        @step-change=${args.onStepChange}
        @before-submit=${args.onBeforeSubmit}
        @submit-success=${args.onSubmitSuccess}
        @submit-error=${args.onSubmitError}
        @error=${args.onError}
      ></applicant-form>`;
}

// ---- helpers for play functions ------------------------------------------------------------------

/** The story's form, once it shows a step (the definition and its texts load asynchronously). */
async function ready(canvasElement: HTMLElement): Promise<ApplicantForm> {
  const el = canvasElement.querySelector('applicant-form');
  if (!el) throw new Error('The story has no <applicant-form>.');
  await waitFor(
    () => {
      if (!el.shadowRoot?.querySelector('#step-heading, [part="definition-error"]')) {
        throw new Error('<applicant-form> has not rendered a step yet.');
      }
    },
    { timeout: 10_000 },
  );
  await el.updateComplete;
  return el;
}

/** Moves on with `next()` (which validates each step) until `step` is reached. */
async function advance(el: ApplicantForm, step: number): Promise<void> {
  while (el.step < step) {
    const from = el.step;
    el.next();
    await el.updateComplete;
    if (el.step === from) {
      const summary = el.shadowRoot?.querySelector('[part="error-summary"]')?.textContent ?? '';
      throw new Error(`Step ${from} did not validate: ${summary.replace(/\s+/g, ' ').trim()}`);
    }
  }
}

function part(el: ApplicantForm, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/**
 * The review's primary button: "Antrag verbindlich absenden". The review's code loads while the
 * citizen answers (or when the review is due), so it is waited for.
 */
async function sendButton(el: ApplicantForm): Promise<HTMLButtonElement> {
  let button: HTMLButtonElement | null = null;
  await waitFor(() => {
    button = el.shadowRoot!.querySelector<HTMLButtonElement>(
      '[part="review"] [part="actions"] button:not(.secondary)',
    );
    if (!button) throw new Error('The review has no send button.');
  });
  return button!;
}

// ---- the stories ------------------------------------------------------------------------------

const meta = {
  title: 'Elements/applicant-form',
  component: 'applicant-form',
  render: (args) => renderForm(args),
  args: {
    definition: 'einbuergerung',
    lang: 'de',
    endpoint: '',
    storage: 'none',
    rememberDays: 7,
    data: undefined,
    retryPolicy: undefined,
    onStepChange: fn(),
    onBeforeSubmit: fn(),
    onSubmitSuccess: fn(),
    onSubmitError: fn(),
    onError: fn(),
  },
  argTypes: {
    definition: {
      control: 'text',
      description: 'A built-in id (`einbuergerung`) or the URL of a definition JSON file.',
    },
    lang: { control: 'inline-radio', options: ['de', 'en', ''] },
    endpoint: { control: 'text', description: 'Where the application is sent (POST, JSON).' },
    storage: {
      control: 'inline-radio',
      options: ['none', 'session'],
      description: '`session` keeps a draft in this tab; the stories use `none`.',
    },
    rememberDays: { name: 'remember-days', control: { type: 'number', min: 0, max: 30 } },
    data: { control: 'object', description: 'The answers (property `data`).' },
    retryPolicy: { control: 'object', description: 'Timeout and retries of the submission.' },
    onStepChange: { table: { disable: true } },
    onBeforeSubmit: { table: { disable: true } },
    onSubmitSuccess: { table: { disable: true } },
    onSubmitError: { table: { disable: true } },
    onError: { table: { disable: true } },
    // The rest of the API, listed from custom-elements.json when it exists: documented, not wired.
    ...Object.fromEntries(
      [
        'remember-days', // the control is `rememberDays`
        'validator',
        'csrf',
        'csrf-header',
        'csrfHeader',
        'headers',
        'translations',
        'controls',
        'step',
        'language',
      ].map((name) => [name, { control: false }]),
    ),
    ...Object.fromEntries(
      [...CSS_COLORS, ...CSS_OTHER].map((name) => [
        name,
        {
          control: CSS_COLORS.includes(name as (typeof CSS_COLORS)[number]) ? 'color' : 'text',
          table: { category: 'css custom properties' },
        },
      ]),
    ),
  },
  parameters: { layout: 'padded' },
} satisfies Meta<FormArgs>;

export default meta;
type Story = StoryObj<FormArgs>;

/** The first step, nothing answered yet. */
export const FirstStep: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await expect(el.step).toBe(STEP.person);
    await expect(part(el, 'error-summary')).toBeNull();
  },
};

/** "Weiter" on the empty first step: the error summary lists every missing answer. */
export const WithValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const next = el.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!;
    await userEvent.click(next);
    await el.updateComplete;
    await waitFor(() => expect(part(el, 'error-summary')).not.toBeNull());
    await expect(el.step).toBe(STEP.person);
  },
};

/** The family step for a married applicant with two children: spouse and children are shown. */
export const FamilyMarriedWithChildren: Story = {
  args: { data: sample },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await advance(el, STEP.family);
    await expect(
      el.shadowRoot!.querySelectorAll('[part~="list-item"]').length,
    ).toBeGreaterThanOrEqual(2);
  },
};

/** Everything answered: the review, by step with one "Ändern" each, and the send button. */
export const Review: Story = {
  args: { data: sample },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await advance(el, STEP.review);
    // The review's code loads lazily: it shows once that is there.
    await waitFor(() => expect(part(el, 'review')).not.toBeNull());
  },
};

/** `lang="en"`: the definition's English translation (and the UI texts, as far as translated). */
export const English: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await waitFor(() =>
      expect(part(el, 'title')?.textContent).toBe('Application for naturalisation'),
    );
  },
};

/**
 * Sent and accepted: the confirmation with the reference number.
 *
 * There is no server in Storybook. The endpoint is a `data:` URL: by the Fetch standard a `data:`
 * URL answers any method, POST included, with its own content (200, here JSON with a `reference`),
 * so the element goes through its real submission path without a server and without stubbing
 * `fetch`. Nothing is sent anywhere.
 */
export const SubmitSuccess: Story = {
  args: {
    data: sample,
    endpoint: `data:application/json,${encodeURIComponent(JSON.stringify({ reference: 'EB-2025-004711' }))}`,
  },
  play: async ({ canvasElement, args }) => {
    const el = await ready(canvasElement);
    await advance(el, STEP.review);
    await userEvent.click(await sendButton(el));
    await waitFor(() => expect(part(el, 'confirmation')).not.toBeNull(), { timeout: 10_000 });
    await expect(el.step).toBe(STEP.confirmation);
    await expect(args.onSubmitSuccess).toHaveBeenCalled();
  },
};

/**
 * Sending failed: the message on the review, every answer kept, the button now "Erneut senden".
 *
 * The endpoint uses port 9, which the Fetch standard lists as a "bad port": the browser refuses it
 * at once with a network error and never opens a connection. One attempt, so there is no retry wait.
 */
export const SubmitNetworkError: Story = {
  args: {
    data: sample,
    endpoint: 'http://127.0.0.1:9/antraege',
    retryPolicy: { maxAttempts: 1, timeoutMs: 5000 },
  },
  play: async ({ canvasElement, args }) => {
    const el = await ready(canvasElement);
    await advance(el, STEP.review);
    await userEvent.click(await sendButton(el));
    await waitFor(() => expect(el.shadowRoot!.querySelector('.status.failure')).not.toBeNull(), {
      timeout: 10_000,
    });
    await expect(args.onSubmitError).toHaveBeenCalled();
    await expect(el.step).toBe(STEP.review);
  },
};

/** No `endpoint` configured: sending tells the citizen the form is not set up yet. */
export const MissingEndpoint: Story = {
  args: { data: sample, endpoint: '' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await advance(el, STEP.review);
    await userEvent.click(await sendButton(el));
    await waitFor(() => expect(el.shadowRoot!.querySelector('.status.failure')).not.toBeNull());
  },
};

/**
 * A definition with mistakes a web editor makes: a typo in a step's field pointer, a `pattern`
 * without `maxLength`, a property no step shows. The element shows what is wrong and where (as
 * JSON pointers), for the editor, and fires `error`.
 */
const brokenDefinition = {
  id: 'wohnsitz-anmeldung',
  version: '0.1.0',
  title: 'Anmeldung einer Wohnung',
  language: 'de',
  legalState: '2025-01-01',
  schema: {
    type: 'object',
    properties: {
      person: {
        type: 'object',
        properties: { familyName: { type: 'string', title: 'Familienname', maxLength: 100 } },
        required: ['familyName'],
      },
      address: {
        type: 'object',
        properties: {
          postalCode: { type: 'string', title: 'Postleitzahl', pattern: '^[0-9]{5}$' },
        },
      },
      moveInDate: { type: 'string', format: 'date', maxLength: 10, title: 'Einzugsdatum' },
    },
  },
  steps: [
    { id: 'person', title: 'Angaben zur Person', fields: ['/person'] },
    { id: 'address', title: 'Neue Wohnung', fields: ['/adress'] },
  ],
  outcome: { type: 'submission' },
} satisfies Definition;

export const BrokenDefinition: Story = {
  render: (args) => renderForm(args, brokenDefinition),
  play: async ({ canvasElement, args }) => {
    const el = await ready(canvasElement);
    await expect(part(el, 'definition-error')).not.toBeNull();
    await expect(args.onError).toHaveBeenCalled();
  },
};

/**
 * A step of 60 questions. They render in runs of 16 (\`.chunk\`); a run out of view skips style,
 * layout and paint until it comes near, yet every question is in the DOM and the tab order. "Weiter"
 * on the empty step lists 60 problems; the last link reaches a question in a run not yet rendered.
 */
export const LongStep: Story = {
  render: (args) => renderForm(args, longStep as Definition),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const root = el.shadowRoot!;
    await expect(root.querySelectorAll('.chunk')).toHaveLength(4);
    await userEvent.click(root.querySelector<HTMLButtonElement>('button.next')!);
    const links = await waitFor(() => {
      const found = root.querySelectorAll<HTMLAnchorElement>('.summary a');
      if (found.length !== 60) throw new Error('no error summary yet');
      return found;
    });
    await userEvent.click(links[59]!);
    await waitFor(() => expect(root.activeElement?.id).toBe(links[59]!.hash.slice(1)));
  },
};

/**
 * Inside a Liferay-like page: the portal's colours (Clay), font and corner radius through the
 * public `--ozg-*` custom properties, set on a container around the element. Input borders and the
 * focus ring are darker than Clay's defaults so they keep a 3:1 contrast (WCAG 1.4.11). The
 * element has no `lang` and takes the page's (`de-DE`), as it does in a portal.
 */
export const LiferayTheme: Story = {
  args: { lang: '' },
  render: (args) => html`
    <style>
      .liferay-page {
        font-family:
          system-ui,
          -apple-system,
          'Segoe UI',
          Roboto,
          'Helvetica Neue',
          Arial,
          sans-serif;
        background: #f1f2f5;
        padding: 1.5rem;
        --ozg-font-family: inherit;
        --ozg-color-text: #272833;
        --ozg-color-text-muted: #6b6c7e;
        --ozg-color-background: #ffffff;
        --ozg-color-primary: #0b5fff;
        --ozg-color-on-primary: #ffffff;
        --ozg-color-danger: #da1414;
        --ozg-color-success: #287d3c;
        --ozg-color-border: #7d7e8f;
        --ozg-color-focus: #0b5fff;
        --ozg-radius: 0.25rem;
        --ozg-space: 1.25rem;
        --ozg-max-width: 48rem;
      }
      .liferay-page .portlet {
        background: #ffffff;
        border: 1px solid #e7e7ed;
        border-radius: 0.25rem;
        box-shadow: 0 1px 3px rgba(39, 40, 51, 0.12);
      }
      .liferay-page .portlet-title {
        margin: 0;
        padding: 0.75rem 1.25rem;
        border-bottom: 1px solid #e7e7ed;
        color: #6b6c7e;
        font-size: 0.875rem;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.02em;
      }
      .liferay-page .portlet-content {
        padding: 1.25rem;
      }
    </style>
    <div class="liferay-page" lang="de-DE">
      <section class="portlet">
        <p class="portlet-title">Bürgerservice · Online-Antrag</p>
        <div class="portlet-content">${renderForm(args)}</div>
      </section>
    </div>
  `,
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await expect(el.language).toBe('de');
  },
};
