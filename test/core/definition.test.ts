import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileSchema } from '../../src/core/compile.js';
import {
  checkDefinition,
  DefinitionError,
  parseDefinition,
  semanticProblems,
} from '../../src/core/definition.js';
import { textProblems } from '../../src/core/texts.js';
import { setAt, type Definition } from '../../src/core/index.js';
import { einbuergerung } from './helpers.js';

const meta = compileSchema(
  JSON.parse(readFileSync(new URL('../../schema/definition.schema.json', import.meta.url), 'utf8')),
);

function problems(definition: unknown) {
  try {
    checkDefinition(definition, meta);
    return [];
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.problems;
  }
}

test('the Einbürgerung definition passes, and its English translation is complete', () => {
  assert.deepEqual(problems(einbuergerung), []);
  const en = JSON.parse(
    readFileSync(
      new URL('../../locales/definitions/einbuergerung.en.json', import.meta.url),
      'utf8',
    ),
  );
  assert.deepEqual(textProblems(einbuergerung, en), { unknown: [], missing: [] });
});

test('a typo in a keyword is named by its pointer', () => {
  const broken = setAt(
    einbuergerung,
    '/schema/properties/person/properties/familyName/maxLenght',
    10,
  );
  assert.deepEqual(problems(broken), [
    {
      pointer: '/schema/properties/person/properties/familyName/maxLenght',
      message: 'is not a known keyword or property here',
    },
  ]);
});

test('missing top-level keys and wrong types are named', () => {
  const broken = setAt(setAt(einbuergerung, '/steps', undefined), '/version', 1);
  const found = problems(broken).map((p) => `${p.pointer} ${p.message}`);
  assert.ok(found.includes('/steps is missing'), found.join('\n'));
  assert.ok(found.includes('/version must be of type string'), found.join('\n'));
});

test('semantic rules: patterns, references, steps', () => {
  let d = setAt(
    einbuergerung,
    '/schema/properties/person/properties/familyName/pattern',
    '^(a+)+$',
  ) as Definition;
  d = setAt(
    d,
    '/schema/properties/person/properties/birthName/$ref',
    '#/$defs/nothing',
  ) as Definition;
  d = setAt(d, '/schema/properties/residence/properties/city/pattern', '^[a-z]+$') as Definition;
  d = setAt(d, '/schema/properties/residence/properties/city/maxLength', undefined) as Definition;
  d = setAt(d, '/steps/1/fields/0', '/nowhere') as Definition;
  const found = semanticProblems(d).map((p) => `${p.pointer} ${p.message}`);
  assert.deepEqual(found.sort(), [
    '/schema/properties/person/properties/birthName/$ref points to nothing in this definition: #/$defs/nothing',
    '/schema/properties/person/properties/familyName/pattern has a nested quantifier that can backtrack catastrophically',
    '/schema/properties/residence is shown by no step',
    '/schema/properties/residence/properties/city/pattern needs a maxLength next to it',
    '/steps/1/fields/0 points to no property of the schema: /nowhere',
  ]);
});

test('$data is refused, and so is a definition beyond the size limit', () => {
  const withData = setAt(
    einbuergerung,
    '/schema/properties/person/properties/familyName/maxLength',
    { $data: '1/x' },
  );
  assert.ok(problems(withData).length > 0);
  assert.throws(() => parseDefinition(' '.repeat(1_000_001), meta), /limit of 1000000/);
  assert.throws(() => parseDefinition('{', meta), /not valid JSON/);
});

test('a definition’s fingerprint ignores key order and changes with any value', async () => {
  const { canonicalJson, definitionDigest } = await import('../../src/core/digest.js');
  assert.equal(
    canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }),
    '{"a":[true,{"c":"x","d":null}],"b":1}',
  );
  const a = await definitionDigest({ id: 'x', version: '1.0.0' });
  assert.equal(a, await definitionDigest({ version: '1.0.0', id: 'x' }));
  assert.notEqual(a, await definitionDigest({ id: 'x', version: '1.0.1' }));
  assert.match(a!, /^[0-9a-f]{64}$/);
});
