/**
 * Parties (format 2): who fills in which steps, the first party's part validated without the
 * later party's, what the later party is shown, how its answers are merged, and the checks a
 * definition's parties must pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstPartyData,
  firstPartyErrors,
  hasHandOff,
  handOffDays,
  mergeParty,
  partiesOf,
  partyOf,
  partyPointers,
  setAt,
  sharedView,
  type Definition,
} from '../../src/core/index.js';
import { einbuergerung, fixture, problemsOf } from './helpers.js';

const { definition: twoParty, validator, model } = fixture('two-party');

const applicantPart = () => ({
  person: { familyName: 'Haddad', givenNames: 'Samir', birthDate: '1996-04-02' },
  job: { description: 'Helfer in der Küche, 30 Stunden', employerName: 'Gasthaus Linde' },
});
const employerPart = () => ({ employer: { company: 'Gasthaus Linde GmbH', hoursPerWeek: 30 } });

test('the parties of a definition, and who fills in each step', () => {
  assert.deepEqual(
    partiesOf(einbuergerung).map((p) => p.id),
    ['applicant'],
  );
  assert.equal(hasHandOff(einbuergerung), false);
  assert.deepEqual(
    partiesOf(twoParty).map((p) => p.id),
    ['applicant', 'employer'],
  );
  assert.equal(hasHandOff(twoParty), true);
  const cases: [Definition, number, string][] = [
    [einbuergerung, 0, 'applicant'],
    [einbuergerung, 3, 'applicant'],
    [twoParty, 0, 'applicant'],
    [twoParty, 1, 'applicant'],
    [twoParty, 2, 'employer'],
    [twoParty, 99, 'applicant'],
  ];
  for (const [definition, step, party] of cases)
    assert.equal(partyOf(definition, step).id, party, `${definition.id} step ${step}`);
  assert.deepEqual(partyPointers(twoParty, 'applicant'), ['/person', '/job']);
  assert.deepEqual(partyPointers(twoParty, 'employer'), ['/employer']);
  assert.deepEqual(partyPointers(twoParty, 'nobody'), []);
  assert.equal(handOffDays(partiesOf(twoParty)[1]!), 7);
  assert.equal(handOffDays({ id: 'x', title: 'X' }), 14);
});

test('the first party’s part validates without the later party’s subtree', () => {
  const data = applicantPart();
  const all = validator.validate(data).map((e) => e.pointer);
  assert.deepEqual(all, ['/employer'], 'validated whole, the employer’s part is missing');
  assert.deepEqual(firstPartyErrors(twoParty, validator.validate(data)), []);
  // Also with the required objects filled in, as the form validates: `/employer/company`.
  const filled = model.withRequiredObjects(data);
  assert.deepEqual(
    validator.validate(filled).map((e) => e.pointer),
    ['/employer/company'],
  );
  assert.deepEqual(firstPartyErrors(twoParty, validator.validate(filled)), []);
  // The first party’s own errors stay.
  const broken = setAt(data, '/person/birthDate', '02.04.1996');
  assert.deepEqual(
    firstPartyErrors(
      twoParty,
      validator.validate(setAt(broken, '/job/employerName', undefined)),
    ).map((e) => `${e.pointer} ${e.keyword}`),
    ['/person/birthDate format', '/job/employerName required'],
  );
  // A one-party definition keeps every error.
  const errors = validator.validate({});
  assert.deepEqual(firstPartyErrors(einbuergerung, errors), errors);
});

test('an object that holds only the later party’s fields is theirs, also when it is missing', () => {
  // The employer fills in /employer in two steps: /employer/company, then /employer/hoursPerWeek.
  const split = setAt(setAt(twoParty, '/steps/2/fields', ['/employer/company']), '/steps/3', {
    id: 'hours',
    title: 'Arbeitszeit',
    party: 'employer',
    fields: ['/employer/hoursPerWeek'],
  }) as Definition;
  assert.deepEqual(problemsOf(split), []);
  const data = applicantPart();
  // The first party sends no /employer at all: its `required` is the employer's.
  assert.deepEqual(
    validator.validate(firstPartyData(split, data)).map((e) => e.pointer),
    ['/employer'],
  );
  assert.deepEqual(firstPartyErrors(split, validator.validate(firstPartyData(split, data))), []);
  // The first party's own errors stay.
  assert.deepEqual(
    firstPartyErrors(split, validator.validate(setAt(data, '/job', undefined))).map(
      (e) => e.pointer,
    ),
    ['/job'],
  );
  // An object both parties fill in stays the first party's: missing, it is their error.
  const shared = setAt(
    setAt(twoParty, '/steps/1/fields', ['/job/description', '/job/employerName']),
    '/steps/2/fields',
    ['/employer', '/job/terms'],
  ) as Definition;
  assert.deepEqual(
    firstPartyErrors(shared, validator.validate({ person: data.person })).map((e) => e.pointer),
    ['/job'],
  );
});

test('the first party cannot fill in the later party’s part', () => {
  const forged = { ...applicantPart(), employer: { company: 'Vom Antragsteller erfunden' } };
  assert.deepEqual(firstPartyData(twoParty, forged), applicantPart());
  assert.deepEqual(forged.employer, { company: 'Vom Antragsteller erfunden' }, 'not changed');
});

test('the later party is shown only what the hand-off shows', () => {
  const cases: [string, unknown, unknown][] = [
    [
      'employer',
      applicantPart(),
      { person: { familyName: 'Haddad' }, job: { description: 'Helfer in der Küche, 30 Stunden' } },
    ],
    ['employer', { person: { givenNames: 'Samir' } }, {}],
    ['applicant', applicantPart(), {}],
    ['nobody', applicantPart(), {}],
  ];
  for (const [party, data, view] of cases)
    assert.deepEqual(sharedView(twoParty, party, data), view, party);
  const data = applicantPart();
  const view = sharedView(twoParty, 'employer', data) as { person: { familyName: string } };
  view.person.familyName = 'changed';
  assert.equal(data.person.familyName, 'Haddad', 'a copy');
});

test('merging: only the later party’s pointers are taken, nothing of the first party’s', () => {
  const employer = {
    ...employerPart(),
    person: { familyName: 'Überschrieben' },
    job: { description: 'Etwas anderes' },
    extra: 'x',
  };
  const merged = mergeParty(twoParty, 'employer', applicantPart(), employer);
  assert.deepEqual(merged, { ...applicantPart(), ...employerPart() });
  assert.deepEqual(validator.validate(merged), [], 'the joined application is whole');
  // What the first party had put at the employer's pointer is replaced, also by nothing.
  const forged = { ...applicantPart(), employer: { company: 'erfunden' } };
  assert.deepEqual(mergeParty(twoParty, 'employer', forged, employerPart()).employer, {
    company: 'Gasthaus Linde GmbH',
    hoursPerWeek: 30,
  });
  assert.equal(mergeParty(twoParty, 'employer', forged, {}).employer, undefined);
  // The joined application validated whole names the employer's missing answer.
  assert.deepEqual(
    validator
      .validate(
        mergeParty(twoParty, 'employer', applicantPart(), { employer: { hoursPerWeek: 30 } }),
      )
      .map((e) => e.pointer),
    ['/employer/company'],
  );
  assert.throws(() => mergeParty(twoParty, 'applicant', {}, {}), /no later party/);
});

test('merging into a shared object never replaces a first party’s answer', () => {
  // The applicant fills in /job/title, the employer /job/terms.
  const shared = setAt(
    setAt(twoParty, '/steps/1/fields', ['/job/description', '/job/employerName']),
    '/steps/2/fields',
    ['/employer', '/job/terms'],
  ) as Definition;
  const merged = mergeParty(
    shared,
    'employer',
    { job: { description: 'Küche', employerName: 'Linde' } },
    { job: { description: 'überschrieben', terms: 'unbefristet' }, employer: { company: 'L' } },
  );
  assert.deepEqual(merged, {
    job: { description: 'Küche', employerName: 'Linde', terms: 'unbefristet' },
    employer: { company: 'L' },
  });
  // A first party's answer that is no object is not turned into one.
  assert.deepEqual(mergeParty(shared, 'employer', { job: 'Küche' }, { job: { terms: 'x' } }), {
    job: 'Küche',
  });
});

test('a definition’s parties are checked, naming the pointer', () => {
  const cases: [string, unknown, string[]][] = [
    ['the fixture', twoParty, []],
    [
      'a party id twice',
      setAt(twoParty, '/parties/1/id', 'applicant'),
      [
        '/parties/1/id repeats the party id "applicant"',
        '/steps/2/party names no party: employer (the parties are applicant)',
      ],
    ],
    [
      'a step naming no party',
      setAt(twoParty, '/steps/2/party', 'arbeitgeber'),
      [
        '/steps/2/party names no party: arbeitgeber (the parties are applicant, employer)',
        '/parties/1 has no step: give the steps "employer" fills in "party": "employer"',
      ],
    ],
    [
      'a hand-off for the first party',
      setAt(twoParty, '/parties/0/handOff', { validDays: 3 }),
      ['/parties/0/handOff the first party starts the application: it has no hand-off'],
    ],
    [
      'the first step is the later party’s',
      setAt(twoParty, '/steps/0/party', 'employer'),
      [
        '/steps/0/party the first step is the first party\'s ("applicant"), who starts',
        // Its answers are then the employer's own: they cannot be shown to the employer.
        '/parties/1/handOff/shows/0 is no answer of the first party ("applicant"): only those can be named here',
      ],
    ],
    [
      'showing a field that does not exist',
      setAt(twoParty, '/parties/1/handOff/shows/1', '/job/salary'),
      ['/parties/1/handOff/shows/1 points to no field of the application: /job/salary'],
    ],
    [
      'showing the later party’s own field',
      setAt(twoParty, '/parties/1/handOff/shows/1', '/employer/company'),
      [
        '/parties/1/handOff/shows/1 is no answer of the first party ("applicant"): only those can be named here',
      ],
    ],
    [
      'printing the later party’s own field, or none, with its part',
      setAt(
        setAt(twoParty, '/parties/1/handOff/printWith', ['/person/birthDate', '/employer/company']),
        '/parties/1/handOff/printWith/2',
        '/person/nichts',
      ),
      [
        '/parties/1/handOff/printWith/1 is no answer of the first party ("applicant"): only those can be named here',
        '/parties/1/handOff/printWith/2 points to no field of the application: /person/nichts',
      ],
    ],
    [
      'steps of two parties that overlap',
      setAt(twoParty, '/steps/2/fields', ['/employer', '/job/description']),
      ['/steps/2/fields/1 overlaps /job, which party "applicant" fills in'],
    ],
    [
      'an appointment with a second party',
      setAt(twoParty, '/outcome', { type: 'appointment', checklist: [] }),
      ['/outcome an application a second party completes ends in a submission'],
    ],
    [
      'an identity attribute of the later party',
      setAt(twoParty, '/identity', { attributes: { company: '/employer/company' } }),
      ['/identity/attributes/company is no answer of the first party ("applicant"), who signs in'],
    ],
    [
      'an identity attribute for no field',
      setAt(twoParty, '/identity', { attributes: { familyName: '/person/name' } }),
      ['/identity/attributes/familyName points to no field of the application: /person/name'],
    ],
    [
      'a hand-off valid for too long',
      setAt(twoParty, '/parties/1/handOff/validDays', 90),
      ['/parties/1/handOff/validDays breaks the rule "maximum"'],
    ],
    [
      'a third party (not yet)',
      setAt(twoParty, '/parties/2', { id: 'third', title: 'Dritte' }),
      ['/parties must have at most 2 entries'],
    ],
  ];
  for (const [name, definition, expected] of cases)
    assert.deepEqual(problemsOf(definition), expected, name);
});
