/**
 * Fees from the definition: items in cents, each with a condition over the application data
 * (`when`) and optionally one per entry of a list (`per`, filtered by `where`), e.g. 51 € for each
 * child naturalised along. Pure: the browser shows them, the server charges exactly them.
 */
import { getAt } from './pointer.js';
import type { ConditionTest, Definition, FeePolicy } from './types.js';

export interface FeeLine {
  id: string;
  /** Pointer of the item in the definition (its texts: `…/title`, `…/legalBasis`). */
  pointer: string;
  quantity: number;
  /** Cents per unit. */
  unitAmount: number;
  /** Cents: `quantity × unitAmount`. */
  amount: number;
}

export interface FeeSummary {
  policy: FeePolicy;
  currency: string;
  lines: FeeLine[];
  /** Cents. */
  total: number;
}

/** The fees for `data` (the answers that apply, as submitted). Lines that come to nothing are left out. */
export function computeFees(
  definition: Definition,
  data: unknown,
  test: ConditionTest,
): FeeSummary {
  const fees = definition.fees;
  const summary: FeeSummary = {
    policy: fees?.policy ?? 'none',
    currency: fees?.currency ?? 'EUR',
    lines: [],
    total: 0,
  };
  if (!fees) return summary;
  fees.items.forEach((item, i) => {
    const pointer = `/fees/items/${i}`;
    if (item.when && !test(`${pointer}/when`, data)) return;
    let quantity = 1;
    if (item.per !== undefined) {
      const list = getAt(data, item.per);
      const entries = Array.isArray(list) ? list : [];
      quantity = item.where
        ? entries.filter((entry) => test(`${pointer}/where`, entry)).length
        : entries.length;
    }
    if (quantity === 0) return;
    const amount = quantity * item.amount;
    summary.lines.push({ id: item.id, pointer, quantity, unitAmount: item.amount, amount });
    summary.total += amount;
  });
  return summary;
}

/** Whether the citizen pays in the flow: a policy that asks for it, and something to pay. */
export function paysOnline(summary: FeeSummary): boolean {
  return (summary.policy === 'mandatory' || summary.policy === 'optional') && summary.total > 0;
}
