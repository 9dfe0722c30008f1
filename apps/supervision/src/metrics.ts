import { defineMetrics, type MetricDefinition } from "@hsa/kpi";

const amount = <const I extends string>(
  id: I,
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
    valueKind: "yuan_to_wan",
  }) as const;

/**
 * Inspection coverage of one hospital grade (DESIGN §5: tertiary 100%, secondary ≥ 50%): the same
 * formula as `supervision.inspection_coverage`, over the designated hospitals of that grade.
 */
const coverageTier = <const I extends string>(
  id: I,
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
    valueKind: "ratio",
  }) as const;

/** The supervision KPI catalogue (DESIGN §5). Sums refer to fields of SupervisionSums (queries.ts). */
export const supervisionMetrics = defineMetrics([
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
    valueKind: "ratio",
  },
  coverageTier(
    "supervision.coverage_tertiary",
    "三级定点医院检查覆盖率",
    "Inspection coverage of tertiary (三级) hospitals",
    "三级",
    "tertiary (grade III)",
    100,
  ),
  coverageTier(
    "supervision.coverage_secondary",
    "二级定点医院检查覆盖率",
    "Inspection coverage of secondary (二级) hospitals",
    "二级",
    "secondary (grade II)",
    50,
  ),
  amount(
    "supervision.recovered_amount",
    "追回违规基金",
    "Recovered funds",
    "追回违规使用的医保基金（元）",
    "Misused fund money recovered (yuan)",
  ),
  amount(
    "supervision.penalty_amount",
    "行政处罚金额",
    "Administrative penalties",
    "行政处罚罚款（元）",
    "Administrative fines (yuan)",
  ),
  amount(
    "supervision.refusal_amount",
    "审核拒付金额",
    "Refused on review",
    "审核拒付金额（元）",
    "Claims refused on review (yuan)",
  ),
  amount(
    "supervision.deduction_amount",
    "预留金考核扣付",
    "Reserve deductions",
    "预留金考核扣付金额（元）",
    "Deducted from the reserve on assessment (yuan)",
  ),
  amount(
    "supervision.self_correction_amount",
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
    valueKind: "count",
  },
] as const satisfies readonly MetricDefinition[]);

export type SupervisionMetricId = (typeof supervisionMetrics)[number]["id"];

/** Per-quarter sums over a region's subtree, as read by queries.ts. */
export interface SupervisionSums {
  inspections: number;
  /** distinct institutions inspected in the quarter among those active at its end (never above `active`) */
  inspected: number;
  /** institutions with an active agreement at the end of the quarter */
  active: number;
  /** the same two over the designated 三级 (grade III) hospitals */
  inspectedTertiary: number;
  activeTertiary: number;
  /** the same two over the designated 二级 (grade II) hospitals */
  inspectedSecondary: number;
  activeSecondary: number;
  interviews: number;
  /** yuan (summed exactly as integer fen in SQL, then divided by 100) */
  recoveryYuan: number;
  penaltyYuan: number;
  refusalYuan: number;
  deductionYuan: number;
  selfCorrectionYuan: number;
}

/** The formula of each KPI, in one place: which sums form its numerator and denominator. */
export const formulas: Record<
  SupervisionMetricId,
  { num: keyof SupervisionSums; den: keyof SupervisionSums | null }
> = {
  "supervision.inspections": { num: "inspections", den: null },
  "supervision.inspection_coverage": { num: "inspected", den: "active" },
  "supervision.coverage_tertiary": { num: "inspectedTertiary", den: "activeTertiary" },
  "supervision.coverage_secondary": { num: "inspectedSecondary", den: "activeSecondary" },
  "supervision.recovered_amount": { num: "recoveryYuan", den: null },
  "supervision.penalty_amount": { num: "penaltyYuan", den: null },
  "supervision.refusal_amount": { num: "refusalYuan", den: null },
  "supervision.deduction_amount": { num: "deductionYuan", den: null },
  "supervision.self_correction_amount": { num: "selfCorrectionYuan", den: null },
  "supervision.interviews": { num: "interviews", den: null },
};

/** Which disposition kind each amount sum adds up. */
export const AMOUNT_SUMS = {
  RECOVERY: "recoveryYuan",
  PENALTY: "penaltyYuan",
  REFUSAL: "refusalYuan",
  DEDUCTION: "deductionYuan",
  SELF_CORRECTION: "selfCorrectionYuan",
} as const satisfies Record<string, keyof SupervisionSums>;
