/** The submission's body: the answers that apply, every string in Unicode NFC. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSubmission, normalizeStrings } from '../../src/core/payload.js';
import { model, sample } from './helpers.js';

test('every string becomes NFC, in objects and lists, at any depth; other values stay', () => {
  const decomposed = 'Mu\u0308ller';
  const given = {
    name: decomposed,
    list: [decomposed, { city: 'Ko\u0308ln', n: 3 }, null],
    nested: { yes: true, none: null, when: '2026-12-02' },
  };
  const out = normalizeStrings(given);
  assert.deepEqual(out, {
    name: 'Müller',
    list: ['Müller', { city: 'Köln', n: 3 }, null],
    nested: { yes: true, none: null, when: '2026-12-02' },
  });
  assert.equal(out.name.length, 6);
  // A copy: what was given is left as it was.
  assert.equal(given.name, decomposed);
  assert.notEqual(out.list, given.list);
});

test('a "__proto__" key stays an own key of the copy and never becomes its prototype', () => {
  const given = JSON.parse('{"__proto__": {"polluted": "Ja"}, "a": "b"}');
  const out = normalizeStrings(given) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['__proto__', 'a']);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal((out as { polluted?: string }).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { polluted: 'Ja' });
  assert.equal(({} as { polluted?: string }).polluted, undefined);
});

test('a submission holds the answers that apply, normalised, with the definition and language', () => {
  const data = sample();
  data.person.familyName = 'Mu\u0308ller';
  data.unknownKey = 'left out';
  const submission = buildSubmission(model(), data, 'tr');
  assert.equal(submission.locale, 'tr');
  assert.deepEqual(Object.keys(submission.definition), ['id', 'version']);
  assert.equal(submission.data.unknownKey, undefined);
  assert.equal((submission.data.person as { familyName: string }).familyName, 'M\u00fcller');
});
