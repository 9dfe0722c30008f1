// The access matrix's entries: for every Mutation field and every CSV import kind of the
// supergraph, a write aimed at existing data of 鄂温克族自治旗 (150724, 呼伦贝尔市 150700) and a
// re-read that shows whether anything changed. The matrix test fails on a mutation or import kind
// of the supergraph without an entry here, so no future write path can skip the check.

/** Existing rows of the target region, found in the loaded demo data. */
export interface Targets {
  county: string; // 150724
  city: string; // 150700 (pooling area)
  quarter: string;
  year: number;
  /** a supervision-registered institution of the county with purchases and VBP progress */
  institution: string;
  productId: string;
  /** a DIP institution of the county and one of its DIP groups */
  dipInstitution: string;
  groupCode: string;
  /** a health-alliance global budget of the pool (鄂温克 has none: another county of 150700) */
  allianceKey: string;
  allianceCounty: string;
  /**
   * The first metric of each domain's catalogue (`Query.<domain>Metrics` of every `Query.domains`
   * entry, read from the graph), by domain: the `metric` of `<domain>Ranking`.
   */
  rankingMetrics: Record<string, string>;
}

/**
 * Where the stored-row side of a write is proven (issue 14: a caller covering the new values but
 * not the row they would overwrite, and vice versa): a test file that names the mutation or import
 * kind, or — when the stored row is addressed by the same region as the new values — why.
 */
export type StoredRow = { file: string } | { keyedByRegion: string };

export interface WriteCase {
  /** The owning subgraph's federation name (also read off the supergraph and checked). */
  owner: string;
  storedRow: StoredRow;
  /** The write, aimed at the target region's existing data. */
  write: (t: Targets) => { query: string; variables: Record<string, unknown> };
  /** What must read the same before and after the refused write (read with a national admin token). */
  reread: (t: Targets) => { query: string; variables: Record<string, unknown> };
}

const states = (d: string) => /* GraphQL */ `
  states: region(code: $county) { ${d}ReportStates(from: "2023Q1", to: "2024Q4") { quarter status submittedBy approvedBy reopenReason } }
  history: ${d}ReportHistory(regionCode: $county, quarter: $quarter) { id action actorSub }`;

const enrollmentRead = (t: Targets) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!) {
    enrollmentReport(regionCode: $county, quarter: $quarter) {
      insuredEmployee insuredResident registeredPopulation evoucherActivated settlementsTotal
      settlementsEvoucher remoteRegistrations remoteHospitalisations subsidisedPersons subsidyAmountYuan updatedAt
    }
    enrollmentAudit(regionCode: $county) { id }
    ${states("enrollment")}
  }`,
  variables: { county: t.county, quarter: t.quarter },
});

const procurementRead = (t: Targets) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!, $inst: ID!) {
    institution(id: $inst) {
      purchases(from: "2023Q1", to: "2023Q4") { quarter category totalYuan networkYuan reportedOffNetworkYuan }
      vbpProgress(quarter: $quarter) { productId purchasedVolume }
    }
    procurementAudit(institutionId: $inst) { id }
    ${states("procurement")}
  }`,
  variables: { county: t.county, quarter: t.quarter, inst: t.institution },
});

const paymentRead = (t: Targets) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!, $city: ID!, $year: Int!, $dip: ID!) {
    globalBudgets(poolingArea: $city, year: $year) { kind key regionCode name budgetYuan surplusRetainedShare overspendSharedShare spend { quarter spentYuan } }
    b2024: globalBudgets(poolingArea: $city, year: 2024) { kind key regionCode name budgetYuan spend { quarter spentYuan } }
    institutionCoefficients(poolingArea: $city, year: $year) { grade coefficient }
    dipSettlement(poolingArea: $city, year: $year) { status budgetYuan pointValue totalPoints runAt closedBy reopenedBy reopenReason }
    dipCaseAudit(institutionId: $dip) { id }
    ${states("payment")}
  }`,
  variables: { county: t.county, quarter: t.quarter, city: t.city, year: t.year, dip: t.dipInstitution },
});

const supervisionRead = (t: Targets) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!, $inst: ID!) {
    institution(id: $inst) { name agreementStatus agreementEnd region { code } inspections(first: 200) { totalCount } }
    registry: region(code: $county) { institutions(first: 200) { totalCount } inspections(from: "2023Q1", to: "2024Q4", first: 200) { totalCount } }
    supervisionAudit(regionCode: $county) { id }
    ${states("supervision")}
  }`,
  variables: { county: t.county, quarter: t.quarter, inst: t.institution },
});

const KEYED_STATE: StoredRow = {
  keyedByRegion:
    "the report state row is keyed by (regionCode, quarter): the row it changes is the county named",
};

