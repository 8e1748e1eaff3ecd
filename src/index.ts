/**
 * ozg-forms: the one module a web editor includes. It is small: each element's code loads when its
 * tag first appears in the page (also when added later), so a page with a quick-check loads no
 * application form. For elements inside a shadow root of your own, call `define()` or import the
 * element's module (`ozg-forms/quick-check.js`); for the classes unregistered, `ozg-forms/elements`.
 */
const elements: Record<string, () => Promise<unknown>> = {
  'applicant-form': () => import('./elements/applicant-form/define.js'),
  'quick-check': () => import('./elements/quick-check/define.js'),
  'payment-step': () => import('./elements/payment-step/define.js'),
  'document-upload': () => import('./elements/document-upload/define.js'),
};

const loading = new Map<string, Promise<unknown>>();

/**
 * Each element's modules (its entry and everything it imports), written in by the build
 * (vite.config.ts, \`preloadList\`): they are fetched together, not one level of imports at a time.
 */
declare const __ozgPreload: Record<string, string[]> | undefined;
const preloads: Record<string, string[]> = typeof __ozgPreload === 'undefined' ? {} : __ozgPreload;

function preload(tag: string): void {
  for (const file of preloads[tag] ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
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
        if (typeof document !== 'undefined') preload(tag);
        loading.set(tag, load());
      }
      return loading.get(tag);
    }),
  );
}

function discover(root: ParentNode): void {
  for (const tag of Object.keys(elements)) {
    if (customElements.get(tag) || loading.has(tag)) continue;
    if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) {
      define(tag).catch((error: unknown) => console.error(error));
    }
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
