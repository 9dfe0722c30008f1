import { defineMetricCatalogue, defineSummarySource } from "@hsa/kpi";

const distinct = (en: string) =>
  ({ aggregation: "FLOW", additive: false, unit: "institutions", en }) as const;
const active = (en: string) => ({ aggregation: "STOCK", additive: true, unit: "institutions", en }) as const;
const yuan = (en: string) => ({ aggregation: "FLOW", additive: true, unit: "yuan", en }) as const;

/**
 * The named sums of supervision per region × quarter (db/rollup.ts): from the registry with its
 * agreement history, the inspection and disposition summaries. The distinct counts (institutions
 * inspected, interviewed) add over regions but not over quarters: a range counts them again.
 */
export const supervisionSums = defineSummarySource({
  domain: "supervision",
  rows: "supervision.institution, inspection_summary, disposition_summary",
  sums: {
    inspections: { aggregation: "FLOW", additive: true, unit: "inspections", en: "Inspections" },
    inspected: distinct("Institutions active at the quarter's end inspected in it (distinct)"),
    active: active("Institutions with an active agreement at the quarter's end"),
    inspectedTertiary: distinct("The same over designated 三级 (grade III) hospitals"),
    activeTertiary: active("The same over designated 三级 (grade III) hospitals"),
    inspectedSecondary: distinct("The same over designated 二级 (grade II) hospitals"),
    activeSecondary: active("The same over designated 二级 (grade II) hospitals"),
    interviews: distinct("Institutions interviewed with rectification orders (distinct per county)"),
    recoveryYuan: yuan("Misused fund money recovered (summed as integer fen, then / 100)"),
    penaltyYuan: yuan("Administrative fines"),
    refusalYuan: yuan("Claims refused on review"),
    deductionYuan: yuan("Deducted from the reserve on assessment"),
    selfCorrectionYuan: yuan("Refunded after self-inspection"),
  },
});

export type SupervisionSumName = keyof typeof supervisionSums.sums;

const amount = <const I extends string, const S extends SupervisionSumName>(
  id: I,
  sum: S,
  nameZh: string,
  nameEn: string,
  numeratorZh: string,
  numeratorEn: string,
) =>
  ({
    id,
    domain: "supervision",
    nameZh,
    nameEn,
    unit: "万元",
    numeratorZh,
    numeratorEn,
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    numeratorSums: [sum],
    denominatorSums: null,
    valueKind: "yuan_to_wan",
  }) as const;

/**
 * Inspection coverage of one hospital grade (DESIGN §5: tertiary 100%, secondary ≥ 50%): the same
 * formula as `supervision.inspection_coverage`, over the designated hospitals of that grade.
 */
const coverageTier = <
  const I extends string,
  const In extends SupervisionSumName,
  const Ac extends SupervisionSumName,
>(
  id: I,
  inspected: In,
  active: Ac,
  nameZh: string,
  nameEn: string,
  gradeZh: string,
  gradeEn: string,
  target: number,
) =>
  ({
    id,
    domain: "supervision",
    nameZh,
    nameEn,
    unit: "%",
    numeratorZh: `期内至少检查一次且期末协议状态为正常的${gradeZh}定点医院数（按机构去重）`,
    numeratorEn: `Designated ${gradeEn} hospitals with an active agreement at the end of the period inspected at least once in it (distinct)`,
    denominatorZh: `期末协议状态为正常的${gradeZh}定点医院数`,
    denominatorEn: `Designated ${gradeEn} hospitals with an active agreement at the end of the period`,
    aggregation: "FLOW",
    target,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    maximum: 100,
    numeratorSums: [inspected],
    denominatorSums: [active],
    valueKind: "ratio",
  }) as const;

