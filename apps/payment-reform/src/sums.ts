import type { Sums } from "@hsa/kpi";
import type { CaseSums } from "./db/queries";
import { eligibleIn } from "./db/queries";
import type { PaymentSumName } from "./metrics";

/** What the four reads of db/rollup.ts answered for one region (an unread one is empty). */
export interface PaymentReads {
  cases: ReadonlyMap<string, CaseSums>;
  /** eligible institutions by the year they became eligible */
  eligible: Map<number, number>;
  pointValues: ReadonlyMap<string, { budgetYuan: number; points: number }>;
  budgets: ReadonlyMap<string, { spentYuan: number; budgetYuan: number }>;
}

/**
 * The named sums (./metrics) of one region per quarter of `quarters`, from the reads: each read
 * reports its sums in the quarters where it has a row; eligible institutions are reported where
 * there are any (a quarter with neither them nor cases has no DIP coverage figure).
 */
export function paymentSumsByQuarter(
  reads: PaymentReads,
  quarters: readonly string[],
): Map<string, Partial<Sums<PaymentSumName>>> {
  const out = new Map<string, Partial<Record<PaymentSumName, number>>>();
  for (const q of quarters) {
    const s: Partial<Record<PaymentSumName, number>> = {};
    const c = reads.cases.get(q);
    if (c) {
      s.cases = c.cases;
      s.comprehensiveCases = c.comprehensiveCases;
      s.dipFundYuan = c.dipFundYuan;
      s.inpatientFundYuan = c.inpatientFundYuan;
      s.dipInstitutions = c.institutions;
    }
    const eligible = eligibleIn(reads.eligible, Number(q.slice(0, 4)));
    if (eligible !== 0) s.eligibleInstitutions = eligible;
    const p = reads.pointValues.get(q);
    if (p) {
      s.poolBudgetYuan = p.budgetYuan;
      s.points = p.points;
    }
    const b = reads.budgets.get(q);
    if (b) {
      s.spentYuan = b.spentYuan;
      s.globalBudgetYuan = b.budgetYuan;
    }
    if (Object.keys(s).length > 0) out.set(q, s);
  }
  return out;
}
