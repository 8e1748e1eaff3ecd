/**
 * The quick-check "Darf ich diese Arbeit aufnehmen?" of the built-in Beschäftigungserlaubnis,
 * table-driven: the paper, three months, the reception centre (six months since 27.02.2024, nine
 * before), safe countries of origin and their cut-off date, identity, the BA's consent, and how
 * the authority decides (a Duldung's "soll" since 27.02.2024).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createValidator,
  QuickCheckEvaluator,
  quickCheckModel,
  type Definition,
} from '../../src/core/index.js';
import * as precompiled from '../../src/definitions/generated/beschaeftigungserlaubnis.quick-check.js';

const definition = precompiled.definition as Definition;
const validator = createValidator(precompiled);
const evaluator = new QuickCheckEvaluator(
  quickCheckModel(definition, validator.test),
  validator.test,
);

const TODAY = '2026-12-01';
/** A Duldung holder from a country that is not a safe one, here for two years, helping with identity. */
const duldung = {
  papier: 'duldung',
  seit: '2024-11-15',
  herkunft: 'other',
  identitaet: 'ja',
  art: 'beschaeftigung',
};
const gestattung = {
  papier: 'gestattung',
  seit: '2025-06-01',
  aufnahmeeinrichtung: false,
  herkunft: 'other',
  art: 'beschaeftigung',
};

type Row = {
  name: string;
  answers: Record<string, unknown>;
  day?: string;
  verdict: string;
  outcomes: Record<string, string>;
  metFrom?: string;
  /** From when an unmet criterion will be met. */
  from?: Record<string, string>;
  /** Which rule decided a criterion (its index), where the text matters. */
  rule?: Record<string, number>;
};

const rows: Row[] = [
  {
    name: 'a Duldung, two years here, helping with identity: the permit should normally be granted',
    answers: duldung,
    verdict: 'met',
    outcomes: {
      papier: 'met',
      wartezeit: 'met',
      aufnahmeeinrichtung: 'met',
      herkunft: 'met',
      identitaet: 'met',
      zustimmung: 'met',
      entscheidung: 'met',
    },
    rule: { entscheidung: 0, zustimmung: 3 },
  },
  {
    name: 'six weeks here: not yet, and from when',
    answers: { ...duldung, seit: '2026-10-15' },
    verdict: 'not-met',
    outcomes: { wartezeit: 'not-met' },
    metFrom: '2027-01-15',
  },
  {
    name: 'refusing to help clarify identity',
    answers: { ...duldung, identitaet: 'nein' },
    verdict: 'not-met',
    outcomes: { identitaet: 'not-met' },
  },
  {
    name: 'unsure about identity',
    answers: { ...duldung, identitaet: 'unsicher' },
    verdict: 'check-with-authority',
    outcomes: { identitaet: 'check-with-authority' },
  },
  {
    name: 'a safe country of origin, asylum applied for after 31.08.2015',
    answers: { ...duldung, herkunft: 'serbien', asylantrag: 'nach-2015' },
    verdict: 'not-met',
    outcomes: { herkunft: 'not-met' },
  },
  {
    name: 'a safe country of origin, asylum applied for by 31.08.2015',
    answers: { ...duldung, herkunft: 'albanien', asylantrag: 'bis-2015' },
    verdict: 'met',
    outcomes: { herkunft: 'met' },
  },
  {
    name: 'a safe country of origin, no asylum application',
    answers: { ...duldung, herkunft: 'kosovo', asylantrag: 'nie' },
    verdict: 'check-with-authority',
    outcomes: { herkunft: 'check-with-authority' },
  },
  {
    name: 'Georgia, safe since 23.12.2023: the authority checks',
    answers: { ...duldung, herkunft: 'georgien', asylantrag: 'nach-2015' },
    verdict: 'check-with-authority',
    outcomes: { herkunft: 'check-with-authority' },
  },
  {
    name: 'a Gestattung outside a reception centre: the authority may allow it (discretion)',
    answers: gestattung,
    verdict: 'check-with-authority',
    outcomes: {
      aufnahmeeinrichtung: 'met',
      identitaet: 'met',
      entscheidung: 'check-with-authority',
    },
  },
  {
    name: 'a Gestattung, four months in a reception centre: from six months on',
    answers: { ...gestattung, aufnahmeeinrichtung: true, seit: '2026-08-01' },
    verdict: 'not-met',
    outcomes: { aufnahmeeinrichtung: 'not-met', wartezeit: 'met' },
    metFrom: '2027-02-01',
  },
  {
    name: 'a Gestattung, seven months in a reception centre: to be allowed',
    answers: { ...gestattung, aufnahmeeinrichtung: true, seit: '2026-05-01' },
    verdict: 'met',
    outcomes: { aufnahmeeinrichtung: 'met', entscheidung: 'met' },
  },
  {
    name: 'the day before the 2024 change: nine months in a reception centre, discretion',
    answers: { ...gestattung, aufnahmeeinrichtung: true, seit: '2023-06-01' },
    day: '2024-02-26',
    verdict: 'not-met',
    outcomes: { aufnahmeeinrichtung: 'not-met', entscheidung: 'check-with-authority' },
    // Eight months: met from the day the six months of the new law apply (the verdict names no
    // day, as the authority's discretion remains).
    from: { aufnahmeeinrichtung: '2024-02-27' },
  },
  {
    name: 'the day of the 2024 change: six months',
    answers: { ...gestattung, aufnahmeeinrichtung: true, seit: '2023-06-01' },
    day: '2024-02-27',
    verdict: 'met',
    outcomes: { aufnahmeeinrichtung: 'met', entscheidung: 'met' },
  },
  {
    name: 'a Duldung before the 2024 change: discretion, not yet "soll"',
    answers: { ...duldung, seit: '2022-01-10' },
    day: '2024-02-26',
    verdict: 'check-with-authority',
    outcomes: { entscheidung: 'check-with-authority' },
  },
  {
    name: 'vocational training needs no BA consent',
    answers: { ...duldung, art: 'ausbildung' },
    verdict: 'met',
    outcomes: { zustimmung: 'met' },
    rule: { zustimmung: 0 },
  },
  {
    name: 'an internship: the authority checks whether the BA must consent',
    answers: { ...duldung, art: 'praktikum' },
    verdict: 'check-with-authority',
    outcomes: { zustimmung: 'check-with-authority' },
  },
  {
    name: 'four years here: employment without BA consent',
    answers: { ...duldung, seit: '2022-11-01' },
    verdict: 'met',
    outcomes: { zustimmung: 'met' },
    rule: { zustimmung: 2 },
  },
  {
    name: 'a residence title: this application is usually not needed',
    answers: { ...duldung, papier: 'titel', identitaet: undefined },
    verdict: 'check-with-authority',
    outcomes: { papier: 'check-with-authority', identitaet: 'met', herkunft: 'met' },
  },
];

