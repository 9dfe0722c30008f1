// Migration 0009 on a database that already holds VBP rows (a real PGlite): migrated to 0008 first,
// loaded with products without a price, agreements and progress, then migrated on. The demo's
// products get the demo's 中选价, vbp_summary is refilled with amounts equal to `vbpSums` over the
// raw rows, and a product whose price the migration cannot know stops it, named, with nothing changed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DbHandle, openDatabase, rowsOf } from "@hsa/db";
import { demoProcurement, vbpBatches } from "@hsa/demo-data";
import { quarterRange } from "@hsa/periods";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { vbpSums } from "../src";
import { vbpAgreement, vbpProgress } from "../src/db/schema";

const folder = fileURLToPath(new URL("../drizzle", import.meta.url));
let before0009: string;

beforeAll(() => {
  // The migrations folder as it was before 0009.
  before0009 = mkdtempSync(join(tmpdir(), "procurement-0008-"));
  cpSync(folder, before0009, { recursive: true });
  const journalPath = join(before0009, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 8);
  writeFileSync(journalPath, JSON.stringify(journal));
  for (const f of ["0009_vbp_price.sql", "meta/0009_snapshot.json"]) rmSync(join(before0009, f));
  return () => rmSync(before0009, { recursive: true, force: true });
});

let handle: DbHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const rows = async (h: DbHandle, text: string) => rowsOf<Record<string, string>>(await h.db.execute(text));

/** A database at 0008 holding the demo's VBP rows of 鄂温克族自治旗 (products without a price). */
async function oldDatabase(): Promise<DbHandle> {
  const h = await openDatabase({ subgraph: "procurement", pgliteDataDir: "memory://" });
  // the copy's shared migrations (`--> include`) resolve from the real folder
  await h.migrate(before0009, "procurement", { resolveFrom: folder });
  const demo = demoProcurement({ scope: "150724", from: "2023Q1", to: "2024Q2" });
  for (const b of vbpBatches) {
    await h.db.execute(
      `insert into procurement.vbp_batch (id, name, level) values ('${b.id}', '${b.name}', '${b.level}')`,
    );
    for (const p of b.products)
      await h.db.execute(`insert into procurement.vbp_product (id, batch_id, name, unit)
        values ('${p.id}', '${b.id}', '${p.name}', '${p.unit}')`);
  }
  await h.db.insert(vbpAgreement).values(demo.agreements);
  await h.db
    .insert(vbpProgress)
    .values(demo.progress.map((p) => ({ ...p, reportedBy: "test" })))
    .onConflictDoNothing();
  return h;
}

describe("migration 0009 (中选价, amount-weighted vbp_summary)", { timeout: 120_000 }, () => {
  it("backfills the demo products' prices and refills the summary with amounts equal to vbpSums", async () => {
    handle = await oldDatabase();
    await handle.migrate(folder, "procurement");
    const prices = await rows(handle, "select id, price_fen::text from procurement.vbp_product order by id");
    expect(prices).toEqual(
      vbpBatches
        .flatMap((b) => b.products.map((p) => ({ id: p.id, price_fen: String(p.priceFen) })))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    const summary = await rows(
      handle,
      `select quarter, agreed_fen::text, purchased_fen::text, institutions::text, behind::text,
         round(elapsed_agreed_fen, 6)::text as elapsed
       from procurement.vbp_summary where region_code = '150724' order by quarter`,
    );
    const fresh = await vbpSums(handle.db, "150724", quarterRange("2022Q1", "2024Q4"));
    expect(summary.length).toBeGreaterThan(4);
    expect(summary).toEqual(
      [...fresh]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([quarter, v]) => ({
          quarter,
          agreed_fen: String(v.agreedFen),
          purchased_fen: String(v.purchasedFen),
          institutions: String(v.institutions),
          behind: String(v.behind),
          elapsed: v.elapsedAgreedFen.toFixed(6),
        })),
    );
    // a price below zero is refused
    await expect(
      handle.db.execute("update procurement.vbp_product set price_fen = -1 where id = 'national-7-01'"),
    ).rejects.toThrow();
  });

  it("stops on a product whose price it cannot know, naming it, and goes on once the price is entered", async () => {
    handle = await oldDatabase();
    await handle.db.execute(`insert into procurement.vbp_product (id, batch_id, name, unit)
      values ('province-1-01', 'national-7', '某省中选产品', '盒')`);
    const failed = await handle.migrate(folder, "procurement").then(
      () => null,
      (e: Error) => e,
    );
    // the driver's error wraps PostgreSQL's, which names the product
    expect((failed?.cause as Error | undefined)?.message).toMatch(
      /no 中选价 known for VBP products province-1-01/,
    );
    // nothing of 0009 stayed: the summary still holds volumes
    const columns = await rows(
      handle,
      `select column_name from information_schema.columns
       where table_schema = 'procurement' and table_name = 'vbp_summary' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toContain("agreed_volume");
    // as the migration's header says: add the column and enter the price by hand, then migrate
    await handle.db.execute("alter table procurement.vbp_product add column price_fen bigint");
    await handle.db.execute("update procurement.vbp_product set price_fen = 4250 where id = 'province-1-01'");
    await handle.migrate(folder, "procurement");
    const [entered] = await rows(
      handle,
      "select price_fen::text from procurement.vbp_product where id = 'province-1-01'",
    );
    expect(entered?.price_fen).toBe("4250");
  });
});
