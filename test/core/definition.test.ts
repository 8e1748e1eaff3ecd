import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileSchema } from '../../src/core/compile.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkDefinition,
  DefinitionError,
  parseDefinition,
  patternProblems,
  patternsOf,
  semanticProblems,
} from '../../src/core/definition.js';
import { recheck } from '../../src/core/redos.js';
import { textProblems } from '../../src/core/text-pointers.js';
import { jsonDepthExceeds, setAt, type Definition } from '../../src/core/index.js';
import { einbuergerung } from './helpers.js';

const meta = compileSchema(
  JSON.parse(readFileSync(new URL('../../schema/definition.schema.json', import.meta.url), 'utf8')),
);

function problems(definition: unknown) {
  try {
    checkDefinition(definition, meta, recheck);
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
    '/schema/properties/person/properties/birthName/$ref',
    '#/$defs/nothing',
  ) as Definition;
  d = setAt(d, '/schema/properties/residence/properties/city/pattern', '^[a-z]+$') as Definition;
  d = setAt(d, '/schema/properties/residence/properties/city/maxLength', undefined) as Definition;
  d = setAt(d, '/steps/1/fields/0', '/nowhere') as Definition;
  d = setAt(d, '/schema/properties/person/properties/familyName/pattern', '(') as Definition;
  const found = semanticProblems(d).map((p) => `${p.pointer} ${p.message}`);
  assert.deepEqual(found.sort(), [
    '/schema/properties/person/properties/birthName/$ref points to nothing in this definition: #/$defs/nothing',
    '/schema/properties/person/properties/familyName/pattern is not a valid regular expression',
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
  assert.throws(() => parseDefinition(' '.repeat(1_000_001), meta, recheck), /limit of 1000000/);
  assert.throws(() => parseDefinition('{', meta, recheck), /not valid JSON/);
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

/** The frame of a definition (no quick-check, fees or documents that point into the Einbürgerung's schema). */
const frame = {
  id: 'probe',
  version: '1.0.0',
  title: 'Probe',
  language: 'de',
  legalState: '2026-01-01',
};

/** A definition whose one field is `levels` objects deep (each level an object in `properties`). */
function nested(levels: number): Definition {
  let schema: Record<string, unknown> = { type: 'string', maxLength: 5 };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } };
  return {
    ...frame,
    schema: { type: 'object', properties: { a: schema } },
    steps: [{ id: 's', title: 'S', fields: ['/a'] }],
  } as unknown as Definition;
}

test('a definition nested 10 000 levels deep is refused with the limit and the pointer, not a stack overflow', () => {
  const found = problems(nested(10_000));
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, 'nests deeper than the limit of 32 levels');
  // Level 33: the definition, /schema, then /properties/a pairs.
  assert.equal(found[0]!.pointer, '/schema' + '/properties/a'.repeat(15) + '/properties');
  // semanticProblems on its own, too (it walks recursively after this check).
  assert.equal(semanticProblems(nested(10_000))[0]!.message, found[0]!.message);
  // And a cyclic object graph (a definition given as a property) stops at the limit as well.
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic };
  assert.match(problems({ ...frame, schema: cyclic, steps: [] })[0]!.message, /limit of 32/);
  assert.deepEqual(problems(nested(10)), []);
});

test('jsonDepthExceeds counts levels of arrays and objects without recursion', () => {
  assert.equal(jsonDepthExceeds({ a: [1, { b: 2 }] }, 3), undefined);
  assert.equal(jsonDepthExceeds({ a: [1, { b: 2 }] }, 2), '/a/1');
  assert.equal(jsonDepthExceeds({ 'x/y': { '~': {} } }, 2), '/x~1y/~0');
  assert.equal(jsonDepthExceeds('text', 1), undefined);
  let deep: unknown = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(jsonDepthExceeds(deep, 100_000), undefined);
  assert.equal(jsonDepthExceeds(deep, 99_999)?.length, 2 * 99_999);
});

function withDefs(defs: Record<string, unknown>, field: unknown = { $ref: '#/$defs/a' }) {
  return {
    ...frame,
    schema: { type: 'object', properties: { f: field }, $defs: defs },
    steps: [{ id: 's', title: 'S', fields: ['/f'] }],
  };
}

