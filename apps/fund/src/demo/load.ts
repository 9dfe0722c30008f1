import { bulkLoad, copyRows, type Database, toNumber } from "@hsa/db";
import { sql } from "drizzle-orm";
import { assistance, fundBalance, outpatientPooling, remoteSettlement } from "../db/schema";
import { demoFund, type FundDemo } from "./index";

export const DEMO_REPORTER = "demo-data";

const keys = <T extends object>(row: T) => [...Object.keys(row), "reportedBy"] as never[];

/** COPYs a fund demo into the four tables in one transaction. Returns the rows inserted. */
export async function insertFundDemo(
  db: Database,
  demo: FundDemo,
  reporter = DEMO_REPORTER,
): Promise<number> {
  const stamp = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, reportedBy: reporter }));
  return bulkLoad(db, async (w) => {
    let n = 0;
    const [b, r, p, a] = [demo.balances[0], demo.remote[0], demo.pooling[0], demo.assistance[0]];
    if (b) n += await copyRows(w, fundBalance, keys(b), stamp(demo.balances) as never);
    if (r) n += await copyRows(w, remoteSettlement, keys(r), stamp(demo.remote) as never);
    if (p) n += await copyRows(w, outpatientPooling, keys(p), stamp(demo.pooling) as never);
    if (a) n += await copyRows(w, assistance, keys(a), stamp(demo.assistance) as never);
    return n;
  });
}

/**
 * Loads the demo dataset (every reporting unit of the country) into an empty fund database by COPY,
 * in one transaction; a database that already holds figures is left alone (a second start reuses them).
 */
export async function loadFundDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(outpatientPooling);
  if (toNumber(row?.n) > 0) return { inserted: 0, skipped: true };
  const demo = demoFund();
  onProgress?.(1, 1);
  const inserted = await insertFundDemo(db, demo);
  return { inserted, skipped: false };
}
