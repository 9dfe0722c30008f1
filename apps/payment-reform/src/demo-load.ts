import { bulkLoadInWorker, type Database, prefetchBulkLoad, rowsOf } from "@hsa/db";
import { sql } from "drizzle-orm";
import * as t from "./db/schema";
import type { PaymentDemoWork } from "./demo-produce";

/**
 * Loads the demo dataset (every pooling area of the country, see @hsa/demo-data `demoPayment`)
 * into an empty payment database by COPY, in one transaction, with the settlements of its closed
 * (CLOSED) and open (OPEN) years computed from the same aggregates with the same settlement math
 * as `insertPaymentDemo` (Σ points and prepayments per institution, the pool's budget). A database
 * that already holds DIP cases is left alone. The rows are generated on a worker thread
 * (./demo-produce) while this one writes them. Returns the rows inserted.
 */
export async function loadPaymentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  const [any] = await db.select({ id: t.dipCaseAggregate.institutionId }).from(t.dipCaseAggregate).limit(1);
  if (any) return { inserted: 0, skipped: true };
  const [next] = rowsOf<{ budget: number; settlement: number }>(
    await db.execute(sql`select
      (select coalesce(max(id), 0)::int + 1 from ${t.globalBudget}) as budget,
      (select coalesce(max(id), 0)::int + 1 from ${t.dipSettlement}) as settlement`),
  );
  const work: PaymentDemoWork = {
    ...(opts.scope ? { scope: opts.scope } : {}),
    ids: { budget: Number(next?.budget ?? 1), settlement: Number(next?.settlement ?? 1) },
  };
  const inserted = await bulkLoadInWorker<number>(db, PRODUCER, work, onProgress);
  return { inserted, skipped: false };
}

const PRODUCER = new URL("./demo-produce.ts", import.meta.url);

/** Starts generating the whole country's demo for an empty database (ids from 1): see `prefetchDemo`. */
export function prefetchPaymentDemo(): void {
  prefetchBulkLoad(PRODUCER, { ids: { budget: 1, settlement: 1 } } satisfies PaymentDemoWork);
}
