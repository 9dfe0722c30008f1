import { defineMetricCatalogue, type MetricDeclaration } from "@hsa/kpi";
import { type FundSumName, fundSums } from "./sums";

export { fundSums };

type M = MetricDeclaration<FundSumName>;
type Text = { zh: string; en: string };

const base = {
  domain: "fund",
  target: null,
  higherIsBetter: true,
  direction: "NEUTRAL",
  targetRule: "NONE",
} as const;

/** An amount in 万元 (numerator in yuan), never judged. */
const amount = (id: string, name: Text, num: Text, sums: FundSumName[]): M => ({
  ...base,
  id: `fund.${id}`,
  nameZh: name.zh,
  nameEn: name.en,
  unit: "万元",
  numeratorZh: num.zh,
  numeratorEn: num.en,
  denominatorZh: null,
  denominatorEn: null,
  aggregation: "FLOW",
  numeratorSums: sums,
  denominatorSums: null,
  valueKind: "yuan_to_wan",
});

/** A count (cases, visits, persons), never judged. */
const count = (
  id: string,
  name: Text,
  num: Text,
  sums: FundSumName[],
  unit: "人次" | "人" = "人次",
  aggregation: "FLOW" | "STOCK" = "FLOW",
): M => ({
  ...base,
  id: `fund.${id}`,
  nameZh: name.zh,
  nameEn: name.en,
  unit,
  numeratorZh: num.zh,
  numeratorEn: num.en,
  denominatorZh: null,
  denominatorEn: null,
  aggregation,
  precision: 0,
  numeratorSums: sums,
  denominatorSums: null,
  valueKind: "count",
});

/** A rate 100 × Σnum / Σden. */
const ratio = (
  id: string,
  name: Text,
  num: Text & { sums: FundSumName[] },
  den: Text & { sums: FundSumName[] },
  judged: Pick<M, "direction" | "targetRule" | "target" | "higherIsBetter"> &
    Partial<Pick<M, "maximum" | "nearTolerance">>,
): M => ({
  ...base,
  ...judged,
  id: `fund.${id}`,
  nameZh: name.zh,
  nameEn: name.en,
  unit: "%",
  numeratorZh: num.zh,
  numeratorEn: num.en,
  denominatorZh: den.zh,
  denominatorEn: den.en,
  aggregation: "FLOW",
  numeratorSums: num.sums,
  denominatorSums: den.sums,
  valueKind: "ratio",
});

/** A current balance below zero is missed (a deficit), within 2 points of it near; no direction is good. */
const balanceJudged = {
  direction: "NEUTRAL",
  targetRule: "AT_LEAST",
  target: 0,
  higherIsBetter: true,
  nearTolerance: 2,
} as const;
const balanceRate = (id: string, suffix: Text, num: FundSumName, den: FundSumName) =>
  ratio(
    id,
    { zh: `当期结余率${suffix.zh}`, en: `Current balance rate${suffix.en}` },
    {
      zh: `当期结余（基金收入 − 基金支出）${suffix.zh}`,
      en: `Current balance (income − expenditure)${suffix.en}`,
      sums: [num],
    },
    { zh: `基金收入${suffix.zh}`, en: `Fund income${suffix.en}`, sums: [den] },
    balanceJudged,
  );

/** A share of cost: UP (more of it paid, or within the scope, is better for the insured). */
const share = (target: number | null, maximum = 100) =>
  target === null
    ? ({ direction: "UP", targetRule: "NONE", target: null, higherIsBetter: true, maximum } as const)
    : ({ direction: "UP", targetRule: "AT_LEAST", target, higherIsBetter: true, maximum } as const);

