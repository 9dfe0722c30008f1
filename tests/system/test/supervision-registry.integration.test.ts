// Issue 14, "approval covers what an approved quarter depends on", through the gateway on PGlite and
// PostgreSQL: the registry is effective-dated (supervision.agreement_history), so a suspension made
// today leaves the inspection coverage of an approved 2024 quarter exactly as it was approved and
// counts from today on; lifting a suspension likewise; registry changes whose dates reach into an
// approved quarter (a registration starting in it, a termination dated in it) are FORBIDDEN with
// REPORT_APPROVED and write nothing, until an approver reopens the quarter.
import type { InstitutionFacts } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import { currentQuarter } from "@hsa/periods";
import { chinaToday, supervisionModule, tableCounts } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const COVERAGE = /* GraphQL */ `
  query C($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      supervisionKpis(from: $from, to: $to, metrics: ["supervision.inspection_coverage"]) {
        total { numerator denominator value status }
        points { quarter numerator denominator value status }
      }
    }
  }`;
const STATES = /* GraphQL */ `
  query S($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) { supervisionReportStates(from: $from, to: $to) { quarter status } }
  }`;
const AGREEMENT = /* GraphQL */ `
  mutation A($input: UpdateAgreementInput!) {
    updateInstitutionAgreement(input: $input) { changed institution { agreementStatus agreementEnd } }
  }`;
