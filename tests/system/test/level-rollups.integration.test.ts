// Issue 17: the region × quarter aggregates at every level (nation, province, city, county), declared
// per subgraph (src/db/levels.ts) and kept by the triggers of the generated migrations. The committed
// migrations are exactly what the declarations generate; and, on PGlite and on PostgreSQL, enrollment's
// aggregate over its county reports equals the raw computation at every level after the demo load, a
// mutation, a CSV import and re-import, submit and approval, hand-written moves, deletes and TRUNCATE
// — and a national figure read through the gateway shows a county's new report at once. (The other
// subgraphs' aggregates are checked the same way after each write path in procurement-summary,
// supervision-summary and payment-import.)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { levelRollupMigration, rowsOf, subtreeRange } from "@hsa/db";
import { levelRollups as enrollmentLevels, enrollmentModule, sumsByQuarterMany } from "@hsa/enrollment";
import { levelRollups as paymentLevels } from "@hsa/payment-reform";
import { levelRollups as procurementLevels } from "@hsa/procurement";
import {
  COVERAGE_LEVELS_MIGRATION,
  coverageLevelRollups,
  levelRollups as supervisionLevels,
} from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLevelsExact, laterLevelMigrationTail, levelMigrationFile, SUBGRAPH_LEVELS } from "./levels";
import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("level roll-up migrations", () => {
  it("are exactly what each subgraph's declarations generate (tests/system/scripts/levels.ts)", () => {
    const specs = {
      enrollment: enrollmentLevels,
      "payment-reform": paymentLevels,
      procurement: procurementLevels,
      supervision: supervisionLevels,
    };
    for (const app of SUBGRAPH_LEVELS) {
      const file = levelMigrationFile(join(root, "apps", app, "drizzle"));
      expect(file, app).toBeDefined();
      const journal = readFileSync(join(root, "apps", app, "drizzle/meta/_journal.json"), "utf8");
      expect(journal, app).toContain(`"${(file as string).split("/").pop()?.replace(".sql", "")}"`);
      expect(readFileSync(file as string, "utf8"), app).toBe(
        specs[app].map(levelRollupMigration).join("--> statement-breakpoint\n"),
      );
    }
    // supervision's coverage levels follow the hand-written county summaries they roll up (0009)
    const file = join(root, "apps/supervision/drizzle", `${COVERAGE_LEVELS_MIGRATION}.sql`);
    const { head, tail, generated } = laterLevelMigrationTail(
      readFileSync(file, "utf8"),
      coverageLevelRollups,
    );
    expect(head).toContain("CREATE TRIGGER");
    expect(tail).toBe(generated);
  });
});

const Q = "2025Q1"; // after the demo range: nothing reported yet
const COLS =
  "regionCode,regionName,quarter,insuredEmployee,insuredResident,registeredPopulation,evoucherActivated,settlementsTotal,settlementsEvoucher,remoteRegistrations,remoteHospitalisations,subsidisedPersons,subsidyAmountYuan";
const csvRow = (code: string, insured: number) =>
  [code, "", Q, insured, 98_700, 146_000, 88_100, 70_000, 21_000, 1_650, 1_700, 8_102, "908900.50"].join(",");
const REPORT = /* GraphQL */ `
  mutation M($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitEnrollmentReport(regionCode: $c, quarter: $q) { status } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveEnrollmentReport(regionCode: $c, quarter: $q) { status } }`;
const RATE = /* GraphQL */ `
  query K($code: ID!, $q: Quarter!) {
    region(code: $code) { enrollmentKpis(from: $q, to: $q, metrics: ["enrollment.rate"]) { total { numerator denominator } } }
  }`;

/** The nation, provinces, cities and counties the checks read (Inner Mongolia and Hunan are in the demo). */
const REGIONS = ["000000", "150000", "430000", "150700", "430600", "150724", "430671", "150702"];

