/**
 * The quick-check ("Erfülle ich die Voraussetzungen?"): evaluating a definition's criteria for the
 * answers and a day, working out from which day an unmet time-based requirement will be met, and
 * what is handed on to the application. Pure: no DOM, no clock (the day is a parameter).
 */
import { getAt, isObject, setAt } from './pointer.js';
import { SchemaModel } from './schema.js';
import type { estimateSolvency } from './solvency.js';
import type {
  ConditionTest,
  Criterion,
  CriterionOutcome,
  Definition,
  QuickCheck,
  Validator,
} from './types.js';

/** Where the quick-check's questions sit in the definition. */
export const QUICK_CHECK_ROOT = '/quickCheck/schema';

/**
 * The quick-check's questions. Besides the answers, their conditions may read the computed values
 * counted from a date (`yearsSince`, `monthsSince`) for `day`: a question that matters only after
 * (or before) some years in Germany is asked only then. A solvency estimate is not available to
 * conditions (it is worked out from the answers that apply).
 */
export class QuickCheckModel extends SchemaModel {
  /** The day the dated values are counted for (`YYYY-MM-DD`); without one they are unknown. */
  day: string | undefined;
  readonly #dated: { name: string; since: string; count: typeof yearsSince }[];

  constructor(definition: Definition, test: ConditionTest, day?: string) {
    // Conditions see the dated values beside the answers (of this model, once it is made).
    const made: { model?: QuickCheckModel } = {};
    super(
      definition,
      (pointer, data) => test(pointer, made.model!.withDatedValues(data)),
      QUICK_CHECK_ROOT,
    );
    made.model = this;
    this.day = day;
    this.#dated = [];
    for (const [name, computed] of Object.entries(definition.quickCheck?.computed ?? {})) {
      if ('yearsSince' in computed)
        this.#dated.push({ name, since: computed.yearsSince, count: yearsSince });
      else if ('monthsSince' in computed)
        this.#dated.push({ name, since: computed.monthsSince, count: monthsSince });
    }
  }

  /** The values counted from the dates in `answers` for `day`, by name (those that can be). */
  datedValues(answers: unknown): Record<string, number> {
    const values: Record<string, number> = {};
    const day = this.day;
    if (!day || !isObject(answers)) return values;
    for (const { name, since, count } of this.#dated) {
      const date = getAt(answers, since);
      if (parseDate(date)) values[name] = count(date as string, day);
    }
    return values;
  }

