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
    answers: {
      aufenthaltSeit: '2023-06-01',
      familienstand: 'married',
      ehegatteDeutsch: true,
      mehrehe: false,
    },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority', einehe: 'met' },
  },
  {
    name: 'the spouse answer does not count once the citizen is no longer married',
    answers: { aufenthaltSeit: '2023-06-01', familienstand: 'divorced', ehegatteDeutsch: true },
    verdict: 'not-met',
    outcomes: { aufenthaltsdauer: 'not-met' },
    metFrom: { aufenthaltsdauer: '2028-06-01' },
    overallFrom: '2028-06-01',
  },
  {
    name: 'three years under the law before 30 October 2025: advice (three-year track)',
    answers: { aufenthaltSeit: '2022-01-10' },
    today: '2025-10-29',
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsdauer: 'check-with-authority' },
  },
  {
    name: 'three years on 30 October 2025: the three-year track has ended',
    answers: { aufenthaltSeit: '2022-01-10' },
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
    name: 'no valid passport: advice',
    answers: { pass: false },
    verdict: 'check-with-authority',
    outcomes: { identitaet: 'check-with-authority' },
  },
  {
    name: 'residence permit for a lasting purpose',
    answers: { aufenthaltsrecht: 'aufenthaltserlaubnis', aufenthaltszweck: 'dauerhaft' },
    verdict: 'met',
  },
  {
    name: 'residence permit for studies',
    answers: { aufenthaltsrecht: 'aufenthaltserlaubnis', aufenthaltszweck: 'voruebergehend' },
    verdict: 'not-met',
    outcomes: { aufenthaltsrecht: 'not-met' },
  },
  {
    name: 'residence permit, purpose unknown',
    answers: { aufenthaltsrecht: 'aufenthaltserlaubnis', aufenthaltszweck: 'unbekannt' },
    verdict: 'check-with-authority',
  },
  {
    name: 'Duldung',
    answers: { aufenthaltsrecht: 'duldung-gestattung' },
    verdict: 'not-met',
    outcomes: { aufenthaltsrecht: 'not-met' },
  },
  {
    name: 'a purpose left over from an earlier answer does not count',
    answers: { aufenthaltsrecht: 'other', aufenthaltszweck: 'dauerhaft' },
    verdict: 'check-with-authority',
    outcomes: { aufenthaltsrecht: 'check-with-authority' },
  },
  {
    name: 'benefits, full-time work for 20 of 24 months',
    answers: { sozialleistungen: true, ausnahmeLebensunterhalt: 'vollzeit' },
    verdict: 'met',
  },
  {
    name: 'benefits, former guest worker',
    answers: { sozialleistungen: true, ausnahmeLebensunterhalt: 'gastarbeiter' },
    verdict: 'check-with-authority',
  },
  {
    name: 'benefits, no exception',
    answers: { sozialleistungen: true, ausnahmeLebensunterhalt: 'keine' },
    verdict: 'not-met',
    outcomes: { lebensunterhalt: 'not-met' },
  },
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
    name: 'test not passed yet',
    answers: { wissensnachweis: 'none' },
    verdict: 'not-met',
    outcomes: { wissen: 'not-met' },
  },
  {
    name: 'minor conviction: advice',
    answers: { verurteilung: 'geringfuegig' },
    verdict: 'check-with-authority',
  },
  {
    name: 'higher conviction',
    answers: { verurteilung: 'hoeher' },
    verdict: 'not-met',
    outcomes: { straffreiheit: 'not-met' },
  },
  {
    name: 'no commitment to the basic order',
    answers: { bekenntnis: false },
    verdict: 'not-met',
    outcomes: { bekenntnis: 'not-met' },
  },
  {
    name: 'polygamous marriage',
    answers: { familienstand: 'married', ehegatteDeutsch: false, mehrehe: true },
    verdict: 'not-met',
    outcomes: { einehe: 'not-met' },
  },
  {
    name: 'not met for time and for another reason: no overall date',
    answers: { aufenthaltSeit: '2023-03-14', bekenntnis: false },
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
      assert.equal(result.criteria.length, 9);
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

test('which questions apply follows the answers', () => {
  const model = quickCheckModel(einbuergerung, runtime.test);
  const names = (answers: unknown) =>
    model.objectFields(model.deref(model.root), answers, '').map((f) => f.name);
  assert.deepEqual(names({}), [
    'pass',
    'aufenthaltSeit',
    'aufenthaltsrecht',
    'familienstand',
    'sozialleistungen',
    'sprachnachweis',
    'wissensnachweis',
    'verurteilung',
    'bekenntnis',
  ]);
  const married = names({ familienstand: 'married', aufenthaltsrecht: 'aufenthaltserlaubnis' });
  assert.deepEqual(married.slice(2, 7), [
    'aufenthaltsrecht',
    'aufenthaltszweck',
    'familienstand',
    'ehegatteDeutsch',
    'mehrehe',
  ]);
  assert.ok(!names({ sprachnachweis: 'schoolCertificate' }).includes('wissensnachweis'));
  assert.ok(names({ sozialleistungen: true }).includes('ausnahmeLebensunterhalt'));
});

test('the prefill maps answers onto the application, and leaves out what does not apply', () => {
  const prefill = evaluator.prefill({
    ...eligible,
    aufenthaltsrecht: 'duldung-gestattung',
    familienstand: 'married',
    ehegatteDeutsch: true,
    mehrehe: false,
    verurteilung: 'geringfuegig',
    sprachnachweis: 'impossible',
  });
  assert.deepEqual(prefill, {
    residence: { residenceTitle: 'other' },
    family: { maritalStatus: 'married', spouse: { isGerman: true } },
    language: { knowledgeProof: 'test' },
    livelihood: { receivesBenefits: false },
    criminalRecord: { convictions: true },
  });
  // A hidden question's answer is not carried over.
  const single = evaluator.prefill({ ...eligible, ehegatteDeutsch: true });
  assert.equal((single.family as Record<string, unknown>).spouse, undefined);
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
