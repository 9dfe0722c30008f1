// Query.<domain>LatestQuarter (issue 19: one request per domain at sign-in): the last quarter with
// reported figures in the region's subtree, read from the domain's reported tables — not from KPI
// statuses, which a registry-derived figure (supervision's designated institutions) fills for every
// quarter, so an unfinished quarter without one inspection would look "reported".
import { DEMO_TO } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("the latest reported quarter on %s", (kind) => {
  let stack: Stack;
  let city: string;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: ["150000"],
      supervisionScopes: ["150700"],
    });
    city = await token({ sub: "c", scope: "150700", roles: ["viewer", "reporter"] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function latest(domain: "enrollment" | "supervision", region: string, bearer = city) {
    const r = await gql<Record<string, string | null>>(
      stack.services[domain]?.url as string,
      `query($r: ID!) { q: ${domain}LatestQuarter(region: $r) }`,
      { r: region },
      bearer,
    );
    return r;
  }

  it("is the demo's last reported quarter for a county and its city, in both domains", async () => {
    for (const domain of ["enrollment", "supervision"] as const)
      for (const region of ["150724", "150700"]) {
        const r = await latest(domain, region);
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        expect(r.data?.q, `${domain} ${region}`).toBe(DEMO_TO);
      }
  });

  it("moves to a newer quarter once one county reports it, and not for a sibling county", async () => {
    const reporter = await token({ sub: "r", scope: "150724", roles: ["viewer", "reporter"] });
    const r = await gql(
      stack.services.enrollment?.url as string,
      `mutation($i: EnrollmentReportInput!) { reportEnrollment(input: $i) { changed } }`,
      {
        i: {
          regionCode: "150724",
          quarter: "2025Q1",
          insuredEmployee: 41_200,
          insuredResident: 98_700,
          registeredPopulation: 146_000,
          evoucherActivated: 88_100,
          settlementsTotal: 70_000,
          settlementsEvoucher: 21_000,
          remoteRegistrations: 1_650,
          remoteHospitalisations: 1_700,
          subsidisedPersons: 8_102,
          subsidyAmountYuan: "908900.00",
        },
      },
      reporter,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect((await latest("enrollment", "150724")).data?.q).toBe("2025Q1");
    expect((await latest("enrollment", "150700")).data?.q).toBe("2025Q1");
    expect((await latest("enrollment", "150702")).data?.q).toBe(DEMO_TO);
  });

  it("is FORBIDDEN for a region outside the caller's scope", async () => {
    const r = await latest("supervision", "430600");
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
