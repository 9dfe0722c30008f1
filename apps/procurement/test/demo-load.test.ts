// The first start's demo load (COPY, county by county) stores exactly what the tests' insert path
// (`insertProcurementDemo`) stores: same purchases, VBP agreements and progress, same summaries.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, type DbHandle, openDatabase } from "@hsa/db";
import { demoProcurement } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { insertProcurementDemo, loadProcurementDemo, migrationsFolder } from "../src";

const SCOPE = "150700"; // 呼伦贝尔, with 鄂温克族自治旗's seeded 2023Q1

async function rowsOf(db: Database, query: string) {
  const res = await db.execute(sql.raw(query));
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

async function snapshot(db: Database) {
  return {
    purchases: await rowsOf(
      db,
      `select institution_id, region_code, quarter, category, total_fen::text, network_fen::text,
        reported_off_network_fen::text from procurement.purchase order by 1, 3, 4`,
    ),
    agreements: await rowsOf(
      db,
      `select institution_id, region_code, product_id, start_date, end_date, start_quarter, agreed_volume::text
      from procurement.vbp_agreement order by 1, 3, 4`,
    ),
    progress: await rowsOf(
      db,
      `select institution_id, region_code, product_id, quarter, purchased_volume::text
      from procurement.vbp_progress order by 1, 3, 4`,
    ),
    purchaseSummary: await rowsOf(db, "select * from procurement.purchase_summary order by 1, 2, 3"),
    vbpSummary: await rowsOf(db, "select * from procurement.vbp_summary order by 1, 2"),
  };
}

describe("procurement demo load (first start)", () => {
  const handles: DbHandle[] = [];
  const dir = mkdtempSync(join(tmpdir(), "hsa-procurement-demo-"));
  afterAll(async () => {
    for (const h of handles) await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores by COPY exactly what insertProcurementDemo stores, and a second start reuses it", async () => {
    // Two PGlite instances (memory:// is one shared instance per process).
    const copied = await openDatabase({ subgraph: "procurement", pgliteDataDir: "memory://" });
    const inserted = await openDatabase({ subgraph: "procurement", pgliteDataDir: dir });
    handles.push(copied, inserted);
    for (const h of [copied, inserted]) await h.migrate(migrationsFolder, "procurement");

    const load = await loadProcurementDemo(copied.db, undefined, { scope: SCOPE });
    expect(load.skipped).toBe(false);
    await insertProcurementDemo(inserted.db, demoProcurement({ scope: SCOPE }));

    const [a, b] = [await snapshot(copied.db), await snapshot(inserted.db)];
    expect(load.inserted).toBe(a.purchases.length + a.agreements.length + a.progress.length);
    expect(a.vbpSummary.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
    expect(await loadProcurementDemo(copied.db, undefined, { scope: SCOPE })).toEqual({
      inserted: 0,
      skipped: true,
    });
  }, 600_000);
});
