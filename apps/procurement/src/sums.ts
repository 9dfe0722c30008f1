import type { Sums } from "@hsa/kpi";
import type { VbpSums } from "./db/queries";
import { CATEGORIES, type Category } from "./db/schema";
import { CATEGORY_SUMS, type ProcurementSumName, type PurchaseSums, vbpSumsOf } from "./metrics";

/** Each category's sum names, built once (not per row). */
const SUM_NAMES = Object.fromEntries(
  CATEGORIES.map((c) => {
    const prefix = CATEGORY_SUMS[c];
    return [
      c,
      {
        total: `${prefix}TotalYuan`,
        network: `${prefix}NetworkYuan`,
        reported: `${prefix}ReportedOffNetworkYuan`,
      } as const,
    ];
  }),
) as {
  [C in Category]: {
    total: `${(typeof CATEGORY_SUMS)[C]}TotalYuan`;
    network: `${(typeof CATEGORY_SUMS)[C]}NetworkYuan`;
    reported: `${(typeof CATEGORY_SUMS)[C]}ReportedOffNetworkYuan`;
  };
};

/**
 * The named sums (./metrics) of one region per quarter from the two reads of db/rollup.ts: purchases
 * per category (a category reports its sums in the quarters it has purchases; `purchaseTotalYuan`
 * in every quarter with any) and VBP amounts at the quarter's end.
 */
export function procurementSumsByQuarter(
  purchases: ReadonlyMap<string, ReadonlyMap<Category, PurchaseSums>>,
  vbp: ReadonlyMap<string, VbpSums>,
): Map<string, Partial<Sums<ProcurementSumName>>> {
  const out = new Map<string, Partial<Record<ProcurementSumName, number>>>();
  const at = (q: string) => {
    const s = out.get(q) ?? {};
    out.set(q, s);
    return s;
  };
  for (const [quarter, byCategory] of purchases) {
    const s = at(quarter);
    let total = 0;
    for (const [category, p] of byCategory) {
      const names = SUM_NAMES[category];
      s[names.total] = p.total;
      s[names.network] = p.network;
      s[names.reported] = p.reportedOffNetwork;
      total += p.total;
    }
    s.purchaseTotalYuan = total;
  }
  for (const [quarter, v] of vbp) Object.assign(at(quarter), vbpSumsOf(v));
  return out;
}

/**
 * The purchase categories whose rows the wanted sums read: every category for the total over
 * categories (`purchaseTotalYuan`), else those with a wanted sum of their own — a ranking of the
 * drug network rate reads the drug rows only. A category not read has none of its sums, as when
 * it has no purchases; no KPI that is not asked for reads them.
 */
export function categoriesFor(wanted: ReadonlySet<string>): Category[] {
  if (wanted.has("purchaseTotalYuan")) return [...CATEGORIES];
  return CATEGORIES.filter((c) =>
    ["TotalYuan", "NetworkYuan", "ReportedOffNetworkYuan"].some((n) => wanted.has(`${CATEGORY_SUMS[c]}${n}`)),
  );
}
