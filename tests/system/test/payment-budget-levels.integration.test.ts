// Issue 17 for payment's global budgets, on PGlite and on PostgreSQL: the budget figures at every
// level (INSTITUTION and ALLIANCE budgets per county and year, POOL budgets per pooling area and year,
// their spend per county, quarter and budget year over the county summary the triggers keep) equal
// their GROUP BY at every level, and the KPI reads (`budgetSumsMany`, `pointValueSumsMany`, level
// lookups) equal the raw computations (`…Raw`) at the nation, provinces, cities, pools and counties —
// after the demo's COPY load, the budget and spend mutations (new, changed, unchanged), multi-row
// INSERT … ON CONFLICT, a budget moved to another county, province, kind, pool or year, amounts
// changed, deletes (a budget's spend going with it) and TRUNCATE. A national figure read through the
// gateway shows a new budget and its spend at once. Migrations 0007–0008 fill it all from the rows of
// a database that already has budgets; 0008 ends with exactly what the declarations generate.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, type DbHandle, rowsOf } from "@hsa/db";
import { demoPayment } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import {
  BUDGET_LEVELS_MIGRATION,
  budgetLevelRollups,
  budgetSumsMany,
  budgetSumsManyRaw,
  insertPaymentDemo,
  loadPaymentDemo,
  migrationsFolder as paymentMigrations,
  paymentModule,
  pointValueSumsMany,
  pointValueSumsManyRaw,
} from "@hsa/payment-reform";
import { quarterRange } from "@hsa/periods";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { folderCopy, open } from "./audit-upgrade.helpers";
import { expectLevelsExact, laterLevelMigrationTail } from "./levels";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("the budget level migration", () => {
  it("ends with exactly what budgetLevelRollups generate (tests/system/scripts/levels.ts)", () => {
    const file = join(root, "apps/payment-reform/drizzle", `${BUDGET_LEVELS_MIGRATION}.sql`);
    const { head, tail, generated } = laterLevelMigrationTail(readFileSync(file, "utf8"), budgetLevelRollups);
    expect(head).toContain("CREATE TRIGGER");
    expect(tail).toBe(generated);
    const journal = readFileSync(join(root, "apps/payment-reform/drizzle/meta/_journal.json"), "utf8");
    expect(journal).toContain(`"${BUDGET_LEVELS_MIGRATION}"`);
  });
});

/** The nation, provinces, cities (pools), counties the checks read; 430602 gets moved budgets. */
const REGIONS = ["000000", "150000", "430000", "150700", "430600", "150724", "150702", "430602", "150781"];
/** A wide window and one year (the budget year filter). */
const WINDOWS = [quarterRange("2015Q1", "2026Q4"), quarterRange("2024Q1", "2024Q4")];

const SET_BUDGET = /* GraphQL */ `
  mutation B($input: SetGlobalBudgetInput!) { setGlobalBudget(input: $input) { changed } }`;
const SPEND = /* GraphQL */ `
  mutation S($input: ReportBudgetSpendInput!) { reportBudgetSpend(input: $input) { changed } }`;
const EXECUTION = /* GraphQL */ `
  query K($code: ID!) {
    region(code: $code) {
      paymentKpis(from: "2024Q1", to: "2024Q4", metrics: ["payment.budget_execution"]) { total { numerator denominator } }
    }
  }`;
const ALLIANCE = {
  kind: "ALLIANCE",
  poolingArea: "150700",
  key: "150702-LEVELS",
  name: "海拉尔区医共体（测试）",
  year: 2024,
  budgetYuan: "800000.00",
};

const sorted = (m: Map<string, unknown> | undefined) =>
  [...(m ?? [])].sort(([a], [b]) => String(a).localeCompare(String(b)));

/**
 * The spend summary equals its GROUP BY over the raw rows, every level table its GROUP BY over its
 * source, and the level reads equal the raw reads for every region and window. Returns the number
 * of level rows and of (region, quarter) figures the reads gave.
 */
