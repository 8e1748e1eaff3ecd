/**
 * The KERN look: on a page with KERN's stylesheet (`@kern-ux/native` 2.7.2, a devDependency:
 * nothing of it is shipped) the form's input, radio, checkbox, button, label, hint and error
 * compute the same styles as KERN's own components on the same page — also inside a dark context
 * and a `kern-level-1` layer, whose tokens carry over. Without KERN, the look is ours as before and
 * KERN's look is not even loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/applicant-form/define.js';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import { idFor } from '../../src/elements/index.js';

/** The id of the name question's input. */
const NAME = idFor('/name');

const KERN_CSS = '/node_modules/@kern-ux/native/dist/kern.css';

async function withKern(): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = KERN_CSS;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  return link;
}

/** KERN's own components, written as KERN documents them (docs/research/kern-2.7.2.md §3). */
function kernComponents(prefix: string) {
  return html`<div class="kern-form-input kern-form-input--error">
      <label class="kern-label" for="${prefix}-text">Name</label>
      <div class="kern-hint" id="${prefix}-hint">Wie im Pass.</div>
      <input
        class="kern-form-input__input kern-form-input__input--error"
        id="${prefix}-text"
        type="text"
        aria-describedby="${prefix}-hint ${prefix}-error"
      />
      <p class="kern-error" id="${prefix}-error">
        <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
        <span class="kern-body">Bitte geben Sie Name an.</span>
      </p>
    </div>
    <div class="kern-form-input">
      <label class="kern-label" for="${prefix}-plain">Bemerkung</label>
      <input class="kern-form-input__input" id="${prefix}-plain" type="text" />
    </div>
    <fieldset class="kern-fieldset">
      <legend class="kern-label">Wohnform</legend>
      <div class="kern-fieldset__body">
        <div class="kern-form-check">
          <input class="kern-form-check__radio" type="radio" id="${prefix}-r1" name="${prefix}-r" />
          <label class="kern-label" for="${prefix}-r1">zur Miete</label>
        </div>
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" id="${prefix}-c1" />
          <label class="kern-label" for="${prefix}-c1">Zustimmen</label>
        </div>
      </div>
    </fieldset>
    <button type="button" class="kern-btn kern-btn--primary">
      <span class="kern-label">Weiter</span>
    </button>`;
}

/** The computed values of `properties` of `element` (or of its pseudo-element). */
function computed(element: Element, properties: string[], pseudo?: string) {
  const style = getComputedStyle(element, pseudo);
  return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
}

function expectSame(
  ours: Element,
  kern: Element,
  properties: string[],
  what: string,
  pseudo?: string,
) {
  expect(computed(ours, properties, pseudo), what).to.deep.equal(
    computed(kern, properties, pseudo),
  );
}

const BOX = ['background-color', 'border-top-width', 'border-bottom-width', 'border-bottom-style'];
const TEXT = ['font-family', 'font-size', 'line-height', 'color'];

async function form(): Promise<ApplicantForm> {
  const el = document.createElement('applicant-form') as ApplicantForm;
  el.setAttribute('lang', 'de');
  el.setAttribute('storage', 'none');
  el.setAttribute('definition', '/test/fixtures/controls.json');
  el.setAttribute('validator', '/.tmp/controls.validator.js');
  return el;
}

async function rendered(el: ApplicantForm): Promise<ShadowRoot> {
  await waitUntil(() => el.shadowRoot?.querySelector('#step-heading'), 'form did not render', {
    timeout: 5000,
  });
  return el.shadowRoot!;
}

/** Our controls and KERN's in one context: `context` wraps both (e.g. `kern-dark`). */
async function side(context: string, prefix: string) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div class=${context}><div class="kern">${kernComponents(prefix)}</div></div>`,
  );
  const el = await form();
  wrapper.append(el);
  const root = await rendered(el);
  const kern = wrapper.querySelector('.kern')!;
  const q = (selector: string) => kern.querySelector(selector)!;
  return { el, root, kern: q };
}

describe('without KERN', () => {
  it('keeps its own look and does not load KERN’s', async () => {
    const el = await fixture<ApplicantForm>(
      html`<applicant-form
        lang="de"
        storage="none"
        definition="/test/fixtures/controls.json"
        validator="/.tmp/controls.validator.js"
      ></applicant-form>`,
    );
    const root = await rendered(el);
    const input = getComputedStyle(root.querySelector(`#${NAME}`)!);
    expect(input.borderTopWidth).to.equal('2px');
    expect(input.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(root.querySelector('input[type="radio"]')!).width).to.equal('24px');
    expect(
      performance.getEntriesByType('resource').some((e) => /\/shared\/kern-look/.test(e.name)),
    ).to.equal(false);
  });
});

