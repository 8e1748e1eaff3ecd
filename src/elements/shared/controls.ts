/**
 * Field controls: Lit templates rendered into the form's own shadow root (so `<label for>`,
 * `aria-describedby` and the error summary's links work), chosen by a ranked registry: the
 * highest rank renders, so a custom control wins by rank, not by editing a switch. A host's control
 * renders inside `fieldShell` (field-shell.ts), which wires its label, hint, error and ARIA from
 * the pieces below; the built-in controls use the same pieces in one template each (see there).
 */
import { html, noChange, nothing, type ElementPart, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Directive, directive } from 'lit/directive.js';
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
import { said, type Said } from './said.js';
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
  /** Who verified the field's answer (a portal's login, e.g. `BundID`): shown, and read only. */
  verifiedBy?(field: Field): string | undefined;
  /** The citizen corrects a verified answer: the field becomes editable. */
  unlock?(field: Field): void;
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
  /**
   * The field's template. A host's control renders its input in `fieldShell`:
   * `fieldShell(field, host, ({ value, attrs }) => html\`<input ${attrs} …>\`)`.
   */
  render(field: Field, host: ControlHost): TemplateResult;
}

/** A DOM id for a data pointer: stable, unique, valid. */
export function idFor(pointer: string): string {
  return 'f' + pointer.replace(/[^A-Za-z0-9-]/g, (c) => '_' + c.charCodeAt(0).toString(16) + '_');
}

function hintOf(field: Field, texts: Texts): Said | undefined {
  const description = keywordOf(field.nodes, 'description');
  return description ? said(texts, description.pointer) : undefined;
}

/** A question's label as the citizen reads it (marked German where its translation lacks it). */
export function labelSaid(field: Field, texts: Texts): Said {
  return said(texts, keywordOf(field.nodes, 'title')?.pointer, field.name);
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

// The pieces of a question's box, shared by the built-in controls and `fieldShell`.

/** What every control starts from: its id, its hint and the error it shows. */
export function basics(field: Field, host: ControlHost) {
  const source = host.verifiedBy?.(field);
  const hint = hintOf(field, host.texts);
  return {
    id: idFor(field.pointer),
    // Where a verified answer came from is said with the question's hint.
    hint: source ? html`${hint ?? nothing} ${msg(str`Übernommen von ${source}.`)}` : hint,
    error: host.errorFor(field),
    source,
  };
}

export function describedBy(
  id: string,
  hint: Said | undefined,
  error: string | undefined,
): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function hintTemplate(id: string, hint: Said | undefined) {
  return hint ? html`<div id="${id}-hint" class="hint" part="hint">${hint}</div>` : nothing;
}

export function errorTemplate(id: string, error: string | undefined) {
  return error
    ? html`<p id="${id}-error" class="error" part="error">
        <span class="visually-hidden">${msg('Fehler:')}</span> ${error}
      </p>`
    : nothing;
}

/**
 * The classes of a question's box: \`required\` puts the asterisk after its label (CSS, hidden from
 * screen readers, which hear \`aria-required\`), \`invalid\` marks an error.
 */
export function boxClass(kind: string, field: Field, error: string | undefined): string {
  return kind + (field.required ? ' required' : '') + (error ? ' invalid' : '');
}

/** Text as typed: NFC, surrounding white space removed, empty means no answer. */
/** A text field, a text area or a select list. */
type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function readText(input: Input): string | undefined {
  const value = input.value.normalize('NFC').trim();
  return value === '' ? undefined : value;
}

type Reader = (input: Input) => unknown;

export type Attributes = Record<string, string | undefined>;

/** Sets the attributes that differ from the element's; an `undefined` one is removed. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const name in attributes) {
    const value = attributes[name] ?? null;
    if (element.getAttribute(name) === value) continue;
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
}

/**
 * A control's one binding (`<input ${answer(…)}>`): its attributes as `setAttributes` sets them,
 * the answer it shows, and what the citizen does with it. One part and no closure per control,
 * where a property and an event binding each were parts and listeners a thousand times over in a
 * long form.
 *
 * A text field (`read` given) reports a keystroke (`input`) and a change (`change`, committed)
 * as the answer `read` reads. Its text shows the answer (as `show` writes it) unless the field
 * already says that answer (as typed: with a space at the end, a decimal comma): what the citizen
 * types is never rewritten under the cursor, yet an answer set from outside (data, drafts,
 * prefill) always shows. Compared with the field's live text, not with what was last shown: an
 * input that lit reuses for another question never keeps the previous question's answer.
 *
 * A radio or a checkbox (no `read`) is checked while the answer is `choice` (set on the live
 * control); checked, it answers `choice`; a checkbox unchecked leaves the question unanswered.
 */
class Answer extends Directive {
  #field: Field | undefined;
  #host: ControlHost | undefined;
  #read: Reader | undefined;
  #choice: unknown;

  render(
    _attributes: Attributes,
    _field: Field,
    _host: ControlHost,
    _read?: Reader,
    _show?: (answer: unknown) => string,
    _choice?: unknown,
  ) {
    return noChange;
  }

  override update(
    { element }: ElementPart,
    [attributes, field, host, read, show = String, choice]: Parameters<Answer['render']>,
  ) {
    const input = element as HTMLInputElement;
    setAttributes(input, attributes);
    if (!this.#host)
      for (const type of read ? ['input', 'change'] : ['change'])
        input.addEventListener(type, this);
    this.#field = field;
    this.#host = host;
    this.#read = read;
    this.#choice = choice;
    const value = getAt(host.data, field.pointer);
    if (!read) input.checked = value === choice;
    else if (read(input) !== value)
      input.value = value === undefined || value === null ? '' : show(value);
    return noChange;
  }

  handleEvent(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    const answer = this.#read ? this.#read(input) : input.checked ? this.#choice : undefined;
    this.#host!.setValue(this.#field!, answer, event.type === 'change');
  }
}
const answer = directive(Answer);

/** Figures as an Arabic or Persian keyboard types them (٠١٢, ۰۱۲), in Western digits. */
const westernDigits = (text: string) =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 15));

