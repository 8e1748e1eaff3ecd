/**
 * The control registry and every control through the same checks. One definition
 * (test/fixtures/controls.json) has a question for each built-in control; each case renders the
 * form with only its question (the others are hidden by a control of higher rank: the registry is
 * public) and checks what a citizen with a screen reader or a keyboard gets: the accessible name
 * from the label, the hint as description, the error shown, linked and announced as invalid,
 * "required", answering with keys, and axe. A control built with the exported `fieldShell` runs
 * through the same checks. The accessibility tree is the browser's own (test/support/accessibility.js).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/applicant-form/define.js';
import '../../src/elements/quick-check/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import type { QuickCheck } from '../../src/elements/quick-check/quick-check.js';
import {
  RANK,
  and,
  best,
  controlFor,
  controls,
  fieldShell,
  hasFormat,
  hasWidget,
  idFor,
  inLanguage,
  inStep,
  isEnum,
  isType,
  not,
  optionCount,
  or,
  pointerEndsWith,
  rankWith,
  schemaMatches,
  type Control,
  type ControlContext,
  type Field,
  type FieldKind,
} from '../../src/elements/index.js';
import { getAt } from '../../src/core/pointer.js';
import type { Definition } from '../../src/core/types.js';

type Json = Record<string, any>;

/** A node of the browser's accessibility tree (Puppeteer's snapshot). */
interface AXNode {
  role: string;
  name?: string;
  description?: string;
  required?: boolean;
  invalid?: string;
  checked?: boolean | 'mixed';
  children?: AXNode[];
}

/** What the accessibility tree says about the element `#id` (found through shadow roots). */
const accessibilityOf = (id: string) =>
  executeServerCommand<AXNode, { selector: string }>('accessibility-node', { selector: `#${id}` });

function descendants(node: AXNode): AXNode[] {
  return (node.children ?? []).flatMap((child) => [child, ...descendants(child)]);
}

