/**
 * The built-in Verpflichtungserklärung (§§ 66–68 AufenthG), the application part: the definition
 * and its English translation pass the checks, a realistic application validates, and fees,
 * the appointment's checklist and the documents follow the answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as compiled from '../../src/definitions/generated/verpflichtungserklaerung.js';
import { compileDefinition } from '../../src/core/compile.js';
import {
  applicableDocuments,
  applyIdentity,
  bookingUrl,
  checklist,
  chooseOutcome,
  computeFees,
  createValidator,
  fieldErrorMessage,
  outcomesOf,
  setAt,
  Texts,
  textProblems,
} from '../../src/core/index.js';
import { builtIn, problemsOf } from './helpers.js';

const { definition, validator, model, english } = builtIn(compiled);

function sample(): Record<string, any> {
  return JSON.parse(
    readFileSync(
      new URL('../fixtures/verpflichtungserklaerung-sample.json', import.meta.url),
      'utf8',
    ),
  );
}

/** `data` with the answers at the given pointers replaced (`undefined` removes one). */
function answer(data: unknown, changes: Record<string, unknown>): Record<string, any> {
  let out = data;
  for (const [pointer, value] of Object.entries(changes)) out = setAt(out, pointer, value);
  return out as Record<string, any>;
}

/** The host is German: no nationality or residence title asked. */
const german = (data: unknown) =>
  answer(data, {
    '/host/citizenship': 'german',
    '/host/nationality': undefined,
    '/host/residenceTitle': undefined,
    '/host/residenceTitleValidUntil': undefined,
  });

/** The spouse's income counts: the spouse signs too. */
const withSpouse = (data: unknown) =>
  answer(data, {
    '/finances/spouseIncome': true,
    '/finances/spouse': {
      familyName: 'Yılmaz',
      givenNames: 'Kemal',
      birthDate: '1984-01-30',
      monthlyNetIncome: 1850,
    },
  });

/** The host is self-employed. */
const selfEmployed = (data: unknown) =>
  answer(data, {
    '/finances/incomeSource': 'selfEmployed',
    '/finances/employer': undefined,
    '/finances/business': 'Friseursalon in der Kasseler Innenstadt',
  });

const errorsOf = (data: unknown) =>
  validator.validate(data).map((e) => `${e.pointer} ${e.keyword}`);
const fees = (data: unknown) => computeFees(definition, model.prune(data), validator.test);
const appointment = outcomesOf(definition)[0]!;
const checklistIds = (data: unknown) =>
  checklist(definition, appointment, model.prune(data), validator.test).map((e) => e.id);

test('the built-in definition passes the definition check, and its English translation is complete', () => {
  const source = JSON.parse(
    readFileSync(
      new URL('../../src/definitions/verpflichtungserklaerung/definition.json', import.meta.url),
      'utf8',
    ),
  );
  assert.deepEqual(problemsOf(source), []);
  assert.deepEqual(source, definition, 'the generated module is the checked file');
  assert.equal(definition.id, 'verpflichtungserklaerung');
  assert.equal(definition.format, 2);
  assert.equal(definition.referencePrefix, 'VE');
  assert.equal(definition.identifiers?.leika, '99010005000000');
  assert.deepEqual(
    definition.quickCheck?.criteria.map((c) => c.id),
    ['berechtigt', 'leistungen', 'bonitaet'],
  );
  assert.deepEqual(textProblems(definition, english), { unknown: [], missing: [] });
  // Every legal basis links to the law's text on gesetze-im-internet.de.
  for (const basis of definition.legalBasis ?? [])
    assert.match(basis.url ?? '', /^https:\/\/www\.gesetze-im-internet\.de\//, basis.title);
});

test('the steps, and the form asks a non-German host’s nationality, then the residence title', () => {
  assert.deepEqual(
    definition.steps.map((s) => [s.id, s.fields]),
    [
      ['host', ['/host']],
      ['finances', ['/finances']],
      ['guests', ['/guests']],
      ['stay', ['/stay']],
      ['declarations', ['/declarations']],
    ],
  );
  const hostFields = (data: unknown) =>
    model.children(model.fieldAt('/host', data)!, data)[0]!.fields.map((f) => f.name);
  const data = sample();
  assert.deepEqual(hostFields(data).slice(4, 8), [
    'citizenship',
    'nationality',
    'residenceTitle',
    'residenceTitleValidUntil',
  ]);
  const eu = answer(data, { '/host/citizenship': 'eu' });
  assert.deepEqual(hostFields(eu).slice(4, 6), ['citizenship', 'nationality']);
  assert.ok(!hostFields(eu).includes('residenceTitle'));
  const noneOfThem = hostFields(german(data));
  for (const asked of ['nationality', 'residenceTitle', 'residenceTitleValidUntil'])
    assert.ok(!noneOfThem.includes(asked), asked);
});

test('the sample application validates, also for a German host and with the spouse signing', () => {
  assert.deepEqual(errorsOf(sample()), []);
  assert.deepEqual(errorsOf(german(sample())), []);
  assert.deepEqual(errorsOf(withSpouse(sample())), []);
  assert.deepEqual(errorsOf(selfEmployed(sample())), []);
});

test('a missing answer is an error at its own pointer, with the definition’s message', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['family name', { '/host/familyName': undefined }, ['/host/familyName required']],
    [
      'net income',
      { '/finances/monthlyNetIncome': undefined },
      ['/finances/monthlyNetIncome required'],
    ],
    ['guest list empty', { '/guests': [] }, ['/guests minItems']],
    ['end of the stay', { '/stay/to': undefined }, ['/stay/to required']],
    [
      'a guest’s passport',
      { '/guests/2/passportNumber': undefined },
      ['/guests/2/passportNumber required'],
    ],
    [
      'a non-German host’s residence title',
      { '/host/residenceTitleValidUntil': undefined },
      ['/host/residenceTitleValidUntil required'],
    ],
    [
      'the spouse’s details when the spouse signs',
      { '/finances/spouseIncome': true },
      ['/finances/spouse required'],
    ],
    [
      'the purpose in words of a stay longer than 90 days',
      { '/stay/longStay': true },
      ['/stay/longStayPurpose required'],
    ],
    [
      'where the guests live when not with the host',
      { '/stay/stayAtHost': false },
      ['/stay/address required'],
    ],
    [
      'the declaration of truthfulness',
      { '/declarations/truthfulness': false },
      ['/declarations/truthfulness const'],
    ],
  ];
  for (const [name, changes, expected] of cases)
    assert.deepEqual(errorsOf(answer(sample(), changes)), expected, name);

  const data = answer(sample(), { '/stay/to': undefined });
  const [error] = validator.validate(data);
  const de = fieldErrorMessage(error!, model, new Texts(definition), data, undefined, 'de');
  const en = fieldErrorMessage(
    error!,
    model,
    new Texts(definition, english),
    data,
    undefined,
    'en',
  );
  assert.equal(de.text, 'Bitte geben Sie an, wann Ihre Gäste wieder abreisen.');
  assert.equal(en.text, 'Please enter when your guests leave again.');
});