/** A number as typed; what is not a number stays text so validation can say so. */
function readNumber(input: Input, integer: boolean): number | string | undefined {
  const value = readText(input);
  if (value === undefined) return undefined;
  const normalised = westernDigits(value).replace(/\s/g, '').replace(',', '.');
  const pattern = integer ? /^-?\d{1,15}$/ : /^-?\d{1,15}(\.\d{1,10})?$/;
  return pattern.test(normalised) ? Number(normalised) : value;
}

const readInteger: Reader = (input) => readNumber(input, true);
const readDecimal: Reader = (input) => readNumber(input, false);

/**
 * A date as typed, day first as on German papers (14.03.2021, 14/3/2021, 14 03 2021, 14032021)
 * or as ISO (2021-03-14), in the ISO form the answers keep: the same whatever the browser's own
 * language. What is no date stays text, so validation says so.
 */
function readDate(input: Input): string | undefined {
  const value = readText(input);
  if (value === undefined) return undefined;
  const typed = westernDigits(value);
  const day = /^(\d\d?)[./\s-]*(\d\d?)[./\s-]*(\d{4})$/.exec(typed);
  return day
    ? `${day[3]}-${day[2]!.padStart(2, '0')}-${day[1]!.padStart(2, '0')}`
    : /^\d{4}-\d\d-\d\d$/.test(typed)
      ? typed
      : value;
}
/** An ISO date as the citizen reads and types it: 14.03.2021. */
const shownDate = (answer: unknown) =>
  typeof answer === 'string' && /^\d{4}-\d\d-\d\d$/.test(answer)
    ? answer.split('-').reverse().join('.')
    : String(answer);

const INPUT_TYPES: Record<string, string> = { email: 'email', tel: 'tel' };