const RAW_SUMS = [
  "insured_employee",
  "insured_resident",
  "registered_population",
  "evoucher_activated",
  "settlements_total",
  "settlements_evoucher",
  "remote_registrations",
  "remote_hospitalisations",
  "subsidised_persons",
] as const;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("enrollment's level aggregate kept by triggers on %s", (kind) => {
  let stack: Stack;
  let db: NonNullable<Stack["handles"][string]>["db"];
  let reporter: string; // 150724 鄂温克族自治旗
  let cityReporter: string; // 呼伦贝尔市
  let approver: string;
  let viewer: string;

  const run = async (text: string) => rowsOf<Record<string, string>>(await db.execute(text));

  /**
   * The level table equals its GROUP BY at every level, and the KPI read (`sumsByQuarterMany`, one
   * level row per region and quarter) equals the raw sums over the county reports of each region.
   */
  const expectExact = async () => {
    const size = await expectLevelsExact(db, enrollmentLevels);
    const groups = REGIONS.map((c) => `('${c}', '${subtreeRange(c).join("', '")}')`).join(", ");
    const raw = await run(`
      select g.code, r.quarter, count(*)::text as reports,
        ${RAW_SUMS.map((c) => `sum(r.${c})::text as ${c}`).join(", ")},
        (sum(r.subsidy_amount_fen)::numeric / 100)::text as yuan
      from enrollment.quarterly_report r join (values ${groups}) as g(code, lo, hi)
        on r.region_code between g.lo and g.hi
      group by 1, 2`);
    const read = await sumsByQuarterMany(db, REGIONS, "2014Q1", "2026Q4");
    const got = REGIONS.flatMap((code) =>
      [...(read.get(code) ?? [])].map(([quarter, s]) => ({ code, quarter, s })),
    );
    expect(got.length).toBe(raw.length);
    for (const r of raw) {
      const s = read.get(String(r.code))?.get(String(r.quarter));
      expect(s, `${r.code} ${r.quarter}`).toMatchObject({
        reports: Number(r.reports),
        insuredEmployee: Number(r.insured_employee),
        insuredResident: Number(r.insured_resident),
        registeredPopulation: Number(r.registered_population),
        evoucherActivated: Number(r.evoucher_activated),
        settlementsTotal: Number(r.settlements_total),
        settlementsEvoucher: Number(r.settlements_evoucher),
        remoteRegistrations: Number(r.remote_registrations),
        remoteHospitalisations: Number(r.remote_hospitalisations),
        subsidisedPersons: Number(r.subsidised_persons),
        subsidyAmountYuan: Number(r.yuan),
      });
    }
    return size;
  };

  const nationalInsured = async () => {
    const res = await gql<{
      region: { enrollmentKpis: { total: { numerator: number; denominator: number } }[] };
    }>(stack.gateway.url, RATE, { code: "000000", q: Q }, viewer);
    expect(res.errors).toBeUndefined();
    return res.data?.region.enrollmentKpis[0]?.total;
  };

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule],
      enrollmentScopes: ["430000", "150000"],
    });
    db = stack.handles.enrollment?.db as typeof db;
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    cityReporter = await token({ sub: "hlbr-rep", scope: "150700", roles: ["viewer", "reporter"] });
    approver = await token({ sub: "hlbr-appr", scope: "150700", roles: ["viewer", "approver"] });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("equals the raw sums at every level after the demo load", async () => {
    expect(await expectExact()).toBeGreaterThan(100);
  });

  it("follows a mutation, and the national figure shows it at once", async () => {
    expect(await nationalInsured()).toMatchObject({ numerator: 0 });
    const input = {
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
    };
    const first = await gql(stack.gateway.url, REPORT, { input }, reporter);
    expect(first.errors).toBeUndefined();
    await expectExact();
    expect(await nationalInsured()).toEqual({ numerator: 139_900, denominator: 146_000 });
    const changed = await gql(
      stack.gateway.url,
      REPORT,
      { input: { ...input, insuredEmployee: 41_300 } },
      reporter,
    );
    expect(changed.errors).toBeUndefined();
    await expectExact();
    expect(await nationalInsured()).toEqual({ numerator: 140_000, denominator: 146_000 });
  });

  it("follows a CSV import and a corrected re-import", async () => {
    const counties = ["150702", "150703", "150721"];
    const first = await uploadCsv(
      stack.gateway.url,
      "enrollment",
      [COLS, ...counties.map((c) => csvRow(c, 40_000))].join("\n"),
      cityReporter,
    );
    expect(first.status).toBe(200);
    await expectExact();
    const again = await uploadCsv(
      stack.gateway.url,
      "enrollment",
      [COLS, ...counties.map((c, i) => csvRow(c, 40_000 + i))].join("\n"),
      cityReporter,
    );
    expect(again.status).toBe(200);
    await expectExact();
    expect(await nationalInsured()).toEqual({
      numerator: 140_000 + 3 * (40_000 + 98_700) + 0 + 1 + 2,
      denominator: 4 * 146_000,
    });
  });

  it("follows submit and approval", async () => {
    const submit = await gql(stack.gateway.url, SUBMIT, { c: "150724", q: Q }, reporter);
    expect(submit.errors).toBeUndefined();
    const approve = await gql(stack.gateway.url, APPROVE, { c: "150724", q: Q }, approver);
    expect(approve.errors).toBeUndefined();
    await expectExact();
  });

  it("follows hand-written SQL: moves, changes, deletes and TRUNCATE", async () => {
    await run(`update enrollment.quarterly_report set reported_by = 'someone' where quarter = '${Q}'`);
    await expectExact();
    // a report moved to another province's county and quarter, another to a county without reports
    await run(
      `update enrollment.quarterly_report set region_code = '430671', quarter = '2014Q4' where region_code = '150702' and quarter = '${Q}'`,
    );
    await run(
      `update enrollment.quarterly_report set region_code = '150784' where region_code = '150703' and quarter = '${Q}'`,
    );
    await expectExact();
    await run(
      `update enrollment.quarterly_report set insured_employee = insured_employee + 7 where region_code like '43%'`,
    );
    await expectExact();
    await run(
      "delete from enrollment.quarterly_report where region_code like '1507%' and quarter < '2020Q1'",
    );
    await expectExact();
    await run("truncate enrollment.quarterly_report");
    expect(await expectExact()).toBe(0);
    await run(
      `insert into enrollment.quarterly_report (region_code, quarter, insured_employee, insured_resident,
         registered_population, evoucher_activated, settlements_total, settlements_evoucher, remote_registrations,
         remote_hospitalisations, subsidised_persons, subsidy_amount_fen, reported_by)
       values ('150724', '${Q}', 1, 2, 3, 0, 0, 0, 0, 0, 0, 5, 'sql'), ('430671', '${Q}', 4, 5, 6, 0, 0, 0, 0, 0, 0, 7, 'sql')`,
    );
    expect(await expectExact()).toBe(2 * 4 - 1); // both share the nation's row
    expect(await nationalInsured()).toEqual({ numerator: 12, denominator: 9 });
  });
});
