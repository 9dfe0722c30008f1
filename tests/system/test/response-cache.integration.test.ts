// The gateway's response cache (issue 17) on PGlite and PostgreSQL: a repeated query is answered
// without touching the database; every write — a mutation, a CSV import, an approval, hand-written
// SQL — is in the very next answer; an entry made for one scope never reaches another; identical
// requests in flight cost one computation.
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const Q = "2025Q1"; // after the demo range: nothing reported yet
const COLS =
  "regionCode,regionName,quarter,insuredEmployee,insuredResident,registeredPopulation,evoucherActivated,settlementsTotal,settlementsEvoucher,remoteRegistrations,remoteHospitalisations,subsidisedPersons,subsidyAmountYuan";
const csvRow = (code: string, employee: number) =>
  [code, "", Q, employee, 98_700, 146_000, 88_100, 70_000, 21_000, 1_650, 1_700, 8_102, "908900.50"].join(
    ",",
  );

const INSURED = /* GraphQL */ `
  query Insured($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      kpis: enrollmentKpis(from: $from, to: $to, metrics: ["enrollment.rate"]) { total { numerator denominator } }
    }
  }`;
const STATES = /* GraphQL */ `
  query States($code: ID!, $q: Quarter!) {
    region(code: $code) { enrollmentReportStates(from: $q, to: $q) { regionCode status } }
  }`;
const REPORT = /* GraphQL */ `
  mutation M($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitEnrollmentReport(regionCode: $c, quarter: $q) { status } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveEnrollmentReport(regionCode: $c, quarter: $q) { status } }`;
