import type { Database } from "@hsa/db";
import { bulkLoad, copyRows } from "@hsa/db";
import { demoProcurement, type ProcurementDemo, vbpBatches } from "@hsa/demo-data";
import { reportingUnits } from "@hsa/regions";
import { sql } from "drizzle-orm";
import { purchase, vbpAgreement, vbpBatch, vbpProduct, vbpProgress } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/** Rows kept in memory before they are COPYed (one county's are ≈2,000 in a full registry). */
const FLUSH_ROWS = 50_000;

/**
 * Loads the demo dataset (every reporting unit: purchases, VBP agreements and progress of
 * @hsa/demo-data's institutions) into an empty procurement database by COPY, in one transaction;
 * a database that already holds purchases is left alone. Generated county by county and flushed
 * every ~50,000 rows, so memory stays flat. Where two agreement years of a product meet in one
 * quarter, that quarter's first progress row is kept (as `insertProcurementDemo` does). Returns
 * the rows inserted.
 */
export async function loadProcurementDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  // Any purchase at all (not count(*): a full scan of ≈900,000 rows on every start).
  const [any] = await db.select({ one: sql<number>`1` }).from(purchase).limit(1);
  if (any) return { inserted: 0, skipped: true };
  const units = reportingUnits(opts.scope ?? "000000");
  await insertBatches(db, vbpBatches);
  const inserted = await bulkLoad(db, async (w) => {
    let purchases: ProcurementDemo["purchases"] = [];
    let agreements: ProcurementDemo["agreements"] = [];
    let progress: ProcurementDemo["progress"] = [];
    let done = 0;
    const flush = async () => {
      done += await copyRows(
        w,
        purchase,
        [
          "institutionId",
          "regionCode",
          "quarter",
          "category",
          "totalFen",
          "networkFen",
          "reportedOffNetworkFen",
          "reportedBy",
        ],
        purchases.map((p) => ({ ...p, reportedBy: DEMO_REPORTER })),
      );
      // Progress before agreements: bulkLoad inserts in this order, so the VBP summary's trigger finds
      // no agreement for the progress rows and the agreements' insert computes every county once.
      done += await copyRows(
        w,
        vbpProgress,
        ["institutionId", "regionCode", "productId", "quarter", "purchasedVolume", "reportedBy"],
        progress.map((p) => ({ ...p, reportedBy: DEMO_REPORTER })),
      );
      done += await copyRows(
        w,
        vbpAgreement,
        ["institutionId", "regionCode", "productId", "startDate", "endDate", "startQuarter", "agreedVolume"],
        agreements,
      );
      purchases = [];
      agreements = [];
      progress = [];
    };
    for (const [k, unit] of units.entries()) {
      const part = demoProcurement({ scope: unit.code });
      purchases.push(...part.purchases);
      agreements.push(...part.agreements);
      const seen = new Set<string>();
      for (const p of part.progress) {
        const key = `${p.institutionId}|${p.productId}|${p.quarter}`;
        if (seen.has(key)) continue;
        seen.add(key);
        progress.push(p);
      }
      if (purchases.length + agreements.length + progress.length >= FLUSH_ROWS) {
        await flush();
        onProgress?.(k + 1, units.length);
      }
    }
    await flush();
    onProgress?.(units.length, units.length);
    return done;
  });
  return { inserted, skipped: false };
}

async function insertBatches(db: Database, batches: ProcurementDemo["batches"]) {
  await db
    .insert(vbpBatch)
    .values(batches.map((b) => ({ id: b.id, name: b.name, level: b.level })))
    .onConflictDoNothing();
  await db
    .insert(vbpProduct)
    .values(batches.flatMap((b) => b.products.map((p) => ({ ...p, batchId: b.id }))))
    .onConflictDoNothing();
}

/** Inserts a procurement demo dataset (batches and products once), in one transaction. */
export async function insertProcurementDemo(
  db: Database,
  demo: ProcurementDemo,
  onProgress?: (done: number, total: number) => void,
  opts: { withBatches?: boolean } = {},
): Promise<number> {
  const total = demo.purchases.length + demo.agreements.length + demo.progress.length;
  let done = 0;
  const chunk = 3000;
  await db.transaction(async (t) => {
    const tx = t as unknown as Database;
    if (opts.withBatches !== false) await insertBatches(tx, demo.batches);
    const purchases = demo.purchases.map((p) => ({ ...p, reportedBy: DEMO_REPORTER }));
    for (let i = 0; i < purchases.length; i += chunk) {
      await tx
        .insert(purchase)
        .values(purchases.slice(i, i + chunk))
        .onConflictDoNothing();
      done += Math.min(chunk, purchases.length - i);
      onProgress?.(done, total);
    }
    for (let i = 0; i < demo.agreements.length; i += chunk) {
      await tx
        .insert(vbpAgreement)
        .values(demo.agreements.slice(i, i + chunk))
        .onConflictDoNothing();
      done += Math.min(chunk, demo.agreements.length - i);
      onProgress?.(done, total);
    }
    const progress = demo.progress.map((p) => ({ ...p, reportedBy: DEMO_REPORTER }));
    for (let i = 0; i < progress.length; i += chunk) {
      await tx
        .insert(vbpProgress)
        .values(progress.slice(i, i + chunk))
        .onConflictDoNothing();
      done += Math.min(chunk, progress.length - i);
      onProgress?.(done, total);
    }
  });
  return total;
}
