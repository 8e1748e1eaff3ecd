/**
 * The built-in Beschäftigungserlaubnis (§ 4a Abs. 4, § 60a Abs. 6 AufenthG, § 32 BeschV, § 61
 * AsylG), the application part: two parties. The applicant (Aufenthaltsgestattung or Duldung, no
 * login) sends their part; the employer completes the Erklärung zum Beschäftigungsverhältnis
 * through the hand-off, seeing only the applicant's names and job sentence; the joined
 * application validates whole. No fee.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as compiled from '../../src/definitions/generated/beschaeftigungserlaubnis.js';
import {
  applicableDocuments,
  chooseOutcome,
  computeFees,
  fieldErrorMessage,
  firstPartyData,
  firstPartyErrors,
  handOffDays,
  mergeParty,
  outcomesOf,
  partiesOf,
  partyPointers,
  partySteps,
  paysOnline,
  setAt,
  sharedView,
  Texts,
  textProblems,
} from '../../src/core/index.js';
import { builtIn, problemsOf } from './helpers.js';

const { definition, validator, model, english } = builtIn(compiled);

const read = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'));
/** The applicant's part, as the applicant sends it. */
const applicant = () => read('beschaeftigungserlaubnis-applicant');
/** The employer's part, as the employer sends it through the hand-off. */
const employer = () => read('beschaeftigungserlaubnis-employer');
/** The joined application. */
const joined = (employerPart: unknown = employer()) =>
  mergeParty(definition, 'employer', applicant(), employerPart);

/** `data` with the answers at the given pointers replaced (`undefined` removes one). */
function answer(data: unknown, changes: Record<string, unknown>): Record<string, any> {
  let out = data;
  for (const [pointer, value] of Object.entries(changes)) out = setAt(out, pointer, value);
  return out as Record<string, any>;
}

const errorsOf = (data: unknown) =>
  validator.validate(data).map((e) => `${e.pointer} ${e.keyword}`);
/** The errors of the applicant's part, as the server checks it (`part: 'first-party'`). */
const applicantErrors = (data: unknown) =>
  firstPartyErrors(definition, validator.validate(firstPartyData(definition, data))).map(
    (e) => `${e.pointer} ${e.keyword}`,
  );
const stepIds = (indexes: number[]) => indexes.map((i) => definition.steps[i]!.id);