const MY_REGIONS = /* GraphQL */ `query Mine { regions { code } }`;
const KPIS = /* GraphQL */ `
  query K($code: ID!) {
    region(code: $code) {
      enrollmentKpis(from: "2023Q1", to: "2023Q4") { metric { id } total { numerator denominator value } }
      children { code enrollmentKpis(from: "2023Q1", to: "2023Q4") { total { numerator denominator } } }
    }
  }`;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("response cache at the gateway on %s", (kind) => {
  let stack: Stack;
  let url: string;
  let nation: string;
  let city: string; // 呼伦贝尔市 viewer
  let reporter: string; // 鄂温克族自治旗 reporter
  let approver: string; // 呼伦贝尔市 approver

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: ["150000", "430000"],
    });
    url = stack.gateway.url;
    nation = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    city = await token({ sub: "hlbr", scope: "150700", roles: ["viewer"] });
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    approver = await token({ sub: "hlbr-appr", scope: "150700", roles: ["viewer", "approver"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const statements = () => Object.values(stack.handles).reduce((n, h) => n + h.stats.statements, 0);
  /** The answer and the SQL statements it cost (the data version read counts too). */
  async function measured<T>(query: string, variables: Record<string, unknown>, bearer: string) {
    const before = statements();
    const res = await gql<T>(url, query, variables, bearer);
    return { res, cost: statements() - before };
  }
  const insured = async (bearer = nation) => {
    const { res, cost } = await measured<{ region: { kpis: { total: { numerator: number } }[] } }>(
      INSURED,
      { code: "150700", from: Q, to: Q },
      bearer,
    );
    expect(res.errors).toBeUndefined();
    return { numerator: res.data?.region.kpis[0]?.total.numerator ?? 0, cost };
  };

  it("answers a repeated query from the cache, and a mutation is in the very next answer", async () => {
    const first = await insured();
    expect(first.numerator).toBe(0);
    expect(first.cost).toBeGreaterThan(1);
    const again = await insured();
    expect(again.numerator).toBe(0);
    expect(again.cost).toBeLessThanOrEqual(1); // at most the data version read: no roll-up
    const written = await gql(
      url,
      REPORT,
      {
        input: {
          regionCode: "150724",
          quarter: Q,
          insuredEmployee: 41_200,
          insuredResident: 98_700,
          registeredPopulation: 146_000,
          evoucherActivated: 88_100,
          settlementsTotal: 70_000,
          settlementsEvoucher: 21_000,
          remoteRegistrations: 1_650,
          remoteHospitalisations: 1_700,
          subsidisedPersons: 8_102,
          subsidyAmountYuan: "908900.50",
        },
      },
      reporter,
    );
    expect(written.errors).toBeUndefined();
    expect((await insured()).numerator).toBe(41_200 + 98_700);
  });

  it("shows a CSV import in the very next answer", async () => {
    await insured(); // cached
    const ok = await uploadCsv(url, "enrollment", [COLS, csvRow("150724", 50_000)].join("\n"), reporter);
    expect(ok.status).toBe(200);
    expect(ok.body.updated).toBe(1);
    expect((await insured()).numerator).toBe(50_000 + 98_700);
  });

  it("shows an approval in the very next answer, and a write by hand-written SQL too", async () => {
    const states = async () => {
      const r = await gql<{ region: { enrollmentReportStates: { regionCode: string; status: string }[] } }>(
        url,
        STATES,
        { code: "150724", q: Q },
        approver,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.region.enrollmentReportStates[0]?.status;
    };
    expect(await states()).toBe("DRAFT");
    expect(await states()).toBe("DRAFT"); // now from the cache
    expect((await gql(url, SUBMIT, { c: "150724", q: Q }, reporter)).errors).toBeUndefined();
    expect(await states()).toBe("SUBMITTED");
    expect((await gql(url, APPROVE, { c: "150724", q: Q }, approver)).errors).toBeUndefined();
    expect(await states()).toBe("APPROVED");

    await insured(); // cached
    const db = stack.handles.enrollment?.db;
    await db?.execute(
      `update enrollment.quarterly_report set insured_employee = 7 where region_code = '150724' and quarter = '${Q}'`,
    );
    expect((await insured()).numerator).toBe(7 + 98_700);
  });

  it("never gives one scope's entry to another", async () => {
    const mine = async (bearer: string) => {
      const r = await gql<{ regions: { code: string }[] }>(url, MY_REGIONS, {}, bearer);
      expect(r.errors).toBeUndefined();
      return r.data?.regions.map((x) => x.code);
    };
    // The same request text, answered per caller: the nation first (kept), then the city.
    expect(await mine(nation)).toEqual(["000000"]);
    expect(await mine(nation)).toEqual(["000000"]);
    expect(await mine(city)).toEqual(["150700"]);
    expect(await mine(city)).toEqual(["150700"]);
    // A national figure kept for 000000 is FORBIDDEN to 150700, however often it was asked.
    const national = { code: "000000" };
    expect((await gql(url, KPIS, national, nation)).errors).toBeUndefined();
    expect((await gql(url, KPIS, national, nation)).errors).toBeUndefined();
    const refused = await gql(url, KPIS, national, city);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.data?.region ?? null).toBeNull();
    // Another leader of the same scope and roles shares the entry (no roll-up for them).
    const other = await token({ sub: "another-leader", scope: "000000", roles: ["viewer"] });
    const shared = await measured(KPIS, national, other);
    expect(shared.res.errors).toBeUndefined();
    expect(shared.cost).toBeLessThanOrEqual(1);
  });

  it("merges identical requests in flight into one computation", async () => {
    // One request alone, for a city not asked before: what one computation costs.
    const one = await measured(KPIS, { code: "150700" }, nation);
    expect(one.res.errors).toBeUndefined();
    // Eight identical requests at once, for another city of the same shape.
    const before = statements();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => gql(url, KPIS, { code: "430600" }, nation)),
    );
    const cost = statements() - before;
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    // One computation, and at most one data-version read per request (the probes that let a waiting
    // request take the shared answer); eight computations would cost 8 × one.cost.
    expect(cost).toBeLessThanOrEqual(one.cost + 8);
    expect(cost).toBeLessThan(8 * one.cost);
  });
});
