/**
 * ozg-forms: the one module a web editor includes. It is small: each element's code loads when its
 * tag first appears in the page (also when added later), so a page with a quick-check loads no
 * application form. For elements inside a shadow root of your own, call `define()` or import the
 * element's module (`ozg-forms/quick-check.js`); for the classes unregistered, `ozg-forms/elements`.
 */
import type { ApplicantForm } from './elements/applicant-form/applicant-form.js';
import type { DocumentUpload } from './elements/document-upload/document-upload.js';
import type { PaymentStep } from './elements/payment-step/payment-step.js';
import type { QuickCheck } from './elements/quick-check/quick-check.js';

const elements: Record<string, () => Promise<unknown>> = {
  'applicant-form': () => import('./elements/applicant-form/define.js'),
  'quick-check': () => import('./elements/quick-check/define.js'),
  'payment-step': () => import('./elements/payment-step/define.js'),
  'document-upload': () => import('./elements/document-upload/define.js'),
};

const loading = new Map<string, Promise<unknown>>();

/**
 * What the build (vite.config.ts, \`preloadList\`) writes in: each element's modules (its entry and
 * everything it imports) and each built-in definition's, so that they are fetched together, not
 * one level of imports at a time; by their names in \`chunks/\`, without \`.js\`.
 */
declare const __ozgPreload:
  | {
      elements: Record<string, string[]>;
      definitions: Record<string, string[]>;
      /** By language: the hashes of its chunks (`chunks/<language>-<hash>.js`). */
      languages: Record<string, string[]>;
    }
  | undefined;
/**
 * The list is used only where this module runs as built, its chunks beside it (`…/ozg-forms.js`).
 * Re-bundled by an app's bundler (renamed, moved into a chunk of the app, given a query by a dev
 * server, or a `file:` URL) the list's paths point nowhere, and the bundler preloads the chunks it
 * made itself.
 */
const preloads =
  typeof __ozgPreload === 'undefined' || !/^https?:[^?#]*\/ozg-forms\.js$/.test(import.meta.url)
    ? { elements: {}, definitions: {}, languages: {} }
    : __ozgPreload;
const announced = new Set<string>();

/** Asks for a file ahead of its use (once): a module, or (\`fetch\`) a definition's JSON. */
function announce(href: string, as?: 'fetch'): void {
  const url = new URL(href, as ? document.baseURI : import.meta.url).href;
  if (announced.has(url)) return;
  announced.add(url);
  const link = document.createElement('link');
  if (as) {
    // Fetched as the element will fetch it (CORS mode, same-origin credentials), so it is reused.
    link.rel = 'preload';
    link.as = as;
    link.crossOrigin = 'anonymous';
  } else {
    link.rel = 'modulepreload';
  }
  link.href = url;
  document.head.append(link);
}

/** Announces what an element in the page will load: its definition and validator. */
function announceData(element: Element): void {
  const definition = element.getAttribute('definition')?.trim();
  const validator = element.getAttribute('validator')?.trim();
  if (validator) announce(new URL(validator, document.baseURI).href);
  if (!definition) return;
  const builtIn = element.localName === 'quick-check' ? `${definition}.quick-check` : definition;
  const files = preloads.definitions[builtIn];
  if (files) {
    for (const file of files) announce(`chunks/${file}.js`);
  } else if (/[/.]/.test(definition)) {
    announce(definition, 'fetch');
  }
}

/**
 * Announces the texts of the language an element in the page will speak (by the closest `lang`;
 * none: the element finds it later) and German's, every language's fallback.
 */
function announceLanguage(element: Element): void {
  const tag = element.closest('[lang]')?.getAttribute('lang')?.toLowerCase();
  if (!tag) return;
  // Leichte Sprache (de-x-ls) gets German's; its own follow when the element asks.
  for (const name of ['de', tag.split(/[-_]/)[0]!])
    for (const hash of preloads.languages[name] ?? []) announce(`chunks/${name}-${hash}.js`);
}

/** Tags of the elements this module can load. */
export const tags: readonly string[] = Object.keys(elements);

/** Loads and registers the given elements (all by default); resolves once they are defined. */
export async function define(...names: string[]): Promise<void> {
  const wanted = names.length > 0 ? names : Object.keys(elements);
  await Promise.all(
    wanted.map((tag) => {
      const load = Object.prototype.hasOwnProperty.call(elements, tag) ? elements[tag] : undefined;
      if (!load) return Promise.reject(new Error(`ozg-forms has no element <${tag}>`));
      if (!loading.has(tag)) {
        if (typeof document !== 'undefined')
          for (const file of preloads.elements[tag] ?? []) announce(`chunks/${file}.js`);
        loading.set(tag, load());
      }
      return loading.get(tag);
    }),
  );
}

function discover(root: ParentNode): void {
  for (const tag of Object.keys(elements)) {
    const found = [...root.querySelectorAll(tag)];
    if (root instanceof Element && root.localName === tag) found.push(root);
    if (found.length === 0) continue;
    found.forEach(announceData);
    found.forEach(announceLanguage);
    if (!customElements.get(tag) && !loading.has(tag))
      define(tag).catch((error: unknown) => console.error(error));
  }
}

if (typeof document !== 'undefined') {
  discover(document);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) if (node instanceof Element) discover(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/**
 * Sets the language of the library's own texts for the whole page (guarded: safe to call any time,
 * also when the host uses @lit/localize itself). Elements otherwise follow their `lang`.
 */
export async function setLanguage(tag: string): Promise<void> {
  const { setLanguage: set } = await import('./i18n/public.js');
  return set(tag);
}

export type * from './elements/applicant-form/index.js';
export type * from './elements/quick-check/index.js';
export type * from './elements/payment-step/index.js';
export type * from './elements/document-upload/index.js';

// With `import 'ozg-forms'` alone, `document.querySelector('quick-check')` is a `QuickCheck`, and
// its listeners get the library's events (the element modules declare the same, for their own
// entry points).
declare global {
  interface HTMLElementTagNameMap {
    'applicant-form': ApplicantForm;
    'quick-check': QuickCheck;
    'payment-step': PaymentStep;
    'document-upload': DocumentUpload;
  }
}