const costShares = (p: "outpatient" | "pharmacy" | "institution", where: Text, payTarget: number | null) => [
  ratio(
    `${p}_fund_pay_ratio`,
    { zh: `${where.zh}基金支付比例`, en: `Fund payment ratio${where.en}` },
    { zh: `${where.zh}基金支付（元）`, en: `Paid by the fund${where.en} (yuan)`, sums: [`${p}FundPaidYuan`] },
    { zh: `${where.zh}总费用（元）`, en: `Total cost${where.en} (yuan)`, sums: [`${p}TotalCostYuan`] },
    share(payTarget),
  ),
  ratio(
    `${p}_in_scope_share`,
    { zh: `${where.zh}政策范围内费用占比`, en: `Cost within the payment scope${where.en}` },
    {
      zh: `${where.zh}符合支付范围费用（元）`,
      en: `Cost within the payment scope${where.en} (yuan)`,
      sums: [`${p}InScopeCostYuan`],
    },
    { zh: `${where.zh}总费用（元）`, en: `Total cost${where.en} (yuan)`, sums: [`${p}TotalCostYuan`] },
    share(null),
  ),
];

const EMPLOYEE = { zh: "（职工）", en: " (employee scheme)" };
const RESIDENT = { zh: "（居民）", en: " (resident scheme)" };

/** 累计结余可支付月数: its band (months) is configurable (FUND_RESERVE_MONTHS_BAND, resolvers). */
export const RESERVE_MONTHS_BAND = { low: 6, high: 9 } as const;

/** The fund KPI catalogue, each KPI declared on the named sums of ./sums. */
export const fund = defineMetricCatalogue(fundSums, [
  balanceRate("balance_rate", { zh: "", en: "" }, "currentBalanceYuan", "incomeYuan"),
  balanceRate("balance_rate.employee", EMPLOYEE, "currentBalanceEmployeeYuan", "incomeEmployeeYuan"),
  balanceRate("balance_rate.resident", RESIDENT, "currentBalanceResidentYuan", "incomeResidentYuan"),
  {
    ...base,
    id: "fund.reserve_months",
    nameZh: "累计结余可支付月数",
    nameEn: "Months of expenditure covered by the accumulated balance",
    unit: "月",
    unitEn: "months",
    numeratorZh: "累计结余（元，区间末）",
    numeratorEn: "Accumulated balance at the range's end (yuan)",
    denominatorZh: "月均基金支出（元）",
    denominatorEn: "Average monthly fund expenditure over the range (yuan)",
    aggregation: "FLOW",
    // too little is a risk to benefits, too much is idle money: a band (6–9 months by default)
    direction: "NEUTRAL",
    targetRule: "BAND",
    target: (RESERVE_MONTHS_BAND.low + RESERVE_MONTHS_BAND.high) / 2,
    targetLow: RESERVE_MONTHS_BAND.low,
    targetHigh: RESERVE_MONTHS_BAND.high,
    nearTolerance: 1,
    precision: 1,
    numeratorSums: ["accumulatedBalanceYuan"],
    denominatorSums: ["monthlyExpenditureYuan"],
    valueKind: "quotient",
  },
  amount(
    "income",
    { zh: "基金收入", en: "Fund income" },
    { zh: "基金收入（元）", en: "Fund income (yuan)" },
    ["incomeYuan"],
  ),
  amount(
    "expenditure",
    { zh: "基金支出", en: "Fund expenditure" },
    { zh: "基金支出（元）", en: "Fund expenditure (yuan)" },
    ["expenditureYuan"],
  ),
  ...remoteMetrics(),
  count(
    "outpatient_persons",
    { zh: "门诊统筹享受待遇人数", en: "Persons paid by outpatient pooling" },
    { zh: "本年累计享受门诊统筹人数（区间末）", en: "Distinct persons in the year to the range's end" },
    ["outpatientPersons"],
    "人",
    "STOCK",
  ),
  count(
    "outpatient_visits",
    { zh: "门诊统筹人次", en: "Outpatient pooling visits" },
    { zh: "门诊统筹人次", en: "Outpatient pooling visits" },
    ["outpatientVisits"],
  ),
  ...costShares("outpatient", { zh: "门诊统筹", en: " of outpatient pooling" }, 50),
  count(
    "pharmacy_visits",
    { zh: "定点药店门诊统筹人次", en: "Outpatient pooling visits at pharmacies" },
    { zh: "定点零售药店门诊统筹人次", en: "Visits at designated retail pharmacies" },
    ["pharmacyVisits"],
  ),
  ...costShares("pharmacy", { zh: "定点药店", en: " at pharmacies" }, null),
  count(
    "institution_visits",
    { zh: "定点医疗机构门诊统筹人次", en: "Outpatient pooling visits at medical institutions" },
    {
      zh: "定点医疗机构（含社区卫生服务站、中心、诊所）门诊统筹人次",
      en: "Visits at designated medical institutions (community health stations and centres, clinics)",
    },
    ["institutionVisits"],
  ),
  ...costShares("institution", { zh: "定点医疗机构", en: " at medical institutions" }, null),
  ...assistanceMetrics(),
] as const);

