import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createValidator,
  estimateSolvency,
  exemptAmount,
  fieldErrorMessage,
  periodFor,
  QuickCheckEvaluator,
  quickCheckModel,
  seizableIncome,
  Texts,
  type Definition,
  type SolvencyComputation,
  type SolvencyResult,
} from '../../src/core/index.js';
import * as precompiled from '../../src/definitions/generated/verpflichtungserklaerung.quick-check.js';
import * as whole from '../../src/definitions/generated/verpflichtungserklaerung.js';
import englishTexts from '../../src/definitions/generated/verpflichtungserklaerung.quick-check.en.js';
import { problemsOf } from './helpers.js';

const definition = precompiled.definition as Definition;
const validator = createValidator(precompiled);
const evaluator = new QuickCheckEvaluator(
  quickCheckModel(definition, validator.test),
  validator.test,
  { solvency: estimateSolvency },
);
const spec = (
  definition.quickCheck!.computed!.bonitaet as {
    solvency: SolvencyComputation;
  }
).solvency;

const answers = (income: number, dependants: number, adults: number, minors = 0) => ({
  nettoeinkommen: income,
  unterhaltspflichten: dependants,
  erwachsene: adults,
  kinder: minors,
});

type Row = {
  name: string;
  day: string;
  dependants: number;
  adults: number;
  minors: number;
  /** Whole euros. */
  minimum: number;
  exempt?: number;
  share?: number;
};

// The worked figures of DOMAIN.md and the issue, then each period and the edges of § 850c ZPO.
const rows: Row[] = [
  // base 1,555.00 + 281.50 / 70 % = 1,957.14
  {
    name: 'single host, one adult guest, 2025/26',
    day: '2025-07-01',
    dependants: 0,
    adults: 1,
    minors: 0,
    minimum: 1957,
    exempt: 155500,
    share: 70,
  },
  // 1,555.00 + 585.23 + 326.04 = 2,466.27; + (281.50 + 140.75) / 40 % = 3,521.90
  {
    name: 'two dependants, one adult and one minor guest, 2025/26',
    day: '2026-01-15',
    dependants: 2,
    adults: 1,
    minors: 1,
    minimum: 3522,
    exempt: 246627,
    share: 40,
  },
  // 1,491.75 + 281.50 / 70 % = 1,893.89
  {
    name: 'single host, one adult guest, 2024/25',
    day: '2025-06-30',
    dependants: 0,
    adults: 1,
    minors: 0,
    minimum: 1894,
    exempt: 149175,
    share: 70,
  },
  // 1,587.40 + 281.50 / 70 % = 1,989.54
  {
    name: 'single host, one adult guest, from 1 July 2026',
    day: '2026-07-01',
    dependants: 0,
    adults: 1,
    minors: 0,
    minimum: 1990,
    exempt: 158740,
    share: 70,
  },
  // 1,587.40 + 597.42 = 2,184.82; + 2 × 281.50 / 50 % = 3,310.82
  {
    name: 'one dependant, two adult guests, 2026/27',
    day: '2026-12-01',
    dependants: 1,
    adults: 2,
    minors: 0,
    minimum: 3311,
    exempt: 218482,
    share: 50,
  },
  // seven dependants count as five: 1,587.40 + 597.42 + 4 × 332.83 = 3,516.14; + 140.75 / 10 % = 4,923.64
  // — above the ceiling of 4,866.30, so: 4,866.30 + (140.75 − (4,866.30 − 3,516.14) × 10 %) = 4,872.03
  {
    name: 'seven dependants count as five; the need reaches above the ceiling',
    day: '2026-12-01',
    dependants: 7,
    adults: 0,
    minors: 1,
    minimum: 4872,
    exempt: 351614,
    share: 10,
  },
  // nine adults: 9 × 281.50 = 2,533.50 > (4,866.30 − 1,587.40) × 70 % = 2,295.23 → 4,866.30 + 238.27
  {
    name: 'nine adult guests: the income above the ceiling is seizable in full',
    day: '2026-12-01',
    dependants: 0,
    adults: 9,
    minors: 0,
    minimum: 5105,
    exempt: 158740,
    share: 70,
  },
];

