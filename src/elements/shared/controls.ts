/**
 * Field controls: Lit templates rendered into the form's own shadow root (so `<label for>`,
 * `aria-describedby` and the error summary's links work), chosen by a ranked registry: the
 * highest rank renders, so a custom control wins by rank, not by editing a switch. Every control
 * renders inside `fieldShell`, which wires its label, hint, error and ARIA; a custom control uses
 * the same shell and renders only its input.
 */
import {
  html,
  noChange,
  nothing,
  type ElementPart,
  type PropertyPart,
  type TemplateResult,
} from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Directive, directive, type DirectiveResult } from 'lit/directive.js';
import { msg, str } from '@lit/localize';
import {
  choicesOf,
  keywordOf,
  valueOf,
  type Choice,
  type Field,
  type SchemaModel,
} from '../../core/schema.js';
import type { Texts } from '../../core/texts.js';
import { getAt } from '../../core/pointer.js';
import { isCheckbox, labelOf } from '../../core/fields.js';
import { RANK, type ControlContext } from './rank.js';

/** What a control needs from the form. */
export interface ControlHost {
  readonly model: SchemaModel;
  readonly texts: Texts;
  readonly data: unknown;
  /** Where the form renders: the definition, the step and the language (what testers get). */
  readonly context: ControlContext;
  /** The message to show for a field, if any. */
  errorFor(field: Field): string | undefined;
  /** A value typed or chosen. `commit` is true on change (not on every keystroke). */
  setValue(field: Field, value: unknown, commit: boolean): void;
  addItem(field: Field): void;
  removeItem(field: Field, index: number): void;
  /** Renders any field (for groups and lists): something Lit can render. */
  renderField(field: Field): unknown;
}

/** An entry of the control registry. */
export interface Control {
  /** A name to tell controls apart (e.g. to replace a built-in one by name). */
  name: string;
  /**
   * How well this control fits the field in this context, on the scale `RANK`; 0 or less: not at
   * all. The highest rank renders; at equal ranks, the control later in the registry.
   */
  rank(field: Field, context: ControlContext): number;
  /** The field's template: usually `fieldShell(field, host, (parts) => html\`<input ${parts.attrs} …>\`)`. */
  render(field: Field, host: ControlHost): TemplateResult;
}

/** A DOM id for a data pointer: stable, unique, valid. */
export function idFor(pointer: string): string {
  return 'f' + pointer.replace(/[^A-Za-z0-9-]/g, (c) => '_' + c.charCodeAt(0).toString(16) + '_');
}

function hintOf(field: Field, texts: Texts): string | undefined {
  const description = keywordOf(field.nodes, 'description');
  return description ? texts.get(description.pointer) : undefined;
}

function widgetOf(field: Field): string | undefined {
  return valueOf<string>(field, 'x-widget');
}

/** The `x-widget`s the text control renders (as an `<input>` of that type, where there is one). */
const TEXT_WIDGETS = ['text', 'date', 'email', 'tel', 'number'];

/** Up to this many choices show as radios, more as a select. */
const MAX_RADIOS = 6;

/** The name of a list's entry, numbered from 1 (“Kind 2”), or of the entries in general without an index. */
export function itemNameOf(field: Field, texts: Texts, index?: number): string {
  const title = keywordOf(field.nodes, 'x-itemTitle');
  const name = title ? texts.get(title.pointer) : msg('Eintrag');
  return index === undefined ? name : `${name} ${index + 1}`;
}

export function translatedChoices(field: Field, texts: Texts): Choice[] {
  return (choicesOf(field) ?? []).map((c) => ({ ...c, title: texts.get(c.titlePointer, c.title) }));
}

export function booleanChoices(): Choice[] {
  return [
    { value: true, title: msg('Ja') },
    { value: false, title: msg('Nein') },
  ];
}

type Attributes = Record<string, string | undefined>;

/**
 * Sets the attributes on the element it is bound to (`<input ${…}>`); an `undefined` one is
 * removed. Like Lit's own attribute bindings it writes only what changed since the last render.
 */
class AttributesDirective extends Directive {
  #last: Attributes = {};

  render(_attributes: Attributes) {
    return noChange;
  }

