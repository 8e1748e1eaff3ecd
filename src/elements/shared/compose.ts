/**
 * The elements `<applicant-form>` renders inside itself (`<document-upload>`, `<payment-step>`),
 * registered under a tag name a host may choose, so that the library can live beside another
 * library's elements of the same name, or twice on one page.
 */

/** A valid custom element name (lower case, with a hyphen; not one of the reserved ones). */
const NAME = /^[a-z][a-z0-9._]*(-[a-z0-9._]*)+$/;
const RESERVED = new Set([
  'annotation-xml',
  'color-profile',
  'font-face',
  'font-face-src',
  'font-face-uri',
  'font-face-format',
  'font-face-name',
  'missing-glyph',
]);

export function isElementName(name: string): boolean {
  return NAME.test(name) && !RESERVED.has(name);
}

/**
 * Registers `ctor` (or, when the constructor is already registered under another name, a
 * subclass of it) and returns the tag to render: `wanted` when it is free or already ours, else
 * the first free of `ozg-<base>`, `ozg-<base>-2`, … A name that is not a valid custom element
 * name is not used.
 */
export function registerComposed(
  base: string,
  ctor: CustomElementConstructor,
  wanted: string = base,
): string {
  const candidates = (i: number) => (i === 0 ? wanted : `ozg-${base}${i > 1 ? `-${i}` : ''}`);
  for (let i = isElementName(wanted) ? 0 : 1; i < 100; i++) {
    const name = candidates(i);
    const existing = customElements.get(name);
    if (existing === ctor || existing?.prototype instanceof ctor) return name;
    if (existing) continue; // another library's element of that name
    try {
      customElements.define(name, ctor);
    } catch {
      // The constructor is registered under another name already: a subclass for this one.
      customElements.define(name, class extends (ctor as typeof HTMLElement) {});
    }
    return name;
  }
  throw new Error(`no free tag name for ${base}`);
}
