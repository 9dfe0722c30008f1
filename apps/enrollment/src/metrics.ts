import { defineMetricCatalogue, defineSummarySource, type Sums } from "@hsa/kpi";

/**
 * The named sums of enrollment, per region × quarter over the reporting units' quarterly reports
 * (summed by db/rollup.ts and db/queries.ts): every KPI below is declared on them.
 */
export const enrollmentSums = defineSummarySource({
  domain: "enrollment",
  rows: "enrollment.quarterly_report, remote_registration",
  sums: {
    reports: { aggregation: "FLOW", additive: true, unit: "reports", en: "Quarterly reports received" },
    insuredEmployee: {
      aggregation: "STOCK",
      additive: true,
      unit: "persons",
      en: "Insured persons, employee scheme, at the quarter's end",
    },
    insuredResident: {
      aggregation: "STOCK",
      additive: true,
      unit: "persons",
      en: "Insured persons, resident scheme, at the quarter's end",
    },
    registeredPopulation: {
      aggregation: "STOCK",
      additive: true,
      unit: "persons",
      en: "Registered population",
    },
    evoucherActivated: { aggregation: "STOCK", additive: true, unit: "persons", en: "Activated e-vouchers" },
    settlementsTotal: { aggregation: "FLOW", additive: true, unit: "cases", en: "All settlements" },
    settlementsEvoucher: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Settlements paid with the e-voucher",
    },
    remoteRegistrations: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Registered remote-care cases",
    },
    remoteHospitalisations: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Hospitalisations outside the pooling region",
    },
    remoteRegistrationsEmployee: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Remote-care registrations filed, employee scheme (enrollment.remote_registration rows)",
    },
    remoteRegistrationsResident: {
      aggregation: "FLOW",
      additive: true,
      unit: "cases",
      en: "Remote-care registrations filed, resident scheme (enrollment.remote_registration rows)",
    },
    subsidisedPersons: {
      aggregation: "FLOW",
      additive: true,
      unit: "persons",
      en: "Persons newly subsidised in the quarter",
    },
    subsidyAmountYuan: {
      aggregation: "FLOW",
      additive: true,
      unit: "yuan",
      en: "Subsidy paid (summed exactly as integer fen, then divided by 100)",
    },
  },
});

export type EnrollmentSumName = keyof typeof enrollmentSums.sums;

/** The sums of the remote-registration fact (a table of its own); the others come from the quarterly reports. */
export const REGISTRATION_SUMS = ["remoteRegistrationsEmployee", "remoteRegistrationsResident"] as const;
const REPORT_SUMS = (Object.keys(enrollmentSums.sums) as EnrollmentSumName[]).filter(
  (n) => !(REGISTRATION_SUMS as readonly string[]).includes(n),
);

/** The quarterly reports' sums of a summary row (each column aliased by its sum's name; exact text). */
export function readReportSums(row: Record<string, unknown>): Partial<Sums<EnrollmentSumName>> {
  const out: Partial<Record<EnrollmentSumName, number>> = {};
  for (const name of REPORT_SUMS) {
    if (!(name in row)) throw new Error(`enrollment: the summary row has no sum "${name}"`);
    const v = row[name];
    const n = v === null || v === undefined ? 0 : Number(v);
    if (Number.isNaN(n)) throw new Error(`enrollment sum "${name}": not a number: ${String(v)}`);
    out[name] = n;
  }
  return out;
}

/** The enrollment KPI catalogue (DESIGN §5), each KPI declared on the named sums above. */
export const enrollment = defineMetricCatalogue(enrollmentSums, [
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
    numeratorSums: ["insuredEmployee", "insuredResident"],
    denominatorSums: ["registeredPopulation"],
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
    numeratorSums: ["evoucherActivated"],
    denominatorSums: ["insuredEmployee", "insuredResident"],
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
    numeratorSums: ["settlementsEvoucher"],
    denominatorSums: ["settlementsTotal"],
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
    numeratorSums: ["remoteRegistrations"],
    denominatorSums: ["remoteHospitalisations"],
    valueKind: "ratio",
  },
  {
    id: "enrollment.remote_registrations",
    domain: "enrollment",
    nameZh: "异地就医备案人次",
    nameEn: "Remote-care registrations",
    unit: "人次",
    numeratorZh: "办理的异地就医备案人次（职工医保 + 居民医保）",
    numeratorEn: "Remote-care registrations filed (employee + resident schemes)",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    precision: 0,
    numeratorSums: ["remoteRegistrationsEmployee", "remoteRegistrationsResident"],
    denominatorSums: null,
    valueKind: "count",
  },
  {
    id: "enrollment.remote_registrations.employee",
    domain: "enrollment",
    nameZh: "职工异地就医备案人次",
    nameEn: "Remote-care registrations, employee scheme",
    unit: "人次",
    numeratorZh: "职工医保办理的异地就医备案人次",
    numeratorEn: "Remote-care registrations filed, employee scheme",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    precision: 0,
    numeratorSums: ["remoteRegistrationsEmployee"],
    denominatorSums: null,
    valueKind: "count",
  },
  {
    id: "enrollment.remote_registrations.resident",
    domain: "enrollment",
    nameZh: "居民异地就医备案人次",
    nameEn: "Remote-care registrations, resident scheme",
    unit: "人次",
    numeratorZh: "居民医保办理的异地就医备案人次",
    numeratorEn: "Remote-care registrations filed, resident scheme",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    precision: 0,
    numeratorSums: ["remoteRegistrationsResident"],
    denominatorSums: null,
    valueKind: "count",
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
    numeratorSums: ["subsidisedPersons"],
    denominatorSums: null,
    accumulate: "YEAR_TO_DATE",
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
    numeratorSums: ["subsidyAmountYuan"],
    denominatorSums: null,
    valueKind: "yuan_to_wan",
  },
] as const);

export const enrollmentMetrics = enrollment.metrics;

export type EnrollmentMetricId = (typeof enrollmentMetrics)[number]["id"];
