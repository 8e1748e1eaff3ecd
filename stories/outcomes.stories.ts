/**
 * How `<applicant-form>` ends besides "submitted" (definition format 2): the checklist of an
 * appointment, and the hand-off page of a two-party application. The definitions are the small
 * fixtures of the tests, given as objects.
 *
 * There is no server in Storybook: the endpoint is a `data:` URL, which answers any method with its
 * own content (here the reference server's answers), so the element goes its real way. Nothing is
 * sent anywhere.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../src/elements/applicant-form/index.js';
import type { Definition } from '../src/core/types.js';
import appointment from '../test/fixtures/appointment.json';
import twoParty from '../test/fixtures/two-party.json';

interface OutcomeArgs {
  definition: Definition;
  outcome: string;
  endpoint: string;
  data: Record<string, unknown>;
}

const answer = (body: unknown) =>
  `data:application/json,${encodeURIComponent(JSON.stringify(body))}`;

const meta: Meta<OutcomeArgs> = {
  title: 'Elements/applicant-form/How a flow ends',
  render: (args) =>
    html`<applicant-form
      .definition=${args.definition}
      outcome=${args.outcome}
      endpoint=${args.endpoint}
      storage="none"
      lang="de"
      .data=${args.data}
    ></applicant-form>`,
};
export default meta;
type Story = StoryObj<OutcomeArgs>;

/** Answers given, on to the review, and the review's main button pressed. */
async function send(canvasElement: HTMLElement, button: string): Promise<ApplicantForm> {
  const el = canvasElement.querySelector('applicant-form')!;
  await waitFor(() => expect(el.shadowRoot?.querySelector('#step-heading')).not.toBeNull(), {
    timeout: 15_000,
  });
  while (el.stage !== 'review') {
    const from = el.stage;
    el.next();
    await el.updateComplete;
    if (el.stage === from) throw new Error(`${from} did not validate`);
  }
  const press = await waitFor(() => {
    const found = [...el.shadowRoot!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === button,
    );
    if (!found) throw new Error(`no button "${button}"`);
    return found;
  });
  await userEvent.click(press);
  return el;
}

/** An appointment: what to bring for these answers, the reference, how to book. */
export const Appointment: Story = {
  args: {
    definition: appointment as unknown as Definition,
    outcome: 'appointment',
    endpoint: answer({ reference: 'VE-2026-000042', status: 'prepared' }),
    data: {
      host: { familyName: 'Schmidt', givenNames: 'Anna', employment: 'self-employed' },
      guest: { familyName: 'Kaya', nationality: 'türkisch' },
    },
  },
  play: async ({ canvasElement }) => {
    const el = await send(canvasElement, 'Termin vorbereiten');
    await waitFor(() => expect(el.shadowRoot!.querySelector('.appointment')).not.toBeNull());
    const items = [...el.shadowRoot!.querySelectorAll('.checklist li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    await expect(items[1]).toContain('Letzter Einkommensteuerbescheid');
    await expect(el.shadowRoot!.querySelector('a.button')?.getAttribute('href')).toBe(
      'https://termine.example.de/buchen?dienst=termin-test&vorgang=VE-2026-000042',
    );
  },
};

/** The applicant's part of a two-party application is stored: the link for the employer. */
export const HandOff: Story = {
  args: {
    definition: twoParty as unknown as Definition,
    outcome: 'submission',
    endpoint: answer({
      reference: 'BE-2026-000007',
      status: 'waiting-for-party',
      handOff: { token: 'h'.repeat(43), party: 'employer', expiresAt: '2026-12-08T10:00:00Z' },
      statusSecret: 's'.repeat(43),
    }),
    data: {
      person: { familyName: 'Demir', givenNames: 'Ali', birthDate: '1994-03-14' },
      job: { description: 'Bäckereifachverkäufer', employerName: 'Bäckerei Sommer' },
    },
  },
  play: async ({ canvasElement }) => {
    const el = await send(canvasElement, 'Meinen Teil speichern und Link erstellen');
    await waitFor(() => expect(el.shadowRoot!.querySelector('.handoff')).not.toBeNull());
    const link = el.shadowRoot!.querySelector<HTMLInputElement>('#handoff-link')!;
    await expect(link.value).toMatch(/#ozg-handoff=h{43}$/);
    await waitFor(() => expect(el.shadowRoot!.querySelector('svg.qr path')).not.toBeNull());
  },
};