async function expectBudgetsExact(db: Database): Promise<{ levels: number; figures: number }> {
  const run = async (text: string) => rowsOf<Record<string, string>>(await db.execute(text));
  expect(
    await run(`select region_code, quarter, year, spent_fen::text, row_count::text
      from payment.budget_spend_summary order by 1, 2, 3`),
  ).toEqual(
    await run(`select b.region_code, s.quarter, b.year, sum(s.spent_fen)::text as spent_fen, count(*)::text as row_count
      from payment.global_budget_spend s join payment.global_budget b on b.id = s.budget_id
      where b.kind <> 'POOL' group by 1, 2, 3 order by 1, 2, 3`),
  );
  const levels = await expectLevelsExact(db, budgetLevelRollups);
  let figures = 0;
  for (const quarters of WINDOWS) {
    const [from, to] = [quarters[0] as string, quarters.at(-1) as string];
    const [budgets, budgetsRaw, points, pointsRaw] = await Promise.all([
      budgetSumsMany(db, REGIONS, quarters),
      budgetSumsManyRaw(db, REGIONS, quarters),
      pointValueSumsMany(db, REGIONS, from, to),
      pointValueSumsManyRaw(db, REGIONS, from, to),
    ]);
    for (const r of REGIONS) {
      expect(sorted(budgets.get(r)), `budget execution ${r} ${from}–${to}`).toEqual(
        sorted(budgetsRaw.get(r)),
      );
      expect(sorted(points.get(r)), `point value ${r} ${from}–${to}`).toEqual(sorted(pointsRaw.get(r)));
      figures += (budgets.get(r)?.size ?? 0) + (points.get(r)?.size ?? 0);
    }
  }
  return { levels, figures };
}

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("payment's budget level aggregates kept by triggers on %s", (kind) => {
  let stack: Stack;
  let db: NonNullable<Stack["handles"][string]>["db"];
  let hlbr: string; // 呼伦贝尔市 reporter and approver
  let leader: string;

  const run = async (text: string) => rowsOf<Record<string, string>>(await db.execute(text));
  const exact = () => expectBudgetsExact(db);

  const national = async () => {
    const r = await gql<{
      region: { paymentKpis: { total: { numerator: number; denominator: number } }[] };
    }>(stack.gateway.url, EXECUTION, { code: "000000" }, leader);
    expect(r.errors).toBeUndefined();
    return r.data?.region.paymentKpis[0]?.total as { numerator: number; denominator: number };
  };

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, paymentModule],
      enrollmentScopes: [],
    });
    db = stack.handles.payment?.db as typeof db;
    hlbr = await token({ sub: "hlbr", scope: "150700", roles: ["viewer", "reporter", "approver"] });
    leader = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("equals the raw figures after the demo loads (呼伦贝尔 by COPY, 岳阳 by inserts)", async () => {
    expect(await exact()).toEqual({ levels: 0, figures: 0 });
    expect((await loadPaymentDemo(db, undefined, { scope: "150700" })).skipped).toBe(false);
    await exact();
    await insertPaymentDemo(db, demoPayment({ scope: "430600" }));
    const { levels, figures } = await exact();
    expect(levels).toBeGreaterThan(100);
    expect(figures).toBeGreaterThan(50);
    // the national read has figures for every demo quarter with budgets
    const nation = (await budgetSumsMany(db, ["000000"], quarterRange("2021Q1", "2024Q4"))).get("000000");
    expect(nation?.size).toBe(16);
  });

  it("follows the budget and spend mutations, and the national figure shows them at once", async () => {
    const before = await national();
    const set = await gql(stack.gateway.url, SET_BUDGET, { input: ALLIANCE }, hlbr);
    expect(set.errors).toBeUndefined();
    await exact();
    const afterBudget = await national();
    expect(afterBudget.denominator - before.denominator).toBeCloseTo(800_000, 6);
    expect(afterBudget.numerator).toBe(before.numerator);
    for (const [quarter, spentYuan] of [
      ["2024Q1", "150000.00"],
      ["2024Q2", "210000.50"],
      ["2024Q2", "200000.50"], // corrected
      ["2024Q2", "200000.50"], // unchanged: nothing written
    ]) {
      const r = await gql(
        stack.gateway.url,
        SPEND,
        { input: { kind: "ALLIANCE", key: ALLIANCE.key, quarter, spentYuan } },
        hlbr,
      );
      expect(r.errors).toBeUndefined();
      await exact();
    }
    expect((await national()).numerator - before.numerator).toBeCloseTo(350_000.5, 6);
    // a POOL budget of a year without one, then changed
    for (const budgetYuan of ["9000000.00", "9500000.00"]) {
      const pool = await gql(
        stack.gateway.url,
        SET_BUDGET,
        {
          input: {
            kind: "POOL",
            poolingArea: "150700",
            key: "150700",
            name: "呼伦贝尔 2025",
            year: 2025,
            budgetYuan,
          },
        },
        hlbr,
      );
      expect(pool.errors).toBeUndefined();
      await exact();
    }
    expect(
      (await run("select count(*)::int as n from payment.pool_budget_level where year = 2025"))[0],
    ).toEqual({
      n: 4,
    });
  });

  it("follows hand-written SQL: upserts, moves, changes, deletes and TRUNCATE", async () => {
    // nothing summed changes
    await run("update payment.global_budget_spend set reported_by = 'someone'");
    await run("update payment.global_budget set name = name || '.'");
    await exact();
    // a multi-row upsert (as an import writes): new quarters and changed ones
    await run(`insert into payment.global_budget_spend (budget_id, quarter, spent_fen, reported_by)
      select id, q, 12345, 'sql' from payment.global_budget, (values ('2024Q2'), ('2024Q3')) as v(q)
      where region_code in ('150724', '150702') and year = 2024 and kind <> 'POOL'
      on conflict (budget_id, quarter) do update set spent_fen = excluded.spent_fen`);
    await exact();
    // budgets moved to another county of another province, and to another year
    await run(
      "update payment.global_budget set region_code = '430602' where region_code = '150702' and year = 2023 and kind <> 'POOL'",
    );
    await run("update payment.global_budget set year = 2023 where key = '150702-LEVELS'");
    await exact();
    // another kind (into and out of POOL), another pool, other amounts
    await run(
      "update payment.global_budget set kind = 'POOL' where id = (select min(id) from payment.global_budget where region_code = '150724' and kind <> 'POOL' and year = 2024)",
    );
    await run(
      "update payment.global_budget set kind = 'INSTITUTION', region_code = '150781' where kind = 'POOL' and year = 2025",
    );
    await run(
      "update payment.global_budget set pooling_area = '430600' where kind = 'POOL' and pooling_area = '150700' and year = 2022",
    );
    await run("update payment.global_budget set budget_fen = budget_fen + 7 where region_code like '1507%'");
    await run("update payment.global_budget_spend set quarter = '2019Q4' where quarter = '2024Q3'");
    await exact();
    // deletes: spend of a quarter, then budgets of a county (their spend goes with them)
    await run("delete from payment.global_budget_spend where quarter = '2024Q1'");
    await exact();
    await run("delete from payment.global_budget where region_code = '150724' and year >= 2023");
    await exact();
    await run("delete from payment.global_budget where kind = 'POOL' and pooling_area = '430600'");
    await exact();
    await run("truncate payment.global_budget_spend");
    const noSpend = await exact();
    expect(noSpend.levels).toBeGreaterThan(0);
    expect((await run("select count(*)::int as n from payment.budget_spend_level"))[0]).toEqual({ n: 0 });
    await run("truncate payment.global_budget cascade");
    expect(await exact()).toEqual({ levels: 0, figures: 0 });
    await run(`insert into payment.global_budget (kind, pooling_area, region_code, key, name, year, budget_fen,
        surplus_retained_share, overspend_shared_share, updated_by)
      values ('ALLIANCE', '150700', '150724', '150724-A', 'a', 2024, 400, 0, 0, 'sql'),
        ('INSTITUTION', '430600', '430602', '430602-H-1', 'b', 2024, 800, 0, 0, 'sql')`);
    await run(`insert into payment.global_budget_spend (budget_id, quarter, spent_fen, reported_by)
      select id, '2024Q4', 50, 'sql' from payment.global_budget`);
    const last = await exact();
    expect(last.levels).toBe(2 * (2 * 4 - 1)); // budgets and spend: both counties share the nation's row
    expect(await national()).toEqual({ numerator: 1, denominator: 12 });
  });
});

describe.each(kinds)("migrations 0007–0008 on a database with budgets (%s)", { timeout: 180_000 }, (kind) => {
  const handles: DbHandle[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
  });

  it("fill the spend summary and the budget levels from the rows already there", async () => {
    const h = await open(kind, "payment");
    handles.push(h);
    const before = (tag: string) => tag < "0007";
    await h.migrate(folderCopy(paymentMigrations, before), "payment", { resolveFrom: paymentMigrations });
    await insertPaymentDemo(h.db, demoPayment({ scope: "150700" }));
    await h.migrate(paymentMigrations, "payment");
    const { levels, figures } = await expectBudgetsExact(h.db);
    expect(levels).toBeGreaterThan(100);
    expect(figures).toBeGreaterThan(50);
  });
});