test('answers that no longer apply are not submitted: a German host sends no residence title', () => {
  const data = answer(sample(), { '/host/citizenship': 'german' });
  const pruned = model.prune(data) as Record<string, any>;
  assert.equal(pruned.host.citizenship, 'german');
  for (const gone of ['nationality', 'residenceTitle', 'residenceTitleValidUntil'])
    assert.ok(!(gone in pruned.host), gone);
  assert.deepEqual(validator.validate(pruned), []);
});

test('fees: 29 € for one host, 58 € when the spouse signs too', () => {
  const one = fees(sample());
  assert.equal(one.currency, 'EUR');
  assert.equal(one.policy, 'optional');
  assert.equal(one.total, 2900);
  assert.deepEqual(
    one.lines.map((l) => [l.id, l.amount]),
    [['erklaerung', 2900]],
  );
  const two = fees(withSpouse(sample()));
  assert.equal(two.total, 5800);
  assert.deepEqual(
    two.lines.map((l) => [l.id, l.amount]),
    [
      ['erklaerung', 2900],
      ['ehegatte', 2900],
    ],
  );
  // The number of guests does not change the fee: one declaration covers them.
  const guests = sample().guests as unknown[];
  assert.equal(fees(answer(sample(), { '/guests': guests.slice(0, 1) })).total, 2900);
  for (const item of definition.fees!.items)
    assert.equal(item.legalBasis, '§ 47 Abs. 1 Nr. 12 AufenthV', item.id);
  // The run-time compiler decides the fee conditions the same way as the precompiled module.
  const runtime = createValidator(compileDefinition(definition));
  const data = model.prune(withSpouse(sample()));
  assert.deepEqual(
    computeFees(definition, data, runtime.test),
    computeFees(definition, data, validator.test),
  );
});

test('the appointment is the default outcome; the submission is offered too', () => {
  assert.deepEqual(
    outcomesOf(definition).map((o) => o.type),
    ['appointment', 'submission'],
  );
  assert.equal(chooseOutcome(definition).outcome.type, 'appointment');
  assert.equal(chooseOutcome(definition, 'submission').pointer, '/outcome/1');
  // The preparation never claims the declaration was given.
  assert.equal(appointment.type, 'appointment');
  const description = appointment.type === 'appointment' ? appointment.description! : '';
  assert.match(description, /noch keine Verpflichtungserklärung/);
  assert.match(description, /persönlich bei der Ausländerbehörde/);
  assert.match(english['/outcome/0/description']!, /not yet a formal obligation/);
  assert.equal(
    bookingUrl(appointment, { reference: 'VE-2027-000123', service: definition.id }),
    'https://termine.example.de/buchen?service=verpflichtungserklaerung&ref=VE-2027-000123',
  );
});

