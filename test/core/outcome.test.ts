/**
 * Outcomes (format 2): which the definition offers and which the page chose, the appointment's
 * checklist for the answers, the booking link, and the checks a definition's outcomes must pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDefinition, standaloneValidators } from '../../src/core/compile.js';
import {
  applicableDocuments,
  bookingTemplateProblem,
  bookingUrl,
  checklist,
  chooseOutcome,
  identityEnough,
  outcomeFor,
  outcomesOf,
  patternProblems,
  setAt,
  textPointers,
  type Definition,
  type Outcome,
} from '../../src/core/index.js';
import { recheck } from '../../src/core/redos.js';
import { einbuergerung, fixture, problemsOf } from './helpers.js';

const { definition: appointment, validator, model } = fixture('appointment');
const appointmentOutcome = outcomesOf(appointment)[0]!;
const host = (employment: string, spouseIncome?: boolean) => ({
  host: {
    familyName: 'Yılmaz',
    givenNames: 'Ayşe',
    employment,
    ...(spouseIncome === undefined ? {} : { spouseIncome }),
  },
  guest: { familyName: 'Demir', nationality: 'türkisch' },
});

test('the outcomes a definition offers, the default first', () => {
  const cases: [string, Definition, string[]][] = [
    [
      'none named: a submission',
      setAt(einbuergerung, '/outcome', undefined) as Definition,
      ['submission'],
    ],
    ['one', einbuergerung, ['submission']],
    ['a list', appointment, ['appointment', 'submission']],
  ];
  for (const [name, definition, types] of cases)
    assert.deepEqual(
      outcomesOf(definition).map((o) => o.type),
      types,
      name,
    );
});

test('the outcome the page asks for, or the first; one not offered is a problem', () => {
  const cases: [string | undefined, string, string, string | undefined][] = [
    [undefined, 'appointment', '/outcome/0', undefined],
    ['', 'appointment', '/outcome/0', undefined],
    ['appointment', 'appointment', '/outcome/0', undefined],
    ['submission', 'submission', '/outcome/1', undefined],
    [
      'eid',
      'appointment',
      '/outcome/0',
      'offers no outcome "eid" (it offers: appointment, submission)',
    ],
  ];
  for (const [requested, type, pointer, problem] of cases) {
    const choice = chooseOutcome(appointment, requested);
    assert.equal(choice.outcome.type, type, String(requested));
    assert.equal(choice.pointer, pointer, String(requested));
    assert.equal(choice.problem?.message, problem, String(requested));
    if (problem) assert.equal(choice.problem?.pointer, '/outcome');
  }
  const only = chooseOutcome(einbuergerung, 'appointment');
  assert.equal(only.outcome.type, 'submission');
  assert.equal(only.pointer, '/outcome');
  assert.match(only.problem!.message, /offers no outcome "appointment" \(it offers: submission\)/);
});

test('the checklist holds the items whose conditions hold, then the documents to bring', () => {
  const cases: [string, unknown, [string, string, string][]][] = [
    [
      'employed',
      host('employed'),
      [
        ['ausweis', 'item', '/outcome/0/checklist/0'],
        ['gehaltsnachweise', 'item', '/outcome/0/checklist/1'],
      ],
    ],
    [
      'self-employed, spouse’s income counts',
      host('self-employed', true),
      [
        ['ausweis', 'item', '/outcome/0/checklist/0'],
        ['steuerbescheid', 'item', '/outcome/0/checklist/2'],
        ['heiratsurkunde', 'document', '/documents/0'],
      ],
    ],
    [
      'employed, spouse’s income does not count',
      host('employed', false),
      [
        ['ausweis', 'item', '/outcome/0/checklist/0'],
        ['gehaltsnachweise', 'item', '/outcome/0/checklist/1'],
      ],
    ],
  ];
  for (const [name, data, expected] of cases) {
    const entries = checklist(appointment, appointmentOutcome, model.prune(data), validator.test);
    assert.deepEqual(
      entries.map((e) => [e.id, e.kind, e.pointer]),
      expected,
      name,
    );
  }
  const [, tax, certificate] = checklist(
    appointment,
    appointmentOutcome,
    host('self-employed', true),
    validator.test,
  );
  assert.equal(
    tax!.description,
    'Und die Bescheinigung Ihrer Steuerberatung über das laufende Jahr.',
  );
  assert.equal(certificate!.document?.delivery, 'bring');
  assert.deepEqual(
    checklist(appointment, outcomesOf(appointment)[1]!, host('employed', true), validator.test),
    [],
    'a submission has no checklist',
  );
});

test('documents to bring are not asked for on the upload page', () => {
  const data = host('employed', true);
  const ids = (delivery?: 'upload' | 'bring' | 'all') =>
    applicableDocuments(appointment, data, validator.test, delivery).map((d) => d.requirement.id);
  assert.deepEqual(ids(), []);
  assert.deepEqual(ids('upload'), []);
  assert.deepEqual(ids('bring'), ['heiratsurkunde']);
  assert.deepEqual(ids('all'), ['heiratsurkunde']);
  // A document without `delivery` is uploaded.
  assert.ok(applicableDocuments(einbuergerung, {}, () => true).length > 0);
});

test('the booking link: placeholders filled in URL-encoded, https only', () => {
  const values = { reference: 'VE-2026-000042', service: 'termin-test' };
  assert.equal(
    bookingUrl(appointmentOutcome, values),
    'https://termine.example.de/buchen?dienst=termin-test&vorgang=VE-2026-000042',
  );
  const booking = (url: string): Outcome => ({
    type: 'appointment',
    checklist: [],
    booking: { url },
  });
  const cases: [string, string | undefined][] = [
    ['https://t.example.de/b?ref={reference}', 'https://t.example.de/b?ref=A%26B%20C%2F%3F%23'],
    ['https://t.example.de/{service}/{reference}', 'https://t.example.de/x%2Fy/A%26B%20C%2F%3F%23'],
    ['http://t.example.de/b?ref={reference}', undefined],
    ['javascript:alert({reference})', undefined],
    ['https://t.example.de/b?ref={name}', undefined],
    ['https://t.example.de/b?ref={reference', undefined],
    ['https://user:pw@t.example.de/b', undefined],
  ];
  for (const [url, expected] of cases)
    assert.equal(
      bookingUrl(booking(url), { reference: 'A&B C/?#', service: 'x/y' }),
      expected,
      url,
    );
  assert.equal(bookingUrl({ type: 'appointment', checklist: [] }, values), undefined);
  assert.equal(bookingUrl({ type: 'submission' }, values), undefined);
});

test('what is wrong with a booking template is said plainly', () => {
  const cases: [string, string | undefined][] = [
    ['https://t.example.de/b?ref={reference}&s={service}', undefined],
    ['http://t.example.de/', 'must be an https: URL'],
    [
      'https://t.example.de/?a={name}&b={id}',
      'may only use the placeholders {reference} and {service}, not {name}, {id}',
    ],
    ['https://t.example.de/?a={reference', 'has a "{" or "}" that opens or closes no placeholder'],
    ['https://user@t.example.de/', 'must not carry a user name or password'],
  ];
  for (const [template, problem] of cases)
    assert.equal(bookingTemplateProblem(template), problem, template);
});

test('a definition’s outcomes are checked, naming the pointer', () => {
  const cases: [string, unknown, string[]][] = [
    ['the fixture', appointment, []],
    [
      'an outcome type twice',
      setAt(appointment, '/outcome/1', { type: 'appointment', checklist: [] }),
      ['/outcome/1/type repeats the outcome "appointment"'],
    ],
    [
      'a booking link on http',
      setAt(appointment, '/outcome/0/booking/url', 'http://termine.example.de/?r={reference}'),
      ['/outcome/0/booking/url does not match ^https://[^\\s]{1,1990}$'],
    ],
    [
      'an unknown placeholder',
      setAt(appointment, '/outcome/0/booking/url', 'https://termine.example.de/?r={kunde}'),
      [
        '/outcome/0/booking/url may only use the placeholders {reference} and {service}, not {kunde}',
      ],
    ],
    [
      'a checklist id twice',
      setAt(appointment, '/outcome/0/checklist/2/id', 'ausweis'),
      ['/outcome/0/checklist/2/id repeats the checklist item id "ausweis"'],
    ],
    [
      'a checklist id of a document brought along',
      setAt(appointment, '/outcome/0/checklist/0/id', 'heiratsurkunde'),
      [
        '/outcome/0/checklist/0/id is the id of a document brought along ("heiratsurkunde"), which the checklist lists too',
      ],
    ],
    [
      'a condition with $ref',
      setAt(appointment, '/outcome/0/checklist/1/when', { $ref: '#/$defs/x' }),
      ['/outcome/0/checklist/1/when/$ref a condition cannot use $ref'],
    ],
    [
      'a pattern without maxLength in a condition',
      setAt(appointment, '/outcome/0/checklist/1/when', {
        properties: { guest: { properties: { nationality: { pattern: '^a' } } } },
      }),
      [
        '/outcome/0/checklist/1/when/properties/guest/properties/nationality/pattern needs a maxLength next to it',
      ],
    ],
    [
      'a document to bring without an appointment',
      setAt(appointment, '/outcome', { type: 'submission' }),
      [
        '/documents/0/delivery is "bring", but no outcome is an appointment, whose checklist would list it',
      ],
    ],
    [
      'a checklist item with a typo',
      setAt(appointment, '/outcome/0/checklist/0/titel', 'x'),
      ['/outcome/0/checklist/0/titel is not a known keyword or property here'],
    ],
    [
      'an appointment without its checklist',
      setAt(appointment, '/outcome/0/checklist', undefined),
      ['/outcome/0/checklist is missing'],
    ],
    [
      'an unknown outcome',
      setAt(appointment, '/outcome/1/type', 'granted'),
      ['/outcome/1/type must be "submission"'],
    ],
  ];
  for (const [name, definition, expected] of cases)
    assert.deepEqual(problemsOf(definition), expected, name);
});

test('a checklist condition’s pattern goes through the ReDoS analysis', () => {
  const hostile = setAt(appointment, '/outcome/0/checklist/1/when', {
    properties: { guest: { properties: { nationality: { pattern: '^(a+)+$', maxLength: 40 } } } },
  }) as Definition;
  const found = patternProblems(hostile, recheck);
  assert.equal(found.length, 1);
  assert.equal(
    found[0]!.pointer,
    '/outcome/0/checklist/1/when/properties/guest/properties/nationality/pattern',
  );
  assert.match(found[0]!.message, /can backtrack catastrophically/);
});

test('checklist conditions are compiled with the form’s validator, also precompiled', () => {
  const conditions = Object.keys(compileDefinition(appointment).conditions);
  assert.deepEqual(
    conditions.filter((p) => p.startsWith('/outcome')),
    ['/outcome/0/checklist/1/when', '/outcome/0/checklist/2/when'],
  );
  const single = setAt(appointment, '/outcome', outcomesOf(appointment)[0]) as Definition;
  assert.deepEqual(
    Object.keys(compileDefinition(single).conditions).filter((p) => p.startsWith('/outcome')),
    ['/outcome/checklist/1/when', '/outcome/checklist/2/when'],
  );
  const source = standaloneValidators(appointment, './runtime.js');
  assert.match(source, /"\/outcome\/0\/checklist\/1\/when": condition\d+/);
  assert.match(source, /"\/outcome\/0\/checklist\/2\/when": condition\d+/);
});

test('the new texts are translatable by pointer', () => {
  const pointers = textPointers(appointment);
  for (const p of [
    '/outcome/0/description',
    '/outcome/0/checklist/0/title',
    '/outcome/0/checklist/2/description',
    '/outcome/0/booking/title',
    '/documents/0/title',
  ])
    assert.ok(pointers.includes(p), p);
  assert.ok(textPointers(fixture('two-party').definition).includes('/parties/1/title'));
});

test('a submission that requires a trust level: enough, or the fall-back to the appointment', () => {
  const needsEid: Outcome = {
    type: 'submission',
    identity: { trustLevel: 'high', explanation: 'Online nur mit dem Online-Ausweis.' },
  };
  const definition = { ...appointment, outcome: [appointmentOutcome, needsEid] } as Definition;
  const rows: [string | undefined, boolean][] = [
    [undefined, false],
    ['low', false],
    ['substantial', false],
    ['high', true],
  ];
  for (const [level, enough] of rows) {
    const trust = level as 'low' | 'substantial' | 'high' | undefined;
    assert.equal(identityEnough(needsEid, trust), enough, String(level));
    const taken = outcomeFor(definition, needsEid, trust);
    assert.deepEqual(
      [taken.outcome.type, taken.fellBack, taken.enough],
      enough ? ['submission', false, true] : ['appointment', true, true],
      String(level),
    );
  }
  // An appointment, and a submission without a requirement, need no identity.
  assert.equal(identityEnough(appointmentOutcome, undefined), true);
  assert.equal(identityEnough({ type: 'submission' }, undefined), true);
  // Without an appointment to fall back to, the submission stays — and is not enough.
  const alone = { ...appointment, outcome: needsEid } as Definition;
  assert.deepEqual(
    (({ outcome, fellBack, enough }) => [outcome.type, fellBack, enough])(
      outcomeFor(alone, needsEid, 'substantial'),
    ),
    ['submission', false, false],
  );
  // The explanation is a text to translate; a requirement without one is refused.
  assert.ok(textPointers(definition).includes('/outcome/1/identity/explanation'));
  const unexplained = structuredClone(definition) as unknown as Record<string, any>;
  delete unexplained.outcome[1].identity.explanation;
  assert.ok(problemsOf(unexplained).some((p) => p.startsWith('/outcome/1')));
});

test('with a submission every document is uploaded, also those to bring to an appointment', () => {
  const data = host('self-employed', true);
  const ids = (outcome?: 'appointment' | 'submission') =>
    applicableDocuments(appointment, data, validator.test, 'upload', outcome).map(
      (d) => d.requirement.id,
    );
  assert.deepEqual(ids('appointment'), ids());
  assert.ok(!ids('appointment').includes('heiratsurkunde'));
  assert.ok(ids('submission').includes('heiratsurkunde'));
  assert.deepEqual(
    applicableDocuments(appointment, data, validator.test, 'bring', 'submission'),
    [],
    'nothing is brought when there is no appointment',
  );
});
