// PostgreSQL restarted under load: requests fail cleanly with a coded error, nothing is
// half-written, and everything recovers without restarting the services.
import { enrollmentModule } from "@hsa/enrollment";
import { type PostgresServer, startPostgres, waitFor } from "@hsa/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

const KPIS = `query K { region(code: "150700") { enrollmentKpis(from: "2023Q1", to: "2023Q4", metrics: ["enrollment.rate"]) { total { numerator denominator } } } }`;
const REPORT = `mutation R($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;
const READ = `query Read { enrollmentReport(regionCode: "150724", quarter: "2025Q3") { insuredEmployee } enrollmentAudit(regionCode: "150724", quarter: "2025Q3") { id } }`;
const input = {
  regionCode: "150724",
  quarter: "2025Q3",
  insuredEmployee: 41_000,
  insuredResident: 98_000,
  registeredPopulation: 145_000,
  evoucherActivated: 90_000,
  settlementsTotal: 70_000,
  settlementsEvoucher: 20_000,
  remoteRegistrations: 1_600,
  remoteHospitalisations: 1_700,
  subsidisedPersons: 500,
  subsidyAmountYuan: "150000.00",
};

describe("a PostgreSQL restart under load", () => {
  // A server of its own: pausing the shared one would disturb the other test files.
  let pg: PostgresServer;
  let stack: Stack;
  let viewer: string;
  let reporter: string;

  beforeAll(async () => {
    pg = await startPostgres();
    stack = await startStack("postgres", pg.url, {
      modules: [enrollmentModule],
      enrollmentScopes: ["150700"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["reporter"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await pg?.stop();
  });

  it("fails requests cleanly while the database is down and recovers by itself", async () => {
    const before = await gql(stack.gateway.url, KPIS, {}, viewer);
    expect(before.errors).toBeUndefined();

    // Load: four clients querying in a loop for the whole test.
    let running = true;
    const codes = new Set<string>();
    let answered = 0;
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        const r = await gql(stack.gateway.url, KPIS, {}, viewer).catch(() => null);
        if (r?.errors?.[0]?.extensions?.code) codes.add(r.errors[0].extensions.code);
        else if (r?.data) answered++;
      }
    });

    if (!pg.pause || !pg.resume) throw new Error("this PostgreSQL server cannot be paused");
    await pg.pause();

    const down = await gql(stack.gateway.url, KPIS, {}, viewer);
    expect(down.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    expect(down.errors?.[0]?.message).toMatch(/^the database is unavailable/);
    // Directly on the subgraph too, answered at once rather than queued behind the load.
    const direct = await gql(stack.enrollment.url, KPIS, {}, viewer);
    expect(direct.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    // A write during the outage fails as a whole.
    const write = await gql(stack.gateway.url, REPORT, { input }, reporter);
    expect(write.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    // The services stay up: alive, but not ready.
    expect((await fetch(new URL("/health", stack.enrollment.url))).status).toBe(200);
    expect((await fetch(new URL("/ready", stack.enrollment.url))).status).toBe(503);
    expect((await fetch(new URL("/health", stack.gateway.url))).status).toBe(200);

    await pg.resume();
    await waitFor(async () => !(await gql(stack.gateway.url, KPIS, {}, viewer)).errors, {
      timeoutMs: 30_000,
      what: "the gateway answering again after the database restart",
    });
    running = false;
    await Promise.all(clients);

    const after = await gql(stack.gateway.url, KPIS, {}, viewer);
    expect(after).toEqual(before);
    expect(codes.has("DATABASE_UNAVAILABLE")).toBe(true);
    expect([...codes].every((c) => c === "DATABASE_UNAVAILABLE")).toBe(true);
    expect(answered).toBeGreaterThan(0);
    expect((await fetch(new URL("/ready", stack.enrollment.url))).status).toBe(200);

    // Nothing of the failed write was stored; the same write now succeeds once.
    const read = await gql<{ enrollmentReport: unknown; enrollmentAudit: unknown[] }>(
      stack.gateway.url,
      READ,
      {},
      viewer,
    );
    expect(read.data).toEqual({ enrollmentReport: null, enrollmentAudit: [] });
    const ok = await gql<{ reportEnrollment: { changed: boolean } }>(
      stack.gateway.url,
      REPORT,
      { input },
      reporter,
    );
    expect(ok.data?.reportEnrollment.changed).toBe(true);
  }, 180_000);
});