const workflow = (owner: string, domain: string, reread: WriteCase["reread"]): Record<string, WriteCase> => {
  const P = domain.charAt(0).toUpperCase() + domain.slice(1);
  const at = (t: Targets) => ({ c: t.county, q: t.quarter });
  return {
    [`submit${P}Report`]: {
      owner,
      storedRow: KEYED_STATE,
      write: (t) => ({
        query: `mutation M($c: ID!, $q: Quarter!) { submit${P}Report(regionCode: $c, quarter: $q) { status } }`,
        variables: at(t),
      }),
      reread,
    },
    [`approve${P}Report`]: {
      owner,
      storedRow: KEYED_STATE,
      write: (t) => ({
        query: `mutation M($c: ID!, $q: Quarter!) { approve${P}Report(regionCode: $c, quarter: $q) { status } }`,
        variables: at(t),
      }),
      reread,
    },
    [`reopen${P}Report`]: {
      owner,
      storedRow: KEYED_STATE,
      write: (t) => ({
        query: `mutation M($c: ID!, $q: Quarter!) { reopen${P}Report(regionCode: $c, quarter: $q, reason: "matrix") { status } }`,
        variables: at(t),
      }),
      reread,
    },
  };
};

export const MUTATION_CASES: Record<string, WriteCase> = {
  reportEnrollment: {
    storedRow: { file: "enrollment-access.integration.test.ts" },
    owner: "enrollment",
    write: (t) => ({
      query: `mutation M($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed report { insuredEmployee } } }`,
      variables: {
        input: {
          regionCode: t.county,
          quarter: t.quarter,
          insuredEmployee: 1,
          insuredResident: 1,
          registeredPopulation: 10,
          evoucherActivated: 1,
          settlementsTotal: 1,
          settlementsEvoucher: 1,
          remoteRegistrations: 1,
          remoteHospitalisations: 1,
          subsidisedPersons: 1,
          subsidyAmountYuan: "0.01",
        },
      },
    }),
    reread: enrollmentRead,
  },
  ...workflow("enrollment", "enrollment", enrollmentRead),

  reportPurchases: {
    storedRow: { file: "procurement-access.integration.test.ts" },
    owner: "procurement",
    write: (t) => ({
      query: `mutation M($input: ReportPurchasesInput!) { reportPurchases(input: $input) { changed purchases { totalYuan } } }`,
      variables: {
        input: {
          institutionId: t.institution,
          quarter: t.quarter,
          items: [
            { category: "DRUG", totalYuan: "1.00", networkYuan: "1.00", reportedOffNetworkYuan: "0.00" },
          ],
        },
      },
    }),
    reread: procurementRead,
  },
  reportVbpProgress: {
    storedRow: { file: "procurement-access.integration.test.ts" },
    owner: "procurement",
    write: (t) => ({
      query: `mutation M($input: ReportVbpProgressInput!) { reportVbpProgress(input: $input) { changed progress { purchasedVolume } } }`,
      variables: {
        input: {
          institutionId: t.institution,
          productId: t.productId,
          quarter: t.quarter,
          purchasedVolume: 1,
        },
      },
    }),
    reread: procurementRead,
  },
  ...workflow("procurement", "procurement", procurementRead),

  reportDipCases: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($input: ReportDipCasesInput!) { reportDipCases(input: $input) { changed } }`,
      variables: {
        input: {
          institutionId: t.dipInstitution,
          quarter: t.quarter,
          groups: [
            {
              groupCode: t.groupCode,
              cases: 1,
              fundPrepaidYuan: "1.00",
              dipFundYuan: "1.00",
              inpatientFundYuan: "1.00",
            },
          ],
        },
      },
    }),
    reread: paymentRead,
  },
  runDipSettlement: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($p: ID!, $y: Int!) { runDipSettlement(poolingArea: $p, year: $y) { changed settlement { status } } }`,
      variables: { p: t.city, y: t.year },
    }),
    reread: paymentRead,
  },
  closeDipSettlement: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($p: ID!, $y: Int!) { closeDipSettlement(poolingArea: $p, year: $y) { status } }`,
      variables: { p: t.city, y: t.year },
    }),
    reread: paymentRead,
  },
  reopenDipSettlement: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($p: ID!, $y: Int!) { reopenDipSettlement(poolingArea: $p, year: $y, reason: "matrix") { status } }`,
      variables: { p: t.city, y: t.year },
    }),
    reread: paymentRead,
  },
  setInstitutionCoefficient: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($input: SetCoefficientInput!) { setInstitutionCoefficient(input: $input) { coefficient } }`,
      variables: { input: { poolingArea: t.city, year: t.year, grade: "II", coefficient: "0.5000" } },
    }),
    reread: paymentRead,
  },
  setGlobalBudget: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($input: SetGlobalBudgetInput!) { setGlobalBudget(input: $input) { changed budget { key budgetYuan spend { quarter spentYuan } } } }`,
      variables: {
        input: {
          kind: "ALLIANCE",
          poolingArea: t.city,
          key: t.allianceKey,
          regionCode: t.allianceCounty,
          name: "x",
          year: t.year,
          budgetYuan: "0.01",
          surplusRetainedShare: "0.5000",
          overspendSharedShare: "0.5000",
        },
      },
    }),
    reread: paymentRead,
  },
  reportBudgetSpend: {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    write: (t) => ({
      query: `mutation M($input: ReportBudgetSpendInput!) { reportBudgetSpend(input: $input) { changed budget { key } } }`,
      variables: { input: { kind: "ALLIANCE", key: t.allianceKey, quarter: t.quarter, spentYuan: "0.01" } },
    }),
    reread: paymentRead,
  },
  ...workflow("payment", "payment", paymentRead),

  registerInstitution: {
    storedRow: {
      keyedByRegion: "creates a new institution with a new id in the county named; it changes no stored row",
    },
    owner: "supervision",
    write: (t) => ({
      query: `mutation M($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
      variables: {
        input: {
          name: "矩阵测试医院",
          kind: "HOSPITAL",
          grade: "I",
          ownership: "PRIVATE",
          regionCode: t.county,
          agreementStart: "2023-01-01",
        },
      },
    }),
    reread: supervisionRead,
  },
  updateInstitutionAgreement: {
    storedRow: { file: "supervision-access.integration.test.ts" },
    owner: "supervision",
    write: (t) => ({
      query: `mutation M($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed } }`,
      variables: { input: { institutionId: t.institution, agreementStatus: "SUSPENDED" } },
    }),
    reread: supervisionRead,
  },
  recordInspection: {
    storedRow: { file: "supervision-access.integration.test.ts" },
    owner: "supervision",
    write: (t) => ({
      query: `mutation M($input: RecordInspectionInput!) { recordInspection(input: $input) { created } }`,
      variables: {
        input: {
          institutionId: t.institution,
          inspectedOn: "2023-02-01",
          kind: "ROUTINE",
          findings: "矩阵",
          dispositions: [{ kind: "PENALTY", amountYuan: "1.00" }],
        },
      },
    }),
    reread: supervisionRead,
  },
  ...workflow("supervision", "supervision", supervisionRead),
};

export interface ImportCase {
  owner: string;
  storedRow: StoredRow;
  /** A CSV with one row of the target region's existing data. */
  csv: (t: Targets) => string;
  reread: WriteCase["reread"];
}

export const IMPORT_CASES: Record<string, ImportCase> = {
  enrollment: {
    storedRow: { file: "enrollment-access.integration.test.ts" },
    owner: "enrollment",
    csv: (t) =>
      [
        "regionCode,regionName,quarter,insuredEmployee,insuredResident,registeredPopulation,evoucherActivated,settlementsTotal,settlementsEvoucher,remoteRegistrations,remoteHospitalisations,subsidisedPersons,subsidyAmountYuan",
        `${t.county},,${t.quarter},1,1,10,1,1,1,1,1,1,0.01`,
      ].join("\n"),
    reread: enrollmentRead,
  },
  purchases: {
    storedRow: { file: "procurement-access.integration.test.ts" },
    owner: "procurement",
    csv: (t) =>
      [
        "institutionId,institutionName,quarter,category,totalYuan,networkYuan,reportedOffNetworkYuan",
        `${t.institution},,${t.quarter},DRUG,1.00,1.00,0.00`,
      ].join("\n"),
    reread: procurementRead,
  },
  "vbp-progress": {
    storedRow: { file: "procurement-access.integration.test.ts" },
    owner: "procurement",
    csv: (t) =>
      ["机构编码,集采产品编码,季度,采购量", `${t.institution},${t.productId},${t.quarter},1`].join("\n"),
    reread: procurementRead,
  },
  inspections: {
    storedRow: { file: "supervision-access.integration.test.ts" },
    owner: "supervision",
    csv: (t) =>
      [
        "reference,institutionId,institutionName,regionCode,inspectedOn,kind,findings,dispositionKind,amountYuan,note",
        `MATRIX-1,${t.institution},,${t.county},2023-02-01,ROUTINE,矩阵,PENALTY,1.00,`,
      ].join("\n"),
    reread: supervisionRead,
  },
  "dip-cases": {
    storedRow: { file: "payment-access.integration.test.ts" },
    owner: "payment",
    csv: (t) =>
      [
        "institutionId,quarter,groupCode,cases,fundPrepaidYuan,dipFundYuan,inpatientFundYuan",
        `${t.dipInstitution},${t.quarter},${t.groupCode},1,1.00,1.00,1.00`,
      ].join("\n"),
    reread: paymentRead,
  },
};

/**
 * Values for the required arguments of read fields, by argument name, aimed at the target region
 * (optional arguments are left out: they only narrow a result). A read field with a required
 * argument not listed here makes the matrix fail: add its value here.
 */
export function argumentValue(name: string, t: Targets, field = ""): unknown {
  const values: Record<string, unknown> = {
    // `<domain>Ranking`: the first metric of the domain's catalogue, counties within the target city.
    metric: t.rankingMetrics[field.replace(/Ranking$/, "")],
    level: "COUNTY",
    within: t.city,
    code: t.county,
    // `<domain>LatestQuarter(region)`
    region: t.county,
    regionCode: t.county,
    parent: t.city,
    poolingArea: t.city,
    institutionId: t.institution,
    id: t.institution,
    from: "2023Q1",
    to: "2023Q4",
    quarter: t.quarter,
    year: t.year,
    first: 10,
  };
  return values[name];
}