test('the built-in definition passes the definition check, and its English translation is complete', () => {
  const source = JSON.parse(
    readFileSync(
      new URL('../../src/definitions/beschaeftigungserlaubnis/definition.json', import.meta.url),
      'utf8',
    ),
  );
  assert.deepEqual(problemsOf(source), []);
  assert.deepEqual(source, definition, 'the generated module is the checked file');
  assert.equal(definition.id, 'beschaeftigungserlaubnis');
  assert.equal(definition.format, 2);
  assert.equal(definition.referencePrefix, 'BE');
  assert.equal(definition.legalState, '2026-12-01');
  assert.equal(definition.identifiers?.leika, '99010012000000');
  assert.ok(
    definition.quickCheck,
    'the quick-check: test/core/beschaeftigungserlaubnis-check.test.ts',
  );
  assert.deepEqual(textProblems(definition, english), { unknown: [], missing: [] });
  assert.deepEqual(
    definition.legalBasis?.map((b) => b.title.split(' – ')[0]),
    ['§ 4a Abs. 4 AufenthG', '§ 60a Abs. 6 AufenthG', '§ 61 AsylG', '§ 32 BeschV', '§ 39 AufenthG'],
  );
  // Every legal basis links to the law's text on gesetze-im-internet.de.
  for (const basis of definition.legalBasis ?? [])
    assert.match(basis.url ?? '', /^https:\/\/www\.gesetze-im-internet\.de\//, basis.title);
  // The English names the German terms the applicant and the employer meet on paper.
  for (const term of [
    'Aufenthaltsgestattung',
    'Duldung',
    'Bundesagentur für Arbeit',
    'Betriebsnummer',
    'Erklärung zum Beschäftigungsverhältnis',
    'Vorrangprüfung',
  ])
    assert.ok(
      Object.values(english).some((text) => text.includes(`(${term})`)),
      `“(${term})” beside the English`,
    );
});

test('two parties: the applicant’s steps, then the employer’s, and the hand-off is valid 14 days', () => {
  assert.deepEqual(
    partiesOf(definition).map((p) => p.id),
    ['applicant', 'employer'],
  );
  assert.deepEqual(stepIds(partySteps(definition, 'applicant')), [
    'person',
    'statusDocument',
    'residence',
    'contact',
    'job',
    'employerContact',
    'declarations',
  ]);
  assert.deepEqual(stepIds(partySteps(definition, 'employer')), [
    'employerCompany',
    'employerEmployment',
    'employerRequirements',
    'employerWorkingTime',
    'employerPay',
    'employerDeclaration',
  ]);
  // The employer's part is /employer, one object per section of the EzB (A, C–L); none of the
  // applicant's answers lies there.
  assert.deepEqual(partyPointers(definition, 'employer'), [
    '/employer/occasion',
    '/employer/company',
    '/employer/employment',
    '/employer/qualification',
    '/employer/licence',
    '/employer/workingTime',
    '/employer/overtime',
    '/employer/leave',
    '/employer/pay',
    '/employer/socialInsurance',
    '/employer/declaration',
  ]);
  assert.deepEqual(
    Object.keys(definition.schema.properties!).filter((name) => name !== 'employer'),
    partyPointers(definition, 'applicant').map((p) => p.slice(1)),
  );
  const handOff = partiesOf(definition)[1]!;
  assert.equal(handOffDays(handOff), 14);
  // What the applicant is told about the link holds.
  const told = definition.steps.find((s) => s.id === 'employerContact')!;
  const index = definition.steps.indexOf(told);
  assert.match(told.description!, new RegExp(`Der Link gilt ${handOffDays(handOff)} Tage\\.`));
  assert.match(english[`/steps/${index}/description`]!, /valid for 14 days\./);
  // Phone-friendly: every applicant step asks six questions at most (an address counts as one).
  const questions = (i: number) =>
    model
      .stepFields(i, applicant())
      .flatMap((f) => (f.type === 'object' ? model.children(f, applicant())[0]!.fields : [f]));
  for (const i of partySteps(definition, 'applicant')) {
    const asked = questions(i).length;
    assert.ok(asked >= 1 && asked <= 6, `${definition.steps[i]!.id}: ${asked}`);
  }
});

test('the applicant’s part validates as the first party’s: the employer’s answers are not asked of them', () => {
  // Validated whole, the employer's part is missing; as the first party's part, nothing is.
  assert.deepEqual(errorsOf(applicant()), ['/employer required']);
  assert.deepEqual(applicantErrors(applicant()), []);
  // Also as the form validates (required objects filled in): only the employer's fields.
  const filled = model.prune(model.withRequiredObjects(applicant()));
  const errors = validator.validate(filled);
  assert.ok(errors.length > 20);
  assert.ok(errors.every((e) => e.pointer.startsWith('/employer/')));
  assert.deepEqual(firstPartyErrors(definition, errors), []);
  // The applicant's own missing answers stay theirs.
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['date of birth', { '/person/birthDate': undefined }, ['/person/birthDate required']],
    [
      'the status paper’s number',
      { '/statusDocument/number': undefined },
      ['/statusDocument/number required'],
    ],
    [
      'a date not written as a date',
      { '/statusDocument/validUntil': '31.03.2027' },
      ['/statusDocument/validUntil format'],
    ],
    [
      'the reception centre',
      { '/residence/receptionCentre': undefined },
      ['/residence/receptionCentre required'],
    ],
    ['no phone and no e-mail', { '/contact': {} }, ['/contact/phone required']],
    [
      'the employer’s name',
      { '/employerContact/name': undefined },
      ['/employerContact/name required'],
    ],
    [
      'no way to reach the employer',
      { '/employerContact/email': undefined },
      ['/employerContact/phone required'],
    ],
    ['the job sentence', { '/job/description': undefined }, ['/job/description required']],
    [
      'the declaration',
      { '/declarations/truthfulness': false },
      ['/declarations/truthfulness const'],
    ],
  ];
  for (const [name, changes, expected] of cases)
    assert.deepEqual(applicantErrors(answer(applicant(), changes)), expected, name);
  // One way to reach the applicant is enough: a phone number, or an e-mail address.
  assert.deepEqual(
    applicantErrors(answer(applicant(), { '/contact': { email: 'm.h@example.org' } })),
    [],
  );
  assert.deepEqual(
    applicantErrors(answer(applicant(), { '/contact/email': 'm.h@example.org' })),
    [],
  );
  // The c/o line is optional.
  assert.deepEqual(
    applicantErrors(answer(applicant(), { '/residence/address/careOf': undefined })),
    [],
  );
  // The message names both ways, in German and in English.
  const data = answer(applicant(), { '/contact': {} });
  const error = firstPartyErrors(definition, validator.validate(data))[0]!;
  const say = (texts: Texts, locale: string) =>
    fieldErrorMessage(error, model, texts, data, undefined, locale).text;
  assert.equal(
    say(new Texts(definition), 'de'),
    'Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an.',
  );
  assert.equal(
    say(new Texts(definition, english), 'en'),
    'Please enter a phone number or an email address.',
  );
});

