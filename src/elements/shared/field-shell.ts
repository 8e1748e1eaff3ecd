/**
 * The field shell: the box around a host's control — its label (or legend), hint and error, with
 * their ids, `::part()`s, classes and ARIA — so that the control renders only its input.
 *
 * The built-in controls are made of the same pieces (`basics`, `describedBy`, `hintTemplate`,
 * `errorTemplate`, `boxClass` in controls.ts) in one template per question instead of a template
 * nested in this one: a nested template costs every question a child part, its marker comments and
 * a template instance — about 0.24 MB more heap at 1000 questions (`npm run bench`, heap after
 * render: 5.95 MB flat, 6.19 MB nested) — and this module's bytes would count before every
 * element's first render. test/elements/controls.test.ts holds both to the same checks.
 */
import { html, noChange, type ElementPart, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Directive, directive, type DirectiveResult } from 'lit/directive.js';
import type { Field } from '../../core/schema.js';
import { getAt } from '../../core/pointer.js';
import {
  basics,
  boxClass,
  describedBy,
  errorTemplate,
  hintTemplate,
  labelSaid,
  setAttributes,
  type Attributes,
  type ControlHost,
} from './controls.js';

/**
 * Sets the attributes on the element it is bound to (`<input ${…}>`); an `undefined` one is
 * removed. It writes only what differs from the element (and keeps nothing per element): one
 * part per control where an attribute binding each would be a part each, in memory a thousand
 * times over in a long form.
 */
class AttributesDirective extends Directive {
  render(_attributes: Attributes) {
    return noChange;
  }

  override update({ element }: ElementPart, [attributes]: [Attributes]) {
    setAttributes(element, attributes);
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
  const { id, hint, error } = basics(field, host);
  const described = describedBy(id, hint, error);
  const invalid = error ? 'true' : undefined;
  const required = field.required ? 'true' : undefined;
  const label = labelSaid(field, host.texts);
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
            'aria-describedby': described,
            'aria-invalid': invalid,
            'aria-required': required,
          },
    ),
  });
  const box = boxClass(
    fieldset ? (choices ? 'field choices' : kind) : kind === 'check' ? 'field checkbox' : 'field',
    field,
    error,
  );
  if (kind === 'input')
    return html`<div class=${box} part="field">
      <label for=${id} part="label">${label}</label>
      ${hintTemplate(id, hint)} ${errorTemplate(id, error)} ${inner}
    </div>`;
  if (kind === 'check')
    return html`<div class=${box} part="field">
      ${errorTemplate(id, error)}
      <div class="option">${inner}<label for=${id} part="label">${label}</label></div>
      ${hintTemplate(id, hint)}
    </div>`;
  return html`<fieldset
    id=${id}
    class=${box}
    part=${choices ? 'field fieldset' : kind}
    role=${ifDefined(choices ? 'radiogroup' : undefined)}
    aria-required=${ifDefined(choices ? required : undefined)}
    aria-describedby=${ifDefined(described)}
  >
    <legend part=${choices ? 'label' : 'legend'}>${label}</legend>
    ${hintTemplate(id, hint)} ${errorTemplate(id, error)} ${inner}
  </fieldset>`;
}
