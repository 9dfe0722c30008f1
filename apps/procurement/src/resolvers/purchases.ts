import { fenToYuan, yuanToFen } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { CATEGORIES, type Category, type PurchaseRow } from "../db/schema";

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

/** Validates a purchase report; returns every problem (by item index) or the items in fen. */
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
    const at = `items[${i}]`;
    if (!CATEGORIES.includes(item.category))
      problems.push({ field: `${at}.category`, message: `unknown category ${item.category}` });
    if (seen.has(item.category))
      problems.push({ field: `${at}.category`, message: `${item.category} is reported twice` });
    seen.add(item.category);
    const total = yuanToFen(item.totalYuan);
    const network = yuanToFen(item.networkYuan);
    const reported = yuanToFen(item.reportedOffNetworkYuan);
    for (const [name, value, raw] of [
      ["totalYuan", total, item.totalYuan],
      ["networkYuan", network, item.networkYuan],
      ["reportedOffNetworkYuan", reported, item.reportedOffNetworkYuan],
    ] as const) {
      if (value === null) {
        problems.push({
          field: `${at}.${name}`,
          message: `${name} "${raw}" must be a non-negative amount in yuan with at most two decimals`,
        });
      }
    }
    if (total !== null && network !== null && reported !== null) {
      if (network + reported > total) {
        problems.push({
          field: `${at}.networkYuan`,
          message: `${item.category}: network (${item.networkYuan}) + reported off-network (${item.reportedOffNetworkYuan}) exceed the total (${item.totalYuan})`,
        });
      } else
        parsed.push({
          category: item.category,
          totalFen: total,
          networkFen: network,
          reportedOffNetworkFen: reported,
        });
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
