import type { Database } from "@hsa/db";
import { toNumber } from "@hsa/db";
import {
  demoProcurement,
  type ProcurementDemo,
  SUPERVISION_DEMO_PROVINCES,
  vbpBatches,
} from "@hsa/demo-data";
import { isInSubtree, reportingUnits } from "@hsa/regions";
import { sql } from "drizzle-orm";
import { purchase, vbpAgreement, vbpBatch, vbpProduct, vbpProgress } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset into an empty procurement database, in one transaction; a database
 * that already holds purchases is left alone. Returns the rows inserted.
 */
export async function loadProcurementDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(purchase);
  if (toNumber(row?.n) > 0) return { inserted: 0, skipped: true };
  // County by county, so only one county's rows are in memory at a time (≈500k rows in all).
  const units = SUPERVISION_DEMO_PROVINCES.flatMap((p) => reportingUnits(p)).filter(
    (u) => !opts.scope || isInSubtree(u.code, opts.scope),
  );
  let inserted = 0;
  await db.transaction(async (tx) => {
    await insertBatches(tx as unknown as Database, vbpBatches);
    for (const [k, unit] of units.entries()) {
      inserted += await insertProcurementDemo(
        tx as unknown as Database,
        demoProcurement({ scope: unit.code }),
        undefined,
        {
          withBatches: false,
        },
      );
      onProgress?.(k + 1, units.length);
    }
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