test('the checklist is personalised: residence title, marriage certificate, pay slips or tax assessments', () => {
  // The sample: a Turkish host with a settlement permit, employed, renting, the spouse not signing.
  assert.deepEqual(checklistIds(sample()), [
    'ausweis',
    'aufenthaltstitel',
    'gehaltsabrechnungen',
    'mietvertrag',
    'pass-gast',
  ]);
  // A German host (and an EU citizen) brings no residence title.
  assert.ok(!checklistIds(german(sample())).includes('aufenthaltstitel'));
  assert.ok(
    !checklistIds(answer(sample(), { '/host/citizenship': 'eu' })).includes('aufenthaltstitel'),
  );
  // The spouse signs: the spouse comes along, the marriage certificate and the spouse's proof of
  // income are brought (the fee, 58 €, is computed from the fees: see the fees test).
  const spouse = checklistIds(withSpouse(sample()));
  for (const item of ['ehegatte', 'heiratsurkunde', 'einkommen-ehegatte'])
    assert.ok(spouse.includes(item), item);
  assert.ok(!checklistIds(sample()).includes('heiratsurkunde'));
  // Self-employed: tax assessments and the tax adviser's statement instead of pay slips.
  const own = checklistIds(selfEmployed(sample()));
  assert.ok(own.includes('steuerbescheide') && own.includes('steuerberatung'));
  assert.ok(!own.includes('gehaltsabrechnungen'));
  // Ownership instead of rent: the land-register extract.
  const owner = checklistIds(
    answer(sample(), { '/finances/housing': 'own', '/finances/monthlyRent': undefined }),
  );
  assert.ok(owner.includes('grundbuchauszug') && !owner.includes('mietvertrag'));
  // The appointment says the fee is paid there, and due also when solvency is not proven, in
  // both languages.
  assert.match(
    (appointment as { description: string }).description,
    /Gebühr bezahlen Sie beim Termin\. Sie ist auch fällig, wenn die Behörde Ihr Einkommen nicht/,
  );
  assert.match(english['/outcome/0/description']!, /also due if the authority finds your income/);
});

test('the documents follow the answers; all are brought to the appointment, none uploaded', () => {
  const ids = (data: unknown, delivery: 'upload' | 'bring' = 'bring') =>
    applicableDocuments(definition, model.prune(data), validator.test, delivery).map(
      (d) => d.requirement.id,
    );
  assert.deepEqual(ids(sample(), 'upload'), []);
  assert.deepEqual(ids(sample()), [
    'ausweis',
    'aufenthaltstitel',
    'gehaltsabrechnungen',
    'mietvertrag',
    'pass-gast',
  ]);
  const cases: [string, Record<string, unknown>, string[], string[]][] = [
    [
      'pensioner',
      { '/finances/incomeSource': 'pension', '/finances/employer': undefined },
      ['rentenbescheid'],
      ['gehaltsabrechnungen'],
    ],
    [
      'unemployment benefit',
      { '/finances/incomeSource': 'unemploymentBenefit', '/finances/employer': undefined },
      ['arbeitslosengeld'],
      ['gehaltsabrechnungen'],
    ],
    [
      'other income',
      {
        '/finances/incomeSource': 'other',
        '/finances/employer': undefined,
        '/finances/incomeSourceOther': 'Mieteinnahmen',
      },
      ['einkommensnachweise'],
      ['gehaltsabrechnungen'],
    ],
    [
      'owner',
      { '/finances/housing': 'own', '/finances/monthlyRent': undefined },
      ['grundbuchauszug'],
      ['mietvertrag'],
    ],
    ['EU citizen', { '/host/citizenship': 'eu' }, [], ['aufenthaltstitel']],
  ];
  for (const [name, changes, added, gone] of cases) {
    const data = answer(sample(), changes);
    assert.deepEqual(errorsOf(model.prune(data)), [], `${name}: valid as submitted`);
    const found = ids(data);
    for (const id of added) assert.ok(found.includes(id), `${name}: ${id}`);
    for (const id of gone) assert.ok(!found.includes(id), `${name}: no ${id}`);
    assert.ok(found.includes('ausweis') && found.includes('pass-gast'), `${name}: always`);
  }
  assert.deepEqual(
    ids(withSpouse(sample())).filter((id) => !ids(sample()).includes(id)),
    ['heiratsurkunde', 'einkommen-ehegatte'],
  );
});

test('the identity a portal verified fills in the host', () => {
  const { data, filled } = applyIdentity(
    definition,
    {},
    {
      trustLevel: 'high',
      source: 'BundID',
      attributes: {
        familyName: 'Yılmaz',
        givenNames: 'Ayşe Elif',
        birthDate: '1986-03-09',
        placeOfBirth: 'Izmir',
      },
    },
  );
  assert.deepEqual(filled, [
    '/host/familyName',
    '/host/givenNames',
    '/host/birthDate',
    '/host/birthPlace',
  ]);
  assert.deepEqual(data, {
    host: {
      familyName: 'Yılmaz',
      givenNames: 'Ayşe Elif',
      birthDate: '1986-03-09',
      birthPlace: 'Izmir',
    },
  });
});