function remoteMetrics(): M[] {
  const perScheme = (id: string, what: Text, sums: [FundSumName, FundSumName], money: boolean) =>
    [EMPLOYEE, RESIDENT].map((s, i) =>
      (money ? amount : count)(
        `${id}.${i === 0 ? "employee" : "resident"}`,
        { zh: `${what.zh}${s.zh}`, en: `${what.en}${s.en}` },
        { zh: `${what.zh}${s.zh}`, en: `${what.en}${s.en}` },
        [sums[i] as FundSumName],
      ),
    );
  return [
    count(
      "remote_cases",
      { zh: "异地就医直接结算人次", en: "Remote-care direct settlements" },
      {
        zh: "异地就医直接结算人次（住院、门诊慢特病、普通门诊）",
        en: "Direct settlements (inpatient, chronic and ordinary outpatient)",
      },
      ["remoteCases"],
    ),
    ...perScheme(
      "remote_cases",
      { zh: "异地就医直接结算人次", en: "Remote-care direct settlements" },
      ["remoteCasesEmployee", "remoteCasesResident"],
      false,
    ),
    amount(
      "remote_fund_paid",
      { zh: "异地就医直接结算基金支付", en: "Fund paid on remote-care direct settlements" },
      { zh: "异地就医直接结算基金支付（元）", en: "Fund paid on remote-care direct settlements (yuan)" },
      ["remotePaidYuan"],
    ),
    ...perScheme(
      "remote_inpatient_cases",
      { zh: "异地住院直接结算人次", en: "Remote inpatient direct settlements" },
      ["remoteInpatientCasesEmployee", "remoteInpatientCasesResident"],
      false,
    ),
    ...perScheme(
      "remote_inpatient_paid",
      { zh: "异地住院直接结算基金支付", en: "Fund paid on remote inpatient settlements" },
      ["remoteInpatientPaidEmployeeYuan", "remoteInpatientPaidResidentYuan"],
      true,
    ),
    ...perScheme(
      "remote_chronic_cases",
      { zh: "异地门诊慢特病直接结算人次", en: "Remote chronic-disease outpatient settlements" },
      ["remoteChronicCasesEmployee", "remoteChronicCasesResident"],
      false,
    ),
    ...perScheme(
      "remote_chronic_paid",
      {
        zh: "异地门诊慢特病直接结算基金支付",
        en: "Fund paid on remote chronic-disease outpatient settlements",
      },
      ["remoteChronicPaidEmployeeYuan", "remoteChronicPaidResidentYuan"],
      true,
    ),
    count(
      "remote_cross_outpatient_cases",
      { zh: "跨省异地门诊统筹直接结算人次", en: "Cross-province outpatient direct settlements" },
      { zh: "跨省异地普通门诊直接结算人次", en: "Cross-province ordinary outpatient direct settlements" },
      ["remoteCrossOutpatientCases"],
    ),
    amount(
      "remote_cross_outpatient_paid",
      { zh: "跨省异地门诊统筹直接结算基金支付", en: "Fund paid on cross-province outpatient settlements" },
      {
        zh: "跨省异地普通门诊直接结算基金支付（元）",
        en: "Fund paid on cross-province ordinary outpatient settlements (yuan)",
      },
      ["remoteCrossOutpatientPaidYuan"],
    ),
    ratio(
      "remote_cross_share",
      { zh: "跨省直接结算人次占比", en: "Cross-province share of remote-care direct settlements" },
      { zh: "跨省异地就医直接结算人次", en: "Cross-province direct settlements", sums: ["remoteCrossCases"] },
      { zh: "异地就医直接结算人次", en: "Remote-care direct settlements", sums: ["remoteCases"] },
      { direction: "NEUTRAL", targetRule: "NONE", target: null, higherIsBetter: true, maximum: 100 },
    ),
  ];
}