  /** `answers` with the dated values beside them: what conditions and the validator read. */
  withDatedValues(answers: unknown): unknown {
    if (this.#dated.length === 0 || !isObject(answers)) return answers;
    return { ...answers, ...this.datedValues(answers) };
  }

  /** Runs `work` with the dated values counted for `day`. */
  on<T>(day: string, work: () => T): T {
    const before = this.day;
    this.day = day;
    try {
      return work();
    } finally {
      this.day = before;
    }
  }
}

/** The model of the quick-check's questions (conditions decided by `test`). */
export function quickCheckModel(
  definition: Definition,
  test: ConditionTest,
  day?: string,
): QuickCheckModel {
  return new QuickCheckModel(definition, test, day);
}

/**
 * A validator of the quick-check's answers that sees the dated values too, so that a question a
 * dated value makes apply is also required.
 */
export function datedValidator(validator: Validator, model: QuickCheckModel): Validator {
  return {
    validate: (data) => validator.validate(model.withDatedValues(data)),
    test: validator.test,
  };
}

export interface CriterionResult {
  id: string;
  /** Pointer of the criterion in the definition (its texts: `…/title`, `…/legalBasis`). */
  pointer: string;
  outcome: CriterionOutcome;
  /** Pointer of the rule that decided (its text: `…/explanation`). */
  rulePointer: string;
  /** For a requirement not met today: the first day it will be, if the answers stay as they are. */
  metFrom?: string;
}

export interface QuickCheckResult {
  /** `not-met` if any criterion is not met; else `check-with-authority` if any needs advice; else `met`. */
  verdict: CriterionOutcome;
  /** The day the check was evaluated for (`YYYY-MM-DD`). */
  date: string;
  /**
   * The legal state the applied criteria belong to: the definition's, or for an earlier day the
   * last change of the law before it (see `legalStateOn`).
   */
  legalState: string;
  criteria: CriterionResult[];
  /**
   * The computed values for the day, by name (e.g. a solvency estimate, `SolvencyResult`); those
   * the answers do not allow to work out are left out.
   */
  computed: Record<string, unknown>;
  /** When every unmet criterion will be met on a known day: the last of those days. */
  metFrom?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (`YYYY-MM-DD`) that exists, or undefined. */
export function parseDate(value: unknown): { y: number; m: number; d: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return { y, m, d };
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The day on which `years` full years since `date` are complete (§§ 187, 188 BGB): the
 * anniversary; for 29 February in a year without one, 1 March.
 */
export function addYears(date: string, years: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`Not a date: ${date}`);
  // Date.UTC rolls 29 February over into 1 March where the year has none.
  return format(new Date(Date.UTC(p.y + years, p.m - 1, p.d)));
}

/**
 * The day on which `months` full months since `date` are complete: the day with the same number;
 * where the month has no such day (31 January + 1 month), the first day of the next month.
 */
export function addMonths(date: string, months: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`Not a date: ${date}`);
  const first = new Date(Date.UTC(p.y, p.m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  if (p.d > last) first.setUTCMonth(first.getUTCMonth() + 1);
  else first.setUTCDate(p.d);
  return format(first);
}

/** Full months from `since` to `today` (negative when `since` lies in the future). */
export function monthsSince(since: string, today: string): number {
  const from = parseDate(since);
  const to = parseDate(today);
  if (!from || !to) throw new Error(`Not a date: ${from ? today : since}`);
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (today < addMonths(since, months)) months--;
  return months;
}

/** Full years from `since` to `today` (negative when `since` lies in the future). */
export function yearsSince(since: string, today: string): number {
  const from = parseDate(since);
  const to = parseDate(today);
  if (!from || !to) throw new Error(`Not a date: ${from ? today : since}`);
  let years = to.y - from.y;
  if (today < addYears(since, years)) years--;
  return years;
}

/** Today in the citizen's time zone, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function appliesOn(criterion: Criterion, date: string): boolean {
  return (
    (criterion.validFrom === undefined || criterion.validFrom <= date) &&
    (criterion.validUntil === undefined || date < criterion.validUntil)
  );
}

/**
 * The code of computed values beyond full years, passed in so that a check without them does not
 * load it: `{ solvency: estimateSolvency }` (from `./solvency.js`).
 */
export interface Estimators {
  solvency?: typeof estimateSolvency;
}

/** Whether a quick-check has a solvency estimate (and so needs `Estimators.solvency`). */
export function needsSolvency(quickCheck: QuickCheck | undefined): boolean {
  return Object.values(quickCheck?.computed ?? {}).some((c) => 'solvency' in c);
}

export class QuickCheckEvaluator {
  readonly quickCheck: QuickCheck;
  constructor(
    readonly model: QuickCheckModel,
    private readonly test: ConditionTest,
    private readonly estimators: Estimators = {},
  ) {
    const quickCheck = model.definition.quickCheck;
    if (!quickCheck) throw new Error(`The definition ${model.definition.id} has no quick-check`);
    if (needsSolvency(quickCheck) && !estimators.solvency)
      throw new Error('needs estimators.solvency');
    this.quickCheck = quickCheck;
  }

  /** The answers that apply (hidden questions' answers left out) and the computed values for `date`. */
  facts(answers: unknown, date: string): Record<string, unknown> {
    const facts: Record<string, unknown> = this.model.on(date, () => this.model.prune(answers));
    // Each computed value reads the answers only, never another computed value.
    const pruned = { ...facts };
    for (const [name, computed] of Object.entries(this.quickCheck.computed ?? {})) {
      if ('solvency' in computed) {
        const estimate = this.estimators.solvency!(computed.solvency, pruned, date);
        if (estimate) facts[name] = estimate;
        continue;
      }
      const [since, count] =
        'monthsSince' in computed
          ? [getAt(pruned, computed.monthsSince), monthsSince]
          : [getAt(pruned, computed.yearsSince), yearsSince];
      if (parseDate(since)) facts[name] = count(since as string, date);
    }
    return facts;
  }

  #decide(index: number, facts: Record<string, unknown>) {
    const criterion = this.quickCheck.criteria[index]!;
    const pointer = `/quickCheck/criteria/${index}`;
    for (const [j, rule] of criterion.rules.entries()) {
      const rulePointer = `${pointer}/rules/${j}`;
      if (!rule.when || this.test(`${rulePointer}/when`, facts)) {
        return { id: criterion.id, pointer, outcome: rule.outcome, rulePointer };
      }
    }
    // The definition check makes the last rule unconditional; this is a guard for unchecked input.
    throw new Error(`No rule of ${pointer} applies: its last rule must have no "when"`);
  }

  /** The criteria that apply on `date`, each decided for the answers. */
  #decideAll(answers: unknown, date: string, facts = this.facts(answers, date)): CriterionResult[] {
    const results: CriterionResult[] = [];
    this.quickCheck.criteria.forEach((criterion, i) => {
      if (appliesOn(criterion, date)) results.push(this.#decide(i, facts));
    });
    return results;
  }

  /** The computed values for the answers on `date`, by name (those that could be worked out). */
  computedValues(answers: unknown, date: string): Record<string, unknown> {
    return this.#computedOf(this.facts(answers, date));
  }

  #computedOf(facts: Record<string, unknown>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const name of Object.keys(this.quickCheck.computed ?? {}))
      if (facts[name] !== undefined) values[name] = facts[name];
    return values;
  }

