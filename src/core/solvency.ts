/**
 * The solvency estimate of a formal obligation (Verpflichtungserklärung, §§ 66–68 AufenthG): the
 * seizable part of the host's net income under § 850c ZPO must cover the guests' need. The
 * Pfändungsfreigrenzen change every 1 July and are dated in the definition; a municipality may
 * replace the computation with its own table. Pure: the day is a parameter, amounts are cents.
 */
import { getAt } from './pointer.js';
import type { GarnishmentPeriod, SolvencyComputation } from './types.js';

/** § 850c Abs. 2 ZPO counts at most five dependants. */
export const MAX_DEPENDANTS = 5;

export interface SolvencyResult {
  /** Whether the net income reaches the minimum. */
  covered: boolean;
  /** `law`: § 850c ZPO with the stored Pfändungsfreigrenzen; `table`: the municipality's own table. */
  method: 'law' | 'table';
  /** The host's net income per month. */
  income: number;
  /** Dependants as counted (at most five). */
  dependants: number;
  adults: number;
  minors: number;
  /** The guests' need per month. */
  need: number;
  /** The minimum net income for this household and these guests, in whole euros. */
  minimum: number;
  /** `law`: the exempt amount for the dependants (§ 850c Abs. 1, 2 ZPO). */
  exempt?: number;
  /** `law`: percent of the income above the exempt amount that is seizable. */
  share?: number;
  /** `law`: the seizable part of the income. */
  seizable?: number;
  /** `law`: income above this is seizable in full. */
  ceiling?: number;
  /** `law`: the index of the stored period used. */
  period?: number;
  /**
   * False when the day of the check lies in no stored period: the latest stored values were used,
   * and the result must say so.
   */
  current: boolean;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The stored period for `day`, or the latest stored one (with `current: false`). */
export function periodFor(
  periods: readonly GarnishmentPeriod[],
  day: string,
): { index: number; current: boolean } | undefined {
  const index = periods.findIndex(
    (p) => p.validFrom <= day && (p.validUntil === undefined || day < p.validUntil),
  );
  if (index >= 0) return { index, current: true };
  if (periods.length === 0) return undefined;
  let latest = 0;
  periods.forEach((p, i) => {
    if (p.validFrom > periods[latest]!.validFrom) latest = i;
  });
  return { index: latest, current: false };
}

/** The exempt amount for `dependants` (§ 850c Abs. 1, 2 ZPO), cents. */
export function exemptAmount(period: GarnishmentPeriod, dependants: number): number {
  const n = Math.min(dependants, MAX_DEPENDANTS);
  return (
    period.base +
    (n >= 1 ? period.firstDependant : 0) +
    Math.max(0, n - 1) * period.furtherDependant
  );
}

/** The seizable part of `income` (cents), rounded down to the cent. */
export function seizableIncome(
  income: number,
  exempt: number,
  share: number,
  ceiling: number,
): number {
  if (income <= exempt) return 0;
  const top = Math.max(ceiling, exempt);
  const partly = Math.floor(((Math.min(income, top) - exempt) * share) / 100);
  return partly + Math.max(0, income - top);
}

/** The least income whose seizable part covers `need` (cents, exact): the inverse of the above. */
function minimumIncome(need: number, exempt: number, share: number, ceiling: number): number {
  const top = Math.max(ceiling, exempt);
  const partly = ((top - exempt) * share) / 100;
  return need <= partly ? exempt + (need * 100) / share : top + (need - partly);
}

const wholeEuros = (cents: number) => Math.round(cents / 100) * 100;

/**
 * The estimate for the answers on `day`, or undefined while the income, the dependants or the
 * adult guests are unanswered. Minor guests not asked count as none.
 */
export function estimateSolvency(
  spec: SolvencyComputation,
  answers: unknown,
  day: string,
): SolvencyResult | undefined {
  const euros = getAt(answers, spec.income);
  const dependants = count(getAt(answers, spec.dependants));
  const adults = count(getAt(answers, spec.adults));
  const minors = count(getAt(answers, spec.minors)) ?? 0;
  if (typeof euros !== 'number' || !Number.isFinite(euros) || euros < 0) return undefined;
  if (dependants === undefined || adults === undefined) return undefined;
  const income = Math.round(euros * 100);
  const counted = Math.min(dependants, MAX_DEPENDANTS);
  const need = adults * spec.need.adult + minors * spec.need.minor;
  const common = { income, dependants: counted, adults, minors, need };
  if (spec.table) {
    const { household, adult, minor } = spec.table;
    const own = household[Math.min(counted, household.length - 1)]!;
    const minimum = own + adults * adult + minors * minor;
    return { covered: income >= minimum, method: 'table', ...common, minimum, current: true };
  }
  const found = periodFor(spec.periods, day);
  if (!found) return undefined;
  const period = spec.periods[found.index]!;
  const exempt = exemptAmount(period, counted);
  const share = spec.shares[counted]!;
  const minimum = wholeEuros(minimumIncome(need, exempt, share, period.ceiling));
  return {
    covered: income >= minimum,
    method: 'law',
    ...common,
    minimum,
    exempt,
    share,
    seizable: seizableIncome(income, exempt, share, period.ceiling),
    ceiling: period.ceiling,
    period: found.index,
    current: found.current,
  };
}
