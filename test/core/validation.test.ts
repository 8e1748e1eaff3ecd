import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setAt, date, email } from '../../src/core/index.js';
import { model, sample, validator } from './helpers.js';

const errorsOf = (data: unknown) =>
  validator
    .validate(model().prune(data))
    .map((e) => `${e.pointer} ${e.keyword}`)
    .sort();

test('one error per field, with the pointer of the field', () => {
  let data = sample() as unknown;
  data = setAt(data, '/residence/postalCode', '1234');
  data = setAt(data, '/person/birthDate', '2025-02-29');
  data = setAt(data, '/person/familyName', undefined);
  assert.deepEqual(errorsOf(data), [
    '/person/birthDate format',
    '/person/familyName required',
    '/residence/postalCode pattern',
  ]);
});

test('a missing branch answer is reported once, not also as unevaluated siblings', () => {
  const data = setAt(sample(), '/family/spouse', undefined);
  assert.deepEqual(errorsOf(data), ['/family/spouse required']);
});

test('declarations must be confirmed', () => {
  const data = setAt(sample(), '/declarations/basicOrder', false);
  assert.deepEqual(errorsOf(data), ['/declarations/basicOrder const']);
});

test('a choice outside the list is one error at the field', () => {
  const data = setAt(sample(), '/person/sex', 'x');
  assert.deepEqual(errorsOf(data), ['/person/sex oneOf']);
});

test('an empty application names every required top-level section', () => {
  const errors = errorsOf({});
  assert.ok(errors.includes('/person required'));
  assert.ok(errors.includes('/declarations required'));
});

test('formats: real calendar dates and practical e-mail addresses', () => {
  assert.equal(date('2024-02-29'), true);
  assert.equal(date('2025-02-29'), false);
  assert.equal(date('2025-13-01'), false);
  assert.equal(date('17.04.1988'), false);
  assert.equal(email('ayse@example.org'), true);
  assert.equal(email('ayse@'), false);
});