test('$ref cycles are refused with their pointer and the chain', () => {
  const found = (definition: unknown) =>
    problems(definition).map((p) => `${p.pointer} ${p.message}`);
  const tail = 'a schema cannot refer to itself, directly or through other $defs';
  assert.deepEqual(found(withDefs({ a: { $ref: '#/$defs/a' } })), [
    `/schema/$defs/a/$ref leads back to itself (#/$defs/a → #/$defs/a): ${tail}`,
  ]);
  assert.deepEqual(
    found(withDefs({ a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } })),
    [
      `/schema/$defs/b/allOf/0/$ref leads back to itself (#/$defs/a → #/$defs/b → #/$defs/a): ${tail}`,
    ],
  );
  // A property's schema that refers to its own ancestor…
  assert.deepEqual(
    found(
      withDefs({
        a: {
          type: 'object',
          properties: { x: { type: 'object', properties: { y: { $ref: '#/$defs/a' } } } },
        },
      }),
    ),
    [
      `/schema/$defs/a/properties/x/properties/y/$ref leads back to itself (#/$defs/a → #/$defs/a): ${tail}`,
    ],
  );
  // …and recursion through a list: the form renders every group it reaches, so none is allowed.
  assert.deepEqual(
    found(
      withDefs({
        a: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/$defs/a' } } },
        },
      }),
    ),
    [
      `/schema/$defs/a/properties/children/items/$ref leads back to itself (#/$defs/a → #/$defs/a): ${tail}`,
    ],
  );
  // The same reference twice without a cycle is fine; a broken %-escape points to nothing.
  assert.deepEqual(
    found(
      withDefs(
        { a: { type: 'string', maxLength: 3 }, b: { $ref: '#/$defs/a' } },
        { type: 'object', properties: { x: { $ref: '#/$defs/b' }, y: { $ref: '#/$defs/a' } } },
      ),
    ),
    [],
  );
  assert.deepEqual(
    found(withDefs({ a: { type: 'string', maxLength: 3 } }, { $ref: '#/$defs/%E0' })),
    ['/schema/properties/f/$ref points to nothing in this definition: #/$defs/%E0'],
  );
});

test('the depth limit counts the levels that $refs bring in', () => {
  // Three $defs of 13 levels each, one inside the next: each is within the limit, together not
  // (the field is level 4, each $def adds 12 levels below the node that refers to it).
  const chain = (next: string | undefined) => {
    let schema: Record<string, unknown> = next
      ? { $ref: `#/$defs/${next}` }
      : { type: 'string', maxLength: 3 };
    for (let i = 0; i < 6; i++) schema = { type: 'object', properties: { a: schema } };
    return schema;
  };
  const found = problems(withDefs({ a: chain('b'), b: chain('c'), c: chain(undefined) }));
  assert.deepEqual(found, [
    {
      pointer: '/schema/properties/f/$ref',
      message: 'nests deeper than the limit of 32 levels with #/$defs/a in place (40)',
    },
  ]);
  assert.deepEqual(problems(withDefs({ a: chain('b'), b: chain(undefined) })), []);
});

/** The review's finds, and the classic: each passed the old list of known shapes but one. */
const HOSTILE = {
  words: String.raw`^(\w+\s?)*$`,
  same: '^(a|a)*$',
  overlap: '^(a|aa)*$',
  email: String.raw`^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$`,
  nested: '^(a+)+$',
};

function withPatterns(patterns: Record<string, string>) {
  return {
    ...frame,
    schema: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(patterns).map(([name, pattern]) => [
          name,
          { type: 'string', maxLength: 100, pattern },
        ]),
      ),
    },
    steps: [{ id: 's', title: 'S', fields: Object.keys(patterns).map((name) => `/${name}`) }],
  };
}