/** A definition given by URL with its precompiled validator (`npm run test:browser` writes it). */
async function form(name: string, registry?: Control[]): Promise<ApplicantForm> {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      lang="de"
      storage="none"
      .controls=${registry ?? controls}
      definition="/test/fixtures/${name}.json"
      validator="/.tmp/${name}.validator.js"
    ></applicant-form>`,
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('#step-heading, .definition-error'),
    'form did not render',
    { timeout: 5000 },
  );
  await el.updateComplete;
  expect(el.shadowRoot!.querySelector('.definition-error')?.textContent ?? '').to.equal('');
  return el;
}

/** “Weiter” on a step with unanswered questions: every question shows its error. */
async function next(el: ApplicantForm): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('button.next')!.click();
  await el.updateComplete;
  await el.updateComplete;
}

/** The box of the question labelled `title` (a label's or a legend's text). */
function box(el: ApplicantForm, title: string): HTMLElement {
  const label = [...el.shadowRoot!.querySelectorAll('label, legend')].find(
    (l) => l.textContent!.trim() === title,
  );
  if (!label) throw new Error(`No question "${title}"`);
  return label.closest<HTMLElement>('.field')!;
}

describe('the control registry', () => {
  // test/fixtures/choices.json: one question per case.
  for (const [title, count] of [
    ['Enum aus sieben', 7],
    ['oneOf aus sieben', 7],
    ['oneOf aus zwanzig ohne type', 20],
    ['Zahlen aus sieben', 7],
    ['Drei als Auswahlliste', 3],
  ] as const) {
    it(`renders “${title}” as a select, never a text box`, async () => {
      const field = box(await form('choices'), title);
      expect(field.querySelectorAll('input').length).to.equal(0, 'no input');
      const select = field.querySelector('select');
      expect(select?.options.length).to.equal(count + 1, 'the choices and “Bitte auswählen”');
    });
  }

  it('answers with the chosen value (a number as a number), shows an answer set from outside, and “Bitte auswählen” unanswers', async () => {
    const el = await form('choices');
    const select = box(el, 'Zahlen aus sieben').querySelector('select')!;
    const choose = async (value: string) => {
      select.value = value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
    };
    await choose('2');
    expect(getAt(el.data, '/integer7')).to.equal(3);
    el.data = { ...el.data, integer7: 6 };
    await el.updateComplete;
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('6');
    await choose('');
    expect(getAt(el.data, '/integer7')).to.equal(undefined);
    expect(select.selectedIndex).to.equal(0, '“Bitte auswählen”');
    el.data = { ...el.data, integer7: 42 };
    await el.updateComplete;
    expect(select.value).to.equal('', 'an answer not offered shows none chosen');
  });

  for (const [title, count] of [
    ['Enum aus sechs', 6],
    ['oneOf aus zwei', 2],
    ['Sieben als Radios', 7],
  ] as const) {
    it(`renders “${title}” as radios`, async () => {
      const field = box(await form('choices'), title);
      expect(field.querySelectorAll('select').length).to.equal(0, 'no select');
      expect(field.querySelectorAll('input[type="radio"]').length).to.equal(count);
      expect(field.querySelectorAll('input:not([type="radio"])').length).to.equal(0);
    });
  }

  it('does not announce an optional question as required', async () => {
    const el = await form('choices');
    const select = box(el, 'Enum aus sieben').querySelector('select')!;
    expect(select.hasAttribute('aria-required')).to.equal(false);
    const group = box(el, 'Enum aus sechs');
    expect(group.getAttribute('role')).to.equal('radiogroup');
    expect(group.hasAttribute('aria-required')).to.equal(false);
  });

  describe('ranks', () => {
    const definition = { id: 'd', steps: [] } as unknown as Definition;
    const context: ControlContext = { definition, step: 's', language: 'de' };
    const field = (schema: Json, pointer = '/q'): Field => ({
      name: pointer.slice(pointer.lastIndexOf('/') + 1),
      pointer,
      required: false,
      nodes: [{ schema, pointer: `/schema/properties${pointer}` }],
      type: schema.type,
    });
    const named = (name: string, rank: Control['rank']): Control => ({
      name,
      rank,
      render: () => html``,
    });
    const choose = (schema: Json, registry = controls, ctx = context) =>
      controlFor(field(schema), registry, ctx)?.name;

    it('give each kind of field its built-in control by the documented scale', () => {
      const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      expect(choose({ type: 'string' })).to.equal('text');
      expect(choose({ type: 'integer' })).to.equal('text');
      expect(choose({ type: 'string', 'x-widget': 'textarea' })).to.equal('textarea');
      expect(choose({ type: 'string', enum: seven.slice(0, 6) })).to.equal('radio');
      expect(choose({ type: 'string', enum: seven })).to.equal('select');
      expect(choose({ type: 'string', enum: seven, 'x-widget': 'radio' })).to.equal('radio');
      expect(choose({ type: 'string', enum: ['a'], 'x-widget': 'select' })).to.equal('select');
      expect(choose({ type: 'string', enum: seven, 'x-widget': 'text' })).to.equal('text');
      expect(choose({ type: 'boolean' })).to.equal('yes-no');
      expect(choose({ type: 'boolean', const: true })).to.equal('checkbox');
      expect(choose({ type: 'boolean', 'x-widget': 'checkbox' })).to.equal('checkbox');
      expect(choose({ type: 'object', properties: {} })).to.equal('group');
      expect(choose({ type: 'array', items: {} })).to.equal('list');
      expect(choose({})).to.equal(undefined, 'nothing fits a field of no type');
    });

    it('break ties by registration: the later control wins', () => {
      const mine = named('mine', rankWith(RANK.generic, isEnum));
      const seven = { type: 'string', enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
      expect(choose(seven, [...controls, mine])).to.equal('mine', 'appended: replaces the select');
      expect(choose(seven, [mine, ...controls])).to.equal('select', 'prepended: the select stays');
      const custom = named('custom', rankWith(RANK.custom, isType('string')));
      expect(choose({ type: 'string', enum: ['a'] }, [custom, ...controls])).to.equal('custom');
      expect(choose({ type: 'string' }, [named('never', () => RANK.none)])).to.equal(undefined);
      expect(choose({ type: 'string' }, [named('negative', () => -5)])).to.equal(undefined);
    });

    it('build testers from the combinators', () => {
      const text = field({ type: 'string', format: 'email', 'x-widget': 'email' }, '/person/mail');
      const choice = field({ type: 'string', enum: ['a', 'b', 'c'] });
      const yes = () => true;
      const no = () => false;
      expect(rankWith(7, yes)(text, context)).to.equal(7);
      expect(rankWith(7, no)(text, context)).to.equal(RANK.none);
      expect(best(rankWith(3, yes), rankWith(9, yes), rankWith(20, no))(text, context)).to.equal(9);
      expect(and(yes, yes)(text, context)).to.equal(true);
      expect(and(yes, no)(text, context)).to.equal(false);
      expect(or(no, yes)(text, context)).to.equal(true);
      expect(or(no, no)(text, context)).to.equal(false);
      expect(not(no)(text, context)).to.equal(true);
      expect(isType('integer', 'string')(text, context)).to.equal(true);
      expect(isType('boolean')(text, context)).to.equal(false);
      expect(hasWidget('tel', 'email')(text, context)).to.equal(true);
      expect(hasWidget('textarea')(text, context)).to.equal(false);
      expect(hasFormat('email')(text, context)).to.equal(true);
      expect(hasFormat('date')(text, context)).to.equal(false);
      expect(isEnum(choice, context)).to.equal(true);
      expect(isEnum(text, context)).to.equal(false);
      expect(optionCount(3, 3)(choice, context)).to.equal(true);
      expect(optionCount(4)(choice, context)).to.equal(false);
      expect(optionCount(0, 2)(choice, context)).to.equal(false);
      expect(optionCount(0)(text, context)).to.equal(false, 'no choices at all');
      expect(schemaMatches((s) => s.format === 'email')(text, context)).to.equal(true);
      expect(pointerEndsWith('/mail')(text, context)).to.equal(true);
      expect(pointerEndsWith('/name')(text, context)).to.equal(false);
      expect(inStep('x', 's')(text, context)).to.equal(true);
      expect(inStep('x')(text, context)).to.equal(false);
      expect(inLanguage('en')(text, { ...context, language: 'en' })).to.equal(true);
      expect(inLanguage('en')(text, context)).to.equal(false);
    });

    it('see the step, the language and the definition in <applicant-form>', async () => {
      const seen: ControlContext[] = [];
      const watcher = named('watcher', (_field, ctx) => (seen.push(ctx), RANK.none));
      const el = await form('controls', [...controls, watcher]);
      expect(seen.length).to.be.greaterThan(0);
      expect(seen[0]!.step).to.equal('alles');
      expect(seen[0]!.language).to.equal('de');
      expect(seen[0]!.definition.id).to.equal('alle-felder');
      seen.length = 0;
      el.lang = 'en';
      await waitUntil(() => seen.length > 0, 'not rendered again in English');
      expect(seen.at(-1)!.language).to.equal('en');
    });

    it('see the step `quick-check` in <quick-check>', async () => {
      const seen: ControlContext[] = [];
      const el = await fixture<QuickCheck>(
        html`<quick-check
          lang="de"
          storage="none"
          definition="/test/fixtures/quick-check-page.json"
          validator="/.tmp/quick-check-page.validator.js"
        ></quick-check>`,
      );
      el.controls = [...controls, named('watcher', (_f, ctx) => (seen.push(ctx), RANK.none))];
      await waitUntil(() => seen.length > 0, 'no question rendered');
      expect(seen[0]!.step).to.equal('quick-check');
      expect(seen[0]!.language).to.equal('de');
      expect(seen[0]!.definition.id).to.equal('test-service');
    });
  });
});

// ---- the same checks for every control ---------------------------------------------------------

/** A control of a host's own for the telephone number: its input only, the rest from the shell. */
const customPhone: Control = {
  name: 'custom-phone',
  rank: rankWith(RANK.custom, pointerEndsWith('/phone')),
  render: (field, host) =>
    fieldShell(
      field,
      host,
      ({ value, attrs }) =>
        html`<input
          type="tel"
          part="input"
          ${attrs}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(e: Event) =>
            host.setValue(field, (e.target as HTMLInputElement).value || undefined, false)}
          @change=${(e: Event) =>
            host.setValue(field, (e.target as HTMLInputElement).value || undefined, true)}
        />`,
    ),
};

/** A host's radios for a choice, in a `choices` shell. */
const customChoice: Control = {
  name: 'custom-choice',
  rank: rankWith(RANK.custom, and(isEnum, pointerEndsWith('/housing'))),
  render: (field, host) =>
    fieldShell(
      field,
      host,
      ({ id, value, attrs }) =>
        html`${(field.nodes[0]!.schema.oneOf as { const: string; title: string }[]).map(
          (option) =>
            html`<label class="segment"
              ><input
                type="radio"
                name=${id}
                ${attrs}
                .checked=${value === option.const}
                @change=${() => host.setValue(field, option.const, true)}
              />
              ${option.title}</label
            >`,
        )}`,
      'choices',
    ),
};

interface Case {
  /** The control that must render the question. */
  control: string;
  pointer: string;
  label: string;
  hint: string;
  /** Its role in the accessibility tree. */
  role: string;
  kind: FieldKind;
  /** The message the question shows when it is left unanswered. */
  error: string;
  /**
   * Where "required" is announced: the accessibility tree of the element itself (`tree`), of the
   * questions inside it (a pointer), or — where Chromium's tree as the test runner reads it carries
   * no `required` for the role (checkbox, date, select), though assistive technology reads the ARIA
   * attribute — `aria-required`.
   */
  required: 'tree' | 'aria-required' | string;
  /** Answers the question with the keyboard, from the element that takes the focus first. */
  keys: (root: ShadowRoot, id: string) => Promise<void>;
  /** Where the answer lands and what it is. */
  answer: [pointer: string, value: unknown];
}

const typeInto = (text: string) => async (root: ShadowRoot, id: string) => {
  root.getElementById(id)!.focus();
  await sendKeys({ type: text });
};

const radios = (root: ShadowRoot, id: string) => [
  ...root.getElementById(id)!.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
];

const cases: Case[] = [
  {
    control: 'text',
    pointer: '/name',
    label: 'Name',
    hint: 'Wie im Pass.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Name“ aus.',
    required: 'tree',
    keys: typeInto('Ayşe Yılmaz'),
    answer: ['/name', 'Ayşe Yılmaz'],
  },
  {
    control: 'textarea',
    pointer: '/note',
    label: 'Bemerkung',
    hint: 'Was wir noch wissen sollten.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Bemerkung“ aus.',
    required: 'tree',
    keys: typeInto('Zwei Zeilen'),
    answer: ['/note', 'Zwei Zeilen'],
  },
  {
    control: 'text',
    pointer: '/rooms',
    label: 'Zimmer',
    hint: 'Ganze Zimmer.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Zimmer“ aus.',
    required: 'tree',
    keys: typeInto('3'),
    answer: ['/rooms', 3],
  },
  {
    control: 'text',
    pointer: '/area',
    label: 'Wohnfläche',
    hint: 'In Quadratmetern.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Wohnfläche“ aus.',
    required: 'tree',
    keys: typeInto('72,5'),
    answer: ['/area', 72.5],
  },
  {
    control: 'text',
    pointer: '/birthDate',
    label: 'Geburtsdatum',
    // The order the date is typed in, whatever the browser's language.
    hint: 'Wie im Pass. Tag.Monat.Jahr, zum Beispiel 14.03.2021',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Geburtsdatum“ aus.',
    required: 'aria-required',
    // Day first, as on German papers.
    keys: typeInto('01.01.2000'),
    answer: ['/birthDate', '2000-01-01'],
  },
  {
    control: 'text',
    pointer: '/email',
    label: 'E-Mail-Adresse',
    hint: 'Für Rückfragen.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „E-Mail-Adresse“ aus.',
    required: 'tree',
    keys: typeInto('ayse@example.de'),
    answer: ['/email', 'ayse@example.de'],
  },
  {
    control: 'text',
    pointer: '/phone',
    label: 'Telefon',
    hint: 'Für Rückfragen.',
    role: 'textbox',
    kind: 'input',
    error: 'Bitte füllen Sie das Feld „Telefon“ aus.',
    required: 'tree',
    keys: typeInto('0911 123456'),
    answer: ['/phone', '0911 123456'],
  },
  {
    control: 'radio',
    pointer: '/housing',
    label: 'Wohnform',
    hint: 'Wie Sie wohnen.',
    role: 'radiogroup',
    kind: 'choices',
    error: 'Bitte wählen Sie bei „Wohnform“ eine Antwort aus.',
    required: 'tree',
    keys: async (root, id) => {
      radios(root, id)[0]!.focus();
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowDown' });
    },
    answer: ['/housing', 'own'],
  },
  {
    control: 'select',
    pointer: '/state',
    label: 'Bundesland',
    hint: 'Wo Sie wohnen.',
    role: 'combobox',
    kind: 'input',
    error: 'Bitte wählen Sie bei „Bundesland“ eine Antwort aus.',
    required: 'aria-required',
    keys: typeInto('Bayern'),
    answer: ['/state', 'BY'],
  },
  {
    control: 'yes-no',
    pointer: '/married',
    label: 'Sind Sie verheiratet?',
    hint: 'Eine eingetragene Lebenspartnerschaft zählt mit.',
    role: 'radiogroup',
    kind: 'choices',
    error: 'Bitte wählen Sie bei „Sind Sie verheiratet?“ eine Antwort aus.',
    required: 'tree',
    keys: async (root, id) => {
      radios(root, id)[0]!.focus();
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowRight' });
    },
    answer: ['/married', false],
  },
  {
    control: 'checkbox',
    pointer: '/consent',
    label: 'Meine Angaben sind richtig.',
    hint: 'Falsche Angaben sind strafbar.',
    role: 'checkbox',
    kind: 'check',
    error: 'Bitte bestätigen Sie „Meine Angaben sind richtig.“.',
    required: 'aria-required',
    keys: async (root, id) => {
      root.getElementById(id)!.focus();
      await sendKeys({ press: 'Space' });
    },
    answer: ['/consent', true],
  },
  {
    control: 'group',
    pointer: '/home/address',
    label: 'Anschrift',
    hint: 'Wo Sie gemeldet sind.',
    role: 'group',
    kind: 'group',
    error: 'Bitte geben Sie eine Straße oder ein Postfach an.',
    required: '/home/address/city',
    keys: async (root, id) => {
      root.getElementById(id)!.querySelector('input')!.focus();
      await sendKeys({ type: 'Nürnberg' });
    },
    answer: ['/home/address/city', 'Nürnberg'],
  },
  {
    control: 'list',
    pointer: '/home/children',
    label: 'Kinder',
    hint: 'Alle minderjährigen Kinder.',
    role: 'group',
    kind: 'list',
    error: 'Bitte machen Sie Angaben zu „Kinder“.',
    required: '/home/children/0/childName',
    keys: async (root, id) => {
      root.getElementById(id)!.querySelector<HTMLButtonElement>('button.add')!.focus();
      await sendKeys({ press: 'Enter' });
      // The new entry's first question has the focus.
      await waitUntil(() => root.activeElement?.tagName === 'INPUT', 'focus stayed on the button');
      await sendKeys({ type: 'Emre' });
    },
    answer: ['/home/children/0/childName', 'Emre'],
  },
];

/** The same questions, rendered by a host's controls built with `fieldShell`. */
const customCases: Case[] = [
  { ...cases.find((c) => c.pointer === '/phone')!, control: 'custom-phone' },
  { ...cases.find((c) => c.pointer === '/housing')!, control: 'custom-choice' },
];

it('the shared checks cover every built-in control', () => {
  expect([...new Set(cases.map((c) => c.control))].sort()).to.deep.equal(
    controls.map((c) => c.name).sort(),
  );
});

for (const c of [...cases, ...customCases]) {
  describe(`${c.control} control (${c.pointer})`, () => {
    const id = idFor(c.pointer);
    const within = (pointer: string) =>
      pointer === c.pointer ||
      c.pointer.startsWith(`${pointer}/`) ||
      pointer.startsWith(`${c.pointer}/`);
    let rendered: Map<string, string>;

    /** The form with only this case's question: every other one is hidden by a higher rank. */
    async function only(): Promise<[ApplicantForm, ShadowRoot]> {
      rendered = new Map();
      const registry = [...controls, customPhone, customChoice].map((control): Control => ({
        ...control,
        render: (field, host) => (
          rendered.set(field.pointer, control.name),
          control.render(field, host)
        ),
      }));
      const hide: Control = {
        name: 'other-question',
        rank: (field) => (within(field.pointer) ? RANK.none : RANK.custom + 1),
        render: () => html``,
      };
      const custom = c.control.startsWith('custom-');
      const el = await form(
        'controls',
        custom
          ? [...registry, hide]
          : [...registry.filter((r) => !r.name.startsWith('custom-')), hide],
      );
      return [el, el.shadowRoot!];
    }

    const target = (root: ShadowRoot) => root.getElementById(id)!;
    const describedBy = (root: ShadowRoot) =>
      (target(root).getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);

    it(`is rendered by the ${c.control} control`, async () => {
      const [, root] = await only();
      expect(rendered.get(c.pointer)).to.equal(c.control);
      expect(target(root), `#${id}`).to.exist;
    });

    it('is named by its label', async () => {
      await only();
      const node = await accessibilityOf(id);
      expect(node.role).to.equal(c.role);
      expect(node.name).to.equal(c.label);
    });

    it('is described by its hint', async () => {
      const [, root] = await only();
      expect(describedBy(root)).to.deep.equal([`${id}-hint`]);
      expect(root.getElementById(`${id}-hint`)!.textContent!.trim()).to.equal(c.hint);
      expect((await accessibilityOf(id)).description).to.equal(c.hint);
    });

    it('announces that it is required', async () => {
      const [, root] = await only();
      if (c.required === 'aria-required') {
        expect(target(root).getAttribute('aria-required')).to.equal('true');
      } else if (c.required === 'tree') {
        expect((await accessibilityOf(id)).required).to.equal(true);
      } else {
        if (c.kind === 'list') {
          root.getElementById(id)!.querySelector<HTMLButtonElement>('button.add')!.click();
          await waitUntil(() => root.getElementById(idFor(c.required)), 'no entry added');
        }
        expect((await accessibilityOf(idFor(c.required))).required).to.equal(true);
      }
    });

    it('shows its error, linked to it and announced as invalid', async () => {
      const [el, root] = await only();
      expect(root.getElementById(`${id}-error`)).to.equal(null, 'no error before “Weiter”');
      await next(el);
      const error = root.getElementById(`${id}-error`)!;
      expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Fehler: ${c.error}`);
      expect(describedBy(root)).to.deep.equal([`${id}-hint`, `${id}-error`]);
      const node = await accessibilityOf(id);
      expect(node.description).to.equal(`${c.hint} Fehler: ${c.error}`);
      if (c.kind === 'choices') {
        const options = descendants(node).filter((n) => n.role === 'radio');
        expect(options.length).to.be.greaterThan(1);
        for (const option of options) expect(option.invalid, option.name).to.equal('true');
      } else if (c.kind === 'group' || c.kind === 'list') {
        // A group has no invalid state of its own: its error is its description (above).
        expect(target(root).classList.contains('invalid')).to.equal(true);
      } else {
        expect(node.invalid).to.equal('true');
      }
    });

    it('is answered with the keyboard', async () => {
      const [el, root] = await only();
      await c.keys(root, id);
      await el.updateComplete;
      expect(getAt(el.data, c.answer[0])).to.equal(c.answer[1]);
    });

    it('passes axe, with and without its error', async () => {
      const [el] = await only();
      await expect(el).shadowDom.to.be.accessible();
      await next(el);
      await expect(el).shadowDom.to.be.accessible();
    });
  });
}