  /**
   * The days after `today` on which an outcome can change with the answers unchanged: the
   * anniversaries of the dates that computed values count from, and the days the law changes.
   */
  #changeDays(answers: unknown, today: string, horizonYears = 60): string[] {
    const facts = this.model.on(today, () => this.model.prune(answers));
    const days = new Set<string>();
    for (const computed of Object.values(this.quickCheck.computed ?? {})) {
      if ('solvency' in computed) {
        // The Pfändungsfreigrenzen change every 1 July.
        for (const period of computed.solvency.periods)
          for (const day of [period.validFrom, period.validUntil]) if (day) days.add(day);
        continue;
      }
      const months = 'monthsSince' in computed;
      const since = getAt(facts, months ? computed.monthsSince : computed.yearsSince);
      if (!parseDate(since)) continue;
      const [count, add, horizon] = months
        ? [monthsSince, addMonths, 120]
        : [yearsSince, addYears, horizonYears];
      const passed = count(since as string, today);
      for (let n = Math.max(1, passed + 1); n <= passed + horizon; n++) {
        days.add(add(since as string, n));
      }
    }
    for (const criterion of this.quickCheck.criteria) {
      for (const day of [criterion.validFrom, criterion.validUntil]) if (day) days.add(day);
    }
    return [...days].filter((day) => day > today).sort();
  }

  /**
   * The legal state the criteria applied on `day` belong to: the definition's own, or for an
   * earlier day the last change of the law (a criterion's `validFrom` or `validUntil`) on or before
   * it; for a day before every change the definition knows, the first of them.
   */
  legalStateOn(day: string): string {
    const latest = this.model.definition.legalState;
    if (day >= latest) return latest;
    const changes = this.quickCheck.criteria
      .flatMap((c) => [c.validFrom, c.validUntil])
      .filter((d): d is string => d !== undefined && d <= latest)
      .sort();
    return changes.filter((d) => d <= day).pop() ?? changes[0] ?? latest;
  }

  /** Evaluates every criterion that applies on `today` (a `YYYY-MM-DD` day). */
  evaluate(answers: unknown, today: string): QuickCheckResult {
    if (!parseDate(today)) throw new Error(`Not a date: ${today}`);
    const facts = this.facts(answers, today);
    const criteria = this.#decideAll(answers, today, facts);
    const open = criteria.filter((c) => c.outcome === 'not-met');
    if (open.length > 0) {
      const waiting = new Set(open.map((c) => c.id));
      // A later day is decided on the answers that apply today: an answer left over from a
      // question that no longer applies is not taken as given for the day it would apply again.
      const given = this.model.on(today, () => this.model.prune(answers));
      for (const day of this.#changeDays(answers, today)) {
        if (waiting.size === 0) break;
        for (const later of this.#decideAll(given, day)) {
          if (later.outcome !== 'met' || !waiting.has(later.id)) continue;
          waiting.delete(later.id);
          const result = open.find((c) => c.id === later.id);
          if (result) result.metFrom = day;
        }
      }
    }
    const verdict: CriterionOutcome =
      open.length > 0
        ? 'not-met'
        : criteria.some((c) => c.outcome === 'check-with-authority')
          ? 'check-with-authority'
          : 'met';
    const result: QuickCheckResult = {
      verdict,
      date: today,
      legalState: this.legalStateOn(today),
      criteria,
      computed: this.#computedOf(facts),
    };
    const onlyWaiting =
      open.length > 0 &&
      open.every((c) => c.metFrom !== undefined) &&
      !criteria.some((c) => c.outcome === 'check-with-authority');
    if (onlyWaiting) result.metFrom = open.map((c) => c.metFrom!).sort()[open.length - 1];
    return result;
  }

  /** The application's data that the answers prefill (per the definition's `prefill`). */
  prefill(answers: unknown, today = this.model.day): Record<string, unknown> {
    const facts = today
      ? this.model.on(today, () => this.model.prune(answers))
      : this.model.prune(answers);
    let data: unknown = {};
    for (const rule of this.quickCheck.prefill ?? []) {
      const answer = getAt(facts, rule.from);
      if (answer === undefined) continue;
      let value: unknown = answer;
      if (rule.values) {
        const key = typeof answer === 'string' ? answer : JSON.stringify(answer);
        if (!Object.prototype.hasOwnProperty.call(rule.values, key)) continue;
        value = rule.values[key];
      }
      data = setAt(data, rule.to, value);
    }
    return isObject(data) ? data : {};
  }
}
