import { defineMetricCatalogue, defineSummarySource, figuresOf, type SumDeclaration } from "@hsa/kpi";
import type { Category } from "./db/schema";

/** The prefix of a category's purchase sums. */
const CATEGORY_SUMS = {
  DRUG: "drug",
  CONSUMABLE_SEPARATE: "consumableSeparate",
  CONSUMABLE_NON_SEPARATE: "consumableNonSeparate",
} as const satisfies Record<Category, string>;
type Prefix = (typeof CATEGORY_SUMS)[Category];

const purchases = <const P extends Prefix>(p: P, category: Category) =>
  ({
    [`${p}TotalYuan`]: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: `All purchases, ${category}`,
    },
    [`${p}NetworkYuan`]: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: `Platform purchases, ${category}`,
    },
    [`${p}ReportedOffNetworkYuan`]: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: `Off-network purchases reported (报备), ${category}`,
    },
  }) as Record<`${P}TotalYuan` | `${P}NetworkYuan` | `${P}ReportedOffNetworkYuan`, SumDeclaration>;

const vbp = (unit: "yuan" | "fen" | "institutions", en: string): SumDeclaration => ({
  aggregation: "STOCK",
  additive: true,
  unit,
  en,
});

/**
 * The named sums of procurement per region × quarter (db/rollup.ts, put together by ./sums.ts): the
 * purchase summary per category (yuan, summed as integer fen then / 100) and the VBP summary at
 * each quarter's end. A category without purchases in a quarter reports none of its sums there.
 */
export const procurementSums = defineSummarySource({
  domain: "procurement",
  rows: "procurement.purchase_summary, vbp_summary",
  sums: {
    ...purchases("drug", "DRUG"),
    ...purchases("consumableSeparate", "CONSUMABLE_SEPARATE"),
    ...purchases("consumableNonSeparate", "CONSUMABLE_NON_SEPARATE"),
    purchaseTotalYuan: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: "All purchases of every category (the categories' totals added)",
    },
    vbpPurchasedYuan: vbp(
      "yuan",
      "Purchased since each agreement year's start × 中选价, agreements in force",
    ),
    vbpAgreedYuan: vbp("yuan", "Agreed volume × 中选价 of the agreements in force"),
    vbpAgreedFen: vbp("fen", "The same agreed amount in fen (the weight of 序时进度)"),
    vbpElapsedAgreedFen: vbp("fen", "Σ elapsed share of each agreement's own year × its agreed amount (fen)"),
    vbpInstitutions: vbp("institutions", "Institutions with agreements in force"),
    vbpBehind: vbp("institutions", "Institutions behind schedule (below 80% of 序时进度)"),
  },
});

export type ProcurementSumName = keyof typeof procurementSums.sums;

const networkRate = <const I extends string, const C extends Category>(
  category: C,
  id: I,
  nameZh: string,
  nameEn: string,
  target: number | null,
) => {
  const p = CATEGORY_SUMS[category] as (typeof CATEGORY_SUMS)[C];
  return {
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
    // 网采率 — no national text defines it; from the seeds' own figures (鄂温克族自治旗 2023Q1:
    // 8,143,100 + 353,800 of 8,748,900 = 97.12%, where network alone would give 93.08%),
    // off-network purchases that were reported (报备) count as compliant.
    numeratorSums: [`${p}NetworkYuan`, `${p}ReportedOffNetworkYuan`],
    denominatorSums: [`${p}TotalYuan`],
    valueKind: "ratio",
  } as const;
};

/** The procurement KPI catalogue (DESIGN §5), each KPI declared on the named sums above. */
export const procurement = defineMetricCatalogue(procurementSums, [
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
    numeratorSums: ["purchaseTotalYuan"],
    denominatorSums: null,
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
    numeratorSums: ["vbpPurchasedYuan"],
    denominatorSums: ["vbpAgreedYuan"],
    elapsedSums: { weighted: "vbpElapsedAgreedFen", weight: "vbpAgreedFen" },
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
    // a count of institutions: whole numbers (the default 2 decimals would show "3.00 家")
    precision: 0,
    numeratorSums: ["vbpBehind"],
    denominatorSums: null,
    valueKind: "count",
  },
] as const);

export const procurementMetrics = procurement.metrics;

export { CATEGORY_SUMS };

function declared(id: ProcurementMetricId): (typeof procurementMetrics)[number] {
  const m = procurementMetrics.find((d) => d.id === id);
  if (!m) throw new Error(`procurement: no metric ${id}`);
  return m;
}

export type ProcurementMetricId = (typeof procurementMetrics)[number]["id"];

/** Purchase amounts of one category summed over institutions (yuan). */
export interface PurchaseSums {
  total: number;
  network: number;
  reportedOffNetwork: number;
}

/** 网采率's numerator and denominator from one category's sums (the declared formula above). */
export function networkRateParts(s: PurchaseSums): { numerator: number; denominator: number } {
  const f = figuresOf(declared("procurement.network_rate.drug"), {
    drugTotalYuan: s.total,
    drugNetworkYuan: s.network,
    drugReportedOffNetworkYuan: s.reportedOffNetwork,
  });
  return { numerator: f?.numerator ?? 0, denominator: f?.denominator ?? 0 };
}

/** VBP amounts of a region at the end of a quarter, at agreed prices (中选价), integer fen. */
export interface VbpAmounts {
  agreedFen: number;
  purchasedFen: number;
  /** Σ elapsed share of each agreement's own year × its agreed amount */
  elapsedAgreedFen: number;
}

/**
 * 集采约定量完成率 (issue 15): weighted by agreed amount, never adding volumes of different units
 * (片 + 支 + 粒). Numerator: purchased volume × 中选价 summed over the agreements in force (yuan);
 * denominator: agreed volume × 中选价 (yuan); 序时进度 (`elapsed`, 0..1) weighted the same way, so
 * `expected` = 100 × Σ share × agreed amount / Σ agreed amount. The declared formula above, on one
 * region's amounts.
 */
export function vbpCompletionParts(s: VbpAmounts): {
  numerator: number;
  denominator: number;
  elapsed: number | null;
} {
  const f = figuresOf(vbpCompletion, vbpSumsOf(s));
  return { numerator: f?.numerator ?? 0, denominator: f?.denominator ?? 0, elapsed: f?.elapsed ?? null };
}

/** The VBP named sums of one region and quarter from its amounts (fen). */
export function vbpSumsOf(s: VbpAmounts & { institutions?: number; behind?: number }) {
  return {
    vbpPurchasedYuan: s.purchasedFen / 100,
    vbpAgreedYuan: s.agreedFen / 100,
    vbpAgreedFen: s.agreedFen,
    vbpElapsedAgreedFen: s.elapsedAgreedFen,
    vbpInstitutions: s.institutions ?? 0,
    vbpBehind: s.behind ?? 0,
  } satisfies Partial<Record<ProcurementSumName, number>>;
}

const vbpCompletion = procurementMetrics.find(
  (m) => m.id === "procurement.vbp_completion",
) as (typeof procurementMetrics)[number];

/**
 * 序时进度: completion below this share of the elapsed agreement time flags an institution. Also
 * written into `procurement.vbp_summary_refresh` (drizzle/0007, last replaced in 0009): change both, with a migration.
 */
export const BEHIND_SCHEDULE_FACTOR = 0.8;
