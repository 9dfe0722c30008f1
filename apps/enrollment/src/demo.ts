import type { Database } from "@hsa/db";
import { bulkLoad, copyRows, toNumber } from "@hsa/db";
import { demoEnrollment } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { quarterlyReport } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset (every reporting unit of the country) into an empty enrollment database
 * by COPY, in one transaction; a database that already holds reports is left alone (a second
 * start reuses the data). Returns the rows inserted.
 */
export async function loadEnrollmentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(quarterlyReport);
  if (toNumber(row?.n) > 0) return { inserted: 0, skipped: true };
  const rows = demoEnrollment().map((f) => ({ ...f, reportedBy: DEMO_REPORTER }));
  const inserted = await bulkLoad(db, (w) =>
    copyRows(
      w,
      quarterlyReport,
      [
        "regionCode",
        "quarter",
        "insuredEmployee",
        "insuredResident",
        "registeredPopulation",
        "evoucherActivated",
        "settlementsTotal",
        "settlementsEvoucher",
        "remoteRegistrations",
        "remoteHospitalisations",
        "subsidisedPersons",
        "subsidyAmountFen",
        "reportedBy",
      ],
      rows,
    ),
  );
  onProgress?.(inserted, rows.length);
  return { inserted, skipped: false };
}
