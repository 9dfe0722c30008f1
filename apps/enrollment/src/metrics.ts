import { defineMetrics, type MetricDefinition } from "@hsa/kpi";

/** The enrollment KPI catalogue (DESIGN §5). Sums refer to columns summed by queries.ts. */
export const enrollmentMetrics = defineMetrics([
  {
    id: "enrollment.rate",
    domain: "enrollment",
    nameZh: "参保率",
    nameEn: "Enrollment rate",
    unit: "%",
    numeratorZh: "参保人数（职工医保 + 居民医保）",
    numeratorEn: "Insured persons (employee + resident schemes)",
    denominatorZh: "户籍人口",
    denominatorEn: "Registered population",
    aggregation: "STOCK",
    target: 95,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
  {
    id: "enrollment.evoucher_activation",
    domain: "enrollment",
    nameZh: "医保电子凭证激活率",
    nameEn: "E-voucher activation rate",
    unit: "%",
    numeratorZh: "已激活医保电子凭证人数",
    numeratorEn: "Activated e-vouchers",
    denominatorZh: "参保人数",
    denominatorEn: "Insured persons",
    aggregation: "STOCK",
    target: null,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "NONE",
    maximum: 100,
    valueKind: "ratio",
  },
  {
    id: "enrollment.evoucher_settlement_use",
    domain: "enrollment",
    nameZh: "医保电子凭证结算使用率",
    nameEn: "E-voucher settlement use",
    unit: "%",
    numeratorZh: "使用医保电子凭证结算笔数",
    numeratorEn: "Settlements paid with the e-voucher",
    denominatorZh: "全部结算笔数",
    denominatorEn: "All settlements",
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "NONE",
    maximum: 100,
    valueKind: "ratio",
  },
  {
    id: "enrollment.remote_registration",
    domain: "enrollment",
    nameZh: "异地就医备案率",
    nameEn: "Remote-care registration rate",
    unit: "%",
    numeratorZh: "异地就医备案人次",
    numeratorEn: "Registered remote-care cases",
    denominatorZh: "统筹区外住院人次",
    denominatorEn: "Hospitalisations outside the pooling region",
    aggregation: "FLOW",
    target: 90,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
  {
    id: "enrollment.subsidised_persons",
    domain: "enrollment",
    nameZh: "资助参保人数",
    nameEn: "Subsidised enrollment (persons)",
    unit: "人",
    numeratorZh: "资助参保人数（脱贫人口、监测对象等）",
    numeratorEn: "Persons whose contribution was subsidised (poverty-alleviated, monitored households)",
    denominatorZh: null,
    denominatorEn: null,
    // per 参保年度: a stock within a year (year to date at the quarter's end), never summed across years
    aggregation: "STOCK",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    precision: 0,
    valueKind: "count",
  },
  {
    id: "enrollment.subsidy_amount",
    domain: "enrollment",
    nameZh: "资助参保金额",
    nameEn: "Subsidised enrollment (amount)",
    unit: "万元",
    numeratorZh: "资助参保金额（元）",
    numeratorEn: "Subsidy paid for contributions (yuan)",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    valueKind: "yuan_to_wan",
  },
] as const satisfies readonly MetricDefinition[]);

export type EnrollmentMetricId = (typeof enrollmentMetrics)[number]["id"];

/** Per-quarter sums over a region's counties, as read by queries.ts. */
export interface EnrollmentSums {
  reports: number;
  insured: number;
  registeredPopulation: number;
  evoucherActivated: number;
  settlementsTotal: number;
  settlementsEvoucher: number;
  remoteRegistrations: number;
  remoteHospitalisations: number;
  subsidisedPersons: number;
  /** yuan (summed exactly as integer fen in SQL, then divided by 100) */
  subsidyAmountYuan: number;
}

/** The formula of each KPI, in one place: which sums form its numerator and denominator. */
export const formulas: Record<
  EnrollmentMetricId,
  { num: keyof EnrollmentSums; den: keyof EnrollmentSums | null }
> = {
  "enrollment.rate": { num: "insured", den: "registeredPopulation" },
  "enrollment.evoucher_activation": { num: "evoucherActivated", den: "insured" },
  "enrollment.evoucher_settlement_use": { num: "settlementsEvoucher", den: "settlementsTotal" },
  "enrollment.remote_registration": { num: "remoteRegistrations", den: "remoteHospitalisations" },
  "enrollment.subsidised_persons": { num: "subsidisedPersons", den: null },
  "enrollment.subsidy_amount": { num: "subsidyAmountYuan", den: null },
};
