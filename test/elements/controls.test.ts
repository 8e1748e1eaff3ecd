/**
 * The control registry: which control renders which field (test/fixtures/choices.json), the rank
 * scale, ties, the testers' combinators and the context they see.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
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
  hasFormat,
  hasWidget,
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
} from '../../src/elements/index.js';
import type { Definition } from '../../src/core/types.js';

type Json = Record<string, any>;

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
