import type { Database } from "@hsa/db";
import { bulkLoad, copyRows } from "@hsa/db";
import { demoEnrollment, demoRemoteRegistrations, type RemoteRegistrationFacts } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { quarterlyReport, remoteRegistration } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset (every reporting unit of the country) into an empty enrollment database
 * by COPY, in one transaction per table: the quarterly reports, and the remote-care registrations by
 * scheme. A table that already holds rows is left alone (a second start reuses the data; a database
 * from before the registrations gets them on its next start). Returns the rows inserted.
 */
export async function loadEnrollmentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  // Whether a table holds any row (not count(*): a full scan of ≈140,000 rows on every start).
  const empty = async (t: typeof quarterlyReport | typeof remoteRegistration) =>
    (await db.select({ one: sql<number>`1` }).from(t).limit(1)).length === 0;
  let inserted = 0;
  let skipped = true;
  if (await empty(quarterlyReport)) {
    const rows = demoEnrollment().map((f) => ({ ...f, reportedBy: DEMO_REPORTER }));
    onProgress?.(rows.length, rows.length);
    inserted += await bulkLoad(db, (w) =>
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
    skipped = false;
  }
  if (await empty(remoteRegistration)) {
    inserted += await insertRemoteRegistrations(db, demoRemoteRegistrations());
    skipped = false;
  }
  return { inserted, skipped };
}

/** COPYs remote-care registrations (demo facts) into their table in one transaction. Returns the rows inserted. */
export async function insertRemoteRegistrations(
  db: Database,
  facts: readonly RemoteRegistrationFacts[],
  reporter = DEMO_REPORTER,
): Promise<number> {
  if (!facts.length) return 0;
  const rows = facts.map((f) => ({ ...f, reportedBy: reporter }));
  return bulkLoad(db, (w) =>
    copyRows(w, remoteRegistration, ["regionCode", "quarter", "scheme", "registrations", "reportedBy"], rows),
  );
}
