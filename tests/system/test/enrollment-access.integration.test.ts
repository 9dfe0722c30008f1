// Issue 14 for the enrollment subgraph, through the gateway and directly on the subgraph, on PGlite
// and PostgreSQL: both sides of every write. An enrollment report is keyed by its county and
// quarter, so the stored row a write overwrites is always the row of the county the new values name:
// one scope check covers both sides. This suite proves it from the outside: a county reporter
// cannot overwrite another county's stored report (mutation, import, dry run, a file mixing its
// own county with another), a city reporter only its own counties, a token without scope nothing;
// re-reading shows the stored figures, audit and import log unchanged.
import { enrollmentModule } from "@hsa/enrollment";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type ImportResult, type Stack, startStack, token } from "./stack";

const REPORT = /* GraphQL */ `
  mutation R($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;
const READ = /* GraphQL */ `
  query Read($code: ID!, $q: Quarter!) {
    enrollmentReport(regionCode: $code, quarter: $q) { insuredEmployee subsidyAmountYuan reportedBy updatedAt }
    enrollmentAudit(regionCode: $code, quarter: $q) { id }
  }`;
const COLS =
  "regionCode,regionName,quarter,insuredEmployee,insuredResident,registeredPopulation,evoucherActivated,settlementsTotal,settlementsEvoucher,remoteRegistrations,remoteHospitalisations,subsidisedPersons,subsidyAmountYuan";
const Q = "2023Q2"; // a demo quarter: every county has a stored report

const figures = (regionCode: string) => ({
  regionCode,
  quarter: Q,
  insuredEmployee: 1,
  insuredResident: 2,
  registeredPopulation: 3,
  evoucherActivated: 1,
  settlementsTotal: 5,
  settlementsEvoucher: 1,
  remoteRegistrations: 1,
  remoteHospitalisations: 1,
  subsidisedPersons: 1,
  subsidyAmountYuan: "1.00",
});
const csvRow = (code: string) => `${code},,${Q},1,2,3,1,5,1,1,1,1,1.00`;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("enrollment: both sides of every write on %s", (kind) => {
  let stack: Stack;
  let ewenki: string; // reporter of 150724
  let city: string; // reporter of 150700
  let noScope: string;
  let viewer: string;

  async function stored(code: string) {
    const r = await gql(stack.gateway.url, READ, { code, q: Q }, viewer);
    expect(r.errors).toBeUndefined();
    return r.data;
  }
  async function importLog(): Promise<string> {
    const res = await stack.handles.enrollment?.db.execute(
      "select count(*)::text as n from enrollment.report_import",
    );
    const rows = (Array.isArray(res) ? res : (res as unknown as { rows: { n: string }[] }).rows) as {
      n: string;
    }[];
    return rows[0]?.n ?? "";
  }
  async function upload(csv: string, bearer: string, dryRun = false) {
    const res = await fetch(new URL(`/import/enrollment${dryRun ? "?dryRun=1" : ""}`, stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${bearer}` },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as ImportResult };
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule],
      enrollmentScopes: ["150700", "430600"],
    });
    ewenki = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    city = await token({ sub: "hlbr", scope: "150700", roles: ["viewer", "reporter"] });
    noScope = await token({ sub: "nobody", roles: ["viewer", "reporter"] });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  for (const target of ["gateway", "subgraph"] as const) {
    it(`a reporter cannot overwrite another county's stored report (${target}); nothing changes`, async () => {
      const url = target === "gateway" ? stack.gateway.url : stack.enrollment.url;
      const others = ["430671", "150702"];
      const before = await Promise.all(others.map(stored));
      expect(before.every((b) => (b as { enrollmentReport: unknown }).enrollmentReport !== null)).toBe(true);
      for (const [who, code] of [
        [ewenki, "430671"],
        [ewenki, "150702"],
        [city, "430671"],
        [noScope, "150702"],
      ] as const) {
        const r = await gql(url, REPORT, { input: figures(code) }, who);
        expect(r.errors?.[0]?.extensions?.code, `${code}`).toBe("FORBIDDEN");
        expect(r.data ?? null).toBeNull();
      }
      expect(await Promise.all(others.map(stored))).toEqual(before);
    });
  }

  it("the import refuses another county's rows (a dry run too, and a file mixing its own county), nothing written", async () => {
    const own = await stored("150724");
    const other = await stored("430671");
    const log = await importLog();
    for (const csv of [
      [COLS, csvRow("430671")].join("\n"),
      [COLS, csvRow("150724"), csvRow("150702")].join("\n"),
    ]) {
      for (const dry of [false, true]) {
        const r = await upload(csv, ewenki, dry);
        expect(r.status).toBe(422);
        expect(r.body.errors).toEqual([expect.objectContaining({ column: "行政区划代码" })]);
        expect(r.body.errors[0]?.reason).toMatch(/权限范围|outside your scope/);
      }
    }
    expect((await upload([COLS, csvRow("150702")].join("\n"), noScope)).status).toBe(403);
    expect(await stored("150724")).toEqual(own);
    expect(await stored("430671")).toEqual(other);
    expect(await importLog()).toBe(log);
  });

  it("within scope on both sides the write goes through (the city overwrites its county's report)", async () => {
    const r = await gql<{ reportEnrollment: { changed: boolean } }>(
      stack.gateway.url,
      REPORT,
      { input: figures("150702") },
      city,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.reportEnrollment.changed).toBe(true);
    const after = (await stored("150702")) as {
      enrollmentReport: { insuredEmployee: number; reportedBy: string };
    };
    expect(after.enrollmentReport).toMatchObject({ insuredEmployee: 1, reportedBy: "hlbr" });
  });
});