for (const row of rows) {
  test(`solvency: ${row.name} → minimum ${row.minimum} €`, () => {
    const result = estimateSolvency(
      spec,
      answers(0, row.dependants, row.adults, row.minors),
      row.day,
    )!;
    assert.equal(result.method, 'law');
    assert.equal(result.current, true);
    assert.equal(result.minimum, row.minimum * 100);
    assert.equal(result.exempt, row.exempt);
    assert.equal(result.share, row.share);
    assert.equal(result.need, row.adults * 28150 + row.minors * 14075);
    // The minimum is the least income (in whole euros) that is covered; one euro less is not.
    const at = estimateSolvency(
      spec,
      answers(row.minimum, row.dependants, row.adults, row.minors),
      row.day,
    )!;
    const below = estimateSolvency(
      spec,
      answers(row.minimum - 1, row.dependants, row.adults, row.minors),
      row.day,
    )!;
    assert.equal(at.covered, true);
    assert.equal(below.covered, false);
    // …and the seizable part of the minimum meets the need to within the rounding to whole euros.
    assert.ok(Math.abs(at.seizable! - at.need) <= 100, `${at.seizable} vs ${at.need}`);
  });
}

test('solvency: the seizable part with the host’s figures (§ 850c Abs. 3 ZPO)', () => {
  const result = estimateSolvency(spec, answers(2400, 0, 1), '2026-12-01')!;
  // (2,400.00 − 1,587.40) × 70 % = 568.82
  assert.equal(result.seizable, 56882);
  assert.equal(result.covered, true);
  assert.equal(seizableIncome(150000, 158740, 70, 486630), 0);
  // Above the ceiling everything is seizable.
  assert.equal(
    seizableIncome(500000, 158740, 70, 486630),
    // (4,866.30 − 1,587.40) × 70 % = 2,295.23, and the 133.70 above the ceiling in full
    229523 + 13370,
  );
  const period = spec.periods[2]!;
  assert.deepEqual(
    [0, 1, 2, 5, 6].map((n) => exemptAmount(period, n)),
    [158740, 218482, 251765, 351614, 351614],
  );
});

test('solvency: the 1 July switch — the same answers, the day before and the day of', () => {
  const before = estimateSolvency(spec, answers(1960, 0, 1), '2026-06-30')!;
  const after = estimateSolvency(spec, answers(1960, 0, 1), '2026-07-01')!;
  assert.deepEqual([before.period, before.minimum, before.covered], [1, 195700, true]);
  assert.deepEqual([after.period, after.minimum, after.covered], [2, 199000, false]);
});

test('solvency: a day the definition holds no values for is said so, with the latest values', () => {
  for (const day of ['2027-07-01', '2030-01-01']) {
    const result = estimateSolvency(spec, answers(2000, 0, 1), day)!;
    assert.equal(result.current, false, day);
    assert.equal(result.period, 2, 'the latest stored period, never an older table');
    assert.equal(result.minimum, 199000);
  }
  // Before the first stored period, too: the latest values, marked.
  const early = estimateSolvency(spec, answers(2000, 0, 1), '2020-01-01')!;
  assert.deepEqual([early.current, early.period], [false, 2]);
  assert.deepEqual(periodFor(spec.periods, '2026-06-30'), { index: 1, current: true });
  assert.equal(periodFor([], '2026-06-30'), undefined);
});

test('solvency: a municipality’s own table replaces the computation', () => {
  const own: SolvencyComputation = {
    ...spec,
    table: {
      source: 'Stadt Hamm, Stand 2025',
      household: [176850, 230000, 260000, 290000, 320000, 350000],
      adult: 28150,
      minor: 14075,
    },
  };
  const single = estimateSolvency(own, answers(2050, 0, 1), '2026-12-01')!;
  assert.deepEqual(
    [single.method, single.minimum, single.covered, single.current, single.seizable],
    ['table', 205000, true, true, undefined],
  );
  const family = estimateSolvency(own, answers(3000, 7, 1, 2), '2026-12-01')!;
  // Seven dependants count as five: 3,500 + 281.50 + 2 × 140.75
  assert.deepEqual([family.minimum, family.covered], [406300, false]);
});

