import type { Database } from "@hsa/db";
import { bulkLoadInWorker, prefetchBulkLoad, toNumber } from "@hsa/db";
import { type ProcurementDemo, vbpBatches } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { purchase, vbpAgreement, vbpBatch, vbpProduct, vbpProgress } from "./db/schema";
import type { ProcurementDemoWork } from "./demo-produce";
import { DEMO_REPORTER } from "./demo-reporter";

export { DEMO_REPORTER };

const PRODUCER = new URL("./demo-produce.ts", import.meta.url);

/**
 * Loads the demo dataset (every reporting unit: purchases, VBP agreements and progress of
 * @hsa/demo-data's institutions) into an empty procurement database by COPY, in one transaction;
 * a database that already holds purchases is left alone. The rows are generated county by county
 * on a worker thread (./demo-produce) while this one writes them. Returns the rows inserted.
 */
export async function loadProcurementDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(purchase);
  if (toNumber(row?.n) > 0) return { inserted: 0, skipped: true };
  await insertBatches(db, vbpBatches);
  const work: ProcurementDemoWork = opts.scope ? { scope: opts.scope } : {};
  const inserted = await bulkLoadInWorker<number>(db, PRODUCER, work, onProgress);
  return { inserted, skipped: false };
}

/** Starts generating the whole country's demo: see `prefetchDemo`. */
export function prefetchProcurementDemo(): void {
  prefetchBulkLoad(PRODUCER, {} satisfies ProcurementDemoWork);
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
