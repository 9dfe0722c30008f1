import { defineMetricCatalogue, defineSummarySource } from "@hsa/kpi";

/**
 * The named sums of payment reform per region × quarter. Four reads supply them (db/rollup.ts, put
 * together by ./sums.ts): the DIP case summary, the eligible institutions, the pools' budgets with
 * their points, and the institution and alliance budgets with their spending. A read that has no
 * row for a quarter reports none of its sums there.
 */
export const paymentSums = defineSummarySource({
  domain: "payment",
  rows: "payment.dip_case_summary, dip_institution, global_budget, global_budget_spend",
  sums: {
    cases: { aggregation: "FLOW", additive: true, unit: "cases", en: "DIP cases" },
    comprehensiveCases: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Cases in comprehensive groups",
    },
    dipFundYuan: { aggregation: "FLOW", additive: true, unit: "yuan", en: "Inpatient fund paid by DIP" },
    inpatientFundYuan: { aggregation: "FLOW", additive: true, unit: "yuan", en: "All inpatient fund paid" },
    dipInstitutions: {
      aggregation: "FLOW",
      additive: false,
      unit: "institutions",
      en: "Institutions with DIP-settled cases in the quarter (distinct per county)",
    },
    eligibleInstitutions: {
      aggregation: "STOCK",
      additive: true,
      unit: "institutions",
      en: "Eligible inpatient institutions in the quarter's year (reported only when there are any)",
    },
    poolBudgetYuan: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: "A quarter's share (¼) of the pools' DIP budgets, for quarters with points",
    },
    points: { aggregation: "FLOW", additive: true, unit: "points", en: "Points earned by DIP cases" },
    spentYuan: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: "Fund paid against institution and alliance budgets",
    },
    globalBudgetYuan: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: "A quarter's share (¼) of the institution and alliance budgets",
    },
  },
});

export type PaymentSumName = keyof typeof paymentSums.sums;

/**
 * The payment-reform KPI catalogue (DESIGN §5, issue 5), each KPI declared on the named sums above.
 * `payment.dip_point_value` is a price, not a rate: value = numerator / denominator (元/点).
 */
export const payment = defineMetricCatalogue(paymentSums, [
  {
    id: "payment.dip_point_value",
    domain: "payment",
    nameZh: "DIP点值",
    nameEn: "DIP point value",
    unit: "元",
    numeratorZh: "统筹地区DIP基金预算（元，按季度均摊）",
    numeratorEn: "DIP fund budget of the pooling areas (yuan, a quarter's share of the year)",
    denominatorZh: "全部病例总点数",
    denominatorEn: "Total points of all DIP cases",
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    numeratorSums: ["poolBudgetYuan"],
    denominatorSums: ["points"],
    valueKind: "quotient",
  },
  {
    id: "payment.dip_coverage",
    domain: "payment",
    nameZh: "DIP付费机构覆盖率",
    nameEn: "DIP coverage of inpatient institutions",
    unit: "%",
    numeratorZh: "按DIP结算的医疗机构数",
    numeratorEn: "Institutions with DIP-settled cases in the quarter",
    denominatorZh: "符合条件的住院医疗机构数",
    denominatorEn: "Eligible inpatient institutions (hospitals)",
    aggregation: "STOCK",
    target: 100,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    maximum: 100,
    numeratorSums: ["dipInstitutions"],
    denominatorSums: ["eligibleInstitutions"],
    valueKind: "ratio",
  },
  {
    id: "payment.dip_fund_share",
    domain: "payment",
    nameZh: "DIP付费住院基金占比",
    nameEn: "Share of inpatient fund paid by DIP",
    unit: "%",
    numeratorZh: "按DIP支付的住院医保基金（元）",
    numeratorEn: "Inpatient fund paid by DIP (yuan)",
    denominatorZh: "住院医保基金支出（元）",
    denominatorEn: "All inpatient fund paid (yuan)",
    aggregation: "FLOW",
    target: 70,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    maximum: 100,
    numeratorSums: ["dipFundYuan"],
    denominatorSums: ["inpatientFundYuan"],
    valueKind: "ratio",
  },
  {
    id: "payment.comprehensive_group_rate",
    domain: "payment",
    nameZh: "综合病种病例占比",
    nameEn: "Share of cases in comprehensive groups",
    unit: "%",
    numeratorZh: "综合病种病例数",
    numeratorEn: "Cases in comprehensive (non-core) groups",
    denominatorZh: "DIP病例总数",
    denominatorEn: "All DIP cases",
    aggregation: "FLOW",
    target: 15,
    higherIsBetter: false,
    direction: "DOWN",
    targetRule: "AT_MOST",
    maximum: 100,
    numeratorSums: ["comprehensiveCases"],
    denominatorSums: ["cases"],
    valueKind: "ratio",
  },
  {
    id: "payment.budget_execution",
    domain: "payment",
    nameZh: "总额预算执行率",
    nameEn: "Global budget execution",
    unit: "%",
    numeratorZh: "实际支付基金（元）",
    numeratorEn: "Fund actually paid (yuan)",
    denominatorZh: "总额预算（元，按季度均摊）",
    denominatorEn: "Global budgets of institutions and alliances (yuan, a quarter's share of the year)",
    aggregation: "FLOW",
    target: 100,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "BAND",
    targetLow: 95,
    targetHigh: 105,
    numeratorSums: ["spentYuan"],
    denominatorSums: ["globalBudgetYuan"],
    valueKind: "ratio",
  },
] as const);

export const paymentMetrics = payment.metrics;

export type PaymentMetricId = (typeof paymentMetrics)[number]["id"];

export const POINT_VALUE_ID: PaymentMetricId = "payment.dip_point_value";

/** Default institution coefficients by grade (机构等级系数), used when a pool configures none. */
export const DEFAULT_COEFFICIENTS = { III: "1.0000", II: "0.8500", I: "0.7000", NONE: "0.6000" } as const;
