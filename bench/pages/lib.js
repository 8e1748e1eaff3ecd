import { fetchJson, painted, params, recordKeystrokes, results } from './common.js';
import { define } from '/dist/ozg-forms.js';

const n = Number(params.get('n'));
const layout = params.get('layout');
const mode = params.get('mode'); // 'load': attributes in the page; 'set': property set by script
const base = `/bench/defs/${n}-${layout}`;
const main = document.getElementById('main');

/**
 * Resolves once the form's step is in the DOM: its heading and first questions come in one update
 * (a long step's later runs follow while the browser is idle; `el.updateComplete` waits for them).
 */
function rendered(el) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const root = el.shadowRoot;
      const error = root?.querySelector('.definition-error');
      if (error) reject(new Error(error.textContent));
      else if (root?.querySelector('#step-heading')) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
}

const el = document.createElement('applicant-form');
if (mode === 'load') {
  // As a page embeds it: the tag with its attributes is in the page before the element's code is
  // (ozg-forms.js sees it, loads that code and asks for the definition and validator at once).
  el.setAttribute('storage', 'none');
  el.setAttribute('endpoint', '/bench/submit');
  el.setAttribute('validator', `${base}.validator.js`);
  el.setAttribute('definition', `${base}.json`);
  main.append(el);
}
// What had loaded when the element first rendered (its loading state), for the byte count.
const firstRender = () => {
  if (el.shadowRoot?.firstElementChild)
    results.firstRenderUrls = performance.getEntriesByType('resource').map((e) => e.name);
  else requestAnimationFrame(firstRender);
};
firstRender();
// ozg-forms.js loads an element's code when its tag appears; a script that creates the element
// itself asks for it (as a host would).
await define('applicant-form');
el.setAttribute('storage', 'none');
el.setAttribute('endpoint', '/bench/submit');
recordKeystrokes();

if (mode === 'load') {
  await rendered(el);
  results.loadPainted = await painted();
  await el.updateComplete;
  results.loadComplete = await painted();
} else {
  const [definition, data] = await Promise.all([
    fetchJson(`${base}.json`),
    fetchJson(`${base}.data.json`),
  ]);
  main.append(el);
  const start = performance.now();
  el.data = data;
  el.validator = `${base}.validator.js`;
  el.definition = definition;
  await rendered(el);
  results.setToPainted = (await painted()) - start;
  await el.updateComplete;
  results.setToComplete = (await painted()) - start;
}

results.api = {
  /**
   * Full validation with valid data: the precompiled validator alone, and submit() up to
   * before-submit. Asked for after the heap is measured: running the validator fifty times makes
   * V8 compile it to machine code, which is not what rendering costs.
   */
  async measureValidation() {
    const validator = await import(`${base}.validator.js`);
    const data = await fetchJson(`${base}.data.json`);
    const times = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      if (!validator.validate(data))
        throw new Error('bench data invalid: ' + JSON.stringify(validator.validate.errors));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // The public validate(): everything that applies, valid answers (nothing to report).
    const publicTimes = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const errors = el.validate();
      publicTimes.push(performance.now() - t);
      if (errors.length > 0) throw new Error('validate() found errors: ' + JSON.stringify(errors));
    }
    publicTimes.sort((a, b) => a - b);
    // Submitting needs the code of the pages after the steps, which the form loads when the
    // browser is first idle after it appears: a citizen is still answering then. The figure is
    // submitting's own work, not that download.
    const stagesLoaded = () =>
      performance.getEntriesByType('resource').some((e) => /\/chunks\/stages-/.test(e.name));
    while (!stagesLoaded()) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
    const t = performance.now();
    const stopped = new Promise((resolve) =>
      el.addEventListener(
        'before-submit',
        (e) => {
          e.preventDefault();
          resolve(performance.now() - t);
        },
        { once: true },
      ),
    );
    void el.submit();
    const submitValidationMs = await stopped;
    await painted();
    return {
      validateMs: times[Math.floor(times.length / 2)],
      publicValidateMs: publicTimes[Math.floor(publicTimes.length / 2)],
      submitValidationMs,
    };
  },
  /** Moves on one step and resolves with the time until the next step is painted. */
  async next() {
    const start = performance.now();
    el.next();
    await el.updateComplete;
    return (await painted()) - start;
  },
  /** Focuses a field (the phone's first keystroke goes there). */
  focus(pointerId) {
    const input = el.shadowRoot.getElementById(pointerId);
    input?.focus();
    return Boolean(input);
  },
  /** Shows the error of a field by emptying it, then focuses it, ready to type into. */
  async prepareTyping(pointerId) {
    const input = el.shadowRoot.getElementById(pointerId);
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    input.focus();
    return Boolean(el.shadowRoot.getElementById(`${pointerId}-error`));
  },
};
results.ready = true;
