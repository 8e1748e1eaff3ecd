import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export type Attributes = Readonly<Record<string, string | undefined>>;

/**
 * Sets several attributes through one binding: `<input ${attrs({ id, 'aria-invalid': … })}>`.
 * `undefined` removes an attribute. One element part instead of one attribute part per attribute
 * keeps the memory of a form with thousands of fields small (see bench/RESULTS.md).
 */
class AttrsDirective extends Directive {
  #last: Attributes = {};

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('attrs() belongs on an element: <input ${attrs({...})}>');
  }

  render(_attributes: Attributes): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [attributes]: [Attributes]): typeof noChange {
    const element = part.element;
    for (const [name, value] of Object.entries(attributes)) {
      if (this.#last[name] === value && element.hasAttribute(name) === (value !== undefined))
        continue;
      if (value === undefined) element.removeAttribute(name);
      else element.setAttribute(name, value);
    }
    for (const name of Object.keys(this.#last)) {
      if (!(name in attributes)) element.removeAttribute(name);
    }
    this.#last = attributes;
    return noChange;
  }
}

export const attrs = directive(AttrsDirective);
