// The first start's demo load (COPY, settlements computed in memory) stores exactly what the tests'
// insert path stores (inserts, settlements run from the stored aggregates): same cases, budgets,
// settlements and lines, same summaries and budget levels, so `npm start` shows the figures the
// tests check.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, type DbHandle, openDatabase } from "@hsa/db";
import { demoPayment } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { insertPaymentDemo, loadPaymentDemo, migrationsFolder } from "../src";

const SCOPE = "150700"; // 呼伦贝尔: 鄂温克族自治旗's pool, with the seed

async function rowsOf(db: Database, query: string) {
  const res = await db.execute(sql.raw(query));
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

async function snapshot(db: Database) {
  return {
    cases: await rowsOf(
      db,
      `select institution_id, quarter, group_code, group_type, cases, score::text, coefficient::text,
        points::text, fund_prepaid_fen::text, dip_fund_fen::text, inpatient_fund_fen::text
      from payment.dip_case_aggregate order by 1, 2, 3`,
    ),
    summary: await rowsOf(
      db,
      "select * from payment.dip_case_summary order by region_code, quarter, pooling_area",
    ),
    // the budget figures the triggers keep (spend per county × quarter, every level)
    budgetSummary: await rowsOf(
      db,
      "select region_code, quarter, year, spent_fen::text, row_count from payment.budget_spend_summary order by 1, 2, 3",
    ),
    budgetLevels: await rowsOf(
      db,
      `select 'budget' as t, depth, region_code, year::text as period, budget_fen::text as fen, source_rows::text from payment.budget_level
      union all select 'pool', depth, region_code, year::text, budget_fen::text, source_rows::text from payment.pool_budget_level
      union all select 'spend', depth, region_code, quarter || ':' || year, spent_fen::text, source_rows::text from payment.budget_spend_level
      order by 1, 2, 3, 4`,
    ),
    budgets: await rowsOf(
      db,
      `select b.kind, b.key, b.year, b.budget_fen::text, b.surplus_retained_share::text,
        b.overspend_shared_share::text, s.quarter, s.spent_fen::text
      from payment.global_budget b left join payment.global_budget_spend s on s.budget_id = b.id
      order by 1, 2, 3, 7`,
    ),
    settlements: await rowsOf(
      db,
      `select s.pooling_area, s.year, s.status, s.budget_fen::text, s.total_points::text, s.point_value::text,
        s.closed_by is not null as closed, l.institution_id, l.region_code, l.points::text, l.gross_fen::text,
        l.prepaid_fen::text, l.deduction_fen::text, l.net_fen::text
      from payment.dip_settlement s join payment.dip_settlement_line l on l.settlement_id = s.id
      order by 1, 2, 8`,
    ),
    institutions: await rowsOf(db, "select * from payment.dip_institution order by institution_id"),
  };
}

describe("payment demo load (first start)", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("stores by COPY exactly what the insert path stores: cases, budgets, settlements, summaries", async () => {
    // Two PGlite instances (one in memory, one in a temporary folder: memory:// is shared per process).
    const dir = mkdtempSync(join(tmpdir(), "hsa-payment-demo-"));
    const copied = await openDatabase({ subgraph: "payment", pgliteDataDir: "memory://" });
    const inserted = await openDatabase({ subgraph: "payment", pgliteDataDir: dir });
    handles.push(copied, inserted);
    for (const h of [copied, inserted]) await h.migrate(migrationsFolder, "payment");

    const load = await loadPaymentDemo(copied.db, undefined, { scope: SCOPE });
    expect(load).toMatchObject({ skipped: false });
    expect(load.inserted).toBeGreaterThan(0);
    await insertPaymentDemo(inserted.db, demoPayment({ scope: SCOPE }));

    const [a, b] = [await snapshot(copied.db), await snapshot(inserted.db)];
    expect(a.cases.length).toBeGreaterThan(0);
    expect(a.budgetSummary.length).toBeGreaterThan(0);
    expect(a.budgetLevels.length).toBeGreaterThan(a.budgetSummary.length);
    expect(new Set(a.settlements.map((s) => `${s.year}:${s.status}`))).toEqual(
      new Set(["2021:CLOSED", "2022:CLOSED", "2023:CLOSED", "2024:OPEN"]),
    );
    expect(a).toEqual(b);
    // A second start reuses the data.
    expect(await loadPaymentDemo(copied.db, undefined, { scope: SCOPE })).toEqual({
      inserted: 0,
      skipped: true,
    });
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});