test('solvency: unanswered income, dependants or adults give no estimate; minors not asked count as none', () => {
  assert.equal(
    estimateSolvency(spec, { unterhaltspflichten: 0, erwachsene: 1 }, '2026-12-01'),
    undefined,
  );
  assert.equal(
    estimateSolvency(spec, { nettoeinkommen: 2000, erwachsene: 1 }, '2026-12-01'),
    undefined,
  );
  assert.equal(
    estimateSolvency(spec, { nettoeinkommen: 2000, unterhaltspflichten: 0 }, '2026-12-01'),
    undefined,
  );
  assert.equal(
    estimateSolvency(spec, { ...answers(2000, 0, 1), nettoeinkommen: -5 }, '2026-12-01'),
    undefined,
  );
  const noMinors: Record<string, unknown> = answers(2000, 0, 1);
  delete noMinors.kinder;
  assert.equal(estimateSolvency(spec, noMinors, '2026-12-01')!.minors, 0);
});

// ---- the built-in quick-check --------------------------------------------------------------

const host = {
  status: 'deutsch',
  leistungen: false,
  ...answers(2400, 0, 1),
};

type CheckRow = {
  name: string;
  answers: Record<string, unknown>;
  verdict: string;
  outcomes: Record<string, string>;
};

const checks: CheckRow[] = [
  {
    name: 'a German host earning enough',
    answers: host,
    verdict: 'met',
    outcomes: { berechtigt: 'met', leistungen: 'met', bonitaet: 'met' },
  },
  {
    name: 'an EU citizen',
    answers: { ...host, status: 'eu' },
    verdict: 'met',
    outcomes: { berechtigt: 'met' },
  },
  {
    name: 'a residence title valid beyond the stay',
    answers: { ...host, status: 'titel', titelGueltig: 'ja' },
    verdict: 'met',
    outcomes: { berechtigt: 'met' },
  },
  {
    name: 'a residence title ending before the stay does',
    answers: { ...host, status: 'titel', titelGueltig: 'nein' },
    verdict: 'not-met',
    outcomes: { berechtigt: 'not-met' },
  },
  {
    name: 'a residence title of unknown validity',
    answers: { ...host, status: 'titel', titelGueltig: 'unsicher' },
    verdict: 'check-with-authority',
    outcomes: { berechtigt: 'check-with-authority' },
  },
  {
    name: 'a visa',
    answers: { ...host, status: 'visum' },
    verdict: 'not-met',
    outcomes: { berechtigt: 'not-met' },
  },
  {
    name: 'a Duldung, Gestattung or Fiktionsbescheinigung',
    answers: { ...host, status: 'gestattung' },
    verdict: 'not-met',
    outcomes: { berechtigt: 'not-met' },
  },
  {
    name: 'something else',
    answers: { ...host, status: 'other' },
    verdict: 'check-with-authority',
    outcomes: { berechtigt: 'check-with-authority' },
  },
  {
    name: 'receiving SGB II/XII, AsylbLG, Wohngeld or a scholarship',
    answers: { ...host, leistungen: true },
    verdict: 'not-met',
    outcomes: { leistungen: 'not-met', bonitaet: 'met' },
  },
  {
    name: 'an income too low for the guests',
    answers: { ...host, ...answers(1900, 0, 1) },
    verdict: 'not-met',
    outcomes: { bonitaet: 'not-met' },
  },
  {
    name: 'the worked family figure, one euro short',
    answers: { ...host, ...answers(3521, 2, 1, 1) },
    verdict: 'not-met',
    outcomes: { bonitaet: 'not-met' },
  },
];

for (const row of checks) {
  test(`verpflichtungserklaerung quick-check: ${row.name}`, () => {
    assert.deepEqual(validator.validate(row.answers), []);
    const result = evaluator.evaluate(row.answers, '2026-12-01');
    assert.equal(result.verdict, row.verdict);
    const outcomes = Object.fromEntries(result.criteria.map((c) => [c.id, c.outcome]));
    for (const [id, outcome] of Object.entries(row.outcomes))
      assert.equal(outcomes[id], outcome, id);
  });
}