  override update(part: ElementPart, [attributes]: [Attributes]) {
    for (const name in attributes) {
      const value = attributes[name];
      if (value === this.#last[name]) continue;
      if (value === undefined) part.element.removeAttribute(name);
      else part.element.setAttribute(name, value);
    }
    this.#last = attributes;
    return noChange;
  }
}
const attributes = directive(AttributesDirective);

/**
 * How `fieldShell` wraps a control:
 * - `input`: a `<label>` above one input (text, number, date, select, textarea, …);
 * - `check`: one checkbox with its `<label>` after it;
 * - `choices`: a `<fieldset role="radiogroup">` with a `<legend>` around the options of one answer
 *   (radios);
 * - `group`, `list`: a `<fieldset>` with a `<legend>` around other questions.
 */
export type FieldKind = 'input' | 'check' | 'choices' | 'group' | 'list';

/** What `fieldShell` hands the control's content. */
export interface FieldParts {
  /** The input's id: the `<label for>` and the error summary's links point to it. */
  readonly id: string;
  /** The answer so far (at the field's pointer in the data). */
  readonly value: unknown;
  /** The error shown, if any. */
  readonly error: string | undefined;
  /**
   * Bind it to the input, `<input ${parts.attrs}>`: it sets `id`, `aria-describedby` (hint and
   * error), `aria-invalid` and `aria-required`. In a `choices` shell bind it to every option: it
   * sets `aria-invalid` (the fieldset is the radio group: it has the id, `aria-describedby` and
   * `aria-required`).
   */
  readonly attrs: DirectiveResult;
}

/**
 * The box around a control: its label (or legend), hint and error, with their ids, `::part()`
 * names and classes (`required` puts the asterisk after the label, CSS hidden from screen readers,
 * which hear `aria-required`; `invalid` marks an error). `content` renders the input itself and
 * binds `parts.attrs` to it; everything a screen reader needs is wired here.
 */
export function fieldShell(
  field: Field,
  host: ControlHost,
  content: (parts: FieldParts) => unknown,
  kind: FieldKind = 'input',
): TemplateResult {
  const id = idFor(field.pointer);
  const hint = hintOf(field, host.texts);
  const error = host.errorFor(field);
  const invalid = error ? 'true' : undefined;
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const label = labelOf(field, host.texts);
  const required = field.required ? 'true' : undefined;
  const fieldset = kind !== 'input' && kind !== 'check';
  const choices = kind === 'choices';
  const inner = content({
    id,
    error,
    value: getAt(host.data, field.pointer),
    attrs: attributes(
      fieldset
        ? { 'aria-invalid': invalid }
        : {
            id,
            'aria-describedby': describedBy,
            'aria-invalid': invalid,
            'aria-required': required,
          },
    ),
  });
  const box =
    (fieldset
      ? choices
        ? 'field choices'
        : kind
      : kind === 'check'
        ? 'field checkbox'
        : 'field') +
    (field.required ? ' required' : '') +
    (error ? ' invalid' : '');
  const hintPart = hint
    ? html`<div id="${id}-hint" class="hint" part="hint">${hint}</div>`
    : nothing;
  const errorPart = error
    ? html`<p id="${id}-error" class="error" part="error">
        <span class="visually-hidden">${msg('Fehler:')}</span> ${error}
      </p>`
    : nothing;
  if (kind === 'input')
    return html`<div class=${box} part="field">
      <label for=${id} part="label">${label}</label>
      ${hintPart} ${errorPart} ${inner}
    </div>`;
  if (kind === 'check')
    return html`<div class=${box} part="field">
      ${errorPart}
      <div class="option">${inner}<label for=${id} part="label">${label}</label></div>
      ${hintPart}
    </div>`;
  // Radios are one answer: a radio group, named by its legend, is what can be required (a radio
  // cannot). Around other questions, a plain group (fieldset).
  return html`<fieldset
    id=${id}
    class=${box}
    part=${choices ? 'field fieldset' : kind}
    role=${ifDefined(choices ? 'radiogroup' : undefined)}
    aria-required=${ifDefined(choices ? required : undefined)}
    aria-describedby=${ifDefined(describedBy)}
  >
    <legend part=${choices ? 'label' : 'legend'}>${label}</legend>
    ${hintPart} ${errorPart} ${inner}
  </fieldset>`;
}

/** Text as typed: NFC, surrounding white space removed, empty means no answer. */
function readText(input: HTMLInputElement | HTMLTextAreaElement): string | undefined {
  const value = input.value.normalize('NFC').trim();
  return value === '' ? undefined : value;
}

type Reader = (input: HTMLInputElement | HTMLTextAreaElement) => unknown;

/**
 * A text field's text for an answer, unless the field already says that answer (as typed: with
 * a space at the end, a decimal comma): what the citizen types is never rewritten under the
 * cursor, yet an answer set from outside (data, drafts, prefill) always shows.
 */
class AnswerText extends Directive {
  render(answer: unknown, _read: Reader): string {
    return answer === undefined || answer === null ? '' : String(answer);
  }

