/**
 * What the validators are compiled from: questions of one shape share one pattern
 * (`groupShapes`), and required lists loop. The errors must be exactly those the schema as written
 * gives — for a generated form of every kind of question and for every built-in service, with
 * each answer in turn replaced by every kind of wrong value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createAjv } from '../../src/core/ajv.js';
import { compileDefinition, groupShapes, validationSchema } from '../../src/core/compile.js';
import { normalizeErrors, type AjvErrorLike } from '../../src/core/errors.js';
import { getAt, isObject, joinPointer, setAt } from '../../src/core/pointer.js';
import type { Definition, FieldError, SchemaObject } from '../../src/core/types.js';
import { benchDefinition } from '../../bench/definitions.js';

const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

test('questions of one shape share a pattern of exactly their names; the rest stay', () => {
  const text = { type: 'string', maxLength: 60 };
  const schema = {
    type: 'object',
    properties: {
      a: { ...text, title: 'A' },
      'a.b': { ...text, title: 'A.B', description: 'texts do not make shapes differ' },
      'x|y': { ...text },
      single: { type: 'integer' },
      own: { ...text, 'x-errorMessages': { maxLength: 'Zu lang.' } },
      pointed: { ...text },
      group: {
        type: 'object',
        properties: { c: { ...text }, d: { ...text } },
        required: ['c'],
      },
      list: { type: 'array', items: { ...text } },
      data: { const: { properties: { e: text, f: text } } },
    },
    $defs: { alias: { $ref: '#/properties/pointed' } },
    required: ['a'],
  };
  const grouped = groupShapes(validationSchema(schema), schema) as SchemaObject;
  assert.deepEqual(Object.keys(grouped.properties as object), [
    'single',
    'own',
    'pointed',
    'group',
    'list',
    'data',
  ]);
  assert.deepEqual(grouped.patternProperties, { '^(?:a|a\\.b|x\\|y)$': text });
  assert.deepEqual((grouped.properties as any).group.patternProperties, { '^(?:c|d)$': text });
  assert.deepEqual((grouped.properties as any).data, {
    const: { properties: { e: text, f: text } },
  });
  // Exactly the names: a name the pattern's dot or bar would otherwise match is no question of it.
  const validate = createAjv().compile(grouped);
  assert.equal(validate({ a: 'x', aXb: 'x'.repeat(100), x: 'x'.repeat(100) }), true);
  assert.equal(validate({ a: 'x', 'a.b': 'x'.repeat(100) }), false);
  assert.equal(validate({ a: 'x', 'x|y': 'x'.repeat(100) }), false);
});

/** Every answer's pointer in `data` (not objects, not lists). */
function leaves(data: unknown, pointer = ''): string[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => leaves(item, joinPointer(pointer, i)));
  if (isObject(data))
    return Object.entries(data).flatMap(([k, v]) => leaves(v, joinPointer(pointer, k)));
  return [pointer];
}

const WRONG = [undefined, '', 'x', '1990-02-30', 'a@b', 'ä'.repeat(300), 12.5, -1, true, {}, []];

const sorted = (errors: FieldError[]) =>
  [...errors].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));

/** The errors of the compiled validator and of the schema as written agree on `data` and on each answer made wrong. */
function assertSameErrors(definition: Definition, data: Record<string, unknown>): number {
  const { validate } = compileDefinition(definition);
  const written = createAjv().compile({
    ...(validationSchema(definition.schema) as SchemaObject),
    $id: 'https://ozg-forms.invalid/as-written',
  });
  const errorsOf = (candidate: unknown) => {
    validate(candidate);
    const compiled = normalizeErrors(validate.errors as AjvErrorLike[] | null);
    written(candidate);
    return [sorted(compiled), sorted(normalizeErrors(written.errors as AjvErrorLike[] | null))];
  };
  let compared = 0;
  const [valid, expected] = errorsOf(data);
  assert.deepEqual(valid, expected, 'the sample');
  for (const pointer of leaves(data)) {
    for (const value of [getAt(data, pointer), ...WRONG]) {
      const [actual, asWritten] = errorsOf(setAt(data, pointer, value));
      assert.deepEqual(actual, asWritten, `${pointer} = ${JSON.stringify(value)}`);
      compared++;
    }
  }
  return compared;
}

test('a generated form of 200 questions of every kind: the same errors, rule by rule', () => {
  const { definition, data } = benchDefinition(200, 'one-step');
  assert.ok(assertSameErrors(definition, data) > 2000);
  // And the grouping happened: its 200 questions are validated under a few patterns.
  const grouped = groupShapes(validationSchema(definition.schema), definition.schema) as any;
  const patterns = Object.values(grouped.properties as object).flatMap((group: any) =>
    Object.keys(group.patternProperties ?? {}),
  );
  assert.ok(patterns.length >= 10 && patterns.length <= 60, `${patterns.length} patterns`);
});

for (const [service, sample] of [
  ['einbuergerung', '../fixtures/einbuergerung-sample.json'],
  ['verpflichtungserklaerung', '../fixtures/verpflichtungserklaerung-sample.json'],
  ['beschaeftigungserlaubnis', '../fixtures/beschaeftigungserlaubnis-applicant.json'],
] as const) {
  test(`${service}: the same errors as the schema as written, answer by answer`, () => {
    const definition = json(`../../src/definitions/${service}/definition.json`) as Definition;
    assert.ok(assertSameErrors(definition, json(sample)) > 100);
  });
}
