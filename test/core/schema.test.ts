import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createValidator,
  SchemaModel,
  setAt,
  getAt,
  type Definition,
} from '../../src/core/index.js';
import { compileDefinition as compileAtRunTime } from '../../src/core/compile.js';
import { einbuergerung, model, sample, validator } from './helpers.js';

const names = (fields: { name: string }[]) => fields.map((f) => f.name);

test('the sample application is valid, with the precompiled and the run-time validator alike', () => {
  assert.deepEqual(validator.validate(sample()), []);
  const runtime = createValidator(compileAtRunTime(einbuergerung));
  assert.deepEqual(runtime.validate(sample()), []);
  const broken = setAt(sample(), '/residence/postalCode', '1234');
  assert.deepEqual(
    validator.validate(broken).map((e) => [e.pointer, e.keyword]),
    runtime.validate(broken).map((e) => [e.pointer, e.keyword]),
  );
});

test('conditional fields appear right after the question they depend on, and disappear again', () => {
  const m = model();
  const family = (data: unknown) => m.stepFields(2, data)[0]!;
  const objectFields = (data: unknown) =>
    names(m.objectFields(family(data).nodes, getAt(data, '/family'), '/family'));
  assert.deepEqual(objectFields({}), ['maritalStatus', 'hasChildren']);
  const married = { family: { maritalStatus: 'married' } };
  assert.deepEqual(objectFields(married), [
    'maritalStatus',
    'marriageDate',
    'spouse',
    'hasChildren',
  ]);
  const withChildren = { family: { maritalStatus: 'single', hasChildren: true } };
  assert.deepEqual(objectFields(withChildren), ['maritalStatus', 'hasChildren', 'children']);
  const spouse = m.fieldAt('/family/spouse', married)!;
  assert.equal(spouse.type, 'object');
  assert.equal(spouse.required, true);
  assert.equal(m.fieldAt('/family/spouse', withChildren), undefined);
});

test('fields resolve through arrays and $ref, with their annotations', () => {
  const m = model();
  const data = sample();
  const child = m.fieldAt('/family/children/1/birthDate', data)!;
  assert.ok(child, 'child birth date resolves');
  assert.equal(child.pointer, '/family/children/1/birthDate');
  assert.equal(child.required, true);
  const list = m.children(m.fieldAt('/family/children', data)!, data);
  assert.deepEqual(
    list.map((c) => [c.pointer, c.index, c.fields.length]),
    [
      ['/family/children/0', 0, 5],
      ['/family/children/1', 1, 5],
    ],
  );
  assert.ok(
    child.nodes.some((n) => n.pointer.startsWith('/schema/$defs/')),
    'annotations come from $defs',
  );
});

test('prune leaves out answers of branches that no longer apply and unknown keys', () => {
  const m = model();
  let data = sample() as unknown;
  data = setAt(data, '/family/maritalStatus', 'single');
  data = setAt(data, '/unknownKey', 'x');
  const pruned = m.prune(data) as any;
  assert.equal(pruned.family.spouse, undefined);
  assert.equal(pruned.family.marriageDate, undefined);
  assert.equal(pruned.unknownKey, undefined);
  assert.equal(pruned.family.children.length, 2, 'children still apply');
  assert.deepEqual(validator.validate(pruned), []);
});

test('__proto__ is a plain key, never a prototype', () => {
  const data = setAt({}, '/__proto__/polluted', 'yes') as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(data), ['__proto__']);
  assert.equal(getAt(data, '/__proto__/polluted'), 'yes');
  assert.equal(getAt({}, '/__proto__'), undefined);
});

test('a dependentSchemas branch appears when its key has a value', () => {
  const definition = {
    id: 'mini',
    version: '1.0.0',
    title: 'Mini',
    language: 'de',
    legalState: '2026-01-01',
    schema: {
      type: 'object',
      properties: { a: { type: 'string', maxLength: 5 }, z: { type: 'string', maxLength: 5 } },
      dependentSchemas: {
        a: { properties: { b: { type: 'string', maxLength: 5 } }, required: ['b'] },
      },
      dependentRequired: { z: ['a'] },
    },
    steps: [{ id: 's', title: 'S', fields: ['/a', '/z'] }],
  } as unknown as Definition;
  const v = createValidator(compileAtRunTime(definition));
  const m = new SchemaModel(definition, v.test);
  assert.deepEqual(names(m.objectFields(m.deref(m.root), {}, '')), ['a', 'z']);
  assert.deepEqual(names(m.objectFields(m.deref(m.root), { a: 'x' }, '')), ['a', 'b', 'z']);
  assert.deepEqual(
    v.validate({ a: 'x' }).map((e) => [e.pointer, e.keyword]),
    [['/b', 'required']],
  );
  assert.deepEqual(
    v.validate({ z: 'x' }).map((e) => [e.pointer, e.keyword]),
    [['/a', 'required']],
  );
});

test('required groups are added without touching the answers; none missing: the answers themselves', () => {
  const m = model();
  const complete = sample();
  assert.equal(m.withRequiredObjects(complete), complete);
  const given = setAt(sample(), '/residence', undefined) as Record<string, unknown>;
  const before = structuredClone(given);
  const filled = m.withRequiredObjects(given) as Record<string, unknown>;
  assert.deepEqual(filled.residence, {});
  assert.deepEqual(given, before, 'the answers are left as they were');
  assert.equal(filled.person, given.person, 'what needed nothing is shared, not copied');
  // A "__proto__" answer stays an own key.
  const odd = JSON.parse('{"__proto__": {"x": 1}}');
  const out = m.withRequiredObjects({ ...odd, ...given }) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.ok(Object.hasOwn(out, '__proto__'));
});
