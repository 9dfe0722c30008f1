// The fund subgraph's entries of the access matrix (tests/system/test/access-matrix.integration.test.ts
// reads this file for every registry subgraph that has one): its four fact mutations, its workflow
// mutations and its four import kinds, aimed at 鄂温克族自治旗's existing figures. Each must be
// refused for callers out of scope and change nothing. The shapes are the matrix's (structural: this
// folder imports nothing from the system tests).

/** The target region's existing rows (the matrix passes more; these are the ones used here). */
interface Targets {
  county: string;
  quarter: string;
}
type Op = (t: Targets) => { query: string; variables: Record<string, unknown> };
type StoredRow = { file: string } | { keyedByRegion: string };
interface WriteCase {
  owner: string;
  storedRow: StoredRow;
  write: Op;
  reread: Op;
}
interface ImportCase {
  owner: string;
  storedRow: StoredRow;
  csv: (t: Targets) => string;
  reread: Op;
}

const fundRead: Op = (t) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!) {
    region(code: $county) {
      fundReports(from: $quarter, to: $quarter) {
        balances { scheme incomeYuan expenditureYuan accumulatedBalanceYuan updatedAt }
        remoteSettlements { scheme inpatientWithinCases inpatientWithinYuan outpatientCrossCases updatedAt }
        outpatientPooling { visits totalCostYuan inScopeCostYuan fundPaidYuan pharmacyVisits updatedAt }
        assistance { subsidisedPersons subsidyYuan inpatientAssistanceCases twoDiseaseSettlements updatedAt }
      }
    }
    fundAudit(regionCode: $county) { id }
    states: region(code: $county) { fundReportStates(from: "2023Q1", to: "2024Q4") { quarter status submittedBy approvedBy reopenReason } }
    history: fundReportHistory(regionCode: $county, quarter: $quarter) { id action actorSub }
  }`,
  variables: { county: t.county, quarter: t.quarter },
});

/** The fund facts are keyed by (regionCode, quarter[, scheme]): a write can only overwrite the county it names. */
const KEYED_FUND: StoredRow = {
  keyedByRegion:
    "each fund fact is keyed by (regionCode, quarter) or (regionCode, quarter, scheme): the stored row a write overwrites is the county named",
};

const KEYED_STATE: StoredRow = {
  keyedByRegion:
    "the report state row is keyed by (regionCode, quarter): the row it changes is the county named",
};
const transition =
  (verb: string, extra = ""): Op =>
  (t) => ({
    query: `mutation M($c: ID!, $q: Quarter!) { ${verb}FundReport(regionCode: $c, quarter: $q${extra}) { status } }`,
    variables: { c: t.county, q: t.quarter },
  });

export const MUTATION_CASES: Record<string, WriteCase> = {
  reportFundBalance: {
    storedRow: KEYED_FUND,
    owner: "fund",
    write: (t) => ({
      query: `mutation M($input: FundBalanceInput!) { reportFundBalance(input: $input) { changed } }`,
      variables: {
        input: {
          regionCode: t.county,
          quarter: t.quarter,
          scheme: "EMPLOYEE",
          incomeYuan: "0.01",
          expenditureYuan: "0.01",
          accumulatedBalanceYuan: "0.01",
        },
      },
    }),
    reread: fundRead,
  },
  reportRemoteSettlement: {
    storedRow: KEYED_FUND,
    owner: "fund",
    write: (t) => ({
      query: `mutation M($input: RemoteSettlementInput!) { reportRemoteSettlement(input: $input) { changed } }`,
      variables: {
        input: {
          regionCode: t.county,
          quarter: t.quarter,
          scheme: "RESIDENT",
          ...Object.fromEntries(
            ["inpatient", "chronic", "outpatient"].flatMap((k) =>
              ["Within", "Cross"].flatMap((w) => [
                [`${k}${w}Cases`, 1],
                [`${k}${w}Yuan`, "0.01"],
              ]),
            ),
          ),
        },
      },
    }),
    reread: fundRead,
  },
  reportOutpatientPooling: {
    storedRow: KEYED_FUND,
    owner: "fund",
    write: (t) => ({
      query: `mutation M($input: OutpatientPoolingInput!) { reportOutpatientPooling(input: $input) { changed } }`,
      variables: {
        input: {
          regionCode: t.county,
          quarter: t.quarter,
          personsYtd: 1,
          visits: 3,
          totalCostYuan: "3.00",
          inScopeCostYuan: "3.00",
          fundPaidYuan: "2.00",
          pharmacyVisits: 1,
          pharmacyTotalCostYuan: "1.00",
          pharmacyInScopeCostYuan: "1.00",
          pharmacyFundPaidYuan: "0.50",
          institutionVisits: 1,
          institutionTotalCostYuan: "1.00",
          institutionInScopeCostYuan: "1.00",
          institutionFundPaidYuan: "0.50",
        },
      },
    }),
    reread: fundRead,
  },
  reportAssistance: {
    storedRow: KEYED_FUND,
    owner: "fund",
    write: (t) => ({
      query: `mutation M($input: AssistanceInput!) { reportAssistance(input: $input) { changed } }`,
      variables: {
        input: {
          regionCode: t.county,
          quarter: t.quarter,
          subsidisedPersons: 1,
          subsidyYuan: "0.01",
          outpatientAssistanceCases: 1,
          outpatientAssistanceYuan: "0.01",
          inpatientAssistanceCases: 1,
          inpatientAssistanceYuan: "0.01",
          twoDiseaseApproved: 1,
          twoDiseaseSettlements: 1,
          twoDiseaseFundPaidYuan: "0.01",
        },
      },
    }),
    reread: fundRead,
  },
  submitFundReport: { owner: "fund", storedRow: KEYED_STATE, write: transition("submit"), reread: fundRead },
  approveFundReport: {
    owner: "fund",
    storedRow: KEYED_STATE,
    write: transition("approve"),
    reread: fundRead,
  },
  reopenFundReport: {
    owner: "fund",
    storedRow: KEYED_STATE,
    write: transition("reopen", ', reason: "matrix"'),
    reread: fundRead,
  },
};

export const IMPORT_CASES: Record<string, ImportCase> = {
  "fund-balance": {
    storedRow: KEYED_FUND,
    owner: "fund",
    csv: (t) =>
      [
        "行政区划代码,季度,险种,基金收入（元）,基金支出（元）,累计结余（元）",
        `${t.county},${t.quarter},职工,0.01,0.01,0.01`,
      ].join("\n"),
    reread: fundRead,
  },
  "remote-settlement": {
    storedRow: KEYED_FUND,
    owner: "fund",
    csv: (t) => {
      const cols = ["inpatient", "chronic", "outpatient"].flatMap((k) =>
        ["Within", "Cross"].flatMap((w) => [`${k}${w}Cases`, `${k}${w}Yuan`]),
      );
      return [
        ["regionCode", "quarter", "scheme", ...cols].join(","),
        [t.county, t.quarter, "RESIDENT", ...cols.map((c) => (c.endsWith("Cases") ? "1" : "0.01"))].join(","),
      ].join("\n");
    },
    reread: fundRead,
  },
  "outpatient-pooling": {
    storedRow: KEYED_FUND,
    owner: "fund",
    csv: (t) =>
      [
        "regionCode,quarter,personsYtd,visits,totalCostYuan,inScopeCostYuan,fundPaidYuan,pharmacyVisits,pharmacyTotalCostYuan,pharmacyInScopeCostYuan,pharmacyFundPaidYuan,institutionVisits,institutionTotalCostYuan,institutionInScopeCostYuan,institutionFundPaidYuan",
        `${t.county},${t.quarter},1,3,3.00,3.00,2.00,1,1.00,1.00,0.50,1,1.00,1.00,0.50`,
      ].join("\n"),
    reread: fundRead,
  },
  assistance: {
    storedRow: KEYED_FUND,
    owner: "fund",
    csv: (t) =>
      [
        "regionCode,quarter,subsidisedPersons,subsidyYuan,outpatientAssistanceCases,outpatientAssistanceYuan,inpatientAssistanceCases,inpatientAssistanceYuan,twoDiseaseApproved,twoDiseaseSettlements,twoDiseaseFundPaidYuan",
        `${t.county},${t.quarter},1,0.01,1,0.01,1,0.01,1,1,0.01`,
      ].join("\n"),
    reread: fundRead,
  },
};
