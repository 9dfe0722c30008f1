// The enrollment subgraph's own entries of the access matrix (tests/system/test/access-matrix.integration.test.ts
// reads this file for every registry subgraph that has one): the remote-care registrations by scheme,
// their mutation and import kind, aimed at 鄂温克族自治旗's existing figures. Each must be refused for
// callers out of scope and change nothing. (reportEnrollment and the workflow mutations are still in
// tests/system/test/access/cases.ts.) The shapes are the matrix's, structurally: this folder imports
// nothing from the system tests.

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

const registrationsRead: Op = (t) => ({
  query: /* GraphQL */ `query R($county: ID!, $quarter: Quarter!) {
    region(code: $county) {
      enrollmentRemoteRegistrations(from: $quarter, to: $quarter) { scheme registrations reportedBy updatedAt }
    }
    enrollmentAudit(regionCode: $county) { id }
    states: region(code: $county) { enrollmentReportStates(from: "2023Q1", to: "2024Q4") { quarter status submittedBy approvedBy reopenReason } }
    history: enrollmentReportHistory(regionCode: $county, quarter: $quarter) { id action actorSub }
  }`,
  variables: { county: t.county, quarter: t.quarter },
});

const KEYED: StoredRow = {
  keyedByRegion:
    "a remote-registration row is keyed by (regionCode, quarter, scheme): the stored row a write overwrites is the county named",
};

export const MUTATION_CASES: Record<string, WriteCase> = {
  reportRemoteRegistrations: {
    owner: "enrollment",
    storedRow: KEYED,
    write: (t) => ({
      query: `mutation M($input: RemoteRegistrationInput!) { reportRemoteRegistrations(input: $input) { changed } }`,
      variables: {
        input: { regionCode: t.county, quarter: t.quarter, scheme: "EMPLOYEE", registrations: 1 },
      },
    }),
    reread: registrationsRead,
  },
};

export const IMPORT_CASES: Record<string, ImportCase> = {
  "remote-registration": {
    owner: "enrollment",
    storedRow: KEYED,
    csv: (t) => ["行政区划代码,季度,险种,异地就医备案人次", `${t.county},${t.quarter},居民,1`].join("\n"),
    reread: registrationsRead,
  },
};