describe('the KERN look', () => {
  let link: HTMLLinkElement;
  before(async () => {
    // Pinned to KERN's light theme: KERN's colours otherwise follow prefers-color-scheme.
    document.body.classList.add('kern-light');
    link = await withKern();
  });
  after(() => {
    link.remove();
    document.body.classList.remove('kern-light');
  });

  it('inputs, radios, checkboxes, labels, hints and buttons compute as KERN’s own', async () => {
    const { root, kern } = await side('', 'light');
    const input = root.querySelector(`#${NAME}`)!;
    expectSame(
      input,
      kern('#light-plain'),
      [
        ...BOX,
        'border-bottom-color',
        'height',
        'padding-left',
        'padding-right',
        'border-bottom-left-radius',
        ...TEXT,
      ],
      'text input',
    );
    expect(getComputedStyle(input).height).to.equal('48px');
    expect(getComputedStyle(input).fontSize).to.equal('18px');

    const radio = root.querySelector('input[type="radio"]')!;
    const kernRadio = kern('.kern-form-check__radio');
    const CHECK = [
      'width',
      'height',
      'background-color',
      'border-top-width',
      'border-top-color',
      'border-top-left-radius',
      'appearance',
    ];
    expectSame(radio, kernRadio, CHECK, 'radio');
    expect(getComputedStyle(radio).width).to.equal('32px');
    (radio as HTMLInputElement).click();
    (kernRadio as HTMLInputElement).click();
    expectSame(
      radio,
      kernRadio,
      ['width', 'height', 'background-color'],
      'checked radio’s dot',
      '::before',
    );

    const checkbox = root.querySelector('input[type="checkbox"]')!;
    expectSame(checkbox, kern('.kern-form-check__checkbox'), CHECK, 'checkbox');

    expectSame(
      root.querySelector(`label[for="${NAME}"]`)!,
      kern('label[for="light-plain"]'),
      [...TEXT, 'font-weight', 'padding-top', 'padding-bottom'],
      'label',
    );
    expectSame(
      root.querySelector(`#${NAME}-hint`)!,
      kern('.kern-hint'),
      [...TEXT, 'font-weight'],
      'hint',
    );

    const next = root.querySelector('button.next')!;
    const kernButton = kern('.kern-btn--primary');
    expectSame(
      next,
      kernButton,
      ['height', 'background-color', 'border-top-width', 'border-top-left-radius', 'padding-left'],
      'primary button',
    );
    // KERN's button text is its inner label's.
    expectSame(
      next,
      kernButton.querySelector('.kern-label')!,
      [...TEXT, 'font-weight'],
      'button label',
    );
  });

  it('an error looks as KERN’s: the bar beside, the input tinted, the message below in text colour', async () => {
    const { root, kern } = await side('', 'error');
    (root.querySelector('button.next') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector(`#${NAME}-error`), 'no error shown');
    const box = root.querySelector(`#${NAME}`)!.closest('.field')!;
    expectSame(
      box,
      kern('.kern-form-input--error'),
      ['border-left-width', 'border-left-style', 'border-left-color', 'padding-left'],
      'invalid field',
    );
    const input = root.querySelector(`#${NAME}`)!;
    expectSame(input, kern('#error-text'), [...BOX, 'border-bottom-color'], 'invalid input');
    const message = root.querySelector(`#${NAME}-error`)!;
    expectSame(message, kern('.kern-error .kern-body'), [...TEXT, 'font-weight'], 'error message');
    // Below the field, as KERN places it, although it comes before the input in the DOM (where
    // a screen reader meets it, and `aria-describedby` links it).
    expect(message.getBoundingClientRect().top).to.be.at.least(
      input.getBoundingClientRect().bottom,
    );
    const kernMessage = kern('.kern-error');
    expect(kernMessage.getBoundingClientRect().top).to.be.at.least(
      kern('#error-text').getBoundingClientRect().bottom,
    );
    // The danger sign is in KERN's danger colour, and hidden from screen readers.
    expect(getComputedStyle(message, '::before').backgroundColor).to.equal(
      getComputedStyle(kern('.kern-error .kern-icon')).backgroundColor,
    );
  });

  for (const context of [
    'kern-dark',
    'kern-layer kern-level-1',
    'kern-dark kern-layer kern-level-1',
  ]) {
    it(`carries over KERN’s context: ${context}`, async () => {
      const { root, kern } = await side(context, context.replace(/\W+/g, '-'));
      const prefix = context.replace(/\W+/g, '-');
      expectSame(
        root.querySelector(`#${NAME}`)!,
        kern(`#${prefix}-plain`),
        [...BOX, 'border-bottom-color', 'color'],
        'text input',
      );
      expectSame(
        root.querySelector('input[type="radio"]')!,
        kern('.kern-form-check__radio'),
        ['background-color', 'border-top-color'],
        'radio',
      );
      expectSame(
        root.querySelector('button.next')!,
        kern('.kern-btn--primary'),
        ['background-color'],
        'button',
      );
      expectSame(
        root.querySelector(`label[for="${NAME}"]`)!,
        kern(`label[for="${prefix}-plain"]`),
        ['color'],
        'label',
      );
    });
  }

  it('is accessible in KERN’s look, errors shown, light and dark', async () => {
    for (const context of ['', 'kern-dark']) {
      const wrapper = await fixture<HTMLDivElement>(html`<div class=${context}></div>`);
      const el = await form();
      wrapper.append(el);
      const root = await rendered(el);
      (root.querySelector('button.next') as HTMLButtonElement).click();
      await waitUntil(() => root.querySelector('.summary'), 'no error summary');
      await expect(el).to.be.accessible();
    }
  });
});
