/**
 * A keystroke is validated on its own (`projectFor`): for every question, with every kind of
 * value, the errors at the question must be exactly those a full validation finds there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createValidator,
  getAt,
  isObject,
  joinPointer,
  projectFor,
  SchemaModel,
  setAt,
  type Definition,
  type Validator,
} from '../../src/core/index.js';
import { compileDefinition } from '../../src/core/compile.js';
import { einbuergerung, sample, validator } from './helpers.js';

/** Every answer's pointer in `data` (leaves: not objects, not lists). */
function leaves(data: unknown, pointer = ''): string[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => leaves(item, joinPointer(pointer, i)));
  if (isObject(data))
    return Object.entries(data).flatMap(([k, v]) => leaves(v, joinPointer(pointer, k)));
  return [pointer];
}

const VALUES = [undefined, '', 'x', 'Ab', '1990-02-30', 'a@b', 'ä'.repeat(300), 12, -1, true];

function assertSameErrorsAt(
  definition: Definition,
  check: Validator,
  data: Record<string, unknown>,
  pointers: string[],
): number {
  const model = new SchemaModel(definition, check.test);
  const keep = model.crossFieldNames();
  const base = model.prune(model.withRequiredObjects(data));
  let compared = 0;
  for (const pointer of pointers) {
    const name = pointer.slice(pointer.lastIndexOf('/') + 1);
    // Questions others depend on are validated in full on every keystroke; not projected.
    if (keep.has(name)) continue;
    for (const value of [getAt(data, pointer), ...VALUES]) {
      const candidate = setAt(base, pointer, value);
      const at = (errors: { pointer: string; keyword: string }[]) =>
        errors.filter((e) => e.pointer === pointer).map((e) => e.keyword);
      assert.deepEqual(
        at(check.validate(projectFor(candidate, pointer, keep))),
        at(check.validate(candidate)),
        `${pointer} = ${JSON.stringify(value)}`,
      );
      compared++;
    }
  }
  return compared;
}

test('Einbürgerung: every question typed into alone gets the errors a full validation gives it', () => {
  const data = sample();
  assert.ok(assertSameErrorsAt(einbuergerung, validator, data, leaves(data)) > 300);
});

test('…also when the rest of the form is still empty', () => {
  const data = sample();
  let compared = 0;
  for (const pointer of leaves(data)) {
    compared += assertSameErrorsAt(
      einbuergerung,
      validator,
      setAt({}, pointer, getAt(data, pointer)) as never,
      [pointer],
    );
  }
  assert.ok(compared > 300);
});

test('answers named in anyOf, oneOf, not or a condition are validated in full', () => {
  const definition: Definition = {
    id: 'kontakt',
    version: '1.0.0',
    title: 'Kontakt',
    language: 'de',
    legalState: '2026-01-01',
    schema: {
      type: 'object',
      properties: {
        phone: { type: 'string', minLength: 3 },
        email: { type: 'string', format: 'email' },
        note: { type: 'string', maxLength: 5 },
        hasPet: { type: 'boolean' },
        pet: { type: 'string', minLength: 2 },
      },
      anyOf: [{ required: ['phone'] }, { required: ['email'] }],
      if: { properties: { hasPet: { const: true } }, required: ['hasPet'] },
      then: { required: ['pet'] },
    },
    steps: [{ id: 's', title: 'S', fields: ['/phone', '/email', '/note', '/hasPet', '/pet'] }],
  };
  const check = createValidator(compileDefinition(definition));
  const model = new SchemaModel(definition, check.test);
  assert.deepEqual([...model.crossFieldNames()].sort(), ['email', 'hasPet', 'phone']);
  // The others are projected, and agree with a full validation.
  for (const data of [{ hasPet: true }, { hasPet: true, email: 'a@b.de' }, { phone: '123' }])
    assert.equal(assertSameErrorsAt(definition, check, data, ['/note', '/pet']), 22);
});