const textControl: Control = {
  name: 'text',
  rank: (field) =>
    field.type !== 'string' && field.type !== 'integer' && field.type !== 'number'
      ? RANK.none
      : TEXT_WIDGETS.includes(widgetOf(field)!)
        ? RANK.widget
        : RANK.fallback,
  render(field, host) {
    const { id, hint, error, source } = basics(field, host);
    const widget = widgetOf(field);
    const numeric = field.type === 'integer' || field.type === 'number';
    const format = valueOf<string>(field, 'format');
    const type = INPUT_TYPES[widget ?? ''] ?? INPUT_TYPES[format ?? ''] ?? 'text';
    // A date is typed into a text field (a date field's typing order follows the browser's
    // language, not the citizen's): the hint says the order.
    const date = widget === 'date' || format === 'date';
    const placeholder = keywordOf(field.nodes, 'x-placeholder');
    const read = numeric
      ? field.type === 'integer'
        ? readInteger
        : readDecimal
      : date
        ? readDate
        : readText;
    const order = msg('Tag.Monat.Jahr, zum Beispiel 14.03.2021');
    const described = !date
      ? hint
      : typeof hint === 'object'
        ? html`${hint} ${order}`
        : [hint, order].filter(Boolean).join(' ');
    return html`<div class=${boxClass('field', field, error)} part="field">
      <label for=${id} part="label">${labelSaid(field, host.texts)}</label>
      ${hintTemplate(id, described)} ${errorTemplate(id, error)}
      <input
        part="input"
        ${answer(
          {
            id,
            type: type === 'text' ? undefined : type,
            autocomplete: valueOf<string>(field, 'x-autocomplete'),
            inputmode:
              valueOf<string>(field, 'x-inputmode') ?? (numeric || date ? 'numeric' : undefined),
            placeholder: placeholder ? host.texts.get(placeholder.pointer) : undefined,
            'aria-required': field.required ? 'true' : undefined,
            'aria-invalid': error ? 'true' : undefined,
            'aria-describedby': describedBy(id, described, error),
            readonly: source ? '' : undefined,
          },
          field,
          host,
          read,
          date ? shownDate : undefined,
        )}
      />
      ${
        source
          ? html`<button type="button" class="link" @click=${() => host.unlock?.(field)}>
              ${msg('Korrigieren')}<span class="visually-hidden"
                >: ${labelOf(field, host.texts)}</span
              >
            </button>`
          : nothing
      }
    </div>`;
  },
};

const textareaControl: Control = {
  name: 'textarea',
  rank: (field) =>
    field.type === 'string' && widgetOf(field) === 'textarea' ? RANK.widget : RANK.none,
  render(field, host) {
    const { id, hint, error } = basics(field, host);
    return html`<div class=${boxClass('field', field, error)} part="field">
      <label for=${id} part="label">${labelSaid(field, host.texts)}</label>
      ${hintTemplate(id, hint)} ${errorTemplate(id, error)}
      <textarea
        part="input textarea"
        rows="5"
        ${answer(
          {
            id,
            'aria-required': field.required ? 'true' : undefined,
            'aria-invalid': error ? 'true' : undefined,
            'aria-describedby': describedBy(id, hint, error),
          },
          field,
          host,
          readText,
        )}
      ></textarea>
    </div>`;
  },
};

function radioGroup(field: Field, host: ControlHost, choices: Choice[]): TemplateResult {
  const { id, hint, error } = basics(field, host);
  // Radios are one answer: a radio group, named by its legend, is what can be required (a radio
  // cannot). The same in fieldShell's `choices`.
  return html`<fieldset
    id=${id}
    class=${boxClass('field choices', field, error)}
    part="field fieldset"
    role="radiogroup"
    aria-required=${ifDefined(field.required ? 'true' : undefined)}
    aria-describedby=${ifDefined(describedBy(id, hint, error))}
  >
    <legend part="label">${labelSaid(field, host.texts)}</legend>
    ${hintTemplate(id, hint)} ${errorTemplate(id, error)}
    <div class="options ${choices.length <= 2 ? 'inline' : ''}">
      ${choices.map(
        (choice, i) =>
          html`<div class="option">
            <input
              type="radio"
              part="radio"
              ${answer(
                { id: `${id}-${i}`, name: id, 'aria-invalid': error ? 'true' : undefined },
                field,
                host,
                undefined,
                undefined,
                choice.value,
              )}
            /><label for="${id}-${i}">${said(host.texts, choice.titlePointer, choice.title)}</label>
          </div>`,
      )}
    </div>
  </fieldset>`;
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
    const { id, hint, error } = basics(field, host);
    const choices = translatedChoices(field, host.texts);
    // The options' values are their places in the list ("": none chosen).
    const read = (select: Input) =>
      select.value ? choices[Number(select.value)]?.value : undefined;
    const show = (answer: unknown) => {
      const index = choices.findIndex((c) => c.value === answer);
      return index < 0 ? '' : String(index);
    };
    return html`<div class=${boxClass('field', field, error)} part="field">
      <label for=${id} part="label">${labelSaid(field, host.texts)}</label>
      ${hintTemplate(id, hint)} ${errorTemplate(id, error)}
      <select
        part="input select"
        ${answer(
          {
            id,
            'aria-required': field.required ? 'true' : undefined,
            'aria-invalid': error ? 'true' : undefined,
            'aria-describedby': describedBy(id, hint, error),
          },
          field,
          host,
          read,
          show,
        )}
      >
        <option value="">${msg('Bitte auswählen')}</option>
        ${choices.map((c, i) => html`<option value=${String(i)}>${c.title}</option>`)}
      </select>
    </div>`;
  },
};

