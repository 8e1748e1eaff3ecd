import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  addYears,
  checkDefinition,
  createValidator,
  DefinitionError,
  offerPrefill,
  QuickCheckEvaluator,
  quickCheckModel,
  takePrefill,
  monthsSince,
  datedValidator,
  yearsSince,
  type Definition,
  type SchemaObject,
  type StorageLike,
} from '../../src/core/index.js';
import { compileDefinition, compileSchema } from '../../src/core/compile.js';
import { recheck } from '../../src/core/redos.js';
import * as precompiled from '../../src/definitions/generated/einbuergerung.quick-check.js';
import { einbuergerung, meta } from './helpers.js';
import { readFileSync } from 'node:fs';
import { getAt } from '../../src/core/pointer.js';

const runtime = createValidator(compileDefinition(einbuergerung, 'quickCheck'));
const evaluator = new QuickCheckEvaluator(
  quickCheckModel(einbuergerung, runtime.test),
  runtime.test,
);
const built = createValidator(precompiled);
const builtEvaluator = new QuickCheckEvaluator(
  quickCheckModel(precompiled.definition as Definition, built.test),
  built.test,
);

/** Someone who meets every requirement (on 23 November 2026). */
const eligible = JSON.parse(
  readFileSync(new URL('../fixtures/quick-check-eligible.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const TODAY = '2026-11-23';

type Row = {
  name: string;
  answers: Record<string, unknown>;
  today?: string;
  verdict: string;
  outcomes?: Record<string, string>;
  metFrom?: Record<string, string>;
  overallFrom?: string;
};

const rows: Row[] = [
  { name: 'all requirements met', answers: {}, verdict: 'met' },
  {
    name: 'exactly five years of residence today',
    answers: { aufenthaltSeit: '2021-11-23' },
    verdict: 'met',
    outcomes: { aufenthaltsdauer: 'met' },
  },
  {
    name: 'five years less one day: met tomorrow',
    answers: { aufenthaltSeit: '2021-11-24' },
    verdict: 'not-met',
    outcomes: { aufenthaltsdauer: 'not-met' },
    metFrom: { aufenthaltsdauer: '2026-11-24' },
    overallFrom: '2026-11-24',
  },
  {
    name: 'three years and four months: met in March 2028',
    answers: { aufenthaltSeit: '2023-03-14' },
    verdict: 'not-met',
    metFrom: { aufenthaltsdauer: '2028-03-14' },
    overallFrom: '2028-03-14',
  },
  {
    name: 'since 29 February: the fifth anniversary in a common year is 1 March',
    answers: { aufenthaltSeit: '2024-02-29' },
    verdict: 'not-met',
    metFrom: { aufenthaltsdauer: '2029-03-01' },
    overallFrom: '2029-03-01',
  },
  {
    name: 'three years, married to a German: advice (§ 9)',
    answers: { aufenthaltSeit: '2023-06-01', ehegatteDeutsch: true },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'three years, not married to a German: met after five',
    answers: { aufenthaltSeit: '2023-06-01', ehegatteDeutsch: false },
    verdict: 'not-met',
    outcomes: { aufenthaltsdauer: 'not-met' },
    metFrom: { aufenthaltsdauer: '2028-06-01' },
    overallFrom: '2028-06-01',
  },
  {
    name: 'the spouse answer does not count after five years (the question is no longer asked)',
    answers: { aufenthaltSeit: '2019-06-01', unterbrechung: 'ausland', ehegatteDeutsch: true },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'three years under the law before 30 October 2025: advice (C1, integration and livelihood)',
    answers: { aufenthaltSeit: '2022-01-10', ehegatteDeutsch: false },
    today: '2025-10-29',
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'three years on 30 October 2025: the three-year track has ended',
    answers: { aufenthaltSeit: '2022-01-10', ehegatteDeutsch: false },
    today: '2025-10-30',
    verdict: 'not-met',
    outcomes: { aufenthaltsdauer: 'not-met' },
    metFrom: { aufenthaltsdauer: '2027-01-10' },
    overallFrom: '2027-01-10',
  },
  {
    name: 'a date in the future: not met, met five years after it',
    answers: { aufenthaltSeit: '2027-01-01' },
    verdict: 'not-met',
    metFrom: { aufenthaltsdauer: '2032-01-01' },
    overallFrom: '2032-01-01',
  },
  {
    name: 'an interruption answered for an earlier date does not hold for the day five years are reached',
    answers: { aufenthaltSeit: '2025-02-01', unterbrechung: 'ausland' },
    verdict: 'not-met',
    metFrom: { aufenthaltsdauer: '2030-02-01' },
    overallFrom: '2030-02-01',
  },
  // § 12b: interruptions.
  {
    name: 'a residence title renewed late: the gap is disregarded (§ 12b Abs. 3)',
    answers: { unterbrechung: 'verlaengerung' },
    verdict: 'met',
    outcomes: { aufenthaltsdauer: 'met' },
  },
  {
    name: 'more than six months abroad: the authority counts (§ 12b Abs. 1, 2)',
    answers: { unterbrechung: 'ausland' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'time on a Gestattung, recognised as a refugee since: it counts (§ 55 Abs. 3 AsylG)',
    answers: {
      unterbrechung: 'gestattung',
      aufenthaltsrecht: 'aufenthaltserlaubnis',
      aufenthaltsparagraph: 'schutz',
    },
    verdict: 'met',
    outcomes: { aufenthaltsdauer: 'met', aufenthaltsrecht: 'met' },
  },
  {
    name: 'time on a Gestattung without a recognition we know of: the authority counts',
    answers: { unterbrechung: 'gestattung' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'time on a Duldung: the authority counts',
    answers: { unterbrechung: 'duldung' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'several interruptions or unsure: the authority counts',
    answers: { unterbrechung: 'mehreres' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'no valid passport: advice',
    answers: { pass: false },
    verdict: 'check-with-authority',
    outcomes: { identitaet: 'check-with-authority' },
  },
  // § 10 Abs. 1 Satz 1 Nr. 2: the residence title.
  ...(
    [
      ['arbeit', 'met'],
      ['familie', 'met'],
      ['schutz', 'met'],
      ['bleiberecht', 'met'],
      ['ausbildung', 'not-met'],
      ['voruebergehend', 'not-met'],
      ['humanitaer', 'not-met'],
      ['anderer', 'check-with-authority'],
      ['unbekannt', 'check-with-authority'],
    ] as const
  ).map(([paragraph, outcome]) => ({
    name: `residence permit, paragraph group "${paragraph}": ${outcome}`,
    answers: { aufenthaltsrecht: 'aufenthaltserlaubnis', aufenthaltsparagraph: paragraph },
    verdict: outcome,
    outcomes: { aufenthaltsrecht: outcome },
  })),
  {
    name: 'Duldung',
    answers: { aufenthaltsrecht: 'duldung-gestattung' },
    verdict: 'not-met',
    outcomes: { aufenthaltsrecht: 'not-met' },
  },
  {
    name: 'a paragraph left over from an earlier answer does not count',
    answers: { aufenthaltsrecht: 'other', aufenthaltsparagraph: 'arbeit' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsrecht: 'check-with-authority' },
  },
  // § 10 Abs. 1 Satz 1 Nr. 3: livelihood, whether or not benefits are claimed.
  {
    name: 'income not enough (benefits claimed or not), full-time work for 20 of 24 months',
    answers: { lebensunterhalt: 'nein', ausnahmeLebensunterhalt: 'vollzeit' },
    verdict: 'met',
    outcomes: { lebensunterhalt: 'met' },
  },
  {
    name: 'income not enough, former guest worker',
    answers: { lebensunterhalt: 'nein', ausnahmeLebensunterhalt: 'gastarbeiter' },
    verdict: 'check-with-authority',
    outcomes: { lebensunterhalt: 'check-with-authority' },
  },
  {
    name: 'income not enough, no exception',
    answers: { lebensunterhalt: 'nein', ausnahmeLebensunterhalt: 'keine' },
    verdict: 'not-met',
    outcomes: { lebensunterhalt: 'not-met' },
  },
  {
    name: 'unsure whether the income is enough: the authority counts',
    answers: { lebensunterhalt: 'unsicher' },
    verdict: 'check-with-authority',
    outcomes: { lebensunterhalt: 'check-with-authority' },
  },
  // § 10 Abs. 4 to 6: language and knowledge.
  {
    name: 'no language proof yet; no time-based date is claimed',
    answers: { sprachnachweis: 'none' },
    verdict: 'not-met',
    outcomes: { sprache: 'not-met' },
  },
  {
    name: 'German school certificate replaces the test (the test question is not asked)',
    answers: { sprachnachweis: 'schoolCertificate', wissensnachweis: 'none' },
    verdict: 'met',
    outcomes: { wissen: 'met', sprache: 'met' },
  },
  {
    name: 'former guest worker with everyday oral German: language met, no test needed',
    answers: { sprachnachweis: 'gastarbeiter', wissensnachweis: 'none' },
    verdict: 'met',
    outcomes: { wissen: 'met', sprache: 'met' },
  },
  {
    name: 'no language proof because of illness, disability or age: advice (§ 10 Abs. 6)',
    answers: { sprachnachweis: 'impossible', wissensnachweis: 'impossible' },
    verdict: 'check-with-authority',
    outcomes: { sprache: 'check-with-authority', wissen: 'check-with-authority' },
  },
  {
    name: 'test not passed yet',
    answers: { wissensnachweis: 'none' },
    verdict: 'not-met',
    outcomes: { wissen: 'not-met' },
  },
  // § 12a: convictions.
  ...(
    [
      [
        'pending proceedings suspend the decision',
        { verurteilung: 'verfahren' },
        'check-with-authority',
      ],
      ['youth-court measures are disregarded', { verurteilung: 'jugend' }, 'met'],
      [
        'a small sentence without a found motive is disregarded',
        { verurteilung: 'gering', beweggrund: 'nein' },
        'met',
      ],
      [
        'a small sentence with an antisemitic, racist or inhuman motive counts',
        { verurteilung: 'gering', beweggrund: 'ja' },
        'not-met',
      ],

      [
        'a small sentence, motive unknown: advice',
        { verurteilung: 'gering', beweggrund: 'unbekannt' },
        'check-with-authority',
      ],
      ['a suspended sentence still on probation counts', { verurteilung: 'bewaehrung' }, 'not-met'],
      ['a higher sentence', { verurteilung: 'hoeher' }, 'not-met'],
      [
        'a motive left over from an earlier answer does not count',
        { verurteilung: 'nein', beweggrund: 'ja' },
        'met',
      ],
    ] as const
  ).map(([name, answers, outcome]) => ({
    name: `conviction: ${name}`,
    answers,
    verdict: outcome,
    outcomes: { straffreiheit: outcome },
  })),
  {
    name: 'no commitment, loyalty declaration or no single marriage',
    answers: { bekenntnis: false },
    verdict: 'not-met',
    outcomes: { bekenntnis: 'not-met' },
  },
  {
    name: 'not met for time and for another reason: no overall date',
    answers: { aufenthaltSeit: '2023-03-14', ehegatteDeutsch: false, bekenntnis: false },
    verdict: 'not-met',
    metFrom: { aufenthaltsdauer: '2028-03-14' },
  },
];

for (const row of rows) {
  test(`quick-check: ${row.name}`, () => {
    const answers = { ...eligible, ...row.answers };
    for (const e of [evaluator, builtEvaluator]) {
      const result = e.evaluate(answers, row.today ?? TODAY);
      assert.equal(result.verdict, row.verdict);
      const outcomes = Object.fromEntries(result.criteria.map((c) => [c.id, c.outcome]));
      for (const [id, outcome] of Object.entries(row.outcomes ?? {}))
        assert.equal(outcomes[id], outcome, id);
      const metFrom = Object.fromEntries(
        result.criteria.filter((c) => c.metFrom).map((c) => [c.id, c.metFrom]),
      );
      assert.deepEqual(metFrom, row.metFrom ?? {});
      assert.equal(result.metFrom, row.overallFrom);
      // One criterion per requirement, whichever version of the law applies on the day.
      assert.equal(new Set(result.criteria.map((c) => c.id)).size, result.criteria.length);
      assert.equal(result.criteria.length, 8);
    }
  });
}

test('full years and anniversaries follow §§ 187, 188 BGB', () => {
  assert.equal(yearsSince('2021-11-23', '2026-11-23'), 5);
  assert.equal(yearsSince('2021-11-24', '2026-11-23'), 4);
  assert.equal(yearsSince('2024-02-29', '2025-02-28'), 0);
  assert.equal(yearsSince('2024-02-29', '2025-03-01'), 1);
  assert.equal(yearsSince('2024-02-29', '2028-02-29'), 4);
  assert.equal(addYears('2024-02-29', 4), '2028-02-29');
  assert.equal(yearsSince('2027-01-01', '2026-11-23'), -1);
});

test('full months: the day with the same number, else the first of the next month', () => {
  const rows: [string, number, string][] = [
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-01-31', 1, '2026-03-01'], // no 31 February
    ['2024-01-31', 1, '2024-03-01'], // no 31 February in a leap year either
    ['2026-11-30', 3, '2027-03-01'], // no 30 February: 1 March
    ['2026-10-31', 2, '2026-12-31'],
    ['2026-12-15', 2, '2027-02-15'],
  ];
  for (const [from, n, expected] of rows)
    assert.equal(addMonths(from, n), expected, `${from} + ${n}`);
  assert.equal(monthsSince('2026-01-15', '2026-04-14'), 2);
  assert.equal(monthsSince('2026-01-15', '2026-04-15'), 3);
  assert.equal(monthsSince('2026-01-31', '2026-02-28'), 0);
  assert.equal(monthsSince('2026-01-31', '2026-03-01'), 1);
  assert.equal(monthsSince('2026-12-01', '2026-11-23'), -1);
});

test('a computed monthsSince decides like an answer, and says from when it will', () => {
  const definition = {
    ...einbuergerung,
    id: 'monate-test',
    quickCheck: {
      title: 'Drei Monate?',
      schema: {
        type: 'object',
        properties: {
          seit: { type: 'string', format: 'date', maxLength: 10, title: 'Seit wann?' },
        },
        required: ['seit'],
      },
      computed: { monate: { monthsSince: '/seit' } },
      criteria: [
        {
          id: 'wartezeit',
          title: 'Drei Monate',
          legalBasis: '§ 32 Abs. 1 BeschV',
          rules: [
            {
              when: { properties: { monate: { minimum: 3 } }, required: ['monate'] },
              outcome: 'met',
              explanation: 'Ja.',
            },
            { outcome: 'not-met', explanation: 'Noch nicht.' },
          ],
        },
      ],
    },
  } as unknown as Definition;
  const checked = checkDefinition(definition, meta, recheck);
  const validator = createValidator(compileDefinition(checked, 'quickCheck'));
  const evaluator = new QuickCheckEvaluator(
    quickCheckModel(checked, validator.test),
    validator.test,
  );
  const result = evaluator.evaluate({ seit: '2026-10-31' }, '2026-12-01');
  assert.equal(result.verdict, 'not-met');
  assert.equal(result.metFrom, '2027-01-31');
  assert.equal(evaluator.evaluate({ seit: '2026-08-31' }, '2026-12-01').verdict, 'met');
  assert.equal(evaluator.evaluate({ seit: '2026-11-30' }, '2026-12-01').metFrom, '2027-03-01');
  const broken = structuredClone(definition) as unknown as Record<string, any>;
  broken.quickCheck.computed.monate.monthsSince = '/nirgends';
  assert.throws(
    () => checkDefinition(broken, meta, recheck),
    /monthsSince: points to no question: \/nirgends/,
  );
});

test('which questions apply follows the answers and the years counted to the day', () => {
  const model = quickCheckModel(einbuergerung, runtime.test, TODAY);
  const names = (answers: unknown) =>
    model.objectFields(model.deref(model.root), answers, '').map((f) => f.name);
  assert.deepEqual(names({}), [
    'pass',
    'aufenthaltSeit',
    'aufenthaltsrecht',
    'lebensunterhalt',
    'sprachnachweis',
    'wissensnachweis',
    'verurteilung',
    'bekenntnis',
  ]);
  // Under three years neither interruptions nor a German spouse can change the outcome.
  assert.deepEqual(names({ aufenthaltSeit: '2024-01-01' }).slice(1, 3), [
    'aufenthaltSeit',
    'aufenthaltsrecht',
  ]);
  // From three to five years both matter, asked right after the date.
  assert.deepEqual(names({ aufenthaltSeit: '2022-01-01' }).slice(1, 5), [
    'aufenthaltSeit',
    'unterbrechung',
    'ehegatteDeutsch',
    'aufenthaltsrecht',
  ]);
  // From five years on only the interruptions.
  assert.deepEqual(names({ aufenthaltSeit: '2019-01-01' }).slice(1, 4), [
    'aufenthaltSeit',
    'unterbrechung',
    'aufenthaltsrecht',
  ]);
  // The same answers on another day.
  assert.ok(
    model
      .on('2026-12-31', () => names({ aufenthaltSeit: '2022-01-01' }))
      .includes('ehegatteDeutsch'),
  );
  assert.ok(
    !model
      .on('2027-01-01', () => names({ aufenthaltSeit: '2022-01-01' }))
      .includes('ehegatteDeutsch'),
  );
  const permit = names({ aufenthaltsrecht: 'aufenthaltserlaubnis' });
  assert.equal(permit[permit.indexOf('aufenthaltsrecht') + 1], 'aufenthaltsparagraph');
  assert.ok(!names({ sprachnachweis: 'schoolCertificate' }).includes('wissensnachweis'));
  assert.ok(!names({ sprachnachweis: 'gastarbeiter' }).includes('wissensnachweis'));
  assert.ok(names({ lebensunterhalt: 'nein' }).includes('ausnahmeLebensunterhalt'));
  assert.ok(names({ verurteilung: 'gering' }).includes('beweggrund'));
  assert.ok(!names({ verurteilung: 'hoeher' }).includes('beweggrund'));
  // The motive matters for fines and suspended sentences only (§ 12a Abs. 1 Satz 2).
  assert.ok(!names({ verurteilung: 'jugend' }).includes('beweggrund'));
});

test('a typical applicant answers at most ten questions', () => {
  const model = quickCheckModel(einbuergerung, runtime.test, TODAY);
  const count = (answers: Record<string, unknown>) =>
    model.objectFields(model.deref(model.root), answers, '').length;
  // Seven years here, a settlement permit or a residence permit for work, family or protection,
  // married or not, a B1 certificate and the test, no conviction.
  assert.equal(count(eligible), 9);
  for (const paragraph of ['arbeit', 'familie', 'schutz'])
    assert.equal(
      count({
        ...eligible,
        aufenthaltsrecht: 'aufenthaltserlaubnis',
        aufenthaltsparagraph: paragraph,
      }),
      10,
    );
  // A German school certificate replaces the test question.
  assert.equal(count({ ...eligible, sprachnachweis: 'schoolCertificate' }), 8);
});

test('a question that a dated value makes apply is also required', () => {
  const model = quickCheckModel(einbuergerung, runtime.test, TODAY);
  const validator = datedValidator(runtime, model);
  const answers = { ...eligible, aufenthaltSeit: '2022-06-01' };
  delete (answers as Record<string, unknown>).unterbrechung;
  const missing = validator
    .validate(model.prune(answers))
    .filter((e) => e.keyword === 'required')
    .map((e) => e.pointer);
  assert.deepEqual(missing.sort(), ['/ehegatteDeutsch', '/unterbrechung']);
  assert.deepEqual(
    validator.validate(model.prune({ ...answers, unterbrechung: 'keine', ehegatteDeutsch: false })),
    [],
  );
});

test('the legal state shown is the one of the criteria applied on the day', () => {
  assert.equal(evaluator.evaluate(eligible, TODAY).legalState, '2025-10-30');
  assert.equal(evaluator.evaluate(eligible, '2025-10-30').legalState, '2025-10-30');
  assert.equal(evaluator.evaluate(eligible, '2025-10-29').legalState, '2024-06-27');
  // Before the first change the definition knows of: the earliest law it has.
  assert.equal(evaluator.evaluate(eligible, '2023-01-01').legalState, '2024-06-27');
});

test('the texts name the law as the review found it', () => {
  const quickCheck = einbuergerung.quickCheck!;
  const rule = (id: string, answers: Record<string, unknown>, today = TODAY) => {
    const c = evaluator
      .evaluate({ ...eligible, ...answers }, today)
      .criteria.find((x) => x.id === id)!;
    return getAt(einbuergerung, `${c.rulePointer}/explanation`) as string;
  };
  // Exceptions for illness, disability or age: § 10 Abs. 6.
  assert.match(rule('sprache', { sprachnachweis: 'impossible' }), /§ 10 Abs\. 6 StAG/);
  assert.match(rule('wissen', { wissensnachweis: 'impossible' }), /§ 10 Abs\. 6 StAG/);
  // The repealed three-year track asked for C1 and integration and livelihood, all three.
  const track = rule(
    'aufenthaltsdauer',
    { aufenthaltSeit: '2022-01-10', ehegatteDeutsch: false },
    '2025-10-29',
  );
  for (const part of [/C1/, /Integrationsleistungen/, /Lebensunterhalt/, /alle drei/])
    assert.match(track, part);
  // The commitment of 2024 and § 11.
  const commitment = getAt(einbuergerung, '/quickCheck/schema/properties/bekenntnis') as Record<
    string,
    string
  >;
  assert.match(commitment.description!, /historischen Verantwortung/);
  assert.match(commitment.description!, /jüdischen Lebens/);
  assert.match(commitment['x-why']!, /Loyalitätserklärung/);
  assert.match(commitment['x-why']!, /antisemitisch, rassistisch/i);
  assert.match(commitment['x-why']!, /falsche Erklärung schließt/);
  const met = rule('bekenntnis', {});
  assert.match(met, /Nr\. 1/);
  assert.match(met, /Ausweisungsinteresse/);
  assert.match(rule('bekenntnis', { bekenntnis: false }), /Gleichberechtigung von Mann und Frau/);
  // The guest-worker dates, to the day.
  const options = JSON.stringify(quickCheck.schema);
  assert.match(options, /bis zum 30\. Juni 1974/);
  assert.match(options, /bis zum 13\. Juni 1990/);
  assert.doesNotMatch(options, /bis Juni 1990/);
  // Every requirement names its proof, and the documents it names are the application's.
  const documents = new Set(einbuergerung.documents!.map((d) => d.id));
  for (const criterion of quickCheck.criteria) {
    assert.ok(criterion.proof && criterion.proof.length > 20, criterion.id);
    for (const id of criterion.documents ?? []) assert.ok(documents.has(id), id);
  }
});

test('the prefill maps answers onto the application, and leaves out what does not apply', () => {
  const prefill = evaluator.prefill(
    {
      ...eligible,
      aufenthaltSeit: '2022-06-01',
      ehegatteDeutsch: true,
      aufenthaltsrecht: 'duldung-gestattung',
      verurteilung: 'gering',
      beweggrund: 'nein',
      sprachnachweis: 'impossible',
    },
    TODAY,
  );
  assert.deepEqual(prefill, {
    residence: { residenceTitle: 'other' },
    family: { spouse: { isGerman: true } },
    language: { knowledgeProof: 'test' },
    livelihood: { receivesBenefits: false },
    criminalRecord: { convictions: true },
  });
  assert.deepEqual(evaluator.prefill({ ...eligible, verurteilung: 'verfahren' }).criminalRecord, {
    pendingProceedings: true,
  });
  assert.deepEqual(evaluator.prefill(eligible).criminalRecord, {
    convictions: false,
    pendingProceedings: false,
  });
  // A hidden question's answer is not carried over (seven years: the spouse question is not asked).
  const long = evaluator.prefill({ ...eligible, ehegatteDeutsch: true }, TODAY);
  assert.equal(long.family, undefined);
});

class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

test('a prefill offer is taken once, and not after it expired', () => {
  const storage = new MemoryStorage();
  assert.ok(offerPrefill(storage, 'einbuergerung', { a: 1 }, 1000, 500));
  assert.equal(takePrefill(storage, 'other', 1200), undefined);
  assert.deepEqual(takePrefill(storage, 'einbuergerung', 1200), { a: 1 });
  assert.equal(takePrefill(storage, 'einbuergerung', 1200), undefined);
  offerPrefill(storage, 'einbuergerung', { a: 1 }, 1000, 500);
  assert.equal(takePrefill(storage, 'einbuergerung', 1500), undefined);
  assert.equal(storage.items.size, 0);
  storage.setItem(
    'ozg-forms:prefill:einbuergerung',
    '{"format":1,"definitionId":"einbuergerung","data":"x","expiresAt":9e15}',
  );
  assert.equal(takePrefill(storage, 'einbuergerung', 1), undefined);
});

test('a broken quick-check is refused with a pointer to each problem', () => {
  const meta = compileSchema(
    JSON.parse(
      readFileSync(new URL('../../schema/definition.schema.json', import.meta.url), 'utf8'),
    ) as SchemaObject,
  );
  const broken = structuredClone(einbuergerung) as Definition;
  const qc = broken.quickCheck!;
  qc.criteria[0]!.rules.reverse(); // the unconditional rule comes first
  qc.criteria[3]!.id = 'aufenthaltsdauer'; // overlaps the other versions
  qc.computed = { pass: { yearsSince: '/nirgends' } };
  qc.prefill!.push({ from: '/pass', to: '/person/nothing' });
  try {
    checkDefinition(broken, meta, recheck);
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    const pointers = error.problems.map((p) => p.pointer).sort();
    assert.deepEqual(pointers, [
      '/quickCheck/computed/pass',
      '/quickCheck/computed/pass/yearsSince',
      '/quickCheck/criteria/0/rules/0/when',
      '/quickCheck/criteria/0/rules/1',
      '/quickCheck/criteria/3/id',
      `/quickCheck/prefill/${qc.prefill!.length - 1}/to`,
    ]);
  }
});
