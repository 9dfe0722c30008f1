import { fenToYuan } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import type { Category, PurchaseRow } from "../db/schema";
import { purchaseFact } from "../facts";

export interface Problem {
  field: string;
  message: string;
}

export interface PurchaseItemInput {
  category: Category;
  totalYuan: string;
  networkYuan: string;
  reportedOffNetworkYuan: string;
}

export interface ParsedItem {
  category: Category;
  totalFen: bigint;
  networkFen: bigint;
  reportedOffNetworkFen: bigint;
}

/** Validates a purchase report; returns every problem (by item index) or the items in fen (the declared fact's rules). */
export function validatePurchases(
  quarter: string,
  items: readonly PurchaseItemInput[],
  now: Date = new Date(),
): { problems: Problem[]; parsed: ParsedItem[] } {
  const problems: Problem[] = [];
  const parsed: ParsedItem[] = [];
  const current = currentQuarter(now);
  if (quarterIndex(quarter) > quarterIndex(current)) {
    problems.push({ field: "quarter", message: `${quarter} is in the future (current quarter: ${current})` });
  }
  if (items.length === 0)
    problems.push({ field: "items", message: "at least one category must be reported" });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.category))
      problems.push({ field: `items[${i}].category`, message: `${item.category} is reported twice` });
    seen.add(item.category);
    // the institution and quarter are checked once, by the caller and above
    const r = purchaseFact.check({ ...item, institutionId: "", quarter }, now, `items[${i}].`);
    problems.push(...r.problems.filter((p) => p.field !== `items[${i}].quarter`));
    if (r.problems.length === 0) {
      const { category, totalFen, networkFen, reportedOffNetworkFen } = r.values;
      parsed.push({ category, totalFen, networkFen, reportedOffNetworkFen } as ParsedItem);
    }
  });
  return { problems, parsed };
}

export function purchaseToGraphQL(row: PurchaseRow) {
  const total = Number(row.totalFen);
  return {
    institutionId: row.institutionId,
    regionCode: row.regionCode,
    quarter: row.quarter,
    category: row.category,
    totalYuan: fenToYuan(row.totalFen),
    networkYuan: fenToYuan(row.networkFen),
    reportedOffNetworkYuan: fenToYuan(row.reportedOffNetworkFen),
    networkRate: total === 0 ? null : (100 * Number(row.networkFen + row.reportedOffNetworkFen)) / total,
  };
}
