import { defineSummarySource, type SumDeclaration } from "@hsa/kpi";

const flow = (unit: SumDeclaration["unit"], en: string) =>
  ({ aggregation: "FLOW", additive: true, unit, en }) as const;
const yuan = (en: string) => flow("yuan", `${en} (summed exactly as integer fen, then / 100)`);
const cases = (en: string) => flow("cases", en);

/**
 * The named sums of the fund domain per region × quarter, over the reporting units' four facts
 * (summed by db/rollup.ts, one statement per fact table): every KPI of ./metrics is declared on them.
 */
export const fundSums = defineSummarySource({
  domain: "fund",
  rows: "fund.fund_balance, remote_settlement, outpatient_pooling, assistance",
  sums: {
    // fund_balance (both schemes unless named)
    incomeYuan: yuan("Fund income"),
    expenditureYuan: yuan("Fund expenditure"),
    currentBalanceYuan: yuan("Current balance: income − expenditure (may be negative)"),
    incomeEmployeeYuan: yuan("Fund income, employee scheme"),
    currentBalanceEmployeeYuan: yuan("Current balance, employee scheme"),
    incomeResidentYuan: yuan("Fund income, resident scheme"),
    currentBalanceResidentYuan: yuan("Current balance, resident scheme"),
    accumulatedBalanceYuan: {
      aggregation: "STOCK",
      additive: true,
      unit: "yuan",
      en: "Accumulated balance at the quarter's end",
    },
    monthlyExpenditureYuan: {
      aggregation: "FLOW",
      additive: false,
      unit: "yuan",
      en: "Average monthly expenditure: a quarter's expenditure / 3; over a range, Σ expenditure / (3 × quarters in the range), counted again",
    },
    // remote_settlement
    remoteCasesEmployee: cases(
      "Remote-care direct settlements, employee scheme (every kind, within and across provinces)",
    ),
    remoteCasesResident: cases("Remote-care direct settlements, resident scheme"),
    remotePaidYuan: yuan("Fund paid on remote-care direct settlements"),
    remoteInpatientCasesEmployee: cases("Inpatient remote-care direct settlements, employee scheme"),
    remoteInpatientPaidEmployeeYuan: yuan("Fund paid on them"),
    remoteInpatientCasesResident: cases("Inpatient remote-care direct settlements, resident scheme"),
    remoteInpatientPaidResidentYuan: yuan("Fund paid on them"),
    remoteChronicCasesEmployee: cases(
      "Chronic-disease outpatient remote-care direct settlements, employee scheme",
    ),
    remoteChronicPaidEmployeeYuan: yuan("Fund paid on them"),
    remoteChronicCasesResident: cases(
      "Chronic-disease outpatient remote-care direct settlements, resident scheme",
    ),
    remoteChronicPaidResidentYuan: yuan("Fund paid on them"),
    remoteCrossCases: cases("Cross-province remote-care direct settlements (every kind, both schemes)"),
    remoteCases: cases("Remote-care direct settlements (every kind, both schemes)"),
    remoteCrossOutpatientCases: cases("Cross-province ordinary outpatient direct settlements"),
    remoteCrossOutpatientPaidYuan: yuan("Fund paid on them"),
    // outpatient_pooling
    outpatientPersons: {
      aggregation: "STOCK",
      additive: true,
      unit: "persons",
      en: "Distinct persons paid by outpatient pooling in the year to the quarter's end",
    },
    outpatientVisits: cases("Outpatient pooling visits"),
    outpatientTotalCostYuan: yuan("Total cost of outpatient pooling visits"),
    outpatientInScopeCostYuan: yuan("Their cost within the payment scope"),
    outpatientFundPaidYuan: yuan("Paid by the pooled fund"),
    pharmacyVisits: cases("Outpatient pooling visits at designated retail pharmacies"),
    pharmacyTotalCostYuan: yuan("Their total cost"),
    pharmacyInScopeCostYuan: yuan("Their cost within the payment scope"),
    pharmacyFundPaidYuan: yuan("Paid by the fund"),
    institutionVisits: cases(
      "Outpatient pooling visits at designated medical institutions (community, clinics)",
    ),
    institutionTotalCostYuan: yuan("Their total cost"),
    institutionInScopeCostYuan: yuan("Their cost within the payment scope"),
    institutionFundPaidYuan: yuan("Paid by the fund"),
    // assistance
    subsidisedPersons: flow("persons", "Persons whose contribution was subsidised in the quarter"),
    subsidyYuan: yuan("Contributions subsidised"),
    outpatientAssistanceCases: cases("Outpatient assistance cases"),
    outpatientAssistanceYuan: yuan("Outpatient assistance paid"),
    inpatientAssistanceCases: cases("Inpatient assistance cases"),
    inpatientAssistanceYuan: yuan("Inpatient assistance paid"),
    twoDiseaseApproved: flow("persons", "Persons approved for the 两病 outpatient benefit"),
    twoDiseaseSettlements: cases("两病 outpatient settlements"),
    twoDiseaseFundPaidYuan: yuan("Fund paid on them"),
  },
});

export type FundSumName = keyof typeof fundSums.sums;
