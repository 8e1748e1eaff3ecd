import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormSession, inOrder } from '../../src/core/session.js';
import { getAt, setAt } from '../../src/core/pointer.js';
import { model, sample, validator } from './helpers.js';

function session(data: unknown = sample()) {
  const s = new FormSession(model(), validator);
  s.replace(data);
  return s;
}
const field = (s: FormSession, pointer: string) => s.model.fieldAt(pointer, s.data)!;

test('errors are kept by field but shown only once the citizen committed an answer', () => {
  const s = session(setAt(sample(), '/person/familyName', ''));
  assert.equal(s.error('/person/familyName'), undefined);
  assert.ok(s.errorPointers().includes('/person/familyName'));
  assert.equal(s.set(field(s, '/person/familyName'), '', true), 'field');
  assert.equal(s.error('/person/familyName')?.keyword, 'minLength');
});

test('a keystroke validates only its question, and only once its error shows', () => {
  const s = session(setAt(sample(), '/residence/postalCode', '1'));
  const postalCode = field(s, '/residence/postalCode');
  assert.equal(s.set(postalCode, '12', false), 'none');
  assert.ok(s.errorPointers().includes('/residence/postalCode'), 'not yet validated again');
  s.set(postalCode, '123', true);
  assert.equal(s.error('/residence/postalCode')?.keyword, 'pattern');
  assert.equal(s.set(postalCode, '12345', false), 'field');
  assert.equal(s.error('/residence/postalCode'), undefined);
});

test('an answer that decides which questions apply re-renders everything', () => {
  const s = session();
  assert.equal(s.set(field(s, '/family/maritalStatus'), 'single', true), 'all');
  assert.equal(s.model.fieldAt('/family/spouse', s.data), undefined);
  assert.equal(getAt(s.applicable(), '/family/spouse'), undefined, 'pruned from what is sent');
  assert.ok(getAt(s.data, '/family/spouse'), 'kept in the answers in case it applies again');
});

test("the server's errors show until the field changes", () => {
  const s = session();
  s.setServerErrors(new Map([['/person/birthPlace', 'Ort unbekannt']]));
  assert.equal(s.serverError('/person/birthPlace'), 'Ort unbekannt');
  assert.deepEqual(s.stepErrors(0), ['/person/birthPlace']);
  s.set(field(s, '/person/birthPlace'), 'Ankara', false);
  assert.equal(s.serverError('/person/birthPlace'), undefined);
  assert.deepEqual(s.stepErrors(0), []);
});

test("a step's errors come in the order of its questions; one not shown after its closest shown ancestor", () => {
  let data = sample() as unknown;
  data = setAt(data, '/person/email', 'nope');
  data = setAt(data, '/person/familyName', undefined);
  data = setAt(data, '/person/birthDate', '2025-02-30');
  const s = session(data);
  assert.deepEqual(s.stepErrors(0), ['/person/familyName', '/person/birthDate', '/person/email']);
  assert.equal(s.error('/person/email')?.keyword, 'format', 'now shown');
  assert.deepEqual(inOrder(['/b/x', '/c', '/a'], ['/a', '/b', '/c']), ['/a', '/b/x', '/c']);
});

test('firstInvalid names the first step with an error', () => {
  const s = session(setAt(sample(), '/livelihood', undefined));
  const first = s.firstInvalid([0, 1, 2, 3, 4, 5, 6]);
  assert.equal(first?.step, 4);
  assert.deepEqual(session().firstInvalid([0, 1, 2, 3, 4, 5, 6]), undefined);
});

test('lists: add an entry, remove one with what was shown of it', () => {
  const s = session();
  const index = s.addItem('/person/nationalities');
  assert.equal(index, 1);
  s.reveal(['/person/nationalities/1/country']);
  assert.equal(s.error('/person/nationalities/1/country')?.keyword, 'required');
  assert.equal(s.removeItem('/person/nationalities', 1), 1);
  assert.equal(s.error('/person/nationalities/1/country'), undefined);
  assert.equal((getAt(s.data, '/person/nationalities') as unknown[]).length, 1);
});

test('fillIn never overwrites an answer', () => {
  const s = session({ person: { familyName: 'Demir' } });
  const filled = s.fillIn({ person: { familyName: 'X', givenNames: 'Ayşe' } });
  assert.equal(filled, 1);
  assert.deepEqual(getAt(s.data, '/person'), { familyName: 'Demir', givenNames: 'Ayşe' });
});

test('errorsIn lists the errors within questions, in their order, without showing them', () => {
  const s = session({});
  const fields = s.model.stepFields(0, s.data);
  const pointers = s.errorsIn(fields);
  assert.ok(pointers.length > 3);
  // (In the validator's order; the form's summary sorts them by question, see stepErrors.)
  assert.ok(pointers.includes('/person/familyName'));
  assert.ok(pointers.includes('/person/nationalities'));
  assert.equal(s.error(pointers[0]!), undefined);
  s.reveal(pointers);
  assert.ok(s.error(pointers[0]!));
  s.reset();
  assert.deepEqual(s.data, {});
  assert.equal(s.error(pointers[0]!), undefined);
});

test('a required list not started yet shows its first entry; typed into, it becomes the list', () => {
  const s = session({});
  const list = s.model.fieldAt('/person/nationalities', s.data)!;
  const [entry, ...more] = s.model.children(list, s.data);
  assert.equal(entry!.pointer, '/person/nationalities/0');
  assert.equal(more.length, 0);
  assert.equal(getAt(s.data, '/person'), undefined, 'nothing is stored for it');
  s.set(entry!.fields[0]!, 'Türkei', true);
  assert.deepEqual(getAt(s.data, '/person/nationalities'), [{ country: 'Türkei' }]);
  // A list with answers shows its own entries.
  assert.equal(s.model.children(list, s.data).length, 1);
});

test('what applies is always the answers as they are now, also right after validating', () => {
  const s = session();
  s.revalidate();
  const validated = s.applicable();
  assert.deepEqual(validated, s.model.prune(s.data));
  // A keystroke (no validation of everything) changes what is sent at once.
  s.set(field(s, '/person/familyName'), 'Öztürk', false);
  assert.equal(getAt(s.applicable(), '/person/familyName'), 'Öztürk');
  assert.equal(
    getAt(validated, '/person/familyName'),
    sample().person.familyName,
    'left as it was',
  );
  // A required group added for validation is never sent as an answer.
  const missing = session(setAt(sample(), '/residence', undefined));
  missing.revalidate();
  assert.ok(missing.errorPointers().some((p) => p.startsWith('/residence/')));
  assert.equal(getAt(missing.applicable(), '/residence'), undefined);
});