test('the applicant can neither fill in nor change the employer’s part', () => {
  const forged = answer(applicant(), { '/employer': employer().employer });
  assert.deepEqual(firstPartyData(definition, forged), { ...applicant(), employer: {} });
  // The employer's answers replace whatever the applicant put there.
  const merged = mergeParty(
    definition,
    'employer',
    answer(applicant(), { '/employer/company/name': 'Erfunden' }),
    employer(),
  );
  assert.deepEqual(merged, joined());
});

test('the employer is shown exactly the applicant’s names and job sentence, nothing else', () => {
  assert.deepEqual(partiesOf(definition)[1]!.handOff?.shows, [
    '/person/familyName',
    '/person/givenNames',
    '/job/description',
  ]);
  const view = sharedView(definition, 'employer', applicant());
  assert.deepEqual(view, {
    person: { familyName: 'Haidari', givenNames: 'Mohammad Reza' },
    job: {
      description: 'Helfer in der Küche im Gasthaus Linde in Kassel, 30 Stunden in der Woche.',
    },
  });
  const shown = JSON.stringify(view);
  for (const secret of [
    '1999-03-21',
    'Herat',
    'afghanisch',
    'D 4711',
    'duldung',
    'Wolfhager',
    '34127',
    '0157',
    'kueche@',
  ])
    assert.ok(!shown.includes(secret), secret);
  assert.deepEqual(sharedView(definition, 'applicant', applicant()), {});
});

test('the joined application validates whole; the employer’s missing answers are errors at their pointers', () => {
  assert.deepEqual(errorsOf(joined()), []);
  // The employer cannot change the applicant's answers.
  const merged = joined({
    ...employer(),
    person: { familyName: 'Anders' },
    job: { description: 'Etwas anderes' },
  });
  assert.deepEqual(merged, joined());
  assert.deepEqual(merged.person, applicant().person);
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'the Betriebsnummer',
      { '/employer/company/betriebsnummer': undefined },
      ['/employer/company/betriebsnummer required'],
    ],
    [
      'the company’s postcode',
      { '/employer/company/address/postalCode': undefined },
      ['/employer/company/address/postalCode required'],
    ],
    ['a whole section (J, pay)', { '/employer/pay': undefined }, ['/employer/pay required']],
    [
      'the end of a fixed-term employment',
      { '/employer/employment/until': undefined },
      ['/employer/employment/until required'],
    ],
    [
      'which licence, when one is needed',
      { '/employer/licence/needed': true },
      ['/employer/licence/which required'],
    ],
    [
      'the hours of overtime, when there is overtime',
      { '/employer/overtime/hoursPerMonth': undefined },
      ['/employer/overtime/hoursPerMonth required'],
    ],
    [
      'the collective agreement, when there is one',
      { '/employer/pay/agreement': undefined },
      ['/employer/pay/agreement required'],
    ],
    [
      'hours per week of nothing',
      { '/employer/workingTime/hoursPerWeek': 0 },
      ['/employer/workingTime/hoursPerWeek exclusiveMinimum'],
    ],
    [
      'the statements are true',
      { '/employer/declaration/truthfulness': false },
      ['/employer/declaration/truthfulness const'],
    ],
    [
      'the consent to pass the form on, answered',
      { '/employer/declaration/priorityCheckConsent': undefined },
      ['/employer/declaration/priorityCheckConsent required'],
    ],
  ];
  for (const [name, changes, expected] of cases)
    assert.deepEqual(errorsOf(joined(answer(employer(), changes))), expected, name);
  // The consent is the employer's choice: "no" is an answer.
  assert.deepEqual(
    errorsOf(joined(answer(employer(), { '/employer/declaration/priorityCheckConsent': false }))),
    [],
  );
  // An employer who sends nothing leaves the application incomplete.
  assert.deepEqual(errorsOf(joined({})), ['/employer required']);
  // An open-ended employment sends no end date, whatever was typed before.
  const openEnded = joined(answer(employer(), { '/employer/employment/term': 'openEnded' }));
  const sent = model.prune(openEnded) as Record<string, any>;
  assert.ok(!('until' in sent.employer.employment));
  assert.deepEqual(errorsOf(sent), []);
  // The employer's message, in German and in English.
  const data = joined(answer(employer(), { '/employer/company/betriebsnummer': '1234567' }));
  const [error] = validator.validate(data);
  assert.equal(error!.pointer, '/employer/company/betriebsnummer');
  const de = fieldErrorMessage(error!, model, new Texts(definition), data, undefined, 'de');
  const en = fieldErrorMessage(
    error!,
    model,
    new Texts(definition, english),
    data,
    undefined,
    'en',
  );
  assert.equal(de.text, 'Die Betriebsnummer hat 8 Ziffern, ohne Leerzeichen.');
  assert.equal(en.text, 'The establishment number (Betriebsnummer) has 8 digits, without spaces.');
});