  override update(part: PropertyPart, [answer, read]: [unknown, Reader]) {
    const input = part.element as HTMLInputElement | HTMLTextAreaElement;
    return read(input) === answer ? noChange : this.render(answer, read);
  }
}
const answerText = directive(AnswerText);

/** A number as typed; what is not a number stays text so validation can say so. */
function readNumber(input: HTMLInputElement, integer: boolean): number | string | undefined {
  const value = readText(input);
  if (value === undefined) return undefined;
  const normalised = value.replace(/\s/g, '').replace(',', '.');
  const pattern = integer ? /^-?\d{1,15}$/ : /^-?\d{1,15}(\.\d{1,10})?$/;
  return pattern.test(normalised) ? Number(normalised) : value;
}

const INPUT_TYPES: Record<string, string> = { date: 'date', email: 'email', tel: 'tel' };

const textControl: Control = {
  name: 'text',
  rank: (field) =>
    field.type !== 'string' && field.type !== 'integer' && field.type !== 'number'
      ? RANK.none
      : TEXT_WIDGETS.includes(widgetOf(field)!)
        ? RANK.widget
        : RANK.fallback,
  render(field, host) {
    const widget = widgetOf(field);
    const numeric = field.type === 'integer' || field.type === 'number';
    const format = valueOf<string>(field, 'format');
    const type = INPUT_TYPES[widget ?? ''] ?? INPUT_TYPES[format ?? ''] ?? 'text';
    const placeholder = keywordOf(field.nodes, 'x-placeholder');
    const read: Reader = (input) =>
      numeric ? readNumber(input as HTMLInputElement, field.type === 'integer') : readText(input);
    return fieldShell(
      field,
      host,
      ({ value, attrs }) =>
        html`<input
          part="input"
          ${attrs}
          type=${ifDefined(type === 'text' ? undefined : type)}
          .value=${answerText(value, read)}
          autocomplete=${ifDefined(valueOf<string>(field, 'x-autocomplete'))}
          inputmode=${ifDefined(valueOf<string>(field, 'x-inputmode') ?? (numeric ? 'numeric' : undefined))}
          placeholder=${ifDefined(placeholder ? host.texts.get(placeholder.pointer) : undefined)}
          @input=${(e: Event) => host.setValue(field, read(e.target as HTMLInputElement), false)}
          @change=${(e: Event) => host.setValue(field, read(e.target as HTMLInputElement), true)}
        />`,
    );
  },
};

const textareaControl: Control = {
  name: 'textarea',
  rank: (field) =>
    field.type === 'string' && widgetOf(field) === 'textarea' ? RANK.widget : RANK.none,
  render: (field, host) =>
    fieldShell(
      field,
      host,
      ({ value, attrs }) =>
        html`<textarea
          part="input textarea"
          rows="5"
          ${attrs}
          .value=${answerText(typeof value === 'string' ? value : undefined, readText)}
          @input=${(e: Event) => host.setValue(field, readText(e.target as HTMLTextAreaElement), false)}
          @change=${(e: Event) => host.setValue(field, readText(e.target as HTMLTextAreaElement), true)}
        ></textarea>`,
    ),
};

function radioGroup(field: Field, host: ControlHost, choices: Choice[]): TemplateResult {
  return fieldShell(
    field,
    host,
    ({ id, value, attrs }) =>
      html`<div class="options ${choices.length <= 2 ? 'inline' : ''}">
        ${choices.map(
          (choice, i) =>
            html`<div class="option">
              <input
                type="radio"
                id="${id}-${i}"
                name=${id}
                part="radio"
                ${attrs}
                .checked=${live(value === choice.value)}
                @change=${() => host.setValue(field, choice.value, true)}
              /><label for="${id}-${i}">${choice.title}</label>
            </div>`,
        )}
      </div>`,
    'choices',
  );
}

const radioControl: Control = {
  name: 'radio',
  rank(field) {
    const choices = choicesOf(field);
    if (!choices) return RANK.none;
    if (widgetOf(field) === 'radio') return RANK.widget;
    return choices.length <= MAX_RADIOS ? RANK.specific : RANK.none;
  },
  render: (field, host) => radioGroup(field, host, translatedChoices(field, host.texts)),
};

const yesNoControl: Control = {
  name: 'yes-no',
  rank: (field) => (field.type === 'boolean' ? RANK.generic : RANK.none),
  render: (field, host) => radioGroup(field, host, booleanChoices()),
};

const selectControl: Control = {
  name: 'select',
  rank(field) {
    if (!choicesOf(field)) return RANK.none;
    return widgetOf(field) === 'select' ? RANK.widget : RANK.generic;
  },
  render(field, host) {
    const choices = translatedChoices(field, host.texts);
    return fieldShell(field, host, ({ value, attrs }) => {
      const index = choices.findIndex((c) => c.value === value);
      return html`<select
        part="input select"
        ${attrs}
        .value=${live(index < 0 ? '' : String(index))}
        @change=${(e: Event) => {
          const i = (e.target as HTMLSelectElement).value;
          host.setValue(field, i === '' ? undefined : choices[Number(i)]?.value, true);
        }}
      >
        <option value="">${msg('Bitte auswählen')}</option>
        ${choices.map((c, i) => html`<option value=${String(i)}>${c.title}</option>`)}
      </select>`;
    });
  },
};

const checkboxControl: Control = {
  name: 'checkbox',
  rank: (field) => (isCheckbox(field) ? RANK.specific : RANK.none),
  render: (field, host) =>
    fieldShell(
      field,
      host,
      ({ value, attrs }) =>
        html`<input
          type="checkbox"
          part="checkbox"
          ${attrs}
          .checked=${live(value === true)}
          @change=${(e: Event) =>
            host.setValue(field, (e.target as HTMLInputElement).checked ? true : undefined, true)}
        />`,
      'check',
    ),
};

const groupControl: Control = {
  name: 'group',
  rank: (field) => (field.type === 'object' ? RANK.generic : RANK.none),
  render: (field, host) =>
    fieldShell(
      field,
      host,
      () =>
        chunked(host.model.children(field, host.data)[0]!.fields.map((f) => host.renderField(f))),
      'group',
    ),
};

const listControl: Control = {
  name: 'list',
  rank: (field) => (field.type === 'array' ? RANK.generic : RANK.none),
  render(field, host) {
    const items = host.model.children(field, host.data);
    const addLabel = keywordOf(field.nodes, 'x-addLabel');
    const max = valueOf<number>(field, 'maxItems');
    return fieldShell(
      field,
      host,
      () =>
        html`${items.map(({ pointer, index, fields }) => {
          const name = itemNameOf(field, host.texts, index);
          return html`<fieldset class="item" id=${idFor(pointer)} part="list-item">
            <legend part="legend">${name}</legend>
            ${fields.map((f) => host.renderField(f))}
            <button
              type="button"
              class="secondary remove"
              part="remove-button"
              @click=${() => host.removeItem(field, index!)}
            >
              ${msg(str`${name} entfernen`)}
            </button>
          </fieldset>`;
        })}
        ${
          max === undefined || items.length < max
            ? html`<button
                type="button"
                class="secondary add"
                part="add-button"
                @click=${() => host.addItem(field)}
              >
                ${
                  addLabel
                    ? host.texts.get(addLabel.pointer)
                    : msg(str`${itemNameOf(field, host.texts)} hinzufügen`)
                }
              </button>`
            : nothing
        }`,
      'list',
    );
  },
};

/** Questions per run in a long list: about a screen or two on a phone. */
const CHUNK = 16;

/**
 * Rendered questions in runs of sixteen (`<div class="chunk">`), so that a step or group with
 * hundreds of questions lays out and paints only the runs on screen (CSS \`content-visibility\`).
 * Short lists stay as they are.
 */
export function chunked(items: unknown[]): unknown[] {
  if (items.length <= CHUNK) return items;
  const runs: unknown[] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    runs.push(html`<div class="chunk">${items.slice(i, i + CHUNK)}</div>`);
  return runs;
}

/**
 * The built-in controls, ranked on the scale `RANK`: text box (`fallback`); select, yes/no,
 * group, list (`generic`); radios for up to six choices, checkbox (`specific`); what `x-widget`
 * names (`widget`). Add an entry to render a field your way: `[...controls, mine]`. Their ranks
 * are written out, not built with the combinators of `testers.ts`: those stay out of the code an
 * element loads before its first render.
 */
export const controls: Control[] = [
  textControl,
  textareaControl,
  radioControl,
  yesNoControl,
  selectControl,
  checkboxControl,
  groupControl,
  listControl,
];

/**
 * The control that renders a field: the one of the highest rank above 0; of several at that rank,
 * the one later in the registry (so a host's control appended at a built-in one's rank replaces
 * it). `undefined` when none fits.
 */
export function controlFor(
  field: Field,
  registry: readonly Control[],
  context: ControlContext,
): Control | undefined {
  let chosen: Control | undefined;
  let highest = RANK.none as number;
  for (const control of registry) {
    const rank = control.rank(field, context);
    if (rank > RANK.none && rank >= highest) {
      chosen = control;
      highest = rank;
    }
  }
  return chosen;
}