const checkboxControl: Control = {
  name: 'checkbox',
  rank: (field) => (isCheckbox(field) ? RANK.specific : RANK.none),
  render(field, host) {
    const { id, hint, error } = basics(field, host);
    return html`<div class=${boxClass('field checkbox', field, error)} part="field">
      ${errorTemplate(id, error)}
      <div class="option">
        <input
          type="checkbox"
          part="checkbox"
          ${answer(
            {
              id,
              'aria-required': field.required ? 'true' : undefined,
              'aria-invalid': error ? 'true' : undefined,
              'aria-describedby': describedBy(id, hint, error),
            },
            field,
            host,
            undefined,
            undefined,
            true,
          )}
        /><label for=${id} part="label">${labelSaid(field, host.texts)}</label>
      </div>
      ${hintTemplate(id, hint)}
    </div>`;
  },
};

const groupControl: Control = {
  name: 'group',
  rank: (field) => (field.type === 'object' ? RANK.generic : RANK.none),
  render(field, host) {
    const { id, hint, error } = basics(field, host);
    const fields = host.model.children(field, host.data)[0]!.fields;
    return html`<fieldset
      id=${id}
      class=${boxClass('group', field, error)}
      part="group"
      aria-describedby=${ifDefined(describedBy(id, hint, error))}
    >
      <legend part="legend">${labelSaid(field, host.texts)}</legend>
      ${hintTemplate(id, hint)} ${errorTemplate(id, error)}
      ${chunked(fields.map((f) => host.renderField(f)))}
    </fieldset>`;
  },
};

const listControl: Control = {
  name: 'list',
  rank: (field) => (field.type === 'array' ? RANK.generic : RANK.none),
  render(field, host) {
    const { id, hint, error } = basics(field, host);
    const items = host.model.children(field, host.data);
    const addLabel = keywordOf(field.nodes, 'x-addLabel');
    const max = valueOf<number>(field, 'maxItems');
    return html`<fieldset
      id=${id}
      class=${boxClass('list', field, error)}
      part="list"
      aria-describedby=${ifDefined(describedBy(id, hint, error))}
    >
      <legend part="legend">${labelSaid(field, host.texts)}</legend>
      ${hintTemplate(id, hint)} ${errorTemplate(id, error)}
      ${items.map(({ pointer, index, fields }) => {
        const name = itemNameOf(field, host.texts, index);
        return html`<fieldset class="item" id=${idFor(pointer)} part="list-item">
          <legend part="legend">${name}</legend>
          ${fields.map((f) => host.renderField(f))}
          ${
            // The one entry a required list must have is emptied, not removed.
            items.length > 1 || !field.required
              ? html`<button
                  type="button"
                  class="secondary remove"
                  part="remove-button"
                  @click=${() => host.removeItem(field, index!)}
                >
                  ${msg(str`${name} entfernen`)}
                </button>`
              : nothing
          }
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
      }
    </fieldset>`;
  },
};

/** Questions per run in a long list: about a screen or two on a phone. */
const CHUNK = 16;
/** With `later`: the runs rendered with the step, when it has more than `LATER` runs. */
const FIRST = 2;
const LATER = 4;

/**
 * Rendered questions in runs of sixteen (`<div class="chunk">`), so that a step or group with
 * hundreds of questions lays out and paints only the runs on screen (CSS \`content-visibility\`).
 * Short lists stay as they are. With `later`, a step of more than four runs renders its first
 * two as they are and the rest as `later` makes them (`deferredRun`: right after the first paint).
 */
export function chunked(items: unknown[], later?: (run: unknown[]) => unknown): unknown[] {
  if (items.length <= CHUNK) return items;
  const runs: unknown[] = [];
  const defer = later && items.length > LATER * CHUNK;
  for (let i = 0; i < items.length; i += CHUNK) {
    const run = items.slice(i, i + CHUNK);
    runs.push(html`<div class="chunk">${defer && i >= FIRST * CHUNK ? later(run) : run}</div>`);
  }
  return runs;
}

/**
 * The built-in controls, ranked on the scale `RANK`: text box (`fallback`); select, yes/no,
 * group, list (`generic`); radios for up to six choices, checkbox (`specific`); what `x-widget`
 * names (`widget`). Add an entry to render a field your way: `[...controls, mine]`. Their ranks
 * are written out, not built with the combinators of `testers.ts`, and their templates not nested
 * in `fieldShell`: both stay out of the code and the memory an element needs for its first render.
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
