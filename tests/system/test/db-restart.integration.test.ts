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
    const notReady = await fetch(new URL("/ready", stack.enrollment.url));
    expect(notReady.status).toBe(503);
    // No driver or database text to the outside (hosts, ports, users): the service log has it.
    const readyText = await notReady.text();
    expect(readyText).not.toMatch(/ECONN|127\.0\.0\.1|:\d{4,5}|postgres|connect/i);
    expect(JSON.parse(readyText).error).toMatch(/service log/);
    expect((await fetch(new URL("/health", stack.gateway.url))).status).toBe(200);

    await pg.resume();
    await waitFor(async () => !(await gql(stack.gateway.url, KPIS, {}, viewer)).errors, {
      timeoutMs: 30_000,
      what: "the gateway answering again after the database restart",
    });
    // The load keeps running into the recovery: its stragglers must not open the breaker again.
    running = false;
    await Promise.all(clients);
    // Every failure during the outage was the coded, retryable one.
    expect([...codes]).toEqual(["DATABASE_UNAVAILABLE"]);
    expect(answered).toBeGreaterThan(0);

    // Recovery is whole: from the first good answer on, every request succeeds — a window of
    // reads through the gateway and straight to the subgraph, with the failed write redone in it.
    const failures: string[] = [];
    let writeDone = false;
    for (let i = 0; i < 60; i++) {
      const viaGateway = i % 2 === 0;
      const url = viaGateway ? stack.gateway.url : stack.enrollment.url;
      if (i === 30) {
        const ok = await gql<{ reportEnrollment: { changed: boolean } }>(url, REPORT, { input }, reporter);
        if (ok.errors) failures.push(`write ${i}: ${JSON.stringify(ok.errors)}`);
        writeDone = ok.data?.reportEnrollment.changed === true;
        continue;
      }
      const r = await gql(url, i % 3 === 0 ? READ : KPIS, {}, viewer);
      if (r.errors)
        failures.push(`${viaGateway ? "gateway" : "subgraph"} read ${i}: ${JSON.stringify(r.errors)}`);
    }
    expect(failures).toEqual([]);
    expect(writeDone).toBe(true);

    const after = await gql(stack.gateway.url, KPIS, {}, viewer);
    expect(after).toEqual(before);
    expect((await fetch(new URL("/ready", stack.enrollment.url))).status).toBe(200);

    // Nothing of the write that failed during the outage was stored: one audit entry, the redo's.
    const read = await gql<{
      enrollmentReport: { insuredEmployee: number } | null;
      enrollmentAudit: unknown[];
    }>(stack.gateway.url, READ, {}, viewer);
    expect(read.data?.enrollmentReport?.insuredEmployee).toBe(input.insuredEmployee);
    expect(read.data?.enrollmentAudit).toHaveLength(1);
  }, 180_000);
});