test('verpflichtungserklaerung quick-check: the result carries the estimate and says which criterion explains it', () => {
  const result = evaluator.evaluate(host, '2026-12-01');
  const estimate = result.computed.bonitaet as SolvencyResult;
  assert.deepEqual([estimate.minimum, estimate.seizable, estimate.current], [199000, 56882, true]);
  const index = definition.quickCheck!.criteria.findIndex((c) => c.id === 'bonitaet');
  assert.equal(definition.quickCheck!.criteria[index]!.explain, 'bonitaet');
  // On a day past the stored values the result still decides, on the latest values, marked.
  const later = evaluator.evaluate(host, '2027-07-01').computed.bonitaet as SolvencyResult;
  assert.equal(later.current, false);
});

test('verpflichtungserklaerung quick-check: at least one guest', () => {
  const errors = validator.validate({ ...host, erwachsene: 0, kinder: 0 });
  assert.deepEqual(
    errors.map((e) => [e.pointer, e.keyword]),
    [['/kinder', 'minimum']],
  );
  // The branch's own message, not the question's "0 oder mehr" (which 0 is), in either language.
  const model = quickCheckModel(definition, validator.test);
  const data = { ...host, erwachsene: 0, kinder: 0 };
  const german = new Texts(definition);
  const english = new Texts(definition, englishTexts as Record<string, string>, 'en');
  assert.equal(
    fieldErrorMessage(errors[0]!, model, german, data).text,
    'Bitte geben Sie mindestens einen Gast an: hier oder bei den Erwachsenen.',
  );
  assert.equal(
    fieldErrorMessage(errors[0]!, model, english, data).text,
    'Please enter at least one guest: here or under adults.',
  );
  // Below the question's own minimum, its own message.
  const negative = validator.validate({ ...host, kinder: -1 });
  assert.equal(
    fieldErrorMessage(negative[0]!, model, german, { ...host, kinder: -1 }).text,
    'Bitte geben Sie 0 oder mehr an.',
  );
  assert.deepEqual(validator.validate({ ...host, erwachsene: 0, kinder: 1 }), []);
});

test('verpflichtungserklaerung quick-check: an income that suffices only until 30 June says when it is met again — never', () => {
  // Covered on the 2025 values, not on the 2026 ones: the result for 1 July 2026 is not met,
  // and no later stored day changes that.
  const answers1960 = { ...host, nettoeinkommen: 1960 };
  assert.equal(evaluator.evaluate(answers1960, '2026-06-30').verdict, 'met');
  const after = evaluator.evaluate(answers1960, '2026-07-01');
  assert.equal(after.verdict, 'not-met');
  assert.equal(after.metFrom, undefined);
});

test('a check with a solvency estimate needs its code', () => {
  assert.throws(
    () => new QuickCheckEvaluator(quickCheckModel(definition, validator.test), validator.test),
    /needs estimators\.solvency/,
  );
});

test('definition check: a solvency estimate’s pointers, periods and explain are checked', () => {
  const broken = structuredClone(whole.definition) as Definition;
  const qc = broken.quickCheck!;
  const solvency = (qc.computed!.bonitaet as { solvency: SolvencyComputation }).solvency;
  solvency.income = '/gehalt';
  solvency.periods[0]!.validUntil = '2025-08-01';
  solvency.periods[2]!.ceiling = 100;
  qc.criteria[0]!.explain = 'nichts';
  const problems = problemsOf(broken);
  for (const expected of [
    '/quickCheck/computed/bonitaet/solvency/income points to no question: /gehalt',
    '/quickCheck/computed/bonitaet/solvency/periods/0/validUntil overlaps the period from 2025-07-01',
    '/quickCheck/computed/bonitaet/solvency/periods/2/ceiling must be above the exempt amount (base)',
    '/quickCheck/criteria/0/explain names no computed value: nichts',
  ])
    assert.ok(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\n  in ${problems.join('\n  ')}`,
    );
  // The meta-schema: six shares, each above 0.
  solvency.shares = [70, 50, 0];
  assert.ok(problemsOf(broken).some((p) => p.startsWith('/quickCheck/computed/bonitaet')));
});
