import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFees, paysOnline, setAt, type Definition } from '../../src/core/index.js';
import { createValidator } from '../../src/core/validator.js';
import { compileDefinition } from '../../src/core/compile.js';
import { einbuergerung, model, sample, validator } from './helpers.js';

const fees = (data: unknown) => computeFees(einbuergerung, model().prune(data), validator.test);

test('one adult and two children naturalised along: 255 € + 2 × 51 € = 357 €', () => {
  const data = setAt(sample(), '/family/spouse/naturaliseTogether', false);
  const summary = fees(data);
  assert.equal(summary.total, 35700);
  assert.equal(summary.currency, 'EUR');
  assert.equal(summary.policy, 'optional');
  assert.deepEqual(
    summary.lines.map((l) => [l.id, l.quantity, l.unitAmount, l.amount]),
    [
      ['antrag', 1, 25500, 25500],
      ['kind', 2, 5100, 10200],
    ],
  );
  assert.equal(paysOnline(summary), true);
});

test('the spouse naturalised along adds 255 €; a child not naturalised along adds nothing', () => {
  let data: any = sample();
  assert.equal(fees(data).total, 25500 + 25500 + 2 * 5100);
  data = setAt(data, '/family/children/1/naturaliseWithApplicant', false);
  assert.equal(fees(data).total, 25500 + 25500 + 5100);
});

test('answers that no longer apply cost nothing (a divorced applicant has no spouse fee)', () => {
  const data = setAt(sample(), '/family/maritalStatus', 'divorced');
  const summary = fees(data);
  assert.ok(!summary.lines.some((l) => l.id === 'ehegatte'));
});

test('the run-time compiler tests fee conditions the same way', () => {
  const runtime = createValidator(compileDefinition(einbuergerung));
  const data = model().prune(sample());
  assert.deepEqual(
    computeFees(einbuergerung, data, runtime.test),
    computeFees(einbuergerung, data, validator.test),
  );
});

test('a definition without fees, or with fees of zero, is not paid online', () => {
  const none = { ...einbuergerung, fees: undefined } as Definition;
  assert.equal(paysOnline(computeFees(none, {}, validator.test)), false);
  const free = {
    ...einbuergerung,
    fees: { policy: 'mandatory', items: [{ id: 'x', title: 'Nichts', amount: 0 }] },
  } as Definition;
  const summary = computeFees(free, {}, () => true);
  assert.equal(summary.total, 0);
  assert.equal(paysOnline(summary), false);
  const later = {
    ...einbuergerung,
    fees: { ...einbuergerung.fees!, policy: 'billed-afterwards' },
  } as Definition;
  assert.equal(paysOnline(computeFees(later, sample(), validator.test)), false);
});