function assistanceMetrics(): M[] {
  return [
    {
      ...count(
        "subsidised_persons",
        { zh: "资助参保人数", en: "Subsidised enrollment (persons)" },
        {
          zh: "医疗救助资助参保人数（本年累计）",
          en: "Persons whose contribution assistance paid (year to date)",
        },
        ["subsidisedPersons"],
        "人",
        "STOCK",
      ),
      // per 参保年度, as enrollment.subsidised_persons: year to date at the quarter's end
      accumulate: "YEAR_TO_DATE",
    },
    amount(
      "subsidy_amount",
      { zh: "资助参保金额", en: "Subsidised enrollment (amount)" },
      { zh: "资助参保金额（元）", en: "Contributions subsidised (yuan)" },
      ["subsidyYuan"],
    ),
    count(
      "outpatient_assistance_cases",
      { zh: "门诊救助人次", en: "Outpatient assistance cases" },
      { zh: "门诊医疗救助人次", en: "Outpatient medical assistance cases" },
      ["outpatientAssistanceCases"],
    ),
    amount(
      "outpatient_assistance_amount",
      { zh: "门诊救助金额", en: "Outpatient assistance paid" },
      { zh: "门诊医疗救助金额（元）", en: "Outpatient medical assistance paid (yuan)" },
      ["outpatientAssistanceYuan"],
    ),
    count(
      "inpatient_assistance_cases",
      { zh: "住院救助人次", en: "Inpatient assistance cases" },
      { zh: "住院医疗救助人次", en: "Inpatient medical assistance cases" },
      ["inpatientAssistanceCases"],
    ),
    amount(
      "inpatient_assistance_amount",
      { zh: "住院救助金额", en: "Inpatient assistance paid" },
      { zh: "住院医疗救助金额（元）", en: "Inpatient medical assistance paid (yuan)" },
      ["inpatientAssistanceYuan"],
    ),
    count(
      "two_disease_settlements",
      { zh: "“两病”门诊结算人次", en: "Hypertension / diabetes outpatient settlements" },
      { zh: "“两病”门诊用药保障结算人次", en: "两病 outpatient benefit settlements" },
      ["twoDiseaseSettlements"],
    ),
    amount(
      "two_disease_fund_paid",
      { zh: "“两病”门诊基金支付", en: "Fund paid on hypertension / diabetes outpatient care" },
      { zh: "“两病”门诊基金支付（元）", en: "Fund paid on 两病 outpatient settlements (yuan)" },
      ["twoDiseaseFundPaidYuan"],
    ),
    count(
      "two_disease_approved",
      { zh: "“两病”认定人次", en: "Persons approved for the hypertension / diabetes benefit" },
      { zh: "“两病”审批认定人次", en: "Persons approved for the 两病 outpatient benefit" },
      ["twoDiseaseApproved"],
    ),
  ];
}

export const fundMetrics = fund.metrics;
export type FundMetricId = (typeof fundMetrics)[number]["id"];
