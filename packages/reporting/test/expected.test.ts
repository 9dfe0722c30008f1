// Issue 15 item 6: completeness counts the units expected to report each domain (HSA_EXPECTED_UNITS),
// on a real PGlite database with the reporting tables.
import { openDatabase } from "@hsa/db";
import { reportingUnits } from "@hsa/regions";
import { sql } from "drizzle-orm";
import { pgSchema } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedUnits, expectedUnitsConfigFromEnv } from "../src/expected";
import { reportingTables } from "../src/tables";
import { createWorkflow } from "../src/workflow";

describe("HSA_EXPECTED_UNITS", () => {
  it("parses per-domain include / exclude lists and refuses what it cannot mean", () => {
    expect(expectedUnitsConfigFromEnv({})).toEqual({});
    const cfg = expectedUnitsConfigFromEnv({
      HSA_EXPECTED_UNITS: '{"payment":{"include":["150700"],"exclude":["150724"]}}',
    });
    const e = expectedUnits("payment", cfg);
    expect(e.count("150700")).toBe(reportingUnits("150700").length - 1);
    expect(e.isExpected("150702")).toBe(true);
    expect(e.isExpected("150724")).toBe(false);
    expect(e.isExpected("430671")).toBe(false); // outside include
    expect(e.count("000000")).toBe(e.count("150700"));
    // another domain is untouched: every reporting unit
    expect(expectedUnits("enrollment", cfg).count("000000")).toBe(reportingUnits("000000").length);
    expect(() => expectedUnitsConfigFromEnv({ HSA_EXPECTED_UNITS: "{payment" })).toThrow(/not valid JSON/);
    expect(() =>
      expectedUnitsConfigFromEnv({ HSA_EXPECTED_UNITS: '{"payment":{"include":["431121"]}}' }),
    ).toThrow(/431121/); // retired 祁阳县: named, not silently ignored
    expect(() =>
      expectedUnitsConfigFromEnv({ HSA_EXPECTED_UNITS: '{"payment":{"only":["150700"]}}' }),
    ).toThrow(/unknown key/);
  });
});

describe("completeness against the expected units (pglite)", () => {
  const schema = pgSchema("exp_test");
  const tables = reportingTables(schema);
  let handle: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    handle = await openDatabase({ subgraph: "exp_test", pgliteDataDir: "memory://" });
    await handle.db.execute(sql`create schema exp_test`);
    await handle.db.execute(sql`create table exp_test.report_state (
      region_code varchar(6) not null, quarter varchar(6) not null, status varchar(16) not null,
      first_submitted_at timestamptz, submitted_at timestamptz, submitted_by text,
      approved_at timestamptz, approved_by text, reopened_at timestamptz, reopened_by text,
      reopen_reason text, updated_at timestamptz not null default now(), primary key (region_code, quarter))`);
    // 150700: two counties approved, one only drafted; 150724 (excluded below) approved too.
    for (const [code, status] of [
      ["150702", "APPROVED"],
      ["150721", "SUBMITTED"],
      ["150722", "DRAFT"],
      ["150724", "APPROVED"],
    ] as const) {
      await handle.db.execute(
        sql`insert into exp_test.report_state (region_code, quarter, status, first_submitted_at) values (${code}, '2024Q1', ${status}, '2024-04-05T02:00:00Z')`,
      );
    }
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  const workflow = (config: Record<string, { include?: string[]; exclude?: string[] }>) =>
    createWorkflow({
      domain: "payment",
      db: handle.db,
      tables: tables as never,
      reportedKeys: async () => new Set(),
      expectedUnits: expectedUnits("payment", config),
      now: () => new Date("2025-01-01T00:00:00Z"),
    });

  it("by default every reporting unit of the city is expected", async () => {
    const c = await workflow({}).completenessMany(["150700"], ["2024Q1"]);
    const v = c.get("150700")?.get("payment.reporting_completeness")?.get("2024Q1");
    expect(v).toEqual({ quarter: "2024Q1", numerator: 3, denominator: reportingUnits("150700").length });
  });

  it("an excluded county is neither expected nor counted as received (never above 100%)", async () => {
    const w = workflow({ payment: { exclude: ["150724"] } });
    const c = await w.completenessMany(["150700", "150724"], ["2024Q1"]);
    expect(c.get("150700")?.get("payment.reporting_completeness")?.get("2024Q1")).toEqual({
      quarter: "2024Q1",
      numerator: 2,
      denominator: reportingUnits("150700").length - 1,
    });
    expect(c.get("150724")?.get("payment.reporting_completeness")?.get("2024Q1")).toEqual({
      quarter: "2024Q1",
      numerator: 0,
      denominator: 0,
    });
    // what PARTIAL_REPORTING is judged on: every quarter, ended or not
    const r = await w.reportedMany(["150700"], ["2024Q1", "2024Q2"]);
    expect(r.get("150700")?.get("2024Q1")).toMatchObject({
      received: 2,
      expected: reportingUnits("150700").length - 1,
    });
    expect(r.get("150700")?.get("2024Q2")).toMatchObject({ received: 0 });
  });

  it("only the units included: two counties expected, both reported → 100%", async () => {
    const w = workflow({ payment: { include: ["150702", "150721"] } });
    const c = await w.completenessMany(["150700"], ["2024Q1"]);
    expect(c.get("150700")?.get("payment.reporting_completeness")?.get("2024Q1")).toEqual({
      quarter: "2024Q1",
      numerator: 2,
      denominator: 2,
    });
  });
});