for (const row of rows) {
  test(`beschaeftigungserlaubnis quick-check: ${row.name}`, () => {
    const answers = JSON.parse(JSON.stringify(row.answers)) as Record<string, unknown>;
    assert.deepEqual(validator.validate(answers), [], 'the answers are complete');
    const result = evaluator.evaluate(answers, row.day ?? TODAY);
    assert.equal(result.verdict, row.verdict);
    const byId = Object.fromEntries(result.criteria.map((c) => [c.id, c]));
    for (const [id, outcome] of Object.entries(row.outcomes))
      assert.equal(byId[id]?.outcome, outcome, id);
    for (const [id, rule] of Object.entries(row.rule ?? {}))
      assert.ok(
        byId[id]!.rulePointer.endsWith(`/rules/${rule}`),
        `${id}: ${byId[id]!.rulePointer}`,
      );
    assert.equal(result.metFrom, row.metFrom);
    for (const [id, day] of Object.entries(row.from ?? {}))
      assert.equal(byId[id]!.metFrom, day, id);
    // Each criterion id is decided once a day, by the version of the law in force.
    assert.equal(new Set(result.criteria.map((c) => c.id)).size, result.criteria.length);
  });
}

test('beschaeftigungserlaubnis quick-check: the questions follow the paper', () => {
  const model = quickCheckModel(definition, validator.test);
  const names = (answers: unknown) =>
    model.objectFields(model.deref(model.root), answers, '').map((f) => f.name);
  assert.deepEqual(names({ papier: 'duldung', herkunft: 'other' }), [
    'papier',
    'identitaet',
    'seit',
    'herkunft',
    'art',
  ]);
  assert.ok(names({ papier: 'gestattung' }).includes('aufnahmeeinrichtung'));
  assert.ok(!names({ papier: 'duldung' }).includes('aufnahmeeinrichtung'));
  assert.ok(names({ papier: 'duldung' }).includes('identitaet'));
  assert.ok(names({ papier: 'duldung', herkunft: 'serbien' }).includes('asylantrag'));
  assert.ok(!names({ papier: 'duldung', herkunft: 'other' }).includes('asylantrag'));
  assert.ok(!names({ papier: 'titel', herkunft: 'serbien' }).includes('asylantrag'));
});

test('beschaeftigungserlaubnis quick-check: what it hands on to the application', () => {
  assert.deepEqual(
    evaluator.prefill({ ...gestattung, aufnahmeeinrichtung: true, art: 'ausbildung' }),
    {
      statusDocument: { kind: 'gestattung' },
      residence: { inGermanySince: '2025-06-01', receptionCentre: true },
      job: { kind: 'training' },
    },
  );
  // A residence title is not carried into a paper the application does not know.
  assert.deepEqual(evaluator.prefill({ ...duldung, papier: 'titel' }).statusDocument, undefined);
});