test('patterns that can backtrack catastrophically are refused with their pointer, in bounded time', () => {
  const started = Date.now();
  const found = problems(withPatterns(HOSTILE));
  const elapsed = Date.now() - started;
  assert.deepEqual(
    found.map((p) => p.pointer),
    Object.keys(HOSTILE).map((name) => `/schema/properties/${name}/pattern`),
  );
  for (const p of found)
    assert.match(
      p.message,
      /^can backtrack catastrophically \(exponential\): an answer of \d+ characters can stall validation; simplify it$/,
    );
  assert.ok(elapsed < 10_000, `the analysis took ${elapsed} ms`);
  // Polynomial backtracking too: ajv (allErrors) runs the pattern even on a string beyond maxLength.
  assert.match(
    problems(withPatterns({ twice: '^a*a*$' }))[0]!.message,
    /^can backtrack catastrophically \(2nd degree polynomial\)/,
  );
  // In conditions and the quick-check as well.
  const condition = {
    ...withPatterns({ a: '^[a-z]{1,10}$' }),
    documents: [
      {
        id: 'd',
        title: 'D',
        when: { properties: { a: { type: 'string', maxLength: 10, pattern: HOSTILE.same } } },
      },
    ],
  };
  assert.deepEqual(
    problems(condition).map((p) => p.pointer),
    ['/documents/0/when/properties/a/pattern'],
  );
});

test('the patterns of the built-in definitions and of the meta-schema are proven safe', () => {
  const sources = [
    'src/definitions/einbuergerung/definition.json',
    'src/definitions/verpflichtungserklaerung/definition.json',
    'src/definitions/beschaeftigungserlaubnis/definition.json',
    'test/fixtures/quick-check-page.json',
  ];
  const started = Date.now();
  for (const file of sources) {
    const definition = JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
    assert.ok(file.includes('fixtures') || patternsOf(definition).length > 0);
    assert.deepEqual(patternProblems(definition, recheck), [], file);
  }
  // The meta-schema's own patterns run on every definition loaded at run time.
  const metaSchema = readFileSync(
    new URL('../../schema/definition.schema.json', import.meta.url),
    'utf8',
  );
  const metaPatterns = [...metaSchema.matchAll(/"pattern": ("(?:[^"\\]|\\.)*")/g)].map(
    (m) => JSON.parse(m[1]!) as string,
  );
  assert.ok(metaPatterns.length > 5);
  for (const source of metaPatterns)
    assert.equal(
      recheck(source, 'u', { checker: 'automaton', timeout: 2_000 }).status,
      'safe',
      source,
    );
  assert.ok(Date.now() - started < 10_000);
});

test('a pattern that cannot be proven safe is refused too', () => {
  // The automaton analysis (whose "safe" is a proof) does not cover look-arounds.
  assert.deepEqual(problems(withPatterns({ code: String.raw`^(?=.*\d)[a-z\d]{8,64}$` })), [
    {
      pointer: '/schema/properties/code/pattern',
      message:
        'could not be proven safe from catastrophic backtracking (look-ahead assertion): simplify it',
    },
  ]);
  // A time-out, and a definition whose patterns together take too long.
  const definition = withPatterns({
    a: '^[a-z]{1,10}$',
    b: '^[0-9]{1,10}$',
  }) as unknown as Definition;
  const timedOut = () => ({ status: 'unknown' as const, error: { kind: 'timeout' } });
  assert.deepEqual(
    patternProblems(definition, timedOut).map((p) => p.message),
    Array(2).fill(
      'could not be proven safe from catastrophic backtracking within 2000 ms: simplify it',
    ),
  );
  let calls = 0;
  const slow = () => {
    calls++;
    const until = Date.now() + 30;
    while (Date.now() < until);
    return { status: 'safe' as const };
  };
  const found = patternProblems(definition, slow, { each: 2_000, all: 20 });
  assert.equal(calls, 1);
  assert.deepEqual(found, [
    {
      pointer: '/schema/properties/b/pattern',
      message:
        'could not be proven safe from catastrophic backtracking: the analysis of all patterns took more than 20 ms; use fewer different patterns',
    },
  ]);
});

test('npm run precompile refuses a hostile definition with the pointer and a non-zero exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-precompile-'));
  const file = join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify(withPatterns({ words: HOSTILE.words })));
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/precompile.ts', file, join(dir, 'hostile.validator.js')],
    { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(
    run.stderr,
    /\/schema\/properties\/words\/pattern: can backtrack catastrophically \(exponential\)/,
  );
  assert.ok(!existsSync(join(dir, 'hostile.validator.js')));
});