/** The supervision KPI catalogue (DESIGN §5), each KPI declared on the named sums above. */
export const supervision = defineMetricCatalogue(supervisionSums, [
  {
    id: "supervision.inspections",
    domain: "supervision",
    nameZh: "检查次数",
    nameEn: "Inspections",
    unit: "次",
    numeratorZh: "对定点医药机构的检查次数",
    numeratorEn: "Inspections of designated institutions",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "NONE",
    precision: 0,
    numeratorSums: ["inspections"],
    denominatorSums: null,
    valueKind: "count",
  },
  {
    id: "supervision.inspection_coverage",
    domain: "supervision",
    nameZh: "检查覆盖率",
    nameEn: "Inspection coverage",
    unit: "%",
    numeratorZh: "期内至少检查一次且期末协议状态为正常的机构数（按机构去重，跨季度不重复计数）",
    numeratorEn:
      "Institutions with an active agreement at the end of the period inspected at least once in it (distinct: over a quarter range each institution counts once, not once per quarter)",
    denominatorZh: "期末协议状态为正常的定点医药机构数",
    denominatorEn: "Designated institutions with an active agreement at the end of the period",
    aggregation: "FLOW",
    target: 50,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    maximum: 100,
    numeratorSums: ["inspected"],
    denominatorSums: ["active"],
    valueKind: "ratio",
  },
  coverageTier(
    "supervision.coverage_tertiary",
    "inspectedTertiary",
    "activeTertiary",
    "三级定点医院检查覆盖率",
    "Inspection coverage of tertiary (三级) hospitals",
    "三级",
    "tertiary (grade III)",
    100,
  ),
  coverageTier(
    "supervision.coverage_secondary",
    "inspectedSecondary",
    "activeSecondary",
    "二级定点医院检查覆盖率",
    "Inspection coverage of secondary (二级) hospitals",
    "二级",
    "secondary (grade II)",
    50,
  ),
  amount(
    "supervision.recovered_amount",
    "recoveryYuan",
    "追回违规基金",
    "Recovered funds",
    "追回违规使用的医保基金（元）",
    "Misused fund money recovered (yuan)",
  ),
  amount(
    "supervision.penalty_amount",
    "penaltyYuan",
    "行政处罚金额",
    "Administrative penalties",
    "行政处罚罚款（元）",
    "Administrative fines (yuan)",
  ),
  amount(
    "supervision.refusal_amount",
    "refusalYuan",
    "审核拒付金额",
    "Refused on review",
    "审核拒付金额（元）",
    "Claims refused on review (yuan)",
  ),
  amount(
    "supervision.deduction_amount",
    "deductionYuan",
    "预留金考核扣付",
    "Reserve deductions",
    "预留金考核扣付金额（元）",
    "Deducted from the reserve on assessment (yuan)",
  ),
  amount(
    "supervision.self_correction_amount",
    "selfCorrectionYuan",
    "自查自纠退回",
    "Self-correction refunds",
    "自查自纠退回金额（元）",
    "Refunded after self-inspection (yuan)",
  ),
  {
    id: "supervision.interviews",
    domain: "supervision",
    nameZh: "约谈机构数",
    nameEn: "Institutions interviewed",
    unit: "家",
    numeratorZh: "约谈整改的定点医药机构数（去重）",
    numeratorEn: "Distinct institutions interviewed with rectification orders",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    precision: 0,
    numeratorSums: ["interviews"],
    denominatorSums: null,
    valueKind: "count",
  },
] as const);

export const supervisionMetrics = supervision.metrics;

export type SupervisionMetricId = (typeof supervisionMetrics)[number]["id"];

/** One region's figures for one quarter, as db/rollup.ts fills them: every named sum. */
export type SupervisionSums = Record<SupervisionSumName, number>;

/** Which disposition kind each amount sum adds up. */
export const AMOUNT_SUMS = {
  RECOVERY: "recoveryYuan",
  PENALTY: "penaltyYuan",
  REFUSAL: "refusalYuan",
  DEDUCTION: "deductionYuan",
  SELF_CORRECTION: "selfCorrectionYuan",
} as const satisfies Record<string, keyof SupervisionSums>;
