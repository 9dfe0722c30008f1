// The first start's demo load (COPY, inspections numbered by the loader) stores exactly what the
// tests' insert path (`insertDemo`) stores: same institutions and agreement history, same
// inspections with the same ids, same dispositions on them, same summaries.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, type DbHandle, openDatabase } from "@hsa/db";
import { demoSupervision } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_REPORTER, insertDemo, loadSupervisionDemo, migrationsFolder } from "../src";

const SCOPE = "150700"; // 呼伦贝尔, with 鄂温克族自治旗's seeded inspections

async function rowsOf(db: Database, query: string) {
  const res = await db.execute(sql.raw(query));
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

async function snapshot(db: Database) {
  return {
    institutions: await rowsOf(
      db,
      "select id, name, kind, grade, ownership, region_code, agreement_status, agreement_start, agreement_end from supervision.institution order by id",
    ),
    history: await rowsOf(
      db,
      "select institution_id, effective_on, status, agreement_end, source from supervision.agreement_history order by institution_id, effective_on, status",
    ),
    inspections: await rowsOf(
      db,
      "select id, institution_id, region_code, inspected_on, quarter, kind, findings from supervision.inspection order by id",
    ),
    dispositions: await rowsOf(
      db,
      "select inspection_id, kind, amount_fen::text, note from supervision.disposition order by inspection_id, kind, amount_fen, id",
    ),
    inspectionSummary: await rowsOf(db, "select * from supervision.inspection_summary order by 1, 2"),
    dispositionSummary: await rowsOf(db, "select * from supervision.disposition_summary order by 1, 2, 3"),
  };
}

describe("supervision demo load (first start)", () => {
  const handles: DbHandle[] = [];
  const dir = mkdtempSync(join(tmpdir(), "hsa-supervision-demo-"));
  afterAll(async () => {
    for (const h of handles) await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores by COPY exactly what insertDemo stores, and a second start reuses it", async () => {
    // Two PGlite instances (memory:// is one shared instance per process).
    const copied = await openDatabase({ subgraph: "supervision", pgliteDataDir: "memory://" });
    const inserted = await openDatabase({ subgraph: "supervision", pgliteDataDir: dir });
    handles.push(copied, inserted);
    for (const h of [copied, inserted]) await h.migrate(migrationsFolder, "supervision");

    const load = await loadSupervisionDemo(copied.db, undefined, { scope: SCOPE });
    const demo = demoSupervision({ scope: SCOPE });
    await insertDemo(inserted.db, demo, DEMO_REPORTER);
    const dispositions = demo.inspections.reduce((s, i) => s + i.dispositions.length, 0);
    expect(load).toEqual({
      inserted: demo.institutions.length + demo.inspections.length + dispositions,
      skipped: false,
    });

    const [a, b] = [await snapshot(copied.db), await snapshot(inserted.db)];
    expect(a.inspections).toHaveLength(demo.inspections.length);
    expect(a.inspectionSummary.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
    expect(await loadSupervisionDemo(copied.db, undefined, { scope: SCOPE })).toEqual({
      inserted: 0,
      skipped: true,
    });
  }, 600_000);
});
