import { defineMetrics, type MetricDefinition } from "@hsa/kpi";
import type { Category } from "./db/schema";

const networkRate = (
  category: Category,
  id: string,
  nameZh: string,
  nameEn: string,
  target: number | null,
): MetricDefinition => ({
  id,
  domain: "procurement",
  nameZh,
  nameEn,
  unit: "%",
  numeratorZh: "网采金额 + 报备的网外采购金额（元）",
  numeratorEn: `Platform (network) purchases + reported off-network purchases, ${category} (yuan)`,
  denominatorZh: "采购总金额（元）",
  denominatorEn: `All purchases, ${category} (yuan)`,
  aggregation: "FLOW",
  target,
  higherIsBetter: true,
  direction: "UP",
  targetRule: target === null ? "NONE" : "AT_LEAST",
  maximum: 100,
  valueKind: "ratio",
});

/** The procurement KPI catalogue (DESIGN §5). */
export const procurementMetrics = defineMetrics([
  networkRate("DRUG", "procurement.network_rate.drug", "药品网采率", "Drug network purchase rate", 95),
  networkRate(
    "CONSUMABLE_SEPARATE",
    "procurement.network_rate.consumable_separate",
    "可单独收费医用耗材网采率",
    "Network purchase rate, separately chargeable consumables",
    90,
  ),
  networkRate(
    "CONSUMABLE_NON_SEPARATE",
    "procurement.network_rate.consumable_non_separate",
    "不可单独收费医用耗材网采率",
    "Network purchase rate, non-separately chargeable consumables",
    null,
  ),
  {
    id: "procurement.purchase_amount",
    domain: "procurement",
    nameZh: "药品耗材采购总金额",
    nameEn: "Purchases of drugs and consumables",
    unit: "万元",
    numeratorZh: "药品与医用耗材采购总金额（元）",
    numeratorEn: "All purchases of drugs and consumables (yuan)",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    valueKind: "yuan_to_wan",
  },
  {
    id: "procurement.vbp_completion",
    domain: "procurement",
    nameZh: "集采约定量完成率",
    nameEn: "VBP agreed-volume completion",
    unit: "%",
    numeratorZh: "协议期内累计采购金额（元，按中选价计：Σ累计采购量×中选价）",
    numeratorEn:
      "Amount purchased since the start of each agreement year at agreed prices, Σ purchased volume × 中选价 (yuan)",
    denominatorZh: "约定采购金额（元，Σ约定采购量×中选价）",
    denominatorEn: "Agreed amount of the agreements in force, Σ agreed volume × 中选价 (yuan)",
    aggregation: "STOCK",
    target: 100,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "ELAPSED",
    valueKind: "ratio",
  },
  {
    id: "procurement.vbp_behind_schedule",
    domain: "procurement",
    nameZh: "集采进度滞后机构数",
    nameEn: "Institutions behind VBP schedule",
    unit: "家",
    numeratorZh: "累计完成率（按约定采购金额加权）低于序时进度80%的医疗机构数",
    numeratorEn:
      "Institutions whose completion (weighted by agreed amount) is below 80% of the elapsed share of the agreement year",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "STOCK",
    target: 0,
    higherIsBetter: false,
    direction: "DOWN",
    targetRule: "AT_MOST",
    valueKind: "count",
  },
] as const satisfies readonly MetricDefinition[]);

export type ProcurementMetricId = (typeof procurementMetrics)[number]["id"];

export const NETWORK_RATE_CATEGORY: Record<string, Category> = {
  "procurement.network_rate.drug": "DRUG",
  "procurement.network_rate.consumable_separate": "CONSUMABLE_SEPARATE",
  "procurement.network_rate.consumable_non_separate": "CONSUMABLE_NON_SEPARATE",
};

/** Purchase amounts of one category summed over institutions (yuan). */
export interface PurchaseSums {
  total: number;
  network: number;
  reportedOffNetwork: number;
}

/**
 * 网采率 — the one place its formula lives. No national text defines it; from the seeds' own
 * figures (鄂温克族自治旗 2023Q1: 8,143,100 + 353,800 of 8,748,900 = 97.12%, where network alone
 * would give 93.08%), off-network purchases that were reported (报备) count as compliant.
 */
export function networkRateParts(s: PurchaseSums): { numerator: number; denominator: number } {
  return { numerator: s.network + s.reportedOffNetwork, denominator: s.total };
}

/** VBP amounts of a region at the end of a quarter, at agreed prices (中选价), integer fen. */
export interface VbpAmounts {
  agreedFen: number;
  purchasedFen: number;
  /** Σ elapsed share of each agreement's own year × its agreed amount */
  elapsedAgreedFen: number;
}

/**
 * 集采约定量完成率 — the one place its formula lives (issue 15): weighted by agreed amount, never
 * adding volumes of different units (片 + 支 + 粒). Numerator: purchased volume × 中选价 summed over
 * the agreements in force (yuan); denominator: agreed volume × 中选价 (yuan); 序时进度 (`elapsed`,
 * 0..1) weighted the same way, so `expected` = 100 × Σ share × agreed amount / Σ agreed amount.
 */
export function vbpCompletionParts(s: VbpAmounts): {
  numerator: number;
  denominator: number;
  elapsed: number | null;
} {
  return {
    numerator: s.purchasedFen / 100,
    denominator: s.agreedFen / 100,
    elapsed: s.agreedFen > 0 ? s.elapsedAgreedFen / s.agreedFen : null,
  };
}

/**
 * 序时进度: completion below this share of the elapsed agreement time flags an institution. Also
 * written into `procurement.vbp_summary_refresh` (drizzle/0007, last replaced in 0009): change both, with a migration.
 */
export const BEHIND_SCHEDULE_FACTOR = 0.8;
