// The floor: the same fields hand-written in DOM — <label> + <input> with native attributes.
import { fetchJson, painted, params, recordKeystrokes, results } from './common.js';

const n = Number(params.get('n'));
const layout = params.get('layout');
const fields = await fetchJson(`/bench/defs/${n}-${layout}.plain.json`);
const main = document.getElementById('main');
recordKeystrokes();

function build() {
  // A plain container, not a <form>: Chromium registers every control with a live form one by one,
  // which would make the floor itself slow for large pages (the library avoids it too).
  const form = document.createElement('div');
  for (const f of fields) {
    const wrapper = document.createElement('div');
    if (f.options || f.kind === 'boolean') {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = f.label;
      fieldset.append(legend);
      const options = f.options ?? [
        { value: 'true', title: 'Ja' },
        { value: 'false', title: 'Nein' },
      ];
      options.forEach((o, i) => {
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = f.id;
        input.id = `${f.id}-${i}`;
        input.value = o.value;
        const label = document.createElement('label');
        label.htmlFor = input.id;
        label.textContent = o.title;
        fieldset.append(input, label);
      });
      wrapper.append(fieldset);
    } else {
      const label = document.createElement('label');
      label.htmlFor = f.id;
      label.textContent = f.label;
      const input = document.createElement('input');
      input.id = f.id;
      input.type = f.kind === 'date' ? 'date' : f.kind === 'email' ? 'email' : 'text';
      if (f.kind === 'integer') input.inputMode = 'numeric';
      if (f.pattern) input.pattern = f.pattern;
      if (f.minLength !== undefined) input.minLength = f.minLength;
      if (f.maxLength !== undefined) input.maxLength = f.maxLength;
      input.required = true;
      wrapper.append(label, input);
    }
    form.append(wrapper);
  }
  main.append(form);
}

const mode = params.get('mode');
if (mode === 'load') {
  build();
  results.firstRenderUrls = performance.getEntriesByType('resource').map((e) => e.name);
  results.loadPainted = results.loadComplete = await painted();
} else {
  const start = performance.now();
  build();
  results.setToPainted = results.setToComplete = (await painted()) - start;
}
results.api = {
  focus(id) {
    const input = document.getElementById(id);
    input?.focus();
    return Boolean(input);
  },
  async prepareTyping(id) {
    const input = document.getElementById(id);
    input.value = '';
    input.focus();
    return true;
  },
};
results.ready = true;
