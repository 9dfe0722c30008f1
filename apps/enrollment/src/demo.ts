import type { Database } from "@hsa/db";
import { toNumber } from "@hsa/db";
import { demoEnrollment } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { insertMissing } from "./db/queries";
import { quarterlyReport } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset into an empty enrollment database; a database that already holds
 * reports is left alone (a second start reuses the data). Returns the rows inserted.
 */
export async function loadEnrollmentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(quarterlyReport);
  if (toNumber(row?.n) > 0) return { inserted: 0, skipped: true };
  const facts = demoEnrollment();
  const rows = facts.map((f) => ({ ...f, reportedBy: DEMO_REPORTER }));
  let inserted = 0;
  const chunk = 4000;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += chunk) {
      inserted += await insertMissing(tx as unknown as Database, rows.slice(i, i + chunk));
      onProgress?.(Math.min(i + chunk, rows.length), rows.length);
    }
  });
  return { inserted, skipped: false };
}