test('patterns accept real values and refuse wrong ones', () => {
  const cases: [string, string[], string[]][] = [
    [
      '/employer/company/betriebsnummer',
      ['34567890', '01234567', '99999999'],
      ['3456789', '345678901', '3456 7890', '3456-7890', 'ABCDEFGH', ' 34567890'],
    ],
    [
      '/employer/company/phone',
      ['0561 7394820', '+49 561 7394820', '(0561) 73 94-820', '0561/7394820'],
      ['12', 'null fünf sechs eins', '0561 739482O', '++49 561 7394820', '0561 7394820 ext. 3'],
    ],
    ['/contact/phone', ['0157 31234567', '+491573123456'], ['+', '0157-TAXI', 'x'.repeat(31)]],
    ['/employerContact/phone', ['0561 7394820'], ['0561 7394820!']],
    [
      '/residence/address/postalCode',
      ['34127', '01067', '99998'],
      ['3412', '341270', 'D-34127', '34 127', 'abcde'],
    ],
    ['/employer/company/address/postalCode', ['34117'], ['3411']],
    [
      '/statusDocument/number',
      ['D 4711 2024/03', 'A12345678', 'Kas-2024/000815'],
      ['', 'D', '#4711', ' D4711', 'D4711 ' + 'x'.repeat(30)],
    ],
  ];
  for (const [pointer, good, bad] of cases) {
    for (const value of good)
      assert.deepEqual(errorsOf(setAt(joined(), pointer, value)), [], `${pointer} ${value}`);
    for (const value of bad) {
      const errors = validator.validate(setAt(joined(), pointer, value));
      assert.equal(errors.length, 1, `${pointer} “${value}”`);
      assert.equal(errors[0]!.pointer, pointer);
      assert.ok(
        ['pattern', 'maxLength', 'minLength'].includes(errors[0]!.keyword),
        `${pointer} “${value}”: ${errors[0]!.keyword}`,
      );
    }
  }
});

test('no fee; one application arrives, as a submission; the status paper is optional', () => {
  const fees = computeFees(definition, model.prune(joined()), validator.test);
  assert.deepEqual(fees, { policy: 'none', currency: 'EUR', lines: [], total: 0 });
  assert.equal(paysOnline(fees), false);
  assert.deepEqual(outcomesOf(definition), [{ type: 'submission' }]);
  assert.equal(chooseOutcome(definition).outcome.type, 'submission');
  assert.match(definition.description!, /Der Antrag kostet nichts\./);
  assert.match(english['/description']!, /free of charge/);
  const documents = applicableDocuments(
    definition,
    model.prune(applicant()),
    validator.test,
    'upload',
  );
  assert.deepEqual(
    documents.map((d) => [d.requirement.id, d.requirement.required]),
    [['aufenthaltspapier', false]],
  );
});
