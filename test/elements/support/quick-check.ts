/** What the Chromium tests of `<quick-check>` share: reading its shadow DOM, mounting, answering. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/quick-check/define.js';
import type { QuickCheck } from '../../../src/elements/quick-check/quick-check.js';
import type { QuickCheckCompleteEvent } from '../../../src/elements/quick-check/events.js';

export type Answers = Record<string, unknown>;

export const root = (el: Element) => el.shadowRoot!;
export const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  root(el).querySelector<T>(selector);
/** Text as read: whitespace (also the no-break space Intl puts before "€") collapsed. */
export const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const heading = (el: QuickCheck) => text($(el, '#question-heading'));
export const active = (el: Element) => root(el).activeElement as HTMLElement | null;
/** The label or legend of the question on screen. */
export const question = (el: QuickCheck) => text($(el, '.step legend, .step label'));
export const criteria = (el: QuickCheck) => [...root(el).querySelectorAll('[part="criterion"]')];

/** A built-in service's check, rendered (German, the given day, nothing kept). */
export async function mountCheck(
  definition: string,
  options: { lang?: string; today: string; applyHref?: string },
): Promise<QuickCheck> {
  const el = await fixture<QuickCheck>(
    html`<quick-check
      definition=${definition}
      lang=${options.lang ?? 'de'}
      today=${options.today}
      storage="none"
      apply-href=${options.applyHref ?? ''}
    ></quick-check>`,
  );
  if (!options.applyHref) el.removeAttribute('apply-href');
  await waitUntil(
    () => $(el, '#question-heading, #result-heading, .definition-error'),
    'quick-check did not render',
    { timeout: 5000 },
  );
  await el.updateComplete;
  expect($(el, '.definition-error')).to.equal(null);
  return el;
}

/** Answers set as a host page would, then on with `next()` until the result shows. */
export async function showResult(
  el: QuickCheck,
  answers: Answers,
): Promise<QuickCheckCompleteEvent> {
  el.answers = answers;
  const done = oneEvent(el, 'quick-check-complete') as Promise<QuickCheckCompleteEvent>;
  for (let i = 0; i < 20 && !$(el, '#result-heading'); i++) {
    el.next();
    await el.updateComplete;
  }
  const event = await done;
  // The result's code loads on demand (when idle after the first render, or now).
  await waitUntil(() => $(el, '#result-heading'), 'the result did not show', { timeout: 5000 });
  await el.updateComplete;
  return event;
}

/** Tab until the focus is on an element that matches `predicate`. */
export async function tabTo(el: Element, predicate: (e: HTMLElement) => boolean, limit = 12) {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const focused = active(el);
    if (focused && predicate(focused)) return focused;
  }
  throw new Error('focus never reached the wanted element');
}