const REGISTER = /* GraphQL */ `
  mutation R($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const INSTITUTION = /* GraphQL */ `
  query I($id: ID!) { institution(id: $id) { id agreementStatus agreementEnd } }`;
const RECORD = /* GraphQL */ `
  mutation M($input: RecordInspectionInput!) { recordInspection(input: $input) { created } }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitSupervisionReport(regionCode: $c, quarter: $q) { status } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveSupervisionReport(regionCode: $c, quarter: $q) { status } }`;
const REOPEN = /* GraphQL */ `mutation R($c: ID!, $q: Quarter!, $r: String!) { reopenSupervisionReport(regionCode: $c, quarter: $q, reason: $r) { status } }`;

type Value = { quarter?: string; numerator: number; denominator: number | null; value: number | null };
type Series = { total: Value; points: Value[] };

const COUNTY = "150724";
const APPROVED = "2024Q2";
const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("effective-dated registry and approved coverage on %s", (kind) => {
  let stack: Stack;
  let base: string;
  let reporter: string; // 150724 鄂温克族自治旗
  let approver: string; // 呼伦贝尔市
  let viewer: string;
  const now = currentQuarter();

  const counts = () => tableCounts(stack.handles.supervision?.db as Parameters<typeof tableCounts>[0]);
  async function coverage(from: string, to: string, code = COUNTY): Promise<Series> {
    const r = await gql<{ region: { supervisionKpis: Series[] } }>(
      base,
      COVERAGE,
      { code, from, to },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    return r.data?.region.supervisionKpis[0] as Series;
  }
  async function state(q: string): Promise<string | undefined> {
    const r = await gql<{ region: { supervisionReportStates: { quarter: string; status: string }[] } }>(
      base,
      STATES,
      { code: COUNTY, from: q, to: q },
      viewer,
    );
    return r.data?.region.supervisionReportStates[0]?.status;
  }
  /** Demo institutions of the county, open-ended, registered before 2024, in the given status. */
  const pick = (status: InstitutionFacts["agreementStatus"], n: number): InstitutionFacts => {
    const found = stack.supervision.institutions.filter(
      (i) =>
        i.regionCode === COUNTY &&
        i.agreementStatus === status &&
        i.agreementEnd === null &&
        i.agreementStart < "2023-01-01",
    );
    expect(found.length).toBeGreaterThan(n);
    return found[n] as InstitutionFacts;
  };
  const codes = (r: { errors?: { extensions?: { code?: string } }[] }) =>
    r.errors?.map((e) => e.extensions?.code);

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: [],
      supervisionScopes: [COUNTY],
      // demo approval states: county-quarters with inspections approved before 2024Q4
      seed: async (name, handle) => {
        if (name === "supervision") await supervisionModule.loadDemoReports?.(handle.db);
      },
    });
    base = stack.gateway.url;
    reporter = await token({
      sub: "ewenki",
      name: "鄂温克旗填报员",
      scope: COUNTY,
      roles: ["viewer", "reporter"],
    });
    approver = await token({
      sub: "hlbr",
      name: "呼伦贝尔市审核员",
      scope: "150700",
      roles: ["viewer", "approver"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("acceptance: a 150724 reporter suspends an institution today; the approved 2024 quarter's coverage reads the same", async () => {
    expect(await state(APPROVED)).toBe("APPROVED");
    const target = pick("ACTIVE", 0);
    const year = await coverage("2024Q1", "2024Q4");
    const approved = await coverage(APPROVED, APPROVED);
    const lastYear = await coverage("2025Q4", "2025Q4"); // ended, not approved
    const city = await coverage(APPROVED, APPROVED, "150700");
    const current = await coverage(now, now);
    expect(approved.total.denominator).toBeGreaterThan(0);

    const r = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
      base,
      AGREEMENT,
      { input: { institutionId: target.id, agreementStatus: "SUSPENDED" } },
      reporter,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.updateInstitutionAgreement.changed).toBe(true);

    // The approved quarter, its year, its city and a past unapproved quarter: exactly as before.
    expect(await coverage(APPROVED, APPROVED)).toEqual(approved);
    expect(await coverage("2024Q1", "2024Q4")).toEqual(year);
    expect(await coverage(APPROVED, APPROVED, "150700")).toEqual(city);
    expect(await coverage("2025Q4", "2025Q4")).toEqual(lastYear);
    // The suspension counts from today on: the current quarter's end no longer counts it.
    expect((await coverage(now, now)).total.denominator).toBe((current.total.denominator ?? 0) - 1);
  });

  it("lifting a suspension counts from its date on too; the past keeps the institution suspended", async () => {
    const suspended = pick("SUSPENDED", 0);
    const approved = await coverage(APPROVED, APPROVED);
    const lastYear = await coverage("2025Q1", "2025Q4");
    const current = await coverage(now, now);
    const r = await gql(
      base,
      AGREEMENT,
      { input: { institutionId: suspended.id, agreementStatus: "ACTIVE" } },
      reporter,
    );
    expect(r.errors).toBeUndefined();
    expect(await coverage(APPROVED, APPROVED)).toEqual(approved);
    expect(await coverage("2025Q1", "2025Q4")).toEqual(lastYear);
    expect((await coverage(now, now)).total.denominator).toBe((current.total.denominator ?? 0) + 1);
  });

  it("refuses a registration starting in an approved quarter (REPORT_APPROVED), writes nothing; a later start is fine", async () => {
    const before = await counts();
    const year = await coverage("2024Q1", "2024Q4");
    const input = {
      name: "鄂温克旗补登记药房",
      kind: "PHARMACY",
      ownership: "PRIVATE",
      regionCode: COUNTY,
      agreementStart: "2024-02-01",
    };
    const refused = await gql(base, REGISTER, { input }, reporter);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors?.[0]?.extensions?.reason).toBe("REPORT_APPROVED");
    expect(refused.errors?.[0]?.extensions?.quarters).toContain(APPROVED);
    expect(refused.errors?.[0]?.message).toMatch(/reopen/);
    expect(await counts()).toEqual(before);
    expect(await coverage("2024Q1", "2024Q4")).toEqual(year);

    const open = await coverage("2025Q4", "2025Q4");
    const later = await gql<{ registerInstitution: { id: string } }>(
      base,
      REGISTER,
      { input: { ...input, agreementStart: "2025-01-15" } },
      reporter,
    );
    expect(later.errors).toBeUndefined();
    expect((await coverage("2025Q4", "2025Q4")).total.denominator).toBe((open.total.denominator ?? 0) + 1);
    expect(await coverage("2024Q1", "2024Q4")).toEqual(year);
  });

  it("refuses a termination dated in an approved quarter until an approver reopens it", async () => {
    const target = pick("ACTIVE", 1);
    const before = await counts();
    const approved = await coverage(APPROVED, APPROVED);
    const input = { institutionId: target.id, agreementStatus: "TERMINATED", agreementEnd: "2024-05-15" };
    const refused = await gql(base, AGREEMENT, { input }, reporter);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors?.[0]?.extensions?.reason).toBe("REPORT_APPROVED");
    expect(refused.errors?.[0]?.extensions?.quarters).toEqual(expect.arrayContaining(["2024Q2", "2024Q3"]));
    expect(await counts()).toEqual(before);
    const reread = await gql<{ institution: { agreementStatus: string; agreementEnd: string | null } }>(
      base,
      INSTITUTION,
      { id: target.id },
      viewer,
    );
    expect(reread.data?.institution).toMatchObject({ agreementStatus: "ACTIVE", agreementEnd: null });
    expect(await coverage(APPROVED, APPROVED)).toEqual(approved);

    for (const q of ["2024Q2", "2024Q3"]) {
      const r = await gql(base, REOPEN, { c: COUNTY, q, r: "机构协议解除日期补录" }, approver);
      expect(r.errors).toBeUndefined();
    }
    const done = await gql(base, AGREEMENT, { input }, reporter);
    expect(done.errors).toBeUndefined();
    // Reopened, the quarter follows the registry: the institution no longer counts at 2024-06-30.
    expect((await coverage(APPROVED, APPROVED)).total.denominator).toBe(
      (approved.total.denominator ?? 0) - 1,
    );
  });

  it("refuses a status change while the current quarter is already approved", async () => {
    const target = pick("ACTIVE", 2);
    const rec = await gql(
      base,
      RECORD,
      {
        input: { institutionId: target.id, inspectedOn: chinaToday(), kind: "ROUTINE", findings: "日常巡查" },
      },
      reporter,
    );
    expect(rec.errors).toBeUndefined();
    expect((await gql(base, SUBMIT, { c: COUNTY, q: now }, reporter)).errors).toBeUndefined();
    expect((await gql(base, APPROVE, { c: COUNTY, q: now }, approver)).errors).toBeUndefined();
    const before = await counts();
    const current = await coverage(now, now);
    const r = await gql(
      base,
      AGREEMENT,
      { input: { institutionId: target.id, agreementStatus: "SUSPENDED" } },
      reporter,
    );
    expect(codes(r)).toEqual(["FORBIDDEN"]);
    expect(r.errors?.[0]?.extensions).toMatchObject({ reason: "REPORT_APPROVED", quarters: [now] });
    expect(await counts()).toEqual(before);
    expect(await coverage(now, now)).toEqual(current);
  });
});
